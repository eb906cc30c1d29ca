#include "storage/postgres/postgres_store.hpp"

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include "storage/migrations.hpp"
#include "storage/sql/sql_store.hpp"

namespace tl::storage {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Every node uses the same advisory lock keys and channel. Keys: 7231001 the migration run (a
// session lock), 7231002 a workspace's event sequence, 7231003 a Tx::LockScope scope (the
// second key of the last two is a hash of the workspace or scope).
constexpr std::string_view kMigrationLockSql = "SELECT pg_advisory_lock(7231001)";
constexpr std::string_view kMigrationUnlockSql = "SELECT pg_advisory_unlock(7231001)";
constexpr std::string_view kPrepareEventSql =
    "SELECT pg_advisory_xact_lock(7231002, hashtext(?)), pg_notify('throughline_events', ?)";
constexpr std::string_view kLockScopeSql = "SELECT pg_advisory_xact_lock(7231003, hashtext(?))";
constexpr const char* kListenSql = "LISTEN throughline_events";

// SQLSTATE classes: 23505 unique violation; 40001 serialization failure, 40P01 deadlock,
// 55P03 lock not available, 57014 statement timeout, class 08 connection exceptions.
Error PgError(PGconn* conn, const PGresult* res, std::string_view context) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message =
        std::string(context) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    if (sqlstate == "23505") {
        return MakeError(ErrorCode::kConflict, std::move(message));
    }
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014" ||
        sqlstate.starts_with("08") || PQstatus(conn) != CONNECTION_OK) {
        return MakeError(ErrorCode::kUnavailable, std::move(message));
    }
    return MakeError(ErrorCode::kInternal, std::move(message));
}

std::string TrimmedError(PGconn* conn) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return message;
}

class PgConnection final : public Connection {
public:
    explicit PgConnection(PGconn* conn) : conn_(conn) {}
    ~PgConnection() override { PQfinish(conn_); }
    std::string_view Backend() const override { return "postgres"; }

    Result<void> ExecScript(std::string_view sql) override {
        ResultPtr res(PQexec(conn_, std::string(sql).c_str()), &PQclear);
        auto status = PQresultStatus(res.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(PgError(conn_, res.get(), "exec"));
        }
        return {};
    }

    Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
        TL_ASSIGN_OR_RETURN(auto res, Run(sql, params));
        std::vector<SqlRow> rows;
        const int n = PQntuples(res.get());
        const int cols = PQnfields(res.get());
        rows.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            std::vector<SqlValue> values;
            values.reserve(static_cast<std::size_t>(cols));
            for (int c = 0; c < cols; ++c) {
                if (PQgetisnull(res.get(), i, c)) {
                    values.emplace_back(nullptr);
                } else {
                    values.emplace_back(
                        std::string(PQgetvalue(res.get(), i, c),
                                    static_cast<std::size_t>(PQgetlength(res.get(), i, c))));
                }
            }
            rows.emplace_back(std::move(values));
        }
        return rows;
    }

    Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params) override {
        TL_ASSIGN_OR_RETURN(auto res, Run(sql, params));
        const char* tuples = PQcmdTuples(res.get());
        std::int64_t n = 0;
        if (tuples && *tuples) {
            std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), n);
        }
        return n;
    }

    Result<void> LockMigrations() override { return ExecScript(kMigrationLockSql); }
    Result<void> UnlockMigrations() override { return ExecScript(kMigrationUnlockSql); }

    // The sequence assigns numbers at insert, not at commit: without the lock, a reader could
    // see seq 11 committed before seq 10 and skip 10 for good. Holding a per-workspace lock
    // from the insert to the commit makes the workspace's numbers commit in order. Writes to
    // different workspaces do not wait for each other. NOTIFY is delivered at commit (and
    // dropped on rollback); PostgreSQL folds identical ones within a transaction.
    Result<void> PrepareEventAppend(const std::string& workspace_id) override {
        TL_TRY(Run(kPrepareEventSql, {workspace_id, workspace_id}));
        return {};
    }

    // A read runs its statements without BEGIN/COMMIT: under PostgreSQL's default READ
    // COMMITTED every statement takes its own snapshot anyway, so the transaction added two
    // network round trips and no consistency. Writes keep their transaction.
    // Two scopes may share a hash: they then wait for each other, which is safe, only slower.
    Result<void> LockScope(const std::string& scope) override {
        TL_TRY(Run(kLockScopeSql, {scope}));
        return {};
    }

    Result<void> Begin(bool write) override {
        if (!Alive()) {
            return Fail(MakeError(ErrorCode::kUnavailable,
                                  "the PostgreSQL connection was lost: " + TrimmedError(conn_)));
        }
        if (!write) {
            return {};
        }
        return ExecScript("BEGIN");
    }
    Result<void> Commit() override {
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
            return {};  // a read: nothing to commit
        }
        return ExecScript("COMMIT");
    }
    Result<void> Rollback() override {
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
            return {};
        }
        return ExecScript("ROLLBACK");
    }

