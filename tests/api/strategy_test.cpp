// Strategy over HTTP, on both backends (docs/strategy.md, "Vision", "Goals (OKRs)",
// "Initiatives", "Traceability and alignment"): vision versions with If-Match and history; the
// worked OKR example by hand (progress 0.35, expected 183/365, at risk); goal periods and the
// checks on every field; initiatives serving goals; items naming goals and initiatives of
// their product only; the work below a goal or an initiative; an item's trace up to the vision;
// a sprint's and a release's alignment with hand-worked shares; what deleting takes with it;
// who may do what; and the demo's strategy.
#include <algorithm>
#include <cmath>
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

class StrategyTest : public DemoSuite<StrategyTest> {
protected:
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Strategy", /*open_workflow=*/true);
    }
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
                               json::array key_results = {},
                               const std::string& horizon = "year",
                               const std::string& start = "2027-01-01") {
        return StrAt(Created(client().Post(
                         "/api/v1/products/" + product + "/goals",
                         json::serialize(json::object{{"objective", objective},
                                                      {"horizon", horizon},
                                                      {"start_date", start},
                                                      {"key_results", std::move(key_results)}}),
                         Token("alice"))),
                     {"id"});
    }
    static std::string NewInitiative(const std::string& product,
                                     const std::string& name,
                                     json::array goal_ids) {
        return StrAt(
            Created(client().Post(
                "/api/v1/products/" + product + "/initiatives",
                json::serialize(json::object{
                    {"name", name}, {"goal_ids", std::move(goal_ids)}, {"status", "in_progress"}}),
                Token("alice"))),
            {"id"});
    }
    // An item by the PO; returns its key.
    static std::string Item(const std::string& product,
                            const std::string& type,
                            const std::string& title,
                            json::object more = {}) {
        more["type"] = type;
        more["title"] = title;
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(more), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    static HttpResult PatchItem(const std::string& key,
                                json::object body,
                                const std::string& who = "bob") {
        return client().Patch("/api/v1/items/" + key, json::serialize(body), Token(who));
    }
};

