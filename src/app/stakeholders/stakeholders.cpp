#include "app/stakeholders/stakeholders.hpp"

#include <algorithm>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/releases/releases.hpp"
#include "app/serialize.hpp"
#include "app/strategy/strategy.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

Result<domain::Stakeholder> LoadStakeholder(storage::Tx& tx,
                                            const Actor& actor,
                                            const std::string& id,
                                            domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto s, tx.GetStakeholder(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, s.product_id, action, "stakeholder"));
    return s;
}

// The stakeholder with its user's name, last contact and (with `detail`) its log.
Result<StakeholderView> BuildView(storage::Tx& tx,
                                  const std::string& workspace_id,
                                  domain::Stakeholder s,
                                  bool detail) {
    StakeholderView v;
    UserNames names(tx, workspace_id);
    v.user_name = names.Of(s.user_id);
    TL_ASSIGN_OR_RETURN(auto log, tx.ListCommunications(workspace_id, s.id));
    v.last_contact = domain::LastContact(log);
    v.communication_count = static_cast<std::int64_t>(log.size());
    if (detail) {
        domain::SortNewestFirst(log);
        for (auto& c : log) {
            CommunicationView cv;
            cv.by_name = names.Of(c.created_by);
            cv.communication = std::move(c);
            v.communications.push_back(std::move(cv));
        }
    }
    v.stakeholder = std::move(s);
    return v;
}

// What events record of a stakeholder: its fields, last contact and the size of its log.
json::object Snapshot(const StakeholderView& v) {
    json::object o = ToJson(v, false);
    o["communications"] = v.communication_count;
    return o;
}

