// Connection: the one seam between portable SQL and a database driver.
//
// SQL text uses `?` placeholders; a driver rewrites them where its dialect differs
// (PostgreSQL's $1). Implementations cache prepared statements by SQL text. A Connection is
// used by one thread at a time. Errors: kConflict for uniqueness violations, kUnavailable
// for busy/locked/gone, kInternal otherwise.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/result.hpp"
#include "storage/store.hpp"

namespace tl::storage {

using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

// NULL for an empty string: optional references are stored as NULL.
inline SqlValue NullIfEmpty(const std::string& s) {
    if (s.empty()) {
        return nullptr;
    }
    return s;
}

class SqlRow {
public:
    explicit SqlRow(std::vector<SqlValue> cols) : cols_(std::move(cols)) {}
    std::int64_t Int(std::size_t i) const;            // NULL reads as 0
    std::optional<double> Real(std::size_t i) const;  // NULL reads as nullopt
    const std::string& Text(std::size_t i) const;     // NULL reads as ""
    bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cols_[i]); }
    std::size_t size() const { return cols_.size(); }

private:
    std::vector<SqlValue> cols_;
};

class Connection {
public:
    virtual ~Connection() = default;

    // "sqlite" or "postgres": the few queries whose text differs by dialect (full-text
    // search) choose by it.
    virtual std::string_view Backend() const = 0;

    // Runs one or more statements without parameters (migrations, pragmas).
    virtual Result<void> ExecScript(std::string_view sql) = 0;
    virtual Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) = 0;
    // Returns the number of rows changed.
    virtual Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params) = 0;

    // Serialises schema migrations across every process sharing the database (PostgreSQL: a
    // session advisory lock). SQLite needs none: BEGIN IMMEDIATE already serialises writers.
    virtual Result<void> LockMigrations() { return {}; }
    virtual Result<void> UnlockMigrations() { return {}; }

    // Called in the transaction before an event of the workspace is appended. PostgreSQL takes a
    // per-workspace transaction lock (so sequence numbers commit in order) and queues a NOTIFY
    // that other nodes receive when the transaction commits. SQLite needs neither.
    virtual Result<void> PrepareEventAppend(const std::string& /*workspace_id*/) { return {}; }
    // Tx::LockScope: held until the transaction ends. SQLite's write transaction already
    // excludes every other writer.
    virtual Result<void> LockScope(const std::string& /*scope*/) { return {}; }

    // Starts a transaction; kUnavailable, with nothing run, when the connection is dead (the
    // pool then retries on another).
    virtual Result<void> Begin(bool write) = 0;
    virtual Result<void> Commit() = 0;
    virtual Result<void> Rollback() = 0;
};

// Delivers change notifications from other processes until destroyed.
class ChangeSubscription {
public:
    virtual ~ChangeSubscription() = default;
};

class ConnectionFactory {
public:
    virtual ~ConnectionFactory() = default;
    virtual Result<std::unique_ptr<Connection>> Open() = 0;
    virtual std::string Backend() const = 0;
    // A migration's portable SQL in this dialect; only real differences are rewritten.
    virtual std::string AdaptSchemaSql(std::string_view sql) const { return std::string(sql); }
    // Subscribes to the changes committed by every process sharing the database (PostgreSQL:
    // LISTEN), returning once listening. nullptr: the database has no such channel and only
    // this process writes to it, so the store announces its own commits.
    virtual std::unique_ptr<ChangeSubscription> SubscribeToChanges(ChangeListener /*listener*/) {
        return nullptr;
    }
};

}  // namespace tl::storage
