#include "http/json_input.hpp"

#include <charconv>

#include "http/request.hpp"

namespace tl::http {

namespace json = boost::json;

Result<JsonInput> JsonInput::Parse(std::string_view body) {
    json::error_code ec;
    json::parse_options opts;
    opts.max_depth = 32;
    json::value v = json::parse(body, ec, {}, opts);
    if (ec) {
        return Fail(MakeError(ErrorCode::kMalformedJson,
                              "the request body is not valid JSON: " + ec.message()));
    }
    if (!v.is_object()) {
        return Fail(ValidationFailed({{"(body)", "must be a JSON object"}}));
    }
    return JsonInput(std::move(v.as_object()));
}

const json::value* JsonInput::Take(std::string_view field) {
    read_.emplace(field);
    return obj_.if_contains(field);
}

std::optional<std::string> JsonInput::String(std::string_view field, std::size_t max_chars) {
    const json::value* v = Take(field);
    if (!v) {
        return std::nullopt;
    }
    if (!v->is_string()) {
        issues_.push_back({std::string(field), "must be a string"});
        return std::nullopt;
    }
    std::string s(v->as_string());
    if (domain::CodePoints(s) > max_chars) {
        issues_.push_back(
            {std::string(field), "must be at most " + std::to_string(max_chars) + " characters"});
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> JsonInput::NullableString(std::string_view field) {
    const json::value* v = obj_.if_contains(field);
    if (v && v->is_null()) {
        read_.emplace(field);
        return std::string();
    }
    return String(field, 200);
}

std::optional<bool> JsonInput::Bool(std::string_view field) {
    const json::value* v = Take(field);
    if (!v) {
        return std::nullopt;
    }
    if (!v->is_bool()) {
        issues_.push_back({std::string(field), "must be true or false"});
        return std::nullopt;
    }
    return v->as_bool();
}

std::optional<std::int64_t> JsonInput::Int(std::string_view field,
                                           std::int64_t min,
                                           std::int64_t max) {
    const json::value* v = Take(field);
    if (!v) {
        return std::nullopt;
    }
    std::string range =
        "must be an integer between " + std::to_string(min) + " and " + std::to_string(max);
    if (v->is_int64()) {
        std::int64_t n = v->as_int64();
        if (n < min || n > max) {
            issues_.push_back({std::string(field), range});
            return std::nullopt;
        }
        return n;
    }
    if (v->is_uint64() || v->is_double()) {
        // Too large for int64, or not whole: both outside what any field accepts.
        issues_.push_back({std::string(field), range});
        return std::nullopt;
    }
    issues_.push_back({std::string(field), "must be a number"});
    return std::nullopt;
}

std::optional<std::vector<std::string>> JsonInput::StringArray(std::string_view field,
                                                               std::size_t max_items) {
    const json::value* v = Take(field);
    if (!v) {
        return std::nullopt;
    }
    if (!v->is_array()) {
        issues_.push_back({std::string(field), "must be an array of strings"});
        return std::nullopt;
    }
    const auto& arr = v->as_array();
    if (arr.size() > max_items) {
        issues_.push_back(
            {std::string(field), "must have at most " + std::to_string(max_items) + " entries"});
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string() || arr[i].as_string().size() > 200) {
            issues_.push_back({std::string(field) + "." + std::to_string(i),
                               "must be a string of at most 200 characters"});
            ok = false;
            continue;
        }
        out.emplace_back(arr[i].as_string());
    }
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::optional<double>> JsonInput::NullableNumber(std::string_view field,
                                                               double min,
                                                               double max) {
    const json::value* v = Take(field);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->is_null()) {
        return std::optional<double>();
    }
    double d = 0;
    if (v->is_int64()) {
        d = static_cast<double>(v->as_int64());
    } else if (v->is_uint64()) {
        d = static_cast<double>(v->as_uint64());
    } else if (v->is_double()) {
        d = v->as_double();
    } else {
        issues_.push_back({std::string(field), "must be a number or null"});
        return std::nullopt;
    }
    if (!(d >= min && d <= max)) {
        issues_.push_back({std::string(field),
                           "must be between " + std::to_string(static_cast<std::int64_t>(min)) +
                               " and " + std::to_string(static_cast<std::int64_t>(max))});
        return std::nullopt;
    }
    return std::optional<double>(d);
}

void JsonInput::Require(std::string_view field) {
    if (!obj_.contains(field)) {
        issues_.push_back({std::string(field), "is required"});
    }
}

domain::Issues JsonInput::Finish() {
    for (const auto& [k, v] : obj_) {
        if (!read_.count(std::string_view(k))) {
            issues_.push_back({std::string(k), "is not a known field"});
        }
    }
    return std::move(issues_);
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return n;
}

Result<PageParams> ReadPageParams(const Request& req) {
    PageParams p;
    domain::Issues issues;
    if (auto limit = req.Query("limit")) {
        const auto n = ParseInteger(*limit);
        if (!n || *n < 1 || *n > 200) {
            issues.push_back({"limit", "must be an integer between 1 and 200"});
        } else {
            p.limit = static_cast<int>(*n);
        }
    }
    if (auto cursor = req.Query("cursor")) {
        if (cursor->size() > 200) {
            issues.push_back({"cursor", "is not a cursor this server issued"});
        } else {
            p.cursor = std::string(*cursor);
        }
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    return p;
}

}  // namespace tl::http
