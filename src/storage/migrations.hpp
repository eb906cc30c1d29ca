// Migration: one versioned schema change, compiled into the binary from
// src/storage/migrations/NNNN_name.sql. The SQL is portable; a driver rewrites what its
// dialect spells differently (ConnectionFactory::AdaptSchemaSql).
#pragma once

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

}  // namespace tl::storage
