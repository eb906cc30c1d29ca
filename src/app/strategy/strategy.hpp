// Strategy (docs/strategy.md, "Vision", "Goals (OKRs)", "Initiatives", "Traceability and
// alignment"): a product's vision with its versions, goals with key results and check-ins,
// initiatives serving the goals, the work aligned to a goal or an initiative, an item's trace
// up to the vision, and the alignment of a sprint's or release's points.
//
// Authorisation: reading needs product.read; every write here is strategy.write (the Product
// Manager). An object of a product the actor holds no role on is kNotFound. Authorisation comes
// before validation. Every write appends a `vision`, `goal`, `key_result` or `initiative` event
// with the product, in the write's transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/strategy.hpp"

namespace tl::app {

// ---- vision ----

struct VisionView {
    domain::Vision vision;
    std::string updated_by_name;
};
// {product_id, statement, target_customers, customer_needs, value_proposition,
// business_goals, version, updated_by:{id,name}|null, updated_at|null}.
boost::json::object ToJson(const VisionView& view);

Result<VisionView> GetVision(AppContext& ctx, const Actor& actor, const std::string& product_id);

struct VisionInput {
    std::optional<std::string> statement;
    std::optional<std::string> target_customers;
    std::optional<std::string> customer_needs;
    std::optional<std::string> value_proposition;
    std::optional<std::string> business_goals;
    domain::Issues issues;
};
// A new version with the given fields changed; nothing is written when nothing changes.
// kPreconditionFailed when `if_match` is not the current version.
Result<VisionView> SaveVision(AppContext& ctx,
                              const Actor& actor,
                              const std::string& product_id,
                              const VisionInput& input,
                              std::optional<std::int64_t> if_match);

struct VisionHistoryPage {
    std::vector<VisionView> versions;  // newest first
    std::string next_cursor;           // the last version's number; "" on the last page
};
Result<VisionHistoryPage> ListVisionHistory(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const std::string& cursor,
                                            int limit);

// ---- goals ----

struct CheckInView {
    domain::CheckIn check_in;
    std::string by_name;
};

struct KeyResultView {
    domain::KeyResult key_result;
    double current = 0;
    double progress = 0;
    std::vector<CheckInView> check_ins;  // oldest first
};
// {id, goal_id, title, metric, unit, baseline, target, current, progress, check_ins:[{id,
// value, date, note, by:{id,name}, created_at}], version}.
boost::json::object ToJson(const KeyResultView& view);

struct InitiativeView;
struct WorkView;

struct GoalView {
    domain::Goal goal;
    std::string owner_name;
    std::optional<double> progress;
    double expected = 0;
    std::optional<domain::GoalStatus> status;
    std::vector<KeyResultView> key_results;
    std::vector<std::string> initiative_ids;
    // GET one goal only.
    bool detailed = false;
    std::vector<domain::ProgressPoint> progress_history;
    std::vector<InitiativeView> initiatives;
    std::shared_ptr<WorkView> work;
};
boost::json::object ToJson(const GoalView& view);

struct KeyResultInput {
    std::optional<std::string> title;
    std::optional<std::string> metric;
    std::optional<std::string> unit;
    std::optional<double> baseline;
    std::optional<double> target;
    domain::Issues issues;  // field names relative to the key result ("title")
};

struct GoalInput {
    std::optional<std::string> objective;
    std::optional<std::string> description;
    std::optional<domain::Horizon> horizon;
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;  // "" (null): derive from horizon and start
    std::optional<std::string> owner_id;  // "" clears
    std::optional<domain::GoalState> state;
    std::vector<KeyResultInput> key_results;  // create only
    domain::Issues issues;
};

// The goal figures are those of the day `as_of` (YYYY-MM-DD; "" for today); a bad one is a
// validation error naming "as_of".
Result<GoalView> CreateGoal(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const GoalInput& input);
struct GoalFilter {
    std::optional<domain::Horizon> horizon;
    std::optional<domain::GoalState> state;
    std::string as_of;
    domain::Issues issues;
};
Result<std::vector<GoalView>> ListGoals(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const GoalFilter& filter);
// Every goal of a product with its figures as of `as_of` (YYYY-MM-DD), in the order ListGoals
// gives, within the caller's transaction and without authorisation: for answers that carry
// goal progress beside other facts (the stakeholder update).
Result<std::vector<GoalView>> GoalViewsOf(storage::Tx& tx,
                                          const std::string& workspace_id,
                                          const std::string& product_id,
                                          const std::string& as_of);
Result<GoalView> GetGoal(AppContext& ctx,
                         const Actor& actor,
                         const std::string& goal_id,
                         const std::string& as_of);
Result<GoalView> UpdateGoal(AppContext& ctx,
                            const Actor& actor,
                            const std::string& goal_id,
                            const GoalInput& input,
                            std::optional<std::int64_t> if_match);
Result<void> DeleteGoal(AppContext& ctx, const Actor& actor, const std::string& goal_id);

Result<KeyResultView> AddKeyResult(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& goal_id,
                                   const KeyResultInput& input);
Result<KeyResultView> GetKeyResult(AppContext& ctx, const Actor& actor, const std::string& id);
Result<KeyResultView> UpdateKeyResult(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& id,
                                      const KeyResultInput& input,
                                      std::optional<std::int64_t> if_match);
Result<void> DeleteKeyResult(AppContext& ctx, const Actor& actor, const std::string& id);

struct CheckInInput {
    std::optional<double> value;
    std::optional<std::string> date;  // default: today
    std::optional<std::string> note;
    domain::Issues issues;
};
struct CheckInAnswer {
    CheckInView check_in;
    KeyResultView key_result;  // after the check-in
};
// {id, value, date, note, by, created_at, key_result:{…}}.
boost::json::object ToJson(const CheckInAnswer& answer);
Result<CheckInAnswer> AddCheckIn(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& key_result_id,
                                 const CheckInInput& input);
Result<void> DeleteCheckIn(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- initiatives ----

struct GoalRef {
    std::string id;
    std::string objective;
};

struct InitiativeView {
    domain::Initiative initiative;
    std::string owner_name;
    std::vector<GoalRef> goals;      // in the order of goal_ids
    std::shared_ptr<WorkView> work;  // GET one initiative only
};
// {id, product_id, name, description, goal_ids, goals:[{id,objective}], owner, horizon,
// start_date, end_date, expected_outcome, status, timeframe (the one set, or null), version,
// created_at, updated_at}.
boost::json::object ToJson(const InitiativeView& view);

struct InitiativeInput {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> goal_ids;
    std::optional<std::string> owner_id;  // "" clears
    std::optional<std::string> horizon;   // "" clears
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;
    std::optional<std::string> expected_outcome;
    std::optional<domain::InitiativeStatus> status;
    std::optional<std::string> timeframe;  // "now", "next", "later"; "" clears (derived)
    domain::Issues issues;
};
Result<InitiativeView> CreateInitiative(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const InitiativeInput& input);
Result<std::vector<InitiativeView>> ListInitiatives(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    std::optional<domain::InitiativeStatus> status,
                                                    const std::string& goal_id);
Result<InitiativeView> GetInitiative(AppContext& ctx, const Actor& actor, const std::string& id);
Result<InitiativeView> UpdateInitiative(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const InitiativeInput& input,
                                        std::optional<std::int64_t> if_match);
Result<void> DeleteInitiative(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- traceability and alignment ----

struct WorkItem {
    domain::Item item;
    std::string key;
    std::string via;  // "goal" or "initiative"
};
// One page of the work below a goal or initiative, in rank order. The totals count all of it.
struct WorkView {
    std::vector<WorkItem> items;  // this page, rank order
    std::int64_t total_items = 0;
    std::int64_t done_items = 0;
    double points = 0;
    double done_points = 0;
    std::string next_cursor;  // "" on the last page
};
// Which page: `limit` items after `cursor` (a next_cursor of this list; "" for the first page).
struct WorkPage {
    int limit = 50;
    std::string cursor;
};
// {items:[{id,key,title,type,status,category,points,parent_id,via}], totals:{items, points,
// done_points, done_items}, next_cursor}.
boost::json::object ToJson(const WorkView& view);

// A cursor that is not one of this list is 400 naming `cursor` (after the read is authorised).
Result<WorkView> GoalWork(AppContext& ctx,
                          const Actor& actor,
                          const std::string& goal_id,
                          const WorkPage& page);
Result<WorkView> InitiativeWork(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const WorkPage& page);

// {item, chain, aligned_by, initiative, goals, vision}.
Result<boost::json::object> TraceItem(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& item_id_or_key);
// {scope:{type,id,name}, items, points, by_goal, by_initiative, unaligned, goals_without_work,
// initiatives_without_work}.
Result<boost::json::object> SprintAlignment(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& sprint_id);
Result<boost::json::object> ReleaseAlignment(AppContext& ctx,
                                             const Actor& actor,
                                             const std::string& release_id);

}  // namespace tl::app
