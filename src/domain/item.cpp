#include "domain/item.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <utility>

namespace tl::domain {
namespace {

constexpr std::array<std::pair<ItemType, std::string_view>, 7> kTypeNames = {{
    {ItemType::kEpic, "epic"},
    {ItemType::kFeature, "feature"},
    {ItemType::kStory, "story"},
    {ItemType::kBug, "bug"},
    {ItemType::kSpike, "spike"},
    {ItemType::kTechDebt, "tech-debt"},
    {ItemType::kTask, "task"},
}};

bool IsDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    int y = 0;
    int m = 0;
    int d = 0;
    auto num = [&](std::size_t at, std::size_t n, int& out) {
        auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
        return ec == std::errc() && p == s.data() + at + n;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || y < 1900 || m < 1 || m > 12 || d < 1) {
        return false;
    }
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] && !(m == 2 && d == 29 && !leap);
}

void CheckChecks(Issues& issues,
                 std::string_view field,
                 const std::vector<std::string>& checks,
                 const std::vector<ChecklistEntry>& entries) {
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const bool known = std::any_of(
            entries.begin(), entries.end(), [&](const auto& e) { return e.id == checks[i]; });
        if (!known) {
            issues.push_back({std::string(field) + "." + std::to_string(i),
                              "is not an entry of this product's checklist"});
        } else if (!seen.insert(checks[i]).second) {
            issues.push_back({std::string(field) + "." + std::to_string(i), "is listed twice"});
        }
    }
}

}  // namespace

std::string_view ToString(ItemType type) {
    for (const auto& [t, name] : kTypeNames) {
        if (t == type) {
            return name;
        }
    }
    return "unknown";
}

std::optional<ItemType> ParseItemType(std::string_view text) {
    for (const auto& [t, name] : kTypeNames) {
        if (name == text) {
            return t;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Priority priority) {
    switch (priority) {
        case Priority::kHighest:
            return "highest";
        case Priority::kHigh:
            return "high";
        case Priority::kLow:
            return "low";
        case Priority::kLowest:
            return "lowest";
        case Priority::kMedium:
            break;
    }
    return "medium";
}

std::optional<Priority> ParsePriority(std::string_view text) {
    for (Priority p : kAllPriorities) {
        if (ToString(p) == text) {
            return p;
        }
    }
    return std::nullopt;
}

int Weight(Priority priority) { return 5 - static_cast<int>(priority); }

int Level(ItemType type) {
    switch (type) {
        case ItemType::kEpic:
            return 0;
        case ItemType::kFeature:
            return 1;
        case ItemType::kTask:
            return 3;
        default:
            return 2;
    }
}

bool MayParent(ItemType parent, ItemType child) { return Level(parent) + 1 == Level(child); }

bool NeedsParent(ItemType type) { return type == ItemType::kTask; }

std::string ItemKey(std::string_view product_key, std::int64_t number) {
    return std::string(product_key) + "-" + std::to_string(number);
}

std::optional<ParsedKey> ParseItemKey(std::string_view text) {
    const auto dash = text.rfind('-');
    if (dash == std::string_view::npos || dash < 2 || dash > 10 || dash + 1 >= text.size() ||
        text.size() - dash - 1 > 15) {
        return std::nullopt;
    }
    ParsedKey key;
    key.product_key = std::string(text.substr(0, dash));
    if (key.product_key[0] < 'A' || key.product_key[0] > 'Z' ||
        !std::all_of(key.product_key.begin(), key.product_key.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        })) {
        return std::nullopt;
    }
    const auto digits = text.substr(dash + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), key.number);
    if (ec != std::errc() || p != digits.data() + digits.size() || key.number < 1) {
        return std::nullopt;
    }
    return key;
}

