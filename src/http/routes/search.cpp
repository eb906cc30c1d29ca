// GET /api/v1/search: full-text search over the backlog items the caller may read.
#include "app/backlog/search.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

// Longer text is no search-box query; it is refused before anything is split.
constexpr std::size_t kMaxQueryBytes = 1'000;
constexpr int kDefaultLimit = 20;

constexpr char kMarkStart = '\x02';
constexpr char kMarkEnd = '\x03';

// `marked` (matches between \x02 and \x03) as HTML: the text escaped (& < > " '), the marks
// as <mark> … </mark>.
std::string MarkedToHtml(std::string_view marked) {
    std::string out;
    out.reserve(marked.size() + 16);
    for (char c : marked) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case kMarkStart:
                out += "<mark>";
                break;
            case kMarkEnd:
                out += "</mark>";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

}  // namespace

void AddSearchRoutes(Router& router) {
    router.Add(
        "GET",
        "/api/v1/search",
        domain::Action::kAuthenticated,
        [](Request& req, Call& call) -> Result<Response> {
            domain::Issues issues;
            const std::string_view q = req.Query("q").value_or("");
            if (q.size() > kMaxQueryBytes) {
                issues.push_back(
                    {"q", "must be at most " + std::to_string(kMaxQueryBytes) + " bytes"});
            }
            int limit = kDefaultLimit;
            if (auto text = req.Query("limit")) {
                const auto n = ParseInteger(*text);
                if (!n || *n < 1 || *n > app::kMaxSearchLimit) {
                    issues.push_back({"limit",
                                      "must be an integer between 1 and " +
                                          std::to_string(app::kMaxSearchLimit)});
                } else {
                    limit = static_cast<int>(*n);
                }
            }
            if (!issues.empty()) {
                return Fail(ValidationFailed(std::move(issues)));
            }
            const std::string product_id(req.Query("product_id").value_or(""));
            TL_ASSIGN_OR_RETURN(auto results,
                                app::SearchItems(call.app, call.actor, q, product_id, limit));
            json::array data;
            for (const auto& r : results) {
                data.push_back(json::object{{"item",
                                             json::object{{"id", r.item.id},
                                                          {"key", r.key},
                                                          {"title", r.item.title},
                                                          {"type", domain::ToString(r.item.type)},
                                                          {"status", r.item.status},
                                                          {"product_id", r.item.product_id}}},
                                            {"score", r.score},
                                            {"title", MarkedToHtml(r.title)},
                                            {"snippet", MarkedToHtml(r.snippet)}});
            }
            return JsonAnswer(200, json::object{{"data", std::move(data)}});
        });
}

}  // namespace tl::http
