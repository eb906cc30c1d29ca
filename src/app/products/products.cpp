#include "app/products/products.hpp"

#include <algorithm>
#include <map>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"

namespace tl::app {
namespace {

// Fills roles (with their users) and warnings of a product inside a transaction.
Result<ProductView> LoadView(storage::Tx& tx, const domain::Product& product) {
    ProductView view;
    view.product = product;
    TL_ASSIGN_OR_RETURN(auto holders, tx.ListRoleHolders(product.workspace_id, product.id));
    std::vector<domain::RoleAssignment> assignments;
    std::int64_t owned = 0;
    std::string owner_name;
    for (auto& h : holders) {
        if (h.assignment.role == domain::Role::kProductOwner) {
            TL_ASSIGN_OR_RETURN(owned, tx.CountProductsOwnedBy(product.workspace_id, h.user.id));
            owner_name = h.user.name;
        }
        assignments.push_back(h.assignment);
        view.roles.push_back({std::move(h.assignment), std::move(h.user)});
    }
    view.warnings = domain::RoleWarningsFor(assignments, static_cast<int>(owned), owner_name);
    return view;
}

void Apply(const ProductInput& input, domain::Product& p) {
    if (input.key) {
        p.key = *input.key;
    }
    if (input.name) {
        p.name = *input.name;
    }
    if (input.description) {
        p.description = *input.description;
    }
    if (input.stage) {
        p.stage = *input.stage;
    }
}

Result<domain::Product> Insert(AppContext& ctx,
                               const std::string& workspace_id,
                               const std::string& actor_id,
                               const ProductInput& input) {
    domain::Issues issues = input.issues;
    if (!input.key) {
        issues.push_back({"key", "is required"});
    }
    if (!input.name) {
        issues.push_back({"name", "is required"});
    }
    const std::int64_t now = ctx.clock.NowMs();
    domain::Product p;
    p.workspace_id = workspace_id;
    Apply(input, p);
    if (input.key && input.name) {
        for (auto& issue : domain::ValidateProduct(p)) {
            issues.push_back(std::move(issue));
        }
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    p.id = NewId("prd", now);
    p.created_at = now;
    p.updated_at = now;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertProduct(p));
        return RecordEvent(
            tx, workspace_id, actor_id, now, {"product", p.id, p.id, "created", {}, ToJson(p)});
    }));
    return p;
}

Result<domain::User> LoadUser(storage::Tx& tx,
                              const std::string& workspace_id,
                              const std::string& user_id) {
    auto user = tx.GetUser(workspace_id, user_id);
    if (!user && user.error().code == ErrorCode::kNotFound) {
        return Fail(ValidationFailed({{"user_id", "no such user in this workspace"}}));
    }
    return user;
}

Result<domain::RoleAssignment> InsertRole(storage::Tx& tx,
                                          const std::string& workspace_id,
                                          const std::string& actor_id,
                                          const std::string& product_id,
                                          const std::string& user_id,
                                          domain::Role role,
                                          std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto existing, tx.ListRolesOfProduct(workspace_id, product_id));
    domain::RoleAssignment a;
    a.id = NewId("rol", now);
    a.workspace_id = workspace_id;
    a.product_id = product_id;
    a.user_id = user_id;
    a.role = role;
    a.created_at = now;
    TL_TRY(domain::CheckAssignment(existing, a));
    TL_TRY(tx.InsertRoleAssignment(a));
    TL_TRY(RecordEvent(tx,
                       workspace_id,
                       actor_id,
                       now,
                       {"role_assignment", a.id, product_id, "created", {}, ToJson(a)}));
    return a;
}

}  // namespace

Result<ProductView> CreateProduct(AppContext& ctx, const Actor& actor, const ProductInput& input) {
    TL_TRY(RequireAdmin(actor));
    TL_ASSIGN_OR_RETURN(auto product, Insert(ctx, actor.workspace_id, actor.user_id, input));
    return GetProduct(ctx, actor, product.id);
}

Result<domain::Product> CreateProductAsSystem(AppContext& ctx,
                                              const std::string& workspace_id,
                                              const ProductInput& input) {
    return Insert(ctx, workspace_id, "", input);
}

Result<ProductView> GetProduct(AppContext& ctx, const Actor& actor, const std::string& id) {
    ProductView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> mine;
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, id, domain::Action::kProductRead, &mine));
        TL_ASSIGN_OR_RETURN(view, LoadView(tx, product));
        view.my_roles = std::move(mine);
        return {};
    }));
    return view;
}

Result<std::vector<ProductView>> ListProducts(AppContext& ctx,
                                              const Actor& actor,
                                              const storage::Page& page) {
    std::vector<ProductView> views;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto products,
            tx.ListProducts(
                actor.workspace_id, actor.is_admin ? std::string() : actor.user_id, page));
        for (const auto& p : products) {
            TL_ASSIGN_OR_RETURN(auto view, LoadView(tx, p));
            for (const auto& r : view.roles) {
                if (r.assignment.user_id == actor.user_id) {
                    view.my_roles.push_back(r.assignment.role);
                }
            }
            views.push_back(std::move(view));
        }
        return {};
    }));
    return views;
}

Result<ProductView> UpdateProduct(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const ProductInput& input,
                                  std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current,
                            AuthorizeProduct(tx, actor, id, domain::Action::kProductEdit));
        domain::Product next = current;
        Apply(input, next);
        domain::Issues issues = input.issues;
        for (auto& issue : domain::ValidateProduct(next)) {
            issues.push_back(std::move(issue));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the product was changed since version " + std::to_string(*if_match)));
        }
        if (Diff(ToJson(current), ToJson(next)).empty()) {
            return {};  // nothing changes: no new version, no event
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateProduct(next, current.version));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"product", id, id, "updated", ToJson(current), ToJson(next)});
    }));
    return GetProduct(ctx, actor, id);
}

Result<AssignmentView> AssignRole(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const RoleInput& input) {
    AssignmentView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kWorkspaceAdmin));
        domain::Issues issues = input.issues;
        if (input.user_id.empty()) {
            issues.push_back({"user_id", "is required"});
        }
        if (!input.role) {
            issues.push_back({"role", "is required"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(view.user, LoadUser(tx, actor.workspace_id, input.user_id));
        TL_ASSIGN_OR_RETURN(view.assignment,
                            InsertRole(tx,
                                       actor.workspace_id,
                                       actor.user_id,
                                       product_id,
                                       input.user_id,
                                       *input.role,
                                       now));
        return {};
    }));
    return view;
}

Result<void> AssignRoleAsSystem(AppContext& ctx,
                                const std::string& workspace_id,
                                const std::string& product_id,
                                const std::string& user_id,
                                domain::Role role) {
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(InsertRole(tx, workspace_id, "", product_id, user_id, role, ctx.clock.NowMs()));
        return {};
    });
}

Result<void> RemoveRole(AppContext& ctx,
                        const Actor& actor,
                        const std::string& product_id,
                        const std::string& assignment_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kWorkspaceAdmin));
        TL_ASSIGN_OR_RETURN(auto a, tx.GetRoleAssignment(actor.workspace_id, assignment_id));
        if (a.product_id != product_id) {
            return Fail(NotFound("role assignment"));
        }
        TL_TRY(tx.DeleteRoleAssignment(actor.workspace_id, assignment_id));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"role_assignment", a.id, product_id, "deleted", ToJson(a), {}});
    });
}

Result<std::vector<AssignmentView>> ListRoles(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto view, GetProduct(ctx, actor, product_id));
    return std::move(view.roles);
}

}  // namespace tl::app
