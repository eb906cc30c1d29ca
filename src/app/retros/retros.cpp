#include "app/retros/retros.hpp"

#include <algorithm>
#include <map>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprints.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

bool Has(const std::vector<domain::Role>& roles, domain::Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Result<domain::RetroCard> LoadCard(storage::Tx& tx,
                                   const Actor& actor,
                                   const std::string& id,
                                   domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto card, tx.GetRetroCard(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, card.product_id, action, "retro card"));
    return card;
}

Result<domain::RetroAction> LoadAction(storage::Tx& tx,
                                       const Actor& actor,
                                       const std::string& id,
                                       domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto a, tx.GetRetroAction(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, a.product_id, action, "retro action"));
    return a;
}

Result<RetroCardView> CardView(storage::Tx& tx,
                               const Actor& actor,
                               UserNames& names,
                               domain::RetroCard card) {
    TL_ASSIGN_OR_RETURN(auto votes, tx.ListRetroVotes(actor.workspace_id, card.sprint_id));
    RetroCardView v;
    for (const auto& vote : votes) {
        if (vote.card_id == card.id) {
            ++v.votes;
            v.voted = v.voted || vote.user_id == actor.user_id;
        }
    }
    v.author_name = names.Of(card.author_id);
    v.card = std::move(card);
    return v;
}

RetroActionView ActionView(UserNames& names,
                           domain::RetroAction a,
                           SprintRef sprint,
                           bool carried) {
    RetroActionView v;
    v.sprint = std::move(sprint);
    v.owner_name = names.Of(a.owner_id);
    v.done_by_name = names.Of(a.done_by);
    v.created_by_name = names.Of(a.created_by);
    v.carried = carried;
    v.action = std::move(a);
    return v;
}

Result<RetroActionView> StandaloneActionView(storage::Tx& tx,
                                             const std::string& workspace_id,
                                             domain::RetroAction a) {
    TL_ASSIGN_OR_RETURN(auto sprint, tx.GetSprint(workspace_id, a.sprint_id));
    UserNames names(tx, workspace_id);
    return ActionView(names, std::move(a), {sprint.id, sprint.name}, false);
}

// What events record of a card: the caller's own vote is not part of it.
json::object CardSnapshot(const RetroCardView& v) {
    json::object o = ToJson(v);
    o.erase("voted");
    return o;
}

json::object ActionSnapshot(const RetroActionView& v) {
    json::object o = ToJson(v);
    o.erase("carried_from");
    return o;
}

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

// kValidationFailed-worthy issues of an action's owner: a user holding a role on the product.
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

}  // namespace

json::object ToJson(const RetroCardView& v) {
    const auto& c = v.card;
    return json::object{{"id", c.id},
                        {"sprint_id", c.sprint_id},
                        {"column", domain::ToString(c.column)},
                        {"text", c.text},
                        {"author", UserRefOrNull(c.author_id, v.author_name)},
                        {"votes", v.votes},
                        {"voted", v.voted},
                        {"version", c.version},
                        {"created_at", c.created_at},
                        {"updated_at", c.updated_at}};
}

json::object ToJson(const RetroActionView& v) {
    const auto& a = v.action;
    const json::object sprint{{"id", v.sprint.id}, {"name", v.sprint.name}};
    return json::object{{"id", a.id},
                        {"sprint_id", a.sprint_id},
                        {"sprint", sprint},
                        {"team_id", a.team_id},
                        {"text", a.text},
                        {"owner", UserRefOrNull(a.owner_id, v.owner_name)},
                        {"card_id", StringOrNull(a.card_id)},
                        {"done", a.done},
                        {"done_at", MsOrNull(a.done_at)},
                        {"done_by", UserRefOrNull(a.done_by, v.done_by_name)},
                        {"created_by", UserRefOrNull(a.created_by, v.created_by_name)},
                        {"carried_from", v.carried ? json::value(sprint) : json::value(nullptr)},
                        {"version", a.version},
                        {"created_at", a.created_at},
                        {"updated_at", a.updated_at}};
}

json::object ToJson(const RetroView& v) {
    const auto& s = v.sprint;
    json::object columns;
    for (auto c : domain::kAllRetroColumns) {
        columns[domain::ToString(c)] = json::array();
    }
    for (const auto& card : v.cards) {
        columns[domain::ToString(card.card.column)].as_array().push_back(ToJson(card));
    }
    json::array actions;
    for (const auto& a : v.actions) {
        actions.push_back(ToJson(a));
    }
    return json::object{
        {"sprint_id", s.id},
        {"sprint",
         json::object{
             {"id", s.id},
             {"name", s.name},
             {"status", domain::ToString(s.status)},
             {"start_date", s.start_date},
             {"end_date", s.end_date},
             {"team", json::object{{"id", s.team_id}, {"name", StringOrNull(v.team_name)}}}}},
        {"cards", std::move(columns)},
        {"actions", std::move(actions)}};
}

