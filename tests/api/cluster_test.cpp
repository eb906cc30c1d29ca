// Two server nodes on one PostgreSQL, as behind a load balancer: a session made on one works on
// the other, data written through one is read through the other, a change made through A
// reaches an event stream on B within a second, failed logins count across nodes, and with A
// killed (-9) in the middle of writes, B keeps serving and every acknowledged write is there.
// PostgreSQL only: the embedded SQLite shape is one process.
#ifdef TL_API_BACKEND_POSTGRES

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/event_stream_client.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

// Nodes A and B share one database (the second start finds the demo data already there).
class TwoNodeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        a_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--access-log=false"});
        if (a_->port() != 0) {
            b_ = std::make_unique<ServerProcess>(a_->database(),
                                                 std::vector<std::string>{"--access-log=false"});
        }
    }
    static void TearDownTestSuite() {
        b_.reset();
        a_.reset();
    }
    void SetUp() override {
        ASSERT_TRUE(a_ && a_->port() != 0 && b_ && b_->port() != 0) << "nodes did not start";
        ASSERT_NE(a_->port(), b_->port());
    }

    static HttpClient A() { return HttpClient(a_->port()); }
    static HttpClient B() { return HttpClient(b_->port()); }

    static std::string ProductId(HttpClient& client, const std::string& token, std::string key) {
        const HttpResult r = client.Get("/api/v1/products?limit=200", token);
        EXPECT_EQ(r.status, 200) << r.body;
        for (const auto& p : ArrAt(r.Json(), {"data"})) {
            if (StrAt(p, {"key"}) == key) {
                return StrAt(p, {"id"});
            }
        }
        ADD_FAILURE() << "no product " << key;
        return {};
    }

    static inline std::unique_ptr<ServerProcess> a_;
    static inline std::unique_ptr<ServerProcess> b_;
};

TEST_F(TwoNodeTest, ASessionMadeOnAWorksOnBAndEndsEverywhere) {
    HttpClient a = A();
    HttpClient b = B();
    const std::string token = LoginToken(a, DemoEmail("carol"));
    const HttpResult me_a = a.Get("/api/v1/me", token);
    const HttpResult me_b = b.Get("/api/v1/me", token);
    ASSERT_EQ(me_a.status, 200) << me_a.body;
    ASSERT_EQ(me_b.status, 200) << me_b.body;
    EXPECT_EQ(StrAt(me_a.Json(), {"user", "id"}), StrAt(me_b.Json(), {"user", "id"}))
        << me_a.body << "\n"
        << me_b.body;
    ASSERT_EQ(b.Post("/api/v1/auth/logout", "", token).status, 204);
    ExpectError(a.Get("/api/v1/me", token), 401, "unauthenticated");
}

TEST_F(TwoNodeTest, WrittenThroughAIsReadThroughBAndBack) {
    HttpClient a = A();
    HttpClient b = B();
    const std::string admin = LoginToken(a, DemoEmail("admin"));
    const HttpResult created =
        a.Post("/api/v1/products", R"({"key":"NODES","name":"Made on A"})", admin);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = StrAt(created.Json(), {"id"});
    const HttpResult read = b.Get("/api/v1/products/" + id, admin);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(StrAt(read.Json(), {"name"}), "Made on A");

    // The Product Manager edits through B with B's version; A then serves the new version,
    // and an edit through A with the old one is refused.
    const std::string alice = LoginToken(b, DemoEmail("alice"));
    const std::string x2 = "/api/v1/products/" + ProductId(b, alice, "X2");
    const std::int64_t version = IntAt(b.Get(x2, alice).Json(), {"version"});
    const HttpResult edited =
        b.Patch(x2, R"({"description":"edited on B"})", alice, std::to_string(version));
    ASSERT_EQ(edited.status, 200) << edited.body;
    const HttpResult back = a.Get(x2, alice);
    EXPECT_EQ(StrAt(back.Json(), {"description"}), "edited on B");
    EXPECT_EQ(IntAt(back.Json(), {"version"}), version + 1);
    ExpectError(a.Patch(x2, R"({"description":"stale"})", alice, std::to_string(version)),
                412,
                "precondition_failed");
}

