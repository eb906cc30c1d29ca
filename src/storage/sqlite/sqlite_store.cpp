#include "storage/sqlite/sqlite_store.hpp"

#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "storage/migrations.hpp"
#include "storage/sql/sql_store.hpp"

namespace tl::storage {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
    int primary = rc & 0xFF;
    std::string message =
        std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return MakeError(ErrorCode::kConflict, std::move(message));
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return MakeError(ErrorCode::kUnavailable, std::move(message));
    }
    return MakeError(ErrorCode::kInternal, std::move(message));
}

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    std::string_view Backend() const override { return "sqlite"; }
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : cache_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close_v2(db_);
    }

    Result<void> ExecScript(std::string_view sql) override {
        std::string text(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            Error e = SqliteError(db_, rc, "exec");
            e.message = msg;
            return Fail(std::move(e));
        }
        return {};
    }

    Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
        TL_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
        std::vector<SqlRow> rows;
        while (true) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                sqlite3_reset(stmt);
                return Fail(SqliteError(db_, sqlite3_extended_errcode(db_), "query"));
            }
            int n = sqlite3_column_count(stmt);
            std::vector<SqlValue> cols;
            cols.reserve(n);
            for (int i = 0; i < n; ++i) {
                switch (sqlite3_column_type(stmt, i)) {
                    case SQLITE_NULL:
                        cols.emplace_back(nullptr);
                        break;
                    case SQLITE_INTEGER:
                        cols.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
                        break;
                    case SQLITE_FLOAT:
                        cols.emplace_back(sqlite3_column_double(stmt, i));
                        break;
                    default: {
                        const auto* text = sqlite3_column_text(stmt, i);
                        int len = sqlite3_column_bytes(stmt, i);
                        cols.emplace_back(std::string(reinterpret_cast<const char*>(text), len));
                    }
                }
            }
            rows.emplace_back(std::move(cols));
        }
        sqlite3_reset(stmt);
        return rows;
    }

    Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params) override {
        TL_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
        int rc = sqlite3_step(stmt);
        while (rc == SQLITE_ROW) {
            rc = sqlite3_step(stmt);
        }
        if (rc != SQLITE_DONE) {
            Error e = SqliteError(db_, sqlite3_extended_errcode(db_), "execute");
            sqlite3_reset(stmt);
            return Fail(std::move(e));
        }
        sqlite3_reset(stmt);
        return static_cast<std::int64_t>(sqlite3_changes64(db_));
    }

    // Transaction control goes through the statement cache too: it runs on every request.
    Result<void> Begin(bool write) override {
        TL_TRY(Execute(write ? "BEGIN IMMEDIATE" : "BEGIN", {}));
        return {};
    }
    Result<void> Commit() override {
        TL_TRY(Execute("COMMIT", {}));
        return {};
    }
    Result<void> Rollback() override {
        if (sqlite3_get_autocommit(db_)) {
            return {};  // SQLite already rolled back (e.g. after SQLITE_FULL)
        }
        TL_TRY(Execute("ROLLBACK", {}));
        return {};
    }

private:
    Result<sqlite3_stmt*> Prepare(std::string_view sql, const SqlParams& params) {
        sqlite3_stmt* stmt = nullptr;
        auto it = cache_.find(std::string(sql));
        if (it != cache_.end()) {
            stmt = it->second;
        } else {
            int rc = sqlite3_prepare_v3(db_,
                                        sql.data(),
                                        static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT,
                                        &stmt,
                                        nullptr);
            if (rc != SQLITE_OK) {
                return Fail(SqliteError(db_, rc, "prepare"));
            }
            cache_.emplace(std::string(sql), stmt);
        }
        sqlite3_clear_bindings(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) {
            int idx = static_cast<int>(i + 1);
            int rc = std::visit(
                [&](const auto& v) -> int {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>) {
                        return sqlite3_bind_null(stmt, idx);
                    } else if constexpr (std::is_same_v<T, std::int64_t>) {
                        return sqlite3_bind_int64(stmt, idx, v);
                    } else if constexpr (std::is_same_v<T, double>) {
                        return sqlite3_bind_double(stmt, idx, v);
                    } else {
                        return sqlite3_bind_text64(
                            stmt, idx, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
                    }
                },
                params[i]);
            if (rc != SQLITE_OK) {
                return Fail(SqliteError(db_, rc, "bind"));
            }
        }
        return stmt;
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteFactory final : public ConnectionFactory {
public:
    explicit SqliteFactory(SqliteOptions options) : options_(std::move(options)) {}

    Result<std::unique_ptr<Connection>> Open() override {
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(options_.path.c_str(),
                                 &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        if (rc != SQLITE_OK) {
            Error e =
                MakeError(ErrorCode::kUnavailable,
                          "cannot open database " + options_.path + ": " + sqlite3_errstr(rc));
            sqlite3_close_v2(db);
            return Fail(std::move(e));
        }
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, options_.busy_timeout_ms);
        auto conn = std::make_unique<SqliteConnection>(db);
        std::string pragmas =
            std::string("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; ") +
            "PRAGMA synchronous=" + (options_.durability_full ? "FULL" : "NORMAL") +
            "; PRAGMA temp_store=MEMORY;";
        if (auto r = conn->ExecScript(pragmas); !r) {
            Error e = r.error();
            e.message = "cannot configure database " + options_.path + ": " + e.message;
            e.code = ErrorCode::kUnavailable;
            return Fail(std::move(e));
        }
        return std::unique_ptr<Connection>(std::move(conn));
    }

    std::string Backend() const override { return "sqlite"; }

private:
    SqliteOptions options_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
    auto factory = std::make_unique<SqliteFactory>(options);
    // Open one connection now so a bad path is reported at start, not on first request.
    TL_ASSIGN_OR_RETURN(auto probe, factory->Open());
    probe.reset();
    return std::unique_ptr<Store>(
        std::make_unique<SqlStore>(std::move(factory), AllMigrations(), options.max_connections));
}

Result<std::unique_ptr<Connection>> OpenSqliteConnection(const SqliteOptions& options) {
    return SqliteFactory(options).Open();
}

}  // namespace tl::storage
