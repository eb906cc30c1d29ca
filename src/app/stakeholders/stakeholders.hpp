// Stakeholders (docs/strategy.md, "Stakeholders"): a product's stakeholder registry with the
// power/interest quadrant and the last contact of each, the communication log, and the
// stakeholder update for a period.
//
// Authorisation: reading stakeholders, their log and the update needs market.read on the
// product; changing them and the log needs strategy.write (the Product Manager). A stakeholder
// or communication of a product the actor holds no role on is kNotFound. Every write appends a
// `stakeholder` event with the product in the write's transaction (adding or deleting a
// communication is an `updated` of its stakeholder).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/stakeholder.hpp"
#include "domain/stakeholder_update.hpp"

namespace tl::app {

struct CommunicationView {
    domain::Communication communication;
    std::string by_name;
};

struct StakeholderView {
    domain::Stakeholder stakeholder;
    std::string user_name;
    std::string last_contact;                       // "" when never contacted
    std::vector<CommunicationView> communications;  // newest first (GET one only)
    std::int64_t communication_count = 0;
};

// {id, product_id, name, kind, organisation, title, email, influence, interest, quadrant,
// channel, notes, user:{id,name}|null, last_contact|null, version, created_at, updated_at};
// with `detail` also `communications` (newest first).
boost::json::object ToJson(const StakeholderView& view, bool detail);
// {id, stakeholder_id, date, channel, summary, by:{id,name}|null, created_at}.
boost::json::object ToJson(const CommunicationView& view);

struct StakeholderInput {
    std::optional<std::string> name;
    std::optional<domain::StakeholderKind> kind;
    std::optional<std::string> organisation;
    std::optional<std::string> title;
    std::optional<std::string> email;
    std::optional<std::int64_t> influence;
    std::optional<std::int64_t> interest;
    std::optional<domain::Channel> channel;
    std::optional<std::string> notes;
    std::optional<std::string> user_id;  // "" clears
    domain::Issues issues;
};

// name, kind, influence and interest are required; channel defaults to email. user_id must
// name a user of the workspace (field "user_id").
Result<StakeholderView> CreateStakeholder(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          const StakeholderInput& input);

struct StakeholderFilter {
    std::optional<domain::StakeholderKind> kind;
    std::optional<domain::Quadrant> quadrant;
};
// The product's stakeholders by name, each with its last contact.
Result<std::vector<StakeholderView>> ListStakeholders(AppContext& ctx,
                                                      const Actor& actor,
                                                      const std::string& product_id,
                                                      const StakeholderFilter& filter);
// The stakeholder with its communications.
Result<StakeholderView> GetStakeholder(AppContext& ctx, const Actor& actor, const std::string& id);
// kPreconditionFailed when `if_match` names another version. A change to nothing writes nothing.
Result<StakeholderView> UpdateStakeholder(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& id,
                                          const StakeholderInput& input,
                                          std::optional<std::int64_t> if_match);
// Removes the stakeholder and its log.
Result<void> DeleteStakeholder(AppContext& ctx, const Actor& actor, const std::string& id);

struct CommunicationInput {
    std::optional<std::string> date;
    std::optional<domain::Channel> channel;
    std::optional<std::string> summary;
    domain::Issues issues;
};
// date and summary are required; channel defaults to the stakeholder's.
Result<CommunicationView> AddCommunication(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& stakeholder_id,
                                           const CommunicationInput& input);
Result<void> DeleteCommunication(AppContext& ctx, const Actor& actor, const std::string& id);

// The update for the period from `from` to `to` (both included; defaults: today, and the 30
// days before it). kValidationFailed naming "from" or "to".
Result<domain::StakeholderUpdate> GetStakeholderUpdate(AppContext& ctx,
                                                       const Actor& actor,
                                                       const std::string& product_id,
                                                       std::optional<std::string> from,
                                                       std::optional<std::string> to);
// {product:{id,key,name}, from, to, shipped:{releases:[…], items:[…]}, next:{releases:[…],
// sprints:[…]}, goals:[{id, objective, horizon, end_date, progress|null, expected,
// status|null}], risks:{goals:[…], overdue_releases:[{release, days_late}], blockers:[{release,
// item}]}}.
boost::json::object ToJson(const domain::StakeholderUpdate& update);

}  // namespace tl::app