std::optional<std::string> NormalizeLabel(std::string_view label) {
    if (label.empty() || label.size() > 40) {
        return std::nullopt;
    }
    std::string out;
    for (char c : label) {
        if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.') {
            out.push_back(c);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

void CheckFieldValue(Issues& issues,
                     const CustomField& field,
                     const FieldValue& value,
                     bool user_exists) {
    const std::string at = "fields." + field.key;
    auto option_known = [&](const std::string& v) {
        return std::find(field.options.begin(), field.options.end(), v) != field.options.end();
    };
    switch (field.type) {
        case CustomFieldType::kText:
            if (value.texts.size() != 1 || value.number) {
                issues.push_back({at, "must be a text"});
            } else {
                CheckText(issues, at, value.texts[0], 2'000);
            }
            break;
        case CustomFieldType::kNumber:
            if (!value.number || !value.texts.empty()) {
                issues.push_back({at, "must be a number"});
            } else if (*value.number < -1e12 || *value.number > 1e12) {
                issues.push_back({at, "must be between -1e12 and 1e12"});
            }
            break;
        case CustomFieldType::kDate:
            if (value.texts.size() != 1 || !IsDate(value.texts[0])) {
                issues.push_back({at, "must be a date such as 2026-05-31"});
            }
            break;
        case CustomFieldType::kSingleSelect:
            if (value.texts.size() != 1 || !option_known(value.texts[0])) {
                issues.push_back({at, "must be one of the field's options"});
            }
            break;
        case CustomFieldType::kMultiSelect: {
            std::set<std::string_view> seen;
            for (const auto& v : value.texts) {
                if (!option_known(v)) {
                    issues.push_back({at, "\"" + v + "\" is not one of the field's options"});
                } else if (!seen.insert(v).second) {
                    issues.push_back({at, "\"" + v + "\" is listed twice"});
                }
            }
            if (value.number) {
                issues.push_back({at, "must be a list of options"});
            }
            break;
        }
        case CustomFieldType::kUser:
            if (value.texts.size() != 1 || !user_exists) {
                issues.push_back({at, "must be the id of a user of this workspace"});
            }
            break;
    }
}

Issues ValidateItem(const Item& item, const BacklogSettings& settings) {
    Issues issues;
    CheckLine(issues, "title", item.title, 1, kMaxTitleLength);
    CheckText(issues, "description", item.description, kMaxItemDescriptionLength);
    if (item.criteria.size() > kMaxCriteria) {
        issues.push_back(
            {"criteria", "must have at most " + std::to_string(kMaxCriteria) + " criteria"});
    }
    for (std::size_t i = 0; i < item.criteria.size(); ++i) {
        CheckText(issues,
                  "criteria." + std::to_string(i) + ".text",
                  item.criteria[i].text,
                  kMaxCriterionLength);
        if (item.criteria[i].text.find_first_not_of(" \t\r\n") == std::string::npos) {
            issues.push_back({"criteria." + std::to_string(i) + ".text", "must not be empty"});
        }
    }
    if (item.labels.size() > kMaxLabels) {
        issues.push_back({"labels", "must have at most " + std::to_string(kMaxLabels) + " labels"});
    }
    if (item.points && !settings.OnScale(*item.points)) {
        std::string scale;
        for (double p : settings.point_scale) {
            std::string v = std::to_string(p);
            v.erase(v.find_last_not_of('0') + 1);
            if (!v.empty() && v.back() == '.') {
                v.pop_back();
            }
            scale += (scale.empty() ? "" : ", ") + v;
        }
        issues.push_back({"points", "must be on the product's point scale (" + scale + ")"});
    }
    if (settings.FindStatus(item.status) == nullptr) {
        issues.push_back({"status", "is not a status of this product's workflow"});
    }
    CheckChecks(issues, "ready_checks", item.ready_checks, settings.definition_of_ready);
    CheckChecks(issues, "done_checks", item.done_checks, settings.definition_of_done);
    return issues;
}

std::vector<std::string> RefinementFlags(const Item& item,
                                         const BacklogSettings& settings,
                                         bool aligned_above) {
    std::vector<std::string> flags;
    const bool estimable = Level(item.type) == 2;
    if (item.type == ItemType::kStory && item.criteria.empty()) {
        flags.emplace_back("no_criteria");
    }
    if (estimable && !item.points) {
        flags.emplace_back("no_estimate");
    }
    if (item.points && *item.points > settings.split_threshold) {
        flags.emplace_back("too_big");
    }
    const bool aligned = !item.goal_id.empty() || !item.initiative_id.empty() || aligned_above;
    if (item.type != ItemType::kTask && !aligned) {
        flags.emplace_back("no_alignment");
    }
    return flags;
}

bool IsReady(const Item& item, const BacklogSettings& settings) {
    return std::all_of(settings.definition_of_ready.begin(),
                       settings.definition_of_ready.end(),
                       [&](const ChecklistEntry& e) {
                           return std::find(item.ready_checks.begin(),
                                            item.ready_checks.end(),
                                            e.id) != item.ready_checks.end();
                       });
}

std::string_view ToString(LinkKind kind) {
    switch (kind) {
        case LinkKind::kBlocks:
            return "blocks";
        case LinkKind::kDuplicates:
            return "duplicates";
        case LinkKind::kRelates:
            break;
    }
    return "relates";
}

std::optional<LinkSpelling> ParseLinkSpelling(std::string_view text) {
    if (text == "blocks") {
        return LinkSpelling{LinkKind::kBlocks, false};
    }
    if (text == "blocked_by") {
        return LinkSpelling{LinkKind::kBlocks, true};
    }
    if (text == "relates") {
        return LinkSpelling{LinkKind::kRelates, false};
    }
    if (text == "duplicates") {
        return LinkSpelling{LinkKind::kDuplicates, false};
    }
    if (text == "duplicated_by") {
        return LinkSpelling{LinkKind::kDuplicates, true};
    }
    return std::nullopt;
}

std::string_view LinkSpellingFor(LinkKind kind, bool seen_from_target) {
    switch (kind) {
        case LinkKind::kBlocks:
            return seen_from_target ? "blocked_by" : "blocks";
        case LinkKind::kDuplicates:
            return seen_from_target ? "duplicated_by" : "duplicates";
        case LinkKind::kRelates:
            break;
    }
    return "relates";
}

std::vector<std::string> BlocksCyclePath(
    const std::vector<std::pair<std::string, std::string>>& edges,
    const std::string& from,
    const std::string& to) {
    // Adding from → to closes a cycle when `from` is reachable from `to`.
    if (from == to) {
        return {from};
    }
    std::multimap<std::string_view, std::string_view> next;
    for (const auto& [s, t] : edges) {
        next.emplace(s, t);
    }
    std::map<std::string_view, std::string_view> came_from;
    std::vector<std::string_view> queue = {to};
    came_from.emplace(to, std::string_view{});
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const auto at = queue[head];
        if (at == from) {
            std::vector<std::string> path;
            for (std::string_view p = at; !p.empty(); p = came_from[p]) {
                path.emplace_back(p);
            }
            std::reverse(path.begin(), path.end());  // to … from
            return path;
        }
        auto [b, e] = next.equal_range(at);
        for (auto it = b; it != e; ++it) {
            if (came_from.emplace(it->second, at).second) {
                queue.push_back(it->second);
            }
        }
    }
    return {};
}

bool IsCalendarDate(std::string_view text) { return IsDate(text); }

}  // namespace tl::domain
