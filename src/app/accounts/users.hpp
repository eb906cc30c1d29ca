// Users and the workspace: create (admin), read, update (admin, or oneself for name,
// e-mail and password), and the "me" view that drives the web app's landing page.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/role.hpp"
#include "domain/user.hpp"
#include "domain/workspace.hpp"

namespace tl::app {

struct NewUser {
    std::string email;
    std::string name;
    std::string password;
    bool is_admin = false;
    domain::Issues issues;  // problems found while reading the input (types, unknown fields)
    // Set by the demo seed only: an argon2id hash of `password` made once for many users.
    std::string password_hash;
};

struct UserPatch {
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::optional<std::string> password;
    std::optional<std::string> current_password;  // required to change one's own password
    std::optional<bool> is_admin;
    domain::Issues issues;
};

// Admin only. kValidationFailed with every bad field; kConflict when the e-mail is taken.
Result<domain::User> CreateUser(AppContext& ctx, const Actor& actor, const NewUser& input);

// For the command line and the demo seed: no actor, no password policy when
// `enforce_password_policy` is false (the demo's password "demo" is short on purpose).
Result<domain::User> CreateUserAsSystem(AppContext& ctx,
                                        const std::string& workspace_id,
                                        const NewUser& input,
                                        bool enforce_password_policy);

Result<domain::User> GetUser(AppContext& ctx, const Actor& actor, const std::string& id);
Result<std::vector<domain::User>> ListUsers(AppContext& ctx,
                                            const Actor& actor,
                                            const storage::Page& page);

// Admins may change anything of anyone (but not remove their own admin flag); others only
// their own name, e-mail and password (with current_password). A password change revokes the
// user's other sessions (all of them when an admin resets it). kPreconditionFailed when
// `if_match` names a stale version.
Result<domain::User> UpdateUser(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const UserPatch& patch,
                                std::optional<std::int64_t> if_match);

struct ProductRoles {
    domain::Product product;
    std::vector<domain::Role> roles;
};

struct MeView {
    domain::User user;
    domain::Workspace workspace;
    std::vector<ProductRoles> products;  // by name
    std::string home_product_id;         // empty when the user holds no product role
    std::string home_page;               // see domain::HomePageFor; "admin" for bare admins
};

Result<MeView> Me(AppContext& ctx, const Actor& actor);

// The workspace to add users to from the command line: the one named (by id or name), the
// only one, or a new one called `create_name` when there is none.
Result<domain::Workspace> ResolveWorkspace(AppContext& ctx,
                                           const std::string& wanted,
                                           const std::string& create_name);
// A new workspace; kConflict when one of that name exists.
Result<domain::Workspace> CreateWorkspace(AppContext& ctx, const std::string& name);

}  // namespace tl::app