TEST_F(StrategyTest, VisionIsVersionedWithHistory) {
    const std::string p = NewProduct("SV");
    const std::string path = "/api/v1/products/" + p + "/vision";
    const json::value empty = Get(path, "erin");
    EXPECT_EQ(IntAt(empty, {"version"}), 0);
    EXPECT_EQ(StrAt(empty, {"statement"}), "");
    EXPECT_TRUE(IsNull(empty, {"updated_by"}));
    EXPECT_TRUE(IsNull(empty, {"updated_at"}));

    // Only the PM writes it, whatever the body holds.
    for (const std::string who : {"bob", "carol", "dave", "erin"}) {
        ExpectError(client().Patch(path, R"({"statement":7})", Token(who)), 403, "forbidden");
    }
    // Without any role on the product: refused (the product's own routes answer 403).
    ExpectError(client().Patch(path, R"({"statement":"x"})", Token("frank")), 403, "forbidden");

    const HttpResult first = client().Patch(
        path, R"({"statement":"Fly longer","target_customers":"Inspectors"})", Token("alice"));
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(IntAt(first.Json(), {"version"}), 1);
    EXPECT_EQ(first.Header("etag"), "\"1\"");
    EXPECT_EQ(StrAt(first.Json(), {"updated_by", "id"}), Ids().users.at("alice"));
    // Nothing changes: no new version.
    const HttpResult same =
        client().Patch(path, R"({"statement":"Fly longer"})", Token("alice"), "\"1\"");
    ASSERT_EQ(same.status, 200) << same.body;
    EXPECT_EQ(IntAt(same.Json(), {"version"}), 1);
    const HttpResult second =
        client().Patch(path, R"({"customer_needs":"- Long flights"})", Token("alice"), "1");
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(IntAt(second.Json(), {"version"}), 2);
    EXPECT_EQ(StrAt(second.Json(), {"statement"}), "Fly longer");
    // A stale version: 412 with the current vision.
    const HttpResult stale =
        client().Patch(path, R"({"statement":"Other"})", Token("alice"), "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2);
    ExpectInvalid(client().Patch(path,
                                 json::serialize(json::object{{"statement", std::string(1001, 'a')},
                                                              {"mission", "x"}}),
                                 Token("alice")),
                  {"statement", "mission"});

    const json::value history = Get(path + "/history?limit=1", "dave");
    ASSERT_EQ(ArrAt(history, {"data"}).size(), 1u);
    EXPECT_EQ(IntAt(ArrAt(history, {"data"})[0], {"version"}), 2);
    const std::string cursor = StrAt(history, {"next_cursor"});
    ASSERT_EQ(cursor, "2");
    const json::value rest = Get(path + "/history?limit=1&cursor=" + cursor, "dave");
    ASSERT_EQ(ArrAt(rest, {"data"}).size(), 1u);
    EXPECT_EQ(IntAt(ArrAt(rest, {"data"})[0], {"version"}), 1);
    EXPECT_EQ(StrAt(ArrAt(rest, {"data"})[0], {"customer_needs"}), "");
    EXPECT_TRUE(IsNull(rest, {"next_cursor"}));
}

// docs/strategy.md's worked example: flight time 38 → 45 at 41.5 (0.5), customers 10 → 30 at
// 14 (0.2): progress 0.35; on 2027-07-02, 183 of 365 days: expected 0.501 → at risk.
TEST_F(StrategyTest, OkrFiguresFollowTheWorkedExample) {
    const std::string p = NewProduct("SO");
    const json::value goal = Created(client().Post(
        "/api/v1/products/" + p + "/goals",
        json::serialize(json::object{{"objective", "45-minute flight time"},
                                     {"horizon", "year"},
                                     {"start_date", "2027-01-01"},
                                     {"owner_id", Ids().users.at("alice")},
                                     {"key_results",
                                      json::array{json::object{{"title", "Flight time"},
                                                               {"metric", "Hover minutes"},
                                                               {"unit", "min"},
                                                               {"baseline", 38},
                                                               {"target", 45}},
                                                  json::object{{"title", "Inspection customers"},
                                                               {"metric", "Customers"},
                                                               {"unit", "customers"},
                                                               {"baseline", 10},
                                                               {"target", 30}}}}}),
        Token("alice")));
    const std::string id = StrAt(goal, {"id"});
    EXPECT_EQ(StrAt(goal, {"end_date"}), "2027-12-31");
    EXPECT_EQ(StrAt(goal, {"state"}), "open");
    EXPECT_EQ(StrAt(goal, {"owner", "name"}),
              StrAt(Get("/api/v1/users/" + Ids().users.at("alice")), {"name"}));
    const auto krs = ArrAt(goal, {"key_results"});
    ASSERT_EQ(krs.size(), 2u);
    EXPECT_EQ(Num(krs[0], {"current"}), 38);
    EXPECT_EQ(Num(krs[0], {"progress"}), 0);
    EXPECT_EQ(Num(goal, {"progress"}), 0);
    const std::string flight = StrAt(krs[0], {"id"});
    const std::string customers = StrAt(krs[1], {"id"});

    // Check-ins: the latest by date counts, whatever the order of recording.
    const json::value c1 = Created(client().Post("/api/v1/key-results/" + flight + "/check-ins",
                                                 R"({"value":41.5,"date":"2027-06-01"})",
                                                 Token("alice")));
    EXPECT_EQ(Num(c1, {"key_result", "current"}), 41.5);
    EXPECT_DOUBLE_EQ(Num(c1, {"key_result", "progress"}), 0.5);
    Created(client().Post("/api/v1/key-results/" + flight + "/check-ins",
                          R"({"value":39,"date":"2027-03-01","note":"Lighter arms"})",
                          Token("alice")));
    Created(client().Post("/api/v1/key-results/" + customers + "/check-ins",
                          R"({"value":14,"date":"2027-06-01"})",
                          Token("alice")));
    const json::value late =
        Created(client().Post("/api/v1/key-results/" + customers + "/check-ins",
                              R"({"value":99,"date":"2027-09-01"})",
                              Token("alice")));

    // On 2027-07-02 with the check-in of September still counting: customers held to 1.
    json::value g = Get("/api/v1/goals/" + id + "?as_of=2027-07-02", "erin");
    EXPECT_NEAR(Num(g, {"progress"}), 0.75, 1e-9);
    ASSERT_EQ(client().Delete("/api/v1/check-ins/" + StrAt(late, {"id"}), Token("alice")).status,
              204);
    g = Get("/api/v1/goals/" + id + "?as_of=2027-07-02", "erin");
    EXPECT_NEAR(Num(g, {"progress"}), 0.35, 1e-9);
    EXPECT_NEAR(Num(g, {"expected"}), 183.0 / 365.0, 1e-9);
    EXPECT_EQ(StrAt(g, {"status"}), "at_risk");
    const auto kr0 = ArrAt(g, {"key_results"})[0];
    ASSERT_EQ(ArrAt(kr0, {"check_ins"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(kr0, {"check_ins"})[0], {"date"}), "2027-03-01");  // oldest first
    EXPECT_EQ(StrAt(ArrAt(kr0, {"check_ins"})[0], {"note"}), "Lighter arms");
    EXPECT_EQ(StrAt(ArrAt(kr0, {"check_ins"})[0], {"by", "id"}), Ids().users.at("alice"));
    // After 2027-03-01: flight 1/7, customers 0 → 1/14; after 2027-06-01: 0.35.
    const auto history = ArrAt(g, {"progress_history"});
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(StrAt(history[0], {"date"}), "2027-03-01");
    EXPECT_NEAR(Num(history[0], {"progress"}), 1.0 / 14.0, 1e-9);
    EXPECT_NEAR(Num(history[1], {"progress"}), 0.35, 1e-9);

    // On 2027-02-01 (32 of 365 days) the same progress is on track; on 2027-12-31 (expected 1)
    // it is off track (0.35 < 0.75).
    json::value list = Get("/api/v1/products/" + p + "/goals?as_of=2027-02-01", "dave");
    ASSERT_EQ(ArrAt(list, {"data"}).size(), 1u);
    EXPECT_NEAR(Num(ArrAt(list, {"data"})[0], {"expected"}), 32.0 / 365.0, 1e-9);
    EXPECT_EQ(StrAt(ArrAt(list, {"data"})[0], {"status"}), "on_track");
    list = Get("/api/v1/products/" + p + "/goals?as_of=2027-12-31", "dave");
    EXPECT_EQ(StrAt(ArrAt(list, {"data"})[0], {"status"}), "off_track");
    ExpectInvalid(client().Get("/api/v1/products/" + p + "/goals?as_of=2027-02-30", Token("dave")),
                  {"as_of"});
    EXPECT_TRUE(ArrAt(Get("/api/v1/products/" + p + "/goals?horizon=quarter"), {"data"}).empty());

    // A closed goal has no status; a goal without key results neither, and no progress.
    const HttpResult achieved =
        client().Patch("/api/v1/goals/" + id, R"({"state":"achieved"})", Token("alice"), "1");
    ASSERT_EQ(achieved.status, 200) << achieved.body;
    EXPECT_EQ(IntAt(achieved.Json(), {"version"}), 2);
    EXPECT_TRUE(IsNull(achieved.Json(), {"status"}));
    const std::string bare = NewGoal(p, "Bare", {}, "quarter", "2027-04-01");
    const json::value b = Get("/api/v1/goals/" + bare);
    EXPECT_EQ(StrAt(b, {"end_date"}), "2027-06-30");
    EXPECT_TRUE(IsNull(b, {"progress"}));
    EXPECT_TRUE(IsNull(b, {"status"}));
    // A key result added later; a falling metric (20 → 10 at 15: 0.5).
    const json::value kr = Created(client().Post(
        "/api/v1/goals/" + bare + "/key-results",
        R"({"title":"Weight","metric":"Take-off weight","unit":"g","baseline":20,"target":10})",
        Token("alice")));
    Created(client().Post("/api/v1/key-results/" + StrAt(kr, {"id"}) + "/check-ins",
                          R"({"value":15,"date":"2027-05-01"})",
                          Token("alice")));
    EXPECT_DOUBLE_EQ(Num(Get("/api/v1/goals/" + bare), {"progress"}), 0.5);
    const HttpResult retitled = client().Patch(
        "/api/v1/key-results/" + StrAt(kr, {"id"}), R"({"target":0})", Token("alice"), "1");
    ASSERT_EQ(retitled.status, 200) << retitled.body;
    EXPECT_DOUBLE_EQ(Num(retitled.Json(), {"progress"}), 0.25);
    ExpectError(
        client().Patch(
            "/api/v1/key-results/" + StrAt(kr, {"id"}), R"({"target":1})", Token("alice"), "1"),
        412,
        "precondition_failed");
    ASSERT_EQ(client().Delete("/api/v1/key-results/" + StrAt(kr, {"id"}), Token("alice")).status,
              204);
    EXPECT_TRUE(IsNull(Get("/api/v1/goals/" + bare), {"progress"}));
}

TEST_F(StrategyTest, GoalChecksNameTheirFields) {
    const std::string p = NewProduct("SC");
    const std::string goals = "/api/v1/products/" + p + "/goals";
    // Authorisation first: a bad body from someone who may not write is 403.
    ExpectError(client().Post(goals, R"({"objective":5})", Token("bob")), 403, "forbidden");
    ExpectError(client().Post(goals, R"({"objective":"x"})", Token("frank")), 403, "forbidden");
    ExpectInvalid(client().Post(goals, "{}", Token("alice")),
                  {"objective", "horizon", "start_date"});
    ExpectInvalid(
        client().Post(goals,
                      R"({"objective":"Lead","horizon":"decade","start_date":"2027-01-01"})",
                      Token("alice")),
        {"horizon"});
    ExpectInvalid(
        client().Post(goals,
                      R"({"objective":"Lead","horizon":"multi_year","start_date":"2027-01-01"})",
                      Token("alice")),
        {"end_date"});
    ExpectInvalid(
        client().Post(goals,
                      R"({"objective":"Lead","horizon":"multi_year","start_date":"2027-01-01",
                                    "end_date":"2033-01-01"})",
                      Token("alice")),
        {"end_date"});
    ExpectInvalid(
        client().Post(goals,
                      R"({"objective":"Lead","horizon":"quarter","start_date":"2027-01-01",
                                    "end_date":"2026-12-31"})",
                      Token("alice")),
        {"end_date"});
    ExpectInvalid(
        client().Post(
            goals,
            json::serialize(json::object{
                {"objective", "Lead"},
                {"horizon", "year"},
                {"start_date", "2027-01-01"},
                {"owner_id", Ids().users.at("frank")},
                {"key_results",
                 json::array{
                     json::object{{"title", "T"}, {"metric", "M"}, {"baseline", 5}, {"target", 5}},
                     json::object{{"metric", "M"}, {"target", "x"}}}}}),
            Token("alice")),
        {"owner_id",
         "key_results.0.target",
         "key_results.1.title",
         "key_results.1.target",
         "key_results.1.baseline"});
    const HttpResult multi = client().Post(
        goals,
        R"({"objective":"Lead","horizon":"multi_year","start_date":"2027-01-01","end_date":"2029-12-31"})",
        Token("alice"));
    ASSERT_EQ(multi.status, 201) << multi.body;
    const std::string id = StrAt(multi.Json(), {"id"});
    ExpectInvalid(client().Patch("/api/v1/goals/" + id, R"({"state":"won"})", Token("alice")),
                  {"state"});
    ExpectInvalid(client().Post("/api/v1/goals/" + id + "/key-results",
                                R"({"title":"T","metric":"M","baseline":1})",
                                Token("alice")),
                  {"target"});
    // Switching to a year without an end derives it from the start.
    const HttpResult year =
        client().Patch("/api/v1/goals/" + id, R"({"horizon":"year"})", Token("alice"));
    ASSERT_EQ(year.status, 200) << year.body;
    EXPECT_EQ(StrAt(year.Json(), {"end_date"}), "2027-12-31");
    const json::value kr =
        Created(client().Post("/api/v1/goals/" + id + "/key-results",
                              R"({"title":"T","metric":"M","baseline":0,"target":10})",
                              Token("alice")));
    const std::string checkins = "/api/v1/key-results/" + StrAt(kr, {"id"}) + "/check-ins";
    ExpectError(client().Post(checkins, R"({"value":"x"})", Token("bob")), 403, "forbidden");
    ExpectInvalid(client().Post(checkins, R"({"date":"2027-13-01","note":7})", Token("alice")),
                  {"value", "date", "note"});
    ExpectError(client().Get("/api/v1/goals/" + id, Token("frank")), 404, "not_found");
    ExpectError(client().Get("/api/v1/goals/gol_missing", Token("alice")), 404, "not_found");
}