Result<RetroView> GetRetro(AppContext& ctx, const Actor& actor, const std::string& sprint_id) {
    RetroView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        const auto& ws = actor.workspace_id;
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kProductRead));
        view.sprint = sprint;
        if (auto team = tx.GetTeam(ws, sprint.team_id)) {
            view.team_name = team->name;
        }
        UserNames names(tx, ws);
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListRetroCards(ws, sprint.id));
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListRetroVotes(ws, sprint.id));
        std::map<std::string, std::pair<std::int64_t, bool>> tally;
        for (const auto& v : votes) {
            auto& t = tally[v.card_id];
            ++t.first;
            t.second = t.second || v.user_id == actor.user_id;
        }
        for (auto& c : cards) {
            RetroCardView v;
            v.author_name = names.Of(c.author_id);
            if (auto t = tally.find(c.id); t != tally.end()) {
                v.votes = t->second.first;
                v.voted = t->second.second;
            }
            v.card = std::move(c);
            view.cards.push_back(std::move(v));
        }
        TL_ASSIGN_OR_RETURN(auto own, tx.ListRetroActions(ws, sprint.id));
        for (auto& a : own) {
            view.actions.push_back(
                ActionView(names, std::move(a), {sprint.id, sprint.name}, false));
        }
        TL_ASSIGN_OR_RETURN(auto open,
                            tx.ListOpenRetroActions(ws, sprint.product_id, sprint.team_id));
        if (!open.empty()) {
            storage::SprintFilter filter;
            filter.product_id = sprint.product_id;
            filter.team_id = sprint.team_id;
            TL_ASSIGN_OR_RETURN(auto sprints, tx.ListSprints(ws, filter));
            std::map<std::string, std::string> sprint_names;
            for (const auto& s : sprints) {
                sprint_names.emplace(s.id, s.name);
            }
            for (std::size_t k : domain::CarriedActions(sprint, sprints, open)) {
                const std::string origin = open[k].sprint_id;
                view.actions.push_back(
                    ActionView(names, open[k], {origin, sprint_names[origin]}, true));
            }
        }
        return {};
    }));
    return view;
}

Result<RetroCardView> AddRetroCard(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& sprint_id,
                                   const RetroCardInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    RetroCardView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kRetroWrite));
        domain::Issues issues = input.issues;
        domain::RetroCard c;
        c.id = NewId("rcd", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = sprint.product_id;
        c.sprint_id = sprint.id;
        c.column = input.column.value_or(domain::RetroColumn::kWentWell);
        c.text = input.text.value_or("");
        c.author_id = actor.user_id;
        c.created_at = now;
        c.updated_at = now;
        if (!input.column && !Names(issues, "column")) {
            issues.push_back({"column", "is required: went_well, to_improve or action"});
        }
        if (!Names(issues, "text")) {
            for (auto& i : domain::ValidateRetroCard(c)) {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        // After the retrospective's latest card: the columns' order is the order of writing,
        // even within one millisecond.
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListRetroCards(actor.workspace_id, sprint.id));
        c.created_at = StampAfter(c.created_at, earlier, &domain::RetroCard::created_at);
        c.updated_at = c.created_at;
        TL_TRY(tx.InsertRetroCard(c));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, CardView(tx, actor, names, c));
        return Event(
            tx, actor, now, "retro_card", c.id, c.product_id, "created", {}, CardSnapshot(view));
    }));
    return view;
}

Result<RetroCardView> UpdateRetroCard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& card_id,
                                      const RetroCardInput& input,
                                      std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    RetroCardView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadCard(tx, actor, card_id, domain::Action::kRetroWrite));
        if (current.author_id != actor.user_id) {
            return Fail(Forbidden("only its author may change a retrospective card"));
        }
        domain::Issues issues = input.issues;
        domain::RetroCard next = current;
        if (input.column) {
            next.column = *input.column;
        }
        if (input.text) {
            next.text = *input.text;
        }
        if (!Names(issues, "text")) {
            for (auto& i : domain::ValidateRetroCard(next)) {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the card was changed since version " + std::to_string(*if_match)));
        }
        UserNames names(tx, actor.workspace_id);
        if (next.column == current.column && next.text == current.text) {
            TL_ASSIGN_OR_RETURN(view, CardView(tx, actor, names, current));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateRetroCard(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, CardView(tx, actor, names, current));
        TL_ASSIGN_OR_RETURN(view, CardView(tx, actor, names, next));
        return Event(tx,
                     actor,
                     now,
                     "retro_card",
                     next.id,
                     next.product_id,
                     "updated",
                     CardSnapshot(before),
                     CardSnapshot(view));
    }));
    return view;
}

Result<void> DeleteRetroCard(AppContext& ctx, const Actor& actor, const std::string& card_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, LoadCard(tx, actor, card_id, domain::Action::kRetroWrite));
        TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, card.product_id));
        if (card.author_id != actor.user_id && !Has(roles, domain::Role::kProductOwner) &&
            !Has(roles, domain::Role::kScrumMaster)) {
            return Fail(Forbidden(
                "only its author, the Product Owner or a Scrum Master may delete a card"));
        }
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before, CardView(tx, actor, names, card));
        TL_TRY(tx.DeleteRetroCard(actor.workspace_id, card.id));
        return Event(tx,
                     actor,
                     now,
                     "retro_card",
                     card.id,
                     card.product_id,
                     "deleted",
                     CardSnapshot(before),
                     {});
    });
}

