#include "app/strategy/strategy.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprints.hpp"
#include "app/user_names.hpp"
#include "domain/rank.hpp"
#include "domain/roadmap.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

Result<void> Event(storage::Tx& tx,
                   const Actor& actor,
                   std::int64_t now,
                   std::string entity_type,
                   const std::string& entity_id,
                   const std::string& product_id,
                   std::string action,
                   json::object before,
                   json::object after) {
    return RecordEvent(tx,
                       actor.workspace_id,
                       actor.user_id,
                       now,
                       {std::move(entity_type),
                        entity_id,
                        product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

Result<void> Stale(std::optional<std::int64_t> if_match, std::int64_t version, const char* what) {
    if (if_match && *if_match != version) {
        return Fail(MakeError(ErrorCode::kPreconditionFailed,
                              std::string("the ") + what + " was changed since version " +
                                  std::to_string(*if_match)));
    }
    return {};
}

// An owner must hold a role on the product.
Result<void> CheckOwner(storage::Tx& tx,
                        const std::string& workspace_id,
                        const std::string& product_id,
                        const std::string& owner_id,
                        domain::Issues& issues) {
    if (owner_id.empty()) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto roles, tx.ListRolesOfProduct(workspace_id, product_id));
    if (std::none_of(
            roles.begin(), roles.end(), [&](const auto& r) { return r.user_id == owner_id; })) {
        issues.push_back({"owner_id", "must be someone holding a role on the product"});
    }
    return {};
}

std::string Today(const AppContext& ctx) {
    return domain::FormatDate(domain::DayOfMs(ctx.clock.NowMs()));
}

Result<std::string> AsOf(const AppContext& ctx, const std::string& as_of) {
    if (as_of.empty()) {
        return Today(ctx);
    }
    if (!domain::ParseDate(as_of)) {
        return Fail(ValidationFailed({{"as_of", "must be a date such as 2027-07-02"}}));
    }
    return as_of;
}

// Everything of a product's strategy, read once per answer.
struct Strategy {
    std::vector<domain::Goal> goals;
    std::vector<domain::KeyResult> key_results;
    std::vector<domain::CheckIn> check_ins;
    std::vector<domain::Initiative> initiatives;
};

Result<Strategy> LoadStrategy(storage::Tx& tx,
                              const std::string& ws,
                              const std::string& product_id,
                              const std::string& goal_id = "") {
    Strategy s;
    if (goal_id.empty()) {
        TL_ASSIGN_OR_RETURN(s.goals, tx.ListGoals(ws, product_id));
    } else {
        TL_ASSIGN_OR_RETURN(auto g, tx.GetGoal(ws, goal_id));
        s.goals.push_back(std::move(g));
    }
    TL_ASSIGN_OR_RETURN(s.key_results, tx.ListKeyResults(ws, product_id, goal_id));
    TL_ASSIGN_OR_RETURN(s.check_ins, tx.ListCheckIns(ws, product_id, goal_id));
    TL_ASSIGN_OR_RETURN(s.initiatives, tx.ListInitiatives(ws, product_id));
    return s;
}

KeyResultView MakeKeyResultView(const domain::KeyResult& kr,
                                const std::vector<domain::CheckIn>& all,
                                UserNames& names) {
    KeyResultView v;
    v.key_result = kr;
    std::vector<domain::CheckIn> own;
    for (const auto& c : all) {
        if (c.key_result_id == kr.id) {
            own.push_back(c);
        }
    }
    std::sort(own.begin(), own.end(), [](const auto& a, const auto& b) {
        return std::tie(a.date, a.created_at, a.id) < std::tie(b.date, b.created_at, b.id);
    });
    v.current = domain::CurrentValue(kr, own);
    v.progress = domain::KeyResultProgress(kr, v.current);
    for (auto& c : own) {
        v.check_ins.push_back({c, names.Of(c.created_by)});
    }
    return v;
}

GoalView MakeGoalView(const domain::Goal& g,
                      const Strategy& s,
                      UserNames& names,
                      const std::string& as_of) {
    GoalView v;
    v.goal = g;
    v.owner_name = names.Of(g.owner_id);
    std::vector<double> progress;
    for (const auto& kr : s.key_results) {
        if (kr.goal_id == g.id) {
            v.key_results.push_back(MakeKeyResultView(kr, s.check_ins, names));
            progress.push_back(v.key_results.back().progress);
        }
    }
    v.progress = domain::GoalProgress(progress);
    v.expected = domain::ExpectedProgress(g.start_date, g.end_date, as_of);
    v.status = domain::StatusOf(g.state, v.progress, v.expected);
    for (const auto& i : s.initiatives) {
        if (std::find(i.goal_ids.begin(), i.goal_ids.end(), g.id) != i.goal_ids.end()) {
            v.initiative_ids.push_back(i.id);
        }
    }
    return v;
}

InitiativeView MakeInitiativeView(const domain::Initiative& i,
                                  const std::vector<domain::Goal>& goals,
                                  UserNames& names) {
    InitiativeView v;
    v.initiative = i;
    v.owner_name = names.Of(i.owner_id);
    for (const auto& id : i.goal_ids) {
        auto g =
            std::find_if(goals.begin(), goals.end(), [&](const auto& x) { return x.id == id; });
        if (g != goals.end()) {
            v.goals.push_back({g->id, g->objective});
        }
    }
    return v;
}

Result<domain::Goal> LoadGoal(storage::Tx& tx,
                              const Actor& actor,
                              const std::string& id,
                              domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto g, tx.GetGoal(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, g.product_id, action, "goal"));
    return g;
}

Result<domain::KeyResult> LoadKeyResult(storage::Tx& tx,
                                        const Actor& actor,
                                        const std::string& id,
                                        domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto kr, tx.GetKeyResult(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, kr.product_id, action, "key result"));
    return kr;
}

Result<domain::Initiative> LoadInitiative(storage::Tx& tx,
                                          const Actor& actor,
                                          const std::string& id,
                                          domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto i, tx.GetInitiative(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, i.product_id, action, "initiative"));
    return i;
}

