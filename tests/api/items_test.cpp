// The backlog over HTTP, on both backends: hierarchy, roll-ups, custom fields, ranking with
// O(1) moves (also concurrent), workflow with DoR/DoD and PO-only acceptance, links with
// blocks-cycle refusal, and the role rules of docs/backlog.md.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class ItemsTest : public DemoSuite<ItemsTest> {
protected:
    // A product of its own per test (so ranks and counts are not shared), with the demo
    // people in their usual roles: alice PM, bob PO, carol SM, dave team, erin stakeholder.
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Backlog");
    }
    static json::value Create(const std::string& product,
                              json::object body,
                              const std::string& who = "bob",
                              int expect = 201) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token(who));
        EXPECT_EQ(r.status, expect) << r.body;
        return r.Json();
    }
    static std::string NewItem(const std::string& product,
                               const std::string& type,
                               const std::string& title,
                               const std::string& parent = "") {
        json::object body{{"type", type}, {"title", title}};
        if (!parent.empty()) {
            body["parent_id"] = parent;
        }
        return StrAt(Create(product, body), {"key"});
    }
    static HttpResult Patch(const std::string& item, json::object body, const std::string& who) {
        return client().Patch("/api/v1/items/" + item, json::serialize(body), Token(who));
    }
    static HttpResult Move(const std::string& item,
                           json::object body,
                           const std::string& who = "bob") {
        return client().Post("/api/v1/items/" + item + "/move", json::serialize(body), Token(who));
    }
    // The keys of the product's backlog in rank order (every page).
    static std::vector<std::string> Order(const std::string& product, HttpClient& c = client()) {
        std::vector<std::string> keys;
        std::string cursor;
        do {
            const HttpResult r = c.Get("/api/v1/products/" + product + "/items?limit=200" +
                                           (cursor.empty() ? "" : "&cursor=" + cursor),
                                       Token("bob"));
            EXPECT_EQ(r.status, 200) << r.body;
            for (const auto& i : ArrAt(r.Json(), {"data"})) {
                keys.push_back(StrAt(i, {"key"}));
            }
            cursor = StrAt(r.Json(), {"next_cursor"});
        } while (!cursor.empty());
        return keys;
    }
    static json::value Get(const std::string& item, const std::string& who = "bob") {
        const HttpResult r = client().Get("/api/v1/items/" + item, Token(who));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
};

TEST_F(ItemsTest, KeysCountPerProductAndResolveInPaths) {
    const std::string p = NewProduct("KEYS");
    const std::string a = NewItem(p, "epic", "First");
    const std::string b = NewItem(p, "story", "Second");
    EXPECT_EQ(a, "KEYS-1");
    EXPECT_EQ(b, "KEYS-2");
    const json::value by_key = Get("KEYS-2");
    EXPECT_EQ(StrAt(by_key, {"title"}), "Second");
    EXPECT_EQ(StrAt(Get(StrAt(by_key, {"id"})), {"key"}), "KEYS-2");
    EXPECT_EQ(client().Get("/api/v1/items/KEYS-99", Token("bob")).status, 404);
    // Someone without a role on the product does not learn the item exists.
    EXPECT_EQ(client().Get("/api/v1/items/KEYS-1", Token("frank")).status, 404);
}

TEST_F(ItemsTest, TheHierarchyIsEnforced) {
    const std::string p = NewProduct("HIER");
    const std::string epic = NewItem(p, "epic", "Flight time");
    const std::string feature = NewItem(p, "feature", "Battery", epic);
    const std::string story = NewItem(p, "story", "Swap battery", feature);
    NewItem(p, "task", "Design latch", story);
    // A story under an epic skips a level; a task needs a parent; an epic has none.
    const json::value skip =
        Create(p, {{"type", "story"}, {"title", "x"}, {"parent_id", epic}}, "bob", 400);
    EXPECT_EQ(StrAt(ArrAt(skip, {"error", "details"})[0], {"field"}), "parent_id");
    Create(p, {{"type", "task"}, {"title", "orphan"}}, "bob", 400);
    Create(p, {{"type", "epic"}, {"title", "x"}, {"parent_id", epic}}, "bob", 400);
    // Changing the feature into a story would orphan its story: refused, nothing changes.
    const HttpResult retype = Patch(feature, {{"type", "story"}}, "bob");
    EXPECT_EQ(retype.status, 400) << retype.body;
    EXPECT_EQ(StrAt(Get(feature), {"type"}), "feature");
    // A parent in another product is refused.
    const std::string other = NewProduct("HIEROTH");
    const std::string foreign = NewItem(other, "feature", "Elsewhere");
    EXPECT_EQ(Create(p, {{"type", "story"}, {"title", "x"}, {"parent_id", foreign}}, "bob", 400)
                  .is_object(),
              true);
}

