// Workspaces, users, sessions and API tokens, failed-login counters.
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kInsertWorkspace =
    "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)";
constexpr std::string_view kSelectWorkspace =
    "SELECT id, name, created_at FROM workspaces WHERE id = ?";
constexpr std::string_view kCountWorkspaces = "SELECT COUNT(*) FROM workspaces";
constexpr std::string_view kListWorkspaces =
    "SELECT id, name, created_at FROM workspaces ORDER BY created_at, id";

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, workspace_id, email, name, password_hash, is_admin, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET email = ?, name = ?, password_hash = ?, is_admin = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kSelectUser =
    "SELECT id, workspace_id, email, name, password_hash, is_admin, version, created_at, "
    "updated_at FROM users WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kSelectUserByEmail =
    "SELECT id, workspace_id, email, name, password_hash, is_admin, version, created_at, "
    "updated_at FROM users WHERE email = ?";
constexpr std::string_view kListUsers =
    "SELECT id, workspace_id, email, name, password_hash, is_admin, version, created_at, "
    "updated_at FROM users WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?";

constexpr std::string_view kInsertToken =
    "INSERT INTO auth_tokens (id, workspace_id, user_id, kind, name, secret_hash, created_at, "
    "expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectTokenByHash =
    "SELECT id, workspace_id, user_id, kind, name, secret_hash, created_at, expires_at, "
    "last_used_at, revoked_at FROM auth_tokens WHERE secret_hash = ?";
constexpr std::string_view kSelectToken =
    "SELECT id, workspace_id, user_id, kind, name, secret_hash, created_at, expires_at, "
    "last_used_at, revoked_at FROM auth_tokens WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kListApiTokens =
    "SELECT id, workspace_id, user_id, kind, name, secret_hash, created_at, expires_at, "
    "last_used_at, revoked_at FROM auth_tokens WHERE workspace_id = ? AND user_id = ? "
    "AND kind = 'api' AND revoked_at = 0 ORDER BY id";
constexpr std::string_view kTouchToken = "UPDATE auth_tokens SET last_used_at = ? WHERE id = ?";
constexpr std::string_view kRevokeToken =
    "UPDATE auth_tokens SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at = 0";
constexpr std::string_view kRevokeSessionsOfUser =
    "UPDATE auth_tokens SET revoked_at = ? WHERE workspace_id = ? AND user_id = ? "
    "AND kind = 'session' AND revoked_at = 0 AND id <> ?";
constexpr std::string_view kPurgeTokens =
    "DELETE FROM auth_tokens WHERE (revoked_at <> 0 AND revoked_at < ?) "
    "OR (expires_at <> 0 AND expires_at < ?)";

constexpr std::string_view kInsertLoginFailure =
    "INSERT INTO login_failures (failure_key, at) VALUES (?, ?)";
constexpr std::string_view kCountLoginFailures =
    "SELECT COUNT(*), MIN(at) FROM login_failures WHERE failure_key = ? AND at >= ?";
constexpr std::string_view kClearLoginFailures = "DELETE FROM login_failures WHERE failure_key = ?";
constexpr std::string_view kPruneLoginFailures =
    "DELETE FROM login_failures WHERE failure_key = ? AND at < ?";

domain::AuthToken TokenFromRow(const SqlRow& r) {
    domain::AuthToken t;
    t.id = r.Text(0);
    t.workspace_id = r.Text(1);
    t.user_id = r.Text(2);
    t.kind = r.Text(3) == "api" ? domain::TokenKind::kApi : domain::TokenKind::kSession;
    t.name = r.Text(4);
    t.secret_hash = r.Text(5);
    t.created_at = r.Int(6);
    t.expires_at = r.Int(7);
    t.last_used_at = r.Int(8);
    t.revoked_at = r.Int(9);
    return t;
}

}  // namespace

domain::User UserFromRow(const SqlRow& r, std::size_t first) {
    domain::User u;
    u.id = r.Text(first + 0);
    u.workspace_id = r.Text(first + 1);
    u.email = r.Text(first + 2);
    u.name = r.Text(first + 3);
    u.password_hash = r.Text(first + 4);
    u.is_admin = r.Int(first + 5) != 0;
    u.version = r.Int(first + 6);
    u.created_at = r.Int(first + 7);
    u.updated_at = r.Int(first + 8);
    return u;
}

Result<void> CheckVersionedUpdate(std::int64_t changed, bool exists, const std::string& what) {
    if (changed == 1) {
        return {};
    }
    if (!exists) {
        return Fail(NotFound(what));
    }
    return Fail(MakeError(ErrorCode::kPreconditionFailed,
                          what + " was changed by someone else; reload and try again"));
}

Result<void> SqlTx::InsertWorkspace(const domain::Workspace& w) {
    TL_TRY(conn_.Execute(kInsertWorkspace, {w.id, w.name, w.created_at}));
    return {};
}

Result<domain::Workspace> SqlTx::GetWorkspace(const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectWorkspace, {id}));
    if (rows.empty()) {
        return Fail(NotFound("workspace"));
    }
    return domain::Workspace{rows[0].Text(0), rows[0].Text(1), rows[0].Int(2)};
}

Result<std::int64_t> SqlTx::CountWorkspaces() {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountWorkspaces, {}));
    return rows[0].Int(0);
}

