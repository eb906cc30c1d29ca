#include "domain/auth_token.hpp"

namespace tl::domain {

TokenState StateOf(const AuthToken& token, std::int64_t now_ms, std::int64_t idle_ms) {
    if (token.revoked_at != 0) {
        return TokenState::kRevoked;
    }
    if (token.expires_at != 0 && now_ms >= token.expires_at) {
        return TokenState::kExpired;
    }
    if (token.kind == TokenKind::kSession && now_ms - token.last_used_at >= idle_ms) {
        return TokenState::kIdle;
    }
    return TokenState::kValid;
}

}  // namespace tl::domain
