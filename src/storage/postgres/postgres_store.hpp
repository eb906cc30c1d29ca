// The PostgreSQL backend through libpq: the same portable SQL as SQLite, with `?`
// placeholders rewritten to $1..$n, statements prepared once per connection, and a bounded
// pool of connections. A connection that breaks (server restart) is dropped and a new one
// opens on the next transaction.
#pragma once

#include <memory>
#include <string>

#include "domain/result.hpp"
#include "storage/sql/connection.hpp"
#include "storage/store.hpp"

namespace tl::storage {

struct PostgresOptions {
    std::string url;  // postgres://user@host:port/db (libpq connection URI)
    std::size_t max_connections = 16;
    int statement_timeout_ms = 30'000;
};

// Connects once to check the URL; does not migrate.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);

// One connection of its own, configured as the store's are, outside any pool: for tools and
// tests that run SQL the Store interface does not offer. Does not migrate.
Result<std::unique_ptr<Connection>> OpenPostgresConnection(const PostgresOptions& options);

// The portable migration SQL in PostgreSQL's dialect: an auto-increment integer key
// (INTEGER PRIMARY KEY AUTOINCREMENT) becomes BIGSERIAL PRIMARY KEY (exposed for tests).
std::string PostgresSchemaSql(std::string_view sql);

// `?` placeholders outside quoted text become $1, $2, ... (exposed for tests).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace tl::storage
