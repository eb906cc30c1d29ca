// Releases and test planning over HTTP, on both backends: release CRUD with its unique version,
// planning items, notes as Markdown for a hand-worked release, readiness and coverage for a
// hand-worked one, the latest run deciding, a bug from a failing run, criteria of another item
// refused, and the roles of docs/delivery.md.
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class ReleasesTest : public DemoSuite<ReleasesTest> {
protected:
    // A product of its own per test, with the demo people in their usual roles (alice PM, bob
    // PO, carol SM, dave team, erin stakeholder; frank none), and a workflow without
    // transitions or checklists so items reach done in one step.
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Product", /*open_workflow=*/true);
    }
    // Creates an item as bob and answers it.
    static json::value NewItem(const std::string& product, json::object body) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static std::string Key(const std::string& product,
                           const std::string& type,
                           const std::string& title,
                           const std::string& parent = "") {
        json::object body{{"type", type}, {"title", title}};
        if (!parent.empty()) {
            body["parent_id"] = parent;
        }
        return StrAt(NewItem(product, body), {"key"});
    }
    static void Done(const std::string& item) {
        const HttpResult r =
            client().Patch("/api/v1/items/" + item, R"({"status":"done"})", Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static json::value Item(const std::string& item, const std::string& who = "bob") {
        const HttpResult r = client().Get("/api/v1/items/" + item, Token(who));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    // The ids of the item's criteria, in order.
    static std::vector<std::string> Criteria(const std::string& item) {
        std::vector<std::string> ids;
        for (const auto& c : ArrAt(Item(item), {"criteria"})) {
            ids.push_back(StrAt(c, {"id"}));
        }
        return ids;
    }
    static json::value NewRelease(const std::string& product,
                                  json::object body,
                                  const std::string& who = "bob") {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/releases", json::serialize(body), Token(who));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static HttpResult PlanItems(const std::string& release,
                                std::vector<std::string> items,
                                bool remove = false,
                                const std::string& who = "bob") {
        json::array list;
        for (const auto& i : items) {
            list.emplace_back(i);
        }
        return client().Post("/api/v1/releases/" + release + "/items" + (remove ? "/remove" : ""),
                             json::serialize(json::object{{"items", list}}),
                             Token(who));
    }
    static json::value Release(const std::string& release, const std::string& who = "bob") {
        const HttpResult r = client().Get("/api/v1/releases/" + release, Token(who));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    static std::string NewCase(const std::string& item,
                               const std::string& title,
                               std::vector<std::string> criteria,
                               const std::string& who = "dave") {
        json::array ids;
        for (const auto& c : criteria) {
            ids.emplace_back(c);
        }
        const HttpResult r = client().Post(
            "/api/v1/items/" + item + "/test-cases",
            json::serialize(json::object{{"title", title},
                                         {"preconditions", "Drone on the pad"},
                                         {"steps", "1. Take off\n2. Hover at 10 m"},
                                         {"expected_result", "The preview stays readable"},
                                         {"criteria", ids}}),
            Token(who));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static json::value NewPlan(const std::string& product,
                               json::object body,
                               const std::string& who = "dave") {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/test-plans", json::serialize(body), Token(who));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static std::string RecordRun(const std::string& plan,
                                 const std::string& test_case,
                                 const std::string& result,
                                 const std::string& notes = "",
                                 const std::string& who = "dave") {
        const HttpResult r =
            client().Post("/api/v1/test-plans/" + plan + "/runs",
                          json::serialize(json::object{
                              {"case_id", test_case}, {"result", result}, {"notes", notes}}),
                          Token(who));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static std::vector<std::string> Keys(const json::array& items) {
        std::vector<std::string> keys;
        for (const auto& i : items) {
            keys.push_back(StrAt(i, {"key"}));
        }
        return keys;
    }
};

TEST_F(ReleasesTest, CrudWithAVersionUniquePerProduct) {
    const std::string p = NewProduct("RCRUD");
    const HttpResult created = client().Post("/api/v1/products/" + p + "/releases",
                                             R"({"version":"2.1","name":"Spring flight",)"
                                             R"("target_date":"2026-06-01",)"
                                             R"("description":"Longer flights."})",
                                             Token("bob"));
    ASSERT_EQ(created.status, 201) << created.body;
    const json::value r = created.Json();
    const std::string id = StrAt(r, {"id"});
    EXPECT_EQ(StrAt(r, {"version"}), "2.1");
    EXPECT_EQ(StrAt(r, {"name"}), "Spring flight");
    EXPECT_EQ(StrAt(r, {"target_date"}), "2026-06-01");
    EXPECT_EQ(StrAt(r, {"status"}), "planned");
    EXPECT_TRUE(At(r, {"released_at"})->is_null());
    EXPECT_EQ(IntAt(r, {"revision"}), 1);
    EXPECT_EQ(created.Header("etag"), "\"1\"");
    EXPECT_EQ(StrAt(r, {"created_by", "name"}), "Bob Okafor");
    EXPECT_EQ(IntAt(r, {"readiness", "items_total"}), 0);
    EXPECT_FALSE(At(r, {"readiness", "ready"})->as_bool());
    EXPECT_TRUE(ArrAt(r, {"items"}).empty());

    // The version is unique per product, and required; fields are checked.
    const HttpResult twice =
        client().Post("/api/v1/products/" + p + "/releases", R"({"version":"2.1"})", Token("bob"));
    ExpectError(twice, 409, "conflict");
    EXPECT_TRUE(Has(DetailFields(twice), "version")) << twice.body;
    ExpectInvalid(
        client().Post("/api/v1/products/" + p + "/releases", R"({"name":"x"})", Token("bob")),
        {"version"});
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/releases",
                                R"({"version":"2.2","target_date":"2026-02-30","status":"gone"})",
                                Token("bob")),
                  {"target_date", "status"});
    // Another product may have a 2.1 of its own.
    const std::string other = NewProduct("RCRUD2");
    NewRelease(other, {{"version", "2.1"}});

    const HttpResult list = client().Get("/api/v1/products/" + p + "/releases", Token("erin"));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(ArrAt(list.Json(), {"data"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(list.Json(), {"data"})[0], {"id"}), id);

    // PATCH with If-Match; a stale one is 412 with the current release.
    const HttpResult renamed = client().Patch("/api/v1/releases/" + id,
                                              R"({"name":"Spring flight II","target_date":null})",
                                              Token("bob"),
                                              "\"1\"");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(StrAt(renamed.Json(), {"name"}), "Spring flight II");
    EXPECT_TRUE(At(renamed.Json(), {"target_date"})->is_null());
    EXPECT_EQ(IntAt(renamed.Json(), {"revision"}), 2);
    const HttpResult stale =
        client().Patch("/api/v1/releases/" + id, R"({"name":"Lost"})", Token("bob"), "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "name"}), "Spring flight II") << stale.body;

    // Renaming another release to a taken version is a conflict.
    const std::string second = StrAt(NewRelease(p, {{"version", "2.2"}}), {"id"});
    const HttpResult taken =
        client().Patch("/api/v1/releases/" + second, R"({"version":"2.1"})", Token("bob"));
    ExpectError(taken, 409, "conflict");
    EXPECT_TRUE(Has(DetailFields(taken), "version"));

    // Releasing records released_at; leaving released clears it.
    const HttpResult released =
        client().Patch("/api/v1/releases/" + id, R"({"status":"released"})", Token("bob"));
    ASSERT_EQ(released.status, 200) << released.body;
    EXPECT_TRUE(At(released.Json(), {"released_at"})->is_string()) << released.body;
    const HttpResult reopened =
        client().Patch("/api/v1/releases/" + id, R"({"status":"in_progress"})", Token("bob"));
    ASSERT_EQ(reopened.status, 200) << reopened.body;
    EXPECT_TRUE(At(reopened.Json(), {"released_at"})->is_null());

    ExpectError(client().Get("/api/v1/releases/rel_missing", Token("bob")), 404, "not_found");
    // Someone without a role on the product does not learn the release exists.
    ExpectError(client().Get("/api/v1/releases/" + id, Token("frank")), 404, "not_found");

    // Every change is a release event of the product.
    const HttpResult history =
        client().Get("/api/v1/products/" + p + "/history?limit=50", Token("bob"));
    ASSERT_EQ(history.status, 200) << history.body;
    int release_events = 0;
    for (const auto& e : ArrAt(history.Json(), {"data"})) {
        release_events += StrAt(e, {"entity_type"}) == "release" ? 1 : 0;
    }
    EXPECT_GE(release_events, 5) << history.body;
}

TEST_F(ReleasesTest, PlanningItemsSetsTheirRelease) {
    const std::string p = NewProduct("RPLAN");
    const std::string a = Key(p, "story", "Night mode");
    const std::string b = Key(p, "bug", "Gimbal drift");
    const std::string e = Key(p, "epic", "Long flights");
    const json::value before = Item(a);
    const std::string r1 = StrAt(NewRelease(p, {{"version", "1.0"}}), {"id"});
    const std::string r2 = StrAt(NewRelease(p, {{"version", "1.1"}}), {"id"});

    const HttpResult planned = PlanItems(r1, {a, StrAt(Item(b), {"id"}), e});
    ASSERT_EQ(planned.status, 200) << planned.body;
    EXPECT_EQ(Keys(ArrAt(planned.Json(), {"items"})), (std::vector<std::string>{a, b, e}));
    const json::value after = Item(a);
    EXPECT_EQ(StrAt(after, {"release_id"}), r1);
    EXPECT_EQ(IntAt(after, {"version"}), IntAt(before, {"version"}) + 1);
    // Planning again changes nothing.
    ASSERT_EQ(PlanItems(r1, {a}).status, 200);
    EXPECT_EQ(IntAt(Item(a), {"version"}), IntAt(after, {"version"}));

    // Items of another product or unknown ones are named.
    const std::string other = NewProduct("RPLAN2");
    const std::string foreign = Key(other, "story", "Elsewhere");
    const HttpResult bad = PlanItems(r1, {a, foreign, "RPLAN-99"});
    ExpectInvalid(bad, {"items.1", "items.2"});
    ExpectInvalid(PlanItems(r1, {}), {"items"});

    // Removing: only what is in the release.
    const HttpResult removed = PlanItems(r1, {b}, true);
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(Keys(ArrAt(removed.Json(), {"items"})), (std::vector<std::string>{a, e}));
    EXPECT_TRUE(At(Item(b), {"release_id"})->is_null());
    ExpectInvalid(PlanItems(r1, {b}, true), {"items.0"});

    // An item moves from a release that is not released.
    ASSERT_EQ(PlanItems(r2, {a}).status, 200);
    EXPECT_EQ(StrAt(Item(a), {"release_id"}), r2);
    EXPECT_EQ(Keys(ArrAt(Release(r1), {"items"})), (std::vector<std::string>{e}));

    // A released release accepts no more items, and its items stay in it.
    ASSERT_EQ(
        client().Patch("/api/v1/releases/" + r2, R"({"status":"released"})", Token("bob")).status,
        200);
    ExpectError(PlanItems(r2, {b}), 409, "conflict");
    ExpectError(PlanItems(r2, {a}, true), 409, "conflict");
    ExpectInvalid(PlanItems(r1, {a}), {"items.0"});

    // The item's history shows the release it joined.
    const HttpResult history = client().Get("/api/v1/items/" + a + "/history", Token("bob"));
    ASSERT_EQ(history.status, 200);
    EXPECT_NE(history.body.find(r2), std::string::npos) << history.body;
}

TEST_F(ReleasesTest, NotesAreTheAcceptedItemsGroupedAsMarkdown) {
    const std::string p = NewProduct("NOTES");
    const std::string feature = Key(p, "feature", "Obstacle avoidance");    // NOTES-1, done
    const std::string story = Key(p, "story", "Night mode", feature);       // NOTES-2, done
    const std::string open = Key(p, "story", "Return to home", feature);    // NOTES-3, open
    const std::string bug = Key(p, "bug", "Gimbal drifts in wind");         // NOTES-4, done
    const std::string debt = Key(p, "tech-debt", "Faster telemetry link");  // NOTES-5, done
    const std::string spike = Key(p, "spike", "Try a lidar");               // NOTES-6, done
    const std::string task = Key(p, "task", "Solder the header", story);    // NOTES-7, done
    const std::string epic = Key(p, "epic", "Autonomy");                    // NOTES-8, done
    for (const auto& k : {feature, story, bug, debt, spike, task, epic}) {
        Done(k);
    }
    const std::string r = StrAt(NewRelease(p,
                                           {{"version", "3.0"},
                                            {"name", "Autumn"},
                                            {"target_date", "2026-10-01"},
                                            {"description", "Safer flights in the dark."}}),
                                {"id"});
    ASSERT_EQ(PlanItems(r, {bug, open, story, feature, debt, spike, task, epic}).status, 200);

    const HttpResult md = client().Get("/api/v1/releases/" + r + "/notes", Token("erin"));
    ASSERT_EQ(md.status, 200) << md.body;
    EXPECT_NE(md.Header("content-type").find("text/markdown"), std::string::npos);
    // Rank order within each group: the items were created in key order.
    EXPECT_EQ(md.body,
              "# Release 3.0: Autumn\n"
              "\n"
              "Planned for 2026-10-01.\n"
              "\n"
              "Safer flights in the dark.\n"
              "\n"
              "## New\n"
              "\n"
              "- NOTES-1 Obstacle avoidance\n"
              "- NOTES-2 Night mode\n"
              "\n"
              "## Fixed\n"
              "\n"
              "- NOTES-4 Gimbal drifts in wind\n"
              "\n"
              "## Improved\n"
              "\n"
              "- NOTES-5 Faster telemetry link\n");

    const HttpResult js =
        client().Get("/api/v1/releases/" + r + "/notes?format=json", Token("erin"));
    ASSERT_EQ(js.status, 200) << js.body;
    const json::array groups = ArrAt(js.Json(), {"groups"});
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(StrAt(groups[0], {"heading"}), "New");
    EXPECT_EQ(Keys(ArrAt(groups[0], {"items"})), (std::vector<std::string>{feature, story}));
    EXPECT_EQ(StrAt(groups[1], {"group"}), "fixed");
    EXPECT_EQ(Keys(ArrAt(groups[1], {"items"})), (std::vector<std::string>{bug}));
    EXPECT_EQ(Keys(ArrAt(groups[2], {"items"})), (std::vector<std::string>{debt}));
    EXPECT_EQ(StrAt(js.Json(), {"release", "version"}), "3.0");
    ExpectInvalid(client().Get("/api/v1/releases/" + r + "/notes?format=html", Token("erin")),
                  {"format"});
}

TEST_F(ReleasesTest, ReadinessAndCoverageOfAHandWorkedRelease) {
    // Release 4.0 holds two stories. "Night mode" is done, with two criteria, each covered by
    // a case (one passes, the other's latest run failed after a pass). "Obstacle stop" is open
    // with three criteria, one covered by a passing case and two uncovered; a story in no
    // release blocks it. So: 2 items, 1 done; 5 criteria, 3 covered, 2 passing; one open
    // blocker; one failing case; not ready.
    const std::string p = NewProduct("RDY");
    const std::string feature = Key(p, "feature", "Camera");
    const std::string night =
        StrAt(NewItem(p,
                      {{"type", "story"},
                       {"title", "Night mode"},
                       {"parent_id", feature},
                       {"criteria",
                        json::array{json::object{{"text", "Readable at dusk"}, {"done", true}},
                                    json::object{{"text", "Noise below 3%"}, {"done", true}}}}}),
              {"key"});
    const std::string stop = StrAt(
        NewItem(p,
                {{"type", "story"},
                 {"title", "Obstacle stop"},
                 {"criteria",
                  json::array{"Stops 2 m before a wall", "Warns the pilot", "Works at 10 m/s"}}}),
        {"key"});
    const std::string firmware = Key(p, "story", "Firmware 5");
    Done(night);
    ASSERT_EQ(client()
                  .Post("/api/v1/items/" + firmware + "/links",
                        json::serialize(json::object{{"kind", "blocks"}, {"target_id", stop}}),
                        Token("bob"))
                  .status,
              201);
    const std::string r =
        StrAt(NewRelease(p, {{"version", "4.0"}, {"target_date", "2026-12-01"}}), {"id"});
    ASSERT_EQ(PlanItems(r, {night, stop}).status, 200);

    const auto night_criteria = Criteria(night);
    const auto stop_criteria = Criteria(stop);
    ASSERT_EQ(night_criteria.size(), 2u);
    ASSERT_EQ(stop_criteria.size(), 3u);
    const std::string t1 = NewCase(night, "Dusk preview", {night_criteria[0]});
    const std::string t2 = NewCase(night, "Noise measurement", {night_criteria[1]});
    const std::string t3 = NewCase(stop, "Wall approach", {stop_criteria[0]});

    // A plan of the release without case_ids takes every case of its items.
    const json::value plan = NewPlan(p, {{"name", "4.0 regression"}, {"release_id", r}});
    const std::string plan_id = StrAt(plan, {"id"});
    std::vector<std::string> case_ids;
    for (const auto& c : ArrAt(plan, {"case_ids"})) {
        case_ids.emplace_back(c.as_string());
    }
    EXPECT_EQ(case_ids, (std::vector<std::string>{t1, t2, t3}));
    EXPECT_EQ(IntAt(plan, {"summary", "not_run"}), 3);

    RecordRun(plan_id, t1, "pass");
    RecordRun(plan_id, t2, "pass");
    RecordRun(plan_id, t2, "fail", "Noise at 4% under 5 lux");
    RecordRun(plan_id, t3, "pass");
    // A failing run in another plan (a sprint's) does not count for a release with a plan.
    const std::string sprint_plan = StrAt(
        NewPlan(p, {{"name", "Sprint 7"}, {"sprint_id", "spr_7"}, {"case_ids", {t3}}}), {"id"});
    RecordRun(sprint_plan, t3, "fail");

    const json::value release = Release(r, "erin");
    const json::value* readiness = At(release, {"readiness"});
    ASSERT_NE(readiness, nullptr) << json::serialize(release);
    EXPECT_EQ(IntAt(*readiness, {"items_total"}), 2);
    EXPECT_EQ(IntAt(*readiness, {"items_done"}), 1);
    EXPECT_EQ(IntAt(*readiness, {"criteria_total"}), 5);
    EXPECT_EQ(IntAt(*readiness, {"criteria_covered"}), 3);
    EXPECT_EQ(IntAt(*readiness, {"criteria_passing"}), 2);
    const json::array blockers = ArrAt(*readiness, {"open_blockers"});
    ASSERT_EQ(blockers.size(), 1u) << json::serialize(*readiness);
    EXPECT_EQ(StrAt(blockers[0], {"key"}), firmware);
    EXPECT_EQ(StrAt(blockers[0], {"where"}), "none");
    EXPECT_EQ(ArrAt(blockers[0], {"blocks"}).size(), 1u);
    const json::array failing = ArrAt(*readiness, {"failing_cases"});
    ASSERT_EQ(failing.size(), 1u) << json::serialize(*readiness);
    EXPECT_EQ(StrAt(failing[0], {"case_id"}), t2);
    EXPECT_EQ(StrAt(failing[0], {"result"}), "fail");
    EXPECT_EQ(StrAt(failing[0], {"run", "notes"}), "Noise at 4% under 5 lux");
    EXPECT_FALSE(At(*readiness, {"ready"})->as_bool());

    // The dependency is a problem: the blocker is not done and planned nowhere.
    const json::array deps = ArrAt(release, {"dependencies"});
    ASSERT_EQ(deps.size(), 1u);
    EXPECT_EQ(StrAt(deps[0], {"item", "key"}), stop);
    const json::array blocked_by = ArrAt(deps[0], {"blocked_by"});
    ASSERT_EQ(blocked_by.size(), 1u);
    EXPECT_EQ(StrAt(blocked_by[0], {"where"}), "none");
    EXPECT_TRUE(At(blocked_by[0], {"problem"})->as_bool());
    // Planned in an earlier release it is no longer a problem (but still open).
    const std::string earlier =
        StrAt(NewRelease(p, {{"version", "3.9"}, {"target_date", "2026-11-01"}}), {"id"});
    ASSERT_EQ(PlanItems(earlier, {firmware}).status, 200);
    const json::value replanned = Release(r);
    const json::value dep = ArrAt(ArrAt(replanned, {"dependencies"})[0], {"blocked_by"})[0];
    EXPECT_EQ(StrAt(dep, {"where"}), "earlier");
    EXPECT_FALSE(At(dep, {"problem"})->as_bool());
    EXPECT_EQ(ArrAt(replanned, {"readiness", "open_blockers"}).size(), 1u);

    // Coverage of Night mode: both criteria covered, the second not passing.
    const HttpResult coverage = client().Get("/api/v1/items/" + night + "/coverage", Token("erin"));
    ASSERT_EQ(coverage.status, 200) << coverage.body;
    const json::array criteria = ArrAt(coverage.Json(), {"criteria"});
    ASSERT_EQ(criteria.size(), 2u);
    EXPECT_TRUE(At(criteria[0], {"covered"})->as_bool());
    EXPECT_TRUE(At(criteria[0], {"passing"})->as_bool());
    EXPECT_TRUE(At(criteria[1], {"covered"})->as_bool());
    EXPECT_FALSE(At(criteria[1], {"passing"})->as_bool());
    EXPECT_EQ(StrAt(ArrAt(criteria[1], {"cases"})[0], {"latest", "result"}), "fail");
    EXPECT_EQ(IntAt(coverage.Json(), {"criteria_passing"}), 1);
    // Coverage counts any run: the sprint plan's failure shows on Obstacle stop.
    const HttpResult stop_coverage =
        client().Get("/api/v1/items/" + stop + "/coverage", Token("bob"));
    const json::array stop_criteria_json = ArrAt(stop_coverage.Json(), {"criteria"});
    ASSERT_EQ(stop_criteria_json.size(), 3u);
    EXPECT_FALSE(At(stop_criteria_json[0], {"passing"})->as_bool());
    EXPECT_FALSE(At(stop_criteria_json[1], {"covered"})->as_bool());

    // The latest run decides: a new pass of the noise case makes its criterion pass.
    RecordRun(plan_id, t2, "pass", "Fixed by the new sensor gain");
    const json::value again = Release(r);
    EXPECT_EQ(IntAt(again, {"readiness", "criteria_passing"}), 3);
    EXPECT_TRUE(ArrAt(again, {"readiness", "failing_cases"}).empty());
    const HttpResult plan_now = client().Get("/api/v1/test-plans/" + plan_id, Token("erin"));
    ASSERT_EQ(plan_now.status, 200) << plan_now.body;
    EXPECT_EQ(IntAt(plan_now.Json(), {"summary", "pass"}), 3);
    EXPECT_EQ(IntAt(plan_now.Json(), {"summary", "fail"}), 0);
    const HttpResult runs = client().Get("/api/v1/test-plans/" + plan_id + "/runs", Token("erin"));
    ASSERT_EQ(runs.status, 200);
    const json::array run_list = ArrAt(runs.Json(), {"data"});
    ASSERT_EQ(run_list.size(), 5u);
    EXPECT_EQ(StrAt(run_list[0], {"notes"}), "Fixed by the new sensor gain");  // newest first
    EXPECT_EQ(StrAt(run_list[0], {"run_by", "name"}), "Dave Kim");

    // The release list carries the same readiness.
    const HttpResult list = client().Get("/api/v1/products/" + p + "/releases", Token("frank"));
    EXPECT_EQ(list.status, 403);  // frank holds no role on this product
    const HttpResult mine = client().Get("/api/v1/products/" + p + "/releases", Token("erin"));
    ASSERT_EQ(mine.status, 200);
    bool found = false;
    for (const auto& rel : ArrAt(mine.Json(), {"data"})) {
        if (StrAt(rel, {"id"}) == r) {
            found = true;
            EXPECT_EQ(IntAt(rel, {"readiness", "criteria_covered"}), 3);
        }
    }
    EXPECT_TRUE(found) << mine.body;
}

TEST_F(ReleasesTest, ReadyWhenEverythingIsDoneAndPassing) {
    const std::string p = NewProduct("RREADY");
    const std::string s = StrAt(
        NewItem(p,
                {{"type", "story"},
                 {"title", "Hover hold"},
                 {"criteria", json::array{json::object{{"text", "Holds 1 m"}, {"done", true}}}}}),
        {"key"});
    Done(s);
    const std::string r = StrAt(NewRelease(p, {{"version", "1.0"}}), {"id"});
    ASSERT_EQ(PlanItems(r, {s}).status, 200);
    const std::string c = NewCase(s, "Hover in gusts", {Criteria(s)[0]});
    // No plan for the release: every run of the case counts.
    const std::string plan =
        StrAt(NewPlan(p, {{"name", "Smoke"}, {"sprint_id", "spr_1"}, {"case_ids", {c}}}), {"id"});
    EXPECT_FALSE(At(Release(r), {"readiness", "ready"})->as_bool());
    RecordRun(plan, c, "pass");
    EXPECT_TRUE(At(Release(r), {"readiness", "ready"})->as_bool());
}

TEST_F(ReleasesTest, ABugFromAFailingRunBlocksTheStoryOnce) {
    const std::string p = NewProduct("RBUG");
    const std::string feature = Key(p, "feature", "Camera");
    const std::string story = StrAt(NewItem(p,
                                            {{"type", "story"},
                                             {"title", "Night mode"},
                                             {"parent_id", feature},
                                             {"criteria", json::array{"Readable at dusk"}}}),
                                    {"key"});
    const std::string c = NewCase(story, "Dusk preview", {Criteria(story)[0]});
    const std::string plan = StrAt(
        NewPlan(p, {{"name", "Sprint 3"}, {"sprint_id", "spr_3"}, {"case_ids", {c}}}), {"id"});
    const std::string run = RecordRun(plan, c, "fail", "Preview black below 2 lux");

    const HttpResult opened = client().Post("/api/v1/test-runs/" + run + "/bug", "", Token("dave"));
    ASSERT_EQ(opened.status, 201) << opened.body;
    EXPECT_TRUE(At(opened.Json(), {"created"})->as_bool());
    const std::string bug = StrAt(opened.Json(), {"bug", "key"});
    EXPECT_EQ(StrAt(opened.Json(), {"run", "bug_id"}), StrAt(opened.Json(), {"bug", "id"}));
    const json::value b = Item(bug);
    EXPECT_EQ(StrAt(b, {"type"}), "bug");
    EXPECT_EQ(StrAt(b, {"title"}), "Test failed: Dusk preview");
    EXPECT_EQ(StrAt(b, {"parent", "key"}), feature);
    const std::string description = StrAt(b, {"description"});
    for (const char* part : {"2. Hover at 10 m",
                             "The preview stays readable",
                             "Preview black below 2 lux",
                             "Drone on the pad",
                             story.c_str()}) {
        EXPECT_NE(description.find(part), std::string::npos) << part << " in " << description;
    }
    ASSERT_EQ(ArrAt(b, {"links"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(b, {"links"})[0], {"kind"}), "blocks");
    EXPECT_EQ(StrAt(ArrAt(b, {"links"})[0], {"item", "key"}), story);
    const json::array story_links = ArrAt(Item(story), {"links"});
    ASSERT_EQ(story_links.size(), 1u);
    EXPECT_EQ(StrAt(story_links[0], {"kind"}), "blocked_by");
    EXPECT_EQ(StrAt(story_links[0], {"item", "key"}), bug);

    // A second call answers the same bug.
    const HttpResult again = client().Post("/api/v1/test-runs/" + run + "/bug", "", Token("bob"));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(At(again.Json(), {"created"})->as_bool());
    EXPECT_EQ(StrAt(again.Json(), {"bug", "key"}), bug);
    EXPECT_EQ(ArrAt(Item(story), {"links"}).size(), 1u);
    // The plan's runs name the bug.
    const HttpResult runs = client().Get("/api/v1/test-plans/" + plan + "/runs", Token("erin"));
    EXPECT_EQ(StrAt(ArrAt(runs.Json(), {"data"})[0], {"bug", "key"}), bug);

    // A passing run needs no bug; a stakeholder or the PM may not open one.
    const std::string passed = RecordRun(plan, c, "pass");
    ExpectError(
        client().Post("/api/v1/test-runs/" + passed + "/bug", "", Token("dave")), 409, "conflict");
    const std::string blocked = RecordRun(plan, c, "blocked", "No dusk today");
    ExpectError(client().Post("/api/v1/test-runs/" + blocked + "/bug", "", Token("erin")),
                403,
                "forbidden");
    ExpectError(client().Post("/api/v1/test-runs/" + blocked + "/bug", "", Token("alice")),
                403,
                "forbidden");

    // A story without a parent: the bug goes to the bottom of the backlog, with no parent.
    const std::string loose =
        StrAt(NewItem(p, {{"type", "story"}, {"title", "Loose story"}}), {"key"});
    const std::string loose_case = NewCase(loose, "Loose check", {});
    const std::string loose_plan =
        StrAt(NewPlan(p, {{"name", "Loose"}, {"sprint_id", "spr_4"}, {"case_ids", {loose_case}}}),
              {"id"});
    const std::string loose_run = RecordRun(loose_plan, loose_case, "blocked");
    const HttpResult loose_bug =
        client().Post("/api/v1/test-runs/" + loose_run + "/bug", "", Token("bob"));
    ASSERT_EQ(loose_bug.status, 201) << loose_bug.body;
    EXPECT_EQ(StrAt(loose_bug.Json(), {"bug", "title"}), "Test blocked: Loose check");
    EXPECT_TRUE(At(Item(StrAt(loose_bug.Json(), {"bug", "key"})), {"parent"})->is_null());
    const HttpResult backlog =
        client().Get("/api/v1/products/" + p + "/items?limit=200", Token("bob"));
    const json::array all = ArrAt(backlog.Json(), {"data"});
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(StrAt(all.back(), {"key"}), StrAt(loose_bug.Json(), {"bug", "key"}));
}

TEST_F(ReleasesTest, TestCasesNameOnlyTheirItemsCriteria) {
    const std::string p = NewProduct("RCRIT");
    const std::string a = StrAt(
        NewItem(p, {{"type", "story"}, {"title", "A"}, {"criteria", json::array{"a1", "a2"}}}),
        {"key"});
    const std::string b = StrAt(
        NewItem(p, {{"type", "story"}, {"title", "B"}, {"criteria", json::array{"b1"}}}), {"key"});
    const std::string epic = Key(p, "epic", "E");
    const auto a_criteria = Criteria(a);
    const auto b_criteria = Criteria(b);

    const std::string body = json::serialize(
        json::object{{"title", "Mixed"},
                     {"criteria", json::array{a_criteria[0].c_str(), b_criteria[0].c_str()}}});
    const HttpResult mixed =
        client().Post("/api/v1/items/" + a + "/test-cases", body, Token("dave"));
    ExpectInvalid(mixed, {"criteria.1"});
    EXPECT_FALSE(Has(DetailFields(mixed), "criteria.0")) << mixed.body;
    ExpectInvalid(
        client().Post(
            "/api/v1/items/" + a + "/test-cases", R"({"steps":"no title"})", Token("dave")),
        {"title"});
    ExpectInvalid(
        client().Post(
            "/api/v1/items/" + epic + "/test-cases", R"({"title":"On an epic"})", Token("dave")),
        {"item"});

    // PATCH is checked the same way, and honours If-Match.
    const std::string c = NewCase(a, "Good", {a_criteria[0]});
    ExpectInvalid(
        client().Patch(
            "/api/v1/test-cases/" + c,
            json::serialize(json::object{{"criteria", json::array{b_criteria[0].c_str()}}}),
            Token("dave")),
        {"criteria.0"});
    const HttpResult changed = client().Patch(
        "/api/v1/test-cases/" + c,
        json::serialize(
            json::object{{"title", "Better"},
                         {"criteria", json::array{a_criteria[0].c_str(), a_criteria[1].c_str()}}}),
        Token("dave"),
        "\"1\"");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    EXPECT_EQ(ArrAt(changed.Json(), {"criteria"}).size(), 2u);
    ExpectError(
        client().Patch("/api/v1/test-cases/" + c, R"({"title":"Stale"})", Token("dave"), "\"1\""),
        412,
        "precondition_failed");

    // The item lists its cases; deleting one removes it from plans.
    const std::string plan =
        StrAt(NewPlan(p, {{"name", "P"}, {"sprint_id", "spr_9"}, {"case_ids", {c}}}), {"id"});
    RecordRun(plan, c, "pass");
    const HttpResult listed = client().Get("/api/v1/items/" + a + "/test-cases", Token("erin"));
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(ArrAt(listed.Json(), {"data"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(listed.Json(), {"data"})[0], {"latest", "result"}), "pass");
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/test-plans",
                                json::serialize(json::object{{"name", "Bad"},
                                                             {"sprint_id", "spr_9"},
                                                             {"case_ids", {c, "tcs_missing"}}}),
                                Token("dave")),
                  {"case_ids.1"});
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/test-plans",
                                R"({"name":"Both","sprint_id":"spr_1","release_id":"rel_x"})",
                                Token("dave")),
                  {"release_id"});
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/test-plans",
                                R"({"name":"Unknown release","release_id":"rel_x"})",
                                Token("dave")),
                  {"release_id"});
    ExpectInvalid(client().Post("/api/v1/test-plans/" + plan + "/runs",
                                R"({"case_id":"tcs_other","result":"maybe"})",
                                Token("dave")),
                  {"case_id", "result"});
    // A sprint plan without case_ids takes the cases of the sprint's items (none here).
    const json::value empty_sprint =
        NewPlan(p, {{"name", "Empty sprint"}, {"sprint_id", "spr_none"}});
    EXPECT_TRUE(ArrAt(empty_sprint, {"cases"}).empty());
    EXPECT_EQ(StrAt(empty_sprint, {"sprint_id"}), "spr_none");
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/test-plans",
                                R"({"name":"Odd","sprint_id":"spr\" OR 1"})",
                                Token("dave")),
                  {"sprint_id"});
    ASSERT_EQ(client().Delete("/api/v1/test-cases/" + c, Token("dave")).status, 204);
    const HttpResult plan_after = client().Get("/api/v1/test-plans/" + plan, Token("dave"));
    EXPECT_TRUE(ArrAt(plan_after.Json(), {"cases"}).empty()) << plan_after.body;
    EXPECT_TRUE(
        ArrAt(client().Get("/api/v1/test-plans/" + plan + "/runs", Token("dave")).Json(), {"data"})
            .empty());
    ASSERT_EQ(client().Delete("/api/v1/test-plans/" + plan, Token("dave")).status, 204);
    ExpectError(client().Get("/api/v1/test-plans/" + plan, Token("dave")), 404, "not_found");

    // Deleting an item deletes its test cases.
    const std::string d = NewCase(b, "On B", {b_criteria[0]});
    ASSERT_EQ(client().Delete("/api/v1/items/" + b, Token("bob")).status, 204);
    ExpectError(client().Get("/api/v1/test-cases/" + d, Token("bob")), 404, "not_found");
}

