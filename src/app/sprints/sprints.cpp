#include "app/sprints/sprints.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/backlog_settings.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/releases/release_scope.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/user_names.hpp"
#include "domain/rank.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

using domain::SprintStatus;

constexpr std::size_t kMaxPlanItems = 200;

bool Has(const std::vector<domain::Role>& roles, domain::Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Error Refused(std::string why, std::string specific_code = {}) {
    Error e = Conflict(std::move(why));
    e.specific_code = std::move(specific_code);
    return e;
}

ItemBrief BriefOf(const domain::Item& i, std::string_view product_key) {
    return {i.id,
            domain::ItemKey(product_key, i.number),
            i.title,
            i.type,
            i.status,
            i.category,
            i.points};
}

// Briefs of `ids` (every one gets an entry; a deleted item keeps its id only), reading from
// `known` first and the rest in batches.
Result<std::map<std::string, ItemBrief>> Briefs(storage::Tx& tx,
                                                const std::string& workspace_id,
                                                std::string_view product_key,
                                                const std::vector<std::string>& ids,
                                                const std::vector<domain::Item>& known) {
    std::map<std::string, ItemBrief> out;
    for (const auto& i : known) {
        out.emplace(i.id, BriefOf(i, product_key));
    }
    std::vector<std::string> missing;
    for (const auto& id : ids) {
        if (out.count(id) == 0) {
            missing.push_back(id);
        }
    }
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, missing));
    for (const auto& i : items) {
        out.emplace(i.id, BriefOf(i, product_key));
    }
    for (const auto& id : missing) {
        if (out.count(id) == 0) {
            ItemBrief gone;
            gone.id = id;
            gone.title = "(deleted item)";
            out.emplace(id, std::move(gone));
        }
    }
    return out;
}

Result<void> SprintEvent(storage::Tx& tx,
                         const std::string& actor_id,
                         std::int64_t now,
                         const domain::Sprint& s,
                         const std::string& action,
                         json::object before,
                         json::object after) {
    return RecordEvent(tx,
                       s.workspace_id,
                       actor_id,
                       now,
                       {"sprint", s.id, s.product_id, action, std::move(before), std::move(after)});
}

// An `item` event for each item whose sprint changes (its history and open pages see it).
Result<void> ItemSprintEvents(storage::Tx& tx,
                              const std::string& workspace_id,
                              const std::string& actor_id,
                              std::int64_t now,
                              const std::vector<domain::Item>& items,
                              const std::string& to_sprint) {
    for (const auto& i : items) {
        TL_TRY(RecordEvent(
            tx,
            workspace_id,
            actor_id,
            now,
            {"item",
             i.id,
             i.product_id,
             "updated",
             json::object{{"sprint_id",
                           i.sprint_id.empty() ? json::value(nullptr) : json::value(i.sprint_id)}},
             json::object{{"sprint_id",
                           to_sprint.empty() ? json::value(nullptr) : json::value(to_sprint)}}}));
    }
    return {};
}

// The velocity of the sprint's team on its product: its latest completed sprints but this one.
Result<std::vector<domain::Sprint>> VelocitySprints(storage::Tx& tx, const domain::Sprint& s) {
    TL_ASSIGN_OR_RETURN(auto done,
                        tx.ListCompletedSprints(
                            s.workspace_id, s.team_id, s.product_id, domain::kVelocityWindow + 1));
    done.erase(
        std::remove_if(done.begin(), done.end(), [&](const auto& d) { return d.id == s.id; }),
        done.end());
    if (done.size() > static_cast<std::size_t>(domain::kVelocityWindow)) {
        done.resize(domain::kVelocityWindow);
    }
    return done;
}

// The view of a sprint: team, capacity, planning figures and (with_items) its items.
Result<SprintView> LoadView(storage::Tx& tx,
                            const Actor& actor,
                            const domain::Sprint& sprint,
                            bool with_items) {
    SprintView v;
    v.sprint = sprint;
    v.with_items = with_items;
    const auto& ws = sprint.workspace_id;
    if (auto team = tx.GetTeam(ws, sprint.team_id)) {
        v.team_name = team->name;
    }
    const auto working = domain::WorkingDays(sprint);
    v.working_day_count = static_cast<std::int64_t>(working.size());
    TL_ASSIGN_OR_RETURN(auto members, tx.ListSprintCapacity(ws, sprint.id));
    UserNames names(tx, ws);
    for (auto& m : members) {
        MemberCapacityView mv;
        mv.effective = domain::RoundPoints(domain::EffectiveCapacity(m, working));
        mv.name = names.Of(m.user_id);
        v.planning.capacity += domain::EffectiveCapacity(m, working);
        mv.member = std::move(m);
        v.capacity.push_back(std::move(mv));
    }
    v.planning.capacity = domain::RoundPoints(v.planning.capacity);
    v.planning.capacity_comparable = sprint.capacity_unit == domain::CapacityUnit::kPoints;
    double planned = 0;
    if (with_items) {
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(ws, sprint.id));
        for (const auto& i : items) {
            planned += i.points.value_or(0);
            v.planning.unestimated += i.points ? 0 : 1;
            v.done_points += i.category == domain::StatusCategory::kDone ? i.points.value_or(0) : 0;
        }
        v.planning.items = static_cast<std::int64_t>(items.size());
        if (!items.empty()) {
            TL_ASSIGN_OR_RETURN(v.items, LoadItemViews(tx, actor, std::move(items), false));
        }
    } else {
        TL_ASSIGN_OR_RETURN(auto totals, tx.SprintTotalsOf(ws, {sprint.id}));
        if (auto t = totals.find(sprint.id); t != totals.end()) {
            planned = t->second.points;
            v.planning.items = t->second.items;
            v.planning.unestimated = t->second.unestimated;
            v.done_points = t->second.done_points;
        }
    }
    v.done_points = domain::RoundPoints(v.done_points);
    v.planning.planned_points = domain::RoundPoints(planned);
    TL_ASSIGN_OR_RETURN(auto velocity_sprints, VelocitySprints(tx, sprint));
    std::vector<double> completed;
    for (const auto& d : velocity_sprints) {
        completed.push_back(d.completed_points);
    }
    v.planning.velocity_window = static_cast<int>(completed.size());
    if (auto velocity = domain::Velocity(completed)) {
        v.planning.velocity = domain::RoundPoints(*velocity);
    }
    domain::PlanningFigures f;
    f.planned_points = planned;
    f.unestimated = static_cast<std::size_t>(v.planning.unestimated);
    f.unit = sprint.capacity_unit;
    f.capacity = v.planning.capacity;
    f.capacity_set = !v.capacity.empty();
    f.velocity = v.planning.velocity;
    v.planning.warnings = domain::PlanningWarnings(f);
    return v;
}

Result<SprintView> ViewOf(AppContext& ctx, const Actor& actor, const std::string& id) {
    SprintView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(view, LoadView(tx, actor, sprint, true));
        return {};
    }));
    return view;
}

