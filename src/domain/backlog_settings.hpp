// BacklogSettings: a product's workflow (statuses with categories, transitions, WIP limits),
// point scale, split threshold, Definition of Ready / Done and custom field definitions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/validation.hpp"

namespace tl::domain {

enum class StatusCategory { kToDo, kInProgress, kDone };

std::string_view ToString(StatusCategory category);  // "to_do", "in_progress", "done"
std::optional<StatusCategory> ParseStatusCategory(std::string_view text);

struct WorkflowStatus {
    std::string key;  // lower-case identifier: "in_progress"
    std::string name;
    StatusCategory category = StatusCategory::kToDo;
    int wip_limit = 0;  // 0: none
};

struct Transition {
    std::string from;
    std::string to;
};

struct ChecklistEntry {
    std::string id;  // "dor_…", "dod_…"
    std::string text;
};

enum class CustomFieldType { kText, kNumber, kDate, kSingleSelect, kMultiSelect, kUser };

std::string_view ToString(CustomFieldType type);  // "text", "number", "date", ...
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view text);

struct CustomField {
    std::string id;   // "fld_…"
    std::string key;  // lower-case identifier, unique per product, used in queries
    std::string name;
    CustomFieldType type = CustomFieldType::kText;
    std::vector<std::string> options;  // select types
    bool required = false;
};

struct BacklogSettings {
    std::vector<WorkflowStatus> statuses;
    std::vector<Transition> transitions;  // empty: every move allowed
    std::vector<double> point_scale;
    double split_threshold = 13;
    std::vector<ChecklistEntry> definition_of_ready;
    std::vector<ChecklistEntry> definition_of_done;
    std::vector<CustomField> fields;
    std::int64_t version = 0;  // 0: never saved (the defaults)

    const WorkflowStatus* FindStatus(std::string_view key) const;
    const CustomField* FindField(std::string_view key) const;
    // The first status of a category, in workflow order; nullptr if none.
    const WorkflowStatus* FirstOf(StatusCategory category) const;
    bool AllowsTransition(std::string_view from, std::string_view to) const;
    bool OnScale(double points) const;
};

// The settings a product starts with.
BacklogSettings DefaultBacklogSettings();

// Checks the settings as a whole (keys unique and well-formed, every category present,
// transitions between known statuses, the scale ascending and non-negative, field keys not
// shadowing built-in query fields, options for select fields).
Issues ValidateBacklogSettings(const BacklogSettings& settings);

// True for a lower-case identifier: [a-z][a-z0-9_]{0,39}.
bool IsIdentifier(std::string_view text);

// The names the query language reserves for built-in fields; custom field keys may not use them.
bool IsBuiltInQueryField(std::string_view name);

}  // namespace tl::domain
