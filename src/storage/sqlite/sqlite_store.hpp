// The embedded SQLite backend: WAL journal, busy timeout, foreign keys, a prepared-statement
// cache per connection and a pool of connections shared by the server threads.
#pragma once

#include <memory>
#include <string>

#include "domain/result.hpp"
#include "storage/sql/connection.hpp"
#include "storage/store.hpp"

namespace tl::storage {

struct SqliteOptions {
    std::string path;  // database file; ":memory:" is not supported (pooling)
    int busy_timeout_ms = 5000;
    bool durability_full = false;  // synchronous=FULL (fsync per commit) instead of NORMAL
    std::size_t max_connections = 8;
};

// Opens (creating if needed) the database file. Does not migrate.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// One connection of its own, configured as the store's are, outside any pool: for tools and
// tests that run SQL the Store interface does not offer. Does not migrate.
Result<std::unique_ptr<Connection>> OpenSqliteConnection(const SqliteOptions& options);

}  // namespace tl::storage
