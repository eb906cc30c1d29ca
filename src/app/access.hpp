// Authorisation for use cases: the role matrix applied to the actor's roles on a product.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/role.hpp"
#include "domain/role_assignment.hpp"

namespace tl::app {

// Loads the product from the actor's workspace and checks `action` against the actor's roles
// on it. kNotFound when it is absent or in another workspace (no existence leak);
// kForbidden when the actor's roles do not allow the action. `roles_out`, when given,
// receives the actor's roles on the product.
Result<domain::Product> AuthorizeProduct(storage::Tx& tx,
                                         const Actor& actor,
                                         const std::string& product_id,
                                         domain::Action action,
                                         std::vector<domain::Role>* roles_out = nullptr);

// kForbidden unless the actor is a workspace admin.
Result<void> RequireAdmin(const Actor& actor);

// The actor's roles on a product (possibly none).
Result<std::vector<domain::Role>> RolesOn(storage::Tx& tx,
                                          const Actor& actor,
                                          const std::string& product_id);
// The roles among `assignments` (one user's) that are on `product_id`.
std::vector<domain::Role> RolesIn(const std::vector<domain::RoleAssignment>& assignments,
                                  const std::string& product_id);

// Whether the actor may read what concerns the account `user_id` (its history, its events):
// the account's own user and the workspace admins.
bool MayReadAccount(const Actor& actor, const std::string& user_id);

// AuthorizeProduct for an object inside the product (a release, a test case): an actor with no
// role there and no admin flag gets kNotFound(`what`), so the object's existence does not leak.
Result<domain::Product> AuthorizeObjectIn(storage::Tx& tx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          domain::Action action,
                                          const std::string& what,
                                          std::vector<domain::Role>* roles_out = nullptr);

}  // namespace tl::app
