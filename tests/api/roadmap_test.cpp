// The roadmap over HTTP, on both backends (docs/strategy.md, "Roadmap"): a hand-worked product
// (periods, lanes by first goal, placement of every kind, work totals, release milestones, the
// Now/Next/Later board), rescheduling through the initiative's PATCH with If-Match, the
// timeframe set and cleared, the checks on the query, the portfolio, and published links
// (created by the PM, listed without tokens, read without login, 404 once revoked).
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

double Num(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_number() ? p->to_number<double>() : -1;
}

bool IsNull(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_null();
}

std::vector<std::string> Names(const json::array& initiatives) {
    std::vector<std::string> out;
    for (const auto& i : initiatives) {
        out.push_back(StrAt(i, {"name"}));
    }
    return out;
}

class RoadmapTest : public DemoSuite<RoadmapTest> {
protected:
    static json::value Get(const std::string& path, const std::string& who = "alice") {
        const HttpResult r = client().Get(path, Token(who));
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return r.Json();
    }
    static json::value Created(const HttpResult& r) {
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static std::string NewGoal(const std::string& product,
                               const std::string& objective,
                               const std::string& horizon,
                               const std::string& start) {
        return StrAt(Created(client().Post("/api/v1/products/" + product + "/goals",
                                           json::serialize(json::object{{"objective", objective},
                                                                        {"horizon", horizon},
                                                                        {"start_date", start}}),
                                           Token("alice"))),
                     {"id"});
    }
    static std::string NewInitiative(const std::string& product, json::object body) {
        return StrAt(Created(client().Post("/api/v1/products/" + product + "/initiatives",
                                           json::serialize(body),
                                           Token("alice"))),
                     {"id"});
    }
    static std::string Item(const std::string& product, json::object body) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    // The initiative named `name` in `list`, or null.
    static json::value Find(const json::array& list, const std::string& name) {
        for (const auto& i : list) {
            if (StrAt(i, {"name"}) == name) {
                return i;
            }
        }
        return nullptr;
    }
};

// The hand-worked product: from 2030-01-01 to 2031-06-30 by half year.
//   goals: G1 "Fly longer" (2030-01-01, year), G2 "Win inspectors" (2030-04-01, quarter)
//   Battery  goals [G2, G1]  2030-02-01 … 2030-08-15           lane G2, placement dates
//   Motors   goals [G1]      start 2030-01-01, half → 2030-06-30 lane G1, placement start
//   Manual   no goal         end 2030-12-31, year → 2030-01-01  lane No goal, placement end
//   Legacy   no goal         2020-01-01 … 2020-03-31             not in the window; now
//   Shelved  dropped, 2030 dates                                 on neither
//   Someday  no dates, timeframe later (set)                     board: later, "set"
//   releases: 1.0 on 2030-05-15 (shown), 0.9 on 2029-12-01 (before the window)
//   work of Battery: an epic (3 points), its feature and a done story (5) in it: 3 items,
//   8 points, 1 item and 5 points done.
TEST_F(RoadmapTest, HandWorkedProductRoadmap) {
    const std::string p = NewRoledProduct("RMA", "Roadmap", /*open_workflow=*/true);
    const std::string g1 = NewGoal(p, "Fly longer", "year", "2030-01-01");
    const std::string g2 = NewGoal(p, "Win inspectors", "quarter", "2030-04-01");
    const std::string battery = NewInitiative(p,
                                              {{"name", "Battery"},
                                               {"goal_ids", json::array{g2.c_str(), g1.c_str()}},
                                               {"start_date", "2030-02-01"},
                                               {"end_date", "2030-08-15"},
                                               {"status", "planned"},
                                               {"owner_id", Ids().users.at("alice")}});
    const std::string motors = NewInitiative(p,
                                             {{"name", "Motors"},
                                              {"goal_ids", json::array{g1.c_str()}},
                                              {"start_date", "2030-01-01"},
                                              {"horizon", "half"}});
    NewInitiative(p, {{"name", "Manual"}, {"end_date", "2030-12-31"}, {"horizon", "year"}});
    NewInitiative(p,
                  {{"name", "Legacy"}, {"start_date", "2020-01-01"}, {"end_date", "2020-03-31"}});
    NewInitiative(p,
                  {{"name", "Shelved"},
                   {"start_date", "2030-01-01"},
                   {"end_date", "2030-03-31"},
                   {"status", "dropped"}});
    NewInitiative(p, {{"name", "Someday"}, {"timeframe", "later"}});
    const std::string epic =
        Item(p, {{"type", "epic"}, {"title", "Cells"}, {"points", 3}, {"initiative_id", battery}});
    const std::string feature =
        Item(p, {{"type", "feature"}, {"title", "Cell chemistry"}, {"parent_id", epic}});
    const std::string story =
        Item(p, {{"type", "story"}, {"title", "Cell test"}, {"points", 5}, {"parent_id", feature}});
    ASSERT_EQ(client().Patch("/api/v1/items/" + story, R"({"status":"done"})", Token("bob")).status,
              200);
    Created(client().Post("/api/v1/products/" + p + "/releases",
                          R"({"version":"1.0","name":"Launch","target_date":"2030-05-15"})",
                          Token("bob")));
    Created(client().Post("/api/v1/products/" + p + "/releases",
                          R"({"version":"0.9","target_date":"2029-12-01"})",
                          Token("bob")));

    const std::string path =
        "/api/v1/products/" + p + "/roadmap?from=2030-01-01&to=2031-06-30&granularity=half";
    const json::value r = Get(path, "erin");  // a stakeholder reads it
    EXPECT_EQ(StrAt(r, {"product", "key"}), "RMA");
    EXPECT_EQ(StrAt(r, {"from"}), "2030-01-01");
    EXPECT_EQ(StrAt(r, {"to"}), "2031-06-30");
    EXPECT_EQ(StrAt(r, {"granularity"}), "half");
    const auto periods = ArrAt(r, {"periods"});
    ASSERT_EQ(periods.size(), 3u) << r;
    EXPECT_EQ(StrAt(periods[0], {"label"}), "2030 H1");
    EXPECT_EQ(StrAt(periods[1], {"start"}), "2030-07-01");
    EXPECT_EQ(StrAt(periods[1], {"end"}), "2030-12-31");
    EXPECT_EQ(StrAt(periods[2], {"label"}), "2031 H1");

    const auto lanes = ArrAt(r, {"lanes"});
    ASSERT_EQ(lanes.size(), 3u) << r;
    EXPECT_EQ(StrAt(lanes[0], {"goal", "id"}), g1);
    EXPECT_EQ(StrAt(lanes[0], {"name"}), "Fly longer");
    EXPECT_EQ(Names(ArrAt(lanes[0], {"initiatives"})), (std::vector<std::string>{"Motors"}));
    EXPECT_EQ(StrAt(lanes[1], {"goal", "objective"}), "Win inspectors");
    EXPECT_EQ(Names(ArrAt(lanes[1], {"initiatives"})), (std::vector<std::string>{"Battery"}));
    EXPECT_TRUE(IsNull(lanes[2], {"goal"}));
    EXPECT_EQ(StrAt(lanes[2], {"name"}), "No goal");
    EXPECT_EQ(Names(ArrAt(lanes[2], {"initiatives"})), (std::vector<std::string>{"Manual"}));

    const json::value b = ArrAt(lanes[1], {"initiatives"})[0];
    EXPECT_EQ(StrAt(b, {"id"}), battery);
    EXPECT_EQ(StrAt(b, {"start"}), "2030-02-01");
    EXPECT_EQ(StrAt(b, {"end"}), "2030-08-15");
    EXPECT_EQ(StrAt(b, {"placement"}), "dates");
    EXPECT_EQ(StrAt(b, {"status"}), "planned");
    EXPECT_EQ(StrAt(b, {"owner", "name"}),
              StrAt(Get("/api/v1/users/" + Ids().users.at("alice")), {"name"}));
    ASSERT_EQ(ArrAt(b, {"goals"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(b, {"goals"})[0], {"id"}), g2);
    EXPECT_EQ(IntAt(b, {"work", "items"}), 3);
    EXPECT_EQ(Num(b, {"work", "points"}), 8);
    EXPECT_EQ(IntAt(b, {"work", "done_items"}), 1);
    EXPECT_EQ(Num(b, {"work", "done_points"}), 5);
    EXPECT_EQ(IntAt(b, {"version"}), 1);
    // Planned, starting in 2030: later, derived.
    EXPECT_EQ(StrAt(b, {"timeframe"}), "later");
    EXPECT_EQ(StrAt(b, {"timeframe_source"}), "derived");
    const json::value m = ArrAt(lanes[0], {"initiatives"})[0];
    EXPECT_EQ(StrAt(m, {"end"}), "2030-06-30");
    EXPECT_EQ(StrAt(m, {"placement"}), "start");
    EXPECT_TRUE(IsNull(m, {"end_date"}));
    EXPECT_EQ(IntAt(m, {"work", "items"}), 0);
    const json::value man = ArrAt(lanes[2], {"initiatives"})[0];
    EXPECT_EQ(StrAt(man, {"start"}), "2030-01-01");
    EXPECT_EQ(StrAt(man, {"placement"}), "end");

    const auto releases = ArrAt(r, {"releases"});
    ASSERT_EQ(releases.size(), 1u) << r;
    EXPECT_EQ(StrAt(releases[0], {"version"}), "1.0");
    EXPECT_EQ(StrAt(releases[0], {"name"}), "Launch");
    EXPECT_EQ(StrAt(releases[0], {"target_date"}), "2030-05-15");
    EXPECT_EQ(StrAt(releases[0], {"status"}), "planned");

    // The board: open initiatives whatever the window.
    EXPECT_EQ(Names(ArrAt(r, {"board", "now"})), (std::vector<std::string>{"Legacy"}));
    EXPECT_TRUE(ArrAt(r, {"board", "next"}).empty());
    const auto later = ArrAt(r, {"board", "later"});
    EXPECT_EQ(later.size(), 4u) << r;
    const json::value someday = Find(later, "Someday");
    ASSERT_FALSE(someday.is_null()) << r;
    EXPECT_EQ(StrAt(someday, {"timeframe_source"}), "set");
    EXPECT_EQ(StrAt(someday, {"placement"}), "timeframe");
    EXPECT_TRUE(Find(later, "Shelved").is_null());
    EXPECT_EQ(StrAt(Find(ArrAt(r, {"board", "now"}), "Legacy"), {"timeframe_source"}), "derived");

    // By quarter the same window has six periods; by year two.
    EXPECT_EQ(
        ArrAt(Get("/api/v1/products/" + p + "/roadmap?from=2030-01-01&to=2031-06-30"), {"periods"})
            .size(),
        6u);
    EXPECT_EQ(ArrAt(Get("/api/v1/products/" + p +
                        "/roadmap?from=2030-01-01&to=2031-06-30&granularity=year"),
                    {"periods"})
                  .size(),
              2u);
    // The defaults: by quarter, three years from the start of the current quarter.
    const json::value d = Get("/api/v1/products/" + p + "/roadmap");
    EXPECT_EQ(StrAt(d, {"granularity"}), "quarter");
    EXPECT_EQ(ArrAt(d, {"periods"}).size(), 12u);
    EXPECT_EQ(StrAt(ArrAt(d, {"periods"})[0], {"start"}), StrAt(d, {"from"}));
    EXPECT_EQ(StrAt(d, {"from"}).substr(8), "01");

    // The query is checked.
    ExpectInvalid(
        client().Get("/api/v1/products/" + p + "/roadmap?granularity=month", Token("alice")),
        {"granularity"});
    ExpectInvalid(
        client().Get("/api/v1/products/" + p + "/roadmap?from=2030-13-01", Token("alice")),
        {"from"});
    ExpectInvalid(client().Get("/api/v1/products/" + p + "/roadmap?from=2030-01-01&to=2029-01-01",
                               Token("alice")),
                  {"to"});
    ExpectInvalid(client().Get("/api/v1/products/" + p + "/roadmap?from=2030-01-01&to=2045-01-01",
                               Token("alice")),
                  {"to"});
    // Without a role on the product: refused.
    ExpectError(client().Get(path, Token("frank")), 403, "forbidden");
    ExpectError(
        client().Get("/api/v1/products/prd_missing/roadmap", Token("alice")), 404, "not_found");
    ExpectError(client().Get(path), 401, "unauthenticated");
    (void)motors;
}

TEST_F(RoadmapTest, RescheduleAndTimeframePersistWithIfMatch) {
    const std::string p = NewRoledProduct("RMB", "Roadmap");
    const std::string ini = NewInitiative(
        p, {{"name", "Radar"}, {"start_date", "2030-01-01"}, {"end_date", "2030-03-31"}});
    const std::string path = "/api/v1/products/" + p + "/roadmap?from=2030-01-01&to=2030-12-31";
    const std::string target = "/api/v1/initiatives/" + ini;

    // Only the PM moves it; a stale version is refused with the current initiative.
    ExpectError(
        client().Patch(
            target, R"({"start_date":"2030-04-01","end_date":"2030-06-30"})", Token("bob"), "1"),
        403,
        "forbidden");
    const HttpResult moved = client().Patch(
        target, R"({"start_date":"2030-04-01","end_date":"2030-06-30"})", Token("alice"), "1");
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.Header("etag"), "\"2\"");
    const HttpResult stale = client().Patch(
        target, R"({"start_date":"2030-07-01","end_date":"2030-09-30"})", Token("alice"), "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "start_date"}), "2030-04-01");

    const json::value r = Get(path, "dave");
    const auto lanes = ArrAt(r, {"lanes"});
    ASSERT_EQ(lanes.size(), 1u) << r;
    const json::value i = ArrAt(lanes[0], {"initiatives"})[0];
    EXPECT_EQ(StrAt(i, {"start"}), "2030-04-01");
    EXPECT_EQ(StrAt(i, {"end"}), "2030-06-30");
    EXPECT_EQ(IntAt(i, {"version"}), 2);

    // The timeframe: set (and answered by the initiative), then cleared back to derived.
    ExpectInvalid(client().Patch(target, R"({"timeframe":"soon"})", Token("alice")), {"timeframe"});
    const HttpResult now = client().Patch(target, R"({"timeframe":"now"})", Token("alice"), "2");
    ASSERT_EQ(now.status, 200) << now.body;
    EXPECT_EQ(StrAt(now.Json(), {"timeframe"}), "now");
    const json::value board = Get(path);
    ASSERT_EQ(ArrAt(board, {"board", "now"}).size(), 1u) << board;
    EXPECT_EQ(StrAt(ArrAt(board, {"board", "now"})[0], {"timeframe_source"}), "set");
    const HttpResult cleared = client().Patch(target, R"({"timeframe":null})", Token("alice"), "3");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(IsNull(cleared.Json(), {"timeframe"}));
    const json::value after = Get(path);
    ASSERT_EQ(ArrAt(after, {"board", "later"}).size(), 1u) << after;
    EXPECT_EQ(StrAt(ArrAt(after, {"board", "later"})[0], {"timeframe_source"}), "derived");
    EXPECT_EQ(IntAt(ArrAt(after, {"board", "later"})[0], {"version"}), 4);

    // The changes are initiative events of the product (what open roadmaps listen to).
    const json::value history = Get("/api/v1/products/" + p + "/history?limit=10");
    int updates = 0;
    for (const auto& e : ArrAt(history, {"data"})) {
        if (StrAt(e, {"entity_type"}) == "initiative" && StrAt(e, {"action"}) == "updated") {
            ++updates;
        }
    }
    EXPECT_EQ(updates, 3) << history;
}

TEST_F(RoadmapTest, PortfolioHasALanePerProductTheUserReads) {
    const std::string p = NewRoledProduct("RMC", "Roadmap");
    NewInitiative(
        p, {{"name", "Portfolio bet"}, {"start_date", "2030-02-01"}, {"end_date", "2030-05-31"}});
    const std::string path = "/api/v1/roadmap?from=2030-01-01&to=2030-12-31&granularity=quarter";
    const json::value r = Get(path, "erin");
    EXPECT_EQ(ArrAt(r, {"periods"}).size(), 4u);
    bool seen = false;
    for (const auto& lane : ArrAt(r, {"lanes"})) {
        if (StrAt(lane, {"product", "id"}) == p) {
            seen = true;
            EXPECT_EQ(Names(ArrAt(lane, {"initiatives"})),
                      (std::vector<std::string>{"Portfolio bet"}));
        }
    }
    EXPECT_TRUE(seen) << r;
    // Frank holds no role on it: his portfolio does not show it.
    const json::value frank = Get(path, "frank");
    for (const auto& lane : ArrAt(frank, {"lanes"})) {
        EXPECT_NE(StrAt(lane, {"product", "id"}), p);
    }
    ExpectInvalid(client().Get("/api/v1/roadmap?granularity=week", Token("alice")),
                  {"granularity"});
    ExpectError(client().Get(path), 401, "unauthenticated");
}

TEST_F(RoadmapTest, PublishedLinksReadWithoutLoginUntilRevoked) {
    const std::string p = NewRoledProduct("RMD", "Roadmap");
    NewInitiative(p,
                  {{"name", "Public bet"},
                   {"start_date", "2030-02-01"},
                   {"end_date", "2030-05-31"},
                   {"owner_id", Ids().users.at("alice")},
                   {"description", "Internal: the margin is thin"}});
    const std::string shares = "/api/v1/products/" + p + "/roadmap/shares";
    for (const std::string who : {"bob", "carol", "dave", "erin"}) {
        ExpectError(client().Post(shares, "{}", Token(who)), 403, "forbidden");
        ExpectError(client().Get(shares, Token(who)), 403, "forbidden");
    }
    const json::value share = Created(client().Post(shares, "", Token("alice")));
    const std::string token = StrAt(share, {"token"});
    const std::string id = StrAt(share, {"id"});
    EXPECT_EQ(token.rfind("rmp_", 0), 0u) << share;
    EXPECT_EQ(StrAt(share, {"url"}), "/shared/roadmap/" + token);
    EXPECT_EQ(StrAt(share, {"product_id"}), p);
    EXPECT_EQ(StrAt(share, {"created_by", "id"}), Ids().users.at("alice"));

    const json::value list = Get(shares);
    ASSERT_EQ(ArrAt(list, {"data"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(list, {"data"})[0], {"id"}), id);
    EXPECT_EQ(list.as_object().at("data").as_array()[0].as_object().count("token"), 0u);
    EXPECT_EQ(json::serialize(list).find(token), std::string::npos);

    // Read without any credentials: the roadmap, without versions, user ids or descriptions.
    const std::string public_path =
        "/api/v1/public/roadmaps/" + token + "?from=2030-01-01&to=2030-12-31";
    const HttpResult pub = client().Get(public_path);
    ASSERT_EQ(pub.status, 200) << pub.body;
    const json::value r = pub.Json();
    EXPECT_EQ(StrAt(r, {"product", "key"}), "RMD");
    const auto lanes = ArrAt(r, {"lanes"});
    ASSERT_EQ(lanes.size(), 1u) << r;
    const json::value i = ArrAt(lanes[0], {"initiatives"})[0];
    EXPECT_EQ(StrAt(i, {"name"}), "Public bet");
    EXPECT_EQ(At(i, {"version"}), nullptr);
    EXPECT_EQ(At(i, {"owner", "id"}), nullptr);
    EXPECT_FALSE(StrAt(i, {"owner", "name"}).empty());
    EXPECT_EQ(pub.body.find("margin"), std::string::npos);
    EXPECT_EQ(pub.body.find(Ids().users.at("alice")), std::string::npos);
    ExpectError(client().Get("/api/v1/public/roadmaps/rmp_wrong"), 404, "not_found");

    // Revoking: the PM only; then the link is gone.
    ExpectError(client().Delete("/api/v1/roadmap-shares/" + id, Token("bob")), 403, "forbidden");
    ExpectError(client().Delete("/api/v1/roadmap-shares/" + id, Token("frank")), 404, "not_found");
    ASSERT_EQ(client().Delete("/api/v1/roadmap-shares/" + id, Token("alice")).status, 204);
    ExpectError(client().Get(public_path), 404, "not_found");
    EXPECT_TRUE(ArrAt(Get(shares), {"data"}).empty());
    ExpectError(client().Delete("/api/v1/roadmap-shares/" + id, Token("alice")), 404, "not_found");
}

}  // namespace
}  // namespace tl::test
