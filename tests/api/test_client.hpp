// Test helpers shared by the API tests: a small HTTP client, a raw TCP connection for limit
// tests, and a handle on a real `throughline` child process.
//
// Every call that waits has a timeout and reports a clear test failure instead of hanging.
// Not thread-safe: use one object per thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/test_database.hpp"

extern char** environ;

namespace tl::test {

// The path of the `throughline` binary under test. It is defined in a source file the build
// generates (tests/CMakeLists.txt), so the absolute build path reaches one translation unit,
// not every test's: the others stay cacheable by ccache across checkouts in other directories.
const char* ServerBinary();

// How long one HTTP exchange may take before the test fails instead of hanging.
inline constexpr std::chrono::seconds kHttpTimeout{30};

struct HttpResult {
    int status = 0;  // 0: no answer (the failure was reported)
    std::vector<std::pair<std::string, std::string>> headers;  // lower-case names
    std::string body;

    // The first header of that name (case-insensitive), or "" if absent.
    std::string Header(std::string_view name) const {
        for (const auto& [k, v] : headers) {
            if (k.size() == name.size() &&
                std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                })) {
                return v;
            }
        }
        return {};
    }
    // The body as JSON; a test failure and null if it is not JSON.
    boost::json::value Json() const {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(body, ec);
        if (ec) {
            ADD_FAILURE() << "response body is not JSON (" << ec.message() << "), status " << status
                          << ": " << body.substr(0, 2000);
            return nullptr;
        }
        return v;
    }
};

// One connection per request (closed after the answer); no redirects.
class HttpClient {
public:
    explicit HttpClient(unsigned short port, std::string host = "127.0.0.1")
        : port_(port), host_(std::move(host)) {}

    HttpResult Request(std::string_view method,
                       std::string_view target,
                       std::string_view body = {},
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
        namespace beast = boost::beast;
        namespace http = boost::beast::http;
        boost::asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        http::request<http::string_body> req;
        req.method_string(method);
        req.target(target);
        req.version(11);
        req.set(http::field::host, host_ + ":" + std::to_string(port_));
        for (const auto& [k, v] : headers) {
            req.insert(k, v);
        }
        if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
            req.body() = std::string(body);
            req.prepare_payload();
        }

        // Async operations under tcp_stream's deadline: synchronous Asio calls cannot time out.
        HttpResult result;
        boost::system::error_code failure;
        std::string step = "connect";
        http::response_parser<http::string_body> parser;
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        parser.skip(method == "HEAD");
        beast::flat_buffer buffer;
        const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(host_), port_);
        stream.expires_after(kHttpTimeout);
        stream.async_connect(endpoint, [&](boost::system::error_code ec) {
            if (ec) {
                failure = ec;
                return;
            }
            step = "write";
            http::async_write(stream, req, [&](boost::system::error_code ec, std::size_t) {
                if (ec) {
                    failure = ec;
                    return;
                }
                step = "read";
                http::async_read(
                    stream, buffer, parser, [&](boost::system::error_code ec, std::size_t) {
                        failure = ec;
                    });
            });
        });
        ioc.run();
        if (failure) {
            ADD_FAILURE() << method << " " << target << " failed at " << step << ": "
                          << failure.message();
            return result;
        }
        const auto& res = parser.get();
        result.status = static_cast<int>(res.result_int());
        for (const auto& field : res) {
            std::string name(field.name_string());
            for (char& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            result.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        result.body = res.body();
        boost::system::error_code ignored;
        stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        return result;
    }

    HttpResult Get(std::string_view target, std::string_view token = {}) {
        return Request("GET", target, {}, AuthHeaders(token));
    }
    HttpResult Post(std::string_view target, std::string_view json, std::string_view token = {}) {
        auto headers = AuthHeaders(token);
        headers.emplace_back("Content-Type", "application/json");
        return Request("POST", target, json, std::move(headers));
    }
    HttpResult Patch(std::string_view target,
                     std::string_view json,
                     std::string_view token = {},
                     std::string_view if_match = {}) {
        auto headers = AuthHeaders(token);
        headers.emplace_back("Content-Type", "application/json");
        if (!if_match.empty()) {
            headers.emplace_back("If-Match", std::string(if_match));
        }
        return Request("PATCH", target, json, std::move(headers));
    }
    HttpResult Delete(std::string_view target, std::string_view token = {}) {
        return Request("DELETE", target, {}, AuthHeaders(token));
    }

private:
    static std::vector<std::pair<std::string, std::string>> AuthHeaders(std::string_view token) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!token.empty()) {
            headers.emplace_back("Authorization", "Bearer " + std::string(token));
        }
        return headers;
    }

    unsigned short port_;
    std::string host_;
};

