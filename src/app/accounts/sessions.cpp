#include "app/accounts/sessions.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "domain/validation.hpp"

namespace tl::app {
namespace {

// Verifying against this keeps an unknown e-mail as slow as a wrong password.
const std::string& DummyHash() {
    static const std::string kHash = HashPassword("not a real password").value();
    return kHash;
}

Error WrongCredentials() {
    return MakeError(ErrorCode::kUnauthenticated, "wrong email or password");
}

Error TooManyAttempts(std::int64_t retry_after_ms) {
    Error e = MakeError(ErrorCode::kRateLimited, "too many failed logins; try again later");
    e.retry_after_seconds =
        static_cast<int>(std::max<std::int64_t>(1, (retry_after_ms + 999) / 1000));
    return e;
}

}  // namespace

Result<LoginResult> Login(AppContext& ctx, const LoginInput& input) {
    const std::string email = domain::NormalizeEmail(input.email);
    const std::string account_key = "account:" + email;
    const std::string address_key = "address:" + input.address;
    const std::int64_t now = ctx.clock.NowMs();
    // A failure counts while it is younger than the window.
    const std::int64_t since = now - ctx.config.login_window_ms + 1;

    // 1. Refuse early when either counter is over its limit.
    std::optional<domain::User> user;
    Result<void> gate = ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto account, tx.CountLoginFailures(account_key, since));
        TL_ASSIGN_OR_RETURN(auto address, tx.CountLoginFailures(address_key, since));
        if (account.count >= ctx.config.login_max_failures_account) {
            return Fail(TooManyAttempts(account.oldest_at + ctx.config.login_window_ms - now));
        }
        if (address.count >= ctx.config.login_max_failures_address) {
            return Fail(TooManyAttempts(address.oldest_at + ctx.config.login_window_ms - now));
        }
        TL_ASSIGN_OR_RETURN(user, tx.FindUserByEmail(email));
        return {};
    });
    TL_TRY(gate);

    // 2. The slow hash runs outside any transaction.
    bool ok = user ? VerifyPassword(input.password, user->password_hash)
                   : (VerifyPassword(input.password, DummyHash()), false);

    // 3. Record the outcome.
    LoginResult result;
    Result<void> done = ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        if (!ok) {
            TL_TRY(tx.RecordLoginFailure(account_key, now));
            TL_TRY(tx.RecordLoginFailure(address_key, now));
            return {};
        }
        TL_TRY(tx.ClearLoginFailures(account_key));
        result.secret = NewSecret("tls");
        result.session.id = NewId("ses", now);
        result.session.workspace_id = user->workspace_id;
        result.session.user_id = user->id;
        result.session.kind = domain::TokenKind::kSession;
        result.session.name = "web session";
        result.session.secret_hash = HashSecret(result.secret);
        result.session.created_at = now;
        result.session.expires_at = now + ctx.config.session_ttl_ms;
        result.session.last_used_at = now;
        TL_TRY(tx.InsertToken(result.session));
        result.user = *user;
        return {};
    });
    TL_TRY(done);
    if (!ok) {
        return Fail(WrongCredentials());
    }
    return result;
}

Result<void> Logout(AppContext& ctx, const Actor& actor) {
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        return tx.RevokeToken(actor.workspace_id, actor.token_id, ctx.clock.NowMs());
    });
}

Result<Actor> Authenticate(AppContext& ctx, std::string_view secret, bool refresh) {
    const Error unauthenticated =
        MakeError(ErrorCode::kUnauthenticated, "missing, expired or revoked credentials");
    if (secret.empty() || secret.size() > 200) {
        return Fail(unauthenticated);
    }
    const std::string hash = HashSecret(secret);
    const std::int64_t now = ctx.clock.NowMs();
    Actor actor;
    bool touch = false;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto token, tx.FindTokenBySecretHash(hash));
        if (!token || domain::StateOf(*token, now, ctx.config.session_idle_ms) !=
                          domain::TokenState::kValid) {
            return Fail(unauthenticated);
        }
        TL_ASSIGN_OR_RETURN(auto user, tx.GetUser(token->workspace_id, token->user_id));
        actor.user_id = user.id;
        actor.workspace_id = user.workspace_id;
        actor.name = user.name;
        actor.email = user.email;
        actor.is_admin = user.is_admin;
        actor.token_id = token->id;
        // Refresh often enough that a session in use never reaches its idle limit.
        const std::int64_t interval =
            std::min(ctx.config.token_touch_interval_ms, ctx.config.session_idle_ms / 2);
        touch = refresh && now - token->last_used_at >= interval;
        return {};
    }));
    if (touch) {
        TL_TRY(ctx.store.Write(
            [&](storage::Tx& tx) -> Result<void> { return tx.TouchToken(actor.token_id, now); }));
    }
    return actor;
}

Result<void> PurgeOldTokens(AppContext& ctx) {
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.PurgeTokens(ctx.clock.NowMs() - 86'400'000));
        return {};
    });
}

}  // namespace tl::app
