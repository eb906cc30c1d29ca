#include "http/routes/common.hpp"

#include "app/serialize.hpp"
#include "http/error_response.hpp"
#include "http/json_input.hpp"

namespace tl::http {

namespace json = boost::json;

Response JsonAnswer(int status, const json::value& body) {
    return Response::Json(status, json::serialize(body));
}

Response Versioned(int status, const json::object& body, std::int64_t version) {
    Response r = Response::Json(status, json::serialize(body));
    r.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
    return r;
}

Response PageAnswer(json::array data, const std::string& next_cursor) {
    json::object body{
        {"data", std::move(data)},
        {"next_cursor", next_cursor.empty() ? json::value(nullptr) : json::value(next_cursor)}};
    return JsonAnswer(200, body);
}

Response StaleVersion(const Error& error, const json::object& current) {
    json::object body = ErrorBody(error);
    body["current"] = current;
    Response r = JsonAnswer(412, body);
    if (const auto* v = current.if_contains("version"); v && v->is_int64()) {
        r.SetHeader("ETag", "\"" + std::to_string(v->as_int64()) + "\"");
    }
    return r;
}

Result<std::optional<std::int64_t>> IfMatchVersion(const Request& req) {
    auto header = req.Header("if-match");
    if (!header) {
        return std::optional<std::int64_t>();
    }
    std::string_view v = *header;
    if (v == "*") {
        return std::optional<std::int64_t>();
    }
    if (v.starts_with("W/")) {
        v.remove_prefix(2);
    }
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
    }
    const auto n = ParseInteger(v);
    // 0 is the version of what was never saved (a product's default backlog settings).
    if (!n || *n < 0) {
        return Fail(ValidationFailed({{"If-Match", "must be a version such as \"3\""}}));
    }
    return n;
}

json::object HistoryEntryJson(const app::HistoryEntry& entry) {
    const auto& e = entry.event;
    json::value changes = json::parse(e.changes.empty() ? "{}" : e.changes);
    json::value actor = nullptr;
    if (!e.actor_id.empty()) {
        actor = json::object{{"id", e.actor_id}, {"name", entry.actor_name}};
    }
    return json::object{
        {"id", std::to_string(e.seq)},
        {"at", app::FormatTime(e.at)},
        {"actor", std::move(actor)},
        {"entity_type", e.entity_type},
        {"entity_id", e.entity_id},
        {"product_id", e.product_id.empty() ? json::value(nullptr) : json::value(e.product_id)},
        {"action", e.action},
        {"changes", std::move(changes)}};
}

Response HistoryAnswer(const app::HistoryPage& page) {
    json::array data;
    for (const auto& entry : page.entries) {
        data.push_back(HistoryEntryJson(entry));
    }
    return PageAnswer(std::move(data), page.next_before ? std::to_string(page.next_before) : "");
}

Result<HistoryQuery> ReadHistoryQuery(const Request& req) {
    TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
    HistoryQuery q;
    q.limit = page.limit;
    if (!page.cursor.empty()) {
        const auto before = ParseInteger(page.cursor);
        if (!before || *before < 1) {
            return Fail(ValidationFailed({{"cursor", "is not a cursor this server issued"}}));
        }
        q.before = *before;
    }
    return q;
}

std::string_view RequestCredentials(const Request& req) {
    if (auto auth = req.Header("authorization")) {
        constexpr std::string_view kBearer = "Bearer ";
        if (auth->size() > kBearer.size() && auth->substr(0, kBearer.size()) == kBearer) {
            return auth->substr(kBearer.size());
        }
        return {};
    }
    if (auto cookie = req.Header("cookie")) {
        return CookieValue(*cookie, kSessionCookie);
    }
    return {};
}

std::string_view CookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto semi = header.find(';');
        std::string_view part = header.substr(0, semi);
        while (!part.empty() && part.front() == ' ') {
            part.remove_prefix(1);
        }
        auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) {
            return part.substr(eq + 1);
        }
        if (semi == std::string_view::npos) {
            break;
        }
        header.remove_prefix(semi + 1);
    }
    return {};
}

}  // namespace tl::http