TEST_F(ItemsTest, EpicsAndFeaturesRollUpTheirDescendants) {
    const std::string p = NewProduct("ROLL");
    const std::string epic = NewItem(p, "epic", "Imaging");
    const std::string feature = NewItem(p, "feature", "Night mode", epic);
    const auto s1 =
        Create(p, {{"type", "story"}, {"title", "a"}, {"parent_id", feature}, {"points", 5}});
    const auto s2 =
        Create(p, {{"type", "bug"}, {"title", "b"}, {"parent_id", feature}, {"points", 3}});
    // s2 done: tick the DoD, then the PO moves it through the workflow.
    json::array dod;
    for (const auto& e :
         ArrAt(client().Get("/api/v1/products/" + p + "/backlog-settings", Token("bob")).Json(),
               {"definition_of_done"})) {
        dod.push_back(e.at("id"));
    }
    const std::string bug = StrAt(s2, {"key"});
    ASSERT_EQ(Patch(bug, {{"status", "ready"}, {"done_checks", dod}}, "bob").status, 200);
    ASSERT_EQ(Patch(bug, {{"status", "in_progress"}}, "bob").status, 200);
    const HttpResult done = Patch(bug, {{"status", "done"}}, "bob");
    ASSERT_EQ(done.status, 200) << done.body;
    const json::value e = Get(epic);
    EXPECT_EQ(At(e, {"rollup", "total_points"})->to_number<double>(), 8.0);
    EXPECT_EQ(At(e, {"rollup", "done_points"})->to_number<double>(), 3.0);
    EXPECT_EQ(IntAt(e, {"rollup", "items"}), 3);  // the feature, the story, the bug
    const json::value f = Get(feature);
    EXPECT_EQ(At(f, {"rollup", "total_points"})->to_number<double>(), 8.0);
    EXPECT_TRUE(At(Get(StrAt(s1, {"key"})), {"rollup"})->is_null());
}

TEST_F(ItemsTest, CustomFieldsAreValidatedOnWrite) {
    const std::string p = NewProduct("CUST");
    json::array fields{
        json::object{{"key", "risk"},
                     {"name", "Risk"},
                     {"type", "single_select"},
                     {"options", json::array{"low", "high"}}},
        json::object{{"key", "customers"},
                     {"name", "Customers"},
                     {"type", "multi_select"},
                     {"options", json::array{"acme", "globex"}}},
        json::object{{"key", "due"}, {"name", "Due"}, {"type", "date"}},
        json::object{{"key", "cost"}, {"name", "Cost"}, {"type", "number"}},
        json::object{{"key", "reviewer"}, {"name", "Reviewer"}, {"type", "user"}},
        json::object{{"key", "note"}, {"name", "Note"}, {"type", "text"}, {"required", true}}};
    const HttpResult set = client().Patch("/api/v1/products/" + p + "/backlog-settings",
                                          json::serialize(json::object{{"fields", fields}}),
                                          Token("bob"));
    ASSERT_EQ(set.status, 200) << set.body;
    // A field key may not shadow a query field.
    const HttpResult shadow = client().Patch(
        "/api/v1/products/" + p + "/backlog-settings",
        json::serialize(json::object{
            {"fields",
             json::array{json::object{{"key", "status"}, {"name", "S"}, {"type", "text"}}}}}),
        Token("bob"));
    EXPECT_EQ(shadow.status, 400) << shadow.body;
    // Only the PO changes settings.
    EXPECT_EQ(
        client().Patch("/api/v1/products/" + p + "/backlog-settings", "{}", Token("alice")).status,
        403);

    const json::value bad = Create(p,
                                   {{"type", "story"},
                                    {"title", "x"},
                                    {"fields",
                                     json::object{{"risk", "extreme"},
                                                  {"customers", json::array{"acme", "initech"}},
                                                  {"due", "2026-02-30"},
                                                  {"cost", "cheap"},
                                                  {"reviewer", "usr_nobody"},
                                                  {"colour", "red"}}}},
                                   "bob",
                                   400);
    std::set<std::string> flagged;
    for (const auto& d : ArrAt(bad, {"error", "details"})) {
        flagged.insert(StrAt(d, {"field"}));
    }
    for (const auto* f : {"fields.risk",
                          "fields.customers",
                          "fields.due",
                          "fields.cost",
                          "fields.reviewer",
                          "fields.colour",
                          "fields.note"}) {
        EXPECT_TRUE(flagged.count(f)) << f << " not flagged in " << json::serialize(bad);
    }
    const json::value good = Create(p,
                                    {{"type", "story"},
                                     {"title", "ok"},
                                     {"fields",
                                      json::object{{"risk", "high"},
                                                   {"customers", json::array{"globex", "acme"}},
                                                   {"due", "2026-05-31"},
                                                   {"cost", 1200.5},
                                                   {"reviewer", Ids().users.at("dave")},
                                                   {"note", "n"}}}});
    EXPECT_EQ(StrAt(good, {"fields", "risk"}), "high");
    EXPECT_EQ(ArrAt(good, {"fields", "customers"}).size(), 2u);
    EXPECT_EQ(At(good, {"fields", "cost"})->to_number<double>(), 1200.5);
    // Null removes a value; a required one cannot go... but may on edit? It stays required.
    const HttpResult cleared =
        Patch(StrAt(good, {"key"}), {{"fields", json::object{{"risk", nullptr}}}}, "bob");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(At(cleared.Json(), {"fields", "risk"}), nullptr);
}

