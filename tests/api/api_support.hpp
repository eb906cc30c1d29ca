// Helpers for the HTTP integration suites that run against the real `throughline` server:
// reading JSON answers and error shapes, the demo workspace's ids and logins, running the
// binary's other subcommands, and a per-suite shared server.
//
// Builds on test_client.hpp (owned by the transport tests); not thread-safe.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <boost/json.hpp>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/test_client.hpp"

namespace tl::test {

namespace json = boost::json;

// The demo's handles, in kPeople order.
inline const std::vector<std::string> kDemoHandles = {
    "alice", "bob", "carol", "dave", "erin", "frank", "admin"};

inline std::string DemoEmail(std::string_view handle) {
    return std::string(handle) + "@skylift.example";
}

// The value at `path` (object keys) inside `v`, or nullptr when any step is missing.
inline const json::value* At(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* cur = &v;
    for (auto key : path) {
        const auto* obj = cur->if_object();
        if (obj == nullptr) {
            return nullptr;
        }
        cur = obj->if_contains(key);
        if (cur == nullptr) {
            return nullptr;
        }
    }
    return cur;
}

// The string at `path`, or "" when absent or not a string.
inline std::string StrAt(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_string() ? std::string(p->as_string()) : std::string();
}

// The integer at `path`, or -1 when absent or not an integer.
inline std::int64_t IntAt(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_int64() ? p->as_int64() : -1;
}

// The array at `path`, or an empty one.
inline json::array ArrAt(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_array() ? p->as_array() : json::array();
}

// error.code of an error answer, "" when the body is not the error shape.
inline std::string ErrorCode(const HttpResult& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec) {
        return {};
    }
    return StrAt(v, {"error", "code"});
}

// The `field`s named in error.details, in order.
inline std::vector<std::string> DetailFields(const HttpResult& r) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec) {
        return out;
    }
    for (const auto& d : ArrAt(v, {"error", "details"})) {
        out.push_back(StrAt(d, {"field"}));
    }
    return out;
}

inline bool Has(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

inline std::string Describe(const HttpResult& r) {
    return std::to_string(r.status) + " " + r.body.substr(0, 1500);
}

// The error shape every failure shares: {"error":{"code":..., "message":...}}.
inline void ExpectError(const HttpResult& r, int status, std::string_view code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(ErrorCode(r), code) << r.body;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    ASSERT_FALSE(ec) << "not JSON: " << r.body;
    const json::value* message = At(v, {"error", "message"});
    EXPECT_TRUE(message != nullptr && message->is_string() && !message->as_string().empty())
        << r.body;
    EXPECT_NE(r.Header("content-type").find("application/json"), std::string::npos)
        << r.Header("content-type");
}

// A 400 validation_failed naming every one of `fields` in its details.
inline void ExpectInvalid(const HttpResult& r, std::initializer_list<std::string_view> fields) {
    ExpectError(r, 400, "validation_failed");
    const auto named = DetailFields(r);
    for (auto f : fields) {
        EXPECT_TRUE(Has(named, f)) << "details do not name `" << f << "`: " << r.body;
    }
}

// Percent-encodes a query value.
inline std::string UrlEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

// True when a TCP connect to the loopback port is refused (nothing listens).
inline bool ConnectRefused(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ADD_FAILURE() << "socket: " << std::strerror(errno);
        return false;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    const int err = errno;
    ::close(fd);
    return rc != 0 && err == ECONNREFUSED;
}

struct CommandResult {
    int exit_code = -1;  // -1: did not finish in time (it was killed)
    std::string output;  // stdout and stderr
};

// Runs `args` (args[0] is the program path) with output captured; kills it after `timeout`.
// The environment is this process's minus THROUGHLINE_*, plus `extra_env` ("NAME=value").
inline CommandResult RunCommand(std::vector<std::string> args,
                                std::chrono::milliseconds timeout = std::chrono::seconds(30),
                                std::vector<std::string> extra_env = {}) {
    CommandResult result;
    const SpawnedChild child = SpawnCapturing(std::move(args), std::move(extra_env));
    if (child.pid <= 0) {
        return result;
    }
    const pid_t pid = child.pid;
    const int out = child.out_fd;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            break;
        }
        pollfd p{out, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            break;
        }
        const ssize_t n = ::read(out, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;  // EOF: the child closed its output (normally by exiting)
        }
        result.output.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out);
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            ADD_FAILURE() << args[0] << " did not finish in time; output:\n" << result.output;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return result;
}

// `command`, then the flags that point it at `server`'s database (--data-dir on SQLite, --db on
// PostgreSQL), then `more`: a CLI command that works on a live server's data.
inline std::vector<std::string> WithDbFlags(std::vector<std::string> command,
                                            const ServerProcess& server,
                                            std::vector<std::string> more = {}) {
    const std::vector<std::string> flags = server.DbFlags();
    command.insert(command.end(), flags.begin(), flags.end());
    command.insert(command.end(), more.begin(), more.end());
    return command;
}

// Ids of the demo workspace, read through the API as the admin.
struct DemoIds {
    std::string x2;                            // product "SkyLift X2"
    std::string ai;                            // product "SkyLift AI"
    std::string falcon;                        // team of X2
    std::string kestrel;                       // team of AI
    std::map<std::string, std::string> users;  // handle → id
};

