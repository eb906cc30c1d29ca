#include "domain/backlog_settings.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace tl::domain {
namespace {

constexpr std::array<std::pair<StatusCategory, std::string_view>, 3> kCategoryNames = {{
    {StatusCategory::kToDo, "to_do"},
    {StatusCategory::kInProgress, "in_progress"},
    {StatusCategory::kDone, "done"},
}};

constexpr std::array<std::pair<CustomFieldType, std::string_view>, 6> kFieldTypeNames = {{
    {CustomFieldType::kText, "text"},
    {CustomFieldType::kNumber, "number"},
    {CustomFieldType::kDate, "date"},
    {CustomFieldType::kSingleSelect, "single_select"},
    {CustomFieldType::kMultiSelect, "multi_select"},
    {CustomFieldType::kUser, "user"},
}};

// The query language's own field names (docs/query-language.md) and its keywords.
constexpr std::array<std::string_view, 30> kReservedNames = {
    "type", "status",  "category", "points",  "assignee", "label",      "labels",  "parent",
    "epic", "feature", "sprint",   "release", "goal",     "initiative", "created", "updated",
    "text", "key",     "title",    "rank",    "and",      "or",         "not",     "in",
    "is",   "empty",   "order",    "by",      "me",       "priority"};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, name] : names) {
        if (v == value) {
            return name;
        }
    }
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& names,
                         std::string_view text) {
    for (const auto& [v, name] : names) {
        if (name == text) {
            return v;
        }
    }
    return std::nullopt;
}

void CheckChecklist(Issues& issues,
                    std::string_view field,
                    const std::vector<ChecklistEntry>& entries) {
    if (entries.size() > 30) {
        issues.push_back({std::string(field), "must have at most 30 entries"});
    }
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string at = std::string(field) + "." + std::to_string(i);
        CheckLine(issues, at + ".text", entries[i].text, 1, 500);
        if (entries[i].id.empty() || !ids.insert(entries[i].id).second) {
            issues.push_back({at + ".id", "must be unique"});
        }
    }
}

}  // namespace

std::string_view ToString(StatusCategory category) { return NameOf(kCategoryNames, category); }
std::optional<StatusCategory> ParseStatusCategory(std::string_view text) {
    return ValueOf(kCategoryNames, text);
}
std::string_view ToString(CustomFieldType type) { return NameOf(kFieldTypeNames, type); }
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view text) {
    return ValueOf(kFieldTypeNames, text);
}

const WorkflowStatus* BacklogSettings::FindStatus(std::string_view key) const {
    for (const auto& s : statuses) {
        if (s.key == key) {
            return &s;
        }
    }
    return nullptr;
}

const CustomField* BacklogSettings::FindField(std::string_view key) const {
    for (const auto& f : fields) {
        if (f.key == key) {
            return &f;
        }
    }
    return nullptr;
}

const WorkflowStatus* BacklogSettings::FirstOf(StatusCategory category) const {
    for (const auto& s : statuses) {
        if (s.category == category) {
            return &s;
        }
    }
    return nullptr;
}

bool BacklogSettings::AllowsTransition(std::string_view from, std::string_view to) const {
    if (from == to || transitions.empty()) {
        return true;
    }
    return std::any_of(transitions.begin(), transitions.end(), [&](const Transition& t) {
        return t.from == from && t.to == to;
    });
}

bool BacklogSettings::OnScale(double points) const {
    return std::any_of(
        point_scale.begin(), point_scale.end(), [&](double p) { return p == points; });
}

BacklogSettings DefaultBacklogSettings() {
    BacklogSettings s;
    s.statuses = {{"new", "New", StatusCategory::kToDo, 0},
                  {"ready", "Ready", StatusCategory::kToDo, 0},
                  {"in_progress", "In progress", StatusCategory::kInProgress, 0},
                  {"in_review", "In review", StatusCategory::kInProgress, 0},
                  {"done", "Done", StatusCategory::kDone, 0}};
    s.transitions = {{"new", "ready"},
                     {"ready", "new"},
                     {"ready", "in_progress"},
                     {"in_progress", "ready"},
                     {"in_progress", "in_review"},
                     {"in_review", "in_progress"},
                     {"in_progress", "done"},
                     {"in_review", "done"},
                     {"done", "in_progress"}};
    s.point_scale = {0, 0.5, 1, 2, 3, 5, 8, 13, 20, 40, 100};
    s.split_threshold = 13;
    s.definition_of_ready = {{"dor_criteria", "Acceptance criteria are written and agreed"},
                             {"dor_estimate", "The team has estimated it"},
                             {"dor_dependencies", "Dependencies are known and not blocking"},
                             {"dor_size", "It fits in one sprint"}};
    s.definition_of_done = {{"dod_review", "Code reviewed"},
                            {"dod_tests", "Automated tests pass"},
                            {"dod_docs", "User documentation updated"},
                            {"dod_flight", "Verified on a test flight or in the simulator"}};
    return s;
}