// Applies the input's fields to `s`, naming each changed field in `changed`.
void Apply(const SprintInput& in, domain::Sprint& s, std::set<std::string>& changed) {
    auto set = [&](auto& field, const auto& value, const char* name) {
        if (field != value) {
            field = value;
            changed.insert(name);
        }
    };
    if (in.name) {
        set(s.name, *in.name, "name");
    }
    if (in.goal) {
        set(s.goal, *in.goal, "goal");
    }
    if (in.start_date) {
        set(s.start_date, *in.start_date, "start_date");
    }
    if (in.end_date) {
        set(s.end_date, *in.end_date, "end_date");
    }
    if (in.working_days) {
        std::vector<int> days = *in.working_days;
        std::vector<int> sorted = days;
        std::sort(sorted.begin(), sorted.end());
        // Kept as given when invalid, so validation names the bad entry by its position.
        if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) {
            days = std::move(sorted);
        }
        set(s.working_days, days, "working_days");
    }
    if (in.capacity_unit) {
        set(s.capacity_unit, *in.capacity_unit, "capacity_unit");
    }
    if (in.require_approval) {
        set(s.require_approval, *in.require_approval, "require_approval");
    }
}

// An item named in a planning request: by id or key, in the sprint's product.
Result<std::optional<domain::Item>> PlannedItem(storage::Tx& tx,
                                                const std::string& workspace_id,
                                                const std::string& product_id,
                                                const std::string& id_or_key) {
    auto found = ResolveItem(tx, workspace_id, id_or_key);
    if (!found) {
        if (found.error().code == ErrorCode::kNotFound) {
            return std::optional<domain::Item>();
        }
        return Fail(found.error());
    }
    if (found->product_id != product_id) {
        return std::optional<domain::Item>();
    }
    return std::optional<domain::Item>(std::move(*found));
}

bool Plannable(domain::ItemType type) {
    return type != domain::ItemType::kEpic && type != domain::ItemType::kFeature;
}

// The sprints `items` are in (other than `sprint_id`) that are still open, by id.
Result<std::map<std::string, domain::Sprint>> OpenSprintsOf(storage::Tx& tx,
                                                            const std::string& workspace_id,
                                                            const std::vector<domain::Item>& items,
                                                            const std::string& sprint_id) {
    std::map<std::string, domain::Sprint> open;
    std::set<std::string> seen;
    for (const auto& i : items) {
        if (i.sprint_id.empty() || i.sprint_id == sprint_id || !seen.insert(i.sprint_id).second) {
            continue;
        }
        auto other = tx.GetSprint(workspace_id, i.sprint_id);
        if (!other) {
            if (other.error().code == ErrorCode::kNotFound) {
                continue;
            }
            return Fail(other.error());
        }
        if (other->status != SprintStatus::kCompleted) {
            open.emplace(other->id, std::move(*other));
        }
    }
    return open;
}

// Reads and checks the items of a planning request. Validation issues name items.<i>.
struct Resolved {
    std::vector<domain::Item> items;  // in request order, each once
};
Result<Resolved> ResolvePlanItems(storage::Tx& tx,
                                  const domain::Sprint& sprint,
                                  const PlanInput& input,
                                  bool adding) {
    domain::Issues issues = input.issues;
    if (input.items.empty() || input.items.size() > kMaxPlanItems) {
        issues.push_back(
            {"items", "must list 1 to " + std::to_string(kMaxPlanItems) + " items (ids or keys)"});
    }
    domain::CheckText(issues, "reason", input.reason, domain::kMaxReasonLength);
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    Resolved out;
    std::set<std::string> seen;
    for (std::size_t k = 0; k < input.items.size(); ++k) {
        const std::string at = "items." + std::to_string(k);
        TL_ASSIGN_OR_RETURN(
            auto item, PlannedItem(tx, sprint.workspace_id, sprint.product_id, input.items[k]));
        if (!item) {
            issues.push_back({at, "no such item in this product"});
            continue;
        }
        if (!seen.insert(item->id).second) {
            issues.push_back({at, "is listed twice"});
            continue;
        }
        if (adding) {
            if (!Plannable(item->type)) {
                issues.push_back(
                    {at, "epics and features are not planned into a sprint; plan their stories"});
                continue;
            }
            if (item->category == domain::StatusCategory::kDone && item->sprint_id != sprint.id) {
                issues.push_back({at, "is done"});
                continue;
            }
        } else if (item->sprint_id != sprint.id) {
            issues.push_back({at, "is not in this sprint"});
            continue;
        }
        out.items.push_back(std::move(*item));
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    if (adding) {
        TL_ASSIGN_OR_RETURN(auto open,
                            OpenSprintsOf(tx, sprint.workspace_id, out.items, sprint.id));
        if (!open.empty()) {
            Error e = Refused("items are planned in another open sprint; remove them there first",
                              "in_other_sprint");
            // out.items follows the request's order one to one (any issue returned above).
            std::size_t k = 0;
            for (const auto& i : out.items) {
                auto it = open.find(i.sprint_id);
                if (it != open.end()) {
                    e.details.push_back(
                        {"items." + std::to_string(k), "is in sprint " + it->second.name});
                }
                ++k;
            }
            return Fail(std::move(e));
        }
    }
    return out;
}

json::object SprintSummary(const std::vector<domain::Item>& items, const std::string& reason) {
    json::array ids;
    for (const auto& i : items) {
        ids.emplace_back(i.id);
    }
    return json::object{{"items", std::move(ids)}, {"reason", reason}};
}

// Adds (or removes) `items` to the sprint now: their sprint_id, item events, scope changes
// of an active sprint, a sprint event.
Result<void> ApplyPlan(storage::Tx& tx,
                       const domain::Sprint& sprint,
                       const std::vector<domain::Item>& items,
                       bool adding,
                       const std::string& actor_id,
                       std::int64_t now,
                       const std::string& reason) {
    std::vector<domain::Item> changing;
    for (const auto& i : items) {
        if ((i.sprint_id == sprint.id) != adding) {
            changing.push_back(i);
        }
    }
    if (changing.empty()) {
        return {};
    }
    std::vector<std::string> ids;
    for (const auto& i : changing) {
        ids.push_back(i.id);
    }
    const std::string to = adding ? sprint.id : std::string();
    TL_TRY(tx.SetItemsSprint(sprint.workspace_id, ids, to, now));
    TL_TRY(ItemSprintEvents(tx, sprint.workspace_id, actor_id, now, changing, to));
    if (sprint.status == SprintStatus::kActive) {
        for (const auto& i : changing) {
            TL_TRY(
                InsertScopeChange(tx,
                                  ScopeOf::Of(sprint),
                                  adding ? domain::ScopeKind::kAdded : domain::ScopeKind::kRemoved,
                                  i,
                                  adding ? std::nullopt : i.points,
                                  adding ? i.points : std::nullopt,
                                  actor_id,
                                  now,
                                  reason));
        }
    }
    return SprintEvent(tx,
                       actor_id,
                       now,
                       sprint,
                       adding ? "items_added" : "items_removed",
                       {},
                       SprintSummary(changing, reason));
}

ChangeRequestView RequestView(const domain::ChangeRequest& r,
                              const std::map<std::string, ItemBrief>& briefs,
                              UserNames& names) {
    ChangeRequestView v;
    v.request = r;
    if (auto it = briefs.find(r.item_id); it != briefs.end()) {
        v.item = it->second;
    } else {
        v.item.id = r.item_id;
    }
    v.requested_by_name = names.Of(r.requested_by);
    v.decided_by_name = names.Of(r.decided_by);
    return v;
}

Result<void> RequestEvent(storage::Tx& tx,
                          const std::string& actor_id,
                          std::int64_t now,
                          const domain::ChangeRequest& before,
                          const domain::ChangeRequest& after,
                          const std::string& action) {
    return RecordEvent(tx,
                       after.workspace_id,
                       actor_id,
                       now,
                       {"change_request",
                        after.id,
                        after.product_id,
                        action,
                        action == "requested" ? json::object() : ChangeRequestJson(before),
                        ChangeRequestJson(after)});
}

// Asks the Product Owner instead of planning: one open request per item (an open request of
// the same kind for the item is answered again rather than repeated).
Result<std::vector<ChangeRequestView>> RequestPlan(storage::Tx& tx,
                                                   const Actor& actor,
                                                   const domain::Sprint& sprint,
                                                   const std::vector<domain::Item>& items,
                                                   bool adding,
                                                   const std::string& reason,
                                                   std::int64_t now) {
    const auto kind = adding ? domain::ChangeRequestKind::kAdd : domain::ChangeRequestKind::kRemove;
    TL_ASSIGN_OR_RETURN(auto all,
                        tx.ListChangeRequests(sprint.workspace_id, sprint.id, std::nullopt));
    std::vector<domain::ChangeRequest> open;
    std::copy_if(all.begin(), all.end(), std::back_inserter(open), [](const auto& r) {
        return r.status == domain::ChangeRequestStatus::kOpen;
    });
    // Requests are listed in the order asked, also those asked for several items at once.
    std::int64_t at = StampAfter(now, all, &domain::ChangeRequest::requested_at);
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(sprint.workspace_id, sprint.product_id));
    std::map<std::string, ItemBrief> briefs;
    for (const auto& i : items) {
        briefs.emplace(i.id, BriefOf(i, product.key));
    }
    UserNames names(tx, sprint.workspace_id);
    std::vector<ChangeRequestView> out;
    for (const auto& i : items) {
        if ((i.sprint_id == sprint.id) == adding) {
            continue;  // nothing to change
        }
        auto same = std::find_if(open.begin(), open.end(), [&](const auto& r) {
            return r.item_id == i.id && r.kind == kind;
        });
        if (same != open.end()) {
            out.push_back(RequestView(*same, briefs, names));
            continue;
        }
        domain::ChangeRequest r;
        r.id = NewId("crq", now);
        r.workspace_id = sprint.workspace_id;
        r.product_id = sprint.product_id;
        r.sprint_id = sprint.id;
        r.kind = kind;
        r.item_id = i.id;
        r.reason = reason;
        r.requested_by = actor.user_id;
        r.requested_at = at++;
        TL_TRY(tx.InsertChangeRequest(r));
        TL_TRY(RequestEvent(tx, actor.user_id, now, r, r, "requested"));
        out.push_back(RequestView(r, briefs, names));
    }
    return out;
}