Result<void> Event(storage::Tx& tx,
                   const Actor& actor,
                   std::int64_t now,
                   const domain::Stakeholder& s,
                   std::string action,
                   json::object before,
                   json::object after) {
    return RecordEvent(tx,
                       actor.workspace_id,
                       actor.user_id,
                       now,
                       {"stakeholder",
                        s.id,
                        s.product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

void Apply(const StakeholderInput& in, domain::Stakeholder& s) {
    if (in.name) {
        s.name = *in.name;
    }
    if (in.kind) {
        s.kind = *in.kind;
    }
    if (in.organisation) {
        s.organisation = *in.organisation;
    }
    if (in.title) {
        s.title = *in.title;
    }
    if (in.email) {
        s.email = *in.email;
    }
    if (in.influence) {
        s.influence = static_cast<int>(*in.influence);
    }
    if (in.interest) {
        s.interest = static_cast<int>(*in.interest);
    }
    if (in.channel) {
        s.channel = *in.channel;
    }
    if (in.notes) {
        s.notes = *in.notes;
    }
    if (in.user_id) {
        s.user_id = *in.user_id;
    }
}

// Domain checks of `s` for the fields the input did not already flag, and the user link.
Result<void> Check(storage::Tx& tx,
                   const std::string& workspace_id,
                   const domain::Stakeholder& s,
                   domain::Issues& issues) {
    MergeIssues(issues, domain::ValidateStakeholder(s));
    if (!s.user_id.empty() && !Names(issues, "user_id")) {
        auto user = tx.GetUser(workspace_id, s.user_id);
        if (!user) {
            if (user.error().code != ErrorCode::kNotFound) {
                return Fail(user.error());
            }
            issues.push_back({"user_id", "must be a user of the workspace"});
        }
    }
    return {};
}

bool SameFields(const domain::Stakeholder& a, const domain::Stakeholder& b) {
    return a.name == b.name && a.kind == b.kind && a.organisation == b.organisation &&
           a.title == b.title && a.email == b.email && a.influence == b.influence &&
           a.interest == b.interest && a.channel == b.channel && a.notes == b.notes &&
           a.user_id == b.user_id;
}

json::object ReleaseJson(const domain::UpdateRelease& r) {
    return json::object{{"id", r.id},
                        {"version", r.version},
                        {"name", r.name},
                        {"target_date", StringOrNull(r.target_date)},
                        {"status", domain::ToString(r.status)},
                        {"released_on", StringOrNull(r.released_on)}};
}

json::object ItemJson(const domain::UpdateItem& i) {
    return json::object{{"id", i.id},
                        {"key", i.key},
                        {"title", i.title},
                        {"type", domain::ToString(i.type)},
                        {"status", i.status},
                        {"accepted_on", StringOrNull(i.accepted_on)}};
}

json::object GoalJson(const domain::UpdateGoal& g) {
    return json::object{
        {"id", g.id},
        {"objective", g.objective},
        {"horizon", domain::ToString(g.horizon)},
        {"end_date", g.end_date},
        {"progress", g.progress ? json::value(*g.progress) : json::value(nullptr)},
        {"expected", g.expected},
        {"status", g.status ? json::value(domain::ToString(*g.status)) : json::value(nullptr)}};
}

}  // namespace

json::object ToJson(const CommunicationView& v) {
    const auto& c = v.communication;
    return json::object{{"id", c.id},
                        {"stakeholder_id", c.stakeholder_id},
                        {"date", c.date},
                        {"channel", domain::ToString(c.channel)},
                        {"summary", c.summary},
                        {"by", UserRefOrNull(c.created_by, v.by_name)},
                        {"created_at", c.created_at}};
}

json::object ToJson(const StakeholderView& v, bool detail) {
    const auto& s = v.stakeholder;
    json::object o{{"id", s.id},
                   {"product_id", s.product_id},
                   {"name", s.name},
                   {"kind", domain::ToString(s.kind)},
                   {"organisation", s.organisation},
                   {"title", s.title},
                   {"email", s.email},
                   {"influence", s.influence},
                   {"interest", s.interest},
                   {"quadrant", domain::ToString(domain::QuadrantOf(s.influence, s.interest))},
                   {"channel", domain::ToString(s.channel)},
                   {"notes", s.notes},
                   {"user", UserRefOrNull(s.user_id, v.user_name)},
                   {"last_contact", StringOrNull(v.last_contact)},
                   {"version", s.version},
                   {"created_at", s.created_at},
                   {"updated_at", s.updated_at}};
    if (detail) {
        json::array log;
        for (const auto& c : v.communications) {
            log.push_back(ToJson(c));
        }
        o["communications"] = std::move(log);
    }
    return o;
}

json::object ToJson(const domain::StakeholderUpdate& u) {
    json::array shipped_releases;
    for (const auto& r : u.shipped_releases) {
        shipped_releases.push_back(ReleaseJson(r));
    }
    json::array shipped_items;
    for (const auto& i : u.shipped_items) {
        shipped_items.push_back(ItemJson(i));
    }
    json::array next_releases;
    for (const auto& r : u.next_releases) {
        next_releases.push_back(ReleaseJson(r));
    }
    json::array next_sprints;
    for (const auto& s : u.next_sprints) {
        next_sprints.push_back(
            json::object{{"id", s.id},
                         {"name", s.name},
                         {"goal", s.goal},
                         {"status", domain::ToString(s.status)},
                         {"start_date", s.start_date},
                         {"end_date", s.end_date},
                         {"team", json::object{{"id", s.team_id}, {"name", s.team_name}}}});
    }
    json::array overdue;
    for (const auto& o : u.overdue_releases) {
        overdue.push_back(
            json::object{{"release", ReleaseJson(o.release)}, {"days_late", o.days_late}});
    }
    json::array blockers;
    for (const auto& b : u.blockers) {
        blockers.push_back(
            json::object{{"release", ReleaseJson(b.release)}, {"item", ItemJson(b.blocker)}});
    }
    json::array goals;
    for (const auto& g : u.goals) {
        goals.push_back(GoalJson(g));
    }
    json::array goals_at_risk;
    for (const auto& g : u.goals_at_risk) {
        goals_at_risk.push_back(GoalJson(g));
    }
    return json::object{
        {"product",
         json::object{{"id", u.product_id}, {"key", u.product_key}, {"name", u.product_name}}},
        {"from", u.from},
        {"to", u.to},
        {"shipped",
         json::object{{"releases", std::move(shipped_releases)},
                      {"items", std::move(shipped_items)}}},
        {"next",
         json::object{{"releases", std::move(next_releases)},
                      {"sprints", std::move(next_sprints)}}},
        {"goals", std::move(goals)},
        {"risks",
         json::object{{"goals", std::move(goals_at_risk)},
                      {"overdue_releases", std::move(overdue)},
                      {"blockers", std::move(blockers)}}}};
}

Result<StakeholderView> CreateStakeholder(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          const StakeholderInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    StakeholderView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Stakeholder s;
        s.id = NewId("stk", now);
        s.workspace_id = actor.workspace_id;
        s.product_id = product.id;
        s.created_by = actor.user_id;
        s.created_at = now;
        s.updated_at = now;
        Apply(input, s);
        const std::pair<bool, std::string_view> required[] = {
            {input.name.has_value(), "name"},
            {input.kind.has_value(), "kind"},
            {input.influence.has_value(), "influence"},
            {input.interest.has_value(), "interest"},
        };
        for (const auto& [present, field] : required) {
            if (!present && !Names(issues, field)) {
                issues.push_back({std::string(field), "is required"});
            }
        }
        TL_TRY(Check(tx, actor.workspace_id, s, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertStakeholder(s));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, s, true));
        return Event(tx, actor, now, s, "created", {}, Snapshot(view));
    }));
    return view;
}

