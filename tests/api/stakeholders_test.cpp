// Stakeholders and the decision log over HTTP, on both backends: the registry with its
// quadrant, filters and versions, the communication log and last contact, the stakeholder
// update of a hand-worked period as JSON, Markdown and HTML (escaped), decisions with options,
// typed links and filters, events for live updates, and the roles of docs/strategy.md.
#include <chrono>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"
#include "domain/sprint.hpp"

namespace tl::test {
namespace {

class StakeholdersTest : public DemoSuite<StakeholdersTest> {
protected:
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Product", /*open_workflow=*/true);
    }
    static std::string Today() {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        return domain::FormatDate(domain::DayOfMs(now));
    }
    static std::string DaysFrom(const std::string& day, domain::Day n) {
        return domain::FormatDate(*domain::ParseDate(day) + n);
    }
    static json::value NewStakeholder(const std::string& product, json::object body) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/stakeholders", json::serialize(body), Token("alice"));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static std::string Key(const std::string& product,
                           const std::string& type,
                           const std::string& title) {
        const HttpResult r =
            client().Post("/api/v1/products/" + product + "/items",
                          json::serialize(json::object{{"type", type}, {"title", title}}),
                          Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    static std::string Id(const std::string& item) {
        const HttpResult r = client().Get("/api/v1/items/" + item, Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static void Done(const std::string& item) {
        const HttpResult r =
            client().Patch("/api/v1/items/" + item, R"({"status":"done"})", Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static std::string NewRelease(const std::string& product, json::object body) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/releases", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    // A PM's object made by POST on one of the product's collections ("goals", "ideas"); its id.
    static std::string Made(const std::string& product,
                            const std::string& collection,
                            json::object body) {
        const HttpResult r = client().Post("/api/v1/products/" + product + "/" + collection,
                                           json::serialize(body),
                                           Token("alice"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static void CheckIn(const std::string& key_result, double value, const std::string& date) {
        const HttpResult r =
            client().Post("/api/v1/key-results/" + key_result + "/check-ins",
                          json::serialize(json::object{{"value", value}, {"date", date}}),
                          Token("alice"));
        EXPECT_EQ(r.status, 201) << r.body;
    }
    static void Plan(const std::string& release, const std::vector<std::string>& items) {
        json::array list;
        for (const auto& i : items) {
            list.emplace_back(i);
        }
        const HttpResult r = client().Post("/api/v1/releases/" + release + "/items",
                                           json::serialize(json::object{{"items", list}}),
                                           Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static std::vector<std::string> Strings(const json::array& list,
                                            std::initializer_list<std::string_view> path) {
        std::vector<std::string> out;
        for (const auto& v : list) {
            out.push_back(StrAt(v, path));
        }
        return out;
    }
    // The product's history entries of one entity type, newest first.
    static std::vector<std::string> Actions(const std::string& product,
                                            const std::string& entity_type) {
        const HttpResult r =
            client().Get("/api/v1/products/" + product + "/history?limit=200", Token("alice"));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        for (const auto& e : ArrAt(r.Json(), {"data"})) {
            if (StrAt(e, {"entity_type"}) == entity_type) {
                out.push_back(StrAt(e, {"action"}));
            }
        }
        return out;
    }
};

TEST_F(StakeholdersTest, RegistryWithQuadrantsFiltersAndVersions) {
    const std::string p = NewProduct("SKA");
    const json::value lead = NewStakeholder(p,
                                            {{"name", "Priya Raman"},
                                             {"kind", "internal"},
                                             {"organisation", "R&D"},
                                             {"title", "Battery lead"},
                                             {"email", "priya@skylift.example"},
                                             {"influence", 4},
                                             {"interest", 5},
                                             {"channel", "meeting"},
                                             {"notes", "Owns the battery roadmap"},
                                             {"user_id", Ids().users.at("dave")}});
    EXPECT_EQ(StrAt(lead, {"quadrant"}), "manage_closely");
    EXPECT_EQ(StrAt(lead, {"user", "id"}), Ids().users.at("dave"));
    EXPECT_EQ(StrAt(lead, {"user", "name"}), "Dave Kim");
    EXPECT_EQ(At(lead, {"last_contact"})->is_null(), true);
    EXPECT_EQ(ArrAt(lead, {"communications"}).size(), 0u);
    EXPECT_EQ(IntAt(lead, {"version"}), 1);
    const json::value board = NewStakeholder(
        p, {{"name", "The board"}, {"kind", "internal"}, {"influence", 5}, {"interest", 2}});
    EXPECT_EQ(StrAt(board, {"quadrant"}), "keep_satisfied");
    EXPECT_EQ(StrAt(board, {"channel"}), "email");
    EXPECT_EQ(At(board, {"user"})->is_null(), true);
    const json::value supplier = NewStakeholder(
        p, {{"name", "Motor supplier"}, {"kind", "external"}, {"influence", 2}, {"interest", 1}});
    EXPECT_EQ(StrAt(supplier, {"quadrant"}), "monitor");
    const json::value customer = NewStakeholder(
        p, {{"name", "Key customer"}, {"kind", "external"}, {"influence", 1}, {"interest", 4}});
    EXPECT_EQ(StrAt(customer, {"quadrant"}), "keep_informed");

    const std::string list = "/api/v1/products/" + p + "/stakeholders";
    const HttpResult all = client().Get(list, Token("carol"));
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(
        Strings(ArrAt(all.Json(), {"data"}), {"name"}),
        (std::vector<std::string>{"Key customer", "Motor supplier", "Priya Raman", "The board"}));
    const HttpResult external = client().Get(list + "?kind=external", Token("alice"));
    EXPECT_EQ(Strings(ArrAt(external.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"Key customer", "Motor supplier"}));
    const HttpResult satisfied = client().Get(list + "?quadrant=keep_satisfied", Token("alice"));
    EXPECT_EQ(Strings(ArrAt(satisfied.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"The board"}));
    ExpectInvalid(client().Get(list + "?quadrant=ignore", Token("alice")), {"quadrant"});
    ExpectInvalid(client().Get(list + "?kind=partner", Token("alice")), {"kind"});

    // Every bad field at once.
    ExpectInvalid(
        client().Post(list,
                      R"({"name":"","kind":"partner","influence":0,"interest":9,)"
                      R"("email":"nope","channel":"fax","user_id":"usr_missing",)"
                      R"("colour":"red"})",
                      Token("alice")),
        {"name", "kind", "influence", "interest", "email", "channel", "user_id", "colour"});
    ExpectInvalid(client().Post(list, R"({"name":"Somebody"})", Token("alice")),
                  {"kind", "influence", "interest"});

    // PATCH with versions: a stale If-Match answers 412 with the current stakeholder.
    const std::string one = "/api/v1/stakeholders/" + StrAt(board, {"id"});
    const HttpResult changed = client().Patch(one, R"({"interest":4})", Token("alice"), "1");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(StrAt(changed.Json(), {"quadrant"}), "manage_closely");
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    EXPECT_EQ(changed.Header("etag"), "\"2\"");
    const HttpResult stale = client().Patch(one, R"({"interest":1})", Token("alice"), "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2);
    const HttpResult same = client().Patch(one, R"({"interest":4})", Token("alice"));
    EXPECT_EQ(IntAt(same.Json(), {"version"}), 2);  // nothing changed, nothing written
    ExpectInvalid(client().Patch(one, R"({"influence":"high"})", Token("alice")), {"influence"});

    const HttpResult removed = client().Delete(one, Token("alice"));
    EXPECT_EQ(removed.status, 204) << removed.body;
    ExpectError(client().Get(one, Token("alice")), 404, "not_found");
    EXPECT_EQ(Actions(p, "stakeholder"),
              (std::vector<std::string>{
                  "deleted", "updated", "created", "created", "created", "created"}));
}

TEST_F(StakeholdersTest, CommunicationLogAndLastContact) {
    const std::string p = NewProduct("SKB");
    const std::string id = StrAt(NewStakeholder(p,
                                                {{"name", "Marketing"},
                                                 {"kind", "internal"},
                                                 {"influence", 3},
                                                 {"interest", 4},
                                                 {"channel", "chat"}}),
                                 {"id"});
    const std::string log = "/api/v1/stakeholders/" + id + "/communications";
    const HttpResult first =
        client().Post(log,
                      R"({"date":"2026-10-02","channel":"meeting","summary":"Launch plan"})",
                      Token("alice"));
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(StrAt(first.Json(), {"channel"}), "meeting");
    EXPECT_EQ(StrAt(first.Json(), {"by", "name"}), "Alice Moreau");
    const HttpResult second =
        client().Post(log, R"({"date":"2026-10-20","summary":"Campaign draft"})", Token("alice"));
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(StrAt(second.Json(), {"channel"}), "chat");  // the stakeholder's channel
    const HttpResult older =
        client().Post(log, R"({"date":"2026-09-15","summary":"Kick-off"})", Token("alice"));
    ASSERT_EQ(older.status, 201) << older.body;
    ExpectInvalid(
        client().Post(log, R"({"date":"20.10.2026","summary":" ","via":"x"})", Token("alice")),
        {"date", "summary", "via"});
    ExpectInvalid(client().Post(log, R"({"summary":"No date"})", Token("alice")), {"date"});

    const HttpResult one = client().Get("/api/v1/stakeholders/" + id, Token("dave"));
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(StrAt(one.Json(), {"last_contact"}), "2026-10-20");
    EXPECT_EQ(Strings(ArrAt(one.Json(), {"communications"}), {"date"}),
              (std::vector<std::string>{"2026-10-20", "2026-10-02", "2026-09-15"}));
    const HttpResult list = client().Get("/api/v1/products/" + p + "/stakeholders", Token("bob"));
    EXPECT_EQ(StrAt(ArrAt(list.Json(), {"data"})[0], {"last_contact"}), "2026-10-20");

    const HttpResult gone =
        client().Delete("/api/v1/communications/" + StrAt(second.Json(), {"id"}), Token("alice"));
    EXPECT_EQ(gone.status, 204) << gone.body;
    EXPECT_EQ(
        StrAt(client().Get("/api/v1/stakeholders/" + id, Token("alice")).Json(), {"last_contact"}),
        "2026-10-02");
    ExpectError(
        client().Delete("/api/v1/communications/" + StrAt(second.Json(), {"id"}), Token("alice")),
        404,
        "not_found");
    // Logging and deleting are updates of the stakeholder.
    EXPECT_EQ(Actions(p, "stakeholder"),
              (std::vector<std::string>{"updated", "updated", "updated", "updated", "created"}));
}

TEST_F(StakeholdersTest, RolesOfTheStrategyTable) {
    const std::string p = NewProduct("SKC");
    const std::string id =
        StrAt(NewStakeholder(
                  p, {{"name", "Sales"}, {"kind", "internal"}, {"influence", 3}, {"interest", 3}}),
              {"id"});
    const std::string list = "/api/v1/products/" + p + "/stakeholders";
    const std::string one = "/api/v1/stakeholders/" + id;
    const std::string com = StrAt(client()
                                      .Post(one + "/communications",
                                            R"({"date":"2026-10-01","summary":"Pipeline"})",
                                            Token("alice"))
                                      .Json(),
                                  {"id"});
    // market.read: everyone but the stakeholder role.
    for (const std::string who : {"alice", "bob", "carol", "dave"}) {
        EXPECT_EQ(client().Get(list, Token(who)).status, 200) << who;
        EXPECT_EQ(client().Get(one, Token(who)).status, 200) << who;
        EXPECT_EQ(client().Get("/api/v1/products/" + p + "/stakeholder-update", Token(who)).status,
                  200)
            << who;
    }
    ExpectError(client().Get(list, Token("erin")), 403, "forbidden");
    ExpectError(client().Get(one, Token("erin")), 403, "forbidden");
    ExpectError(client().Get("/api/v1/products/" + p + "/stakeholder-update", Token("erin")),
                403,
                "forbidden");
    // strategy.write: the PM only, and authorised before validated.
    for (const std::string who : {"bob", "carol", "dave", "erin"}) {
        ExpectError(client().Post(list, R"({"name":""})", Token(who)), 403, "forbidden");
        ExpectError(client().Patch(one, R"({"influence":9})", Token(who)), 403, "forbidden");
        ExpectError(client().Post(one + "/communications", R"({"date":"x"})", Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Delete("/api/v1/communications/" + com, Token(who)), 403, "forbidden");
        ExpectError(client().Delete(one, Token(who)), 403, "forbidden");
    }
    // No role on the product (frank here; the admin reads products but not market data).
    ExpectError(client().Get(one, Token("frank")), 404, "not_found");
    ExpectError(client().Patch(one, R"({"name":"x"})", Token("frank")), 404, "not_found");
    ExpectError(client().Get(list, Token("frank")), 403, "forbidden");
    ExpectError(client().Get(one, Token("admin")), 403, "forbidden");
    ExpectError(client().Get(one), 401, "unauthenticated");
}

// The update of a hand-worked product: release 1.0 released and stories A and B accepted today;
// 1.1 due 2020-01-15 and not released; 2.0 due 2099-01-01 holding story C, which story D (not
// done) blocks; a planned sprint with a goal.
TEST_F(StakeholdersTest, UpdateOfAHandWorkedPeriod) {
    const std::string p = NewProduct("SKD");
    const std::string today = Today();
    const std::string a = Key(p, "story", "Hot-swap batteries");
    const std::string b = Key(p, "bug", "Gimbal <drift> & jitter");
    const std::string c = Key(p, "story", "Obstacle stop");
    const std::string d = Key(p, "story", "Motor part from the new supplier");
    const std::string r10 = NewRelease(p, {{"version", "1.0"}, {"name", "First flight"}});
    const std::string r11 = NewRelease(p, {{"version", "1.1"}, {"target_date", "2020-01-15"}});
    const std::string r20 =
        NewRelease(p, {{"version", "2.0"}, {"name", "Long range"}, {"target_date", "2099-01-01"}});
    Plan(r10, {a, b});
    Plan(r20, {c});
    ASSERT_EQ(client()
                  .Post("/api/v1/items/" + d + "/links",
                        json::serialize(json::object{{"kind", "blocks"}, {"target_id", c}}),
                        Token("bob"))
                  .status,
              201);
    Done(a);
    Done(b);
    const HttpResult released =
        client().Patch("/api/v1/releases/" + r10, R"({"status":"released"})", Token("bob"));
    ASSERT_EQ(released.status, 200) << released.body;
    const HttpResult team =
        client().Post("/api/v1/teams",
                      json::serialize(json::object{{"name", "Team SKD"}, {"product_id", p}}),
                      Token("admin"));
    ASSERT_EQ(team.status, 201) << team.body;
    const HttpResult sprint =
        client().Post("/api/v1/products/" + p + "/sprints",
                      json::serialize(json::object{{"team_id", StrAt(team.Json(), {"id"})},
                                                   {"name", "Sprint 1"},
                                                   {"goal", "Fly 40 minutes"},
                                                   {"start_date", DaysFrom(today, 1)},
                                                   {"end_date", DaysFrom(today, 14)}}),
                      Token("bob"));
    ASSERT_EQ(sprint.status, 201) << sprint.body;

    const std::string update = "/api/v1/products/" + p + "/stakeholder-update";
    const HttpResult r = client().Get(update, Token("alice"));  // default: the last 30 days
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value u = r.Json();
    EXPECT_EQ(StrAt(u, {"to"}), today);
    EXPECT_EQ(StrAt(u, {"from"}), DaysFrom(today, -30));
    EXPECT_EQ(StrAt(u, {"product", "key"}), "SKD");
    const auto shipped_releases = ArrAt(u, {"shipped", "releases"});
    ASSERT_EQ(shipped_releases.size(), 1u) << r.body;
    EXPECT_EQ(StrAt(shipped_releases[0], {"version"}), "1.0");
    EXPECT_EQ(StrAt(shipped_releases[0], {"released_on"}), today);
    EXPECT_EQ(Strings(ArrAt(u, {"shipped", "items"}), {"key"}), (std::vector<std::string>{a, b}));
    EXPECT_EQ(StrAt(ArrAt(u, {"shipped", "items"})[0], {"accepted_on"}), today);
    EXPECT_EQ(Strings(ArrAt(u, {"next", "releases"}), {"version"}),
              (std::vector<std::string>{"1.1", "2.0"}));
    const auto sprints = ArrAt(u, {"next", "sprints"});
    ASSERT_EQ(sprints.size(), 1u) << r.body;
    EXPECT_EQ(StrAt(sprints[0], {"goal"}), "Fly 40 minutes");
    EXPECT_EQ(StrAt(sprints[0], {"status"}), "planned");
    EXPECT_EQ(StrAt(sprints[0], {"team", "name"}), "Team SKD");
    // The product has no goals: both goal lists are there and empty.
    ASSERT_NE(At(u, {"goals"}), nullptr);
    EXPECT_TRUE(ArrAt(u, {"goals"}).empty());
    ASSERT_NE(At(u, {"risks", "goals"}), nullptr);
    const auto overdue = ArrAt(u, {"risks", "overdue_releases"});
    ASSERT_EQ(overdue.size(), 1u) << r.body;
    EXPECT_EQ(StrAt(overdue[0], {"release", "version"}), "1.1");
    EXPECT_EQ(IntAt(overdue[0], {"days_late"}),
              *domain::ParseDate(today) - *domain::ParseDate("2020-01-15"));
    const auto blockers = ArrAt(u, {"risks", "blockers"});
    ASSERT_EQ(blockers.size(), 1u) << r.body;
    EXPECT_EQ(StrAt(blockers[0], {"release", "version"}), "2.0");
    EXPECT_EQ(StrAt(blockers[0], {"item", "key"}), d);

    // A period that ended yesterday shipped nothing.
    const HttpResult before = client().Get(
        update + "?from=" + DaysFrom(today, -10) + "&to=" + DaysFrom(today, -1), Token("bob"));
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_TRUE(ArrAt(before.Json(), {"shipped", "releases"}).empty());
    EXPECT_TRUE(ArrAt(before.Json(), {"shipped", "items"}).empty());

    // Markdown.
    const HttpResult md = client().Get(update + "?format=markdown&from=" + today, Token("alice"));
    ASSERT_EQ(md.status, 200) << md.body;
    EXPECT_NE(md.Header("content-type").find("text/markdown"), std::string::npos);
    const std::string expected_md =
        "# Product SKD: stakeholder update\n\n" + today + " to " + today +
        "\n\n## Shipped\n\n- Release 1.0: First flight (released " + today + ")\n- " + a +
        " Hot-swap batteries (story, accepted " + today + ")\n- " + b +
        " Gimbal <drift> & jitter (bug, accepted " + today + ")\n\n## Next\n\n" +
        "- Release 1.1 (planned, target 2020-01-15)\n" +
        "- Release 2.0: Long range (planned, target 2099-01-01)\n" + "- Sprint 1 (planned, " +
        DaysFrom(today, 1) + " to " + DaysFrom(today, 14) +
        ", team Team SKD): Fly 40 minutes\n\n## Goals\n\nNo open goals.\n\n## Risks\n\n- "
        "Release 1.1 is " +
        std::to_string(*domain::ParseDate(today) - *domain::ParseDate("2020-01-15")) +
        " days past its target date 2020-01-15.\n- " + d +
        " Motor part from the new supplier (new) blocks release 2.0.\n";
    EXPECT_EQ(md.body, expected_md);

    // HTML, every user text escaped.
    const HttpResult html = client().Get(update + "?format=html", Token("carol"));
    ASSERT_EQ(html.status, 200) << html.body;
    EXPECT_NE(html.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_EQ(html.body.find("<drift>"), std::string::npos) << html.body;
    EXPECT_NE(html.body.find("Gimbal &lt;drift&gt; &amp; jitter"), std::string::npos) << html.body;
    EXPECT_NE(html.body.find("<h2>Risks</h2>"), std::string::npos) << html.body;

    ExpectInvalid(client().Get(update + "?format=pdf", Token("alice")), {"format"});
    ExpectInvalid(client().Get(update + "?from=2026-11-02&to=2026-11-01", Token("alice")), {"to"});
    ExpectInvalid(client().Get(update + "?from=yesterday", Token("alice")), {"from"});
    ExpectError(client().Get(update + "?format=pdf", Token("erin")), 403, "forbidden");
}

// Goal figures on the update's last day, 2027-07-02 (docs/strategy.md's worked example):
// "45-minute flight time" (year from 2027-01-01) at 0.35 against 183/365 expected is at risk;
// "Win inspection customers" (same year) at 0.1 is off track; "Hover test plan" (quarter to
// 2027-06-30) has no key results; an achieved goal is left out.
TEST_F(StakeholdersTest, UpdateCarriesGoalProgressAndGoalsAtRisk) {
    const std::string p = NewProduct("SKH");
    const auto kr = [](std::string title, double baseline, double target) {
        return json::object{
            {"title", title}, {"metric", title}, {"baseline", baseline}, {"target", target}};
    };
    const auto goal_with =
        [&](std::string objective, json::array krs, std::string horizon, std::string start) {
            const std::string id = Made(p,
                                        "goals",
                                        {{"objective", objective},
                                         {"horizon", horizon},
                                         {"start_date", start},
                                         {"key_results", std::move(krs)}});
            const HttpResult g = client().Get("/api/v1/goals/" + id, Token("alice"));
            EXPECT_EQ(g.status, 200) << g.body;
            std::vector<std::string> kr_ids;
            for (const auto& k : ArrAt(g.Json(), {"key_results"})) {
                kr_ids.push_back(StrAt(k, {"id"}));
            }
            return std::make_pair(id, kr_ids);
        };
    const auto flight = goal_with("45-minute flight time",
                                  json::array{kr("Hover minutes", 38, 45), kr("Customers", 10, 30)},
                                  "year",
                                  "2027-01-01");
    CheckIn(flight.second[0], 41.5, "2027-06-01");
    CheckIn(flight.second[1], 14, "2027-06-01");
    const auto win = goal_with(
        "Win inspection customers", json::array{kr("Signed", 0, 10)}, "year", "2027-01-01");
    CheckIn(win.second[0], 1, "2027-06-01");
    goal_with("Hover test plan", json::array{}, "quarter", "2027-04-01");
    const auto done = goal_with("First flight", json::array{}, "quarter", "2027-01-01");
    ASSERT_EQ(client()
                  .Patch("/api/v1/goals/" + done.first, R"({"state":"achieved"})", Token("alice"))
                  .status,
              200);

    const std::string update =
        "/api/v1/products/" + p + "/stakeholder-update?from=2027-06-01&to=2027-07-02";
    const HttpResult r = client().Get(update, Token("dave"));
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value u = r.Json();
    const auto goals = ArrAt(u, {"goals"});
    EXPECT_EQ(Strings(goals, {"objective"}),
              (std::vector<std::string>{
                  "Hover test plan", "45-minute flight time", "Win inspection customers"}));
    EXPECT_TRUE(At(goals[0], {"progress"})->is_null());
    EXPECT_TRUE(At(goals[0], {"status"})->is_null());
    EXPECT_EQ(StrAt(goals[0], {"end_date"}), "2027-06-30");
    EXPECT_NEAR(At(goals[1], {"progress"})->to_number<double>(), 0.35, 1e-9);
    EXPECT_NEAR(At(goals[1], {"expected"})->to_number<double>(), 183.0 / 365.0, 1e-9);
    EXPECT_EQ(StrAt(goals[1], {"status"}), "at_risk");
    EXPECT_EQ(StrAt(goals[1], {"horizon"}), "year");
    EXPECT_NEAR(At(goals[2], {"progress"})->to_number<double>(), 0.1, 1e-9);
    EXPECT_EQ(StrAt(goals[2], {"status"}), "off_track");
    EXPECT_EQ(Strings(ArrAt(u, {"risks", "goals"}), {"objective"}),
              (std::vector<std::string>{"Win inspection customers", "45-minute flight time"}));

    const HttpResult md = client().Get(update + "&format=markdown", Token("dave"));
    ASSERT_EQ(md.status, 200) << md.body;
    EXPECT_NE(md.body.find("## Goals\n\n- Hover test plan: no key results yet; quarter goal ending "
                           "2027-06-30\n- 45-minute flight time: 35% (expected 50%), at risk; year "
                           "goal ending 2027-12-31\n"),
              std::string::npos)
        << md.body;
    EXPECT_NE(md.body.find("- Goal \"Win inspection customers\" is off track: 10% against 50% "
                           "expected.\n"),
              std::string::npos)
        << md.body;
    EXPECT_EQ(md.body.find("First flight"), std::string::npos) << md.body;
}

TEST_F(StakeholdersTest, DecisionLogWithOptionsLinksAndFilters) {
    const std::string p = NewProduct("SKE");
    const std::string other = NewProduct("SKF");
    const std::string flight = Key(p, "epic", "Longer flight time");
    const std::string camera = Key(p, "epic", "Camera upgrade");
    const std::string foreign = Key(other, "story", "Elsewhere");
    const std::string release = NewRelease(p, {{"version", "3.0"}, {"name", "Endurance"}});
    const std::string goal =
        Made(p,
             "goals",
             {{"objective", "Fly 45 minutes"}, {"horizon", "year"}, {"start_date", "2027-01-01"}});
    const std::string initiative = Made(p, "initiatives", {{"name", "Battery R&D"}});
    const std::string idea = Made(p, "ideas", {{"title", "Swappable batteries"}});
    const std::string foreign_goal =
        Made(other,
             "goals",
             {{"objective", "Elsewhere"}, {"horizon", "year"}, {"start_date", "2027-01-01"}});
    const std::string list = "/api/v1/products/" + p + "/decisions";

    const json::object body{
        {"title", "Next series: longer flight time before camera upgrade"},
        {"context", "Survey customers fly long routes."},
        {"options",
         json::array{
             json::object{{"title", "Flight time"}, {"pros", "Fewer swaps"}, {"cons", "Weight"}},
             json::object{{"title", "Camera"}, {"pros", "Sharper"}, {"cons", "Sensor cost"}}}},
        {"links",
         json::array{json::object{{"type", "item"}, {"id", flight}},
                     json::object{{"type", "release"}, {"id", release}},
                     json::object{{"type", "goal"}, {"id", goal}},
                     json::object{{"type", "idea"}, {"id", idea}}}}};
    const HttpResult created = client().Post(list, json::serialize(body), Token("bob"));
    ASSERT_EQ(created.status, 201) << created.body;
    const json::value dec = created.Json();
    EXPECT_EQ(StrAt(dec, {"status"}), "proposed");
    EXPECT_EQ(StrAt(dec, {"owner", "name"}), "Bob Okafor");
    EXPECT_TRUE(At(dec, {"date"})->is_null());
    EXPECT_EQ(Strings(ArrAt(dec, {"options"}), {"title"}),
              (std::vector<std::string>{"Flight time", "Camera"}));
    const auto links = ArrAt(dec, {"links"});
    ASSERT_EQ(links.size(), 4u);
    EXPECT_EQ(StrAt(links[0], {"id"}), Id(flight));
    EXPECT_EQ(StrAt(links[0], {"key"}), flight);
    EXPECT_EQ(StrAt(links[0], {"name"}), "Longer flight time");
    EXPECT_EQ(StrAt(links[1], {"key"}), "3.0");
    EXPECT_EQ(StrAt(links[1], {"name"}), "Endurance");
    EXPECT_EQ(StrAt(links[2], {"id"}), goal);
    EXPECT_TRUE(At(links[2], {"key"})->is_null());
    EXPECT_EQ(StrAt(links[2], {"name"}), "Fly 45 minutes");
    EXPECT_EQ(StrAt(links[3], {"name"}), "Swappable batteries");
    const std::string one = "/api/v1/decisions/" + StrAt(dec, {"id"});

    // Deciding needs a decision and a date.
    ExpectInvalid(client().Patch(one, R"({"status":"decided"})", Token("alice")),
                  {"decision", "date"});
    const HttpResult decided =
        client().Patch(one,
                       R"({"status":"decided","decision":"Flight time first","date":"2026-10-14",)"
                       R"("rationale":"Customers asked for it","owner_id":")" +
                           Ids().users.at("alice") + R"("})",
                       Token("alice"),
                       "1");
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(StrAt(decided.Json(), {"status"}), "decided");
    EXPECT_EQ(StrAt(decided.Json(), {"date"}), "2026-10-14");
    EXPECT_EQ(StrAt(decided.Json(), {"owner", "name"}), "Alice Moreau");
    EXPECT_EQ(IntAt(decided.Json(), {"version"}), 2);
    EXPECT_EQ(ArrAt(decided.Json(), {"links"}).size(), 4u);  // untouched
    const HttpResult stale = client().Patch(one, R"({"title":"Late"})", Token("bob"), "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "status"}), "decided");

    // Bad input, every field named.
    ExpectInvalid(
        client().Post(list,
                      json::serialize(json::object{
                          {"title", ""},
                          {"status", "rejected"},
                          {"owner_id", Ids().users.at("frank")},
                          {"options", json::array{json::object{{"pros", "x"}, {"size", 1}}}},
                          {"links",
                           json::array{json::object{{"type", "item"}, {"id", foreign}},
                                       json::object{{"type", "goal"}, {"id", initiative}},
                                       json::object{{"type", "sprint"}, {"id", "spr_1"}},
                                       json::object{{"type", "release"}, {"id", "rel_missing"}},
                                       json::object{{"type", "goal"}, {"id", foreign_goal}},
                                       json::object{{"type", "initiative"}, {"id", "ini_none"}},
                                       json::object{{"type", "idea"}, {"id", idea}}}}}),
                      Token("alice")),
        {"title",
         "status",
         "owner_id",
         "options.0.title",
         "options.0.size",
         "links.0.id",
         "links.1.id",
         "links.2.type",
         "links.3.id",
         "links.4.id",
         "links.5.id"});
    ExpectInvalid(client().Post(list, R"({"options":{}})", Token("alice")), {"title", "options"});

    // A second decision, and the filters.
    const HttpResult second =
        client().Post(list,
                      json::serialize(json::object{
                          {"title", "Cheaper motor part supplier"},
                          {"links", json::array{json::object{{"type", "item"}, {"id", camera}}}}}),
                      Token("alice"));
    ASSERT_EQ(second.status, 201) << second.body;
    const HttpResult all = client().Get(list, Token("erin"));
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(Strings(ArrAt(all.Json(), {"data"}), {"title"}),
              (std::vector<std::string>{"Cheaper motor part supplier",
                                        "Next series: longer flight time before camera upgrade"}));
    const auto titles = [&](const std::string& query) {
        const HttpResult r = client().Get(list + query, Token("dave"));
        EXPECT_EQ(r.status, 200) << r.body;
        return Strings(ArrAt(r.Json(), {"data"}), {"title"});
    };
    EXPECT_EQ(titles("?status=decided").size(), 1u);
    EXPECT_EQ(titles("?status=proposed"),
              (std::vector<std::string>{"Cheaper motor part supplier"}));
    EXPECT_EQ(titles("?q=sensor%20COST").size(), 1u);  // an option's cons
    EXPECT_TRUE(titles("?q=lidar").empty());
    EXPECT_EQ(titles("?linked=item:" + camera),
              (std::vector<std::string>{"Cheaper motor part supplier"}));
    EXPECT_EQ(titles("?linked=item:" + Id(flight)).size(), 1u);
    EXPECT_EQ(titles("?linked=release:" + release).size(), 1u);
    EXPECT_EQ(titles("?linked=goal:" + goal).size(), 1u);
    EXPECT_EQ(titles("?linked=idea:" + idea).size(), 1u);
    EXPECT_TRUE(titles("?linked=initiative:" + initiative).empty());
    ExpectInvalid(client().Get(list + "?linked=sprint:x&status=open", Token("alice")),
                  {"linked", "status"});

    // Links replaced whole; a deleted decision is gone.
    const HttpResult relinked = client().Patch(
        one,
        json::serialize(json::object{
            {"links", json::array{json::object{{"type", "initiative"}, {"id", initiative}}}}}),
        Token("bob"));
    ASSERT_EQ(relinked.status, 200) << relinked.body;
    EXPECT_EQ(Strings(ArrAt(relinked.Json(), {"links"}), {"type"}),
              (std::vector<std::string>{"initiative"}));
    EXPECT_EQ(Strings(ArrAt(relinked.Json(), {"links"}), {"name"}),
              (std::vector<std::string>{"Battery R&D"}));
    EXPECT_EQ(client().Delete(one, Token("bob")).status, 204);
    ExpectError(client().Get(one, Token("bob")), 404, "not_found");
    EXPECT_EQ(Actions(p, "decision"),
              (std::vector<std::string>{"deleted", "updated", "created", "updated", "created"}));
}

TEST_F(StakeholdersTest, DecisionRoles) {
    const std::string p = NewProduct("SKG");
    const std::string list = "/api/v1/products/" + p + "/decisions";
    const HttpResult made = client().Post(list, R"({"title":"By the PM"})", Token("alice"));
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string one = "/api/v1/decisions/" + StrAt(made.Json(), {"id"});
    EXPECT_EQ(client().Post(list, R"({"title":"By the PO"})", Token("bob")).status, 201);
    // product.read: every role; decision.write: PM and PO, authorised before validated.
    for (const std::string who : {"alice", "bob", "carol", "dave", "erin"}) {
        EXPECT_EQ(client().Get(list, Token(who)).status, 200) << who;
        EXPECT_EQ(client().Get(one, Token(who)).status, 200) << who;
    }
    for (const std::string who : {"carol", "dave", "erin"}) {
        ExpectError(client().Post(list, R"({"title":""})", Token(who)), 403, "forbidden");
        ExpectError(client().Patch(one, R"({"status":"nope"})", Token(who)), 403, "forbidden");
        ExpectError(client().Delete(one, Token(who)), 403, "forbidden");
    }
    ExpectError(client().Get(one, Token("frank")), 404, "not_found");
    EXPECT_EQ(client().Get(one, Token("admin")).status, 200);  // the admin reads products
    ExpectError(client().Patch(one, R"({"title":"x"})", Token("admin")), 403, "forbidden");
}

}  // namespace
}  // namespace tl::test