Result<GoalView> GoalViewOf(storage::Tx& tx, const domain::Goal& g, const std::string& as_of) {
    TL_ASSIGN_OR_RETURN(auto s, LoadStrategy(tx, g.workspace_id, g.product_id, g.id));
    s.goals = {g};
    UserNames names(tx, g.workspace_id);
    return MakeGoalView(g, s, names, as_of);
}

Result<KeyResultView> KeyResultViewOf(storage::Tx& tx, const domain::KeyResult& kr) {
    TL_ASSIGN_OR_RETURN(auto checks, tx.ListCheckIns(kr.workspace_id, kr.product_id, kr.goal_id));
    UserNames names(tx, kr.workspace_id);
    return MakeKeyResultView(kr, checks, names);
}

Result<InitiativeView> InitiativeViewOf(storage::Tx& tx, const domain::Initiative& i) {
    TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals(i.workspace_id, i.product_id));
    UserNames names(tx, i.workspace_id);
    return MakeInitiativeView(i, goals, names);
}

domain::KeyResult BuildKeyResult(const KeyResultInput& in, domain::KeyResult kr) {
    if (in.title) {
        kr.title = *in.title;
    }
    if (in.metric) {
        kr.metric = *in.metric;
    }
    if (in.unit) {
        kr.unit = *in.unit;
    }
    if (in.baseline) {
        kr.baseline = *in.baseline;
    }
    if (in.target) {
        kr.target = *in.target;
    }
    return kr;
}

// The key result's issues under `prefix` ("key_results.0." or "").
void KeyResultIssues(const KeyResultInput& in,
                     const domain::KeyResult& kr,
                     bool creating,
                     const std::string& prefix,
                     domain::Issues& issues) {
    domain::Issues own = in.issues;
    if (creating) {
        for (const char* f : {"title", "metric", "baseline", "target"}) {
            const bool given = (std::string_view(f) == "title" && in.title) ||
                               (std::string_view(f) == "metric" && in.metric) ||
                               (std::string_view(f) == "baseline" && in.baseline) ||
                               (std::string_view(f) == "target" && in.target);
            if (!given && !Names(own, f)) {
                own.push_back({f, "is required"});
            }
        }
    }
    MergeIssues(own, domain::ValidateKeyResult(kr));
    for (auto& i : own) {
        issues.push_back({prefix + i.field, i.issue});
    }
}

// Applies a goal input; `creating` requires the objective, horizon and start.
void ApplyGoal(const GoalInput& in, domain::Goal& g, bool creating, domain::Issues& issues) {
    const domain::Goal before = g;
    if (in.objective) {
        g.objective = *in.objective;
    }
    if (in.description) {
        g.description = *in.description;
    }
    if (in.horizon) {
        g.horizon = *in.horizon;
    }
    if (in.start_date) {
        g.start_date = *in.start_date;
    }
    if (in.owner_id) {
        g.owner_id = *in.owner_id;
    }
    if (in.state) {
        g.state = *in.state;
    }
    if (creating) {
        if (!in.objective && !Names(issues, "objective")) {
            issues.push_back({"objective", "is required"});
        }
        if (!in.horizon && !Names(issues, "horizon")) {
            issues.push_back({"horizon", "is required: quarter, half, year or multi_year"});
        }
    }
    // Without an end, the period follows from horizon and start; a change of either derives
    // it anew unless an end is given (a multi_year goal keeps its end: it has no default).
    const bool cleared = in.end_date && in.end_date->empty();
    if (in.end_date && !in.end_date->empty()) {
        g.end_date = *in.end_date;
    } else if (creating || cleared || g.horizon != before.horizon ||
               g.start_date != before.start_date) {
        if (g.horizon != domain::Horizon::kMultiYear) {
            g.end_date = domain::DefaultEndDate(g.horizon, g.start_date).value_or("");
        } else if (creating || cleared) {
            g.end_date.clear();
        }
    }
    MergeIssues(issues, domain::ValidateGoal(g));
}

// A work cursor: "<rank>.<id>" of the last item of the page before (ranks are 0-9a-z).
std::string WorkCursor(const domain::Item& i) {
    return i.rank + "." + i.id;
}

// Sorts by rank (then id), adds up the totals over all the work and keeps the page asked for.
Result<WorkView> MakeWork(std::vector<WorkItem> items, const WorkPage& page) {
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return std::tie(a.item.rank, a.item.id) < std::tie(b.item.rank, b.item.id);
    });
    WorkView w;
    w.total_items = static_cast<std::int64_t>(items.size());
    for (const auto& i : items) {
        const double p = i.item.points.value_or(0);
        w.points += p;
        if (i.item.category == domain::StatusCategory::kDone) {
            ++w.done_items;
            w.done_points += p;
        }
    }
    auto first = items.begin();
    if (!page.cursor.empty()) {
        const auto dot = page.cursor.find('.');
        const std::string rank = page.cursor.substr(0, dot);
        if (dot == std::string::npos || !domain::IsValidRank(rank) || dot + 1 == page.cursor.size()) {
            return Fail(ValidationFailed({{"cursor", "is not a cursor of this list"}}));
        }
        const std::string id = page.cursor.substr(dot + 1);
        // The first item after the cursor's place; the cursor's item may have moved or gone since.
        first = std::upper_bound(items.begin(), items.end(), std::tie(rank, id),
                                 [](const auto& key, const WorkItem& i) {
                                     return key < std::tie(i.item.rank, i.item.id);
                                 });
    }
    const auto limit = static_cast<std::ptrdiff_t>(std::max(page.limit, 1));
    const auto last = std::distance(first, items.end()) > limit ? first + limit : items.end();
    if (last != items.end()) {
        w.next_cursor = WorkCursor(std::prev(last)->item);
    }
    w.items.assign(std::make_move_iterator(first), std::make_move_iterator(last));
    return w;
}

