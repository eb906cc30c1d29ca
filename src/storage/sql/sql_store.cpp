#include "storage/sql/sql_store.hpp"

#include <exception>
#include <string>

#include "storage/migrations.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectMigrations =
    "SELECT version FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)";

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<ConnectionFactory> factory,
                   const std::vector<Migration>& migrations,
                   std::size_t max_connections)
    : factory_(std::move(factory)),
      migrations_(migrations),
      max_connections_(max_connections == 0 ? 1 : max_connections) {}

SqlStore::~SqlStore() { SetChangeListener({}); }

std::string SqlStore::Backend() const { return factory_->Backend(); }

void SqlStore::SetChangeListener(ChangeListener listener) {
    std::unique_ptr<ChangeSubscription> old;
    {
        std::lock_guard lock(listener_mu_);
        old = std::move(subscription_);
    }
    old.reset();  // joins the notification thread outside the lock
    std::lock_guard lock(listener_mu_);
    listener_ = std::move(listener);
    if (listener_) {
        subscription_ = factory_->SubscribeToChanges(listener_);
    }
}

Result<SqlStore::Pooled> SqlStore::Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Pooled{std::move(conn), true};
    }
    ++open_;
    lock.unlock();
    auto conn = factory_->Open();
    if (!conn) {
        std::lock_guard relock(mu_);
        --open_;
        cv_.notify_one();
        return Fail(conn.error());
    }
    return Pooled{std::move(*conn), false};
}

void SqlStore::Release(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mu_);
    if (conn) {
        idle_.push_back(std::move(conn));
    } else {
        --open_;  // a broken connection is dropped; a new one opens on demand
    }
    cv_.notify_one();
}

Result<void> SqlStore::Run(bool write, const std::function<Result<void>(Tx&)>& fn) {
    std::unique_ptr<Connection> conn;
    // An idle connection may have died with the server it talked to (a restart, a failover):
    // Begin() notices (a driver checks the connection first) before anything ran, so the
    // transaction starts again on a new connection. Every idle connection may be dead, hence
    // up to the pool size plus one tries.
    for (std::size_t attempt = 0;; ++attempt) {
        TL_ASSIGN_OR_RETURN(auto pooled, Acquire());
        auto begun = pooled.conn->Begin(write);
        if (begun) {
            conn = std::move(pooled.conn);
            break;
        }
        Release(nullptr);
        if (!pooled.reused || attempt >= max_connections_) {
            return begun;
        }
    }
    Result<void> result;
    std::vector<std::string> announce;
    try {
        SqlTx tx(*conn);
        result = fn(tx);
        announce = tx.event_workspaces();
    } catch (...) {
        bool clean = static_cast<bool>(conn->Rollback());
        Release(clean ? std::move(conn) : nullptr);
        throw;
    }
    if (result) {
        if (auto committed = conn->Commit(); !committed) {
            bool clean = static_cast<bool>(conn->Rollback());
            Release(clean ? std::move(conn) : nullptr);
            return committed;
        }
    } else {
        if (!conn->Rollback()) {
            Release(nullptr);
            return result;
        }
    }
    Release(std::move(conn));
    if (result && !announce.empty()) {
        std::lock_guard lock(listener_mu_);
        if (listener_ && !subscription_) {
            for (const auto& workspace_id : announce) {
                listener_(workspace_id);
            }
        }
    }
    return result;
}

Result<void> SqlStore::Read(const std::function<Result<void>(Tx&)>& fn) { return Run(false, fn); }

Result<void> SqlStore::Write(const std::function<Result<void>(Tx&)>& fn) { return Run(true, fn); }

Result<std::vector<int>> SqlStore::AppliedMigrations() {
    TL_ASSIGN_OR_RETURN(auto pooled, Acquire());
    auto conn = std::move(pooled.conn);
    std::vector<int> versions;
    auto ensured = conn->ExecScript(kCreateMigrationsTable);
    Result<std::vector<SqlRow>> rows =
        ensured ? conn->Query(kSelectMigrations, {}) : Result<std::vector<SqlRow>>(ensured.error());
    Release(std::move(conn));
    TL_TRY(rows);
    for (const auto& row : *rows) {
        versions.push_back(static_cast<int>(row.Int(0)));
    }
    return versions;
}

Result<void> SqlStore::Migrate() {
    TL_ASSIGN_OR_RETURN(auto pooled, Acquire());
    auto conn = std::move(pooled.conn);
    auto run = [&]() -> Result<void> {
        TL_TRY(conn->ExecScript(kCreateMigrationsTable));
        for (const auto& m : migrations_) {
            // One transaction per migration; the write lock serialises concurrent migrators,
            // and the re-check inside it makes a second one skip what the first applied.
            TL_TRY(conn->Begin(true));
            auto applied = conn->Query(kSelectMigrations, {});
            if (!applied) {
                (void)conn->Rollback();
                return Fail(applied.error());
            }
            bool done = false;
            for (const auto& row : *applied) {
                done = done || row.Int(0) == m.version;
            }
            if (done) {
                TL_TRY(conn->Commit());
                continue;
            }
            auto step =
                conn->ExecScript(factory_->AdaptSchemaSql(DialectSql(m.sql, factory_->Backend())));
            if (step) {
                auto recorded = conn->Execute(
                    kInsertMigration, {std::int64_t{m.version}, std::string(m.name), NowMs()});
                if (!recorded) {
                    step = Fail(recorded.error());
                }
            }
            if (!step) {
                (void)conn->Rollback();
                Error e = step.error();
                e.message = "migration " + std::string(m.name) + " failed: " + e.message;
                return Fail(std::move(e));
            }
            TL_TRY(conn->Commit());
        }
        return {};
    };
    // Several nodes may start at once: one migrates, the others wait and then find nothing
    // left to do.
    auto locked = conn->LockMigrations();
    if (!locked) {
        Release(nullptr);
        return locked;
    }
    auto result = run();
    auto unlocked = conn->UnlockMigrations();
    Release(unlocked ? std::move(conn) : nullptr);
    return result;
}

}  // namespace tl::storage
