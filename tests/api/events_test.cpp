// Live events against the real server: GET /api/v1/events as server-sent events — a change
// arrives on an open stream within a second, a stream resumes from Last-Event-ID, each user
// sees only what they may read, a session that ends closes its stream, and shutdown ends
// open streams.
#include <chrono>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/event_stream_client.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

json::value Data(const ServerSentEvent& e) {
    boost::system::error_code ec;
    json::value v = json::parse(e.data, ec);
    EXPECT_FALSE(ec) << "event data is not JSON: " << e.data;
    return v;
}

class EventsTest : public DemoSuite<EventsTest> {
protected:
    // Opens a stream as `handle` and waits for its `ready` event.
    static std::unique_ptr<EventStreamClient> Open(
        const std::string& handle,
        std::string target = "/api/v1/events",
        std::vector<std::pair<std::string, std::string>> headers = {}) {
        auto stream = std::make_unique<EventStreamClient>(
            env().server().port(), Token(handle), std::move(target), std::move(headers));
        EXPECT_EQ(stream->Status(), 200) << stream->head() << stream->raw_body();
        auto ready = stream->Next(5s);
        EXPECT_TRUE(ready && ready->event == "ready") << "no ready event";
        return stream;
    }

    static void Rename(const std::string& product_id, const std::string& name) {
        const HttpResult r = client().Patch("/api/v1/products/" + product_id,
                                            json::serialize(json::object{{"name", name}}),
                                            Token("alice"));
        ASSERT_EQ(r.status, 200) << r.body;
    }
};

TEST_F(EventsTest, StreamHeadIsEventStreamWithoutCachingOrBuffering) {
    EventStreamClient stream(env().server().port(), Token("bob"));
    ASSERT_EQ(stream.Status(), 200) << stream.head();
    EXPECT_NE(stream.head().find("Content-Type: text/event-stream"), std::string::npos)
        << stream.head();
    EXPECT_NE(stream.head().find("Cache-Control: no-store"), std::string::npos);
    EXPECT_NE(stream.head().find("X-Accel-Buffering: no"), std::string::npos);
    auto ready = stream.Next(5s);
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->event, "ready");
    EXPECT_FALSE(ready->id.empty());
    EXPECT_EQ(StrAt(Data(*ready), {"cursor"}), ready->id);
}

TEST_F(EventsTest, ChangeArrivesWithinOneSecondWithWhoAndWhat) {
    auto stream = Open("bob");
    Rename(Ids().x2, "SkyLift X2 Live");
    const auto before = std::chrono::steady_clock::now();  // the write is acknowledged
    auto change = stream->NextOf("change", 1s);
    ASSERT_TRUE(change) << "no change event within one second";
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
    const json::value v = Data(*change);
    EXPECT_EQ(change->id, StrAt(v, {"id"}));
    EXPECT_EQ(StrAt(v, {"entity_type"}), "product");
    EXPECT_EQ(StrAt(v, {"entity_id"}), Ids().x2);
    EXPECT_EQ(StrAt(v, {"product_id"}), Ids().x2);
    EXPECT_EQ(StrAt(v, {"action"}), "updated");
    EXPECT_EQ(StrAt(v, {"actor", "name"}), "Alice Moreau");
    EXPECT_EQ(StrAt(v, {"changes", "name", "after"}), "SkyLift X2 Live");
}