// The work of a scope, read in one query (storage::Tx::ListWork).
Result<WorkView> CollectWork(storage::Tx& tx,
                             const std::string& ws,
                             const domain::Product& product,
                             const storage::WorkScope& scope,
                             const WorkPage& page) {
    TL_ASSIGN_OR_RETURN(auto entries, tx.ListWork(ws, product.id, scope));
    std::vector<WorkItem> out;
    out.reserve(entries.size());
    for (auto& e : entries) {
        std::string key = domain::ItemKey(product.key, e.item.number);
        out.push_back({std::move(e.item), std::move(key), std::move(e.via)});
    }
    return MakeWork(std::move(out), page);
}

// The items naming the goal, or naming no goal and an initiative serving it.
Result<WorkView> WorkOfGoal(storage::Tx& tx,
                            const std::string& ws,
                            const domain::Product& product,
                            const domain::Goal& goal,
                            const WorkPage& page) {
    TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(ws, product.id));
    storage::WorkScope scope;
    scope.goal_id = goal.id;
    for (const auto& i : initiatives) {
        if (std::find(i.goal_ids.begin(), i.goal_ids.end(), goal.id) != i.goal_ids.end()) {
            scope.initiative_ids.push_back(i.id);
        }
    }
    return CollectWork(tx, ws, product, scope, page);
}

Result<WorkView> WorkOfInitiative(storage::Tx& tx,
                                  const std::string& ws,
                                  const domain::Product& product,
                                  const domain::Initiative& initiative,
                                  const WorkPage& page) {
    storage::WorkScope scope;
    scope.initiative_ids.push_back(initiative.id);
    return CollectWork(tx, ws, product, scope, page);
}

json::object ItemBriefJson(const domain::Item& i, const std::string& key) {
    return json::object{{"id", i.id},
                        {"key", key},
                        {"title", i.title},
                        {"type", domain::ToString(i.type)},
                        {"status", i.status}};
}

// Every ancestor of `items` (up to four levels), by id, with the items themselves.
Result<std::map<std::string, domain::Item>> WithAncestors(storage::Tx& tx,
                                                          const std::string& ws,
                                                          const std::vector<domain::Item>& items) {
    std::map<std::string, domain::Item> known;
    for (const auto& i : items) {
        known.emplace(i.id, i);
    }
    for (int level = 0; level < 4; ++level) {
        std::vector<std::string> missing;
        for (const auto& [id, i] : known) {
            if (!i.parent_id.empty() && known.count(i.parent_id) == 0) {
                missing.push_back(i.parent_id);
            }
        }
        if (missing.empty()) {
            break;
        }
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        TL_ASSIGN_OR_RETURN(auto parents, tx.GetItems(ws, missing));
        for (auto& p : parents) {
            known.emplace(p.id, std::move(p));
        }
    }
    return known;
}

Result<json::object> AlignmentOfScope(storage::Tx& tx,
                                      const std::string& ws,
                                      const std::string& product_id,
                                      json::object scope,
                                      const std::vector<domain::Item>& items) {
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(ws, product_id));
    TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals(ws, product_id));
    TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(ws, product_id));
    TL_ASSIGN_OR_RETURN(auto known, WithAncestors(tx, ws, items));
    std::map<std::string, domain::ItemAlignment> alignment;
    for (const auto& i : items) {
        alignment[i.id] = domain::AlignmentOf(i, known);
    }
    const auto a = domain::ComputeAlignment(items, alignment, goals, initiatives);
    std::map<std::string, const domain::Goal*> goal_by_id;
    for (const auto& g : goals) {
        goal_by_id[g.id] = &g;
    }
    std::map<std::string, const domain::Initiative*> initiative_by_id;
    for (const auto& i : initiatives) {
        initiative_by_id[i.id] = &i;
    }
    auto goal_ref = [&](const std::string& id) {
        return json::object{{"id", id}, {"objective", goal_by_id.at(id)->objective}};
    };
    auto initiative_ref = [&](const std::string& id) {
        return json::object{{"id", id}, {"name", initiative_by_id.at(id)->name}};
    };
    json::array by_goal;
    for (const auto& b : a.by_goal) {
        by_goal.push_back(json::object{{"goal", goal_ref(b.id)},
                                       {"items", b.items},
                                       {"points", PointsJson(b.points)},
                                       {"share", b.share}});
    }
    json::array by_initiative;
    for (const auto& b : a.by_initiative) {
        by_initiative.push_back(json::object{{"initiative", initiative_ref(b.id)},
                                             {"items", b.items},
                                             {"points", PointsJson(b.points)},
                                             {"share", b.share}});
    }
    std::map<std::string, std::int64_t> numbers;
    for (const auto& i : items) {
        numbers[i.id] = i.number;
    }
    json::array keys;
    for (const auto& id : a.unaligned_ids) {
        keys.emplace_back(domain::ItemKey(product.key, numbers[id]));
    }
    json::array goals_idle;
    for (const auto& id : a.goals_without_work) {
        goals_idle.push_back(goal_ref(id));
    }
    json::array initiatives_idle;
    for (const auto& id : a.initiatives_without_work) {
        initiatives_idle.push_back(initiative_ref(id));
    }
    return json::object{{"scope", std::move(scope)},
                        {"items", a.items},
                        {"points", PointsJson(a.points)},
                        {"by_goal", std::move(by_goal)},
                        {"by_initiative", std::move(by_initiative)},
                        {"unaligned",
                         json::object{{"items", a.unaligned_items},
                                      {"points", PointsJson(a.unaligned_points)},
                                      {"share", a.unaligned_share},
                                      {"keys", std::move(keys)}}},
                        {"goals_without_work", std::move(goals_idle)},
                        {"initiatives_without_work", std::move(initiatives_idle)}};
}

json::object GoalSnapshot(const GoalView& v) {
    json::object o = ToJson(v);
    // Figures of a day are not part of what changed.
    o.erase("expected");
    o.erase("status");
    return o;
}

}  // namespace

// ---- JSON ----

