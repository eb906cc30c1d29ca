#include "app/teams/teams.hpp"

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"

namespace tl::app {
namespace {

// Applies the input and checks it, including that the product and members exist in the
// actor's workspace.
Result<void> ApplyAndValidate(storage::Tx& tx,
                              const Actor& actor,
                              const TeamInput& input,
                              domain::Team& team) {
    if (input.name) {
        team.name = *input.name;
    }
    if (input.product_id) {
        team.product_id = *input.product_id;
    }
    if (input.member_ids) {
        team.member_ids = *input.member_ids;
    }
    domain::Issues issues = input.issues;
    for (auto& issue : domain::ValidateTeam(team)) {
        issues.push_back(std::move(issue));
    }
    if (!team.product_id.empty()) {
        auto product = tx.GetProduct(actor.workspace_id, team.product_id);
        if (!product && product.error().code == ErrorCode::kNotFound) {
            issues.push_back({"product_id", "no such product in this workspace"});
        } else {
            TL_TRY(product);
        }
    }
    for (std::size_t i = 0; i < team.member_ids.size() && i < domain::kMaxTeamMembers; ++i) {
        auto user = tx.GetUser(actor.workspace_id, team.member_ids[i]);
        if (!user && user.error().code == ErrorCode::kNotFound) {
            issues.push_back({"member_ids." + std::to_string(i), "no such user in this workspace"});
        } else {
            TL_TRY(user);
        }
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    return {};
}

std::string ProductOf(const domain::Team& t) { return t.product_id; }

}  // namespace

Result<domain::Team> CreateTeam(AppContext& ctx, const Actor& actor, const TeamInput& input) {
    TL_TRY(RequireAdmin(actor));
    const std::int64_t now = ctx.clock.NowMs();
    domain::Team team;
    team.workspace_id = actor.workspace_id;
    team.created_at = now;
    team.updated_at = now;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TeamInput checked = input;
        if (!checked.name) {
            checked.issues.push_back({"name", "is required"});
        }
        TL_TRY(ApplyAndValidate(tx, actor, checked, team));
        team.id = NewId("tea", now);
        TL_TRY(tx.InsertTeam(team));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"team", team.id, ProductOf(team), "created", {}, ToJson(team)});
    }));
    return team;
}

Result<domain::Team> GetTeam(AppContext& ctx, const Actor& actor, const std::string& id) {
    domain::Team team;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(team, tx.GetTeam(actor.workspace_id, id));
        return {};
    }));
    return team;
}

Result<std::vector<domain::Team>> ListTeams(AppContext& ctx,
                                            const Actor& actor,
                                            const storage::Page& page) {
    std::vector<domain::Team> teams;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(teams, tx.ListTeams(actor.workspace_id, page));
        return {};
    }));
    return teams;
}

Result<domain::Team> UpdateTeam(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const TeamInput& input,
                                std::optional<std::int64_t> if_match) {
    TL_TRY(RequireAdmin(actor));
    const std::int64_t now = ctx.clock.NowMs();
    domain::Team next;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, tx.GetTeam(actor.workspace_id, id));
        next = current;
        TL_TRY(ApplyAndValidate(tx, actor, input, next));
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the team was changed since version " + std::to_string(*if_match)));
        }
        if (Diff(ToJson(current), ToJson(next)).empty()) {
            next = current;
            return {};  // nothing changes: no new version, no event
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateTeam(next, current.version));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"team", id, ProductOf(next), "updated", ToJson(current), ToJson(next)});
    }));
    return next;
}

Result<void> DeleteTeam(AppContext& ctx, const Actor& actor, const std::string& id) {
    TL_TRY(RequireAdmin(actor));
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, tx.GetTeam(actor.workspace_id, id));
        TL_TRY(tx.DeleteTeam(actor.workspace_id, id));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"team", id, ProductOf(current), "deleted", ToJson(current), {}});
    });
}

}  // namespace tl::app
