#include "http/routes/json_members.hpp"

#include <algorithm>

namespace tl::http {

namespace json = boost::json;

// A string member of one entry of a list; flags a wrong type under `field`.
std::optional<std::string> Member(JsonInput& in,
                                  const json::object& o,
                                  const std::string& field,
                                  std::string_view key,
                                  bool required) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        if (required) {
            in.AddIssue(field, "is required");
        }
        return std::nullopt;
    }
    if (!v->is_string()) {
        in.AddIssue(field, "must be a string");
        return std::nullopt;
    }
    return std::string(v->as_string());
}

// Flags members of `o` other than `known` under "<base>.<member>".
void UnknownMembers(JsonInput& in,
                    const json::object& o,
                    const std::string& base,
                    std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : o) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
            in.AddIssue(base + std::string(key), "is not a known field");
        }
    }
}

}  // namespace tl::http
