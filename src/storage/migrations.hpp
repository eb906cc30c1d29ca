// Migration: one versioned schema change, compiled into the binary from
// src/storage/migrations/<dialect>/NNNN_name.sql.
#pragma once

#include <string_view>
#include <vector>

namespace tl::storage {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace tl::storage