TEST_F(ReleasesTest, TheTeamTestsTheProductOwnerReleasesStakeholdersRead) {
    const std::string p = NewProduct("RROLE");
    const std::string s =
        StrAt(NewItem(p, {{"type", "story"}, {"title", "S"}, {"criteria", json::array{"works"}}}),
              {"key"});
    const std::string crit = Criteria(s)[0];
    const std::string case_body =
        json::serialize(json::object{{"title", "T"}, {"criteria", json::array{crit.c_str()}}});

    // The team writes test cases, plans and runs, but creates no release.
    const std::string c = NewCase(s, "By the team", {crit}, "dave");
    const std::string plan = StrAt(
        NewPlan(p, {{"name", "Team plan"}, {"sprint_id", "spr_1"}, {"case_ids", {c}}}, "dave"),
        {"id"});
    RecordRun(plan, c, "pass", "", "dave");
    ExpectError(
        client().Post("/api/v1/products/" + p + "/releases", R"({"version":"9.9"})", Token("dave")),
        403,
        "forbidden");
    const std::string r = StrAt(NewRelease(p, {{"version", "1.0"}}), {"id"});
    ExpectError(PlanItems(r, {s}, false, "dave"), 403, "forbidden");
    ExpectError(client().Patch("/api/v1/releases/" + r, R"({"name":"x"})", Token("dave")),
                403,
                "forbidden");
    // The PO writes tests too.
    NewCase(s, "By the PO", {crit}, "bob");

    // The PM, the Scrum Master, stakeholders and executives read but do not write tests; only
    // the PO writes releases. A forbidden write is 403 whatever the body holds.
    for (const std::string who : {"alice", "carol", "erin"}) {
        ExpectError(client().Post("/api/v1/items/" + s + "/test-cases", case_body, Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Post("/api/v1/items/" + s + "/test-cases", "{\"x\":1}", Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Post("/api/v1/test-plans/" + plan + "/runs",
                                  json::serialize(json::object{{"case_id", c}, {"result", "pass"}}),
                                  Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Patch("/api/v1/test-cases/" + c, R"({"title":"x"})", Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Delete("/api/v1/test-plans/" + plan, Token(who)), 403, "forbidden");
        ExpectError(client().Post(
                        "/api/v1/products/" + p + "/releases", R"({"version":"9.8"})", Token(who)),
                    403,
                    "forbidden");
        EXPECT_EQ(client().Get("/api/v1/releases/" + r, Token(who)).status, 200) << who;
        EXPECT_EQ(client().Get("/api/v1/releases/" + r + "/notes", Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/items/" + s + "/test-cases", Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/items/" + s + "/coverage", Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/test-cases/" + c, Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/test-plans/" + plan, Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/test-plans/" + plan + "/runs", Token(who)).status, 200);
        EXPECT_EQ(client().Get("/api/v1/products/" + p + "/test-plans", Token(who)).status, 200);
    }
    // Without a role on the product, its test objects are not found.
    ExpectError(client().Get("/api/v1/test-cases/" + c, Token("frank")), 404, "not_found");
    ExpectError(client().Get("/api/v1/test-plans/" + plan, Token("frank")), 404, "not_found");
    ExpectError(client().Get("/api/v1/items/" + s + "/coverage", Token("frank")), 404, "not_found");
}

// ---- Commitment and scope changes (docs/delivery.md, "Commitment and scope changes") ----

double Num(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_number() ? p->to_number<double>() : -1;
}

bool IsNull(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_null();
}

TEST_F(ReleasesTest, CommitTakesTheBaselineAndEveryScopeChangeAfterItIsRecorded) {
    const std::string p = NewProduct("RCMT");
    auto story = [&](const std::string& title, double points) {
        return StrAt(NewItem(p, {{"type", "story"}, {"title", title}, {"points", points}}),
                     {"key"});
    };
    const std::string a = story("A", 5);
    const std::string b = story("B", 3);
    const std::string c = story("C", 2);
    const std::string d = story("D", 3);
    const std::string e = story("E", 8);
    const std::string f = story("F", 1);
    const std::string r = StrAt(NewRelease(p, {{"version", "3.0"}}), {"id"});
    const std::string other = StrAt(NewRelease(p, {{"version", "3.1"}}), {"id"});
    ASSERT_EQ(PlanItems(r, {a, b, c, e}).status, 200);
    ASSERT_EQ(PlanItems(other, {f}).status, 200);

    // Before the commit nothing is recorded: no baseline, no changes.
    ASSERT_EQ(client().Patch("/api/v1/items/" + e, R"({"points":13})", Token("bob")).status, 200);
    const json::value fresh = Release(r);
    EXPECT_TRUE(IsNull(fresh, {"committed_at"})) << json::serialize(fresh);
    EXPECT_TRUE(IsNull(fresh, {"committed_by"}));
    EXPECT_TRUE(IsNull(fresh, {"baseline"}));
    const HttpResult none = client().Get("/api/v1/releases/" + r + "/scope-changes", Token("bob"));
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(IsNull(none.Json(), {"committed_at"}));
    EXPECT_TRUE(IsNull(none.Json(), {"baseline", "taken_at"}));
    EXPECT_TRUE(IsNull(none.Json(), {"baseline", "committed_points"}));
    EXPECT_TRUE(ArrAt(none.Json(), {"baseline", "items"}).empty());
    EXPECT_TRUE(ArrAt(none.Json(), {"data"}).empty());

    // Only the Product Owner commits; the others are refused whatever the body holds.
    for (const std::string who : {"alice", "carol", "dave", "erin"}) {
        ExpectError(
            client().Post("/api/v1/releases/" + r + "/commit", "", Token(who)), 403, "forbidden");
        ExpectError(client().Post("/api/v1/releases/" + r + "/commit", R"({"x":1})", Token(who)),
                    403,
                    "forbidden");
    }
    ExpectError(
        client().Post("/api/v1/releases/" + r + "/commit", "", Token("frank")), 404, "not_found");
    ExpectInvalid(client().Post("/api/v1/releases/" + r + "/commit", R"({"x":1})", Token("bob")),
                  {"x"});
    const HttpResult committed =
        client().Post("/api/v1/releases/" + r + "/commit", "", Token("bob"));
    ASSERT_EQ(committed.status, 200) << committed.body;
    const json::value rel = committed.Json();
    EXPECT_FALSE(StrAt(rel, {"committed_at"}).empty()) << committed.body;
    EXPECT_EQ(StrAt(rel, {"committed_by", "id"}), Ids().users.at("bob"));
    EXPECT_EQ(IntAt(rel, {"baseline", "items"}), 4);
    EXPECT_EQ(Num(rel, {"baseline", "points"}), 23);
    EXPECT_EQ(IntAt(rel, {"baseline", "changes"}), 0);
    EXPECT_EQ(committed.Header("etag"), "\"" + std::to_string(IntAt(rel, {"revision"})) + "\"");
    // A release is committed once.
    ExpectError(client().Post("/api/v1/releases/" + r + "/commit", "", Token("bob")),
                409,
                "already_committed");
    ASSERT_EQ(client().Post("/api/v1/releases/" + other + "/commit", "{}", Token("bob")).status,
              200);

    // added (with a reason), removed (with a reason), moved in from the other committed
    // release, re-estimated by PATCH, by a bulk edit and by planning poker; a story split off
    // joins the release; a deleted item leaves it.
    const auto plan = [&](const std::string& item, bool remove, const std::string& reason) {
        return client().Post(
            "/api/v1/releases/" + r + "/items" + (remove ? "/remove" : ""),
            json::serialize(json::object{{"items", json::array{item.c_str()}}, {"reason", reason}}),
            Token("bob"));
    };
    ASSERT_EQ(plan(d, false, "customer escalation").status, 200);
    ASSERT_EQ(plan(c, true, "the supplier is late").status, 200);
    ASSERT_EQ(plan(f, false, "").status, 200);
    ASSERT_EQ(client().Patch("/api/v1/items/" + a, R"({"points":8})", Token("bob")).status, 200);
    const HttpResult bulk =
        client().Post("/api/v1/products/" + p + "/items/bulk",
                      json::serialize(json::object{{"item_ids", json::array{b}}, {"points", 5}}),
                      Token("bob"));
    ASSERT_EQ(bulk.status, 200) << bulk.body;
    const HttpResult round = client().Post("/api/v1/items/" + d + "/poker", "", Token("bob"));
    ASSERT_EQ(round.status, 201) << round.body;
    ASSERT_EQ(client()
                  .Post("/api/v1/poker/" + StrAt(round.Json(), {"id"}) + "/finish",
                        R"({"points":2})",
                        Token("carol"))
                  .status,
              200);
    const HttpResult split =
        client().Post("/api/v1/items/" + e + "/split",
                      R"({"as":"siblings","stories":[{"title":"E part two","points":3}]})",
                      Token("bob"));
    ASSERT_EQ(split.status, 201) << split.body;
    const std::string part = StrAt(ArrAt(split.Json(), {"data"})[0], {"key"});
    EXPECT_EQ(StrAt(Item(part), {"release_id"}), r) << "a story split off joins the release";
    ASSERT_EQ(client().Delete("/api/v1/items/" + b, Token("bob")).status, 204);

    // A change outside the release records nothing there.
    const std::string outside = story("Outside", 5);
    ASSERT_EQ(client().Patch("/api/v1/items/" + outside, R"({"points":8})", Token("bob")).status,
              200);

    const HttpResult answer =
        client().Get("/api/v1/releases/" + r + "/scope-changes", Token("erin"));
    ASSERT_EQ(answer.status, 200) << answer.body;
    const json::value changes = answer.Json();
    EXPECT_EQ(StrAt(changes, {"release_id"}), r);
    EXPECT_EQ(StrAt(changes, {"committed_by", "id"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(changes, {"committed_by", "name"}), "Bob Okafor");
    EXPECT_GT(IntAt(changes, {"committed_at"}), 0);
    EXPECT_EQ(IntAt(changes, {"baseline", "taken_at"}), IntAt(changes, {"committed_at"}));
    EXPECT_EQ(Num(changes, {"baseline", "committed_points"}), 23);
    const json::array base = ArrAt(changes, {"baseline", "items"});
    ASSERT_EQ(base.size(), 4u);
    EXPECT_EQ(StrAt(base[0], {"item", "key"}), a);   // rank order: a, b, c, e
    EXPECT_EQ(Num(base[0], {"points"}), 5);          // at the commit
    EXPECT_EQ(Num(base[0], {"item", "points"}), 8);  // now
    EXPECT_EQ(StrAt(base[3], {"item", "key"}), e);
    EXPECT_EQ(Num(base[3], {"points"}), 13);
    EXPECT_TRUE(IsNull(base[1], {"item", "key"})) << "b was deleted";

    const json::array list = ArrAt(changes, {"data"});
    struct Expected {
        std::string kind;
        std::string key;  // "" for the deleted b
        double before;    // -1: null
        double after;
        std::string by;
        std::string reason;
    };
    const std::vector<Expected> expected = {
        {"added", d, -1, 3, "bob", "customer escalation"},
        {"removed", c, 2, -1, "bob", "the supplier is late"},
        {"added", f, -1, 1, "bob", ""},
        {"re_estimated", a, 5, 8, "bob", ""},
        {"re_estimated", "", 3, 5, "bob", "bulk edit"},
        {"re_estimated", d, 3, 2, "carol", "planning poker"},
        {"added", part, -1, 3, "bob", "split from " + e},
        {"removed", "", 5, -1, "bob", "deleted"},
    };
    ASSERT_EQ(list.size(), expected.size()) << json::serialize(changes);
    std::int64_t last_at = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(StrAt(list[i], {"kind"}), expected[i].kind);
        if (!expected[i].key.empty()) {
            EXPECT_EQ(StrAt(list[i], {"item", "key"}), expected[i].key);
        } else {
            EXPECT_TRUE(IsNull(list[i], {"item", "key"}));
        }
        EXPECT_EQ(Num(list[i], {"points_before"}), expected[i].before);
        EXPECT_EQ(Num(list[i], {"points_after"}), expected[i].after);
        EXPECT_EQ(StrAt(list[i], {"by"}), Ids().users.at(expected[i].by));
        EXPECT_FALSE(StrAt(list[i], {"by_name"}).empty());
        EXPECT_EQ(StrAt(list[i], {"reason"}), expected[i].reason);
        EXPECT_TRUE(StrAt(list[i], {"id"}).starts_with("scg_"));
        EXPECT_GE(IntAt(list[i], {"at"}), IntAt(changes, {"committed_at"}));
        EXPECT_GE(IntAt(list[i], {"at"}), last_at) << "oldest first";
        last_at = IntAt(list[i], {"at"});
    }

    // f left the other committed release: a `removed` change there.
    const HttpResult moved =
        client().Get("/api/v1/releases/" + other + "/scope-changes", Token("bob"));
    ASSERT_EQ(moved.status, 200) << moved.body;
    const json::array other_list = ArrAt(moved.Json(), {"data"});
    ASSERT_EQ(other_list.size(), 1u) << moved.body;
    EXPECT_EQ(StrAt(other_list[0], {"kind"}), "removed");
    EXPECT_EQ(StrAt(other_list[0], {"item", "key"}), f);
    EXPECT_EQ(StrAt(other_list[0], {"reason"}), "moved to release 3.0");

    EXPECT_EQ(IntAt(Release(r), {"baseline", "changes"}), 8);
    // Committing, and the changes made by backlog edits, are release events of the product.
    const HttpResult history =
        client().Get("/api/v1/products/" + p + "/history?limit=200", Token("bob"));
    ASSERT_EQ(history.status, 200) << history.body;
    int committed_events = 0;
    int scope_events = 0;
    for (const auto& event : ArrAt(history.Json(), {"data"})) {
        if (StrAt(event, {"entity_type"}) != "release") {
            continue;
        }
        committed_events += StrAt(event, {"action"}) == "committed" ? 1 : 0;
        scope_events += StrAt(event, {"action"}) == "scope_changed" ? 1 : 0;
    }
    EXPECT_EQ(committed_events, 2);
    // Re-estimates (3), the split, the deletion, and f leaving the other release.
    EXPECT_EQ(scope_events, 6);

    // Released, the plan is final: no more recording, no second commit.
    const HttpResult released =
        client().Patch("/api/v1/releases/" + r, R"({"status":"released"})", Token("bob"));
    ASSERT_EQ(released.status, 200) << released.body;
    ASSERT_EQ(client().Patch("/api/v1/items/" + a, R"({"points":13})", Token("bob")).status, 200);
    EXPECT_EQ(ArrAt(client().Get("/api/v1/releases/" + r + "/scope-changes", Token("bob")).Json(),
                    {"data"})
                  .size(),
              8u);
    const std::string third = StrAt(NewRelease(p, {{"version", "3.2"}}), {"id"});
    ASSERT_EQ(client()
                  .Patch("/api/v1/releases/" + third, R"({"status":"released"})", Token("bob"))
                  .status,
              200);
    ExpectError(
        client().Post("/api/v1/releases/" + third + "/commit", "", Token("bob")), 409, "conflict");
}

TEST_F(ReleasesTest, ReleaseScopeChangesAreNotFoundOutsideTheProduct) {
    const std::string p = NewProduct("RCMN");
    const std::string r = StrAt(NewRelease(p, {{"version", "1.0"}}), {"id"});
    ExpectError(
        client().Get("/api/v1/releases/" + r + "/scope-changes", Token("frank")), 404, "not_found");
    ExpectError(
        client().Get("/api/v1/releases/rel_missing/scope-changes", Token("bob")), 404, "not_found");
    ExpectError(
        client().Post("/api/v1/releases/rel_missing/commit", "", Token("bob")), 404, "not_found");
    // Every role on the product reads them.
    for (const std::string who : {"alice", "bob", "carol", "dave", "erin"}) {
        EXPECT_EQ(client().Get("/api/v1/releases/" + r + "/scope-changes", Token(who)).status, 200)
            << who;
    }
}

}  // namespace
}  // namespace tl::test