TEST_F(ItemsTest, AMoveWritesOneRowAndTheOrderSurvives) {
    const std::string p = NewProduct("MOVE");
    std::vector<std::string> keys;
    for (int i = 0; i < 6; ++i) {
        keys.push_back(NewItem(p, "story", "Story " + std::to_string(i)));
    }
    EXPECT_EQ(Order(p), keys);
    std::map<std::string, std::int64_t> versions;
    for (const auto& k : keys) {
        versions[k] = IntAt(Get(k), {"version"});
    }
    // MOVE-6 before MOVE-2; MOVE-1 to the bottom; MOVE-3 after MOVE-6; MOVE-5 to the top.
    ASSERT_EQ(Move(keys[5], {{"before", keys[1]}}).status, 200);
    ASSERT_EQ(Move(keys[0], {{"position", "bottom"}}).status, 200);
    ASSERT_EQ(Move(keys[2], {{"after", keys[5]}}).status, 200);
    const HttpResult top = Move(keys[4], {{"position", "top"}});
    ASSERT_EQ(top.status, 200) << top.body;
    EXPECT_EQ(Order(p),
              (std::vector<std::string>{keys[4], keys[5], keys[2], keys[1], keys[3], keys[0]}));
    // Only the moved items changed version: one row per move.
    EXPECT_EQ(IntAt(Get(keys[1]), {"version"}), versions[keys[1]]);
    EXPECT_EQ(IntAt(Get(keys[3]), {"version"}), versions[keys[3]]);
    EXPECT_EQ(IntAt(Get(keys[5]), {"version"}), versions[keys[5]] + 1);
    // Bad moves: two anchors, none, itself, another product's item, not the PO.
    EXPECT_EQ(Move(keys[0], {{"before", keys[1]}, {"after", keys[2]}}).status, 400);
    EXPECT_EQ(Move(keys[0], {}).status, 400);
    EXPECT_EQ(Move(keys[0], {{"before", keys[0]}}).status, 400);
    const std::string other = NewProduct("MOVEOTH");
    EXPECT_EQ(Move(keys[0], {{"before", NewItem(other, "story", "x")}}).status, 400);
    EXPECT_EQ(Move(keys[0], {{"position", "top"}}, "alice").status, 403);
    EXPECT_EQ(Move(keys[0], {{"position", "top"}}, "dave").status, 403);
}

