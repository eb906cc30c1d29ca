#include "app/releases/releases.hpp"

#include <algorithm>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/backlog/poker.hpp"
#include "app/crypto.hpp"
#include "app/releases/release_scope.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxPlannedPerCall = 200;

json::object ItemJson(const domain::Item& i, std::string_view product_key) {
    return json::object{{"id", i.id},
                        {"key", domain::ItemKey(product_key, i.number)},
                        {"title", i.title},
                        {"type", domain::ToString(i.type)},
                        {"status", i.status},
                        {"category", domain::ToString(i.category)},
                        {"points", PointsOrNull(i.points)}};
}

json::value ReleaseRefJson(const std::optional<domain::Release>& r) {
    if (!r) {
        return nullptr;
    }
    return json::object{{"id", r->id},
                        {"version", r->version},
                        {"target_date", StringOrNull(r->target_date)},
                        {"status", domain::ToString(r->status)}};
}

Result<void> RecordReleaseEvent(storage::Tx& tx,
                                const Actor& actor,
                                std::int64_t now,
                                const domain::Release& r,
                                std::string action,
                                json::object before,
                                json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"release", r.id, r.product_id, std::move(action), std::move(before), std::move(after)});
}

Result<domain::Release> LoadRelease(storage::Tx& tx,
                                    const Actor& actor,
                                    const std::string& id,
                                    domain::Action action,
                                    domain::Product* product_out = nullptr) {
    TL_ASSIGN_OR_RETURN(auto r, tx.GetRelease(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, r.product_id, action, "release"));
    if (product_out) {
        *product_out = std::move(product);
    }
    return r;
}

// kConflict naming `version` when another release of the product has it.
Result<void> CheckVersionFree(const std::vector<domain::Release>& releases,
                              const domain::Release& r) {
    for (const auto& other : releases) {
        if (other.id != r.id && other.version == r.version) {
            Error e = Conflict("release " + r.version + " already exists in this product");
            e.details.push_back({"version", "is taken by another release of this product"});
            return Fail(std::move(e));
        }
    }
    return {};
}

// A taken version found by the database (a concurrent write) reads like the check above.
Result<void> VersionConflict(Result<void> written, const domain::Release& r) {
    if (!written && written.error().code == ErrorCode::kConflict) {
        Error e = Conflict("release " + r.version + " already exists in this product");
        e.details.push_back({"version", "is taken by another release of this product"});
        return Fail(std::move(e));
    }
    return written;
}

// What the product's releases share when several are computed: their list and the blocks
// edges of the product.
struct ProductFacts {
    domain::Product product;
    std::vector<domain::Release> releases;
    std::vector<std::pair<std::string, std::string>> edges;  // (blocker, blocked)
};

Result<ProductFacts> LoadProductFacts(storage::Tx& tx,
                                      const std::string& workspace_id,
                                      domain::Product product) {
    ProductFacts f;
    TL_ASSIGN_OR_RETURN(f.releases, tx.ListReleases(workspace_id, product.id));
    TL_ASSIGN_OR_RETURN(f.edges, tx.ListBlocksEdges(workspace_id, product.id));
    f.product = std::move(product);
    return f;
}

