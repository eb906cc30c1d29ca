// A product's backlog settings (workflow, point scale, DoR / DoD, custom fields): read by
// every backlog use case, changed by the Product Owner.
#pragma once

#include <optional>
#include <string>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/backlog_settings.hpp"

namespace tl::app {

// The product's settings, or the defaults while it has saved none.
Result<domain::BacklogSettings> LoadBacklogSettings(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    const std::string& product_id);

boost::json::object ToJson(const domain::BacklogSettings& s);

// Stores `settings` (with settings.version as the new version) over `expected_version` (0:
// the product has none stored yet), in the form LoadBacklogSettings reads.
Result<void> SaveBacklogSettings(storage::Tx& tx,
                                 const std::string& workspace_id,
                                 const std::string& product_id,
                                 const domain::BacklogSettings& settings,
                                 std::int64_t expected_version,
                                 std::int64_t now);

// The sections a PATCH names, already read from JSON (absent sections stay unchanged);
// `issues` holds type errors found while reading.
struct SettingsInput {
    std::optional<std::vector<domain::WorkflowStatus>> statuses;
    std::optional<std::vector<domain::Transition>> transitions;
    std::optional<std::vector<double>> point_scale;
    std::optional<double> split_threshold;
    std::optional<std::vector<domain::ChecklistEntry>> definition_of_ready;
    std::optional<std::vector<domain::ChecklistEntry>> definition_of_done;
    std::optional<std::vector<domain::CustomField>> fields;
    domain::Issues issues;
};

// Reads a settings document (the body of a PATCH, or a stored one) section by section.
SettingsInput ReadSettingsInput(const boost::json::object& body);

Result<domain::BacklogSettings> GetBacklogSettings(AppContext& ctx,
                                                   const Actor& actor,
                                                   const std::string& product_id);
// Product Owner only. New checklist entries and fields (without id) get ids; removing a
// status still in use is refused; removing a field removes its values.
Result<domain::BacklogSettings> UpdateBacklogSettings(AppContext& ctx,
                                                      const Actor& actor,
                                                      const std::string& product_id,
                                                      const SettingsInput& input,
                                                      std::optional<std::int64_t> if_match);

}  // namespace tl::app