private:
    // An idle pooled connection whose server went away (restart, failover, crash) has a
    // readable socket: the server's farewell and the end of the stream. Nothing else arrives
    // unasked on a pool connection (it does not LISTEN), so a readable idle socket means the
    // connection is replaced; at worst that costs a reconnect, never a failed request.
    bool Alive() {
        if (PQstatus(conn_) != CONNECTION_OK) {
            return false;
        }
        pollfd p{PQsocket(conn_), POLLIN, 0};
        return ::poll(&p, 1, 0) == 0;
    }

    Result<ResultPtr> Run(std::string_view sql, const SqlParams& params) {
        std::string key(sql);
        auto it = prepared_.find(key);
        if (it == prepared_.end()) {
            std::string name = "s" + std::to_string(prepared_.size());
            const std::string text = NumberPlaceholders(sql);
            ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), &PQclear);
            if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
                return Fail(PgError(conn_, res.get(), "prepare"));
            }
            it = prepared_.emplace(std::move(key), std::move(name)).first;
        }
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::int64_t>) {
                        text[i] = std::to_string(v);
                        values[i] = text[i].c_str();
                    } else if constexpr (std::is_same_v<T, double>) {
                        char buf[64];
                        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
                        text[i].assign(buf, end);
                        values[i] = text[i].c_str();
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        values[i] = v.c_str();
                    }
                },
                params[i]);
        }
        ResultPtr res(PQexecPrepared(conn_,
                                     it->second.c_str(),
                                     static_cast<int>(values.size()),
                                     values.data(),
                                     nullptr,
                                     nullptr,
                                     0),
                      &PQclear);
        auto status = PQresultStatus(res.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(PgError(conn_, res.get(), "query"));
        }
        return res;
    }

    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
};

// LISTENs on a connection of its own and hands each notification's payload (a workspace id)
// to the listener. When the connection is lost it reconnects with a growing delay and then
// reports "" (anything may have changed), since notifications sent meanwhile are gone.
class PgChangeSubscription final : public ChangeSubscription {
public:
    PgChangeSubscription(std::string url, ChangeListener listener)
        : url_(std::move(url)), listener_(std::move(listener)) {
        if (::pipe2(stop_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
            stop_pipe_[0] = stop_pipe_[1] = -1;
        }
        thread_ = std::thread([this] { Loop(); });
        // Commits after this constructor returns are heard (unless the server is unreachable
        // now: then the first connection reports "" when it succeeds).
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, std::chrono::seconds(5), [&] { return first_attempt_done_; });
    }
    ~PgChangeSubscription() override {
        stopping_.store(true);
        if (stop_pipe_[1] >= 0) {
            char b = 1;
            [[maybe_unused]] auto n = ::write(stop_pipe_[1], &b, 1);
        }
        thread_.join();
        for (int fd : stop_pipe_) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }

private:
    // Waits up to `ms` for `fd` to be readable or for the stop signal; false when stopping.
    bool Wait(int fd, int ms) {
        pollfd fds[2] = {{stop_pipe_[0], POLLIN, 0}, {fd, POLLIN, 0}};
        ::poll(fds, fd >= 0 ? 2 : 1, ms);
        return !stopping_.load();
    }