// 400 moves into one gap pass the ~311 after which keys outgrow the bound (the rank unit
// tests run the full 1,000), so the backlog is rebalanced on the way.
TEST_F(ItemsTest, RepeatedInsertsIntoOneGapKeepKeysBoundedAndTheOrder) {
    const std::string p = NewProduct("GAP");
    const std::string first = NewItem(p, "story", "first");
    const std::string last = NewItem(p, "story", "last");
    // Always between `first` and the newest: the adversarial pattern for fractional keys.
    std::string newest = last;
    std::vector<std::string> expected = {first};
    std::vector<std::string> middle;
    for (int i = 0; i < 400; ++i) {
        const std::string k = NewItem(p, "story", "s" + std::to_string(i));
        ASSERT_EQ(Move(k, {{"after", first}}).status, 200);
        middle.insert(middle.begin(), k);
    }
    expected.insert(expected.end(), middle.begin(), middle.end());
    expected.push_back(last);
    EXPECT_EQ(Order(p), expected);
    std::size_t longest = 0;
    std::string cursor;
    do {
        const HttpResult r = client().Get("/api/v1/products/" + p + "/items?limit=200" +
                                              (cursor.empty() ? "" : "&cursor=" + cursor),
                                          Token("bob"));
        for (const auto& i : ArrAt(r.Json(), {"data"})) {
            longest = std::max(longest, StrAt(i, {"rank"}).size());
        }
        cursor = StrAt(r.Json(), {"next_cursor"});
    } while (!cursor.empty());
    EXPECT_LE(longest, 64u);
    // The rebalances are in the product's history.
    const HttpResult history =
        client().Get("/api/v1/products/" + p + "/history?limit=200", Token("bob"));
    EXPECT_NE(history.body.find("rebalanced"), std::string::npos);
}