json::object ToJson(const VisionView& v) {
    const auto& x = v.vision;
    return json::object{{"product_id", x.product_id},
                        {"statement", x.statement},
                        {"target_customers", x.target_customers},
                        {"customer_needs", x.customer_needs},
                        {"value_proposition", x.value_proposition},
                        {"business_goals", x.business_goals},
                        {"version", x.version},
                        {"updated_by", UserRefOrNull(x.updated_by, v.updated_by_name)},
                        {"updated_at", MsOrNull(x.updated_at)}};
}

json::object CheckInJson(const CheckInView& v) {
    const auto& c = v.check_in;
    return json::object{{"id", c.id},
                        {"value", c.value},
                        {"date", c.date},
                        {"note", c.note},
                        {"by", UserRefOrNull(c.created_by, v.by_name)},
                        {"created_at", c.created_at}};
}

json::object ToJson(const KeyResultView& v) {
    const auto& kr = v.key_result;
    json::array checks;
    for (const auto& c : v.check_ins) {
        checks.push_back(CheckInJson(c));
    }
    return json::object{{"id", kr.id},
                        {"goal_id", kr.goal_id},
                        {"title", kr.title},
                        {"metric", kr.metric},
                        {"unit", kr.unit},
                        {"baseline", kr.baseline},
                        {"target", kr.target},
                        {"current", v.current},
                        {"progress", v.progress},
                        {"check_ins", std::move(checks)},
                        {"version", kr.version}};
}

json::object ToJson(const CheckInAnswer& a) {
    json::object o = CheckInJson(a.check_in);
    o["key_result_id"] = a.key_result.key_result.id;
    o["key_result"] = ToJson(a.key_result);
    return o;
}

json::object ToJson(const WorkView& w) {
    json::array items;
    for (const auto& wi : w.items) {
        const auto& i = wi.item;
        items.push_back(json::object{{"id", i.id},
                                     {"key", wi.key},
                                     {"title", i.title},
                                     {"type", domain::ToString(i.type)},
                                     {"status", i.status},
                                     {"category", domain::ToString(i.category)},
                                     {"points", PointsOrNull(i.points)},
                                     {"parent_id", StringOrNull(i.parent_id)},
                                     {"via", wi.via}});
    }
    return json::object{{"items", std::move(items)},
                        {"totals",
                         json::object{{"items", w.total_items},
                                      {"points", PointsJson(w.points)},
                                      {"done_points", PointsJson(w.done_points)},
                                      {"done_items", w.done_items}}},
                        {"next_cursor", StringOrNull(w.next_cursor)}};
}

json::object ToJson(const InitiativeView& v) {
    const auto& i = v.initiative;
    json::array goal_ids;
    for (const auto& id : i.goal_ids) {
        goal_ids.emplace_back(id);
    }
    json::array goals;
    for (const auto& g : v.goals) {
        goals.push_back(json::object{{"id", g.id}, {"objective", g.objective}});
    }
    json::object o{
        {"id", i.id},
        {"product_id", i.product_id},
        {"name", i.name},
        {"description", i.description},
        {"goal_ids", std::move(goal_ids)},
        {"goals", std::move(goals)},
        {"owner", UserRefOrNull(i.owner_id, v.owner_name)},
        {"horizon", i.horizon ? json::value(domain::ToString(*i.horizon)) : json::value(nullptr)},
        {"start_date", StringOrNull(i.start_date)},
        {"end_date", StringOrNull(i.end_date)},
        {"expected_outcome", i.expected_outcome},
        {"status", domain::ToString(i.status)},
        {"timeframe",
         i.timeframe ? json::value(domain::ToString(*i.timeframe)) : json::value(nullptr)},
        {"version", i.version},
        {"created_at", i.created_at},
        {"updated_at", i.updated_at}};
    if (v.work) {
        o["work"] = ToJson(*v.work);
    }
    return o;
}

json::object ToJson(const GoalView& v) {
    const auto& g = v.goal;
    json::array krs;
    for (const auto& kr : v.key_results) {
        krs.push_back(ToJson(kr));
    }
    json::array initiative_ids;
    for (const auto& id : v.initiative_ids) {
        initiative_ids.emplace_back(id);
    }
    json::object o{
        {"id", g.id},
        {"product_id", g.product_id},
        {"objective", g.objective},
        {"description", g.description},
        {"horizon", domain::ToString(g.horizon)},
        {"start_date", g.start_date},
        {"end_date", g.end_date},
        {"owner", UserRefOrNull(g.owner_id, v.owner_name)},
        {"state", domain::ToString(g.state)},
        {"progress", v.progress ? json::value(*v.progress) : json::value(nullptr)},
        {"expected", v.expected},
        {"status", v.status ? json::value(domain::ToString(*v.status)) : json::value(nullptr)},
        {"key_results", std::move(krs)},
        {"initiative_ids", std::move(initiative_ids)},
        {"version", g.version},
        {"created_at", g.created_at},
        {"updated_at", g.updated_at}};
    if (v.detailed) {
        json::array history;
        for (const auto& p : v.progress_history) {
            history.push_back(json::object{{"date", p.date}, {"progress", p.progress}});
        }
        o["progress_history"] = std::move(history);
        json::array initiatives;
        for (const auto& i : v.initiatives) {
            initiatives.push_back(ToJson(i));
        }
        o["initiatives"] = std::move(initiatives);
        o["work"] = v.work ? json::value(ToJson(*v.work)) : json::value(nullptr);
    }
    return o;
}

// ---- vision ----

Result<VisionView> GetVision(AppContext& ctx, const Actor& actor, const std::string& product_id) {
    VisionView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto current, tx.GetVision(actor.workspace_id, product.id));
        view.vision = current.value_or(domain::Vision{});
        view.vision.product_id = product.id;
        UserNames names(tx, actor.workspace_id);
        view.updated_by_name = names.Of(view.vision.updated_by);
        return {};
    }));
    return view;
}