// A plain loopback TCP connection: send arbitrary bytes, read whatever comes back.
class RawConnection {
public:
    // Whether a refused connection is a test failure; a client of a node that a test kills
    // expects the refusal.
    enum class Refusal { kFails, kExpected };

    explicit RawConnection(unsigned short port, Refusal refusal = Refusal::kFails) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) {
            ADD_FAILURE() << "socket: " << std::strerror(errno);
            return;
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            if (refusal == Refusal::kFails || errno != ECONNREFUSED) {
                ADD_FAILURE() << "connect to port " << port << ": " << std::strerror(errno);
            }
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~RawConnection() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends all of `bytes`; a peer that closed meanwhile is not a test failure (limit tests
    // expect it), it only stops the sending.
    void Send(std::string_view bytes) {
        while (fd_ >= 0 && !bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return;
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // Everything received until the peer closes the connection or `timeout` passes.
    std::string ReadAll(std::chrono::milliseconds timeout) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buf[16384];
        while (fd_ >= 0 && !closed_) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                break;
            }
            pollfd p{fd_, POLLIN, 0};
            const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
            if (ready < 0 && errno == EINTR) {
                continue;
            }
            if (ready <= 0) {
                break;
            }
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n > 0) {
                out.append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                closed_ = true;  // orderly close or reset
            }
        }
        return out;
    }

    // True once the peer closed the connection (seen by ReadAll, or detected now without
    // consuming data).
    bool ClosedByPeer() {
        if (closed_ || fd_ < 0) {
            return true;
        }
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 0) > 0) {
            char c;
            const ssize_t n = ::recv(fd_, &c, 1, MSG_PEEK);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                closed_ = true;
            }
        }
        return closed_;
    }

private:
    int fd_ = -1;
    bool closed_ = false;
};

// A child process whose stdout and stderr share one pipe (`out_fd`, owned by the caller).
// The child sees this process's environment minus THROUGHLINE_* (the developer's own
// configuration must not leak into tests) plus `extra_env` ("NAME=value"); stdin is
// /dev/null. On failure the test fails and pid is -1.
struct SpawnedChild {
    pid_t pid = -1;
    int out_fd = -1;
};

inline SpawnedChild SpawnCapturing(std::vector<std::string> args,
                                   std::vector<std::string> extra_env = {}) {
    SpawnedChild child;
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::strncmp(*e, "THROUGHLINE_", 12) != 0) {
            envp.push_back(*e);
        }
    }
    for (auto& e : extra_env) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        ADD_FAILURE() << "pipe2: " << std::strerror(errno);
        return child;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const int rc = ::posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        child.pid = -1;
        ADD_FAILURE() << "cannot start " << args[0] << ": " << std::strerror(rc);
        return child;
    }
    child.out_fd = fds[0];
    return child;
}

// A `throughline serve --demo` child process on a free loopback port, on a fresh database of
// the backend under test (see test_database.hpp), or on an existing one.
class ServerProcess {
public:
    explicit ServerProcess(std::vector<std::string> extra_args = {})
        : db_(std::make_shared<TestDatabase>()) {
        Start(db_->Flags(), std::move(extra_args));
    }
    // A server on `db`, which another server may have used before: named by --db URL
    // (sqlite://… or postgres://…), as a second node or a restarted one would be.
    ServerProcess(std::shared_ptr<TestDatabase> db, std::vector<std::string> extra_args)
        : db_(std::move(db)) {
        Start({"--db", db_->Url()}, std::move(extra_args));
    }

