#include "app/accounts/users.hpp"

#include <algorithm>
#include <map>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/role_assignment.hpp"

namespace tl::app {
namespace {

Result<domain::User> InsertNewUser(AppContext& ctx,
                                   const std::string& workspace_id,
                                   const std::string& actor_id,
                                   const NewUser& input,
                                   bool enforce_password_policy) {
    domain::Issues issues = input.issues;
    const std::int64_t now = ctx.clock.NowMs();
    domain::User user;
    user.workspace_id = workspace_id;
    user.email = domain::NormalizeEmail(input.email);
    user.name = input.name;
    user.is_admin = input.is_admin;
    user.created_at = now;
    user.updated_at = now;
    for (auto& issue : domain::ValidateUser(user)) {
        issues.push_back(std::move(issue));
    }
    if (enforce_password_policy) {
        domain::CheckPassword(issues, "password", input.password);
    } else if (input.password.empty()) {
        issues.push_back({"password", "must not be empty"});
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    if (input.password_hash.empty()) {
        TL_ASSIGN_OR_RETURN(user.password_hash, HashPassword(input.password));
    } else {
        user.password_hash = input.password_hash;
    }
    user.id = NewId("usr", now);
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertUser(user));
        return RecordEvent(
            tx, workspace_id, actor_id, now, {"user", user.id, "", "created", {}, ToJson(user)});
    }));
    return user;
}

}  // namespace

Result<domain::User> CreateUser(AppContext& ctx, const Actor& actor, const NewUser& input) {
    TL_TRY(RequireAdmin(actor));
    return InsertNewUser(ctx, actor.workspace_id, actor.user_id, input, true);
}

Result<domain::User> CreateUserAsSystem(AppContext& ctx,
                                        const std::string& workspace_id,
                                        const NewUser& input,
                                        bool enforce_password_policy) {
    return InsertNewUser(ctx, workspace_id, "", input, enforce_password_policy);
}

Result<domain::User> GetUser(AppContext& ctx, const Actor& actor, const std::string& id) {
    domain::User user;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(user, tx.GetUser(actor.workspace_id, id));
        return {};
    }));
    return user;
}

Result<std::vector<domain::User>> ListUsers(AppContext& ctx,
                                            const Actor& actor,
                                            const storage::Page& page) {
    std::vector<domain::User> users;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(users, tx.ListUsers(actor.workspace_id, page));
        return {};
    }));
    return users;
}

Result<domain::User> UpdateUser(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const UserPatch& patch,
                                std::optional<std::int64_t> if_match) {
    const bool self = actor.user_id == id;
    if (!actor.is_admin && !self) {
        return Fail(Forbidden("you may change only your own account"));
    }
    if (!actor.is_admin && patch.is_admin) {
        return Fail(Forbidden("only a workspace administrator may grant or remove admin rights"));
    }
    domain::Issues issues = patch.issues;
    if (self && patch.is_admin && !*patch.is_admin) {
        issues.push_back({"is_admin", "you cannot remove your own admin rights"});
    }
    if (patch.password) {
        domain::CheckPassword(issues, "password", *patch.password);
    }
    const std::int64_t now = ctx.clock.NowMs();
    domain::User current;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(current, tx.GetUser(actor.workspace_id, id));
        return {};
    }));
    if (patch.password && self) {
        if (!patch.current_password) {
            issues.push_back({"current_password", "is required to change your password"});
        } else if (!VerifyPassword(*patch.current_password, current.password_hash)) {
            issues.push_back({"current_password", "is not your current password"});
        }
    }
    domain::User next = current;
    if (patch.email) {
        next.email = domain::NormalizeEmail(*patch.email);
    }
    if (patch.name) {
        next.name = *patch.name;
    }
    if (patch.is_admin) {
        next.is_admin = *patch.is_admin;
    }
    for (auto& issue : domain::ValidateUser(next)) {
        issues.push_back(std::move(issue));
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    if (patch.password) {
        TL_ASSIGN_OR_RETURN(next.password_hash, HashPassword(*patch.password));
    }
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(current, tx.GetUser(actor.workspace_id, id));
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the user was changed since version " + std::to_string(*if_match)));
        }
        if (!patch.password && Diff(ToJson(current), ToJson(next)).empty()) {
            next = current;
            return {};  // nothing changes: no new version, no event
        }
        const std::int64_t expected = current.version;
        next.version = expected + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateUser(next, expected));
        auto before = ToJson(current);
        auto after = ToJson(next);
        if (patch.password) {
            before["password"] = "(hidden)";
            after["password"] = "(changed)";
            // A new password ends every other session of the person (an admin's reset ends
            // them all); the session that made the change stays.
            TL_TRY(
                tx.RevokeSessionsOfUser(actor.workspace_id, id, self ? actor.token_id : "", now));
        }
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"user", id, "", "updated", std::move(before), std::move(after)});
    }));
    return next;
}

