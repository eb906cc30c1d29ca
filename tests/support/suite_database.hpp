// The database of one storage test, on the backend its binary is built for: a ScratchDatabase on
// the test server when TL_STORE_BACKEND_POSTGRES is defined, otherwise a SQLite file in a temp
// dir of its own. Removed with the object; reset the stores and connections on it first.
//
// The storage suites are parameterised by kSuiteBackend alone, so that their test names end in
// /sqlite or /postgres as the Store contract's do (CTest needs them unique).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"
#include "support/throwaway_postgres.hpp"

namespace tl::test {

#if defined(TL_STORE_BACKEND_POSTGRES)
inline constexpr std::string_view kSuiteBackend = "postgres";
#else
inline constexpr std::string_view kSuiteBackend = "sqlite";
#endif

class SuiteDatabase {
public:
    // `name` names the SQLite temp dir (with the process id, so parallel suites never meet).
    explicit SuiteDatabase(std::string_view name) {
#if defined(TL_STORE_BACKEND_POSTGRES)
        (void)name;
        database_ = std::make_unique<ScratchDatabase>();
        postgres_.url = database_->Url();
#else
        dir_ = std::filesystem::temp_directory_path() /
               ("tl-" + std::string(name) + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        sqlite_.path = (dir_ / "test.db").string();
#endif
    }
    ~SuiteDatabase() {
        database_.reset();
        if (!dir_.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(dir_, ignored);
        }
    }
    SuiteDatabase(const SuiteDatabase&) = delete;
    SuiteDatabase& operator=(const SuiteDatabase&) = delete;

    // A store on the database, migrated to the current schema.
    Result<std::unique_ptr<storage::Store>> OpenStore() const {
#if defined(TL_STORE_BACKEND_POSTGRES)
        auto store = storage::OpenPostgresStore(postgres_);
#else
        auto store = storage::OpenSqliteStore(sqlite_);
#endif
        if (store) {
            TL_TRY((*store)->Migrate());
        }
        return store;
    }

    // A raw connection, for tests that write rows the Store has no call for.
    Result<std::unique_ptr<storage::Connection>> OpenConnection() const {
#if defined(TL_STORE_BACKEND_POSTGRES)
        return storage::OpenPostgresConnection(postgres_);
#else
        return storage::OpenSqliteConnection(sqlite_);
#endif
    }

private:
    std::unique_ptr<ScratchDatabase> database_;
    std::filesystem::path dir_;
    storage::PostgresOptions postgres_;
    storage::SqliteOptions sqlite_;
};

}  // namespace tl::test