Result<std::vector<StakeholderView>> ListStakeholders(AppContext& ctx,
                                                      const Actor& actor,
                                                      const std::string& product_id,
                                                      const StakeholderFilter& filter) {
    std::vector<StakeholderView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(auto all, tx.ListStakeholders(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto last, tx.LastContactsOf(actor.workspace_id, product.id));
        UserNames names(tx, actor.workspace_id);
        for (auto& s : all) {
            if (filter.kind && s.kind != *filter.kind) {
                continue;
            }
            if (filter.quadrant &&
                domain::QuadrantOf(s.influence, s.interest) != *filter.quadrant) {
                continue;
            }
            StakeholderView v;
            v.user_name = names.Of(s.user_id);
            if (auto it = last.find(s.id); it != last.end()) {
                v.last_contact = it->second;
            }
            v.stakeholder = std::move(s);
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<StakeholderView> GetStakeholder(AppContext& ctx, const Actor& actor, const std::string& id) {
    StakeholderView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto s, LoadStakeholder(tx, actor, id, domain::Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, std::move(s), true));
        return {};
    }));
    return view;
}

Result<StakeholderView> UpdateStakeholder(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& id,
                                          const StakeholderInput& input,
                                          std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    StakeholderView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadStakeholder(tx, actor, id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Stakeholder next = current;
        Apply(input, next);
        TL_TRY(Check(tx, actor.workspace_id, next, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(MakeError(
                ErrorCode::kPreconditionFailed,
                "the stakeholder was changed since version " + std::to_string(*if_match)));
        }
        if (SameFields(current, next)) {
            TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, current, true));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateStakeholder(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, current, false));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, next, true));
        return Event(tx, actor, now, next, "updated", Snapshot(before), Snapshot(view));
    }));
    return view;
}

Result<void> DeleteStakeholder(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto s, LoadStakeholder(tx, actor, id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, s, false));
        TL_TRY(tx.DeleteStakeholder(actor.workspace_id, s.id));
        return Event(tx, actor, now, s, "deleted", Snapshot(before), {});
    });
}

Result<CommunicationView> AddCommunication(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& stakeholder_id,
                                           const CommunicationInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    CommunicationView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto s, LoadStakeholder(tx, actor, stakeholder_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Communication c;
        c.id = NewId("com", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = s.product_id;
        c.stakeholder_id = s.id;
        c.date = input.date.value_or("");
        c.channel = input.channel.value_or(s.channel);
        c.summary = input.summary.value_or("");
        c.created_by = actor.user_id;
        c.created_at = now;
        if (!input.date && !Names(issues, "date")) {
            issues.push_back({"date", "is required"});
        }
        MergeIssues(issues, domain::ValidateCommunication(c));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, s, false));
        TL_TRY(tx.InsertCommunication(c));
        TL_ASSIGN_OR_RETURN(auto after, BuildView(tx, actor.workspace_id, s, false));
        UserNames names(tx, actor.workspace_id);
        view.by_name = names.Of(c.created_by);
        view.communication = c;
        json::object snapshot = Snapshot(after);
        snapshot["communication"] = ToJson(view);
        return Event(tx, actor, now, s, "updated", Snapshot(before), std::move(snapshot));
    }));
    return view;
}

