// Reading the entries of a JSON list member (decision options and links, persona links,
// competitor links, …): each entry is an object whose members are read by name, and every
// problem is an issue naming "<list>.<i>.<member>", so one request reports all bad entries.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "http/json_input.hpp"

namespace tl::http {

// A string member of one entry of a list; flags a wrong type (or a missing required one)
// under `field`.
std::optional<std::string> Member(JsonInput& in,
                                  const boost::json::object& o,
                                  const std::string& field,
                                  std::string_view key,
                                  bool required);

// Flags members of `o` other than `known` under "<base><member>".
void UnknownMembers(JsonInput& in,
                    const boost::json::object& o,
                    const std::string& base,
                    std::initializer_list<std::string_view> known);

// A list member of objects (`shape` names their members for the messages, e.g. "{title, url}"):
// nullopt when absent (or not a list), empty for null. `read(o, base)` reads one entry, whose
// issues name "<base><member>" (base is "<field>.<i>."); an entry that is not an object is an
// issue under "<field>.<i>" and is skipped.
template <typename Entry, typename Read>
std::optional<std::vector<Entry>> ReadObjectList(JsonInput& in,
                                                 std::string_view field,
                                                 std::string_view shape,
                                                 Read read) {
    const boost::json::value* raw = in.Raw(field);
    if (raw == nullptr) {
        return std::nullopt;
    }
    std::vector<Entry> out;
    if (raw->is_null()) {
        return out;
    }
    if (!raw->is_array()) {
        in.AddIssue(std::string(field), "must be an array of " + std::string(shape));
        return std::nullopt;
    }
    const auto& arr = raw->as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string at = std::string(field) + "." + std::to_string(i);
        if (!arr[i].is_object()) {
            in.AddIssue(at, "must be an object " + std::string(shape));
            continue;
        }
        out.push_back(read(arr[i].as_object(), at + "."));
    }
    return out;
}

// The "links" member, a list of {type, id}: nullopt when absent (or not a list), empty for
// null. `parse` turns a type name into the link's target (nullopt for a name it does not
// know: an issue under "links.<i>.type" listing `targets`). LinkInput has `type` (an optional
// target) and `id`.
template <typename LinkInput, typename Parse>
std::optional<std::vector<LinkInput>> ReadTypedLinks(JsonInput& in,
                                                     Parse parse,
                                                     std::string_view targets) {
    return ReadObjectList<LinkInput>(
        in, "links", "{type, id}", [&](const boost::json::object& o, const std::string& base) {
            UnknownMembers(in, o, base, {"type", "id"});
            LinkInput link;
            if (auto type = Member(in, o, base + "type", "type", true)) {
                link.type = parse(*type);
                if (!link.type) {
                    in.AddIssue(base + "type", "must be one of " + std::string(targets));
                }
            }
            link.id = Member(in, o, base + "id", "id", true).value_or("");
            return link;
        });
}

}  // namespace tl::http
