#include "app/accounts/api_tokens.hpp"

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/validation.hpp"

namespace tl::app {
namespace {

Result<CreatedToken> Insert(AppContext& ctx,
                            const domain::User& owner,
                            const std::string& actor_id,
                            const NewApiToken& input) {
    domain::Issues issues = input.issues;
    domain::CheckLine(issues, "name", input.name, 1, 100);
    if (input.expires_in_days < 0 || input.expires_in_days > kMaxTokenDays) {
        issues.push_back(
            {"expires_in_days", "must be between 0 (never) and " + std::to_string(kMaxTokenDays)});
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    const std::int64_t now = ctx.clock.NowMs();
    CreatedToken created;
    created.secret = NewSecret("tlp");
    auto& t = created.token;
    t.id = NewId("tok", now);
    t.workspace_id = owner.workspace_id;
    t.user_id = owner.id;
    t.kind = domain::TokenKind::kApi;
    t.name = input.name;
    t.secret_hash = HashSecret(created.secret);
    t.created_at = now;
    t.expires_at = input.expires_in_days > 0 ? now + input.expires_in_days * 86'400'000 : 0;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertToken(t));
        return RecordEvent(tx,
                           owner.workspace_id,
                           actor_id,
                           now,
                           {"api_token", t.id, "", "created", {}, ToJson(t)});
    }));
    return created;
}

}  // namespace

Result<CreatedToken> CreateApiToken(AppContext& ctx, const Actor& actor, const NewApiToken& input) {
    domain::User owner;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(owner, tx.GetUser(actor.workspace_id, actor.user_id));
        return {};
    }));
    return Insert(ctx, owner, actor.user_id, input);
}

Result<CreatedToken> CreateApiTokenForEmail(AppContext& ctx,
                                            const std::string& email,
                                            const NewApiToken& input) {
    std::optional<domain::User> owner;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(owner, tx.FindUserByEmail(domain::NormalizeEmail(email)));
        return {};
    }));
    if (!owner) {
        return Fail(NotFound("user with e-mail " + email));
    }
    return Insert(ctx, *owner, "", input);
}

Result<std::vector<domain::AuthToken>> ListApiTokens(AppContext& ctx, const Actor& actor) {
    std::vector<domain::AuthToken> tokens;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(tokens, tx.ListApiTokens(actor.workspace_id, actor.user_id));
        return {};
    }));
    return tokens;
}

Result<void> RevokeApiToken(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto token, tx.GetToken(actor.workspace_id, id));
        if (token.user_id != actor.user_id || token.kind != domain::TokenKind::kApi ||
            token.revoked_at != 0) {
            return Fail(NotFound("token"));
        }
        TL_TRY(tx.RevokeToken(actor.workspace_id, id, now));
        auto after = ToJson(token);
        after["revoked_at"] = FormatTime(now);
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"api_token", id, "", "revoked", ToJson(token), std::move(after)});
    });
}

}  // namespace tl::app