TEST_F(ItemsTest, ConcurrentMovesNeitherLoseNorDuplicateAPosition) {
    const std::string p = NewProduct("CONC");
    std::vector<std::string> keys;
    for (int i = 0; i < 12; ++i) {
        keys.push_back(NewItem(p, "story", "Story " + std::to_string(i)));
    }
    const unsigned short port = env().server().port();
    const std::string token = Token("bob");
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            HttpClient c(port);
            for (int i = 0; i < 25; ++i) {
                const std::string& item = keys[(t * 7 + i * 5) % keys.size()];
                const std::string& anchor = keys[(t * 3 + i * 11 + 1) % keys.size()];
                json::object body;
                if (item == anchor) {
                    body["position"] = i % 2 == 0 ? "top" : "bottom";
                } else {
                    body[i % 2 == 0 ? "before" : "after"] = anchor;
                }
                const HttpResult r =
                    c.Post("/api/v1/items/" + item + "/move", json::serialize(body), token);
                if (r.status != 200) {
                    failures.fetch_add(1);
                    ADD_FAILURE() << r.status << " " << r.body;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto order = Order(p);
    EXPECT_EQ(order.size(), keys.size());
    std::sort(order.begin(), order.end());
    auto sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(order, sorted) << "every item exactly once";
}

TEST_F(ItemsTest, WorkflowTransitionsWipLimitsAndTheDefinitions) {
    const std::string p = NewProduct("FLOW");
    const HttpResult settings =
        client().Get("/api/v1/products/" + p + "/backlog-settings", Token("dave"));
    ASSERT_EQ(settings.status, 200);
    json::array dor;
    for (const auto& e : ArrAt(settings.Json(), {"definition_of_ready"})) {
        dor.push_back(e.at("id"));
    }
    json::array dod;
    for (const auto& e : ArrAt(settings.Json(), {"definition_of_done"})) {
        dod.push_back(e.at("id"));
    }
    // The defaults were never saved: their version is 0, and the first save may name it.
    EXPECT_EQ(settings.Header("etag"), "\"0\"");
    const std::string target = "/api/v1/products/" + p + "/backlog-settings";
    const HttpResult first = client().Patch(target, R"({"split_threshold":13})", Token("bob"), "0");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.Header("etag"), "\"1\"");
    EXPECT_EQ(client().Patch(target, R"({"split_threshold":8})", Token("bob"), "0").status, 412);
    ASSERT_EQ(client().Patch(target, R"({"split_threshold":13})", Token("bob"), "1").status, 200);
    const auto story =
        Create(p,
               {{"type", "story"},
                {"title", "Hover hold"},
                {"points", 3},
                {"criteria", json::array{"Given wind When hovering Then drift < 1 m"}}});
    const std::string k = StrAt(story, {"key"});
    // new → in_progress is not a transition of the default workflow.
    EXPECT_EQ(Patch(k, {{"status", "in_progress"}}, "bob").status, 409);
    ASSERT_EQ(Patch(k, {{"status", "ready"}}, "bob").status, 200);
    // Not ready: the DoR is unticked.
    const HttpResult not_ready = Patch(k, {{"status", "in_progress"}}, "dave");
    EXPECT_EQ(not_ready.status, 409) << not_ready.body;
    EXPECT_NE(not_ready.body.find("Definition of Ready"), std::string::npos);
    ASSERT_EQ(Patch(k, {{"ready_checks", dor}}, "dave").status, 200);
    EXPECT_TRUE(At(Get(k), {"ready"})->as_bool());
    ASSERT_EQ(Patch(k, {{"status", "in_progress"}}, "dave").status, 200);
    // The team cannot accept a story; the PO cannot either while the DoD or criteria are open.
    EXPECT_EQ(Patch(k, {{"status", "done"}}, "dave").status, 409);  // DoD first
    ASSERT_EQ(Patch(k, {{"done_checks", dod}}, "dave").status, 200);
    EXPECT_EQ(Patch(k, {{"status", "done"}}, "dave").status, 403);
    const HttpResult open = client().Post("/api/v1/items/" + k + "/accept", "", Token("bob"));
    EXPECT_EQ(open.status, 409) << open.body;
    EXPECT_NE(open.body.find("acceptance criteria"), std::string::npos);
    json::array ticked{json::object{{"id", StrAt(ArrAt(Get(k), {"criteria"})[0], {"id"})},
                                    {"text", "Given wind When hovering Then drift < 1 m"},
                                    {"done", true}}};
    ASSERT_EQ(Patch(k, {{"criteria", ticked}}, "dave").status, 200);  // ticking is the team's
    const HttpResult accepted = client().Post("/api/v1/items/" + k + "/accept", "", Token("bob"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(StrAt(accepted.Json(), {"status"}), "done");
    EXPECT_EQ(StrAt(accepted.Json(), {"accepted_by"}), Ids().users.at("bob"));

    // A WIP limit of one on in_review.
    json::array statuses = ArrAt(settings.Json(), {"statuses"});
    for (auto& s : statuses) {
        if (StrAt(s, {"key"}) == "in_review") {
            s.as_object()["wip_limit"] = 1;
        }
    }
    ASSERT_EQ(client()
                  .Patch("/api/v1/products/" + p + "/backlog-settings",
                         json::serialize(json::object{{"statuses", statuses}}),
                         Token("bob"))
                  .status,
              200);
    std::vector<std::string> bugs;
    for (int i = 0; i < 2; ++i) {
        const std::string b =
            StrAt(Create(p, {{"type", "bug"}, {"title", "b" + std::to_string(i)}}), {"key"});
        ASSERT_EQ(Patch(b, {{"status", "ready"}}, "bob").status, 200);
        ASSERT_EQ(Patch(b, {{"status", "in_progress"}}, "bob").status, 200);
        bugs.push_back(b);
    }
    ASSERT_EQ(Patch(bugs[0], {{"status", "in_review"}}, "bob").status, 200);
    const HttpResult wip = Patch(bugs[1], {{"status", "in_review"}}, "bob");
    EXPECT_EQ(wip.status, 409) << wip.body;
    EXPECT_NE(wip.body.find("WIP limit"), std::string::npos);
    // A status in use cannot be removed.
    json::array without;
    for (const auto& s : statuses) {
        if (StrAt(s, {"key"}) != "in_review") {
            without.push_back(s);
        }
    }
    EXPECT_EQ(client()
                  .Patch("/api/v1/products/" + p + "/backlog-settings",
                         json::serialize(
                             json::object{{"statuses", without}, {"transitions", json::array{}}}),
                         Token("bob"))
                  .status,
              409);
}

TEST_F(ItemsTest, LinksReadFromBothEndsAndBlocksCyclesAreRefused) {
    const std::string p = NewProduct("LINK");
    const std::string a = NewItem(p, "story", "A");
    const std::string b = NewItem(p, "story", "B");
    const std::string c = NewItem(p, "story", "C");
    auto link = [&](const std::string& from, const std::string& kind, const std::string& to) {
        return client().Post("/api/v1/items/" + from + "/links",
                             json::serialize(json::object{{"kind", kind}, {"target_id", to}}),
                             Token("bob"));
    };
    ASSERT_EQ(link(a, "blocks", b).status, 201);
    ASSERT_EQ(link(c, "blocked_by", b).status, 201);  // B blocks C
    auto kinds = [&](const std::string& item) {
        std::map<std::string, std::string> out;
        for (const auto& l : ArrAt(Get(item), {"links"})) {
            out[StrAt(l, {"item", "key"})] = StrAt(l, {"kind"});
        }
        return out;
    };
    EXPECT_EQ(kinds(b), (std::map<std::string, std::string>{{a, "blocked_by"}, {c, "blocks"}}));
    EXPECT_EQ(kinds(c), (std::map<std::string, std::string>{{b, "blocked_by"}}));
    // C blocks A would close A → B → C → A.
    const HttpResult cycle = link(c, "blocks", a);
    EXPECT_EQ(cycle.status, 409) << cycle.body;
    EXPECT_NE(cycle.body.find(a), std::string::npos);
    EXPECT_EQ(link(a, "blocked_by", c).status, 409);
    EXPECT_EQ(link(a, "blocks", a).status, 400);
    EXPECT_EQ(link(a, "blocks", b).status, 409);  // already there
    EXPECT_EQ(link(a, "relates", c).status, 201);
    EXPECT_EQ(link(c, "relates", a).status, 409);  // the same link
    // Deleting from the other end removes it for both.
    std::string link_id;
    for (const auto& l : ArrAt(Get(b), {"links"})) {
        if (StrAt(l, {"item", "key"}) == a) {
            link_id = StrAt(l, {"id"});
        }
    }
    ASSERT_EQ(client().Delete("/api/v1/items/" + b + "/links/" + link_id, Token("bob")).status,
              204);
    EXPECT_EQ(kinds(a).count(b), 0u);
    EXPECT_EQ(link(c, "blocks", a).status, 201);  // no cycle any more
    EXPECT_EQ(link(a, "relates", b).status == 403, false);
    EXPECT_EQ(client()
                  .Post("/api/v1/items/" + a + "/links",
                        R"({"kind":"relates","target_id":")" + c + "\"}",
                        Token("dave"))
                  .status,
              403);
}

TEST_F(ItemsTest, RolesDecideWhatEachPersonMayChange) {
    const std::string p = NewProduct("ROLE");
    const std::string k = NewItem(p, "story", "Geofence");
    // PM: proposes at the bottom, aligns; may not rank or edit content.
    const auto proposed = Create(p, {{"type", "feature"}, {"title", "Proposed by PM"}}, "alice");
    EXPECT_EQ(Order(p).back(), StrAt(proposed, {"key"}));
    Create(p, {{"type", "feature"}, {"title", "x"}, {"position", "top"}}, "alice", 403);
    // A goal of the product (docs/strategy.md: items name goals of their own product only).
    const HttpResult goal = client().Post("/api/v1/products/" + p + "/goals",
                                          R"({"objective":"Lead","horizon":"year",)"
                                          R"("start_date":"2027-01-01"})",
                                          Token("alice"));
    ASSERT_EQ(goal.status, 201) << goal.body;
    EXPECT_EQ(Patch(k, {{"goal_id", "goal_1"}}, "alice").status, 400);
    EXPECT_EQ(Patch(k, {{"goal_id", StrAt(goal.Json(), {"id"})}}, "alice").status, 200);
    EXPECT_EQ(Patch(k, {{"title", "Renamed"}}, "alice").status, 403);
    // Team: working fields of unassigned items or their own, not content; not others' items.
    EXPECT_EQ(Patch(k, {{"points", 5}, {"assignee_id", Ids().users.at("dave")}}, "dave").status,
              200);
    EXPECT_EQ(Patch(k, {{"title", "Renamed"}}, "dave").status, 403);
    EXPECT_EQ(Patch(k, {{"assignee_id", Ids().users.at("carol")}}, "bob").status, 200);
    EXPECT_EQ(Patch(k, {{"points", 8}}, "dave").status, 403);
    // Team members add tasks under items they work on.
    ASSERT_EQ(Patch(k, {{"assignee_id", Ids().users.at("dave")}}, "bob").status, 200);
    Create(p, {{"type", "task"}, {"title", "Write the test"}, {"parent_id", k}}, "dave", 201);
    Create(p, {{"type", "story"}, {"title", "x"}}, "dave", 403);
    // Scrum Master and stakeholder read only.
    Create(p, {{"type", "story"}, {"title", "x"}}, "carol", 403);
    EXPECT_EQ(Patch(k, {{"points", 3}}, "erin").status, 403);
    EXPECT_EQ(client().Get("/api/v1/items/" + k, Token("erin")).status, 200);
    EXPECT_EQ(client().Delete("/api/v1/items/" + k, Token("alice")).status, 403);
    // The PO deletes, but not an item with children.
    EXPECT_EQ(client().Delete("/api/v1/items/" + k, Token("bob")).status, 409);
    EXPECT_EQ(client().Delete("/api/v1/items/" + StrAt(proposed, {"key"}), Token("bob")).status,
              204);
    // Someone with no role on the product sees nothing.
    EXPECT_EQ(client().Get("/api/v1/products/" + p + "/items", Token("frank")).status, 403);
}

TEST_F(ItemsTest, StaleIfMatchIs412AndChangesNothing) {
    const std::string p = NewProduct("STALE");
    const std::string k = NewItem(p, "story", "Original");
    const HttpResult r =
        client().Patch("/api/v1/items/" + k, R"({"title":"Changed"})", Token("bob"), "\"7\"");
    EXPECT_EQ(r.status, 412) << r.body;
    EXPECT_EQ(StrAt(r.Json(), {"current", "title"}), "Original");
    EXPECT_EQ(StrAt(Get(k), {"title"}), "Original");
}

TEST_F(ItemsTest, SplitMovesChosenCriteriaIntoNewSiblings) {
    const std::string p = NewProduct("SPLIT");
    const auto story = Create(p,
                              {{"type", "story"},
                               {"title", "Big one"},
                               {"points", 20},
                               {"criteria", json::array{"one", "two", "three"}}});
    const std::string k = StrAt(story, {"key"});
    const std::string after = NewItem(p, "story", "After");
    const auto criteria = ArrAt(story, {"criteria"});
    json::object part_two{
        {"title", "Part two"}, {"criteria", json::array{criteria[1].at("id")}}, {"points", 8}};
    json::object part_three{{"title", "Part three"},
                            {"criteria", json::array{criteria[2].at("id")}}};
    json::object body{{"as", "siblings"},
                      {"stories", json::array{std::move(part_two), std::move(part_three)}}};
    const HttpResult split =
        client().Post("/api/v1/items/" + k + "/split", json::serialize(body), Token("bob"));
    ASSERT_EQ(split.status, 201) << split.body;
    const auto parts = ArrAt(split.Json(), {"data"});
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(parts[0], {"criteria"})[0], {"text"}), "two");
    EXPECT_EQ(ArrAt(Get(k), {"criteria"}).size(), 1u);
    EXPECT_EQ(
        Order(p),
        (std::vector<std::string>{k, StrAt(parts[0], {"key"}), StrAt(parts[1], {"key"}), after}));
    // The refinement queue flagged the big story before; now the original is still too big.
    const HttpResult queue = client().Get("/api/v1/products/" + p + "/refinement", Token("carol"));
    ASSERT_EQ(queue.status, 200);
    EXPECT_NE(queue.body.find("too_big"), std::string::npos);
}

