// AuthToken: a login session or a personal API token. Only a hash of the secret is kept.
#pragma once

#include <cstdint>
#include <string>

namespace tl::domain {

enum class TokenKind { kSession, kApi };

struct AuthToken {
    std::string id;
    std::string workspace_id;
    std::string user_id;
    TokenKind kind = TokenKind::kSession;
    std::string name;         // API tokens: what the owner called it
    std::string secret_hash;  // hex of a keyed hash of the secret
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;  // 0: never (API tokens may be open-ended)
    std::int64_t last_used_at = 0;
    std::int64_t revoked_at = 0;  // 0: not revoked
};

enum class TokenState { kValid, kRevoked, kExpired, kIdle };

// Sessions expire at expires_at and after `idle_ms` without use; API tokens only at
// expires_at (when set) or on revocation.
TokenState StateOf(const AuthToken& token, std::int64_t now_ms, std::int64_t idle_ms);

}  // namespace tl::domain
