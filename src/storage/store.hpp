// Store: the persistence interface. app/ sees storage only through this header.
//
// Read() and Write() run a callback with a Tx. A Write is one transaction, committed when
// the callback returns success and rolled back when it returns an error (or throws). A Read
// sees committed data only; it is one snapshot on SQLite, but on PostgreSQL (READ COMMITTED,
// no BEGIN) each statement sees its own, so do not rely on a snapshot across a Read's
// queries. Every query is scoped by workspace_id. Driver failures come back as kUnavailable
// (busy, gone) or kInternal; uniqueness violations as kConflict. No driver type leaks out.
//
// Thread-safety: a Store is shared by all server threads; a Tx belongs to one thread for the
// duration of the callback.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_event.hpp"
#include "domain/auth_token.hpp"
#include "domain/product.hpp"
#include "domain/result.hpp"
#include "domain/role_assignment.hpp"
#include "domain/team.hpp"
#include "domain/user.hpp"
#include "domain/workspace.hpp"

namespace tl::storage {

// Keyset pagination: rows after `after` (an id, exclusive), at most `limit`.
struct Page {
    std::string after;
    int limit = 50;
};

struct EventFilter {
    std::string product_id;   // events of anything in this product
    std::string entity_type;  // with entity_id: the events of one object
    std::string entity_id;
    std::int64_t before_seq = 0;  // 0: newest first from the top
    int limit = 50;
};

// A role assignment with the person holding it.
struct RoleHolder {
    domain::RoleAssignment assignment;
    domain::User user;
};

struct LoginFailures {
    int count = 0;
    std::int64_t oldest_at = 0;  // of the failures counted
};

class Tx {
public:
    virtual ~Tx() = default;

    // Workspaces.
    virtual Result<void> InsertWorkspace(const domain::Workspace& w) = 0;
    virtual Result<domain::Workspace> GetWorkspace(const std::string& id) = 0;
    virtual Result<std::int64_t> CountWorkspaces() = 0;
    virtual Result<std::vector<domain::Workspace>> ListWorkspaces() = 0;