TEST_F(ItemsTest, EveryChangeIsInTheItemsHistory) {
    const std::string p = NewProduct("HIST");
    const std::string k = NewItem(p, "story", "Tracked");
    ASSERT_EQ(Patch(k, {{"title", "Tracked twice"}}, "bob").status, 200);
    ASSERT_EQ(Move(k, {{"position", "top"}}).status, 200);  // alone: already there, no event
    const std::string other = NewItem(p, "story", "Other");
    ASSERT_EQ(Move(k, {{"after", other}}).status, 200);
    const HttpResult h = client().Get("/api/v1/items/" + k + "/history", Token("erin"));
    ASSERT_EQ(h.status, 200) << h.body;
    std::vector<std::string> actions;
    for (const auto& e : ArrAt(h.Json(), {"data"})) {
        actions.push_back(StrAt(e, {"action"}));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"moved", "updated", "created"}));
}

TEST_F(ItemsTest, QueriesFilterAndOrderAndBadOnesNameThePosition) {
    const std::string p = NewProduct("QRY");
    Create(p,
           {{"type", "story"},
            {"title", "Night camera"},
            {"points", 5},
            {"labels", json::array{"camera"}}});
    Create(p,
           {{"type", "story"},
            {"title", "Gimbal lock"},
            {"points", 2},
            {"labels", json::array{"gimbal"}}});
    Create(p, {{"type", "bug"}, {"title", "Camera freezes"}, {"points", 8}});
    Create(p, {{"type", "epic"}, {"title", "Imaging"}});
    auto keys = [&](const std::string& query) {
        std::string target = "/api/v1/products/" + p + "/items?query=";
        for (char c : query) {
            const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0;
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            target += plain ? std::string(1, c) : std::string(buf);
        }
        const HttpResult r = client().Get(target, Token("erin"));
        EXPECT_EQ(r.status, 200) << query << ": " << r.body;
        std::vector<std::string> out;
        for (const auto& i : ArrAt(r.Json(), {"data"})) {
            out.push_back(StrAt(i, {"key"}));
        }
        return out;
    };
    EXPECT_EQ(keys("type = story AND status != done AND points >= 3 ORDER BY rank"),
              (std::vector<std::string>{"QRY-1"}));
    EXPECT_EQ(keys("label IN (camera, gimbal)"), (std::vector<std::string>{"QRY-1", "QRY-2"}));
    EXPECT_EQ(keys("points IS EMPTY"), (std::vector<std::string>{"QRY-4"}));
    EXPECT_EQ(keys("NOT type = story AND points > 1 OR title ~ gimbal ORDER BY points DESC"),
              (std::vector<std::string>{"QRY-3", "QRY-2"}));
    EXPECT_EQ(keys("text ~ camera ORDER BY key DESC"),
              (std::vector<std::string>{"QRY-3", "QRY-1"}));
    EXPECT_EQ(keys("created >= -1d AND updated <= +1d").size(), 4u);
    const HttpResult bad = client().Get(
        "/api/v1/products/" + p + "/items?query=type%20%3D%20story%20ANDD%20points%20%3E%203",
        Token("bob"));
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(ErrorCode(bad), "invalid_query");
    EXPECT_EQ(IntAt(bad.Json(), {"error", "position"}), 13) << bad.body;
    EXPECT_FALSE(StrAt(bad.Json(), {"error", "expected"}).empty());
}