Result<PlanResult> Plan(AppContext& ctx,
                        const Actor& actor,
                        const std::string& id,
                        const PlanInput& input,
                        bool adding) {
    const std::int64_t now = ctx.clock.NowMs();
    PlanResult result;
    std::string sprint_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite, &roles));
        sprint_id = sprint.id;
        // Serialises the planning of this product's sprints on every node, so an item checked
        // to be in no other open sprint stays so until this transaction commits.
        TL_TRY(tx.LockScope("sprints:" + sprint.product_id));
        TL_ASSIGN_OR_RETURN(sprint, tx.GetSprint(actor.workspace_id, sprint.id));  // as locked
        TL_ASSIGN_OR_RETURN(auto resolved, ResolvePlanItems(tx, sprint, input, adding));
        if (sprint.status == SprintStatus::kCompleted) {
            return Fail(Refused("the sprint is completed; plan another one"));
        }
        if (sprint.status == SprintStatus::kActive && sprint.require_approval &&
            !Has(roles, domain::Role::kProductOwner)) {
            TL_ASSIGN_OR_RETURN(
                result.requests,
                RequestPlan(tx, actor, sprint, resolved.items, adding, input.reason, now));
            return {};
        }
        return ApplyPlan(tx, sprint, resolved.items, adding, actor.user_id, now, input.reason);
    }));
    if (!result.requests.empty()) {
        return result;
    }
    TL_ASSIGN_OR_RETURN(result.sprint, ViewOf(ctx, actor, sprint_id));
    return result;
}

// Rank keys for `count` items placed above `first` (the backlog's first key; "" when empty),
// in order; empty when the keys would grow too long (the caller rebalances).
std::vector<std::string> TopRanks(std::size_t count, const std::string& first) {
    std::vector<std::string> keys(count);
    std::string hi = first;
    for (std::size_t k = count; k-- > 0;) {
        auto key = domain::RankBetweenChecked("", hi);
        if (!key || key->size() > domain::kMaxRankLength) {
            return {};
        }
        keys[k] = *key;
        hi = *key;
    }
    return keys;
}

// Puts `items` (in their order) at the top of the product's backlog, one rank write each; when
// the keys would grow too long, every key of the product is rewritten instead (rare).
Result<void> ReturnToTop(storage::Tx& tx,
                         const domain::Sprint& sprint,
                         std::vector<domain::Item>& items,
                         const std::string& actor_id,
                         std::int64_t now) {
    const auto& ws = sprint.workspace_id;
    TL_ASSIGN_OR_RETURN(auto first, tx.EdgeRank(ws, sprint.product_id, false));
    auto keys = TopRanks(items.size(), first);
    if (!keys.empty()) {
        for (std::size_t k = 0; k < items.size(); ++k) {
            const std::string before = items[k].rank;
            items[k].rank = keys[k];
            items[k].updated_at = now;
            // The version was raised with the sprint change; the rank goes with it.
            TL_TRY(tx.UpdateItemRank(items[k], items[k].version));
            TL_TRY(RecordEvent(tx,
                               ws,
                               actor_id,
                               now,
                               {"item",
                                items[k].id,
                                sprint.product_id,
                                "moved",
                                json::object{{"rank", before}},
                                json::object{{"rank", keys[k]}}}));
        }
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto order, tx.ListRankOrder(ws, sprint.product_id));
    std::set<std::string> moving;
    std::vector<std::string> ids;
    for (const auto& i : items) {
        moving.insert(i.id);
        ids.push_back(i.id);
    }
    for (const auto& r : order) {
        if (moving.count(r.id) == 0) {
            ids.push_back(r.id);
        }
    }
    const auto ranks = domain::EvenlySpacedRanks(ids.size());
    TL_TRY(tx.RewriteRanks(ws, sprint.product_id, ids, ranks));
    return RecordEvent(tx,
                       ws,
                       actor_id,
                       now,
                       {"backlog",
                        sprint.product_id,
                        sprint.product_id,
                        "rebalanced",
                        {},
                        json::object{{"items", static_cast<std::int64_t>(ids.size())}}});
}

}  // namespace