    void Loop() {
        int delay_ms = 100;
        bool connected_before = false;
        while (!stopping_.load()) {
            PGconn* conn = PQconnectdb(url_.c_str());
            PQsetNoticeProcessor(
                conn, [](void*, const char*) {}, nullptr);
            bool listening = PQstatus(conn) == CONNECTION_OK;
            if (listening) {
                ResultPtr res(PQexec(conn, kListenSql), &PQclear);
                listening = PQresultStatus(res.get()) == PGRES_COMMAND_OK;
            }
            if (!connected_before) {
                std::lock_guard lock(mu_);
                first_attempt_done_ = true;
                cv_.notify_all();
            }
            if (!listening) {
                PQfinish(conn);
                if (!Wait(-1, delay_ms)) {
                    break;
                }
                delay_ms = std::min(delay_ms * 2, 2000);
                continue;
            }
            delay_ms = 100;
            if (connected_before) {
                listener_("");
            }
            connected_before = true;
            const int fd = PQsocket(conn);
            while (Wait(fd, 1000)) {
                if (PQconsumeInput(conn) == 0) {
                    break;  // the connection is gone: reconnect
                }
                while (PGnotify* n = PQnotifies(conn)) {
                    listener_(n->extra ? n->extra : "");
                    PQfreemem(n);
                }
            }
            PQfinish(conn);
        }
    }

    std::string url_;
    ChangeListener listener_;
    std::atomic<bool> stopping_{false};
    std::mutex mu_;
    std::condition_variable cv_;
    bool first_attempt_done_ = false;  // guarded by mu_
    int stop_pipe_[2] = {-1, -1};
    std::thread thread_;
};

class PgFactory final : public ConnectionFactory {
public:
    explicit PgFactory(PostgresOptions options) : options_(std::move(options)) {}

    Result<std::unique_ptr<Connection>> Open() override {
        PGconn* conn = PQconnectdb(options_.url.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            std::string message = TrimmedError(conn);
            PQfinish(conn);
            return Fail(
                MakeError(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + message));
        }
        // Server notices (a restart's "terminating connection") are not ours to print.
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        auto c = std::make_unique<PgConnection>(conn);
        TL_TRY(c->ExecScript(
            "SET statement_timeout = " + std::to_string(options_.statement_timeout_ms) +
            "; SET client_min_messages = warning"));
        return std::unique_ptr<Connection>(std::move(c));
    }

    std::string Backend() const override { return "postgres"; }
    std::string AdaptSchemaSql(std::string_view sql) const override {
        return PostgresSchemaSql(sql);
    }
    std::unique_ptr<ChangeSubscription> SubscribeToChanges(ChangeListener listener) override {
        return std::make_unique<PgChangeSubscription>(options_.url, std::move(listener));
    }

private:
    PostgresOptions options_;
};

}  // namespace

std::string PostgresSchemaSql(std::string_view sql) {
    constexpr std::string_view kSqlite = "INTEGER PRIMARY KEY AUTOINCREMENT";
    constexpr std::string_view kPostgres = "BIGSERIAL PRIMARY KEY";
    std::string out(sql);
    for (auto at = out.find(kSqlite); at != std::string::npos;
         at = out.find(kSqlite, at + kPostgres.size())) {
        out.replace(at, kSqlite.size(), kPostgres);
    }
    return out;
}

std::string NumberPlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool quoted = false;
    for (char c : sql) {
        if (c == '\'') {
            quoted = !quoted;
        }
        if (c == '?' && !quoted) {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
    auto factory = std::make_unique<PgFactory>(options);
    TL_ASSIGN_OR_RETURN(auto probe, factory->Open());
    probe.reset();
    return std::unique_ptr<Store>(
        std::make_unique<SqlStore>(std::move(factory), AllMigrations(), options.max_connections));
}

Result<std::unique_ptr<Connection>> OpenPostgresConnection(const PostgresOptions& options) {
    return PgFactory(options).Open();
}

}  // namespace tl::storage