TEST_F(ItemsTest, TheExportCarriesEveryColumnAndTheCustomFields) {
    const std::string p = NewProduct("EXP");
    json::array fields{json::object{{"key", "risk"},
                                    {"name", "Risk"},
                                    {"type", "single_select"},
                                    {"options", json::array{"low", "high"}}},
                       json::object{{"key", "customers"},
                                    {"name", "Customers"},
                                    {"type", "multi_select"},
                                    {"options", json::array{"acme", "globex"}}}};
    ASSERT_EQ(client()
                  .Patch("/api/v1/products/" + p + "/backlog-settings",
                         json::serialize(json::object{{"fields", fields}}),
                         Token("bob"))
                  .status,
              200);
    Create(
        p,
        {{"type", "story"},
         {"title", "Night camera, \"low light\""},
         {"points", 5},
         {"labels", json::array{"camera"}},
         {"criteria", json::array{"Given dusk, noise stays low"}},
         {"fields", json::object{{"risk", "high"}, {"customers", json::array{"acme", "globex"}}}}});
    Create(p, {{"type", "bug"}, {"title", "Gimbal drift"}});
    const HttpResult csv = client().Get("/api/v1/products/" + p + "/items/export", Token("erin"));
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.Header("content-disposition").find("EXP-backlog.csv"), std::string::npos);
    const std::string header = csv.body.substr(0, csv.body.find("\r\n"));
    EXPECT_EQ(header,
              "key,type,title,status,category,points,priority,assignee,parent,labels,goal_id,"
              "initiative_id,sprint_id,release_id,created_at,updated_at,criteria,description,"
              "risk,customers");
    EXPECT_NE(csv.body.find(
                  "EXP-1,story,\"Night camera, \"\"low light\"\"\",new,to_do,5,medium,,,camera,"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("\"[ ] Given dusk, noise stays low\",,high,acme; globex\r\n"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("EXP-2,bug,Gimbal drift,"), std::string::npos);
    // JSON, filtered by a query.
    const HttpResult bugs = client().Get(
        "/api/v1/products/" + p + "/items/export?format=json&query=type%20%3D%20bug", Token("bob"));
    ASSERT_EQ(bugs.status, 200) << bugs.body;
    ASSERT_TRUE(bugs.Json().is_array());
    ASSERT_EQ(bugs.Json().as_array().size(), 1u);
    EXPECT_EQ(StrAt(bugs.Json().as_array()[0], {"key"}), "EXP-2");
    EXPECT_EQ(
        client().Get("/api/v1/products/" + p + "/items/export?format=xml", Token("bob")).status,
        400);
    EXPECT_EQ(client().Get("/api/v1/products/" + p + "/items/export", Token("frank")).status, 403);
}

}  // namespace
}  // namespace tl::test