Result<MeView> Me(AppContext& ctx, const Actor& actor) {
    MeView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(view.user, tx.GetUser(actor.workspace_id, actor.user_id));
        TL_ASSIGN_OR_RETURN(view.workspace, tx.GetWorkspace(actor.workspace_id));
        TL_ASSIGN_OR_RETURN(auto assignments,
                            tx.ListRolesOfUser(actor.workspace_id, actor.user_id));
        std::map<std::string, std::vector<domain::Role>> by_product;
        for (const auto& a : assignments) {
            by_product[a.product_id].push_back(a.role);
        }
        for (auto& [product_id, roles] : by_product) {
            TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, product_id));
            std::sort(roles.begin(), roles.end());
            view.products.push_back({std::move(product), std::move(roles)});
        }
        return {};
    }));
    std::sort(view.products.begin(), view.products.end(), [](const auto& a, const auto& b) {
        return a.product.name < b.product.name;
    });
    // Land on the product where the person's most central role is; ties go by name.
    const ProductRoles* best = nullptr;
    for (const auto& pr : view.products) {
        if (!best ||
            domain::RoleWeight(pr.roles.front()) < domain::RoleWeight(best->roles.front())) {
            best = &pr;
        }
    }
    if (best) {
        view.home_product_id = best->product.id;
        view.home_page = std::string(domain::HomePageFor(best->roles));
    } else {
        view.home_page = actor.is_admin ? "admin" : "portfolio";
    }
    return view;
}

Result<domain::Workspace> ResolveWorkspace(AppContext& ctx,
                                           const std::string& wanted,
                                           const std::string& create_name) {
    domain::Workspace result;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
        if (!wanted.empty()) {
            for (const auto& w : all) {
                if (w.id == wanted || w.name == wanted) {
                    result = w;
                    return {};
                }
            }
            return Fail(NotFound("workspace \"" + wanted + "\""));
        }
        if (all.size() == 1) {
            result = all.front();
            return {};
        }
        if (all.size() > 1) {
            return Fail(MakeError(ErrorCode::kValidationFailed,
                                  "there are several workspaces; name one with --workspace"));
        }
        const std::int64_t now = ctx.clock.NowMs();
        result = domain::Workspace{NewId("wsp", now), create_name, now};
        TL_TRY(tx.InsertWorkspace(result));
        return RecordEvent(
            tx, result.id, "", now, {"workspace", result.id, "", "created", {}, ToJson(result)});
    }));
    return result;
}

Result<domain::Workspace> CreateWorkspace(AppContext& ctx, const std::string& name) {
    domain::Issues issues;
    domain::CheckLine(issues, "name", name, 1, domain::kMaxNameLength);
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    domain::Workspace result;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
        for (const auto& w : all) {
            if (w.name == name) {
                return Fail(Conflict("a workspace named \"" + name + "\" already exists"));
            }
        }
        const std::int64_t now = ctx.clock.NowMs();
        result = domain::Workspace{NewId("wsp", now), name, now};
        TL_TRY(tx.InsertWorkspace(result));
        return RecordEvent(
            tx, result.id, "", now, {"workspace", result.id, "", "created", {}, ToJson(result)});
    }));
    return result;
}

}  // namespace tl::app
