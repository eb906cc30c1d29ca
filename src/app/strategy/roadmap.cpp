#include "app/strategy/roadmap.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"
#include "domain/roadmap.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

// At most ten years of periods in one answer.
constexpr int kMaxRoadmapMonths = 120;
// The longest token a link can have (NewSecret: "rmp_" and 64 hex digits), with room.
constexpr std::size_t kMaxTokenLength = 200;

struct Window {
    std::string from;
    std::string to;
    std::string today;
    domain::Granularity granularity = domain::Granularity::kQuarter;
    std::vector<domain::RoadmapPeriod> periods;
};

Result<Window> ReadWindow(const AppContext& ctx, const RoadmapQuery& q) {
    Window w;
    w.today = domain::FormatDate(domain::DayOfMs(ctx.clock.NowMs()));
    domain::Issues issues;
    if (!q.granularity.empty()) {
        if (auto g = domain::ParseGranularity(q.granularity)) {
            w.granularity = *g;
        } else {
            issues.push_back({"granularity", "must be one of quarter, half, year"});
        }
    }
    if (q.from.empty()) {
        w.from = domain::PeriodStartOf(domain::Granularity::kQuarter, w.today);
    } else if (domain::ParseDate(q.from)) {
        w.from = q.from;
    } else {
        issues.push_back({"from", "must be a date such as 2027-01-01"});
    }
    if (!q.to.empty() && !domain::ParseDate(q.to)) {
        issues.push_back({"to", "must be a date such as 2029-12-31"});
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    w.to = q.to.empty() ? domain::PeriodEnd(w.from, 36) : q.to;
    if (w.to < w.from) {
        return Fail(ValidationFailed({{"to", "must be on or after from"}}));
    }
    if (w.to > domain::PeriodEnd(w.from, kMaxRoadmapMonths)) {
        return Fail(ValidationFailed({{"to", "must be at most ten years after from"}}));
    }
    w.periods = domain::RoadmapPeriods(w.granularity, w.from, w.to);
    return w;
}

json::object ProductRef(const domain::Product& p) {
    return json::object{{"id", p.id}, {"key", p.key}, {"name", p.name}};
}

json::array PeriodsJson(const Window& w) {
    json::array out;
    for (const auto& p : w.periods) {
        out.push_back(json::object{{"label", p.label}, {"start", p.start}, {"end", p.end}});
    }
    return out;
}

// One product's roadmap facts, read in three queries, and the work below its initiatives (read
// for all the roadmap's products at once).
struct ProductFacts {
    domain::Product product;
    std::vector<domain::Goal> goals;
    std::vector<domain::Initiative> initiatives;
    std::vector<domain::Release> releases;
    std::map<std::string, storage::WorkTotals> work;
};

Result<ProductFacts> LoadFacts(storage::Tx& tx,
                               const domain::Product& product,
                               const std::map<std::string, storage::WorkTotals>& work) {
    ProductFacts f;
    f.product = product;
    const std::string& ws = product.workspace_id;
    TL_ASSIGN_OR_RETURN(f.goals, tx.ListGoals(ws, product.id));
    TL_ASSIGN_OR_RETURN(f.initiatives, tx.ListInitiatives(ws, product.id));
    TL_ASSIGN_OR_RETURN(f.releases, tx.ListReleases(ws, product.id));
    for (const auto& i : f.initiatives) {
        if (auto it = work.find(i.id); it != work.end()) {
            f.work.emplace(it->first, it->second);
        }
    }
    return f;
}

struct Placed {
    const domain::Initiative* initiative = nullptr;
    domain::PlacedSpan span;
    domain::EffectiveTimeframe timeframe;
};

// The answers' initiative: for the public link without version and user ids.
json::object InitiativeJson(const Placed& p,
                            const ProductFacts& f,
                            UserNames& names,
                            bool is_public) {
    const auto& i = *p.initiative;
    json::array goals;
    for (const auto& id : i.goal_ids) {
        auto g =
            std::find_if(f.goals.begin(), f.goals.end(), [&](const auto& x) { return x.id == id; });
        if (g != f.goals.end()) {
            goals.push_back(json::object{{"id", g->id}, {"objective", g->objective}});
        }
    }
    json::value owner = nullptr;
    if (!i.owner_id.empty()) {
        const std::string& name = names.Of(i.owner_id);
        owner =
            is_public ? json::value(json::object{{"name", name}}) : UserRefOrNull(i.owner_id, name);
    }
    storage::WorkTotals w;
    if (auto it = f.work.find(i.id); it != f.work.end()) {
        w = it->second;
    }
    json::object o{
        {"id", i.id},
        {"product_id", i.product_id},
        {"name", i.name},
        {"status", domain::ToString(i.status)},
        {"goals", std::move(goals)},
        {"owner", std::move(owner)},
        {"horizon", i.horizon ? json::value(domain::ToString(*i.horizon)) : json::value(nullptr)},
        {"start_date", StringOrNull(i.start_date)},
        {"end_date", StringOrNull(i.end_date)},
        {"start", p.span.start},
        {"end", p.span.end},
        {"placement", domain::ToString(p.span.placement)},
        {"timeframe", domain::ToString(p.timeframe.timeframe)},
        {"timeframe_source", p.timeframe.derived ? "derived" : "set"},
        {"work",
         json::object{{"items", w.items},
                      {"points", PointsJson(w.points)},
                      {"done_items", w.done_items},
                      {"done_points", PointsJson(w.done_points)}}}};
    if (!is_public) {
        o["version"] = i.version;
    }
    return o;
}

std::vector<Placed> PlaceAll(const ProductFacts& f, const Window& w) {
    std::vector<Placed> out;
    for (const auto& i : f.initiatives) {
        Placed p;
        p.initiative = &i;
        p.timeframe = domain::TimeframeOf(i, w.today);
        p.span = domain::PlaceInitiative(i, p.timeframe.timeframe, w.today);
        out.push_back(std::move(p));
    }
    // By placed start; ties keep the order of creation.
    std::stable_sort(out.begin(), out.end(), [](const Placed& a, const Placed& b) {
        return a.span.start < b.span.start;
    });
    return out;
}

// The initiatives on the timeline: not dropped, overlapping the window.
bool OnTimeline(const Placed& p, const Window& w) {
    return p.initiative->status != domain::InitiativeStatus::kDropped &&
           domain::Overlaps(p.span.start, p.span.end, w.from, w.to);
}

json::array ReleasesJson(const ProductFacts& f, const Window& w) {
    json::array out;
    for (const auto& r : f.releases) {  // by target date
        if (r.target_date.empty() || r.target_date < w.from || r.target_date > w.to) {
            continue;
        }
        out.push_back(json::object{{"id", r.id},
                                   {"product_id", r.product_id},
                                   {"version", r.version},
                                   {"name", r.name},
                                   {"target_date", r.target_date},
                                   {"status", domain::ToString(r.status)}});
    }
    return out;
}

// Lanes by the first goal each initiative serves, in the goals' order; "No goal" last.
json::array LanesJson(const ProductFacts& f,
                      const std::vector<Placed>& placed,
                      const Window& w,
                      UserNames& names,
                      bool is_public) {
    std::map<std::string, json::array> by_goal;
    json::array no_goal;
    std::set<std::string> goal_ids;
    for (const auto& g : f.goals) {
        goal_ids.insert(g.id);
    }
    for (const auto& p : placed) {
        if (!OnTimeline(p, w)) {
            continue;
        }
        const auto& ids = p.initiative->goal_ids;
        auto first = std::find_if(
            ids.begin(), ids.end(), [&](const auto& id) { return goal_ids.count(id) > 0; });
        auto item = InitiativeJson(p, f, names, is_public);
        if (first == ids.end()) {
            no_goal.push_back(std::move(item));
        } else {
            by_goal[*first].push_back(std::move(item));
        }
    }
    json::array lanes;
    for (const auto& g : f.goals) {
        auto it = by_goal.find(g.id);
        if (it == by_goal.end()) {
            continue;
        }
        lanes.push_back(
            json::object{{"goal", json::object{{"id", g.id}, {"objective", g.objective}}},
                         {"name", g.objective},
                         {"initiatives", std::move(it->second)}});
    }
    if (!no_goal.empty()) {
        lanes.push_back(json::object{
            {"goal", nullptr}, {"name", "No goal"}, {"initiatives", std::move(no_goal)}});
    }
    return lanes;
}

// The open initiatives (neither done nor dropped) by timeframe, whatever the window.
json::object BoardJson(const ProductFacts& f,
                       const std::vector<Placed>& placed,
                       UserNames& names,
                       bool is_public) {
    json::array now;
    json::array next;
    json::array later;
    for (const auto& p : placed) {
        if (!domain::IsOpen(*p.initiative)) {
            continue;
        }
        auto item = InitiativeJson(p, f, names, is_public);
        switch (p.timeframe.timeframe) {
            case domain::Timeframe::kNow:
                now.push_back(std::move(item));
                break;
            case domain::Timeframe::kNext:
                next.push_back(std::move(item));
                break;
            case domain::Timeframe::kLater:
                later.push_back(std::move(item));
                break;
        }
    }
    return json::object{
        {"now", std::move(now)}, {"next", std::move(next)}, {"later", std::move(later)}};
}

json::object WindowJson(const Window& w) {
    return json::object{{"from", w.from},
                        {"to", w.to},
                        {"granularity", domain::ToString(w.granularity)},
                        {"today", w.today},
                        {"periods", PeriodsJson(w)}};
}

Result<json::object> RoadmapOf(storage::Tx& tx,
                               const domain::Product& product,
                               const Window& w,
                               bool is_public) {
    TL_ASSIGN_OR_RETURN(auto work, tx.InitiativeWorkTotals(product.workspace_id, {product.id}));
    TL_ASSIGN_OR_RETURN(auto facts, LoadFacts(tx, product, work));
    UserNames names(tx, product.workspace_id);
    const auto placed = PlaceAll(facts, w);
    json::object o = WindowJson(w);
    o["product"] = ProductRef(product);
    o["lanes"] = LanesJson(facts, placed, w, names, is_public);
    o["releases"] = ReleasesJson(facts, w);
    o["board"] = BoardJson(facts, placed, names, is_public);
    return o;
}

json::object ShareJson(const domain::RoadmapShare& s, UserNames& names) {
    return json::object{{"id", s.id},
                        {"product_id", s.product_id},
                        {"created_by", UserRefOrNull(s.created_by, names.Of(s.created_by))},
                        {"created_at", s.created_at}};
}

// What the link's events carry: never the token or its hash.
json::object ShareEventJson(const domain::RoadmapShare& s) {
    return json::object{{"id", s.id}, {"product_id", s.product_id}, {"created_at", s.created_at}};
}

}  // namespace

