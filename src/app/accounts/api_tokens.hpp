// Personal API tokens: created by their owner (or for a user from the command line), listed,
// revoked. The secret is returned once at creation; only its hash is kept.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/auth_token.hpp"

namespace tl::app {

struct NewApiToken {
    std::string name;
    std::int64_t expires_in_days = 0;  // 0: does not expire
    domain::Issues issues;
};

inline constexpr std::int64_t kMaxTokenDays = 3650;

struct CreatedToken {
    std::string secret;
    domain::AuthToken token;
};

Result<CreatedToken> CreateApiToken(AppContext& ctx, const Actor& actor, const NewApiToken& input);
// For the command line: a token for the user with that e-mail.
Result<CreatedToken> CreateApiTokenForEmail(AppContext& ctx,
                                            const std::string& email,
                                            const NewApiToken& input);
Result<std::vector<domain::AuthToken>> ListApiTokens(AppContext& ctx, const Actor& actor);
// One's own tokens only; kNotFound for anybody else's.
Result<void> RevokeApiToken(AppContext& ctx, const Actor& actor, const std::string& id);

}  // namespace tl::app
