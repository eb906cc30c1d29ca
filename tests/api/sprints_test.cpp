// Sprints over HTTP, on both backends (docs/delivery.md, "Sprints"): planning figures with
// capacity and velocity warnings, one active sprint per team (two teams at once on one
// product), carry-over to the backlog's top and to the next sprint, the baseline and every kind
// of scope change, change requests (202, accept, reject), the burndown and report against a
// worked example, and who may do what.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

// "YYYY-MM-DD" of today (UTC) plus `offset` days: the server's calendar.
std::string Day(int offset) {
    using namespace std::chrono;
    const auto today = floor<days>(system_clock::now()) + days(offset);
    const year_month_day ymd{today};
    char buf[16];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02u-%02u",
                  static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

double Num(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_number() ? p->to_number<double>() : -1;
}

bool IsNull(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_null();
}

class SprintsTest : public DemoSuite<SprintsTest> {
protected:
    // A product of its own per test with the demo people in their usual roles (alice PM, bob
    // PO, carol SM, dave team, erin stakeholder) and a workflow without gates, so that the PO
    // can move any item straight to done.
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Sprints", /*open_workflow=*/true);
    }
    static std::string NewTeam(const std::string& name, const std::string& product) {
        const HttpResult r = client().Post(
            "/api/v1/teams",
            json::serialize(json::object{
                {"name", name},
                {"product_id", product},
                {"member_ids", json::array{Ids().users.at("carol"), Ids().users.at("dave")}}}),
            Token("admin"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    // A story with points (the PO sets them); returns its key.
    static std::string Story(const std::string& product,
                             const std::string& title,
                             std::optional<double> points) {
        json::object body{{"type", "story"}, {"title", title}};
        if (points) {
            body["points"] = *points;
        }
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    static json::value NewSprint(const std::string& product,
                                 const std::string& team,
                                 const std::string& name,
                                 json::object extra = {},
                                 const std::string& who = "carol") {
        json::object body{{"team_id", team},
                          {"name", name},
                          {"goal", "Goal of " + name},
                          {"start_date", "2026-11-02"},
                          {"end_date", "2026-11-13"}};
        for (auto& kv : extra) {
            body[kv.key()] = kv.value();
        }
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/sprints", json::serialize(body), Token(who));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static HttpResult Plan(const std::string& sprint,
                           std::vector<std::string> items,
                           const std::string& who = "carol",
                           bool remove = false,
                           const std::string& reason = "") {
        json::array list;
        for (auto& i : items) {
            list.emplace_back(i);
        }
        return client().Post(
            "/api/v1/sprints/" + sprint + (remove ? "/items/remove" : "/items"),
            json::serialize(json::object{{"items", std::move(list)}, {"reason", reason}}),
            Token(who));
    }
    static HttpResult Start(const std::string& sprint, const std::string& who = "carol") {
        return client().Post("/api/v1/sprints/" + sprint + "/start", "", Token(who));
    }
    static HttpResult Complete(const std::string& sprint,
                               json::object body,
                               const std::string& who = "carol") {
        return client().Post(
            "/api/v1/sprints/" + sprint + "/complete", json::serialize(body), Token(who));
    }
    static HttpResult PatchItem(const std::string& key, json::object body) {
        return client().Patch("/api/v1/items/" + key, json::serialize(body), Token("bob"));
    }
    static void Finish(const std::string& key) {
        const HttpResult r = PatchItem(key, {{"status", "done"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    static json::value Get(const std::string& path, const std::string& who = "bob") {
        const HttpResult r = client().Get(path, Token(who));
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return r.Json();
    }
    // The keys of a list of items (or of entries carrying an item's key).
    static std::vector<std::string> Keys(const json::array& items) {
        std::vector<std::string> keys;
        for (const auto& i : items) {
            keys.push_back(StrAt(i, {"key"}));
        }
        return keys;
    }
    // The first `n` keys of the product's backlog in rank order.
    static std::vector<std::string> Top(const std::string& product, int n) {
        const json::value page =
            Get("/api/v1/products/" + product + "/items?limit=" + std::to_string(n));
        return Keys(ArrAt(page, {"data"}));
    }
    using Keys_t = std::vector<std::string>;
};

TEST_F(SprintsTest, CapacityAndVelocityWarnTheTeamWhilePlanning) {
    const std::string p = NewProduct("SPV");
    const std::string team = NewTeam("Velocity team", p);
    // Two completed sprints: 10 points done in the first, 13 in the second (3 unfinished).
    const std::string a = StrAt(NewSprint(p, team, "Sprint 1"), {"id"});
    const auto a1 = Story(p, "a1", 5);
    const auto a2 = Story(p, "a2", 5);
    ASSERT_EQ(Plan(a, {a1, a2}).status, 200);
    ASSERT_EQ(Start(a).status, 200);
    Finish(a1);
    Finish(a2);
    ASSERT_EQ(Complete(a, {{"carry_over", "backlog"}}).status, 200);
    const std::string b = StrAt(NewSprint(p, team, "Sprint 2"), {"id"});
    const auto b1 = Story(p, "b1", 8);
    const auto b2 = Story(p, "b2", 5);
    const auto b3 = Story(p, "b3", 3);
    ASSERT_EQ(Plan(b, {b1, b2, b3}).status, 200);
    ASSERT_EQ(Start(b).status, 200);
    Finish(b1);
    Finish(b2);
    const HttpResult completed = Complete(b, {{"carry_over", "backlog"}});
    ASSERT_EQ(completed.status, 200) << completed.body;
    EXPECT_EQ(Num(completed.Json(), {"completed_points"}), 13);
    EXPECT_EQ(Num(completed.Json(), {"committed_points"}), 16);

    // Sprint 3: dave 10 with two of ten working days off (8), carol 5: capacity 13.
    const std::string c = StrAt(NewSprint(p, team, "Sprint 3"), {"id"});
    const HttpResult capacity = client().Request(
        "PUT",
        "/api/v1/sprints/" + c + "/capacity",
        json::serialize(json::object{
            {"members",
             json::array{json::object{{"user_id", Ids().users.at("dave")},
                                      {"capacity", 10},
                                      {"days_off", json::array{"2026-11-05", "2026-11-06"}}},
                         json::object{{"user_id", Ids().users.at("carol")}, {"capacity", 5}}}}}),
        {{"Authorization", "Bearer " + Token("carol")}, {"Content-Type", "application/json"}});
    ASSERT_EQ(capacity.status, 200) << capacity.body;
    EXPECT_EQ(Num(capacity.Json(), {"capacity", "total"}), 13);
    EXPECT_EQ(Num(ArrAt(capacity.Json(), {"capacity", "members"})[0], {"effective"}), 8);

    const HttpResult planned = Plan(c, {b3, Story(p, "c1", 8), Story(p, "c2", 5)});
    ASSERT_EQ(planned.status, 200) << planned.body;
    const json::value planning = *At(planned.Json(), {"planning"});
    EXPECT_EQ(Num(planning, {"committed_points"}), 16);
    EXPECT_EQ(Num(planning, {"capacity"}), 13);
    EXPECT_EQ(Num(planning, {"velocity"}), 11.5);
    EXPECT_EQ(IntAt(planning, {"velocity_window"}), 2);
    const json::array warnings = ArrAt(planning, {"warnings"});
    ASSERT_EQ(warnings.size(), 2u) << json::serialize(planning);
    EXPECT_EQ(StrAt(warnings[0], {"code"}), "over_capacity");
    EXPECT_EQ(StrAt(warnings[0], {"message"}), "16 points planned, capacity 13");
    EXPECT_EQ(StrAt(warnings[1], {"code"}), "over_velocity");
    EXPECT_EQ(StrAt(warnings[1], {"message"}), "16 points planned, velocity 11.5");

    // In hours, the capacity is the team's own judgement: only velocity warns.
    const HttpResult hours =
        client().Patch("/api/v1/sprints/" + c, R"({"capacity_unit":"hours"})", Token("carol"));
    ASSERT_EQ(hours.status, 200) << hours.body;
    EXPECT_EQ(At(hours.Json(), {"planning", "capacity_comparable"})->as_bool(), false);
    const json::array hour_warnings = ArrAt(hours.Json(), {"planning", "warnings"});
    ASSERT_EQ(hour_warnings.size(), 1u);
    EXPECT_EQ(StrAt(hour_warnings[0], {"code"}), "over_velocity");

    // The team's velocity: oldest first.
    const json::value velocity = Get("/api/v1/teams/" + team + "/velocity?last=6", "erin");
    const json::array sprints = ArrAt(velocity, {"sprints"});
    ASSERT_EQ(sprints.size(), 2u) << json::serialize(velocity);
    EXPECT_EQ(StrAt(sprints[0], {"name"}), "Sprint 1");
    EXPECT_EQ(Num(sprints[0], {"completed"}), 10);
    EXPECT_EQ(Num(sprints[1], {"committed"}), 16);
    EXPECT_EQ(Num(sprints[1], {"completed"}), 13);
    EXPECT_EQ(Num(velocity, {"average"}), 11.5);
    ExpectInvalid(client().Get("/api/v1/teams/" + team + "/velocity?last=0", Token("bob")),
                  {"last"});
    // The list of the product's sprints, by status.
    const json::value done = Get("/api/v1/products/" + p + "/sprints?status=completed", "dave");
    EXPECT_EQ(ArrAt(done, {"data"}).size(), 2u);
    ExpectInvalid(client().Get("/api/v1/products/" + p + "/sprints?status=later", Token("bob")),
                  {"status"});
}

TEST_F(SprintsTest, EachTeamRunsOneActiveSprintAndTwoTeamsShareAProduct) {
    const std::string p = NewProduct("SPA");
    const std::string falcon = NewTeam("Falcon two", p);
    const std::string hawk = NewTeam("Hawk", p);
    const std::string s1 = StrAt(NewSprint(p, falcon, "Falcon 1"), {"id"});
    const std::string s2 = StrAt(NewSprint(p, falcon, "Falcon 2"), {"id"});
    const std::string h1 = StrAt(NewSprint(p, hawk, "Hawk 1"), {"id"});
    ASSERT_EQ(Start(s1).status, 200);
    const HttpResult second = Start(s2);
    ExpectError(second, 409, "sprint_active");
    EXPECT_TRUE(Has(DetailFields(second), "team_id")) << second.body;
    // Another team on the same product runs its own sprint at the same time.
    const HttpResult other = Start(h1);
    ASSERT_EQ(other.status, 200) << other.body;
    const json::value active = Get("/api/v1/products/" + p + "/sprints?status=active");
    EXPECT_EQ(ArrAt(active, {"data"}).size(), 2u);
    // Starting twice, completing a planned sprint, deleting an active one: refused.
    ExpectError(Start(s1), 409, "conflict");
    ExpectError(Complete(s2, {{"carry_over", "backlog"}}), 409, "conflict");
    ExpectError(client().Delete("/api/v1/sprints/" + s1, Token("carol")), 409, "conflict");
    // Once Falcon 1 is complete, Falcon 2 may start.
    ASSERT_EQ(Complete(s1, {{"carry_over", "backlog"}}).status, 200);
    EXPECT_EQ(Start(s2).status, 200);
    // A team of another product cannot plan here.
    const std::string elsewhere = NewProduct("SPAX");
    const std::string foreign = NewTeam("Foreign", elsewhere);
    const HttpResult wrong =
        client().Post("/api/v1/products/" + p + "/sprints",
                      json::serialize(json::object{{"team_id", foreign},
                                                   {"name", "x"},
                                                   {"start_date", "2026-11-02"},
                                                   {"end_date", "2026-11-13"}}),
                      Token("carol"));
    ExpectInvalid(wrong, {"team_id"});
}

TEST_F(SprintsTest, CarryOverGoesToTheBacklogTopInOrderOrIntoTheNextSprint) {
    const std::string p = NewProduct("SPC");
    const std::string team = NewTeam("Carry team", p);
    std::vector<std::string> k;
    for (int i = 1; i <= 6; ++i) {
        k.push_back(Story(p, "story " + std::to_string(i), 3));
    }
    const std::string s = StrAt(NewSprint(p, team, "Carry 1"), {"id"});
    // Planned in another order than the backlog's; the backlog's order decides.
    ASSERT_EQ(Plan(s, {k[5], k[3], k[1], k[4]}).status, 200);
    ASSERT_EQ(Start(s).status, 200);
    Finish(k[4]);
    ExpectInvalid(Complete(s, {{"carry_over", "elsewhere"}}), {"carry_over"});
    ExpectInvalid(Complete(s, {{"carry_over", "next_sprint"}}), {"next_sprint_id"});
    const HttpResult done = Complete(s, {{"carry_over", "backlog"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(StrAt(done.Json(), {"status"}), "completed");
    EXPECT_EQ(Num(done.Json(), {"completed_points"}), 3);
    // SPC-2, SPC-4, SPC-6 lead the backlog in their relative order; the done one stays put.
    EXPECT_EQ(Top(p, 6), (Keys_t{k[1], k[3], k[5], k[0], k[2], k[4]}));
    EXPECT_TRUE(IsNull(Get("/api/v1/items/" + k[1]), {"sprint_id"}));
    EXPECT_EQ(StrAt(Get("/api/v1/items/" + k[4]), {"sprint_id"}), s);
    const json::value report = Get("/api/v1/sprints/" + s + "/report", "erin");
    EXPECT_EQ(Keys(ArrAt(report, {"done"})), (Keys_t{k[4]}));
    const json::array carried = ArrAt(report, {"carried_over"});
    EXPECT_EQ(Keys(carried), (Keys_t{k[1], k[3], k[5]}));
    EXPECT_EQ(StrAt(carried[0], {"outcome"}), "returned");

    // Into the next sprint: only a planned sprint of the same team and product.
    const std::string s2 = StrAt(NewSprint(p, team, "Carry 2"), {"id"});
    const std::string s3 = StrAt(NewSprint(p, team, "Carry 3"), {"id"});
    const std::string other_team = NewTeam("Other carry team", p);
    const std::string foreign = StrAt(NewSprint(p, other_team, "Other 1"), {"id"});
    ASSERT_EQ(Plan(s2, {k[0], k[2]}).status, 200);
    ASSERT_EQ(Start(s2).status, 200);
    Finish(k[0]);
    ExpectInvalid(Complete(s2, {{"carry_over", "next_sprint"}, {"next_sprint_id", foreign}}),
                  {"next_sprint_id"});
    ExpectInvalid(Complete(s2, {{"carry_over", "next_sprint"}, {"next_sprint_id", s2}}),
                  {"next_sprint_id"});
    const HttpResult next = Complete(s2, {{"carry_over", "next_sprint"}, {"next_sprint_id", s3}});
    ASSERT_EQ(next.status, 200) << next.body;
    const json::value third = Get("/api/v1/sprints/" + s3);
    EXPECT_EQ(Keys(ArrAt(third, {"items"})), (Keys_t{k[2]}));
    const json::value report2 = Get("/api/v1/sprints/" + s2 + "/report");
    const json::array carried2 = ArrAt(report2, {"carried_over"});
    ASSERT_EQ(carried2.size(), 1u);
    EXPECT_EQ(StrAt(carried2[0], {"outcome"}), "carried_over");
    EXPECT_EQ(StrAt(carried2[0], {"next_sprint_id"}), s3);
}

TEST_F(SprintsTest, TheBaselineAndEveryScopeChangeAfterTheStart) {
    const std::string p = NewProduct("SPS");
    const std::string team = NewTeam("Scope team", p);
    const auto a = Story(p, "A", 5);
    const auto b = Story(p, "B", 3);
    const auto c = Story(p, "C", 2);
    const auto d = Story(p, "D", 3);
    const auto e = Story(p, "E", 8);
    const std::string s = StrAt(NewSprint(p, team, "Scope 1"), {"id"});
    ASSERT_EQ(Plan(s, {a, b, c, e}).status, 200);
    // Before the start nothing is a scope change, and there is no baseline yet.
    ASSERT_EQ(PatchItem(e, {{"points", 13}}).status, 200);
    const json::value before = Get("/api/v1/sprints/" + s + "/baseline");
    EXPECT_TRUE(IsNull(before, {"taken_at"}));
    EXPECT_TRUE(ArrAt(before, {"items"}).empty());
    ASSERT_EQ(Start(s).status, 200);
    const json::value baseline = Get("/api/v1/sprints/" + s + "/baseline", "erin");
    EXPECT_EQ(Num(baseline, {"committed_points"}), 23);
    const json::array base_items = ArrAt(baseline, {"items"});
    ASSERT_EQ(base_items.size(), 4u);
    EXPECT_EQ(StrAt(base_items[0], {"item", "key"}), a);
    EXPECT_EQ(Num(base_items[3], {"points"}), 13);

    // added, removed (with a reason), re-estimated by PATCH, by a bulk edit, by planning
    // poker; a story split off joins the sprint; a deleted item leaves it.
    ASSERT_EQ(Plan(s, {d}, "carol", false, "customer escalation").status, 200);
    ASSERT_EQ(Plan(s, {c}, "carol", true, "blocked by the supplier").status, 200);
    ASSERT_EQ(PatchItem(a, {{"points", 8}}).status, 200);
    const HttpResult bulk =
        client().Post("/api/v1/products/" + p + "/items/bulk",
                      json::serialize(json::object{{"item_ids", json::array{b}}, {"points", 5}}),
                      Token("bob"));
    ASSERT_EQ(bulk.status, 200) << bulk.body;
    const HttpResult round = client().Post("/api/v1/items/" + d + "/poker", "", Token("bob"));
    ASSERT_EQ(round.status, 201) << round.body;
    const HttpResult finished =
        client().Post("/api/v1/poker/" + StrAt(round.Json(), {"id"}) + "/finish",
                      R"({"points":2})",
                      Token("carol"));
    ASSERT_EQ(finished.status, 200) << finished.body;
    const HttpResult split =
        client().Post("/api/v1/items/" + e + "/split",
                      R"({"as":"siblings","stories":[{"title":"E part two","points":3}]})",
                      Token("bob"));
    ASSERT_EQ(split.status, 201) << split.body;
    const std::string part = StrAt(ArrAt(split.Json(), {"data"})[0], {"key"});
    EXPECT_EQ(StrAt(ArrAt(split.Json(), {"data"})[0], {"sprint_id"}), s);
    ASSERT_EQ(client().Delete("/api/v1/items/" + b, Token("bob")).status, 204);

    const json::value changes = Get("/api/v1/sprints/" + s + "/scope-changes", "dave");
    const json::array list = ArrAt(changes, {"data"});
    ASSERT_EQ(list.size(), 7u) << json::serialize(changes);
    struct Expected {
        std::string kind;
        std::string key;
        double before;  // -1: null
        double after;
        std::string by;
    };
    const std::vector<Expected> expected = {{"added", d, -1, 3, "carol"},
                                            {"removed", c, 2, -1, "carol"},
                                            {"re_estimated", a, 5, 8, "bob"},
                                            {"re_estimated", "", 3, 5, "bob"},  // b, deleted
                                            {"re_estimated", d, 3, 2, "carol"},
                                            {"added", part, -1, 3, "bob"},
                                            {"removed", "", 5, -1, "bob"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(StrAt(list[i], {"kind"}), expected[i].kind);
        if (!expected[i].key.empty()) {
            EXPECT_EQ(StrAt(list[i], {"item", "key"}), expected[i].key);
        }
        EXPECT_EQ(Num(list[i], {"points_before"}), expected[i].before);
        EXPECT_EQ(Num(list[i], {"points_after"}), expected[i].after);
        EXPECT_EQ(StrAt(list[i], {"by"}), Ids().users.at(expected[i].by));
    }
    EXPECT_EQ(StrAt(list[0], {"reason"}), "customer escalation");
    EXPECT_EQ(StrAt(list[1], {"reason"}), "blocked by the supplier");
    EXPECT_EQ(StrAt(list[6], {"reason"}), "deleted");
    EXPECT_TRUE(IsNull(list[6], {"item", "key"}));  // the deleted item

    const json::value report = Get("/api/v1/sprints/" + s + "/report");
    EXPECT_EQ(Num(report, {"committed"}), 23);
    EXPECT_EQ(Keys(ArrAt(report, {"added_after_start"})), (Keys_t{d, part}));
    EXPECT_EQ(ArrAt(report, {"removed"}).size(), 2u);
    EXPECT_EQ(ArrAt(report, {"re_estimated"}).size(), 3u);
    // Sprint events carry the product, so open pages update.
    const HttpResult history =
        client().Get("/api/v1/products/" + p + "/history?limit=200", Token("bob"));
    EXPECT_NE(history.body.find("\"entity_type\":\"sprint\""), std::string::npos);
}

TEST_F(SprintsTest, ChangeRequestsWaitForTheProductOwner) {
    const std::string p = NewProduct("SPR");
    const std::string team = NewTeam("Approval team", p);
    const auto a = Story(p, "A", 5);
    const auto b = Story(p, "B", 3);
    const auto c = Story(p, "C", 2);
    const auto d = Story(p, "D", 1);
    const std::string s =
        StrAt(NewSprint(p, team, "Approval 1", {{"require_approval", true}}), {"id"});
    // Before the start the Scrum Master plans freely.
    ASSERT_EQ(Plan(s, {a, b}).status, 200);
    ASSERT_EQ(Start(s).status, 200);

    // After it, an add by the Scrum Master is a request, answered 202 and not applied.
    const HttpResult asked = Plan(s, {c}, "carol", false, "the customer asks for it");
    ASSERT_EQ(asked.status, 202) << asked.body;
    const json::array requests = ArrAt(asked.Json(), {"change_requests"});
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(StrAt(requests[0], {"kind"}), "add");
    EXPECT_EQ(StrAt(requests[0], {"status"}), "open");
    EXPECT_EQ(StrAt(requests[0], {"reason"}), "the customer asks for it");
    EXPECT_EQ(StrAt(requests[0], {"requested_by"}), Ids().users.at("carol"));
    const std::string add_request = StrAt(requests[0], {"id"});
    EXPECT_TRUE(IsNull(Get("/api/v1/items/" + c), {"sprint_id"}));
    // Asking again answers the same open request.
    const HttpResult again = Plan(s, {c}, "carol");
    ASSERT_EQ(again.status, 202);
    EXPECT_EQ(StrAt(ArrAt(again.Json(), {"change_requests"})[0], {"id"}), add_request);
    const json::value open = Get("/api/v1/sprints/" + s + "/change-requests?status=open", "erin");
    EXPECT_EQ(ArrAt(open, {"data"}).size(), 1u);

    // Only the Product Owner decides.
    const std::string accept = "/api/v1/change-requests/" + add_request + "/accept";
    ExpectError(client().Post(accept, "{}", Token("carol")), 403, "forbidden");
    ExpectError(client().Post(accept, "{}", Token("dave")), 403, "forbidden");
    const HttpResult accepted = client().Post(accept, R"({"note":"fine"})", Token("bob"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(StrAt(accepted.Json(), {"status"}), "accepted");
    EXPECT_EQ(StrAt(accepted.Json(), {"decided_by"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(accepted.Json(), {"note"}), "fine");
    EXPECT_EQ(StrAt(Get("/api/v1/items/" + c), {"sprint_id"}), s);
    ExpectError(client().Post(accept, "{}", Token("bob")), 409, "conflict");

    // A remove asked and rejected changes nothing.
    const HttpResult remove = Plan(s, {b}, "carol", true, "too big");
    ASSERT_EQ(remove.status, 202) << remove.body;
    const std::string remove_request = StrAt(ArrAt(remove.Json(), {"change_requests"})[0], {"id"});
    EXPECT_EQ(StrAt(ArrAt(remove.Json(), {"change_requests"})[0], {"kind"}), "remove");
    const HttpResult rejected =
        client().Post("/api/v1/change-requests/" + remove_request + "/reject",
                      R"({"note":"keep it"})",
                      Token("bob"));
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(StrAt(rejected.Json(), {"status"}), "rejected");
    EXPECT_EQ(StrAt(Get("/api/v1/items/" + b), {"sprint_id"}), s);
    ExpectError(
        client().Post("/api/v1/change-requests/" + remove_request + "/accept", "{}", Token("bob")),
        409,
        "conflict");

    // The Product Owner's own change applies at once.
    const HttpResult direct = Plan(s, {d}, "bob");
    ASSERT_EQ(direct.status, 200) << direct.body;
    EXPECT_EQ(StrAt(Get("/api/v1/items/" + d), {"sprint_id"}), s);

    const json::value all = Get("/api/v1/sprints/" + s + "/change-requests");
    EXPECT_EQ(ArrAt(all, {"data"}).size(), 2u);
    const json::value changes = Get("/api/v1/sprints/" + s + "/scope-changes");
    const json::array list = ArrAt(changes, {"data"});
    ASSERT_EQ(list.size(), 2u);  // c added on acceptance, d added by the PO
    EXPECT_EQ(StrAt(list[0], {"item", "key"}), c);
    EXPECT_EQ(StrAt(list[0], {"by"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(list[1], {"item", "key"}), d);
}

// Worked by hand. The sprint runs from two days ago to two days ahead, every day a working
// day (5), and starts with A 5, B 3, C 8: committed 16, so the ideal line drops 3.2 each day.
// Today A is done, D (2) is added, C is re-estimated to 13 and B removed:
//   day -2, -1: scope 16, done 0, remaining 16
//   today:      scope 5 + 13 + 2 = 20, done 5, remaining 15
//   day +1, +2: the actual series has not happened yet (null).
TEST_F(SprintsTest, BurndownAndReportMatchAWorkedExample) {
    const std::string p = NewProduct("SPB");
    const std::string team = NewTeam("Burndown team", p);
    const auto a = Story(p, "A", 5);
    const auto b = Story(p, "B", 3);
    const auto c = Story(p, "C", 8);
    const auto d = Story(p, "D", 2);
    const std::string s = StrAt(NewSprint(p,
                                          team,
                                          "Burndown 1",
                                          {{"start_date", Day(-2)},
                                           {"end_date", Day(2)},
                                           {"working_days", json::array{1, 2, 3, 4, 5, 6, 7}}}),
                                {"id"});
    ASSERT_EQ(Plan(s, {a, b, c}).status, 200);
    // Planned: only the ideal line of what is planned.
    const json::value planned = Get("/api/v1/sprints/" + s + "/burndown");
    EXPECT_EQ(Num(planned, {"committed"}), 16);
    EXPECT_TRUE(IsNull(ArrAt(planned, {"days"})[0], {"scope"}));
    ASSERT_EQ(Start(s).status, 200);
    Finish(a);
    ASSERT_EQ(Plan(s, {d}).status, 200);
    ASSERT_EQ(PatchItem(c, {{"points", 13}}).status, 200);
    ASSERT_EQ(Plan(s, {b}, "carol", true).status, 200);
    EXPECT_FALSE(IsNull(Get("/api/v1/items/" + a), {"done_at"}));

    const json::value burndown = Get("/api/v1/sprints/" + s + "/burndown", "erin");
    EXPECT_EQ(StrAt(burndown, {"unit"}), "points");
    EXPECT_EQ(Num(burndown, {"committed"}), 16);
    const json::array days = ArrAt(burndown, {"days"});
    ASSERT_EQ(days.size(), 5u) << json::serialize(burndown);
    const double ideal[] = {12.8, 9.6, 6.4, 3.2, 0};
    for (int k = 0; k < 5; ++k) {
        SCOPED_TRACE(k);
        EXPECT_EQ(StrAt(days[k], {"date"}), Day(k - 2));
        EXPECT_TRUE(At(days[k], {"working_day"})->as_bool());
        EXPECT_DOUBLE_EQ(Num(days[k], {"ideal"}), ideal[k]);
    }
    for (int k : {0, 1}) {
        EXPECT_EQ(Num(days[k], {"scope"}), 16);
        EXPECT_EQ(Num(days[k], {"done"}), 0);
        EXPECT_EQ(Num(days[k], {"remaining"}), 16);
        EXPECT_TRUE(ArrAt(days[k], {"changes"}).empty());
    }
    EXPECT_EQ(Num(days[2], {"scope"}), 20);
    EXPECT_EQ(Num(days[2], {"done"}), 5);
    EXPECT_EQ(Num(days[2], {"remaining"}), 15);
    const json::array today = ArrAt(days[2], {"changes"});
    ASSERT_EQ(today.size(), 3u);
    EXPECT_EQ(StrAt(today[0], {"kind"}), "added");
    EXPECT_EQ(Num(today[0], {"points_after"}), 2);
    EXPECT_EQ(StrAt(today[1], {"kind"}), "re_estimated");
    EXPECT_EQ(StrAt(today[2], {"kind"}), "removed");
    for (int k : {3, 4}) {
        EXPECT_TRUE(IsNull(days[k], {"scope"}));
        EXPECT_TRUE(IsNull(days[k], {"remaining"}));
    }

    const json::value report = Get("/api/v1/sprints/" + s + "/report", "erin");
    EXPECT_EQ(Num(report, {"committed"}), 16);
    EXPECT_EQ(Num(report, {"completed"}), 5);
    EXPECT_EQ(Keys(ArrAt(report, {"done"})), (Keys_t{a}));
    EXPECT_EQ(Keys(ArrAt(report, {"not_done"})), (Keys_t{c, d}));
    const json::array added = ArrAt(report, {"added_after_start"});
    ASSERT_EQ(added.size(), 1u);
    EXPECT_EQ(StrAt(added[0], {"key"}), d);
    EXPECT_EQ(Num(added[0], {"points"}), 2);
    EXPECT_EQ(StrAt(added[0], {"by_name"}), "Carol Jensen");
    EXPECT_EQ(Keys(ArrAt(report, {"removed"})), (Keys_t{b}));
    const json::array re = ArrAt(report, {"re_estimated"});
    ASSERT_EQ(re.size(), 1u);
    EXPECT_EQ(Num(re[0], {"points_before"}), 8);
    EXPECT_EQ(Num(re[0], {"points_after"}), 13);

    // Completed: the figures hold, the unfinished items are carried over.
    ASSERT_EQ(Complete(s, {{"carry_over", "backlog"}}).status, 200);
    const json::value after = Get("/api/v1/sprints/" + s + "/report");
    EXPECT_EQ(Num(after, {"completed"}), 5);
    EXPECT_EQ(Keys(ArrAt(after, {"carried_over"})), (Keys_t{c, d}));
    const json::value closed = Get("/api/v1/sprints/" + s + "/burndown");
    const json::array closed_days = ArrAt(closed, {"days"});
    EXPECT_EQ(Num(closed_days[2], {"done"}), 5);
    EXPECT_EQ(Num(closed_days[2], {"scope"}), 20);
    EXPECT_TRUE(IsNull(closed_days[3], {"scope"}));
    // Reopening the done item later does not rewrite the completed sprint's history.
    ASSERT_EQ(PatchItem(a, {{"status", "in_progress"}}).status, 200);
    EXPECT_TRUE(IsNull(Get("/api/v1/items/" + a), {"done_at"}));
    EXPECT_EQ(Num(ArrAt(Get("/api/v1/sprints/" + s + "/burndown"), {"days"})[2], {"done"}), 5);
}

TEST_F(SprintsTest, RolesTeamMembersReadStakeholdersReadTheScrumMasterPlans) {
    const std::string p = NewProduct("SPW");
    const std::string team = NewTeam("Role team", p);
    const auto a = Story(p, "A", 3);
    // The team member and the stakeholder neither create, plan nor start.
    for (const std::string who : {"dave", "erin", "alice"}) {
        const HttpResult r =
            client().Post("/api/v1/products/" + p + "/sprints",
                          json::serialize(json::object{{"team_id", team},
                                                       {"name", "x"},
                                                       {"start_date", "2026-11-02"},
                                                       {"end_date", "2026-11-13"}}),
                          Token(who));
        ExpectError(r, 403, "forbidden");
    }
    const json::value sprint = NewSprint(p, team, "Roles 1", {}, "bob");
    const std::string s = StrAt(sprint, {"id"});
    EXPECT_EQ(StrAt(sprint, {"status"}), "planned");
    ExpectError(Plan(s, {a}, "dave"), 403, "forbidden");
    ExpectError(Start(s, "dave"), 403, "forbidden");
    ExpectError(Start(s, "erin"), 403, "forbidden");
    // Authorised before validated: a bad body still answers 403 to the team member.
    ExpectError(client().Post("/api/v1/sprints/" + s + "/items", R"({"items":7})", Token("dave")),
                403,
                "forbidden");
    // The Scrum Master plans and starts; everyone with a role reads.
    ASSERT_EQ(Plan(s, {a}, "carol").status, 200);
    ASSERT_EQ(Start(s, "carol").status, 200);
    for (const std::string who : {"alice", "bob", "carol", "dave", "erin"}) {
        for (const std::string path :
             {"", "/burndown", "/report", "/baseline", "/scope-changes", "/change-requests"}) {
            EXPECT_EQ(client().Get("/api/v1/sprints/" + s + path, Token(who)).status, 200)
                << who << " " << path;
        }
        EXPECT_EQ(client().Get("/api/v1/products/" + p + "/sprints", Token(who)).status, 200);
    }
    // Without a role on the product the sprint does not exist.
    ExpectError(client().Get("/api/v1/sprints/" + s, Token("frank")), 404, "not_found");
    ExpectError(Start(s, "frank"), 404, "not_found");
    ExpectError(client().Get("/api/v1/sprints/spr_missing", Token("bob")), 404, "not_found");
}

TEST_F(SprintsTest, InputIsCheckedFieldByField) {
    const std::string p = NewProduct("SPI");
    const std::string team = NewTeam("Input team", p);
    const HttpResult bad = client().Post(
        "/api/v1/products/" + p + "/sprints",
        R"({"name":"","start_date":"2026-11-14","end_date":"2026-11-02","working_days":[0,8],"capacity_unit":"days","colour":"red"})",
        Token("carol"));
    ExpectInvalid(bad,
                  {"team_id",
                   "name",
                   "end_date",
                   "working_days.0",
                   "working_days.1",
                   "capacity_unit",
                   "colour"});
    const HttpResult weekend =
        client().Post("/api/v1/products/" + p + "/sprints",
                      json::serialize(json::object{{"team_id", team},
                                                   {"name", "Weekend"},
                                                   {"start_date", "2026-11-07"},
                                                   {"end_date", "2026-11-08"}}),
                      Token("carol"));
    ExpectInvalid(weekend, {"working_days"});

    const json::value sprint = NewSprint(p, team, "Input 1");
    const std::string s = StrAt(sprint, {"id"});
    const std::string epic = [&] {
        const HttpResult r = client().Post(
            "/api/v1/products/" + p + "/items", R"({"type":"epic","title":"Big"})", Token("bob"));
        return StrAt(r.Json(), {"key"});
    }();
    const auto done = Story(p, "Done already", 2);
    Finish(done);
    const auto ok = Story(p, "Fine", 2);
    ExpectInvalid(Plan(s, {ok, epic, done, "SPI-999", ok}),
                  {"items.1", "items.2", "items.3", "items.4"});
    ExpectInvalid(Plan(s, {}), {"items"});
    ExpectInvalid(Plan(s, {ok}, "carol", true), {"items.0"});  // not in the sprint
    // An item in another open sprint must leave it first.
    const std::string s2 = StrAt(NewSprint(p, team, "Input 2"), {"id"});
    ASSERT_EQ(Plan(s, {ok}).status, 200);
    const HttpResult elsewhere = Plan(s2, {ok});
    ExpectError(elsewhere, 409, "in_other_sprint");
    EXPECT_TRUE(Has(DetailFields(elsewhere), "items.0"));

    // Capacity: members of the team or people on the product, real dates, each once.
    const HttpResult capacity = client().Request(
        "PUT",
        "/api/v1/sprints/" + s + "/capacity",
        json::serialize(json::object{
            {"members",
             json::array{json::object{{"user_id", Ids().users.at("frank")}, {"capacity", 5}},
                         json::object{{"user_id", Ids().users.at("dave")},
                                      {"capacity", -1},
                                      {"days_off", json::array{"2026-13-01"}}},
                         json::object{{"capacity", 1}}}}}),
        {{"Authorization", "Bearer " + Token("carol")}, {"Content-Type", "application/json"}});
    ExpectInvalid(
        capacity,
        {"members.0.user_id", "members.1.capacity", "members.1.days_off.0", "members.2.user_id"});

    // PATCH with a stale If-Match is 412 with the current sprint.
    const HttpResult renamed =
        client().Patch("/api/v1/sprints/" + s, R"({"name":"Input one"})", Token("carol"), "\"1\"");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.Header("etag"), "\"2\"");
    const HttpResult stale =
        client().Patch("/api/v1/sprints/" + s, R"({"goal":"x"})", Token("carol"), "\"1\"");
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(StrAt(stale.Json(), {"current", "name"}), "Input one");
    ExpectInvalid(client().Patch("/api/v1/sprints/" + s, R"({"team_id":"x"})", Token("carol")),
                  {"team_id"});

    // Deleting a planned sprint returns its items to the backlog.
    ASSERT_EQ(client().Delete("/api/v1/sprints/" + s, Token("carol")).status, 204);
    EXPECT_TRUE(IsNull(Get("/api/v1/items/" + ok), {"sprint_id"}));
    EXPECT_EQ(client().Get("/api/v1/sprints/" + s, Token("bob")).status, 404);
    EXPECT_EQ(Plan(s2, {ok}).status, 200);
}

}  // namespace
}  // namespace tl::test
