// Graceful shutdown of the real server: SIGTERM lets the request in flight finish, refuses new
// connections, and the process exits with status 0.
#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <signal.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

// The body of an HTTP/1.1 answer in `raw` (after the blank line), or "".
std::string BodyOf(const std::string& raw) {
    const std::size_t end = raw.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : raw.substr(end + 4);
}

TEST(ShutdownTest, RequestInFlightCompletesThenTheProcessExitsCleanly) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    const unsigned short port = env.server().port();
    // Warm up: the server answers normally.
    ASSERT_EQ(env.client().Get("/healthz").status, 200);

    const std::string body = R"({"email":"alice@skylift.example","password":"demo"})";
    const std::size_t split = body.size() / 2;
    RawConnection conn(port);
    conn.Send(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: test\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, split));
    // Let the server read the headers and part of the body.
    std::this_thread::sleep_for(100ms);

    env.server().Signal(SIGTERM);
    std::this_thread::sleep_for(200ms);
    EXPECT_NE(env.server().Wait(0ms), 0) << "the server exited with a request in flight";

    // New connections are refused from now on.
    EXPECT_TRUE(ConnectRefused(port)) << "a new connection was accepted after SIGTERM";

    conn.Send(body.substr(split));
    const std::string answer = conn.ReadAll(10s);
    ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << "answer: " << answer.substr(0, 1000);
    boost::system::error_code ec;
    const json::value v = json::parse(BodyOf(answer), ec);
    ASSERT_FALSE(ec) << answer;
    EXPECT_FALSE(StrAt(v, {"token"}).empty()) << answer;
    // The connection is closed after the answer (the server is stopping).
    EXPECT_TRUE(conn.ClosedByPeer());

    EXPECT_EQ(env.server().Wait(5s), 0) << env.server().Output();
    EXPECT_NE(env.server().Output().find("Throughline stopped"), std::string::npos)
        << env.server().Output();
}

TEST(ShutdownTest, IdleServerExitsPromptlyOnSigterm) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    // An idle keep-alive connection does not hold the shutdown up.
    RawConnection idle(env.server().port());
    idle.Send("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    const std::string first = idle.ReadAll(300ms);
    EXPECT_EQ(first.rfind("HTTP/1.1 200", 0), 0u) << first;

    const auto started = std::chrono::steady_clock::now();
    env.server().Signal(SIGTERM);
    EXPECT_EQ(env.server().Wait(5s), 0) << env.server().Output();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
    EXPECT_TRUE(ConnectRefused(env.server().port()));
}

TEST(ShutdownTest, SigintAlsoStopsCleanly) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    // One answer proves Run() has installed its signal handlers: the startup line is printed
    // before they are, so a signal sent at once may still meet the default action.
    ASSERT_EQ(env.client().Get("/healthz").status, 200);
    env.server().Signal(SIGINT);
    EXPECT_EQ(env.server().Wait(5s), 0) << env.server().Output();
}

TEST(ShutdownTest, RestartKeepsTheDataAndDoesNotReseed) {
    // A second server on the same database, named by its --db URL, sees the first one's writes.
    DemoEnv first;
    ASSERT_TRUE(first.ok());
    const std::string alice = first.Token("alice");
    const HttpResult renamed = first.client().Patch(
        "/api/v1/products/" + first.Ids().x2, R"({"name":"Persisted"})", alice);
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    first.server().Signal(SIGTERM);
    ASSERT_EQ(first.server().Wait(5s), 0);

    ServerProcess second(first.server().database(), {"--access-log=false"});
    ASSERT_NE(second.port(), 0) << second.Output();
    EXPECT_NE(second.Output().find("already present"), std::string::npos) << second.Output();
    HttpClient client(second.port());
    const std::string token = LoginToken(client, "alice@skylift.example");
    const HttpResult product = client.Get("/api/v1/products/" + first.Ids().x2, token);
    ASSERT_EQ(product.status, 200) << product.body;
    EXPECT_EQ(StrAt(product.Json(), {"name"}), "Persisted");
    // The old session survived the restart too.
    EXPECT_EQ(client.Get("/api/v1/me", alice).status, 200);
}

}  // namespace
}  // namespace tl::test