// The release with its items, dependencies and readiness.
Result<ReleaseView> BuildView(storage::Tx& tx,
                              const std::string& workspace_id,
                              const ProductFacts& facts,
                              domain::Release release) {
    ReleaseView v;
    v.product_key = facts.product.key;
    {
        UserNames names(tx, workspace_id);
        v.created_by_name = names.Of(release.created_by);
        v.committed_by_name = names.Of(release.committed_by);
    }
    if (release.committed_at != 0) {
        TL_ASSIGN_OR_RETURN(auto baseline, tx.ListReleaseBaseline(workspace_id, release.id));
        v.baseline_items = static_cast<std::int64_t>(baseline.size());
        for (const auto& b : baseline) {
            v.baseline_points += b.points.value_or(0);
        }
        TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges(workspace_id, "release", release.id));
        v.scope_change_count = static_cast<std::int64_t>(changes.size());
    }
    TL_ASSIGN_OR_RETURN(v.items, tx.ListReleaseItems(workspace_id, release.id));
    std::map<std::string, const domain::Item*> in_release;
    std::vector<std::string> item_ids;
    for (const auto& i : v.items) {
        in_release.emplace(i.id, &i);
        item_ids.push_back(i.id);
    }

    // Blockers: the sources of "blocks" edges into the release's items.
    std::map<std::string, std::vector<std::string>> blocked_by;  // item → blockers
    std::vector<std::string> outside;
    for (const auto& [source, target] : facts.edges) {
        if (in_release.count(target) == 0) {
            continue;
        }
        blocked_by[target].push_back(source);
        if (in_release.count(source) == 0) {
            outside.push_back(source);
        }
    }
    std::sort(outside.begin(), outside.end());
    outside.erase(std::unique(outside.begin(), outside.end()), outside.end());
    TL_ASSIGN_OR_RETURN(auto outside_items, tx.GetItems(workspace_id, outside));
    std::map<std::string, domain::Item> blocker_items;
    for (auto& i : outside_items) {
        blocker_items.emplace(i.id, std::move(i));
    }
    for (const auto& [id, item] : in_release) {
        if (std::any_of(blocked_by.begin(), blocked_by.end(), [&](const auto& kv) {
                return std::find(kv.second.begin(), kv.second.end(), id) != kv.second.end();
            })) {
            blocker_items.emplace(id, *item);
        }
    }
    std::map<std::string, const domain::Release*> releases;
    for (const auto& r : facts.releases) {
        releases.emplace(r.id, &r);
    }
    for (const auto& [id, item] : blocker_items) {
        BlockerView b;
        b.blocker = item;
        const domain::Release* planned = nullptr;
        if (item.release_id == release.id) {
            planned = &release;
        } else if (auto r = releases.find(item.release_id); r != releases.end()) {
            planned = r->second;
        }
        b.place = domain::PlaceOf(release, planned);
        if (planned != nullptr) {
            b.release = *planned;
        }
        b.problem =
            domain::IsDependencyProblem(b.place, item.category == domain::StatusCategory::kDone);
        v.blockers.emplace(id, std::move(b));
    }
    std::vector<domain::Item> blockers;
    for (const auto& item : v.items) {
        auto it = blocked_by.find(item.id);
        if (it == blocked_by.end()) {
            continue;
        }
        DependencyView d;
        d.item = item;
        for (const auto& blocker_id : it->second) {
            auto b = v.blockers.find(blocker_id);
            if (b != v.blockers.end()) {
                d.blocked_by.push_back(b->second);
                blockers.push_back(b->second.blocker);
            }
        }
        v.dependencies.push_back(std::move(d));
    }

    // Test cases of the items, and the runs that count: those in plans of this release, or
    // every run of the cases when the release has no plan.
    TL_ASSIGN_OR_RETURN(auto cases, tx.ListTestCasesOfItems(workspace_id, item_ids));
    std::vector<std::string> case_ids;
    for (const auto& c : cases) {
        case_ids.push_back(c.id);
    }
    TL_ASSIGN_OR_RETURN(auto plans, tx.ListTestPlans(workspace_id, facts.product.id, release.id));
    TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfCases(workspace_id, case_ids));
    if (!plans.empty()) {
        std::set<std::string> plan_ids;
        for (const auto& p : plans) {
            plan_ids.insert(p.id);
        }
        runs.erase(std::remove_if(runs.begin(),
                                  runs.end(),
                                  [&](const auto& r) { return plan_ids.count(r.plan_id) == 0; }),
                   runs.end());
    }
    v.readiness = domain::ComputeReadiness(v.items, cases, domain::LatestRuns(runs), blockers);
    if (!v.readiness.failing_cases.empty()) {
        std::vector<domain::TestCase> failing;
        for (const auto& c : cases) {
            if (std::any_of(v.readiness.failing_cases.begin(),
                            v.readiness.failing_cases.end(),
                            [&](const auto& r) { return r.case_id == c.id; })) {
                failing.push_back(c);
            }
        }
        TL_ASSIGN_OR_RETURN(auto views,
                            LoadTestCaseViews(tx, workspace_id, facts.product.key, failing, runs));
        for (auto& view : views) {
            const std::string id = view.test_case.id;
            v.failing.emplace(id, std::move(view));
        }
    }
    v.release = std::move(release);
    return v;
}