Result<json::object> ProductRoadmap(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const RoadmapQuery& query) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto window, ReadWindow(ctx, query));
        TL_ASSIGN_OR_RETURN(out, RoadmapOf(tx, product, window, false));
        return {};
    }));
    return out;
}

Result<json::object> PortfolioRoadmap(AppContext& ctx,
                                      const Actor& actor,
                                      const RoadmapQuery& query) {
    TL_ASSIGN_OR_RETURN(auto window, ReadWindow(ctx, query));
    json::object out = WindowJson(window);
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        const std::string user = actor.is_admin ? std::string() : actor.user_id;
        storage::Page page;
        page.limit = 200;
        std::vector<domain::Product> products;
        for (;;) {
            TL_ASSIGN_OR_RETURN(auto batch, tx.ListProducts(actor.workspace_id, user, page));
            const bool more = static_cast<int>(batch.size()) == page.limit;
            if (!batch.empty()) {
                page.after = batch.back().id;
            }
            for (auto& p : batch) {
                products.push_back(std::move(p));
            }
            if (!more) {
                break;
            }
        }
        std::vector<std::string> product_ids;
        for (const auto& p : products) {
            product_ids.push_back(p.id);
        }
        TL_ASSIGN_OR_RETURN(auto work, tx.InitiativeWorkTotals(actor.workspace_id, product_ids));
        UserNames names(tx, actor.workspace_id);
        json::array lanes;
        for (const auto& product : products) {
            TL_ASSIGN_OR_RETURN(auto facts, LoadFacts(tx, product, work));
            const auto placed = PlaceAll(facts, window);
            json::array initiatives;
            for (const auto& p : placed) {
                if (OnTimeline(p, window)) {
                    initiatives.push_back(InitiativeJson(p, facts, names, false));
                }
            }
            lanes.push_back(json::object{{"product", ProductRef(product)},
                                         {"initiatives", std::move(initiatives)},
                                         {"releases", ReleasesJson(facts, window)}});
        }
        out["lanes"] = std::move(lanes);
        return {};
    }));
    return out;
}

