// Migration: one versioned schema change, compiled into the binary from
// src/storage/migrations/NNNN_name.sql. The SQL is portable; a driver rewrites what its
// dialect spells differently (ConnectionFactory::AdaptSchemaSql).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tl::storage {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Every migration, in version order.
const std::vector<Migration>& AllMigrations();

// The part of a migration's SQL for one backend ("sqlite", "postgres"). A line
// "-- dialect sqlite" or "-- dialect postgres" starts a section only that backend runs;
// "-- dialect all" returns to SQL for every backend. Text without markers is kept whole.
std::string DialectSql(std::string_view sql, std::string_view backend);

}  // namespace tl::storage