Result<VisionView> SaveVision(AppContext& ctx,
                              const Actor& actor,
                              const std::string& product_id,
                              const VisionInput& input,
                              std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    VisionView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto stored, tx.GetVision(actor.workspace_id, product.id));
        domain::Vision current = stored.value_or(domain::Vision{});
        current.workspace_id = actor.workspace_id;
        current.product_id = product.id;
        domain::Vision next = current;
        for (auto [field, value] : {std::pair{&next.statement, &input.statement},
                                    std::pair{&next.target_customers, &input.target_customers},
                                    std::pair{&next.customer_needs, &input.customer_needs},
                                    std::pair{&next.value_proposition, &input.value_proposition},
                                    std::pair{&next.business_goals, &input.business_goals}}) {
            if (*value) {
                *field = **value;
            }
        }
        domain::Issues issues = input.issues;
        MergeIssues(issues, domain::ValidateVision(next));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(Stale(if_match, current.version, "vision"));
        UserNames names(tx, actor.workspace_id);
        if (domain::SameVisionText(current, next)) {
            view = {current, names.Of(current.updated_by)};
            return {};
        }
        next.version = current.version + 1;
        next.updated_by = actor.user_id;
        next.updated_at = now;
        // Two saves from the same version: the second meets the first's row (kConflict).
        auto inserted = tx.InsertVisionVersion(next);
        if (!inserted && inserted.error().code == ErrorCode::kConflict) {
            return Fail(MakeError(
                ErrorCode::kPreconditionFailed,
                "the vision was changed since version " + std::to_string(current.version)));
        }
        TL_TRY(inserted);
        VisionView before{current, names.Of(current.updated_by)};
        view = {next, names.Of(next.updated_by)};
        return Event(tx,
                     actor,
                     now,
                     "vision",
                     product.id,
                     product.id,
                     current.version == 0 ? "created" : "updated",
                     current.version == 0 ? json::object{} : ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<VisionHistoryPage> ListVisionHistory(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const std::string& cursor,
                                            int limit) {
    std::int64_t before = 0;
    if (!cursor.empty()) {
        try {
            std::size_t used = 0;
            before = std::stoll(cursor, &used);
            if (used != cursor.size() || before < 1) {
                before = -1;
            }
        } catch (const std::exception&) {
            before = -1;
        }
    }
    VisionHistoryPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        if (before < 0) {
            return Fail(ValidationFailed({{"cursor", "must be a cursor from a previous page"}}));
        }
        TL_ASSIGN_OR_RETURN(
            auto versions, tx.ListVisionHistory(actor.workspace_id, product.id, before, limit + 1));
        if (static_cast<int>(versions.size()) > limit) {
            versions.resize(limit);
            page.next_cursor = std::to_string(versions.back().version);
        }
        UserNames names(tx, actor.workspace_id);
        for (auto& v : versions) {
            const std::string by = names.Of(v.updated_by);
            page.versions.push_back({std::move(v), by});
        }
        return {};
    }));
    return page;
}

// ---- goals ----

Result<GoalView> CreateGoal(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const GoalInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    GoalView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Goal g;
        g.id = NewId("gol", now);
        g.workspace_id = actor.workspace_id;
        g.product_id = product.id;
        g.created_by = actor.user_id;
        g.created_at = g.updated_at = now;
        ApplyGoal(input, g, true, issues);
        TL_TRY(CheckOwner(tx, actor.workspace_id, product.id, g.owner_id, issues));
        std::vector<domain::KeyResult> krs;
        for (std::size_t k = 0; k < input.key_results.size(); ++k) {
            domain::KeyResult kr;
            kr.id = NewId("kr", now);
            kr.workspace_id = actor.workspace_id;
            kr.product_id = product.id;
            kr.goal_id = g.id;
            kr.created_at = kr.updated_at = now + static_cast<std::int64_t>(k);
            kr = BuildKeyResult(input.key_results[k], kr);
            KeyResultIssues(
                input.key_results[k], kr, true, "key_results." + std::to_string(k) + ".", issues);
            krs.push_back(std::move(kr));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertGoal(g));
        for (const auto& kr : krs) {
            TL_TRY(tx.InsertKeyResult(kr));
        }
        TL_ASSIGN_OR_RETURN(view, GoalViewOf(tx, g, Today(ctx)));
        return Event(tx, actor, now, "goal", g.id, g.product_id, "created", {}, GoalSnapshot(view));
    }));
    return view;
}

Result<std::vector<GoalView>> ListGoals(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const GoalFilter& filter) {
    std::vector<GoalView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        if (!filter.issues.empty()) {
            return Fail(ValidationFailed(filter.issues));
        }
        TL_ASSIGN_OR_RETURN(auto as_of, AsOf(ctx, filter.as_of));
        TL_ASSIGN_OR_RETURN(auto s, LoadStrategy(tx, actor.workspace_id, product.id));
        UserNames names(tx, actor.workspace_id);
        for (const auto& g : s.goals) {
            if ((filter.horizon && g.horizon != *filter.horizon) ||
                (filter.state && g.state != *filter.state)) {
                continue;
            }
            out.push_back(MakeGoalView(g, s, names, as_of));
        }
        return {};
    }));
    return out;
}

Result<std::vector<GoalView>> GoalViewsOf(storage::Tx& tx,
                                          const std::string& workspace_id,
                                          const std::string& product_id,
                                          const std::string& as_of) {
    TL_ASSIGN_OR_RETURN(auto s, LoadStrategy(tx, workspace_id, product_id));
    UserNames names(tx, workspace_id);
    std::vector<GoalView> out;
    for (const auto& g : s.goals) {
        out.push_back(MakeGoalView(g, s, names, as_of));
    }
    return out;
}

Result<GoalView> GetGoal(AppContext& ctx,
                         const Actor& actor,
                         const std::string& goal_id,
                         const std::string& as_of_text) {
    GoalView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto g, LoadGoal(tx, actor, goal_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto as_of, AsOf(ctx, as_of_text));
        TL_ASSIGN_OR_RETURN(auto s, LoadStrategy(tx, actor.workspace_id, g.product_id));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, g.product_id));
        UserNames names(tx, actor.workspace_id);
        view = MakeGoalView(g, s, names, as_of);
        view.detailed = true;
        std::vector<domain::KeyResult> own;
        for (const auto& kr : s.key_results) {
            if (kr.goal_id == g.id) {
                own.push_back(kr);
            }
        }
        view.progress_history = domain::ProgressHistory(own, s.check_ins);
        for (const auto& i : s.initiatives) {
            if (std::find(i.goal_ids.begin(), i.goal_ids.end(), g.id) != i.goal_ids.end()) {
                view.initiatives.push_back(MakeInitiativeView(i, s.goals, names));
            }
        }
        TL_ASSIGN_OR_RETURN(auto work, WorkOfGoal(tx, actor.workspace_id, product, g, {}));
        view.work = std::make_shared<WorkView>(std::move(work));
        return {};
    }));
    return view;
}