// A demo server for one test suite, with cached logins.
class DemoEnv {
public:
    explicit DemoEnv(std::vector<std::string> extra_args = {})
        : server_(WithQuietLog(std::move(extra_args))), client_(server_.port()) {}

    ServerProcess& server() { return server_; }
    HttpClient& client() { return client_; }
    bool ok() const { return server_.port() != 0; }

    // A session token for the demo user (logged in once per suite).
    const std::string& Token(const std::string& handle) {
        auto it = tokens_.find(handle);
        if (it == tokens_.end()) {
            it = tokens_.emplace(handle, LoginToken(client_, DemoEmail(handle))).first;
        }
        return it->second;
    }

    const DemoIds& Ids() {
        if (!ids_) {
            ids_ = LoadIds();
        }
        return *ids_;
    }

private:
    static std::vector<std::string> WithQuietLog(std::vector<std::string> extra) {
        extra.push_back("--access-log=false");
        return extra;
    }

    DemoIds LoadIds() {
        DemoIds ids;
        const std::string& admin = Token("admin");
        const HttpResult products = client_.Get("/api/v1/products?limit=200", admin);
        EXPECT_EQ(products.status, 200) << products.body;
        for (const auto& p : ArrAt(products.Json(), {"data"})) {
            if (StrAt(p, {"key"}) == "X2") {
                ids.x2 = StrAt(p, {"id"});
            } else if (StrAt(p, {"key"}) == "AI") {
                ids.ai = StrAt(p, {"id"});
            }
        }
        const HttpResult teams = client_.Get("/api/v1/teams?limit=200", admin);
        EXPECT_EQ(teams.status, 200) << teams.body;
        for (const auto& t : ArrAt(teams.Json(), {"data"})) {
            if (StrAt(t, {"name"}) == "Falcon") {
                ids.falcon = StrAt(t, {"id"});
            } else if (StrAt(t, {"name"}) == "Kestrel") {
                ids.kestrel = StrAt(t, {"id"});
            }
        }
        const HttpResult users = client_.Get("/api/v1/users?limit=200", admin);
        EXPECT_EQ(users.status, 200) << users.body;
        for (const auto& u : ArrAt(users.Json(), {"data"})) {
            const std::string email = StrAt(u, {"email"});
            for (const auto& h : kDemoHandles) {
                if (email == DemoEmail(h)) {
                    ids.users[h] = StrAt(u, {"id"});
                }
            }
        }
        EXPECT_FALSE(ids.x2.empty());
        EXPECT_FALSE(ids.ai.empty());
        EXPECT_FALSE(ids.falcon.empty());
        EXPECT_FALSE(ids.kestrel.empty());
        EXPECT_EQ(ids.users.size(), kDemoHandles.size());
        return ids;
    }

    ServerProcess server_;
    HttpClient client_;
    std::map<std::string, std::string> tokens_;
    std::optional<DemoIds> ids_;
};

// A fixture whose tests share one demo server (started once per suite when the whole binary
// runs; CTest runs each test in its own process, so tests must not depend on each other).
template <typename Derived>
class DemoSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() { env_ = std::make_unique<DemoEnv>(); }
    static void TearDownTestSuite() { env_.reset(); }
    void SetUp() override { ASSERT_TRUE(env_ && env_->ok()) << "the demo server did not start"; }

    static DemoEnv& env() { return *env_; }
    static HttpClient& client() { return env_->client(); }
    static const std::string& Token(const std::string& handle) { return env_->Token(handle); }
    static const DemoIds& Ids() { return env_->Ids(); }

    // A product of its own (so ranks and counts are not shared between tests), named
    // "<name> <key>", with the demo people in their usual roles: alice PM, bob PO, carol SM,
    // dave team, erin stakeholder (frank none). `open_workflow`: no transitions and no
    // Definition of Ready or Done, so the PO moves any item straight to done.
    static std::string NewRoledProduct(const std::string& key,
                                       const std::string& name,
                                       bool open_workflow = false) {
        const HttpResult created =
            client().Post("/api/v1/products",
                          json::serialize(json::object{{"key", key}, {"name", name + " " + key}}),
                          Token("admin"));
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string id = StrAt(created.Json(), {"id"});
        for (const auto& [handle, role] :
             std::vector<std::pair<std::string, std::string>>{{"alice", "product_manager"},
                                                              {"bob", "product_owner"},
                                                              {"carol", "scrum_master"},
                                                              {"dave", "team_member"},
                                                              {"erin", "stakeholder"}}) {
            const HttpResult r = client().Post(
                "/api/v1/products/" + id + "/roles",
                json::serialize(json::object{{"user_id", Ids().users.at(handle)}, {"role", role}}),
                Token("admin"));
            EXPECT_EQ(r.status, 201) << r.body;
        }
        if (open_workflow) {
            const HttpResult settings = client().Patch(
                "/api/v1/products/" + id + "/backlog-settings",
                R"({"transitions":[],"definition_of_ready":[],"definition_of_done":[]})",
                Token("bob"));
            EXPECT_EQ(settings.status, 200) << settings.body;
        }
        return id;
    }

    static inline std::unique_ptr<DemoEnv> env_;
};

}  // namespace tl::test