Result<ReleaseView> LoadView(storage::Tx& tx,
                             const std::string& workspace_id,
                             const domain::Product& product,
                             domain::Release release) {
    TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, workspace_id, product));
    return BuildView(tx, workspace_id, facts, std::move(release));
}

void Apply(const ReleaseInput& in, domain::Release& r, std::int64_t now) {
    if (in.version) {
        r.version = *in.version;
    }
    if (in.name) {
        r.name = *in.name;
    }
    if (in.target_date) {
        r.target_date = *in.target_date;
    }
    if (in.description) {
        r.description = *in.description;
    }
    if (in.status && *in.status != r.status) {
        r.status = *in.status;
        r.released_at = r.status == domain::ReleaseStatus::kReleased ? now : 0;
    }
}

// The scope changes a plan's change makes: in `release` when it records them, each item
// `added` (or `removed`); and, adding, each item moved from another release that records them
// is `removed` there.
Result<void> RecordPlanScopeChanges(storage::Tx& tx,
                                    const Actor& actor,
                                    std::int64_t now,
                                    const domain::Release& release,
                                    const std::map<std::string, const domain::Release*>& releases,
                                    const std::vector<domain::Item>& changing,
                                    bool remove,
                                    const std::string& reason) {
    for (const auto& i : changing) {
        if (!remove && !i.release_id.empty() && i.release_id != release.id) {
            auto from = releases.find(i.release_id);
            if (from != releases.end() && domain::RecordsScopeChanges(*from->second)) {
                TL_TRY(RecordReleaseScopeChange(tx,
                                                *from->second,
                                                domain::ScopeKind::kRemoved,
                                                i,
                                                i.points,
                                                std::nullopt,
                                                actor.user_id,
                                                now,
                                                "moved to release " + release.version));
            }
        }
        if (!domain::RecordsScopeChanges(release)) {
            continue;
        }
        TL_TRY(InsertScopeChange(tx,
                                 ScopeOf::Of(release),
                                 remove ? domain::ScopeKind::kRemoved : domain::ScopeKind::kAdded,
                                 i,
                                 remove ? i.points : std::nullopt,
                                 remove ? std::nullopt : i.points,
                                 actor.user_id,
                                 now,
                                 reason));
    }
    return {};
}

bool SameFields(const domain::Release& a, const domain::Release& b) {
    return a.version == b.version && a.name == b.name && a.target_date == b.target_date &&
           a.description == b.description && a.status == b.status;
}

}  // namespace

json::object ReleaseSnapshot(const domain::Release& r) {
    return json::object{{"id", r.id},
                        {"version", r.version},
                        {"name", r.name},
                        {"target_date", StringOrNull(r.target_date)},
                        {"description", r.description},
                        {"status", domain::ToString(r.status)},
                        {"released_at", TimeOrNull(r.released_at)}};
}

