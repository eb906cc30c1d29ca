// The database a test server runs on. The API suite is compiled once per backend
// (tl_api_sqlite_tests with TL_API_BACKEND_SQLITE, tl_api_postgres_tests with
// TL_API_BACKEND_POSTGRES); TestDatabase is where that choice lands, so the tests themselves
// read the same on both.
//
// SQLite: a fresh temp directory, given to commands as --data-dir. PostgreSQL: a fresh database
// on the test server (support/throwaway_postgres.hpp), given as --db. Either is removed by the
// destructor. Not thread-safe.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "support/throwaway_postgres.hpp"

#if defined(TL_API_BACKEND_POSTGRES) == defined(TL_API_BACKEND_SQLITE)
#error "define exactly one of TL_API_BACKEND_SQLITE and TL_API_BACKEND_POSTGRES"
#endif

namespace tl::test {

#if defined(TL_API_BACKEND_POSTGRES)
inline constexpr std::string_view kBackend = "postgres";
#else
inline constexpr std::string_view kBackend = "sqlite";
#endif
inline constexpr bool kOnPostgres = kBackend == "postgres";

class TestDatabase {
public:
    // Creates the database; on failure the test fails and Flags() is empty.
    TestDatabase() {
        if constexpr (kOnPostgres) {
            try {
                postgres_ = std::make_unique<ScratchDatabase>();
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
            }
        } else {
            std::string tmpl =
                (std::filesystem::temp_directory_path() / "throughline-test-XXXXXX").string();
            if (::mkdtemp(tmpl.data()) == nullptr) {
                ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
                return;
            }
            data_dir_ = tmpl;
        }
    }
    ~TestDatabase() {
        if (!data_dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(data_dir_, ec);
        }
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool ok() const { return postgres_ != nullptr || !data_dir_.empty(); }

    // The flags that point a `throughline` command at it, as an operator would write them:
    // --data-dir <dir> on SQLite, --db <url> on PostgreSQL.
    std::vector<std::string> Flags() const {
        if (!ok()) {
            return {};
        }
        if (postgres_) {
            return {"--db", Url()};
        }
        return {"--data-dir", data_dir_};
    }
    // The same through the environment: THROUGHLINE_DATA_DIR or THROUGHLINE_DB.
    std::string Env() const {
        return postgres_ ? "THROUGHLINE_DB=" + Url() : "THROUGHLINE_DATA_DIR=" + data_dir_;
    }
    // Its --db URL: sqlite://<dir>/throughline.db or postgres://…/<database>.
    std::string Url() const {
        return postgres_ ? postgres_->Url() : "sqlite://" + data_dir_ + "/throughline.db";
    }
    // The SQLite data directory; "" on PostgreSQL.
    const std::string& data_dir() const { return data_dir_; }

private:
    std::string data_dir_;
    std::unique_ptr<ScratchDatabase> postgres_;
};

}  // namespace tl::test
