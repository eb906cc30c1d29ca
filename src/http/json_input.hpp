// JsonInput: reads a JSON request body field by field, collecting every problem (wrong type,
// out of range, unknown field) instead of stopping at the first, so one answer names them
// all. Read the fields you accept, then call Finish() to flag the rest as unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "domain/result.hpp"
#include "domain/validation.hpp"

namespace tl::http {

class JsonInput {
public:
    // kMalformedJson when the body is not JSON; kValidationFailed when it is not an object.
    static Result<JsonInput> Parse(std::string_view body);

    // Absent → nullopt. Present with the wrong type → nullopt and an issue.
    // `max_chars` bounds the length (in code points) before any domain check.
    std::optional<std::string> String(std::string_view field, std::size_t max_chars = 100'000);
    // Like String, but JSON null reads as "" (clears an optional reference).
    std::optional<std::string> NullableString(std::string_view field);
    std::optional<bool> Bool(std::string_view field);
    std::optional<std::int64_t> Int(std::string_view field, std::int64_t min, std::int64_t max);
    std::optional<std::vector<std::string>> StringArray(std::string_view field,
                                                        std::size_t max_items);
    // A string that must be one of `allowed` (parsed by `parse`).
    template <typename Parse>
    auto Enum(std::string_view field, Parse parse, std::string_view allowed)
        -> decltype(parse(std::string_view{})) {
        auto text = String(field, 100);
        if (!text) {
            return std::nullopt;
        }
        auto value = parse(*text);
        if (!value) {
            issues_.push_back({std::string(field), "must be one of " + std::string(allowed)});
        }
        return value;
    }
    // A number that may be null (null → an empty optional inside); nullopt when absent.
    std::optional<std::optional<double>> NullableNumber(std::string_view field,
                                                        double min,
                                                        double max);
    // The raw value of a field with structure of its own (lists of objects, maps), marked as
    // read; nullptr when absent. The caller checks it and reports through AddIssue.
    const boost::json::value* Raw(std::string_view field) { return Take(field); }
    void AddIssue(std::string field, std::string issue) {
        issues_.push_back({std::move(field), std::move(issue)});
    }
    void Require(std::string_view field);  // adds "is required" when absent

    // Flags unread fields and returns every issue found.
    domain::Issues Finish();

private:
    explicit JsonInput(boost::json::object obj) : obj_(std::move(obj)) {}
    const boost::json::value* Take(std::string_view field);

    boost::json::object obj_;
    std::set<std::string, std::less<>> read_;
    domain::Issues issues_;
};

// A decimal integer making up the whole of `text` (query value, header); nullopt otherwise.
std::optional<std::int64_t> ParseInteger(std::string_view text);

// Reads `limit` (1..200, default 50) and `cursor` from the query string.
struct PageParams {
    int limit = 50;
    std::string cursor;
};
Result<PageParams> ReadPageParams(const struct Request& req);

}  // namespace tl::http