bool IsIdentifier(std::string_view text) {
    if (text.empty() || text.size() > 40 || text[0] < 'a' || text[0] > 'z') {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool IsBuiltInQueryField(std::string_view name) {
    return std::find(kReservedNames.begin(), kReservedNames.end(), name) != kReservedNames.end();
}

Issues ValidateBacklogSettings(const BacklogSettings& s) {
    Issues issues;
    if (s.statuses.empty() || s.statuses.size() > 30) {
        issues.push_back({"statuses", "must have 1 to 30 statuses"});
    }
    std::set<std::string_view> keys;
    for (std::size_t i = 0; i < s.statuses.size(); ++i) {
        const auto& st = s.statuses[i];
        const std::string at = "statuses." + std::to_string(i);
        if (!IsIdentifier(st.key)) {
            issues.push_back({at + ".key", "must be a lower-case identifier such as in_review"});
        } else if (!keys.insert(st.key).second) {
            issues.push_back({at + ".key", "is used twice"});
        }
        CheckLine(issues, at + ".name", st.name, 1, 60);
        if (st.wip_limit < 0 || st.wip_limit > 10'000) {
            issues.push_back({at + ".wip_limit", "must be 0 (none) to 10000"});
        }
    }
    for (auto category :
         {StatusCategory::kToDo, StatusCategory::kInProgress, StatusCategory::kDone}) {
        if (!s.statuses.empty() && s.FirstOf(category) == nullptr) {
            issues.push_back(
                {"statuses",
                 "needs at least one status in the category " + std::string(ToString(category))});
        }
    }
    for (std::size_t i = 0; i < s.transitions.size(); ++i) {
        const std::string at = "transitions." + std::to_string(i);
        if (s.FindStatus(s.transitions[i].from) == nullptr) {
            issues.push_back({at + ".from", "is not a status of this workflow"});
        }
        if (s.FindStatus(s.transitions[i].to) == nullptr) {
            issues.push_back({at + ".to", "is not a status of this workflow"});
        }
    }
    if (s.point_scale.empty() || s.point_scale.size() > 30) {
        issues.push_back({"point_scale", "must have 1 to 30 values"});
    }
    for (std::size_t i = 0; i < s.point_scale.size(); ++i) {
        if (s.point_scale[i] < 0 || s.point_scale[i] > 1000) {
            issues.push_back({"point_scale." + std::to_string(i), "must be 0 to 1000"});
        } else if (i > 0 && s.point_scale[i] <= s.point_scale[i - 1]) {
            issues.push_back({"point_scale." + std::to_string(i), "must be above the one before"});
        }
    }
    if (s.split_threshold < 0 || s.split_threshold > 1000) {
        issues.push_back({"split_threshold", "must be 0 to 1000"});
    }
    CheckChecklist(issues, "definition_of_ready", s.definition_of_ready);
    CheckChecklist(issues, "definition_of_done", s.definition_of_done);
    if (s.fields.size() > 50) {
        issues.push_back({"fields", "must have at most 50 fields"});
    }
    std::set<std::string_view> field_keys;
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
        const auto& f = s.fields[i];
        const std::string at = "fields." + std::to_string(i);
        if (!IsIdentifier(f.key)) {
            issues.push_back({at + ".key", "must be a lower-case identifier such as risk"});
        } else if (IsBuiltInQueryField(f.key)) {
            issues.push_back({at + ".key", "is a built-in field name of the query language"});
        } else if (!field_keys.insert(f.key).second) {
            issues.push_back({at + ".key", "is used twice"});
        }
        CheckLine(issues, at + ".name", f.name, 1, 60);
        const bool select =
            f.type == CustomFieldType::kSingleSelect || f.type == CustomFieldType::kMultiSelect;
        if (select && (f.options.empty() || f.options.size() > 100)) {
            issues.push_back({at + ".options", "must list 1 to 100 options"});
        }
        if (!select && !f.options.empty()) {
            issues.push_back({at + ".options", "are only for select fields"});
        }
        std::set<std::string_view> options;
        for (std::size_t j = 0; j < f.options.size(); ++j) {
            const std::string oat = at + ".options." + std::to_string(j);
            CheckLine(issues, oat, f.options[j], 1, 60);
            if (!options.insert(f.options[j]).second) {
                issues.push_back({oat, "is listed twice"});
            }
        }
    }
    return issues;
}

}  // namespace tl::domain