json::value FigureJson(double points) {
    const double rounded = domain::RoundPoints(points);
    if (std::fabs(rounded) < 1e15 && rounded == std::floor(rounded)) {
        return static_cast<std::int64_t>(rounded);
    }
    return rounded;
}

json::value FigureJson(const std::optional<double>& points) {
    if (!points) {
        return nullptr;
    }
    return FigureJson(*points);
}

json::object ToJson(const domain::Sprint& s) {
    json::array days;
    for (int d : s.working_days) {
        days.emplace_back(d);
    }
    return json::object{
        {"id", s.id},
        {"product_id", s.product_id},
        {"team_id", s.team_id},
        {"name", s.name},
        {"goal", s.goal},
        {"start_date", s.start_date},
        {"end_date", s.end_date},
        {"working_days", std::move(days)},
        {"capacity_unit", domain::ToString(s.capacity_unit)},
        {"require_approval", s.require_approval},
        {"status", domain::ToString(s.status)},
        {"started_at", MsOrNull(s.started_at)},
        {"completed_at", MsOrNull(s.completed_at)},
        {"committed_points",
         s.status == SprintStatus::kPlanned ? json::value(nullptr)
                                            : FigureJson(s.committed_points)},
        {"completed_points",
         s.status == SprintStatus::kCompleted ? FigureJson(s.completed_points)
                                              : json::value(nullptr)},
        {"created_by", s.created_by.empty() ? json::value(nullptr) : json::value(s.created_by)},
        {"version", s.version},
        {"created_at", s.created_at},
        {"updated_at", s.updated_at}};
}

// ---- scope changes from backlog edits ----

namespace {

// The active sprint the item is planned in; nullopt when it is in none (or the sprint is
// gone, planned or completed): only an active sprint's scope changes are recorded.
Result<std::optional<domain::Sprint>> ActiveSprintOf(storage::Tx& tx, const domain::Item& item) {
    if (item.sprint_id.empty()) {
        return std::optional<domain::Sprint>();
    }
    auto sprint = tx.GetSprint(item.workspace_id, item.sprint_id);
    if (!sprint) {
        if (sprint.error().code == ErrorCode::kNotFound) {
            return std::optional<domain::Sprint>();
        }
        return Fail(sprint.error());
    }
    if (sprint->status != SprintStatus::kActive) {
        return std::optional<domain::Sprint>();
    }
    return std::optional<domain::Sprint>(std::move(*sprint));
}

}  // namespace

json::object ChangeRequestJson(const domain::ChangeRequest& r) {
    return json::object{{"id", r.id},
                        {"sprint_id", r.sprint_id},
                        {"kind", domain::ToString(r.kind)},
                        {"item_id", r.item_id},
                        {"reason", r.reason},
                        {"requested_by", r.requested_by},
                        {"requested_at", r.requested_at},
                        {"status", domain::ToString(r.status)},
                        {"decided_by", StringOrNull(r.decided_by)},
                        {"decided_at", MsOrNull(r.decided_at)},
                        {"note", r.note}};
}

Result<domain::Sprint> AuthorizeSprint(storage::Tx& tx,
                                       const Actor& actor,
                                       const std::string& id,
                                       domain::Action action,
                                       std::vector<domain::Role>* roles_out) {
    TL_ASSIGN_OR_RETURN(auto sprint, tx.GetSprint(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, sprint.product_id, action, "sprint", roles_out));
    return sprint;
}

Result<void> InsertScopeChange(storage::Tx& tx,
                               const ScopeOf& scope,
                               domain::ScopeKind kind,
                               const domain::Item& item,
                               std::optional<double> before,
                               std::optional<double> after,
                               const std::string& actor_id,
                               std::int64_t now,
                               const std::string& reason) {
    domain::ScopeChange c;
    c.id = NewId("scg", now);
    c.workspace_id = scope.workspace_id;
    c.product_id = scope.product_id;
    c.scope_type = scope.type;
    c.scope_id = scope.id;
    c.kind = kind;
    c.item_id = item.id;
    c.points_before = before;
    c.points_after = after;
    c.by = actor_id;
    TL_ASSIGN_OR_RETURN(auto latest,
                        tx.LatestScopeChangeAt(c.workspace_id, scope.type, c.scope_id));
    c.at = StampAfter(now, latest);
    c.reason = reason;
    return tx.InsertScopeChange(c);
}

Result<void> RecordReestimate(storage::Tx& tx,
                              const std::string& actor_id,
                              const domain::Item& before,
                              const domain::Item& after,
                              std::int64_t now,
                              const std::string& reason) {
    if (before.points == after.points) {
        return {};
    }
    TL_TRY(RecordReleaseReestimate(tx, actor_id, before, after, now, reason));
    TL_ASSIGN_OR_RETURN(auto sprint, ActiveSprintOf(tx, after));
    if (!sprint) {
        return {};
    }
    TL_TRY(InsertScopeChange(tx,
                             ScopeOf::Of(*sprint),
                             domain::ScopeKind::kReEstimated,
                             after,
                             before.points,
                             after.points,
                             actor_id,
                             now,
                             reason));
    return SprintEvent(tx,
                       actor_id,
                       now,
                       *sprint,
                       "scope_changed",
                       json::object{{"item_id", after.id}, {"points", FigureJson(before.points)}},
                       json::object{{"item_id", after.id}, {"points", FigureJson(after.points)}});
}

Result<void> RecordSprintItemDeleted(storage::Tx& tx,
                                     const std::string& actor_id,
                                     const domain::Item& item,
                                     std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto sprint, ActiveSprintOf(tx, item));
    if (!sprint) {
        return {};
    }
    TL_TRY(InsertScopeChange(tx,
                             ScopeOf::Of(*sprint),
                             domain::ScopeKind::kRemoved,
                             item,
                             item.points,
                             std::nullopt,
                             actor_id,
                             now,
                             "deleted"));
    return SprintEvent(tx,
                       actor_id,
                       now,
                       *sprint,
                       "scope_changed",
                       json::object{{"item_id", item.id}},
                       json::object{{"item_id", nullptr}});
}

Result<void> JoinSprintOfOriginal(storage::Tx& tx,
                                  const std::string& actor_id,
                                  const domain::Item& original,
                                  const std::vector<domain::Item>& parts,
                                  const std::string& original_key,
                                  std::int64_t now) {
    if (original.sprint_id.empty() || parts.empty()) {
        return {};
    }
    auto sprint = tx.GetSprint(original.workspace_id, original.sprint_id);
    if (!sprint) {
        return sprint.error().code == ErrorCode::kNotFound ? Result<void>()
                                                           : Result<void>(sprint.error());
    }
    if (sprint->status == SprintStatus::kCompleted) {
        return {};
    }
    return ApplyPlan(tx, *sprint, parts, true, actor_id, now, "split from " + original_key);
}