Result<GoalView> UpdateGoal(AppContext& ctx,
                            const Actor& actor,
                            const std::string& goal_id,
                            const GoalInput& input,
                            std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    GoalView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadGoal(tx, actor, goal_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        if (!input.key_results.empty()) {
            issues.push_back(
                {"key_results", "change key results through /api/v1/goals/{id}/key-results"});
        }
        domain::Goal next = current;
        ApplyGoal(input, next, false, issues);
        if (next.owner_id != current.owner_id) {
            TL_TRY(CheckOwner(tx, actor.workspace_id, next.product_id, next.owner_id, issues));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(Stale(if_match, current.version, "goal"));
        TL_ASSIGN_OR_RETURN(auto before, GoalViewOf(tx, current, Today(ctx)));
        const bool same =
            next.objective == current.objective && next.description == current.description &&
            next.horizon == current.horizon && next.start_date == current.start_date &&
            next.end_date == current.end_date && next.owner_id == current.owner_id &&
            next.state == current.state;
        if (same) {
            view = std::move(before);
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateGoal(next, current.version));
        TL_ASSIGN_OR_RETURN(view, GoalViewOf(tx, next, Today(ctx)));
        return Event(tx,
                     actor,
                     now,
                     "goal",
                     next.id,
                     next.product_id,
                     "updated",
                     GoalSnapshot(before),
                     GoalSnapshot(view));
    }));
    return view;
}

Result<void> DeleteGoal(AppContext& ctx, const Actor& actor, const std::string& goal_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto g, LoadGoal(tx, actor, goal_id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto before, GoalViewOf(tx, g, Today(ctx)));
        // Initiatives serving it lose the goal.
        TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(actor.workspace_id, g.product_id));
        for (auto& i : initiatives) {
            auto it = std::find(i.goal_ids.begin(), i.goal_ids.end(), g.id);
            if (it == i.goal_ids.end()) {
                continue;
            }
            const std::int64_t version = i.version;
            i.goal_ids.erase(it);
            i.version = version + 1;
            i.updated_at = now;
            TL_TRY(tx.UpdateInitiative(i, version));
        }
        TL_TRY(tx.DeleteGoal(actor.workspace_id, g.id, now));
        return Event(
            tx, actor, now, "goal", g.id, g.product_id, "deleted", GoalSnapshot(before), {});
    });
}

// ---- key results and check-ins ----

Result<KeyResultView> AddKeyResult(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& goal_id,
                                   const KeyResultInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    KeyResultView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto g, LoadGoal(tx, actor, goal_id, domain::Action::kStrategyWrite));
        domain::KeyResult kr;
        kr.id = NewId("kr", now);
        kr.workspace_id = actor.workspace_id;
        kr.product_id = g.product_id;
        kr.goal_id = g.id;
        kr.created_at = kr.updated_at = now;
        kr = BuildKeyResult(input, kr);
        domain::Issues issues;
        KeyResultIssues(input, kr, true, "", issues);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto earlier,
                            tx.ListKeyResults(actor.workspace_id, g.product_id, g.id));
        kr.created_at = StampAfter(kr.created_at, earlier, &domain::KeyResult::created_at);
        kr.updated_at = kr.created_at;
        TL_TRY(tx.InsertKeyResult(kr));
        TL_ASSIGN_OR_RETURN(view, KeyResultViewOf(tx, kr));
        return Event(
            tx, actor, now, "key_result", kr.id, kr.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<KeyResultView> GetKeyResult(AppContext& ctx, const Actor& actor, const std::string& id) {
    KeyResultView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto kr, LoadKeyResult(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(view, KeyResultViewOf(tx, kr));
        return {};
    }));
    return view;
}

Result<KeyResultView> UpdateKeyResult(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& id,
                                      const KeyResultInput& input,
                                      std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    KeyResultView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadKeyResult(tx, actor, id, domain::Action::kStrategyWrite));
        domain::KeyResult next = BuildKeyResult(input, current);
        domain::Issues issues;
        KeyResultIssues(input, next, false, "", issues);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(Stale(if_match, current.version, "key result"));
        TL_ASSIGN_OR_RETURN(auto before, KeyResultViewOf(tx, current));
        if (next.title == current.title && next.metric == current.metric &&
            next.unit == current.unit && next.baseline == current.baseline &&
            next.target == current.target) {
            view = std::move(before);
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateKeyResult(next, current.version));
        TL_ASSIGN_OR_RETURN(view, KeyResultViewOf(tx, next));
        return Event(tx,
                     actor,
                     now,
                     "key_result",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<void> DeleteKeyResult(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto kr, LoadKeyResult(tx, actor, id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto before, KeyResultViewOf(tx, kr));
        TL_TRY(tx.DeleteKeyResult(actor.workspace_id, kr.id));
        return Event(
            tx, actor, now, "key_result", kr.id, kr.product_id, "deleted", ToJson(before), {});
    });
}

