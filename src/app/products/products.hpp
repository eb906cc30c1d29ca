// Products and their role assignments. Reading needs a role on the product (or the admin
// flag); creating a product and assigning roles is the workspace admin's; editing a
// product's name, description and life-cycle stage is the PM's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/product.hpp"
#include "domain/role_assignment.hpp"
#include "domain/user.hpp"

namespace tl::app {

struct AssignmentView {
    domain::RoleAssignment assignment;
    domain::User user;
};

struct ProductView {
    domain::Product product;
    std::vector<AssignmentView> roles;
    std::vector<domain::RoleWarning> warnings;
    std::vector<domain::Role> my_roles;
};

struct ProductInput {
    std::optional<std::string> key;
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<domain::LifecycleStage> stage;
    domain::Issues issues;  // problems found while reading the input
};

Result<ProductView> CreateProduct(AppContext& ctx, const Actor& actor, const ProductInput& input);
// As the system (demo seed): no actor.
Result<domain::Product> CreateProductAsSystem(AppContext& ctx,
                                              const std::string& workspace_id,
                                              const ProductInput& input);
Result<ProductView> GetProduct(AppContext& ctx, const Actor& actor, const std::string& id);
// Products the actor holds a role on; all of the workspace for an admin.
Result<std::vector<ProductView>> ListProducts(AppContext& ctx,
                                              const Actor& actor,
                                              const storage::Page& page);
Result<ProductView> UpdateProduct(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const ProductInput& input,
                                  std::optional<std::int64_t> if_match);

struct RoleInput {
    std::string user_id;
    std::optional<domain::Role> role;
    domain::Issues issues;
};

Result<AssignmentView> AssignRole(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const RoleInput& input);
// As the system (demo seed).
Result<void> AssignRoleAsSystem(AppContext& ctx,
                                const std::string& workspace_id,
                                const std::string& product_id,
                                const std::string& user_id,
                                domain::Role role);
Result<void> RemoveRole(AppContext& ctx,
                        const Actor& actor,
                        const std::string& product_id,
                        const std::string& assignment_id);
Result<std::vector<AssignmentView>> ListRoles(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id);

}  // namespace tl::app