// ---- use cases ----

Result<SprintView> CreateSprint(AppContext& ctx,
                                const Actor& actor,
                                const std::string& product_id,
                                const SprintInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kSprintWrite));
        domain::Issues issues = input.issues;
        domain::Sprint s;
        s.id = NewId("spr", now);
        s.workspace_id = actor.workspace_id;
        s.product_id = product_id;
        s.working_days = domain::kDefaultWorkingDays;
        s.created_by = actor.user_id;
        s.created_at = now;
        s.updated_at = now;
        for (const auto& [field, given] : {std::pair<const char*, bool>{"team_id", !!input.team_id},
                                           {"name", !!input.name},
                                           {"start_date", !!input.start_date},
                                           {"end_date", !!input.end_date}}) {
            if (!given) {
                issues.push_back({field, "is required"});
            }
        }
        std::set<std::string> changed;
        Apply(input, s, changed);
        if (input.team_id && !input.team_id->empty()) {
            s.team_id = *input.team_id;
            auto team = tx.GetTeam(actor.workspace_id, s.team_id);
            if (!team) {
                if (team.error().code != ErrorCode::kNotFound) {
                    return Fail(team.error());
                }
                issues.push_back({"team_id", "no such team in this workspace"});
            } else if (!team->product_id.empty() && team->product_id != product_id) {
                issues.push_back({"team_id", "the team works on another product"});
            }
        } else if (input.team_id) {
            issues.push_back({"team_id", "is required"});
        }
        if (input.name && input.start_date && input.end_date) {
            for (auto& i : domain::ValidateSprint(s)) {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertSprint(s));
        id = s.id;
        return SprintEvent(tx, actor.user_id, now, s, "created", {}, ToJson(s));
    }));
    return ViewOf(ctx, actor, id);
}

Result<std::vector<SprintView>> ListSprints(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const std::string& team_id,
                                            std::optional<domain::SprintStatus> status,
                                            const domain::Issues& issues) {
    std::vector<SprintView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        if (!issues.empty()) {
            return Fail(ValidationFailed(issues));
        }
        TL_ASSIGN_OR_RETURN(auto sprints,
                            tx.ListSprints(actor.workspace_id, {product_id, team_id, status}));
        std::vector<std::string> ids;
        for (const auto& s : sprints) {
            ids.push_back(s.id);
        }
        TL_ASSIGN_OR_RETURN(auto totals, tx.SprintTotalsOf(actor.workspace_id, ids));
        std::map<std::string, std::string> team_names;
        for (auto& s : sprints) {
            SprintView v;
            if (auto it = team_names.find(s.team_id); it != team_names.end()) {
                v.team_name = it->second;
            } else if (auto team = tx.GetTeam(actor.workspace_id, s.team_id)) {
                v.team_name = team_names[s.team_id] = team->name;
            }
            v.working_day_count = static_cast<std::int64_t>(domain::WorkingDays(s).size());
            if (auto t = totals.find(s.id); t != totals.end()) {
                v.planning.planned_points = domain::RoundPoints(t->second.points);
                v.planning.items = t->second.items;
                v.planning.unestimated = t->second.unestimated;
                v.done_points = domain::RoundPoints(t->second.done_points);
            }
            v.sprint = std::move(s);
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<SprintView> GetSprint(AppContext& ctx, const Actor& actor, const std::string& id) {
    return ViewOf(ctx, actor, id);
}

Result<SprintView> UpdateSprint(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const SprintInput& input,
                                std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string sprint_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite));
        sprint_id = current.id;
        domain::Issues issues = input.issues;
        if (input.team_id) {
            issues.push_back({"team_id", "a sprint stays with its team; create another sprint"});
        }
        domain::Sprint next = current;
        std::set<std::string> changed;
        Apply(input, next, changed);
        for (auto& i : domain::ValidateSprint(next)) {
            issues.push_back(std::move(i));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the sprint was changed since version " + std::to_string(*if_match)));
        }
        if (current.status == SprintStatus::kCompleted) {
            for (const auto& f : changed) {
                if (f != "name" && f != "goal") {
                    Error e = Refused("a completed sprint keeps its dates and settings");
                    e.details.push_back({f, "cannot change after completion"});
                    return Fail(std::move(e));
                }
            }
        }
        if (changed.empty()) {
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateSprint(next, current.version));
        return SprintEvent(tx, actor.user_id, now, next, "updated", ToJson(current), ToJson(next));
    }));
    return ViewOf(ctx, actor, sprint_id);
}

Result<void> DeleteSprint(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite));
        if (sprint.status != SprintStatus::kPlanned) {
            return Fail(Refused("only a planned sprint can be deleted; this one is " +
                                std::string(domain::ToString(sprint.status))));
        }
        TL_TRY(tx.LockScope("sprints:" + sprint.product_id));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(actor.workspace_id, sprint.id));
        std::vector<std::string> ids;
        for (const auto& i : items) {
            ids.push_back(i.id);
        }
        TL_TRY(tx.SetItemsSprint(actor.workspace_id, ids, "", now));
        TL_TRY(ItemSprintEvents(tx, actor.workspace_id, actor.user_id, now, items, ""));
        TL_TRY(tx.DeleteSprint(actor.workspace_id, sprint.id));
        return SprintEvent(tx, actor.user_id, now, sprint, "deleted", ToJson(sprint), {});
    });
}

Result<SprintView> PutCapacity(AppContext& ctx,
                               const Actor& actor,
                               const std::string& id,
                               const CapacityInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string sprint_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite));
        sprint_id = sprint.id;
        domain::Issues issues = input.issues;
        std::set<std::string> team_members;
        if (auto team = tx.GetTeam(actor.workspace_id, sprint.team_id)) {
            team_members.insert(team->member_ids.begin(), team->member_ids.end());
        }
        TL_ASSIGN_OR_RETURN(auto roles,
                            tx.ListRolesOfProduct(actor.workspace_id, sprint.product_id));
        std::set<std::string> on_product;
        for (const auto& r : roles) {
            on_product.insert(r.user_id);
        }
        std::set<std::string> seen;
        for (std::size_t k = 0; k < input.members.size(); ++k) {
            const auto& m = input.members[k];
            const std::string at = "members." + std::to_string(k);
            if (m.user_id.empty()) {
                continue;  // reported by the route as required
            }
            if (!seen.insert(m.user_id).second) {
                issues.push_back({at + ".user_id", "is listed twice"});
            } else if (team_members.count(m.user_id) == 0 && on_product.count(m.user_id) == 0) {
                issues.push_back({at + ".user_id",
                                  "is neither a member of the sprint's team nor holds a role on "
                                  "the product"});
            }
            std::set<std::string> days;
            for (std::size_t d = 0; d < m.days_off.size(); ++d) {
                if (!domain::ParseDate(m.days_off[d])) {
                    issues.push_back({at + ".days_off." + std::to_string(d),
                                      "must be a date such as 2026-11-05"});
                } else if (!days.insert(m.days_off[d]).second) {
                    issues.push_back({at + ".days_off." + std::to_string(d), "is listed twice"});
                }
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (sprint.status == SprintStatus::kCompleted) {
            return Fail(Refused("a completed sprint keeps its capacity"));
        }
        TL_ASSIGN_OR_RETURN(auto before, tx.ListSprintCapacity(actor.workspace_id, sprint.id));
        TL_TRY(tx.PutSprintCapacity(actor.workspace_id, sprint.id, input.members));
        auto members_json = [](const std::vector<domain::MemberCapacity>& members) {
            json::array a;
            for (const auto& m : members) {
                json::array off;
                for (const auto& d : m.days_off) {
                    off.emplace_back(d);
                }
                a.push_back(json::object{{"user_id", m.user_id},
                                         {"capacity", FigureJson(m.capacity)},
                                         {"days_off", std::move(off)}});
            }
            return a;
        };
        return SprintEvent(tx,
                           actor.user_id,
                           now,
                           sprint,
                           "capacity_set",
                           json::object{{"members", members_json(before)}},
                           json::object{{"members", members_json(input.members)}});
    }));
    return ViewOf(ctx, actor, sprint_id);
}