Result<CheckInAnswer> AddCheckIn(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& key_result_id,
                                 const CheckInInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    CheckInAnswer answer;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto kr, LoadKeyResult(tx, actor, key_result_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::CheckIn c;
        c.id = NewId("chk", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = kr.product_id;
        c.goal_id = kr.goal_id;
        c.key_result_id = kr.id;
        c.value = input.value.value_or(0);
        c.date = input.date.value_or(Today(ctx));
        c.note = input.note.value_or("");
        c.created_by = actor.user_id;
        c.created_at = now;
        if (!input.value && !Names(issues, "value")) {
            issues.push_back({"value", "is required"});
        }
        MergeIssues(issues, domain::ValidateCheckIn(c));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto before, KeyResultViewOf(tx, kr));
        std::vector<domain::CheckIn> earlier;
        for (const auto& e : before.check_ins) {
            earlier.push_back(e.check_in);
        }
        c.created_at = StampAfter(c.created_at, earlier, &domain::CheckIn::created_at);
        TL_TRY(tx.InsertCheckIn(c));
        TL_ASSIGN_OR_RETURN(answer.key_result, KeyResultViewOf(tx, kr));
        answer.check_in = {c, actor.name};
        UserNames names(tx, actor.workspace_id);
        answer.check_in.by_name = names.Of(actor.user_id);
        return Event(tx,
                     actor,
                     now,
                     "key_result",
                     kr.id,
                     kr.product_id,
                     "checked_in",
                     json::object{{"current", before.current}, {"progress", before.progress}},
                     json::object{{"goal_id", kr.goal_id},
                                  {"check_in", CheckInJson(answer.check_in)},
                                  {"current", answer.key_result.current},
                                  {"progress", answer.key_result.progress}});
    }));
    return answer;
}

Result<void> DeleteCheckIn(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCheckIn(actor.workspace_id, id));
        TL_TRY(
            AuthorizeObjectIn(tx, actor, c.product_id, domain::Action::kStrategyWrite, "check-in"));
        TL_ASSIGN_OR_RETURN(auto kr, tx.GetKeyResult(actor.workspace_id, c.key_result_id));
        TL_ASSIGN_OR_RETURN(auto before, KeyResultViewOf(tx, kr));
        TL_TRY(tx.DeleteCheckIn(actor.workspace_id, c.id));
        TL_ASSIGN_OR_RETURN(auto after, KeyResultViewOf(tx, kr));
        return Event(tx,
                     actor,
                     now,
                     "key_result",
                     kr.id,
                     kr.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(after));
    });
}

// ---- initiatives ----

namespace {

Result<void> ApplyInitiative(storage::Tx& tx,
                             const InitiativeInput& in,
                             domain::Initiative& i,
                             bool creating,
                             domain::Issues& issues) {
    if (in.name) {
        i.name = *in.name;
    }
    if (in.description) {
        i.description = *in.description;
    }
    if (in.owner_id) {
        i.owner_id = *in.owner_id;
    }
    if (in.horizon) {
        if (in.horizon->empty()) {
            i.horizon.reset();
        } else if (auto h = domain::ParseHorizon(*in.horizon)) {
            i.horizon = *h;
        } else {
            issues.push_back({"horizon", "must be one of quarter, half, year, multi_year"});
        }
    }
    if (in.start_date) {
        i.start_date = *in.start_date;
    }
    if (in.end_date) {
        i.end_date = *in.end_date;
    }
    if (in.expected_outcome) {
        i.expected_outcome = *in.expected_outcome;
    }
    if (in.status) {
        i.status = *in.status;
    }
    if (in.timeframe) {
        if (in.timeframe->empty()) {
            i.timeframe.reset();
        } else if (auto t = domain::ParseTimeframe(*in.timeframe)) {
            i.timeframe = *t;
        } else {
            issues.push_back({"timeframe", "must be one of now, next, later"});
        }
    }
    if (creating && !in.name && !Names(issues, "name")) {
        issues.push_back({"name", "is required"});
    }
    if (in.goal_ids) {
        std::vector<std::string> ids;
        for (std::size_t k = 0; k < in.goal_ids->size(); ++k) {
            const auto& id = (*in.goal_ids)[k];
            auto g = tx.GetGoal(i.workspace_id, id);
            if (!g && g.error().code != ErrorCode::kNotFound) {
                return Fail(g.error());
            }
            if (!g || g->product_id != i.product_id) {
                issues.push_back(
                    {"goal_ids." + std::to_string(k), "must be a goal of this product"});
            } else if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(id);
            }
        }
        i.goal_ids = std::move(ids);
    }
    MergeIssues(issues, domain::ValidateInitiative(i));
    return {};
}

bool SameInitiative(const domain::Initiative& a, const domain::Initiative& b) {
    return a.name == b.name && a.description == b.description && a.goal_ids == b.goal_ids &&
           a.owner_id == b.owner_id && a.horizon == b.horizon && a.start_date == b.start_date &&
           a.end_date == b.end_date && a.expected_outcome == b.expected_outcome &&
           a.status == b.status && a.timeframe == b.timeframe;
}

}  // namespace

Result<InitiativeView> CreateInitiative(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const InitiativeInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    InitiativeView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Initiative i;
        i.id = NewId("ini", now);
        i.workspace_id = actor.workspace_id;
        i.product_id = product.id;
        i.created_by = actor.user_id;
        i.created_at = i.updated_at = now;
        TL_TRY(ApplyInitiative(tx, input, i, true, issues));
        TL_TRY(CheckOwner(tx, actor.workspace_id, product.id, i.owner_id, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListInitiatives(actor.workspace_id, product.id));
        i.created_at = StampAfter(i.created_at, earlier, &domain::Initiative::created_at);
        i.updated_at = i.created_at;
        TL_TRY(tx.InsertInitiative(i));
        TL_ASSIGN_OR_RETURN(view, InitiativeViewOf(tx, i));
        return Event(tx, actor, now, "initiative", i.id, i.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<std::vector<InitiativeView>> ListInitiatives(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    std::optional<domain::InitiativeStatus> status,
                                                    const std::string& goal_id) {
    std::vector<InitiativeView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(actor.workspace_id, product.id));
        UserNames names(tx, actor.workspace_id);
        for (const auto& i : initiatives) {
            if ((status && i.status != *status) ||
                (!goal_id.empty() &&
                 std::find(i.goal_ids.begin(), i.goal_ids.end(), goal_id) == i.goal_ids.end())) {
                continue;
            }
            out.push_back(MakeInitiativeView(i, goals, names));
        }
        return {};
    }));
    return out;
}

