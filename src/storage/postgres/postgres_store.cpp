#include "storage/postgres/postgres_store.hpp"

#include <charconv>
#include <string_view>
#include <unordered_map>

#include <libpq-fe.h>

#include "storage/migrations.hpp"
#include "storage/sql/sql_store.hpp"

namespace tl::storage {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

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

class PgConnection final : public Connection {
public:
    explicit PgConnection(PGconn* conn) : conn_(conn) {}
    ~PgConnection() override { PQfinish(conn_); }

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

    // Any fixed key works as long as every node uses the same one.
    Result<void> LockMigrations() override {
        return ExecScript("SELECT pg_advisory_lock(7231001)");
    }
    Result<void> UnlockMigrations() override {
        return ExecScript("SELECT pg_advisory_unlock(7231001)");
    }

    // A read runs its statements without BEGIN/COMMIT: under PostgreSQL's default READ
    // COMMITTED every statement takes its own snapshot anyway, so the transaction added two
    // network round trips and no consistency. Writes keep their transaction.
    Result<void> Begin(bool write) override {
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

class PgFactory final : public ConnectionFactory {
public:
    explicit PgFactory(PostgresOptions options) : options_(std::move(options)) {}

    Result<std::unique_ptr<Connection>> Open() override {
        PGconn* conn = PQconnectdb(options_.url.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            std::string message = PQerrorMessage(conn);
            PQfinish(conn);
            while (!message.empty() && message.back() == '\n') {
                message.pop_back();
            }
            return Fail(
                MakeError(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + message));
        }
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

}  // namespace tl::storage