Result<void> DeleteCommunication(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCommunication(actor.workspace_id, id));
        TL_TRY(AuthorizeObjectIn(
            tx, actor, c.product_id, domain::Action::kStrategyWrite, "communication"));
        TL_ASSIGN_OR_RETURN(auto s, tx.GetStakeholder(actor.workspace_id, c.stakeholder_id));
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, s, false));
        TL_TRY(tx.DeleteCommunication(actor.workspace_id, c.id));
        TL_ASSIGN_OR_RETURN(auto after, BuildView(tx, actor.workspace_id, s, false));
        UserNames names(tx, actor.workspace_id);
        json::object snapshot = Snapshot(before);
        snapshot["communication"] = ToJson(CommunicationView{c, names.Of(c.created_by)});
        return Event(tx, actor, now, s, "updated", std::move(snapshot), Snapshot(after));
    });
}

Result<domain::StakeholderUpdate> GetStakeholderUpdate(AppContext& ctx,
                                                       const Actor& actor,
                                                       const std::string& product_id,
                                                       std::optional<std::string> from,
                                                       std::optional<std::string> to) {
    const domain::Day today = domain::DayOfMs(ctx.clock.NowMs());
    domain::UpdateFacts facts;
    std::string period_from;
    std::string period_to;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kMarketRead));
        period_to = to.value_or(domain::FormatDate(today));
        if (from) {
            period_from = *from;
        } else if (auto end = domain::ParseDate(period_to)) {
            period_from = domain::FormatDate(*end - domain::kDefaultUpdateDays);
        } else {
            period_from = domain::FormatDate(today - domain::kDefaultUpdateDays);
        }
        auto issues = domain::ValidateUpdatePeriod(period_from, period_to);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        facts.product_id = product.id;
        facts.product_key = product.key;
        facts.product_name = product.name;
        const std::int64_t from_ms = *domain::ParseDate(period_from) * domain::kMsPerDay;
        const std::int64_t to_ms = (*domain::ParseDate(period_to) + 1) * domain::kMsPerDay;
        TL_ASSIGN_OR_RETURN(
            facts.accepted,
            tx.ListItemsAcceptedBetween(actor.workspace_id, product.id, from_ms, to_ms));
        storage::SprintFilter filter;
        filter.product_id = product.id;
        TL_ASSIGN_OR_RETURN(facts.sprints, tx.ListSprints(actor.workspace_id, filter));
        for (const auto& s : facts.sprints) {
            if (s.status == domain::SprintStatus::kCompleted ||
                facts.team_names.count(s.team_id) > 0) {
                continue;
            }
            if (auto team = tx.GetTeam(actor.workspace_id, s.team_id)) {
                facts.team_names.emplace(s.team_id, team->name);
            }
        }
        // Goal progress as of the period's last day.
        TL_ASSIGN_OR_RETURN(auto goals, GoalViewsOf(tx, actor.workspace_id, product.id, period_to));
        for (auto& g : goals) {
            facts.goals.push_back({std::move(g.goal), g.progress, g.expected, g.status});
        }
        return {};
    }));
    // The releases with their readiness, as the release pages compute it (open blockers).
    TL_ASSIGN_OR_RETURN(auto releases, ListReleases(ctx, actor, product_id));
    for (auto& view : releases) {
        if (view.release.status != domain::ReleaseStatus::kReleased) {
            auto& open = facts.open_blockers[view.release.id];
            for (const auto& id : view.readiness.open_blockers) {
                if (auto b = view.blockers.find(id); b != view.blockers.end()) {
                    open.push_back(b->second.blocker);
                }
            }
        }
        facts.releases.push_back(std::move(view.release));
    }
    return domain::AssembleStakeholderUpdate(facts, period_from, period_to);
}

}  // namespace tl::app
