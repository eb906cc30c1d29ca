// Sprints (docs/delivery.md, "Sprints"): create, read, list, edit and delete sprints; member
// capacity; planning items in and out with the planning figures; start with the baseline;
// complete with carry-over; scope changes and change requests; the burndown, the report and
// a team's velocity.
//
// Authorisation: reading needs product.read on the sprint's product; every write needs
// sprint.write (Product Owner, Scrum Master); deciding a change request needs backlog.write
// (Product Owner). A sprint or change request of a product the actor has no role on is
// kNotFound. Every write appends `sprint` / `change_request` events (and `item` events for the
// items whose sprint changes) with the product id, in the write's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/backlog/items.hpp"
#include "app/context.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

// The few fields of an item a sprint's answers show.
struct ItemBrief {
    std::string id;
    std::string key;  // "" when the item no longer exists
    std::string title;
    domain::ItemType type = domain::ItemType::kStory;
    std::string status;
    domain::StatusCategory category = domain::StatusCategory::kToDo;
    std::optional<double> points;
};

struct MemberCapacityView {
    domain::MemberCapacity member;
    std::string name;
    double effective = 0;
};

struct PlanningView {
    double planned_points = 0;  // the points of the items in the sprint now
    std::int64_t items = 0;
    std::int64_t unestimated = 0;
    double capacity = 0;
    bool capacity_comparable = true;  // false when capacity is in hours
    std::optional<double> velocity;
    int velocity_window = 0;  // completed sprints the velocity averages
    std::vector<domain::PlanningWarning> warnings;
};

struct SprintView {
    domain::Sprint sprint;
    std::string team_name;
    std::int64_t working_day_count = 0;
    std::vector<MemberCapacityView> capacity;
    PlanningView planning;
    double done_points = 0;
    bool with_items = false;      // the full view (GET one sprint and the writes)
    std::vector<ItemView> items;  // rank order
};

struct SprintInput {
    std::optional<std::string> team_id;
    std::optional<std::string> name;
    std::optional<std::string> goal;
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;
    std::optional<std::vector<int>> working_days;
    std::optional<domain::CapacityUnit> capacity_unit;
    std::optional<bool> require_approval;
    domain::Issues issues;
};

Result<SprintView> CreateSprint(AppContext& ctx,
                                const Actor& actor,
                                const std::string& product_id,
                                const SprintInput& input);
// The product's sprints by start date (without items), optionally of one team and status.
// `issues` are the caller's findings in the query, reported after authorisation.
Result<std::vector<SprintView>> ListSprints(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const std::string& team_id,
                                            std::optional<domain::SprintStatus> status,
                                            const domain::Issues& issues = {});
// Loads the sprint and checks `action` on its product (AuthorizeObjectIn): a sprint of a
// product the actor has no role on does not exist for them. `roles_out` gets the actor's roles
// there. For the sprints' own use cases and those hung on a sprint (review, retrospective).
Result<domain::Sprint> AuthorizeSprint(storage::Tx& tx,
                                       const Actor& actor,
                                       const std::string& id,
                                       domain::Action action,
                                       std::vector<domain::Role>* roles_out = nullptr);

Result<SprintView> GetSprint(AppContext& ctx, const Actor& actor, const std::string& id);
// Name, goal, dates, working days, capacity unit, approval; a completed sprint takes only
// name and goal. kPreconditionFailed when `if_match` is stale.
Result<SprintView> UpdateSprint(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const SprintInput& input,
                                std::optional<std::int64_t> if_match);
// Planned sprints only; their items return to the backlog (their rank never changed).
Result<void> DeleteSprint(AppContext& ctx, const Actor& actor, const std::string& id);

struct CapacityInput {
    std::vector<domain::MemberCapacity> members;
    domain::Issues issues;
};
// Replaces the members' capacities (team members or people with a role on the product).
Result<SprintView> PutCapacity(AppContext& ctx,
                               const Actor& actor,
                               const std::string& id,
                               const CapacityInput& input);

struct PlanInput {
    std::vector<std::string> items;  // ids or keys
    std::string reason;
    domain::Issues issues;
};

struct ChangeRequestView {
    domain::ChangeRequest request;
    ItemBrief item;
    std::string requested_by_name;
    std::string decided_by_name;
};

