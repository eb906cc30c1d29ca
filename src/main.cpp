// Wiring: the only place that names concrete storage backends.
#include <filesystem>
#include <string>

#include "cli/cli.hpp"
#include "cli/store_opener.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

tl::Result<std::unique_ptr<tl::storage::Store>> OpenStore(const tl::cli::StoreSettings& s) {
    const std::string& db_url = s.db_url;
    const std::string& data_dir = s.data_dir;
    tl::storage::SqliteOptions options;
    options.durability_full = s.durability_full;
    if (db_url.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(data_dir, ec);
        if (ec) {
            return tl::Fail(
                tl::MakeError(tl::ErrorCode::kUnavailable,
                              "cannot create data directory " + data_dir + ": " + ec.message()));
        }
        options.path = (std::filesystem::path(data_dir) / "throughline.db").string();
    } else if (db_url.starts_with("sqlite://")) {
        options.path = db_url.substr(std::string_view("sqlite://").size());
    } else if (db_url.starts_with("sqlite:")) {
        options.path = db_url.substr(std::string_view("sqlite:").size());
    } else if (db_url.starts_with("postgres://") || db_url.starts_with("postgresql://")) {
        tl::storage::PostgresOptions pg;
        pg.url = db_url;
        pg.max_connections = static_cast<std::size_t>(s.pool_size);
        pg.statement_timeout_ms = static_cast<int>(s.statement_timeout_ms);
        return tl::storage::OpenPostgresStore(pg);
    } else {
        return tl::Fail(tl::MakeError(tl::ErrorCode::kValidationFailed,
                                      "--db must be a URL such as sqlite:///var/lib/tl.db or "
                                      "postgres://user@host:5432/throughline"));
    }
    if (options.path.empty()) {
        return tl::Fail(
            tl::MakeError(tl::ErrorCode::kValidationFailed, "--db names no database file"));
    }
    return tl::storage::OpenSqliteStore(options);
}

}  // namespace

int main(int argc, char** argv) { return tl::cli::Run(argc, argv, OpenStore); }