json::object ToJson(const ReleaseView& v, bool detail) {
    const auto& r = v.release;
    const auto& rd = v.readiness;
    json::array open_blockers;
    for (const auto& id : rd.open_blockers) {
        auto b = v.blockers.find(id);
        if (b == v.blockers.end()) {
            continue;
        }
        json::object o = ItemJson(b->second.blocker, v.product_key);
        o["where"] = domain::ToString(b->second.place);
        o["release"] = ReleaseRefJson(b->second.release);
        json::array blocks;
        for (const auto& d : v.dependencies) {
            for (const auto& bb : d.blocked_by) {
                if (bb.blocker.id == id) {
                    blocks.emplace_back(domain::ItemKey(v.product_key, d.item.number));
                }
            }
        }
        o["blocks"] = std::move(blocks);
        open_blockers.push_back(std::move(o));
    }
    json::array failing;
    for (const auto& run : rd.failing_cases) {
        auto c = v.failing.find(run.case_id);
        if (c == v.failing.end() || !c->second.latest) {
            continue;
        }
        failing.push_back(json::object{{"case_id", run.case_id},
                                       {"title", c->second.test_case.title},
                                       {"item",
                                        json::object{{"id", c->second.item.id},
                                                     {"key", c->second.item.key},
                                                     {"title", c->second.item.title}}},
                                       {"result", domain::ToString(run.result)},
                                       {"run", ToJson(*c->second.latest)}});
    }
    json::object o{
        {"id", r.id},
        {"product_id", r.product_id},
        {"version", r.version},
        {"name", r.name},
        {"target_date", StringOrNull(r.target_date)},
        {"description", r.description},
        {"status", domain::ToString(r.status)},
        {"released_at", TimeOrNull(r.released_at)},
        {"created_by", UserRefOrNull(r.created_by, v.created_by_name)},
        {"revision", r.revision},
        {"created_at", FormatTime(r.created_at)},
        {"updated_at", FormatTime(r.updated_at)},
        {"committed_at", TimeOrNull(r.committed_at)},
        {"committed_by",
         r.committed_at == 0 ? json::value(nullptr)
                             : UserRefOrNull(r.committed_by, v.committed_by_name)},
        {"baseline",
         r.committed_at == 0 ? json::value(nullptr)
                             : json::value(json::object{{"items", v.baseline_items},
                                                        {"points", FigureJson(v.baseline_points)},
                                                        {"changes", v.scope_change_count}})},
        {"readiness",
         json::object{{"items_total", rd.items_total},
                      {"items_done", rd.items_done},
                      {"criteria_total", rd.criteria_total},
                      {"criteria_covered", rd.criteria_covered},
                      {"criteria_passing", rd.criteria_passing},
                      {"open_blockers", std::move(open_blockers)},
                      {"failing_cases", std::move(failing)},
                      {"ready", rd.ready}}}};
    if (detail) {
        json::array items;
        for (const auto& i : v.items) {
            items.push_back(ItemJson(i, v.product_key));
        }
        json::array dependencies;
        for (const auto& d : v.dependencies) {
            json::array blocked_by;
            for (const auto& b : d.blocked_by) {
                blocked_by.push_back(json::object{{"item", ItemJson(b.blocker, v.product_key)},
                                                  {"where", domain::ToString(b.place)},
                                                  {"release", ReleaseRefJson(b.release)},
                                                  {"problem", b.problem}});
            }
            dependencies.push_back(json::object{{"item", ItemJson(d.item, v.product_key)},
                                                {"blocked_by", std::move(blocked_by)}});
        }
        o["items"] = std::move(items);
        o["dependencies"] = std::move(dependencies);
    }
    return o;
}

json::object ToJson(const ReleaseNotesView& notes) {
    const auto& r = notes.release;
    json::array groups;
    for (const auto& s : notes.sections) {
        json::array items;
        for (const auto& line : s.lines) {
            items.push_back(json::object{{"id", line.item_id},
                                         {"key", line.key},
                                         {"title", line.title},
                                         {"type", domain::ToString(line.type)}});
        }
        groups.push_back(json::object{{"group", domain::ToString(s.group)},
                                      {"heading", domain::Heading(s.group)},
                                      {"items", std::move(items)}});
    }
    return json::object{{"release",
                         json::object{{"id", r.id},
                                      {"version", r.version},
                                      {"name", r.name},
                                      {"target_date", StringOrNull(r.target_date)},
                                      {"status", domain::ToString(r.status)},
                                      {"released_at", TimeOrNull(r.released_at)}}},
                        {"groups", std::move(groups)}};
}

Result<ReleaseView> CreateRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const ReleaseInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    ReleaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kBacklogWrite));
        domain::Release r;
        r.id = NewId("rel", now);
        r.workspace_id = actor.workspace_id;
        r.product_id = product.id;
        r.created_by = actor.user_id;
        r.created_at = now;
        r.updated_at = now;
        Apply(input, r, now);
        domain::Issues issues = input.issues;
        if (!input.version) {
            issues.push_back({"version", "is required"});
        }
        for (auto& i : domain::ValidateRelease(r)) {
            if (input.version || i.field != "version") {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, actor.workspace_id, product));
        TL_TRY(CheckVersionFree(facts.releases, r));
        TL_TRY(VersionConflict(tx.InsertRelease(r), r));
        TL_TRY(RecordReleaseEvent(tx, actor, now, r, "created", {}, ReleaseSnapshot(r)));
        facts.releases.push_back(r);
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, facts, r));
        return {};
    }));
    return view;
}

Result<std::vector<ReleaseView>> ListReleases(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id) {
    std::vector<ReleaseView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, actor.workspace_id, product));
        for (const auto& r : facts.releases) {
            TL_ASSIGN_OR_RETURN(auto view, BuildView(tx, actor.workspace_id, facts, r));
            out.push_back(std::move(view));
        }
        return {};
    }));
    return out;
}

