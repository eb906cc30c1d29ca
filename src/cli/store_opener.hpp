// StoreOpener: how the command line gets a Store for a --db URL and --data-dir. main.cpp
// supplies it; it is the only place that names concrete backends.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "domain/result.hpp"
#include "storage/store.hpp"

namespace tl::cli {

// Where the data lives and how to reach it, from the command line.
struct StoreSettings {
    std::string db_url;    // empty: SQLite under data_dir
    std::string data_dir;  // for the embedded database
    bool durability_full = false;
    int pool_size = 16;                          // connections to the database (PostgreSQL)
    std::int64_t statement_timeout_ms = 30'000;  // per statement (PostgreSQL)
};

using StoreOpener =
    std::function<Result<std::unique_ptr<storage::Store>>(const StoreSettings& settings)>;

int Run(int argc, char** argv, const StoreOpener& open);

}  // namespace tl::cli
