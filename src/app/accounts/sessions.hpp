// Sessions: log in with e-mail and password, log out, and resolve a presented secret (session
// or API token) to the Actor it stands for.
#pragma once

#include <string>
#include <string_view>

#include "app/context.hpp"
#include "domain/auth_token.hpp"
#include "domain/user.hpp"

namespace tl::app {

struct LoginInput {
    std::string email;
    std::string password;
    std::string address;  // client address, for rate limiting
};

struct LoginResult {
    std::string secret;  // shown once; only its hash is stored
    domain::AuthToken session;
    domain::User user;
};

// Errors: kUnauthenticated "wrong email or password" (the same for an unknown e-mail);
// kRateLimited with retry_after_seconds when the account or the address has failed too often
// within the window (checked before the password, so a locked account cannot be probed).
Result<LoginResult> Login(AppContext& ctx, const LoginInput& input);

// Revokes the session (or API token) the actor used.
Result<void> Logout(AppContext& ctx, const Actor& actor);

// kUnauthenticated when the secret is unknown, revoked, expired or idle too long.
// Refreshes last_used_at at most once per config.token_touch_interval_ms, unless `refresh` is
// false (a re-check that is not user activity, such as an open event stream's).
Result<Actor> Authenticate(AppContext& ctx, std::string_view secret, bool refresh = true);

// Deletes sessions and tokens that expired or were revoked more than a day ago.
Result<void> PurgeOldTokens(AppContext& ctx);

}  // namespace tl::app