Result<ReleaseView> GetRelease(AppContext& ctx, const Actor& actor, const std::string& id) {
    ReleaseView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto r,
                            LoadRelease(tx, actor, id, domain::Action::kProductRead, &product));
        TL_ASSIGN_OR_RETURN(view, LoadView(tx, actor.workspace_id, product, std::move(r)));
        return {};
    }));
    return view;
}

Result<ReleaseView> UpdateRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const ReleaseInput& input,
                                  std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    ReleaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadRelease(tx, actor, id, domain::Action::kBacklogWrite, &product));
        domain::Release next = current;
        Apply(input, next, now);
        domain::Issues issues = input.issues;
        for (auto& i : domain::ValidateRelease(next)) {
            issues.push_back(std::move(i));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.revision) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the release was changed since revision " + std::to_string(*if_match)));
        }
        TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, actor.workspace_id, product));
        if (!SameFields(current, next)) {
            TL_TRY(CheckVersionFree(facts.releases, next));
            next.revision = current.revision + 1;
            next.updated_at = now;
            TL_TRY(VersionConflict(tx.UpdateRelease(next, current.revision), next));
            TL_TRY(RecordReleaseEvent(
                tx, actor, now, next, "updated", ReleaseSnapshot(current), ReleaseSnapshot(next)));
            for (auto& r : facts.releases) {
                if (r.id == next.id) {
                    r = next;
                }
            }
        }
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, facts, next));
        return {};
    }));
    return view;
}

Result<ReleaseView> PlanReleaseItems(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& id,
                                     const ReleaseItemsInput& input,
                                     bool remove) {
    const std::int64_t now = ctx.clock.NowMs();
    ReleaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto release,
                            LoadRelease(tx, actor, id, domain::Action::kBacklogWrite, &product));
        domain::Issues issues = input.issues;
        domain::CheckText(issues, "reason", input.reason, domain::kMaxReasonLength);
        if (input.items.empty()) {
            issues.push_back({"items", "name at least one item"});
        } else if (input.items.size() > kMaxPlannedPerCall) {
            issues.push_back(
                {"items",
                 "name at most " + std::to_string(kMaxPlannedPerCall) + " items per call"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (release.status == domain::ReleaseStatus::kReleased) {
            return Fail(Conflict("release " + release.version +
                                 " is released; its plan is final and accepts no more items"));
        }
        TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, actor.workspace_id, product));
        std::map<std::string, const domain::Release*> releases;
        for (const auto& r : facts.releases) {
            releases.emplace(r.id, &r);
        }
        std::vector<domain::Item> changing;
        std::set<std::string> seen;
        for (std::size_t k = 0; k < input.items.size(); ++k) {
            const std::string at = "items." + std::to_string(k);
            auto item = ResolveItem(tx, actor.workspace_id, input.items[k]);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (!item || item->product_id != product.id) {
                issues.push_back({at, "no such item in this product"});
                continue;
            }
            if (!seen.insert(item->id).second) {
                continue;
            }
            if (remove) {
                if (item->release_id != release.id) {
                    issues.push_back({at, "is not in this release"});
                } else {
                    changing.push_back(std::move(*item));
                }
                continue;
            }
            if (item->release_id == release.id) {
                continue;  // already planned here
            }
            if (auto other = releases.find(item->release_id);
                other != releases.end() &&
                other->second->status == domain::ReleaseStatus::kReleased) {
                issues.push_back({at, "shipped in release " + other->second->version});
                continue;
            }
            changing.push_back(std::move(*item));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        const std::string target = remove ? std::string() : release.id;
        std::vector<std::string> ids;
        json::array keys;
        for (const auto& i : changing) {
            ids.push_back(i.id);
            keys.emplace_back(domain::ItemKey(product.key, i.number));
        }
        if (!ids.empty()) {
            TL_TRY(RecordPlanScopeChanges(
                tx, actor, now, release, releases, changing, remove, input.reason));
            TL_TRY(tx.SetItemsRelease(actor.workspace_id, ids, target, now));
            for (const auto& i : changing) {
                TL_TRY(RecordEvent(tx,
                                   actor.workspace_id,
                                   actor.user_id,
                                   now,
                                   {"item",
                                    i.id,
                                    product.id,
                                    "updated",
                                    json::object{{"release_id", StringOrNull(i.release_id)}},
                                    json::object{{"release_id", StringOrNull(target)}}}));
            }
            TL_TRY(RecordReleaseEvent(tx,
                                      actor,
                                      now,
                                      release,
                                      remove ? "items_removed" : "items_added",
                                      {},
                                      json::object{{"items", std::move(keys)}}));
        }
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, facts, release));
        return {};
    }));
    return view;
}