TEST_F(TwoNodeTest, AChangeThroughAReachesAStreamOnBWithinOneSecond) {
    HttpClient a = A();
    const std::string alice = LoginToken(a, DemoEmail("alice"));
    const std::string x2 = ProductId(a, alice, "X2");
    EventStreamClient stream(b_->port(), alice);
    ASSERT_EQ(stream.Status(), 200) << stream.head();
    ASSERT_TRUE(stream.NextOf("ready", 5s));
    std::chrono::steady_clock::duration slowest{};
    for (int i = 0; i < 5; ++i) {
        const std::string name = "Across nodes " + std::to_string(i);
        const HttpResult r =
            a.Patch("/api/v1/products/" + x2, json::serialize(json::object{{"name", name}}), alice);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto acknowledged = std::chrono::steady_clock::now();
        auto e = stream.NextOf("change", 1s);
        ASSERT_TRUE(e) << "no event on B within one second of A's answer: " << stream.Describe();
        slowest = std::max(slowest, std::chrono::steady_clock::now() - acknowledged);
        EXPECT_EQ(StrAt(json::parse(e->data), {"changes", "name", "after"}), name);
    }
    EXPECT_LT(slowest, 1s);
    std::cout << "[ cluster ] slowest A-to-B event: "
              << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms\n";
}

TEST_F(TwoNodeTest, FailedLoginsCountAcrossNodes) {
    HttpClient a = A();
    HttpClient b = B();
    const std::string wrong = R"({"email":"frank@skylift.example","password":"not it"})";
    for (int i = 0; i < 5; ++i) {
        HttpClient& node = i % 2 == 0 ? a : b;
        ASSERT_EQ(node.Post("/api/v1/auth/login", wrong).status, 401);
    }
    const std::string right = R"({"email":"frank@skylift.example","password":"demo"})";
    ExpectError(a.Post("/api/v1/auth/login", right), 429, "rate_limited");
    ExpectError(b.Post("/api/v1/auth/login", right), 429, "rate_limited");
}

// A POST that may meet a dying node: the status (0 when the connection broke before an
// answer) and the body, without failing the test on a broken connection.
std::pair<int, std::string> TryPost(unsigned short port,
                                    const std::string& target,
                                    const std::string& body,
                                    const std::string& token) {
    RawConnection conn(port, RawConnection::Refusal::kExpected);  // the node may be killed
    conn.Send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
              "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n" +
              "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    const std::string answer = conn.ReadAll(std::chrono::seconds(10));
    const auto head_end = answer.find("\r\n\r\n");
    if (!answer.starts_with("HTTP/1.1 ") || head_end == std::string::npos) {
        return {0, {}};
    }
    return {std::stoi(answer.substr(9, 3)), answer.substr(head_end + 4)};
}