    // Users. E-mail is unique across the installation (kConflict).
    virtual Result<void> InsertUser(const domain::User& u) = 0;
    // Writes u with version u.version, where the stored version is `expected_version`;
    // kPreconditionFailed if it is not.
    virtual Result<void> UpdateUser(const domain::User& u, std::int64_t expected_version) = 0;
    virtual Result<domain::User> GetUser(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<std::optional<domain::User>> FindUserByEmail(const std::string& email) = 0;
    virtual Result<std::vector<domain::User>> ListUsers(const std::string& workspace_id,
                                                        const Page& page) = 0;

    // Sessions and API tokens.
    virtual Result<void> InsertToken(const domain::AuthToken& t) = 0;
    virtual Result<std::optional<domain::AuthToken>> FindTokenBySecretHash(
        const std::string& secret_hash) = 0;
    virtual Result<void> TouchToken(const std::string& id, std::int64_t now) = 0;
    virtual Result<void> RevokeToken(const std::string& workspace_id,
                                     const std::string& id,
                                     std::int64_t now) = 0;
    virtual Result<domain::AuthToken> GetToken(const std::string& workspace_id,
                                               const std::string& id) = 0;
    virtual Result<std::vector<domain::AuthToken>> ListApiTokens(const std::string& workspace_id,
                                                                 const std::string& user_id) = 0;
    // Revokes the user's live sessions except `keep_id` (may be empty); returns how many.
    virtual Result<std::int64_t> RevokeSessionsOfUser(const std::string& workspace_id,
                                                      const std::string& user_id,
                                                      const std::string& keep_id,
                                                      std::int64_t now) = 0;
    // Removes expired and revoked tokens older than `before`; returns how many.
    virtual Result<std::int64_t> PurgeTokens(std::int64_t before) = 0;

    // Failed logins, per key ("account:<email>", "address:<ip>"); shared by all nodes.
    virtual Result<void> RecordLoginFailure(const std::string& key, std::int64_t at) = 0;
    virtual Result<LoginFailures> CountLoginFailures(const std::string& key,
                                                     std::int64_t since) = 0;
    virtual Result<void> ClearLoginFailures(const std::string& key) = 0;

    // Products. The key is unique per workspace (kConflict).
    virtual Result<void> InsertProduct(const domain::Product& p) = 0;
    virtual Result<void> UpdateProduct(const domain::Product& p, std::int64_t expected_version) = 0;
    virtual Result<domain::Product> GetProduct(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // All products of the workspace, or (user_id set) those the user holds a role on.
    virtual Result<std::vector<domain::Product>> ListProducts(const std::string& workspace_id,
                                                              const std::string& user_id,
                                                              const Page& page) = 0;

    // Role assignments.
    virtual Result<void> InsertRoleAssignment(const domain::RoleAssignment& a) = 0;
    virtual Result<void> DeleteRoleAssignment(const std::string& workspace_id,
                                              const std::string& id) = 0;
    virtual Result<domain::RoleAssignment> GetRoleAssignment(const std::string& workspace_id,
                                                             const std::string& id) = 0;
    virtual Result<std::vector<domain::RoleAssignment>> ListRolesOfProduct(
        const std::string& workspace_id, const std::string& product_id) = 0;
    virtual Result<std::vector<domain::RoleAssignment>> ListRolesOfUser(
        const std::string& workspace_id, const std::string& user_id) = 0;
    // The assignments of a product with their users, in one query; ordered by role.
    virtual Result<std::vector<RoleHolder>> ListRoleHolders(const std::string& workspace_id,
                                                            const std::string& product_id) = 0;
    // How many products of the workspace the user is Product Owner of.
    virtual Result<std::int64_t> CountProductsOwnedBy(const std::string& workspace_id,
                                                      const std::string& user_id) = 0;

    // Teams, with their members.
    virtual Result<void> InsertTeam(const domain::Team& t) = 0;
    virtual Result<void> UpdateTeam(const domain::Team& t, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteTeam(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Team> GetTeam(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<std::vector<domain::Team>> ListTeams(const std::string& workspace_id,
                                                        const Page& page) = 0;

    // Serialises the writers that lock the same `scope` (e.g. "ranks:<product id>" while
    // rebalancing a backlog's rank keys) until this transaction ends, across every node: on
    // PostgreSQL a transaction advisory lock, on SQLite nothing more than the write
    // transaction, which already excludes every other writer.
    virtual Result<void> LockScope(const std::string& scope) = 0;

    // The event log. AppendEvent assigns e.seq. Within a workspace, sequence numbers become
    // visible in increasing order: a reader that has seen seq N never later finds a new event
    // below N (on PostgreSQL the append takes a per-workspace lock held until commit).
    virtual Result<void> AppendEvent(domain::AuditEvent& e) = 0;
    virtual Result<std::vector<domain::AuditEvent>> ListEvents(const std::string& workspace_id,
                                                               const EventFilter& filter) = 0;
    // The workspace's events after `after_seq`, oldest first, at most `limit`.
    virtual Result<std::vector<domain::AuditEvent>> ListEventsAfter(const std::string& workspace_id,
                                                                    std::int64_t after_seq,
                                                                    int limit) = 0;
    // The newest sequence number of the workspace's events; 0 when there are none.
    virtual Result<std::int64_t> LatestEventSeq(const std::string& workspace_id) = 0;
};

// Called with a workspace id after a transaction that appended events to that workspace
// commits, on this process or (PostgreSQL) on any node sharing the database. An empty id
// means "anything may have changed" (the notification channel was re-established and may
// have missed some). Called from a store thread: must be quick and must not throw.
using ChangeListener = std::function<void(const std::string& workspace_id)>;

class Store {
public:
    virtual ~Store() = default;

    // Applies the migrations this binary knows and the database lacks, each in its own
    // transaction, recording them in schema_migrations. Safe to run repeatedly.
    virtual Result<void> Migrate() = 0;
    // The schema versions applied, in order.
    virtual Result<std::vector<int>> AppliedMigrations() = 0;

    virtual Result<void> Read(const std::function<Result<void>(Tx&)>& fn) = 0;
    virtual Result<void> Write(const std::function<Result<void>(Tx&)>& fn) = 0;

    // "sqlite" or "postgres".
    virtual std::string Backend() const = 0;

    // Starts delivering change notifications to `listener`; an empty function stops them
    // (and waits until no call is in progress). Set it once before serving.
    virtual void SetChangeListener(ChangeListener listener) = 0;
};

}  // namespace tl::storage