Result<RetroCardView> ToggleRetroVote(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& card_id) {
    const std::int64_t now = ctx.clock.NowMs();
    RetroCardView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, LoadCard(tx, actor, card_id, domain::Action::kRetroWrite));
        TL_TRY(tx.ToggleRetroVote(actor.workspace_id, card, actor.user_id, now));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, CardView(tx, actor, names, card));
        return Event(tx,
                     actor,
                     now,
                     "retro_card",
                     card.id,
                     card.product_id,
                     "voted",
                     {},
                     json::object{{"sprint_id", card.sprint_id}, {"votes", view.votes}});
    }));
    return view;
}

Result<RetroCardView> GetRetroCard(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& card_id) {
    RetroCardView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, LoadCard(tx, actor, card_id, domain::Action::kProductRead));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, CardView(tx, actor, names, card));
        return {};
    }));
    return view;
}

Result<RetroActionView> AddRetroAction(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& sprint_id,
                                       const RetroActionInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    RetroActionView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kRetroWrite));
        domain::Issues issues = input.issues;
        domain::RetroAction a;
        a.id = NewId("rac", now);
        a.workspace_id = actor.workspace_id;
        a.product_id = sprint.product_id;
        a.sprint_id = sprint.id;
        a.team_id = sprint.team_id;
        a.text = input.text.value_or("");
        a.owner_id = input.owner_id.value_or("");
        a.card_id = input.card_id.value_or("");
        a.created_by = actor.user_id;
        a.created_at = now;
        a.updated_at = now;
        if (input.done && !Names(issues, "done")) {
            issues.push_back({"done", "a new action is not done; set done with a PATCH"});
        }
        if (!Names(issues, "text")) {
            for (auto& i : domain::ValidateRetroAction(a)) {
                issues.push_back(std::move(i));
            }
        }
        if (!Names(issues, "owner_id")) {
            TL_TRY(CheckOwner(tx, actor.workspace_id, sprint.product_id, a.owner_id, issues));
        }
        if (!a.card_id.empty() && !Names(issues, "card_id")) {
            auto card = tx.GetRetroCard(actor.workspace_id, a.card_id);
            if (!card && card.error().code != ErrorCode::kNotFound) {
                return Fail(card.error());
            }
            if (!card || card->sprint_id != sprint.id) {
                issues.push_back({"card_id", "must be a card of this retrospective"});
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        // After the retrospective's latest action (their order is the order of writing).
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListRetroActions(actor.workspace_id, sprint.id));
        a.created_at = StampAfter(a.created_at, earlier, &domain::RetroAction::created_at);
        a.updated_at = a.created_at;
        TL_TRY(tx.InsertRetroAction(a));
        UserNames names(tx, actor.workspace_id);
        view = ActionView(names, a, {sprint.id, sprint.name}, false);
        return Event(tx,
                     actor,
                     now,
                     "retro_action",
                     a.id,
                     a.product_id,
                     "created",
                     {},
                     ActionSnapshot(view));
    }));
    return view;
}

Result<RetroActionView> UpdateRetroAction(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& action_id,
                                          const RetroActionInput& input,
                                          std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    RetroActionView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadAction(tx, actor, action_id, domain::Action::kRetroWrite));
        domain::Issues issues = input.issues;
        domain::RetroAction next = current;
        if (input.text) {
            next.text = *input.text;
        }
        if (input.owner_id) {
            next.owner_id = *input.owner_id;
        }
        if (input.done && *input.done != current.done) {
            next.done = *input.done;
            next.done_at = next.done ? now : 0;
            next.done_by = next.done ? actor.user_id : std::string();
        }
        if (!Names(issues, "text")) {
            for (auto& i : domain::ValidateRetroAction(next)) {
                issues.push_back(std::move(i));
            }
        }
        if (input.owner_id && next.owner_id != current.owner_id && !Names(issues, "owner_id")) {
            TL_TRY(CheckOwner(tx, actor.workspace_id, next.product_id, next.owner_id, issues));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the action was changed since version " + std::to_string(*if_match)));
        }
        if (next.text == current.text && next.owner_id == current.owner_id &&
            next.done == current.done) {
            TL_ASSIGN_OR_RETURN(view, StandaloneActionView(tx, actor.workspace_id, current));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateRetroAction(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, StandaloneActionView(tx, actor.workspace_id, current));
        TL_ASSIGN_OR_RETURN(view, StandaloneActionView(tx, actor.workspace_id, next));
        return Event(tx,
                     actor,
                     now,
                     "retro_action",
                     next.id,
                     next.product_id,
                     "updated",
                     ActionSnapshot(before),
                     ActionSnapshot(view));
    }));
    return view;
}

Result<RetroActionView> GetRetroAction(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& action_id) {
    RetroActionView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto a, LoadAction(tx, actor, action_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(view, StandaloneActionView(tx, actor.workspace_id, std::move(a)));
        return {};
    }));
    return view;
}

}  // namespace tl::app