// A product with goals G1, G2, G3 (no work), initiatives I (serving G1 and G2) and I2 (none):
//   E epic → I;  F feature under E;  S story (5) under F;  T story (3) naming G1;
//   U story (2) unaligned; V story (null points) under F.
// A sprint holding S, T, U and V: 10 points. S's 5 go to I and split 2.5 / 2.5 over G1 and G2;
// T's 3 go to G1: G1 5.5 (0.55, 3 items with V), G2 2.5 (0.25), I 5 (0.5), unaligned 2 (0.2).
TEST_F(StrategyTest, WorkTraceAndAlignmentFollowTheChain) {
    const std::string p = NewProduct("SA");
    const std::string other = NewProduct("SB");
    const std::string g1 = NewGoal(p, "Lead inspection");
    // Goals list by start date, then creation: G2 starts later, so G1 comes first even when
    // both are created in the same millisecond.
    const std::string g2 = NewGoal(p, "Fly 45 minutes", {}, "year", "2027-02-01");
    const std::string g3 = NewGoal(p, "Idle goal");
    const std::string foreign_goal = NewGoal(other, "Elsewhere");
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/initiatives",
                                json::serialize(json::object{
                                    {"name", "Bad"},
                                    {"goal_ids", json::array{g1.c_str(), foreign_goal.c_str()}},
                                    {"status", "someday"},
                                    {"start_date", "2027-05-01"},
                                    {"end_date", "2027-04-01"}}),
                                Token("alice")),
                  {"goal_ids.1", "status", "end_date"});
    const std::string ini = NewInitiative(p, "AI obstacle avoidance", {g1.c_str(), g2.c_str()});
    const std::string ini2 = NewInitiative(p, "Fleet", {});
    ASSERT_EQ(client()
                  .Patch("/api/v1/products/" + p + "/vision",
                         R"({"statement":"Inspect everything"})",
                         Token("alice"))
                  .status,
              200);

    const std::string e = Item(p, "epic", "Avoidance");
    const std::string f = Item(p, "feature", "Sensing", {{"parent_id", e}});
    const std::string s = Item(p, "story", "Forward radar", {{"parent_id", f}, {"points", 5}});
    const std::string v = Item(p, "story", "Tuning", {{"parent_id", f}});
    const std::string t = Item(p, "story", "Report export", {{"points", 3}});
    const std::string u = Item(p, "story", "Dark mode", {{"points", 2}});

    // Links: to the product's own goals and initiatives only; initiatives on epics and features.
    ExpectInvalid(PatchItem(e, {{"initiative_id", "ini_missing"}}), {"initiative_id"});
    ExpectInvalid(PatchItem(t, {{"goal_id", foreign_goal}}), {"goal_id"});
    ExpectInvalid(PatchItem(t, {{"initiative_id", ini}}), {"initiative_id"});
    ExpectError(PatchItem(e, {{"initiative_id", ini}}, "dave"), 403, "forbidden");
    const HttpResult linked = PatchItem(e, {{"initiative_id", ini}}, "alice");  // the PM aligns
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(StrAt(linked.Json(), {"initiative", "name"}), "AI obstacle avoidance");
    EXPECT_TRUE(IsNull(linked.Json(), {"goal"}));
    const HttpResult goal_linked = PatchItem(t, {{"goal_id", g1}});
    ASSERT_EQ(goal_linked.status, 200) << goal_linked.body;
    EXPECT_EQ(StrAt(goal_linked.Json(), {"goal", "objective"}), "Lead inspection");
    EXPECT_TRUE(IsNull(goal_linked.Json(), {"initiative"}));

    // The work below the initiative and the goal, in rank order (items at the bottom by age).
    const json::value iw = Get("/api/v1/initiatives/" + ini + "/work", "erin");
    std::vector<std::string> keys;
    for (const auto& i : ArrAt(iw, {"items"})) {
        keys.push_back(StrAt(i, {"key"}));
        EXPECT_EQ(StrAt(i, {"via"}), "initiative");
    }
    EXPECT_EQ(keys, (std::vector<std::string>{e, f, s, v}));
    EXPECT_EQ(IntAt(iw, {"totals", "items"}), 4);
    EXPECT_EQ(Num(iw, {"totals", "points"}), 5);
    EXPECT_EQ(Num(iw, {"totals", "done_points"}), 0);
    const json::value gw = Get("/api/v1/goals/" + g1 + "/work");
    ASSERT_EQ(ArrAt(gw, {"items"}).size(), 5u);
    EXPECT_EQ(StrAt(ArrAt(gw, {"items"})[4], {"key"}), t);
    EXPECT_EQ(StrAt(ArrAt(gw, {"items"})[4], {"via"}), "goal");
    EXPECT_EQ(Num(gw, {"totals", "points"}), 8);
    EXPECT_EQ(ArrAt(Get("/api/v1/goals/" + g2 + "/work"), {"items"}).size(), 4u);
    EXPECT_TRUE(ArrAt(Get("/api/v1/goals/" + g3 + "/work"), {"items"}).empty());
    EXPECT_TRUE(IsNull(gw, {"next_cursor"}));

    // Paged: `limit` items after `cursor`, the totals always of all the work.
    std::vector<std::string> paged;
    std::string cursor;
    int pages = 0;
    do {
        const json::value page = Get("/api/v1/goals/" + g1 + "/work?limit=2" +
                                     (cursor.empty() ? "" : "&cursor=" + cursor));
        EXPECT_LE(ArrAt(page, {"items"}).size(), 2u);
        EXPECT_EQ(IntAt(page, {"totals", "items"}), 5);
        EXPECT_EQ(Num(page, {"totals", "points"}), 8);
        for (const auto& i : ArrAt(page, {"items"})) {
            paged.push_back(StrAt(i, {"key"}));
        }
        cursor = IsNull(page, {"next_cursor"}) ? "" : StrAt(page, {"next_cursor"});
    } while (!cursor.empty() && ++pages < 10);
    EXPECT_EQ(pages, 2);  // 2 + 2 + 1
    EXPECT_EQ(paged, (std::vector<std::string>{e, f, s, v, t}));
    const std::string work = "/api/v1/initiatives/" + ini + "/work";
    ExpectInvalid(client().Get(work + "?limit=0", Token("erin")), {"limit"});
    ExpectInvalid(client().Get(work + "?cursor=not-a-cursor", Token("erin")), {"cursor"});
    // A caller who may not read the initiative learns nothing from bad paging parameters.
    ExpectError(client().Get(work + "?limit=0", Token("frank")), 404, "not_found");
    ExpectError(client().Get(work + "?cursor=x", Token("frank")), 404, "not_found");
    // GET one goal and one initiative carry it too.
    const json::value g1_full = Get("/api/v1/goals/" + g1);
    EXPECT_EQ(IntAt(g1_full, {"work", "totals", "items"}), 5);
    EXPECT_EQ(ArrAt(g1_full, {"work", "items"}).size(), 5u);
    ASSERT_EQ(ArrAt(g1_full, {"initiatives"}).size(), 1u);
    EXPECT_EQ(ArrAt(g1_full, {"initiative_ids"}).size(), 1u);
    const json::value ini_full = Get("/api/v1/initiatives/" + ini);
    EXPECT_EQ(IntAt(ini_full, {"work", "totals", "items"}), 4);
    ASSERT_EQ(ArrAt(ini_full, {"goals"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(ini_full, {"goals"})[1], {"objective"}), "Fly 45 minutes");
    EXPECT_EQ(ArrAt(Get("/api/v1/products/" + p + "/initiatives?goal=" + g2), {"data"}).size(), 1u);
    EXPECT_EQ(
        ArrAt(Get("/api/v1/products/" + p + "/initiatives?status=in_progress"), {"data"}).size(),
        2u);

    // The trace of S: S, F, E; aligned by E through I to G1 and G2; the vision.
    const json::value trace = Get("/api/v1/items/" + s + "/trace", "erin");
    std::vector<std::string> chain;
    for (const auto& i : ArrAt(trace, {"chain"})) {
        chain.push_back(StrAt(i, {"key"}));
    }
    EXPECT_EQ(chain, (std::vector<std::string>{s, f, e}));
    EXPECT_EQ(StrAt(trace, {"aligned_by", "key"}), e);
    EXPECT_EQ(StrAt(trace, {"initiative", "id"}), ini);
    ASSERT_EQ(ArrAt(trace, {"goals"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(trace, {"goals"})[0], {"id"}), g1);
    EXPECT_EQ(StrAt(trace, {"vision", "statement"}), "Inspect everything");
    const json::value lone = Get("/api/v1/items/" + u + "/trace");
    EXPECT_TRUE(IsNull(lone, {"aligned_by"}));
    EXPECT_TRUE(IsNull(lone, {"initiative"}));
    EXPECT_TRUE(ArrAt(lone, {"goals"}).empty());

    // The sprint's alignment, worked by hand above.
    const HttpResult team = client().Post(
        "/api/v1/teams",
        json::serialize(json::object{{"name", "Strategy team SA"}, {"product_id", p}}),
        Token("admin"));
    ASSERT_EQ(team.status, 201) << team.body;
    const json::value sprint =
        Created(client().Post("/api/v1/products/" + p + "/sprints",
                              json::serialize(json::object{{"team_id", StrAt(team.Json(), {"id"})},
                                                           {"name", "Aligned sprint"},
                                                           {"start_date", "2027-03-01"},
                                                           {"end_date", "2027-03-12"}}),
                              Token("bob")));
    const std::string sprint_id = StrAt(sprint, {"id"});
    ASSERT_EQ(client()
                  .Post("/api/v1/sprints/" + sprint_id + "/items",
                        json::serialize(json::object{
                            {"items", json::array{s.c_str(), t.c_str(), u.c_str(), v.c_str()}}}),
                        Token("bob"))
                  .status,
              200);
    const json::value a = Get("/api/v1/sprints/" + sprint_id + "/alignment", "erin");
    EXPECT_EQ(StrAt(a, {"scope", "type"}), "sprint");
    EXPECT_EQ(StrAt(a, {"scope", "name"}), "Aligned sprint");
    EXPECT_EQ(IntAt(a, {"items"}), 4);
    EXPECT_EQ(Num(a, {"points"}), 10);
    const auto by_goal = ArrAt(a, {"by_goal"});
    ASSERT_EQ(by_goal.size(), 2u) << a;
    EXPECT_EQ(StrAt(by_goal[0], {"goal", "id"}), g1);
    EXPECT_EQ(StrAt(by_goal[0], {"goal", "objective"}), "Lead inspection");
    EXPECT_EQ(IntAt(by_goal[0], {"items"}), 3);
    EXPECT_DOUBLE_EQ(Num(by_goal[0], {"points"}), 5.5);
    EXPECT_DOUBLE_EQ(Num(by_goal[0], {"share"}), 0.55);
    EXPECT_EQ(StrAt(by_goal[1], {"goal", "id"}), g2);
    EXPECT_DOUBLE_EQ(Num(by_goal[1], {"share"}), 0.25);
    const auto by_initiative = ArrAt(a, {"by_initiative"});
    ASSERT_EQ(by_initiative.size(), 1u);
    EXPECT_EQ(StrAt(by_initiative[0], {"initiative", "name"}), "AI obstacle avoidance");
    EXPECT_EQ(IntAt(by_initiative[0], {"items"}), 2);
    EXPECT_DOUBLE_EQ(Num(by_initiative[0], {"share"}), 0.5);
    EXPECT_EQ(IntAt(a, {"unaligned", "items"}), 1);
    EXPECT_DOUBLE_EQ(Num(a, {"unaligned", "share"}), 0.2);
    ASSERT_EQ(ArrAt(a, {"unaligned", "keys"}).size(), 1u);
    EXPECT_EQ(ArrAt(a, {"unaligned", "keys"})[0].as_string(), u);
    ASSERT_EQ(ArrAt(a, {"goals_without_work"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(a, {"goals_without_work"})[0], {"id"}), g3);
    ASSERT_EQ(ArrAt(a, {"initiatives_without_work"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(a, {"initiatives_without_work"})[0], {"id"}), ini2);

    // A release holding T and U: 5 points, 3 to G1 (0.6), 2 unaligned (0.4).
    const json::value release = Created(client().Post("/api/v1/products/" + p + "/releases",
                                                      R"({"version":"1.0","name":"Spring"})",
                                                      Token("bob")));
    const std::string release_id = StrAt(release, {"id"});
    ASSERT_EQ(client()
                  .Post("/api/v1/releases/" + release_id + "/items",
                        json::serialize(json::object{{"items", json::array{t.c_str(), u.c_str()}}}),
                        Token("bob"))
                  .status,
              200);
    const json::value ra = Get("/api/v1/releases/" + release_id + "/alignment", "dave");
    EXPECT_EQ(StrAt(ra, {"scope", "type"}), "release");
    EXPECT_EQ(StrAt(ra, {"scope", "name"}), "1.0: Spring");
    ASSERT_EQ(ArrAt(ra, {"by_goal"}).size(), 1u);
    EXPECT_DOUBLE_EQ(Num(ArrAt(ra, {"by_goal"})[0], {"share"}), 0.6);
    EXPECT_DOUBLE_EQ(Num(ra, {"unaligned", "share"}), 0.4);
    EXPECT_TRUE(ArrAt(ra, {"by_initiative"}).empty());
    EXPECT_EQ(ArrAt(ra, {"initiatives_without_work"}).size(), 2u);
    ExpectError(client().Get("/api/v1/sprints/" + sprint_id + "/alignment", Token("frank")),
                404,
                "not_found");

    // Deleting: the initiative's items lose the link; the goal's items and initiatives too.
    ExpectError(client().Delete("/api/v1/initiatives/" + ini, Token("bob")), 403, "forbidden");
    ASSERT_EQ(client().Delete("/api/v1/goals/" + g2, Token("alice")).status, 204);
    EXPECT_EQ(ArrAt(Get("/api/v1/initiatives/" + ini), {"goal_ids"}).size(), 1u);
    const std::int64_t t_version = IntAt(Get("/api/v1/items/" + t), {"version"});
    ASSERT_EQ(client().Delete("/api/v1/goals/" + g1, Token("alice")).status, 204);
    const json::value t_after = Get("/api/v1/items/" + t);
    EXPECT_TRUE(IsNull(t_after, {"goal_id"}));
    EXPECT_TRUE(IsNull(t_after, {"goal"}));
    EXPECT_EQ(IntAt(t_after, {"version"}), t_version + 1);
    EXPECT_TRUE(ArrAt(Get("/api/v1/initiatives/" + ini), {"goal_ids"}).empty());
    ExpectError(client().Get("/api/v1/goals/" + g1, Token("alice")), 404, "not_found");
    ASSERT_EQ(client().Delete("/api/v1/initiatives/" + ini, Token("alice")).status, 204);
    EXPECT_TRUE(IsNull(Get("/api/v1/items/" + e), {"initiative"}));
    const json::value none = Get("/api/v1/sprints/" + sprint_id + "/alignment");
    EXPECT_DOUBLE_EQ(Num(none, {"unaligned", "share"}), 1.0);
}

TEST_F(StrategyTest, InitiativesAreVersionedAndChecked) {
    const std::string p = NewProduct("SI");
    const std::string g = NewGoal(p, "Lead");
    const json::value created = Created(
        client().Post("/api/v1/products/" + p + "/initiatives",
                      json::serialize(json::object{{"name", "Battery"},
                                                   {"goal_ids", json::array{g.c_str(), g.c_str()}},
                                                   {"horizon", "half"},
                                                   {"start_date", "2027-01-01"},
                                                   {"owner_id", Ids().users.at("bob")},
                                                   {"expected_outcome", "45 minutes"}}),
                      Token("alice")));
    const std::string id = StrAt(created, {"id"});
    EXPECT_EQ(StrAt(created, {"status"}), "proposed");
    EXPECT_EQ(ArrAt(created, {"goal_ids"}).size(), 1u);  // each goal once
    EXPECT_EQ(StrAt(created, {"horizon"}), "half");
    EXPECT_TRUE(IsNull(created, {"end_date"}));
    EXPECT_EQ(StrAt(created, {"owner", "id"}), Ids().users.at("bob"));
    ExpectError(client().Patch("/api/v1/initiatives/" + id, R"({"name":"x"})", Token("bob")),
                403,
                "forbidden");
    ExpectInvalid(client().Patch("/api/v1/initiatives/" + id,
                                 R"({"name":"","horizon":"eon","owner_id":"usr_nobody"})",
                                 Token("alice")),
                  {"name", "horizon", "owner_id"});
    const HttpResult changed = client().Patch("/api/v1/initiatives/" + id,
                                              R"({"status":"in_progress","horizon":null})",
                                              Token("alice"),
                                              "1");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    EXPECT_TRUE(IsNull(changed.Json(), {"horizon"}));
    const HttpResult stale =
        client().Patch("/api/v1/initiatives/" + id, R"({"status":"done"})", Token("alice"), "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "status"}), "in_progress");
    ExpectError(client().Get("/api/v1/initiatives/" + id, Token("frank")), 404, "not_found");
}

// The demo's X2 strategy: a vision, three goals with figures, four initiatives, and the demo
// sprints' points aligned to them.
TEST_F(StrategyTest, TheDemoHasAStrategyAlignedToItsSprints) {
    const std::string x2 = Ids().x2;
    const json::value vision = Get("/api/v1/products/" + x2 + "/vision", "frank");
    EXPECT_EQ(IntAt(vision, {"version"}), 1);
    EXPECT_NE(StrAt(vision, {"statement"}).find("SkyLift X2"), std::string::npos);
    const auto goals = ArrAt(Get("/api/v1/products/" + x2 + "/goals", "frank"), {"data"});
    ASSERT_EQ(goals.size(), 3u);
    std::vector<std::string> statuses;
    for (const auto& g : goals) {
        EXPECT_FALSE(ArrAt(g, {"key_results"}).empty());
        EXPECT_GT(Num(g, {"progress"}), 0) << g;
        statuses.push_back(StrAt(g, {"status"}));
    }
    EXPECT_EQ(StrAt(goals[0], {"objective"}), "Become the leader in AI-powered inspection drones");
    EXPECT_EQ(StrAt(goals[0], {"horizon"}), "multi_year");
    const auto initiatives =
        ArrAt(Get("/api/v1/products/" + x2 + "/initiatives", "frank"), {"data"});
    ASSERT_EQ(initiatives.size(), 4u);
    const json::value battery = Get("/api/v1/initiatives/" + StrAt(initiatives[1], {"id"}));
    EXPECT_EQ(StrAt(battery, {"name"}), "45-minute battery with R&D");
    EXPECT_GT(IntAt(battery, {"work", "totals", "items"}), 5);

    // Sprint 1 (the battery and the airframe) is aligned to the 45-minute goal.
    const HttpResult sprints = client().Get("/api/v1/products/" + x2 + "/sprints", Token("alice"));
    ASSERT_EQ(sprints.status, 200) << sprints.body;
    bool seen = false;
    for (const auto& s : ArrAt(sprints.Json(), {"data"})) {
        if (StrAt(s, {"name"}) != "Sprint 1") {
            continue;
        }
        seen = true;
        const json::value a = Get("/api/v1/sprints/" + StrAt(s, {"id"}) + "/alignment");
        ASSERT_FALSE(ArrAt(a, {"by_goal"}).empty()) << a;
        EXPECT_EQ(StrAt(ArrAt(a, {"by_goal"})[0], {"goal", "objective"}), "45-minute flight time");
        EXPECT_GT(Num(ArrAt(a, {"by_goal"})[0], {"share"}), 0.5) << a;
    }
    EXPECT_TRUE(seen);

    // The decision log links the goal and the initiative, by name; the stakeholder update
    // carries the three goals' progress.
    const auto decisions =
        ArrAt(Get("/api/v1/products/" + x2 + "/decisions?linked=goal:" + StrAt(goals[1], {"id"})),
              {"data"});
    ASSERT_EQ(decisions.size(), 1u);
    std::vector<std::string> names;
    for (const auto& l : ArrAt(decisions[0], {"links"})) {
        names.push_back(StrAt(l, {"name"}));
    }
    EXPECT_NE(std::find(names.begin(), names.end(), "45-minute flight time"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "45-minute battery with R&D"), names.end());
    const json::value update = Get("/api/v1/products/" + x2 + "/stakeholder-update", "alice");
    EXPECT_EQ(ArrAt(update, {"goals"}).size(), 3u) << update;
}

// The command line: `goals list` shows the figures of a day with the key results' ids, and
// `goals check-in` records a value through the API.
TEST_F(StrategyTest, TheCommandLineListsGoalsAndChecksIn) {
    const std::string p = NewProduct("SL");
    const std::string g = NewGoal(p,
                                  "Fly 45 minutes",
                                  json::array{json::object{{"title", "Flight time"},
                                                           {"metric", "Hover minutes"},
                                                           {"unit", "min"},
                                                           {"baseline", 38},
                                                           {"target", 45}}});
    const std::string kr = StrAt(ArrAt(Get("/api/v1/goals/" + g), {"key_results"})[0], {"id"});
    const std::vector<std::string> env = {
        "THROUGHLINE_URL=http://127.0.0.1:" + std::to_string(env_->server().port()),
        "THROUGHLINE_TOKEN=" + Token("alice")};
    auto tl = [&](std::vector<std::string> args, std::vector<std::string> e) {
        args.insert(args.begin(), ServerBinary());
        return RunCommand(std::move(args), std::chrono::seconds(60), std::move(e));
    };
    const auto checked = tl({"goals", "check-in", kr, "41.5", "--date", "2027-06-01"}, env);
    ASSERT_EQ(checked.exit_code, 0) << checked.output;
    EXPECT_EQ(checked.output,
              "Checked in 41.5 min on 2027-06-01 for \"Flight time\": now 41.5 min, progress "
              "50%\n");
    const auto list = tl({"goals", "list", "--product", "sl", "--as-of", "2027-07-02"}, env);
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("ID"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find(g), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("2027-01-01 – 2027-12-31  50%       50%       on track"),
              std::string::npos)
        << list.output;
    EXPECT_NE(list.output.find(kr), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("Flight time: 41.5 (38 → 45 min)"), std::string::npos)
        << list.output;
    const auto json_list = tl({"goals", "list", "--product", "SL", "--json"}, env);
    ASSERT_EQ(json_list.exit_code, 0) << json_list.output;
    EXPECT_EQ(ArrAt(json::parse(json_list.output), {"data"}).size(), 1u);
    // The Product Owner may not check in; a bad value is refused before the server.
    std::vector<std::string> bob = env;
    bob[1] = "THROUGHLINE_TOKEN=" + Token("bob");
    EXPECT_EQ(tl({"goals", "check-in", kr, "42"}, bob).exit_code, 1);
    EXPECT_EQ(tl({"goals", "check-in", kr, "many"}, env).exit_code, 2);
    EXPECT_EQ(tl({"goals", "list"}, env).exit_code, 2);
}

}  // namespace
}  // namespace tl::test