    ~ServerProcess() {
        if (pid_ > 0 && !exit_status_) {
            ::kill(pid_, SIGTERM);
            if (Wait(std::chrono::seconds(10)) == -1) {
                ::kill(pid_, SIGKILL);
                int status = 0;
                ::waitpid(pid_, &status, 0);
            }
        }
        stop_reader_ = true;
        if (reader_.joinable()) {
            reader_.join();
        }
        if (out_fd_ >= 0) {
            ::close(out_fd_);
        }
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }
    // The database it serves; shared so a later server can reopen it.
    const std::shared_ptr<TestDatabase>& database() const { return db_; }
    // The flags that point another command (migrate, user add, ...) at the same database.
    std::vector<std::string> DbFlags() const { return db_->Flags(); }

    void Signal(int sig) {
        if (pid_ > 0 && !exit_status_) {
            ::kill(pid_, sig);
        }
    }

    // The exit code (128 + signal number if a signal ended it), or -1 if still running after
    // `timeout`.
    int Wait(std::chrono::milliseconds timeout) {
        if (exit_status_) {
            return *exit_status_;
        }
        if (pid_ <= 0) {
            return -1;
        }
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            int status = 0;
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                return *exit_status_;
            }
            if (r < 0 && errno != EINTR) {
                return -1;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                return -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    std::string Output() const {
        std::lock_guard lock(mu_);
        return output_;
    }

private:
    // Spawns the server on `db_flags` and waits for its startup line.
    void Start(std::vector<std::string> db_flags, std::vector<std::string> extra_args) {
        if (!db_->ok()) {
            return;
        }
        std::vector<std::string> args = {ServerBinary(), "serve", "--port", "0"};
        args.insert(args.end(), db_flags.begin(), db_flags.end());
        args.push_back("--demo");
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        auto child = SpawnCapturing(args);
        if (child.pid <= 0) {
            return;
        }
        pid_ = child.pid;
        out_fd_ = child.out_fd;
        reader_ = std::thread([this] { Drain(); });

        // The port comes from the startup line; a child that dies or stays silent fails here.
        // The wait is generous: seeding the demo takes seconds under the sanitizers on a busy
        // machine, and a server that starts fine costs no more for it.
        const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
        std::unique_lock lock(mu_);
        const bool found = cv_.wait_for(lock, std::chrono::seconds(60), [&] {
            std::smatch m;
            if (std::regex_search(output_, m, listening) && m.suffix().first != output_.cend()) {
                port_ = static_cast<unsigned short>(std::stoi(m[1].str()));
                return true;
            }
            return eof_;
        });
        if (!found || port_ == 0) {
            ADD_FAILURE() << "server did not report `listening on http://127.0.0.1:<port>` "
                          << (eof_ ? "before exiting" : "within 60 s") << "; output:\n"
                          << output_;
        }
    }

    // Keeps the pipe empty so the child never blocks on a write to stdout or stderr.
    void Drain() {
        char buf[8192];
        while (!stop_reader_) {
            pollfd p{out_fd_, POLLIN, 0};
            const int ready = ::poll(&p, 1, 100);
            if (ready < 0 && errno != EINTR) {
                break;
            }
            if (ready <= 0) {
                continue;
            }
            const ssize_t n = ::read(out_fd_, buf, sizeof buf);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            std::lock_guard lock(mu_);
            if (n <= 0) {
                eof_ = true;
                cv_.notify_all();
                break;
            }
            output_.append(buf, static_cast<std::size_t>(n));
            cv_.notify_all();
        }
    }

    std::shared_ptr<TestDatabase> db_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    int out_fd_ = -1;
    std::optional<int> exit_status_;
    std::thread reader_;
    std::atomic<bool> stop_reader_{false};
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::string output_;  // guarded by mu_
    bool eof_ = false;    // guarded by mu_
};

// Logs in with the demo password by default and returns the session token.
inline std::string LoginToken(HttpClient& client,
                              std::string_view email,
                              std::string_view password = "demo") {
    boost::json::object body;
    body["email"] = email;
    body["password"] = password;
    const HttpResult r = client.Post("/api/v1/auth/login", boost::json::serialize(body));
    if (r.status != 200) {
        ADD_FAILURE() << "login as " << email << " failed: " << r.status << " " << r.body;
        return {};
    }
    const boost::json::value v = r.Json();
    if (const auto* obj = v.if_object()) {
        if (const auto* token = obj->if_contains("token"); token && token->is_string()) {
            return std::string(token->as_string());
        }
    }
    ADD_FAILURE() << "login answer has no token: " << r.body;
    return {};
}

}  // namespace tl::test