Result<PlanResult> AddSprintItems(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const PlanInput& input) {
    return Plan(ctx, actor, id, input, true);
}

Result<PlanResult> RemoveSprintItems(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& id,
                                     const PlanInput& input) {
    return Plan(ctx, actor, id, input, false);
}

Result<SprintView> StartSprint(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string sprint_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite));
        sprint_id = sprint.id;
        TL_TRY(tx.LockScope("sprints:" + sprint.product_id));
        TL_ASSIGN_OR_RETURN(sprint, tx.GetSprint(actor.workspace_id, sprint.id));  // as locked
        if (sprint.status != SprintStatus::kPlanned) {
            return Fail(
                Refused("the sprint is already " + std::string(domain::ToString(sprint.status))));
        }
        // On any product: a team tied to no product may plan sprints on several.
        TL_ASSIGN_OR_RETURN(
            auto active,
            tx.ListSprints(actor.workspace_id, {"", sprint.team_id, SprintStatus::kActive}));
        if (!active.empty()) {
            Error e = Refused("the team already runs " + active[0].name + "; complete it first",
                              "sprint_active");
            e.details.push_back({"team_id", "has an active sprint: " + active[0].name});
            return Fail(std::move(e));
        }
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(actor.workspace_id, sprint.id));
        std::vector<domain::BaselineEntry> baseline;
        double committed = 0;
        for (const auto& i : items) {
            baseline.push_back({i.id, i.points});
            committed += i.points.value_or(0);
        }
        domain::Sprint next = sprint;
        next.status = SprintStatus::kActive;
        next.started_at = now;
        next.committed_points = committed;
        next.version = sprint.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateSprint(next, sprint.version));
        TL_TRY(tx.InsertSprintBaseline(actor.workspace_id, sprint.id, baseline));
        return SprintEvent(tx, actor.user_id, now, next, "started", ToJson(sprint), [&] {
            json::object after = ToJson(next);
            after["baseline_items"] = static_cast<std::int64_t>(items.size());
            return after;
        }());
    }));
    return ViewOf(ctx, actor, sprint_id);
}

Result<SprintView> CompleteSprint(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const CompleteInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string sprint_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kSprintWrite));
        sprint_id = sprint.id;
        domain::Issues issues = input.issues;
        const bool to_next = input.carry_over == "next_sprint";
        if (input.carry_over != "backlog" && !to_next) {
            issues.push_back({"carry_over", "must be backlog or next_sprint"});
        }
        if (to_next && input.next_sprint_id.empty()) {
            issues.push_back({"next_sprint_id", "is required to carry over to the next sprint"});
        }
        if (!to_next && !input.next_sprint_id.empty()) {
            issues.push_back({"next_sprint_id", "is only for carry_over next_sprint"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        std::optional<domain::Sprint> next_sprint;
        if (to_next) {
            auto found = tx.GetSprint(actor.workspace_id, input.next_sprint_id);
            if (!found && found.error().code != ErrorCode::kNotFound) {
                return Fail(found.error());
            }
            if (!found || found->product_id != sprint.product_id ||
                found->team_id != sprint.team_id || found->id == sprint.id ||
                found->status != SprintStatus::kPlanned) {
                return Fail(ValidationFailed(
                    {{"next_sprint_id", "must be a planned sprint of the same team and product"}}));
            }
            next_sprint = std::move(*found);
        }
        if (sprint.status != SprintStatus::kActive) {
            return Fail(Refused("only an active sprint can be completed; this one is " +
                                std::string(domain::ToString(sprint.status))));
        }
        const auto& ws = actor.workspace_id;
        TL_TRY(tx.LockScope("sprints:" + sprint.product_id));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(ws, sprint.id));
        std::vector<domain::SprintOutcome> outcomes;
        std::vector<domain::Item> unfinished;
        double completed = 0;
        for (const auto& i : items) {
            domain::SprintOutcome o;
            o.item_id = i.id;
            o.points = i.points;
            if (i.category == domain::StatusCategory::kDone) {
                o.outcome = domain::ItemOutcome::kDone;
                o.done_at = i.done_at;
                completed += i.points.value_or(0);
            } else if (to_next) {
                o.outcome = domain::ItemOutcome::kCarriedOver;
                o.next_sprint_id = next_sprint->id;
                unfinished.push_back(i);
            } else {
                o.outcome = domain::ItemOutcome::kReturned;
                unfinished.push_back(i);
            }
            outcomes.push_back(std::move(o));
        }
        if (!unfinished.empty()) {
            std::vector<std::string> ids;
            for (const auto& i : unfinished) {
                ids.push_back(i.id);
            }
            const std::string to = to_next ? next_sprint->id : std::string();
            if (!to_next) {
                // Serialises with every other rank writer of this backlog, on every node.
                TL_TRY(tx.LockScope("ranks:" + sprint.product_id));
            }
            TL_TRY(tx.SetItemsSprint(ws, ids, to, now));
            TL_TRY(ItemSprintEvents(tx, ws, actor.user_id, now, unfinished, to));
            if (!to_next) {
                for (auto& i : unfinished) {
                    i.version += 1;  // SetItemsSprint raised it
                    i.sprint_id.clear();
                }
                TL_TRY(ReturnToTop(tx, sprint, unfinished, actor.user_id, now));
            }
        }
        TL_TRY(tx.InsertSprintOutcomes(ws, sprint.id, outcomes));
        // Requests nobody decided lapse with the sprint.
        TL_ASSIGN_OR_RETURN(
            auto open, tx.ListChangeRequests(ws, sprint.id, domain::ChangeRequestStatus::kOpen));
        for (const auto& r : open) {
            domain::ChangeRequest closed = r;
            closed.status = domain::ChangeRequestStatus::kRejected;
            closed.decided_by = actor.user_id;
            closed.decided_at = now;
            closed.note = "the sprint was completed";
            closed.version = r.version + 1;
            TL_TRY(tx.UpdateChangeRequest(closed, r.version));
            TL_TRY(RequestEvent(tx, actor.user_id, now, r, closed, "rejected"));
        }
        domain::Sprint next = sprint;
        next.status = SprintStatus::kCompleted;
        next.completed_at = now;
        next.completed_points = completed;
        next.version = sprint.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateSprint(next, sprint.version));
        json::object after = ToJson(next);
        after["carry_over"] = input.carry_over;
        if (next_sprint) {
            after["next_sprint_id"] = next_sprint->id;
        }
        after["unfinished_items"] = static_cast<std::int64_t>(unfinished.size());
        TL_TRY(SprintEvent(tx, actor.user_id, now, next, "completed", ToJson(sprint), after));
        if (next_sprint && !unfinished.empty()) {
            TL_TRY(SprintEvent(tx,
                               actor.user_id,
                               now,
                               *next_sprint,
                               "items_added",
                               {},
                               SprintSummary(unfinished, "carried over from " + sprint.name)));
        }
        return {};
    }));
    return ViewOf(ctx, actor, sprint_id);
}

