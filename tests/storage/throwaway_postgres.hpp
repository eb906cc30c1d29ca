// ThrowawayPostgres: a PostgreSQL server of its own for a test process — initdb into a temp
// dir, pg_ctl on a free loopback port, removed at the end — so the PostgreSQL suites never
// depend on (or skip for want of) a running server. As root, the server runs as the
// `postgres` system user (initdb refuses root).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tl::test {

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
            "' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off\" start "
            ">/dev/null");
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

    // A URL for database `db` (create it with CreateDatabase first).
    std::string Url(const std::string& db) const {
        return "postgres://tl@127.0.0.1:" + std::to_string(port_) + "/" + db;
    }
    void CreateDatabase(const std::string& db) const {
        Run("psql -q -h 127.0.0.1 -p " + std::to_string(port_) +
            " -U tl -d postgres -c 'CREATE DATABASE \"" + db + "\"' >/dev/null");
    }
    int port() const { return port_; }
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

}  // namespace tl::test
