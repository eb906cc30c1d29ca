#include "app/serialize.hpp"

#include <cmath>
#include <ctime>

namespace tl::app {

namespace json = boost::json;

std::string FormatTime(std::int64_t ms) {
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    int millis = static_cast<int>(ms % 1000);
    if (millis < 0) {
        millis += 1000;
        --secs;
    }
    std::tm tm{};
    gmtime_r(&secs, &tm);
    // Written digit by digit: every API answer carries several timestamps.
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](std::size_t at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, tm.tm_year + 1900, 4);
    put(5, tm.tm_mon + 1, 2);
    put(8, tm.tm_mday, 2);
    put(11, tm.tm_hour, 2);
    put(14, tm.tm_min, 2);
    put(17, tm.tm_sec, 2);
    put(20, millis, 3);
    return out;
}

json::value TimeOrNull(std::int64_t ms) {
    if (ms == 0) {
        return nullptr;
    }
    return json::value(FormatTime(ms));
}

json::value MsOrNull(std::int64_t ms) {
    if (ms == 0) {
        return nullptr;
    }
    return ms;
}

json::value StringOrNull(const std::string& s) {
    if (s.empty()) {
        return nullptr;
    }
    return json::value(s);
}

json::value UserRefOrNull(const std::string& id, const std::string& name) {
    if (id.empty()) {
        return nullptr;
    }
    return json::object{{"id", id}, {"name", name}};
}

json::value PointsJson(double points) {
    if (std::isfinite(points) && std::floor(points) == points && std::fabs(points) < 1e15) {
        return json::value(static_cast<std::int64_t>(points));
    }
    return json::value(points);
}

json::value PointsOrNull(const std::optional<double>& points) {
    if (!points) {
        return nullptr;
    }
    return PointsJson(*points);
}

json::object ToJson(const domain::Workspace& w) {
    return {{"id", w.id}, {"name", w.name}, {"created_at", FormatTime(w.created_at)}};
}

json::object ToJson(const domain::User& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"is_admin", u.is_admin},
            {"version", u.version},
            {"created_at", FormatTime(u.created_at)},
            {"updated_at", FormatTime(u.updated_at)}};
}

json::object ToJson(const domain::Product& p) {
    return {{"id", p.id},
            {"key", p.key},
            {"name", p.name},
            {"description", p.description},
            {"stage", domain::ToString(p.stage)},
            {"version", p.version},
            {"created_at", FormatTime(p.created_at)},
            {"updated_at", FormatTime(p.updated_at)}};
}

json::object ToJson(const domain::Team& t) {
    json::array members;
    for (const auto& id : t.member_ids) {
        members.emplace_back(id);
    }
    return {{"id", t.id},
            {"name", t.name},
            {"product_id", t.product_id.empty() ? json::value(nullptr) : json::value(t.product_id)},
            {"member_ids", std::move(members)},
            {"version", t.version},
            {"created_at", FormatTime(t.created_at)},
            {"updated_at", FormatTime(t.updated_at)}};
}

json::object ToJson(const domain::RoleAssignment& a) {
    return {{"id", a.id},
            {"product_id", a.product_id},
            {"user_id", a.user_id},
            {"role", domain::ToString(a.role)},
            {"created_at", FormatTime(a.created_at)}};
}

json::object ToJson(const domain::AuthToken& t) {
    return {{"id", t.id},
            {"name", t.name},
            {"kind", t.kind == domain::TokenKind::kApi ? "api" : "session"},
            {"created_at", FormatTime(t.created_at)},
            {"expires_at", TimeOrNull(t.expires_at)},
            {"last_used_at", TimeOrNull(t.last_used_at)},
            {"revoked_at", TimeOrNull(t.revoked_at)}};
}

json::object Diff(const json::object& before, const json::object& after) {
    json::object changes;
    auto ignored = [](std::string_view k) { return k == "version" || k == "updated_at"; };
    for (const auto& [k, v] : after) {
        if (ignored(k)) {
            continue;
        }
        const json::value* old = before.if_contains(k);
        if (!old || *old != v) {
            changes[k] = {{"before", old ? *old : json::value(nullptr)}, {"after", v}};
        }
    }
    for (const auto& [k, v] : before) {
        if (!ignored(k) && !after.contains(k)) {
            changes[k] = {{"before", v}, {"after", nullptr}};
        }
    }
    return changes;
}

}  // namespace tl::app