Result<InitiativeView> GetInitiative(AppContext& ctx, const Actor& actor, const std::string& id) {
    InitiativeView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto i, LoadInitiative(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(view, InitiativeViewOf(tx, i));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, i.product_id));
        TL_ASSIGN_OR_RETURN(auto work, WorkOfInitiative(tx, actor.workspace_id, product, i, {}));
        view.work = std::make_shared<WorkView>(std::move(work));
        return {};
    }));
    return view;
}

Result<InitiativeView> UpdateInitiative(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const InitiativeInput& input,
                                        std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    InitiativeView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadInitiative(tx, actor, id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Initiative next = current;
        TL_TRY(ApplyInitiative(tx, input, next, false, issues));
        if (next.owner_id != current.owner_id) {
            TL_TRY(CheckOwner(tx, actor.workspace_id, next.product_id, next.owner_id, issues));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(Stale(if_match, current.version, "initiative"));
        TL_ASSIGN_OR_RETURN(auto before, InitiativeViewOf(tx, current));
        if (SameInitiative(current, next)) {
            view = std::move(before);
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateInitiative(next, current.version));
        TL_ASSIGN_OR_RETURN(view, InitiativeViewOf(tx, next));
        return Event(tx,
                     actor,
                     now,
                     "initiative",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<void> DeleteInitiative(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto i, LoadInitiative(tx, actor, id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto before, InitiativeViewOf(tx, i));
        TL_TRY(tx.DeleteInitiative(actor.workspace_id, i.id, now));
        return Event(
            tx, actor, now, "initiative", i.id, i.product_id, "deleted", ToJson(before), {});
    });
}

// ---- traceability and alignment ----

Result<WorkView> GoalWork(AppContext& ctx,
                          const Actor& actor,
                          const std::string& goal_id,
                          const WorkPage& page) {
    WorkView work;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto g, LoadGoal(tx, actor, goal_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, g.product_id));
        TL_ASSIGN_OR_RETURN(work, WorkOfGoal(tx, actor.workspace_id, product, g, page));
        return {};
    }));
    return work;
}

Result<WorkView> InitiativeWork(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const WorkPage& page) {
    WorkView work;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto i, LoadInitiative(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, i.product_id));
        TL_ASSIGN_OR_RETURN(work, WorkOfInitiative(tx, actor.workspace_id, product, i, page));
        return {};
    }));
    return work;
}

Result<json::object> TraceItem(AppContext& ctx,
                               const Actor& actor,
                               const std::string& item_id_or_key) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        const auto& ws = actor.workspace_id;
        TL_ASSIGN_OR_RETURN(auto item,
                            AuthorizeItem(tx, actor, item_id_or_key, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(ws, item.product_id));
        TL_ASSIGN_OR_RETURN(auto known, WithAncestors(tx, ws, {item}));
        json::array chain;
        const domain::Item* at = &item;
        for (int depth = 0; at != nullptr && depth < 16; ++depth) {
            chain.push_back(ItemBriefJson(*at, domain::ItemKey(product.key, at->number)));
            auto p = at->parent_id.empty() ? known.end() : known.find(at->parent_id);
            at = p != known.end() ? &p->second : nullptr;
        }
        const auto a = domain::AlignmentOf(item, known);
        json::value aligned_by = nullptr;
        if (!a.via_item_id.empty()) {
            const auto& via = known.at(a.via_item_id);
            aligned_by = ItemBriefJson(via, domain::ItemKey(product.key, via.number));
        }
        TL_ASSIGN_OR_RETURN(auto s, LoadStrategy(tx, ws, product.id));
        UserNames names(tx, ws);
        const std::string today = Today(ctx);
        std::map<std::string, domain::Initiative> initiatives;
        for (const auto& i : s.initiatives) {
            initiatives.emplace(i.id, i);
        }
        json::value initiative = nullptr;
        if (auto it = initiatives.find(a.initiative_id); it != initiatives.end()) {
            initiative = ToJson(MakeInitiativeView(it->second, s.goals, names));
        }
        json::array goals;
        for (const auto& id : domain::GoalsServed(a, initiatives)) {
            auto g = std::find_if(
                s.goals.begin(), s.goals.end(), [&](const auto& x) { return x.id == id; });
            if (g != s.goals.end()) {
                goals.push_back(ToJson(MakeGoalView(*g, s, names, today)));
            }
        }
        TL_ASSIGN_OR_RETURN(auto vision, tx.GetVision(ws, product.id));
        json::value vision_json = nullptr;
        if (vision) {
            vision_json = ToJson(VisionView{*vision, names.Of(vision->updated_by)});
        }
        out = json::object{{"item", ItemBriefJson(item, domain::ItemKey(product.key, item.number))},
                           {"chain", std::move(chain)},
                           {"aligned_by", std::move(aligned_by)},
                           {"initiative", std::move(initiative)},
                           {"goals", std::move(goals)},
                           {"vision", std::move(vision_json)}};
        return {};
    }));
    return out;
}

Result<json::object> SprintAlignment(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& sprint_id) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(actor.workspace_id, sprint.id));
        TL_ASSIGN_OR_RETURN(
            out,
            AlignmentOfScope(
                tx,
                actor.workspace_id,
                sprint.product_id,
                json::object{{"type", "sprint"}, {"id", sprint.id}, {"name", sprint.name}},
                items));
        return {};
    }));
    return out;
}

Result<json::object> ReleaseAlignment(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& release_id) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto r, tx.GetRelease(actor.workspace_id, release_id));
        TL_TRY(AuthorizeObjectIn(tx, actor, r.product_id, domain::Action::kProductRead, "release"));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListReleaseItems(actor.workspace_id, r.id));
        const std::string name = r.name.empty() ? r.version : r.version + ": " + r.name;
        TL_ASSIGN_OR_RETURN(
            out,
            AlignmentOfScope(tx,
                             actor.workspace_id,
                             r.product_id,
                             json::object{{"type", "release"}, {"id", r.id}, {"name", name}},
                             items));
        return {};
    }));
    return out;
}

}  // namespace tl::app
