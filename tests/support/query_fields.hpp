// The custom fields the query-language tests give their product: one of every type.
#pragma once

#include <vector>

#include "domain/backlog_settings.hpp"

namespace tl::test {

inline std::vector<domain::CustomField> QueryTestFields() {
    using domain::CustomFieldType;
    return {
        {"fld_risk",
         "risk",
         "Risk",
         CustomFieldType::kSingleSelect,
         {"low", "medium", "high"},
         false},
        {"fld_effort", "effort", "Effort", CustomFieldType::kNumber, {}, false},
        {"fld_due", "due", "Due", CustomFieldType::kDate, {}, false},
        {"fld_note", "note", "Note", CustomFieldType::kText, {}, false},
        {"fld_customers",
         "customers",
         "Customers",
         CustomFieldType::kMultiSelect,
         {"acme", "zen"},
         false},
        {"fld_reviewer", "reviewer", "Reviewer", CustomFieldType::kUser, {}, false},
    };
}

}  // namespace tl::test