Result<BaselineView> GetBaseline(AppContext& ctx, const Actor& actor, const std::string& id) {
    BaselineView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(view.sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product,
                            tx.GetProduct(actor.workspace_id, view.sprint.product_id));
        TL_ASSIGN_OR_RETURN(auto baseline,
                            tx.ListSprintBaseline(actor.workspace_id, view.sprint.id));
        std::vector<std::string> ids;
        for (const auto& b : baseline) {
            ids.push_back(b.item_id);
        }
        TL_ASSIGN_OR_RETURN(auto briefs, Briefs(tx, actor.workspace_id, product.key, ids, {}));
        for (const auto& b : baseline) {
            view.items.emplace_back(briefs.at(b.item_id), b.points);
        }
        return {};
    }));
    return view;
}

Result<std::vector<ScopeChangeView>> ListSprintScopeChanges(AppContext& ctx,
                                                            const Actor& actor,
                                                            const std::string& id) {
    std::vector<ScopeChangeView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, sprint.product_id));
        TL_ASSIGN_OR_RETURN(
            out, LoadScopeChangeViews(tx, actor.workspace_id, product.key, "sprint", sprint.id));
        return {};
    }));
    return out;
}

Result<std::map<std::string, ItemBrief>> ItemBriefs(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    std::string_view product_key,
                                                    const std::vector<std::string>& ids) {
    return Briefs(tx, workspace_id, product_key, ids, {});
}

Result<std::vector<ScopeChangeView>> LoadScopeChangeViews(storage::Tx& tx,
                                                          const std::string& workspace_id,
                                                          std::string_view product_key,
                                                          const std::string& scope_type,
                                                          const std::string& scope_id) {
    TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges(workspace_id, scope_type, scope_id));
    std::vector<std::string> ids;
    for (const auto& c : changes) {
        ids.push_back(c.item_id);
    }
    TL_ASSIGN_OR_RETURN(auto briefs, Briefs(tx, workspace_id, product_key, ids, {}));
    UserNames names(tx, workspace_id);
    std::vector<ScopeChangeView> out;
    for (auto& c : changes) {
        ScopeChangeView v;
        v.item = briefs.at(c.item_id);
        v.by_name = names.Of(c.by);
        v.change = std::move(c);
        out.push_back(std::move(v));
    }
    return out;
}

Result<std::vector<ChangeRequestView>> ListChangeRequests(
    AppContext& ctx,
    const Actor& actor,
    const std::string& sprint_id,
    std::optional<domain::ChangeRequestStatus> status,
    const domain::Issues& issues) {
    std::vector<ChangeRequestView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kProductRead));
        if (!issues.empty()) {
            return Fail(ValidationFailed(issues));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, sprint.product_id));
        TL_ASSIGN_OR_RETURN(auto requests,
                            tx.ListChangeRequests(actor.workspace_id, sprint.id, status));
        std::vector<std::string> ids;
        for (const auto& r : requests) {
            ids.push_back(r.item_id);
        }
        TL_ASSIGN_OR_RETURN(auto briefs, Briefs(tx, actor.workspace_id, product.key, ids, {}));
        UserNames names(tx, actor.workspace_id);
        for (const auto& r : requests) {
            out.push_back(RequestView(r, briefs, names));
        }
        return {};
    }));
    return out;
}

Result<ChangeRequestView> DecideChangeRequest(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              bool accept,
                                              const std::string& note,
                                              const domain::Issues& input_issues) {
    const std::int64_t now = ctx.clock.NowMs();
    ChangeRequestView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        const auto& ws = actor.workspace_id;
        TL_ASSIGN_OR_RETURN(auto request, tx.GetChangeRequest(ws, id));
        auto product =
            AuthorizeProduct(tx, actor, request.product_id, domain::Action::kBacklogWrite);
        if (!product && product.error().code == ErrorCode::kForbidden) {
            TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, request.product_id));
            if (roles.empty() && !actor.is_admin) {
                return Fail(NotFound("change request"));
            }
        }
        TL_TRY(product);
        domain::Issues issues = input_issues;
        domain::CheckText(issues, "note", note, domain::kMaxReasonLength);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (request.status != domain::ChangeRequestStatus::kOpen) {
            return Fail(Refused("the change request was already " +
                                std::string(domain::ToString(request.status))));
        }
        TL_TRY(tx.LockScope("sprints:" + request.product_id));
        TL_ASSIGN_OR_RETURN(auto sprint, tx.GetSprint(ws, request.sprint_id));
        domain::ChangeRequest decided = request;
        decided.status = accept ? domain::ChangeRequestStatus::kAccepted
                                : domain::ChangeRequestStatus::kRejected;
        decided.decided_by = actor.user_id;
        decided.decided_at = now;
        decided.note = note;
        decided.version = request.version + 1;
        std::vector<domain::Item> known;
        if (accept) {
            if (sprint.status != SprintStatus::kActive) {
                return Fail(Refused("the sprint is no longer active"));
            }
            auto item = tx.GetItem(ws, request.item_id);
            if (!item) {
                if (item.error().code == ErrorCode::kNotFound) {
                    return Fail(Refused("the item no longer exists; reject the request"));
                }
                return Fail(item.error());
            }
            const bool adding = request.kind == domain::ChangeRequestKind::kAdd;
            if (adding) {
                if (item->category == domain::StatusCategory::kDone &&
                    item->sprint_id != sprint.id) {
                    return Fail(Refused("the item is done meanwhile; reject the request"));
                }
                TL_ASSIGN_OR_RETURN(auto open, OpenSprintsOf(tx, ws, {*item}, sprint.id));
                if (!open.empty()) {
                    return Fail(Refused("the item is in sprint " + open.begin()->second.name +
                                            " meanwhile; remove it there first",
                                        "in_other_sprint"));
                }
            }
            const std::string reason =
                request.reason.empty() ? "change request accepted" : request.reason;
            TL_TRY(ApplyPlan(tx, sprint, {*item}, adding, actor.user_id, now, reason));
            known.push_back(std::move(*item));
        }
        TL_TRY(tx.UpdateChangeRequest(decided, request.version));
        TL_TRY(RequestEvent(
            tx, actor.user_id, now, request, decided, accept ? "accepted" : "rejected"));
        TL_ASSIGN_OR_RETURN(auto p, tx.GetProduct(ws, request.product_id));
        TL_ASSIGN_OR_RETURN(auto briefs, Briefs(tx, ws, p.key, {request.item_id}, known));
        UserNames names(tx, ws);
        view = RequestView(decided, briefs, names);
        return {};
    }));
    return view;
}

