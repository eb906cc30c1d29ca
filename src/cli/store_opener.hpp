// StoreOpener: how the command line gets a Store for a --db URL and --data-dir. main.cpp
// supplies it; it is the only place that names concrete backends.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "domain/result.hpp"
#include "storage/store.hpp"

namespace tl::cli {

using StoreOpener = std::function<Result<std::unique_ptr<storage::Store>>(
    const std::string& db_url, const std::string& data_dir, bool durability_full)>;

int Run(int argc, char** argv, const StoreOpener& open);

}  // namespace tl::cli