TEST_F(EventsTest, ResumesFromLastEventIdWithNothingMissedOrRepeated) {
    std::string last_seen;
    {
        auto stream = Open("carol");  // on both products
        Rename(Ids().x2, "Resume 1");
        auto first = stream->NextOf("change", 2s);
        ASSERT_TRUE(first);
        last_seen = first->id;
    }
    // Disconnected: three changes happen meanwhile.
    Rename(Ids().x2, "Resume 2");
    Rename(Ids().x2, "Resume 3");
    Rename(Ids().ai, "SkyLift AI Resumed");
    EventStreamClient resumed(
        env().server().port(), Token("carol"), "/api/v1/events", {{"Last-Event-ID", last_seen}});
    ASSERT_EQ(resumed.Status(), 200);
    auto ready = resumed.Next(5s);
    ASSERT_TRUE(ready && ready->event == "ready");
    EXPECT_EQ(ready->id, last_seen);
    std::vector<std::string> names;
    std::int64_t previous = std::stoll(last_seen);
    for (int i = 0; i < 3; ++i) {
        auto e = resumed.NextOf("change", 2s);
        ASSERT_TRUE(e) << "missed event " << i;
        EXPECT_GT(std::stoll(e->id), previous);
        previous = std::stoll(e->id);
        names.push_back(StrAt(Data(*e), {"changes", "name", "after"}));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Resume 2", "Resume 3", "SkyLift AI Resumed"}));

    // ?after= does the same for clients that cannot set the header.
    EventStreamClient by_query(
        env().server().port(), Token("carol"), "/api/v1/events?after=" + last_seen);
    ASSERT_EQ(by_query.Status(), 200);
    ASSERT_TRUE(by_query.NextOf("ready", 5s));
    auto first = by_query.NextOf("change", 2s);
    ASSERT_TRUE(first);
    EXPECT_EQ(StrAt(Data(*first), {"changes", "name", "after"}), "Resume 2");
}

TEST_F(EventsTest, ProductFilterNarrowsTheStream) {
    auto stream = Open("carol", "/api/v1/events?product_id=" + Ids().ai);
    Rename(Ids().x2, "Not for this stream");
    Rename(Ids().ai, "SkyLift AI Filtered");
    auto e = stream->NextOf("change", 2s);
    ASSERT_TRUE(e);
    EXPECT_EQ(StrAt(Data(*e), {"product_id"}), Ids().ai);
    EXPECT_EQ(StrAt(Data(*e), {"changes", "name", "after"}), "SkyLift AI Filtered");
}

TEST_F(EventsTest, UserSeesOnlyWhatTheyMayRead) {
    // A new colleague with no role on any product.
    const HttpResult created = client().Post(
        "/api/v1/users",
        R"({"email":"zoe@skylift.example","name":"Zoe Quinn","password":"a long password 1"})",
        Token("admin"));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string zoe_id = StrAt(created.Json(), {"id"});
    const std::string zoe = LoginToken(client(), "zoe@skylift.example", "a long password 1");
    EventStreamClient stream(env().server().port(), zoe);
    ASSERT_EQ(stream.Status(), 200);
    ASSERT_TRUE(stream.NextOf("ready", 5s));

    Rename(Ids().x2, "Hidden from Zoe");  // a product Zoe holds no role on
    const HttpResult team = client().Patch(
        "/api/v1/teams/" + Ids().falcon, R"({"name":"Falcon Squad"})", Token("admin"));
    ASSERT_EQ(team.status, 200) << team.body;
    auto e = stream.NextOf("change", 2s);
    ASSERT_TRUE(e);
    EXPECT_EQ(StrAt(Data(*e), {"entity_type"}), "team") << e->data;

    // Given a role, she sees the product's next change (roles are read afresh).
    const HttpResult role =
        client().Post("/api/v1/products/" + Ids().x2 + "/roles",
                      json::serialize(json::object{{"user_id", zoe_id}, {"role", "stakeholder"}}),
                      Token("admin"));
    ASSERT_EQ(role.status, 201) << role.body;
    Rename(Ids().x2, "Visible to Zoe");
    bool seen = false;
    for (int i = 0; i < 3 && !seen; ++i) {
        auto next = stream.NextOf("change", 2s);
        ASSERT_TRUE(next);
        seen = StrAt(Data(*next), {"changes", "name", "after"}) == "Visible to Zoe";
        EXPECT_NE(StrAt(Data(*next), {"changes", "name", "after"}), "Hidden from Zoe");
    }
    EXPECT_TRUE(seen);

    // Another user's account events stay private; the admin sees them.
    auto admin_stream = Open("admin");
    const HttpResult renamed_user = client().Patch(
        "/api/v1/users/" + Ids().users.at("dave"), R"({"name":"Dave D."})", Token("admin"));
    ASSERT_EQ(renamed_user.status, 200) << renamed_user.body;
    auto admin_event = admin_stream->NextOf("change", 2s);
    ASSERT_TRUE(admin_event);
    EXPECT_EQ(StrAt(Data(*admin_event), {"entity_type"}), "user");
    Rename(Ids().x2, "After Dave's rename");
    auto zoe_next = stream.NextOf("change", 2s);
    ASSERT_TRUE(zoe_next);
    EXPECT_EQ(StrAt(Data(*zoe_next), {"entity_type"}), "product")
        << "Zoe must not see another user's account change";
}

TEST_F(EventsTest, BadRequestsAnswerBeforeStreaming) {
    ExpectError(client().Get("/api/v1/events"), 401, "unauthenticated");
    ExpectInvalid(
        client().Request("GET",
                         "/api/v1/events",
                         {},
                         {{"Authorization", "Bearer " + Token("bob")}, {"Last-Event-ID", "x1"}}),
        {"Last-Event-ID"});
    ExpectInvalid(client().Get("/api/v1/events?after=-4", Token("bob")), {"after"});
    ExpectError(
        client().Get("/api/v1/events?product_id=prd_missing", Token("bob")), 404, "not_found");
    // Bob holds no role on the AI product: no stream of it either.
    ExpectError(
        client().Get("/api/v1/events?product_id=" + Ids().ai, Token("bob")), 403, "forbidden");
}

TEST_F(EventsTest, CursorAheadOfTheLogStartsAtTheNewestEvent) {
    EventStreamClient stream(
        env().server().port(), Token("bob"), "/api/v1/events", {{"Last-Event-ID", "999999999"}});
    ASSERT_EQ(stream.Status(), 200);
    auto ready = stream.NextOf("ready", 5s);
    ASSERT_TRUE(ready);
    EXPECT_LT(std::stoll(ready->id), 999999999);
    Rename(Ids().x2, "After a restore");
    EXPECT_TRUE(stream.NextOf("change", 2s)) << "a stream ahead of the log must still see news";
}

TEST(EventsSessionTest, LoggingOutClosesTheStreamWithAnErrorEvent) {
    DemoEnv env({"--event-heartbeat", "200ms"});
    ASSERT_TRUE(env.ok());
    const std::string token = LoginToken(env.client(), DemoEmail("carol"));
    EventStreamClient stream(env.server().port(), token);
    ASSERT_EQ(stream.Status(), 200);
    ASSERT_TRUE(stream.NextOf("ready", 5s));
    // Idle streams send heartbeats.
    EXPECT_FALSE(stream.NextOf("change", 700ms));
    EXPECT_GE(stream.comments(), 2);

    ASSERT_EQ(env.client().Post("/api/v1/auth/logout", "", token).status, 204);
    auto error = stream.NextOf("error", 3s);
    ASSERT_TRUE(error) << "no error event after logout";
    EXPECT_EQ(StrAt(Data(*error), {"error", "code"}), "unauthenticated");
    EXPECT_TRUE(stream.WaitEnd(3s)) << "the stream stayed open after its session ended";
}

TEST(EventsShutdownTest, SigtermEndsOpenStreamsAndTheServerExits) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    const std::string token = LoginToken(env.client(), DemoEmail("dave"));
    std::vector<std::unique_ptr<EventStreamClient>> streams;
    for (int i = 0; i < 3; ++i) {
        streams.push_back(std::make_unique<EventStreamClient>(env.server().port(), token));
        ASSERT_EQ(streams.back()->Status(), 200);
        ASSERT_TRUE(streams.back()->NextOf("ready", 5s));
    }
    const auto before = std::chrono::steady_clock::now();
    env.server().Signal(SIGTERM);
    for (auto& s : streams) {
        EXPECT_TRUE(s->WaitEnd(5s)) << "a stream outlived the shutdown";
    }
    EXPECT_EQ(env.server().Wait(std::chrono::seconds(5)), 0) << env.server().Output();
    // Well within the default 10 s grace: streams end at once instead of holding it up.
    EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
}

TEST(EventsLoadTest, ManyStreamsAllReceiveEachChange) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    const std::string token = LoginToken(env.client(), DemoEmail("erin"));
    std::vector<std::unique_ptr<EventStreamClient>> streams;
    for (int i = 0; i < 50; ++i) {
        streams.push_back(std::make_unique<EventStreamClient>(env.server().port(), token));
    }
    for (auto& s : streams) {
        ASSERT_EQ(s->Status(), 200);
        ASSERT_TRUE(s->NextOf("ready", 5s));
    }
    const std::string alice = env.Token("alice");
    const std::string x2 = env.Ids().x2;
    for (int round = 0; round < 3; ++round) {
        const std::string name = "Broadcast " + std::to_string(round);
        ASSERT_EQ(
            env.client()
                .Patch(
                    "/api/v1/products/" + x2, json::serialize(json::object{{"name", name}}), alice)
                .status,
            200);
        for (auto& s : streams) {
            auto e = s->NextOf("change", 2s);
            ASSERT_TRUE(e) << s->Describe() << "\n" << env.server().Output();
            EXPECT_EQ(StrAt(Data(*e), {"changes", "name", "after"}), name);
        }
    }
}

}  // namespace
}  // namespace tl::test
