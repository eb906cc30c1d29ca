#include "app/access.hpp"

namespace tl::app {

Result<std::vector<domain::Role>> RolesOn(storage::Tx& tx,
                                          const Actor& actor,
                                          const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto assignments, tx.ListRolesOfUser(actor.workspace_id, actor.user_id));
    return RolesIn(assignments, product_id);
}

std::vector<domain::Role> RolesIn(const std::vector<domain::RoleAssignment>& assignments,
                                  const std::string& product_id) {
    std::vector<domain::Role> roles;
    for (const auto& a : assignments) {
        if (a.product_id == product_id) {
            roles.push_back(a.role);
        }
    }
    return roles;
}

bool MayReadAccount(const Actor& actor, const std::string& user_id) {
    return actor.is_admin || actor.user_id == user_id;
}

Result<domain::Product> AuthorizeProduct(storage::Tx& tx,
                                         const Actor& actor,
                                         const std::string& product_id,
                                         domain::Action action,
                                         std::vector<domain::Role>* roles_out) {
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, product_id));
    TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, product_id));
    if (!domain::Allows(roles, actor.is_admin, action)) {
        if (roles.empty() && !actor.is_admin) {
            return Fail(Forbidden("you hold no role on this product"));
        }
        return Fail(Forbidden("your role on this product does not allow " +
                              std::string(domain::ToString(action))));
    }
    if (roles_out) {
        *roles_out = std::move(roles);
    }
    return product;
}

Result<void> RequireAdmin(const Actor& actor) {
    if (!actor.is_admin) {
        return Fail(Forbidden("only a workspace administrator may do this"));
    }
    return {};
}

Result<domain::Product> AuthorizeObjectIn(storage::Tx& tx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          domain::Action action,
                                          const std::string& what,
                                          std::vector<domain::Role>* roles_out) {
    auto product = AuthorizeProduct(tx, actor, product_id, action, roles_out);
    if (!product && product.error().code == ErrorCode::kForbidden && !actor.is_admin) {
        TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, product_id));
        if (roles.empty()) {
            return Fail(NotFound(what));
        }
    }
    return product;
}

}  // namespace tl::app