Result<BurndownView> GetBurndown(AppContext& ctx, const Actor& actor, const std::string& id) {
    BurndownView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        const auto& ws = actor.workspace_id;
        TL_ASSIGN_OR_RETURN(view.sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kProductRead));
        const domain::Sprint& s = view.sprint;
        domain::BurndownInput in;
        in.sprint = s;
        in.today = domain::DayOfMs(ctx.clock.NowMs());
        if (s.status == SprintStatus::kPlanned) {
            TL_ASSIGN_OR_RETURN(auto totals, tx.SprintTotalsOf(ws, {s.id}));
            if (auto t = totals.find(s.id); t != totals.end()) {
                in.planned_points = t->second.points;
            }
        } else {
            TL_ASSIGN_OR_RETURN(in.baseline, tx.ListSprintBaseline(ws, s.id));
            TL_ASSIGN_OR_RETURN(in.changes, tx.ListScopeChanges(ws, "sprint", s.id));
            if (s.status == SprintStatus::kCompleted) {
                TL_ASSIGN_OR_RETURN(in.outcomes, tx.ListSprintOutcomes(ws, s.id));
            } else {
                // When each item of the sprint entered done: those in it now through the
                // sprint index, those that left it meanwhile by id.
                TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(ws, s.id));
                for (const auto& i : items) {
                    in.done_at[i.id] = i.done_at;
                }
                std::vector<std::string> others;
                for (const auto& b : in.baseline) {
                    if (in.done_at.count(b.item_id) == 0) {
                        others.push_back(b.item_id);
                    }
                }
                for (const auto& c : in.changes) {
                    if (in.done_at.count(c.item_id) == 0) {
                        others.push_back(c.item_id);
                    }
                }
                std::sort(others.begin(), others.end());
                others.erase(std::unique(others.begin(), others.end()), others.end());
                TL_ASSIGN_OR_RETURN(auto left, tx.GetItems(ws, others));
                for (const auto& i : left) {
                    in.done_at[i.id] = i.done_at;
                }
            }
        }
        view.burndown = domain::ComputeBurndown(in);
        return {};
    }));
    return view;
}

Result<ReportView> GetReport(AppContext& ctx, const Actor& actor, const std::string& id) {
    ReportView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        const auto& ws = actor.workspace_id;
        TL_ASSIGN_OR_RETURN(view.sprint,
                            AuthorizeSprint(tx, actor, id, domain::Action::kProductRead));
        const domain::Sprint& s = view.sprint;
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(ws, s.product_id));
        TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges(ws, "sprint", s.id));
        std::vector<domain::SprintOutcome> outcomes;
        std::vector<domain::Item> items;
        if (s.status == SprintStatus::kCompleted) {
            TL_ASSIGN_OR_RETURN(outcomes, tx.ListSprintOutcomes(ws, s.id));
        } else {
            TL_ASSIGN_OR_RETURN(items, tx.ListSprintItems(ws, s.id));
        }
        std::vector<domain::ReportItem> current;
        for (const auto& i : items) {
            current.push_back({i.id, i.points, i.category == domain::StatusCategory::kDone});
        }
        const domain::SprintReport report = domain::GroupReport(s, changes, outcomes, current);
        std::vector<std::string> ids;
        for (const auto& c : changes) {
            ids.push_back(c.item_id);
        }
        for (const auto& o : outcomes) {
            ids.push_back(o.item_id);
        }
        TL_ASSIGN_OR_RETURN(auto briefs, Briefs(tx, ws, product.key, ids, items));
        std::map<std::string, std::optional<double>> points;
        for (const auto& i : items) {
            points[i.id] = i.points;
        }
        for (const auto& o : outcomes) {
            points[o.item_id] = o.points;
        }
        UserNames names(tx, ws);
        view.committed = domain::RoundPoints(report.committed);
        view.completed = domain::RoundPoints(report.completed);
        auto entry = [&](const std::string& item_id) {
            ReportEntry e;
            e.item = briefs.at(item_id);
            e.points = points[item_id];
            return e;
        };
        for (const auto& i : report.done) {
            view.done.push_back(entry(i));
        }
        for (const auto& i : report.not_done) {
            view.not_done.push_back(entry(i));
        }
        auto change_entries = [&](const std::vector<std::size_t>& indices,
                                  std::vector<ReportEntry>& into) {
            for (std::size_t k : indices) {
                const auto& c = changes[k];
                ReportEntry e;
                e.item = briefs.at(c.item_id);
                e.points = c.kind == domain::ScopeKind::kRemoved ? c.points_before : c.points_after;
                e.change = c;
                e.by_name = names.Of(c.by);
                into.push_back(std::move(e));
            }
        };
        change_entries(report.added, view.added);
        change_entries(report.removed, view.removed);
        change_entries(report.re_estimated, view.re_estimated);
        for (const auto& o : report.carried_over) {
            ReportEntry e = entry(o.item_id);
            e.outcome = o;
            view.carried_over.push_back(std::move(e));
        }
        return {};
    }));
    return view;
}

Result<VelocityView> TeamVelocity(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& team_id,
                                  const std::string& product_id,
                                  int last,
                                  const domain::Issues& issues) {
    VelocityView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto team, tx.GetTeam(actor.workspace_id, team_id));
        view.team_id = team.id;
        view.product_id = product_id.empty() ? team.product_id : product_id;
        if (view.product_id.empty()) {
            return Fail(ValidationFailed(
                {{"product", "is required: the team works on no product of its own"}}));
        }
        TL_TRY(AuthorizeProduct(tx, actor, view.product_id, domain::Action::kProductRead));
        if (!issues.empty()) {
            return Fail(ValidationFailed(issues));
        }
        TL_ASSIGN_OR_RETURN(
            view.sprints,
            tx.ListCompletedSprints(actor.workspace_id, team.id, view.product_id, last));
        std::reverse(view.sprints.begin(), view.sprints.end());
        std::vector<double> completed;
        for (const auto& s : view.sprints) {
            completed.push_back(s.completed_points);
        }
        if (auto v = domain::Velocity(completed)) {
            view.average = domain::RoundPoints(*v);
        }
        return {};
    }));
    return view;
}

}  // namespace tl::app