Result<std::vector<domain::Workspace>> SqlTx::ListWorkspaces() {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListWorkspaces, {}));
    std::vector<domain::Workspace> out;
    for (const auto& r : rows) {
        out.push_back(domain::Workspace{r.Text(0), r.Text(1), r.Int(2)});
    }
    return out;
}

Result<void> SqlTx::InsertUser(const domain::User& u) {
    auto r = conn_.Execute(kInsertUser,
                           {u.id,
                            u.workspace_id,
                            u.email,
                            u.name,
                            u.password_hash,
                            std::int64_t{u.is_admin ? 1 : 0},
                            u.version,
                            u.created_at,
                            u.updated_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        Error e = Conflict("a user with this e-mail address already exists");
        e.details.push_back({"email", "is already taken"});
        return Fail(std::move(e));
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::UpdateUser(const domain::User& u, std::int64_t expected_version) {
    auto changed = conn_.Execute(kUpdateUser,
                                 {u.email,
                                  u.name,
                                  u.password_hash,
                                  std::int64_t{u.is_admin ? 1 : 0},
                                  u.version,
                                  u.updated_at,
                                  u.workspace_id,
                                  u.id,
                                  expected_version});
    if (!changed && changed.error().code == ErrorCode::kConflict) {
        Error e = Conflict("a user with this e-mail address already exists");
        e.details.push_back({"email", "is already taken"});
        return Fail(std::move(e));
    }
    TL_TRY(changed);
    if (*changed == 1) {
        return {};
    }
    return CheckVersionedUpdate(*changed, GetUser(u.workspace_id, u.id).has_value(), "user");
}

Result<domain::User> SqlTx::GetUser(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectUser, {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("user"));
    }
    return UserFromRow(rows[0]);
}

Result<std::optional<domain::User>> SqlTx::FindUserByEmail(const std::string& email) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectUserByEmail, {email}));
    if (rows.empty()) {
        return std::optional<domain::User>();
    }
    return std::optional<domain::User>(UserFromRow(rows[0]));
}

Result<std::vector<domain::User>> SqlTx::ListUsers(const std::string& workspace_id,
                                                   const Page& page) {
    TL_ASSIGN_OR_RETURN(
        auto rows, conn_.Query(kListUsers, {workspace_id, page.after, std::int64_t{page.limit}}));
    std::vector<domain::User> users;
    users.reserve(rows.size());
    for (const auto& r : rows) {
        users.push_back(UserFromRow(r));
    }
    return users;
}

Result<void> SqlTx::InsertToken(const domain::AuthToken& t) {
    TL_TRY(conn_.Execute(kInsertToken,
                         {t.id,
                          t.workspace_id,
                          t.user_id,
                          std::string(t.kind == domain::TokenKind::kApi ? "api" : "session"),
                          t.name,
                          t.secret_hash,
                          t.created_at,
                          t.expires_at,
                          t.last_used_at,
                          t.revoked_at}));
    return {};
}

Result<std::optional<domain::AuthToken>> SqlTx::FindTokenBySecretHash(
    const std::string& secret_hash) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectTokenByHash, {secret_hash}));
    if (rows.empty()) {
        return std::optional<domain::AuthToken>();
    }
    return std::optional<domain::AuthToken>(TokenFromRow(rows[0]));
}

Result<void> SqlTx::TouchToken(const std::string& id, std::int64_t now) {
    TL_TRY(conn_.Execute(kTouchToken, {now, id}));
    return {};
}

Result<void> SqlTx::RevokeToken(const std::string& workspace_id,
                                const std::string& id,
                                std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto changed, conn_.Execute(kRevokeToken, {now, workspace_id, id}));
    if (changed == 0) {
        return Fail(NotFound("token"));
    }
    return {};
}

Result<domain::AuthToken> SqlTx::GetToken(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectToken, {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("token"));
    }
    return TokenFromRow(rows[0]);
}

Result<std::vector<domain::AuthToken>> SqlTx::ListApiTokens(const std::string& workspace_id,
                                                            const std::string& user_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListApiTokens, {workspace_id, user_id}));
    std::vector<domain::AuthToken> tokens;
    for (const auto& r : rows) {
        tokens.push_back(TokenFromRow(r));
    }
    return tokens;
}

Result<std::int64_t> SqlTx::RevokeSessionsOfUser(const std::string& workspace_id,
                                                 const std::string& user_id,
                                                 const std::string& keep_id,
                                                 std::int64_t now) {
    return conn_.Execute(kRevokeSessionsOfUser, {now, workspace_id, user_id, keep_id});
}

Result<std::int64_t> SqlTx::PurgeTokens(std::int64_t before) {
    return conn_.Execute(kPurgeTokens, {before, before});
}

Result<void> SqlTx::RecordLoginFailure(const std::string& key, std::int64_t at) {
    TL_TRY(conn_.Execute(kInsertLoginFailure, {key, at}));
    return {};
}

Result<LoginFailures> SqlTx::CountLoginFailures(const std::string& key, std::int64_t since) {
    // Old failures no longer count; drop them so the table stays small.
    TL_TRY(conn_.Execute(kPruneLoginFailures, {key, since}));
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountLoginFailures, {key, since}));
    return LoginFailures{static_cast<int>(rows[0].Int(0)), rows[0].Int(1)};
}

Result<void> SqlTx::ClearLoginFailures(const std::string& key) {
    TL_TRY(conn_.Execute(kClearLoginFailures, {key}));
    return {};
}

}  // namespace tl::storage
