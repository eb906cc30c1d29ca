// The PostgreSQL server the test suites run against, so they never depend on (or skip for want
// of) a server someone else runs.
//
// TestPostgresUrl() names it: scripts/test.sh starts one throwaway server for the whole run and
// exports its URL as TL_TEST_PG_URL; a test binary run by hand without it starts its own
// ThrowawayPostgres on first use. ScratchDatabase gives each test a database of its own on it.
//
// ThrowawayPostgres: initdb into a temp dir, pg_ctl on a free loopback port, removed at the
// end. As root, the server runs as the `postgres` system user (initdb refuses root).
// Not thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tl::test {

// Runs one statement with psql in the `postgres` maintenance database of the server at
// `server_url` (postgres://user@host:port); false if it failed.
inline bool AdminSql(const std::string& server_url, const std::string& sql, bool quiet = false) {
    const std::string cmd = "psql -X -q -v ON_ERROR_STOP=1 '" + server_url + "/postgres' -c '" +
                            sql + "' >/dev/null" + (quiet ? " 2>&1" : "");
    return std::system(cmd.c_str()) == 0;
}

class ThrowawayPostgres {
public:
    ThrowawayPostgres() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "tl-pg-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        dir_ = tmpl;
        port_ = FreePort();
        const std::string bin = "/usr/lib/postgresql/15/bin/";
        as_ = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
        if (::geteuid() == 0) {
            Run("chown postgres:postgres '" + dir_ + "'");
        }
        Run(as_ + bin + "initdb -D '" + dir_ +
            "/data' -A trust -U tl -E UTF8 --locale=C "
            "--no-sync >'" +
            dir_ + "/initdb.log' 2>&1");
        Run(as_ + bin + "pg_ctl -D '" + dir_ + "/data' -l '" + dir_ + "/server.log' -w -o \"-p " +
            std::to_string(port_) + " -k '" + dir_ +
            "' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c max_connections=200\" start >/dev/null");
        started_ = true;
    }
    ~ThrowawayPostgres() {
        if (started_) {
            std::system((as_ + "/usr/lib/postgresql/15/bin/pg_ctl -D '" + dir_ +
                         "/data' -m immediate -w stop >/dev/null 2>&1")
                            .c_str());
        }
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    ThrowawayPostgres(const ThrowawayPostgres&) = delete;
    ThrowawayPostgres& operator=(const ThrowawayPostgres&) = delete;

    // The server's URL without a database: postgres://tl@127.0.0.1:<port>.
    std::string Url() const { return "postgres://tl@127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }

    // Creates an empty database on this server.
    void CreateDatabase(const std::string& name) const {
        if (!AdminSql(Url(), "CREATE DATABASE " + name)) {
            throw std::runtime_error("cannot create database " + name + " on " + Url());
        }
    }
    // Stops the server (ending every client connection) and starts it again on the same port.
    void Restart() const {
        Run(as_ + "/usr/lib/postgresql/15/bin/pg_ctl -D '" + dir_ +
            "/data' -m fast -w restart >/dev/null");
    }

private:
    static int FreePort() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        ::close(fd);
        return ntohs(addr.sin_port);
    }
    static void Run(const std::string& cmd) {
        if (std::system(cmd.c_str()) != 0) {
            throw std::runtime_error("failed: " + cmd);
        }
    }

    std::string dir_;
    std::string as_;
    int port_ = 0;
    bool started_ = false;
};

// The URL (postgres://user@host:port, no database) of the server the tests use: TL_TEST_PG_URL
// when set, else a ThrowawayPostgres this process starts on first call and stops at exit.
inline const std::string& TestPostgresUrl() {
    static const std::string url = [] {
        if (const char* env = std::getenv("TL_TEST_PG_URL"); env != nullptr && *env != '\0') {
            std::string u = env;
            while (!u.empty() && u.back() == '/') {
                u.pop_back();
            }
            return u;
        }
        static ThrowawayPostgres server;
        return server.Url();
    }();
    return url;
}

// A database of its own on the test server: created empty by the constructor (a name unique
// to this process and object, so suites running side by side never meet), dropped by the
// destructor even if connections remain. Throws std::runtime_error when it cannot be created.
class ScratchDatabase {
public:
    ScratchDatabase() {
        static std::atomic<int> counter{0};
        const auto now = std::chrono::steady_clock::now().time_since_epoch();
        name_ = "tl_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
                std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count() %
                               1000000);
        // FILE_COPY copies the small template directly: about twice as fast as the default
        // WAL_LOG here, and its checkpoint costs little on a server without fsync.
        if (!AdminSql(TestPostgresUrl(), "CREATE DATABASE " + name_ + " STRATEGY FILE_COPY")) {
            throw std::runtime_error("cannot create database " + name_ + " on " +
                                     TestPostgresUrl());
        }
    }
    ~ScratchDatabase() {
        AdminSql(TestPostgresUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", true);
    }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& name() const { return name_; }
    std::string Url() const { return TestPostgresUrl() + "/" + name_; }

private:
    std::string name_;
};

}  // namespace tl::test