Result<ReleaseView> CommitRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const domain::Issues& issues) {
    const std::int64_t now = ctx.clock.NowMs();
    ReleaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadRelease(tx, actor, id, domain::Action::kBacklogWrite, &product));
        if (!issues.empty()) {
            return Fail(ValidationFailed(issues));
        }
        if (current.status == domain::ReleaseStatus::kReleased) {
            return Fail(Conflict("release " + current.version +
                                 " is released; its plan is final and is not committed again"));
        }
        if (current.committed_at != 0) {
            Error e = Conflict("release " + current.version +
                               " is committed already; its scope changes record what moved since");
            e.specific_code = "already_committed";
            return Fail(std::move(e));
        }
        TL_ASSIGN_OR_RETURN(auto items, tx.ListReleaseItems(actor.workspace_id, current.id));
        std::vector<domain::BaselineEntry> baseline;
        double points = 0;
        for (const auto& i : items) {
            baseline.push_back({i.id, i.points});
            points += i.points.value_or(0);
        }
        domain::Release next = current;
        next.committed_at = now;
        next.committed_by = actor.user_id;
        next.revision = current.revision + 1;
        next.updated_at = now;
        auto updated = tx.UpdateRelease(next, current.revision);
        if (!updated && updated.error().code == ErrorCode::kPreconditionFailed) {
            return Fail(Conflict("release " + current.version + " changed meanwhile; try again"));
        }
        TL_TRY(updated);
        TL_TRY(tx.InsertReleaseBaseline(actor.workspace_id, next.id, baseline));
        TL_TRY(RecordReleaseEvent(tx,
                                  actor,
                                  now,
                                  next,
                                  "committed",
                                  {},
                                  json::object{{"committed_at", TimeOrNull(now)},
                                               {"items", static_cast<std::int64_t>(items.size())},
                                               {"points", FigureJson(points)}}));
        TL_ASSIGN_OR_RETURN(auto facts, LoadProductFacts(tx, actor.workspace_id, product));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, facts, next));
        return {};
    }));
    return view;
}

Result<ReleaseScopeView> GetReleaseScopeChanges(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& id) {
    ReleaseScopeView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(out.release,
                            LoadRelease(tx, actor, id, domain::Action::kProductRead, &product));
        if (out.release.committed_at == 0) {
            return {};
        }
        {
            UserNames names(tx, actor.workspace_id);
            out.committed_by_name = names.Of(out.release.committed_by);
        }
        TL_ASSIGN_OR_RETURN(auto baseline,
                            tx.ListReleaseBaseline(actor.workspace_id, out.release.id));
        std::vector<std::string> ids;
        for (const auto& b : baseline) {
            ids.push_back(b.item_id);
            out.committed_points += b.points.value_or(0);
        }
        TL_ASSIGN_OR_RETURN(auto briefs, ItemBriefs(tx, actor.workspace_id, product.key, ids));
        for (const auto& b : baseline) {
            out.baseline.emplace_back(briefs.at(b.item_id), b.points);
        }
        TL_ASSIGN_OR_RETURN(
            out.changes,
            LoadScopeChangeViews(tx, actor.workspace_id, product.key, "release", out.release.id));
        return {};
    }));
    return out;
}

Result<ReleaseNotesView> GetReleaseNotes(AppContext& ctx,
                                         const Actor& actor,
                                         const std::string& id) {
    ReleaseNotesView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(out.release,
                            LoadRelease(tx, actor, id, domain::Action::kProductRead, &product));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListReleaseItems(actor.workspace_id, out.release.id));
        out.sections = domain::GroupReleaseNotes(items, product.key);
        return {};
    }));
    return out;
}

}  // namespace tl::app