// A planning answer: the sprint, or (an active sprint requiring approval, planned by anyone
// but the Product Owner) the change requests made instead.
struct PlanResult {
    std::optional<SprintView> sprint;
    std::vector<ChangeRequestView> requests;
};
Result<PlanResult> AddSprintItems(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const PlanInput& input);
Result<PlanResult> RemoveSprintItems(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& id,
                                     const PlanInput& input);

// A planned sprint of a team without an active one becomes active; the baseline is taken.
Result<SprintView> StartSprint(AppContext& ctx, const Actor& actor, const std::string& id);

struct CompleteInput {
    std::string carry_over;  // "backlog" or "next_sprint"
    std::string next_sprint_id;
    domain::Issues issues;
};
// Ends an active sprint: the done items stay, the others go to the top of the backlog
// (keeping their order) or into the team's next planned sprint; outcomes are recorded.
Result<SprintView> CompleteSprint(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const CompleteInput& input);

struct BaselineView {
    domain::Sprint sprint;
    std::vector<std::pair<ItemBrief, std::optional<double>>> items;  // points at the start
};
Result<BaselineView> GetBaseline(AppContext& ctx, const Actor& actor, const std::string& id);

struct ScopeChangeView {
    domain::ScopeChange change;
    ItemBrief item;
    std::string by_name;
};
// Inside a transaction, for the scope changes a release records too: the briefs of `ids`
// (every id gets one; a deleted item keeps only its id, with key "" and title
// "(deleted item)"), read in batches; and the scope changes of a sprint or a release
// (`scope_type` "sprint" or "release"), oldest first, with their items and authors' names.
Result<std::map<std::string, ItemBrief>> ItemBriefs(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    std::string_view product_key,
                                                    const std::vector<std::string>& ids);
Result<std::vector<ScopeChangeView>> LoadScopeChangeViews(storage::Tx& tx,
                                                          const std::string& workspace_id,
                                                          std::string_view product_key,
                                                          const std::string& scope_type,
                                                          const std::string& scope_id);
Result<std::vector<ScopeChangeView>> ListSprintScopeChanges(AppContext& ctx,
                                                            const Actor& actor,
                                                            const std::string& id);

Result<std::vector<ChangeRequestView>> ListChangeRequests(
    AppContext& ctx,
    const Actor& actor,
    const std::string& sprint_id,
    std::optional<domain::ChangeRequestStatus> status,
    const domain::Issues& issues = {});
// The Product Owner accepts (applying the change and recording the scope change) or rejects
// an open change request; a decided one is kConflict.
Result<ChangeRequestView> DecideChangeRequest(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              bool accept,
                                              const std::string& note,
                                              const domain::Issues& issues = {});

struct BurndownView {
    domain::Sprint sprint;
    domain::Burndown burndown;
};
Result<BurndownView> GetBurndown(AppContext& ctx, const Actor& actor, const std::string& id);

struct ReportEntry {
    ItemBrief item;
    std::optional<double> points;               // at completion, or now
    std::optional<domain::ScopeChange> change;  // the scope-change groups
    std::string by_name;
    std::optional<domain::SprintOutcome> outcome;  // carried_over
};
struct ReportView {
    domain::Sprint sprint;
    double committed = 0;
    double completed = 0;
    std::vector<ReportEntry> done;
    std::vector<ReportEntry> not_done;
    std::vector<ReportEntry> added;
    std::vector<ReportEntry> removed;
    std::vector<ReportEntry> re_estimated;
    std::vector<ReportEntry> carried_over;
};
Result<ReportView> GetReport(AppContext& ctx, const Actor& actor, const std::string& id);

struct VelocityView {
    std::string team_id;
    std::string product_id;
    std::vector<domain::Sprint> sprints;  // oldest first
    std::optional<double> average;
};
// The team's last `last` completed sprints on the product (the team's own when empty).
Result<VelocityView> TeamVelocity(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& team_id,
                                  const std::string& product_id,
                                  int last,
                                  const domain::Issues& issues = {});

// The sprint's JSON as events record it.
boost::json::object ToJson(const domain::Sprint& sprint);
// A change request as its events record it.
boost::json::object ChangeRequestJson(const domain::ChangeRequest& request);
// A number of points (or hours) rounded to two decimals, as an integer when it is one.
boost::json::value FigureJson(double points);
boost::json::value FigureJson(const std::optional<double>& points);  // null when absent

}  // namespace tl::app