Result<json::object> CreateRoadmapShare(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id) {
    const std::int64_t now = ctx.clock.NowMs();
    json::object out;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        const std::string token = NewSecret("rmp");
        domain::RoadmapShare s;
        s.id = NewId("rms", now);
        s.workspace_id = actor.workspace_id;
        s.product_id = product.id;
        s.token_hash = HashSecret(token);
        s.created_by = actor.user_id;
        s.created_at = now;
        TL_TRY(tx.InsertRoadmapShare(s));
        UserNames names(tx, actor.workspace_id);
        out = ShareJson(s, names);
        out["token"] = token;
        out["url"] = "/shared/roadmap/" + token;
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"roadmap_share", s.id, s.product_id, "created", {}, ShareEventJson(s)});
    }));
    return out;
}

Result<json::object> ListRoadmapShares(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& product_id) {
    json::array data;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto shares, tx.ListRoadmapShares(actor.workspace_id, product.id));
        UserNames names(tx, actor.workspace_id);
        for (const auto& s : shares) {
            data.push_back(ShareJson(s, names));
        }
        return {};
    }));
    return json::object{{"data", std::move(data)}};
}

Result<void> RevokeRoadmapShare(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto s, tx.GetRoadmapShare(actor.workspace_id, id));
        TL_TRY(AuthorizeObjectIn(
            tx, actor, s.product_id, domain::Action::kStrategyWrite, "roadmap link"));
        TL_TRY(tx.DeleteRoadmapShare(actor.workspace_id, s.id));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"roadmap_share", s.id, s.product_id, "deleted", ShareEventJson(s), {}});
    });
}

Result<json::object> PublicRoadmap(AppContext& ctx,
                                   const std::string& token,
                                   const RoadmapQuery& query) {
    if (token.empty() || token.size() > kMaxTokenLength) {
        return Fail(NotFound("roadmap"));
    }
    TL_ASSIGN_OR_RETURN(auto window, ReadWindow(ctx, query));
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto share, tx.FindRoadmapShareByTokenHash(HashSecret(token)));
        if (!share) {
            return Fail(NotFound("roadmap"));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(share->workspace_id, share->product_id));
        TL_ASSIGN_OR_RETURN(out, RoadmapOf(tx, product, window, true));
        return {};
    }));
    return out;
}

}  // namespace tl::app