// Node C is killed with SIGKILL while four clients write through it; node D, on the same
// database, keeps serving, and every write C acknowledged is there — whole, with its event.
TEST(NodeCrashTest, KillingANodeMidWriteLosesNoAcknowledgedWrite) {
    auto c = std::make_unique<ServerProcess>(std::vector<std::string>{"--access-log=false"});
    ASSERT_NE(c->port(), 0);
    ServerProcess d(c->database(), {"--access-log=false"});
    ASSERT_NE(d.port(), 0);
    HttpClient via_c(c->port());
    HttpClient via_d(d.port());
    const std::string admin = LoginToken(via_c, DemoEmail("admin"));

    std::mutex mu;
    std::vector<std::pair<std::string, std::string>> acknowledged;  // id, name
    std::atomic<int> acks{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            for (int i = 0; !stop.load(); ++i) {  // one connection per write
                const std::string key = "W" + std::to_string(w) + "N" + std::to_string(i);
                const std::string name = "Written " + key;
                const auto [status, body] =
                    TryPost(c->port(),
                            "/api/v1/products",
                            json::serialize(json::object{{"key", key}, {"name", name}}),
                            admin);
                if (status != 201) {
                    break;  // the node is gone: this write was never acknowledged
                }
                std::lock_guard lock(mu);
                acknowledged.emplace_back(StrAt(json::parse(body), {"id"}), name);
                acks.fetch_add(1);
            }
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (acks.load() < 60 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    c->Signal(SIGKILL);  // mid-write: the writers are still sending
    EXPECT_EQ(c->Wait(5s), 128 + SIGKILL);
    stop.store(true);
    for (auto& t : writers) {
        t.join();
    }
    ASSERT_GE(acknowledged.size(), 60u);

    // D serves on, reads every acknowledged write, and its event is in the history.
    const HttpResult health = via_d.Get("/healthz");
    EXPECT_EQ(health.status, 200) << health.body;
    for (const auto& [id, name] : acknowledged) {
        const HttpResult r = via_d.Get("/api/v1/products/" + id, admin);
        ASSERT_EQ(r.status, 200) << "acknowledged write " << id << " lost: " << r.body;
        EXPECT_EQ(StrAt(r.Json(), {"name"}), name);
        const HttpResult history = via_d.Get("/api/v1/products/" + id + "/history", admin);
        ASSERT_EQ(history.status, 200) << history.body;
        const json::array events = ArrAt(history.Json(), {"data"});
        ASSERT_FALSE(events.empty()) << "product " << id << " without its created event";
        EXPECT_EQ(StrAt(events.back(), {"action"}), "created");
    }
    // Writes that were in flight either happened whole or not at all: every product D lists
    // has its created event.
    std::string cursor;
    int listed = 0;
    do {
        const HttpResult page = via_d.Get(
            "/api/v1/products?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), admin);
        ASSERT_EQ(page.status, 200) << page.body;
        for (const auto& p : ArrAt(page.Json(), {"data"})) {
            ++listed;
            const HttpResult history =
                via_d.Get("/api/v1/products/" + StrAt(p, {"id"}) + "/history?limit=200", admin);
            ASSERT_EQ(history.status, 200);
            EXPECT_FALSE(ArrAt(history.Json(), {"data"}).empty()) << StrAt(p, {"id"});
        }
        cursor = StrAt(page.Json(), {"next_cursor"});
    } while (!cursor.empty());
    EXPECT_GE(listed, static_cast<int>(acknowledged.size()));

    // D still takes writes and streams them.
    EventStreamClient stream(d.port(), admin);
    ASSERT_EQ(stream.Status(), 200);
    ASSERT_TRUE(stream.NextOf("ready", 5s));
    ASSERT_EQ(
        via_d.Post("/api/v1/products", R"({"key":"AFTER","name":"After the crash"})", admin).status,
        201);
    auto e = stream.NextOf("change", 2s);
    ASSERT_TRUE(e) << stream.Describe();
    EXPECT_EQ(StrAt(json::parse(e->data), {"action"}), "created");
    std::cout << "[ cluster ] acknowledged before the kill: " << acknowledged.size()
              << ", products listed after: " << listed << "\n";
}

// --db-pool bounds a node's connections to PostgreSQL: with one, parallel requests still all
// succeed (they take turns), and the database sees one pool connection plus the listener.
TEST(PoolTest, APoolOfOneServesParallelRequestsOnOneConnection) {
    ServerProcess node({"--access-log=false", "--db-pool", "1"});
    ASSERT_NE(node.port(), 0);
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 6; ++t) {
        clients.emplace_back([&] {
            HttpClient client(node.port());
            for (int i = 0; i < 10; ++i) {
                if (client.Get("/healthz").status == 200) {
                    ok.fetch_add(1);
                }
            }
        });
    }
    for (auto& t : clients) {
        t.join();
    }
    EXPECT_EQ(ok.load(), 60);
    const CommandResult count =
        RunCommand({"/usr/bin/psql",
                    "-X",
                    "-tA",
                    node.database()->Url(),
                    "-c",
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"});
    ASSERT_EQ(count.exit_code, 0) << count.output;
    EXPECT_EQ(std::stoi(count.output), 2) << "one pool connection and the LISTEN connection";
}

TEST(PoolTest, BadPoolSettingsAreRefusedNamingTheFlag) {
    const CommandResult pool =
        RunCommand({ServerBinary(), "migrate", "--db-pool", "0", "--data-dir", "/nonexistent"});
    EXPECT_EQ(pool.exit_code, 2) << pool.output;
    EXPECT_NE(pool.output.find("--db-pool"), std::string::npos) << pool.output;
    const CommandResult timeout = RunCommand(
        {ServerBinary(), "migrate", "--db-statement-timeout", "soon", "--data-dir", "/x"});
    EXPECT_EQ(timeout.exit_code, 2) << timeout.output;
    EXPECT_NE(timeout.output.find("--db-statement-timeout"), std::string::npos) << timeout.output;
}

}  // namespace
}  // namespace tl::test

#endif  // TL_API_BACKEND_POSTGRES
