// Authorisation against the real server: 403 for roles that may not act, a walk over every
// operation of the served OpenAPI document checked against the role matrix, and 404 for
// everything of another workspace.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/event_stream_client.hpp"
#include "api/test_client.hpp"
#include "domain/role.hpp"

namespace tl::test {
namespace {

class AuthorizationTest : public DemoSuite<AuthorizationTest> {};

TEST_F(AuthorizationTest, OnlyThePmEditsTheProduct) {
    const std::string target = "/api/v1/products/" + Ids().x2;
    const HttpResult before = client().Get(target, Token("alice"));
    ASSERT_EQ(before.status, 200) << before.body;

    for (const std::string who : {"bob", "carol", "dave", "erin", "frank", "admin"}) {
        const HttpResult r =
            client().Patch(target, R"({"name":"Renamed by )" + who + R"("})", Token(who));
        ExpectError(r, 403, "forbidden");
        EXPECT_EQ(r.Header("www-authenticate"), "") << who;
    }
    const HttpResult unchanged = client().Get(target, Token("alice"));
    EXPECT_EQ(StrAt(unchanged.Json(), {"name"}), StrAt(before.Json(), {"name"}));
    EXPECT_EQ(IntAt(unchanged.Json(), {"version"}), IntAt(before.Json(), {"version"}));

    const HttpResult ok = client().Patch(target, R"({"name":"SkyLift X2 Pro"})", Token("alice"));
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(StrAt(ok.Json(), {"name"}), "SkyLift X2 Pro");
    EXPECT_EQ(IntAt(ok.Json(), {"version"}), IntAt(before.Json(), {"version"}) + 1);
}

TEST_F(AuthorizationTest, OnlyTheAdminCreatesProducts) {
    const std::string body = R"({"key":"DV","name":"Dave's drone"})";
    for (const std::string who : {"alice", "bob", "dave", "frank"}) {
        ExpectError(client().Post("/api/v1/products", body, Token(who)), 403, "forbidden");
    }
    const HttpResult list = client().Get("/api/v1/products?limit=200", Token("admin"));
    EXPECT_EQ(list.body.find("Dave's drone"), std::string::npos) << list.body;
    const HttpResult created = client().Post("/api/v1/products", body, Token("admin"));
    EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(AuthorizationTest, OnlyTheAdminManagesRolesUsersAndTeams) {
    const std::string roles = "/api/v1/products/" + Ids().x2 + "/roles";
    const std::string assign = json::serialize(
        json::object{{"user_id", Ids().users.at("erin")}, {"role", "scrum_master"}});
    for (const std::string who : {"alice", "bob", "carol"}) {
        ExpectError(client().Post(roles, assign, Token(who)), 403, "forbidden");
        ExpectError(client().Post("/api/v1/users",
                                  R"({"email":"x@skylift.example","name":"X",)"
                                  R"("password":"longpassword1"})",
                                  Token(who)),
                    403,
                    "forbidden");
        ExpectError(
            client().Patch("/api/v1/teams/" + Ids().falcon, R"({"name":"Hawk"})", Token(who)),
            403,
            "forbidden");
        ExpectError(client().Delete("/api/v1/teams/" + Ids().falcon, Token(who)), 403, "forbidden");
    }
    const HttpResult team = client().Get("/api/v1/teams/" + Ids().falcon, Token("carol"));
    ASSERT_EQ(team.status, 200) << team.body;
    EXPECT_EQ(StrAt(team.Json(), {"name"}), "Falcon");
}

TEST_F(AuthorizationTest, NonAdminChangesOnlyTheirOwnAccountAndNeverTheAdminFlag) {
    const std::string bob = "/api/v1/users/" + Ids().users.at("bob");
    ExpectError(client().Patch(bob, R"({"name":"Robert"})", Token("alice")), 403, "forbidden");
    ExpectError(client().Patch(bob, R"({"is_admin":true})", Token("bob")), 403, "forbidden");
    const HttpResult self = client().Patch(bob, R"({"name":"Bob O."})", Token("bob"));
    EXPECT_EQ(self.status, 200) << self.body;
    EXPECT_EQ(StrAt(self.Json(), {"name"}), "Bob O.");
    EXPECT_EQ(At(self.Json(), {"password_hash"}), nullptr);
}

TEST_F(AuthorizationTest, ProductWithoutARoleIsForbiddenAndNotListed) {
    const HttpResult created =
        client().Post("/api/v1/products", R"({"key":"NOROLE","name":"Nobody's"})", Token("admin"));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = StrAt(created.Json(), {"id"});
    ExpectError(client().Get("/api/v1/products/" + id, Token("alice")), 403, "forbidden");
    ExpectError(
        client().Get("/api/v1/products/" + id + "/history", Token("alice")), 403, "forbidden");
    const HttpResult mine = client().Get("/api/v1/products?limit=200", Token("alice"));
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.body.find(id), std::string::npos) << mine.body;
    EXPECT_EQ(client().Get("/api/v1/products/" + id, Token("admin")).status, 200);
}

// ---------------------------------------------------------------------------------------------
// The role walk: every operation of the served OpenAPI document, for every demo user.

class RoleWalkTest : public DemoSuite<RoleWalkTest> {};

struct Operation {
    std::string method;   // upper case
    std::string path;     // template
    std::string action;   // x-action
    bool stream = false;  // answers text/event-stream and stays open
};

std::vector<Operation> Operations(const json::value& doc) {
    std::vector<Operation> ops;
    const json::value* paths = At(doc, {"paths"});
    if (paths == nullptr || !paths->is_object()) {
        ADD_FAILURE() << "openapi.json has no paths";
        return ops;
    }
    for (const auto& [path, item] : paths->as_object()) {
        if (!item.is_object()) {
            continue;
        }
        for (const auto& [method, op] : item.as_object()) {
            if (method != "get" && method != "post" && method != "patch" && method != "put" &&
                method != "delete") {
                continue;
            }
            Operation o;
            for (char c : std::string_view(method)) {
                o.method.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
            }
            o.path = std::string(path);
            o.action = StrAt(op, {"x-action"});
            o.stream = At(op, {"responses", "200", "content", "text/event-stream"}) != nullptr;
            EXPECT_FALSE(o.action.empty()) << o.method << " " << o.path << " has no x-action";
            ops.push_back(std::move(o));
        }
    }
    return ops;
}

// Backlog objects the walk addresses: an epic with children (so deleting it is refused and
// the walk changes little) and a poker round on it.
struct BacklogIds {
    std::string item;
    std::string round;
    // Releases and test planning: a release, a test case on a story, a plan and a passing run.
    std::string release;
    std::string test_case;
    std::string test_plan;
    std::string test_run;
    // Sprints: an active sprint of Falcon on X2 that requires approval, and an open change
    // request on it (made by the Scrum Master).
    std::string sprint;
    std::string change_request;
    // Reviews and retrospectives: a card (voted on by the walk; only its author edits or
    // deletes it, so those walk a missing one) and an action of the walk sprint's retro.
    std::string retro_card;
    std::string retro_action;
    // Customer voice: a demo customer of X2 with a contact, a demo feedback and a demo idea.
    std::string customer;
    std::string contact;
    std::string feedback;
    std::string idea;
    // Stakeholders and decisions (docs/strategy.md): one of each on X2, made by the PM.
    std::string stakeholder;
    std::string decision;
    // Strategy: the demo's first goal of X2, its first key result and the first initiative.
    std::string goal;
    std::string key_result;
    std::string initiative;
    // Prioritisation: a scorecard of X2 (made by its PM).
    std::string scorecard;
    // Market and competition: a persona, a competitor, a comparison row and a market note of
    // X2 (made by its PM).
    std::string persona;
    std::string competitor;
    std::string comparison_row;
    std::string market_note;
};

// The path with real ids: the last parameter of a DELETE names nothing (so the walk deletes
// nothing; 404 then counts as allowed), except an item's, which is the epic that cannot be
// deleted. Objects only their owner touches (comments, views, inbox entries) are missing ones.
std::optional<std::string> Concrete(const Operation& op,
                                    const DemoIds& ids,
                                    const BacklogIds& backlog,
                                    const std::string& own_user_id) {
    std::string out;
    std::string_view rest = op.path;
    const std::size_t last_param = op.path.rfind('{');
    std::size_t offset = 0;
    while (!rest.empty()) {
        const std::size_t open = rest.find('{');
        if (open == std::string_view::npos) {
            out += rest;
            break;
        }
        const std::size_t close = rest.find('}', open);
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        out += rest.substr(0, open);
        const std::string_view name = rest.substr(open + 1, close - open - 1);
        const bool missing = op.method == "DELETE" && offset + open == last_param;
        const std::string_view before = out;
        if (name == "assignment_id") {
            out += "rol_missing";
        } else if (name == "link_id") {
            out += "lnk_missing";
        } else if (name == "round") {
            out += backlog.round;
        } else if (name == "token") {
            // A published roadmap link's token: an unknown one (404 for everyone).
            out += "rmp_missing";
        } else if (name == "model") {
            out += "rice";  // prioritisation: an item's score under a model
        } else if (name == "competitor_id") {
            out += missing ? "cmp_missing" : backlog.competitor;  // a comparison cell
        } else if (name != "id") {
            return std::nullopt;
        } else if (before.ends_with("/api/v1/products/")) {
            out += missing ? "prd_missing" : ids.x2;
        } else if (before.ends_with("/api/v1/teams/")) {
            out += missing ? "tem_missing" : ids.falcon;
        } else if (before.ends_with("/api/v1/users/")) {
            out += missing ? "usr_missing" : own_user_id;
        } else if (before.ends_with("/api/v1/tokens/")) {
            out += "tok_missing";
        } else if (before.ends_with("/api/v1/items/")) {
            out += backlog.item;
        } else if (before.ends_with("/api/v1/comments/")) {
            out += "cmt_missing";
        } else if (before.ends_with("/api/v1/views/")) {
            out += "viw_missing";
        } else if (before.ends_with("/api/v1/inbox/")) {
            out += "ntf_missing";
            // Releases and test planning.
        } else if (before.ends_with("/api/v1/releases/")) {
            out += backlog.release;
        } else if (before.ends_with("/api/v1/test-cases/")) {
            out += missing ? "tcs_missing" : backlog.test_case;
        } else if (before.ends_with("/api/v1/test-plans/")) {
            out += missing ? "tpl_missing" : backlog.test_plan;
        } else if (before.ends_with("/api/v1/test-runs/")) {
            out += backlog.test_run;
        } else if (before.ends_with("/api/v1/sprints/")) {
            out += missing ? "spr_missing" : backlog.sprint;
        } else if (before.ends_with("/api/v1/change-requests/")) {
            out += backlog.change_request;
            // Reviews and retrospectives.
        } else if (before.ends_with("/api/v1/review-feedback/")) {
            out += "rfb_missing";
        } else if (before.ends_with("/api/v1/retro-cards/")) {
            out += op.path.ends_with("/vote") ? backlog.retro_card : "rcd_missing";
        } else if (before.ends_with("/api/v1/retro-actions/")) {
            out += backlog.retro_action;
            // Customer voice.
        } else if (before.ends_with("/api/v1/customers/")) {
            out += missing ? "cus_missing" : backlog.customer;
        } else if (before.ends_with("/api/v1/contacts/")) {
            out += missing ? "cct_missing" : backlog.contact;
        } else if (before.ends_with("/api/v1/feedback/")) {
            out += missing ? "cfb_missing" : backlog.feedback;
        } else if (before.ends_with("/api/v1/feedback-links/")) {
            out += "cfl_missing";
        } else if (before.ends_with("/api/v1/ideas/")) {
            out += missing ? "ide_missing" : backlog.idea;
        } else if (before.ends_with("/api/v1/idea-votes/")) {
            out += "ivt_missing";
            // Stakeholders and decisions.
        } else if (before.ends_with("/api/v1/stakeholders/")) {
            out += missing ? "stk_missing" : backlog.stakeholder;
        } else if (before.ends_with("/api/v1/communications/")) {
            out += "com_missing";
        } else if (before.ends_with("/api/v1/decisions/")) {
            out += missing ? "dec_missing" : backlog.decision;
        } else if (before.ends_with("/api/v1/goals/")) {
            out += missing ? "gol_missing" : backlog.goal;
        } else if (before.ends_with("/api/v1/key-results/")) {
            out += missing ? "kr_missing" : backlog.key_result;
        } else if (before.ends_with("/api/v1/check-ins/")) {
            out += "chk_missing";
        } else if (before.ends_with("/api/v1/initiatives/")) {
            out += missing ? "ini_missing" : backlog.initiative;
            // The roadmap's published links.
        } else if (before.ends_with("/api/v1/roadmap-shares/")) {
            out += "rms_missing";
            // Prioritisation.
        } else if (before.ends_with("/api/v1/scorecards/")) {
            out += missing ? "scd_missing" : backlog.scorecard;
            // Market and competition.
        } else if (before.ends_with("/api/v1/personas/")) {
            out += missing ? "per_missing" : backlog.persona;
        } else if (before.ends_with("/api/v1/competitors/")) {
            out += missing ? "cmp_missing" : backlog.competitor;
        } else if (before.ends_with("/api/v1/comparison-rows/")) {
            out += missing ? "cmr_missing" : backlog.comparison_row;
        } else if (before.ends_with("/api/v1/market-notes/")) {
            out += missing ? "mkn_missing" : backlog.market_note;
        } else {
            return std::nullopt;
        }
        offset += close + 1;
        rest.remove_prefix(close + 1);
    }
    return out;
}

TEST_F(RoleWalkTest, EveryOperationAnswersAsTheRoleMatrixSays) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200) << doc.body;
    const std::vector<Operation> ops = Operations(doc.Json());
    ASSERT_GT(ops.size(), 20u);

    // Every user's roles on X2 and admin flag, as the API reports them.
    const DemoIds& ids = Ids();
    const HttpResult product = client().Get("/api/v1/products/" + ids.x2, Token("admin"));
    ASSERT_EQ(product.status, 200) << product.body;
    std::map<std::string, std::vector<domain::Role>> roles;  // user id → roles on X2
    for (const auto& a : ArrAt(product.Json(), {"roles"})) {
        const auto role = domain::ParseRole(StrAt(a, {"role"}));
        ASSERT_TRUE(role.has_value()) << product.body;
        roles[StrAt(a, {"user", "id"})].push_back(*role);
    }
    EXPECT_EQ(roles.size(), 6u) << product.body;  // everyone but the admin
    const HttpResult users = client().Get("/api/v1/users?limit=200", Token("admin"));
    ASSERT_EQ(users.status, 200) << users.body;
    std::map<std::string, bool> is_admin;
    for (const auto& u : ArrAt(users.Json(), {"data"})) {
        const json::value* flag = At(u, {"is_admin"});
        is_admin[StrAt(u, {"id"})] = flag != nullptr && flag->is_bool() && flag->as_bool();
    }

    // The first epic of the demo backlog, and a poker round on it opened by its PO.
    BacklogIds backlog;
    const HttpResult epics = client().Get(
        "/api/v1/products/" + ids.x2 + "/items?limit=1&query=type%20%3D%20epic", Token("bob"));
    ASSERT_EQ(epics.status, 200) << epics.body;
    ASSERT_EQ(ArrAt(epics.Json(), {"data"}).size(), 1u) << epics.body;
    backlog.item = StrAt(ArrAt(epics.Json(), {"data"})[0], {"key"});
    const HttpResult round =
        client().Post("/api/v1/items/" + backlog.item + "/poker", "", Token("bob"));
    ASSERT_EQ(round.status, 201) << round.body;
    backlog.round = StrAt(round.Json(), {"id"});
    // Releases and test planning: a release, a test case on the first story, a plan of it and
    // a passing run (so opening a bug from it is refused without creating one).
    const HttpResult release = client().Post(
        "/api/v1/products/" + ids.x2 + "/releases", R"({"version":"walk-1"})", Token("bob"));
    ASSERT_EQ(release.status, 201) << release.body;
    backlog.release = StrAt(release.Json(), {"id"});
    const HttpResult stories = client().Get(
        "/api/v1/products/" + ids.x2 + "/items?limit=1&query=type%20%3D%20story", Token("bob"));
    ASSERT_EQ(ArrAt(stories.Json(), {"data"}).size(), 1u) << stories.body;
    const HttpResult test_case = client().Post(
        "/api/v1/items/" + StrAt(ArrAt(stories.Json(), {"data"})[0], {"key"}) + "/test-cases",
        R"({"title":"Walk"})",
        Token("bob"));
    ASSERT_EQ(test_case.status, 201) << test_case.body;
    backlog.test_case = StrAt(test_case.Json(), {"id"});
    const HttpResult plan = client().Post(
        "/api/v1/products/" + ids.x2 + "/test-plans",
        json::serialize(json::object{{"name", "Walk"},
                                     {"sprint_id", "spr_walk"},
                                     {"case_ids", json::array{backlog.test_case.c_str()}}}),
        Token("bob"));
    ASSERT_EQ(plan.status, 201) << plan.body;
    backlog.test_plan = StrAt(plan.Json(), {"id"});
    const HttpResult run = client().Post(
        "/api/v1/test-plans/" + backlog.test_plan + "/runs",
        json::serialize(json::object{{"case_id", backlog.test_case}, {"result", "pass"}}),
        Token("bob"));
    ASSERT_EQ(run.status, 201) << run.body;
    backlog.test_run = StrAt(run.Json(), {"id"});

    // A started sprint requiring approval, and a change request the Scrum Master asked for,
    // of a team of its own (the demo's team Falcon runs an active sprint already).
    const HttpResult walk_team =
        client().Post("/api/v1/teams",
                      json::serialize(json::object{{"name", "Walk team"}, {"product_id", ids.x2}}),
                      Token("admin"));
    ASSERT_EQ(walk_team.status, 201) << walk_team.body;
    const HttpResult sprint =
        client().Post("/api/v1/products/" + ids.x2 + "/sprints",
                      json::serialize(json::object{{"team_id", StrAt(walk_team.Json(), {"id"})},
                                                   {"name", "Walk sprint"},
                                                   {"start_date", "2026-11-02"},
                                                   {"end_date", "2026-11-13"},
                                                   {"require_approval", true}}),
                      Token("bob"));
    ASSERT_EQ(sprint.status, 201) << sprint.body;
    backlog.sprint = StrAt(sprint.Json(), {"id"});
    std::vector<std::string> walk_stories;
    for (const std::string title : {"Walk story one", "Walk story two"}) {
        const HttpResult story =
            client().Post("/api/v1/products/" + ids.x2 + "/items",
                          json::serialize(json::object{{"type", "story"}, {"title", title}}),
                          Token("bob"));
        ASSERT_EQ(story.status, 201) << story.body;
        walk_stories.push_back(StrAt(story.Json(), {"key"}));
    }
    const std::string sprint_items = "/api/v1/sprints/" + backlog.sprint + "/items";
    ASSERT_EQ(
        client()
            .Post(sprint_items,
                  json::serialize(json::object{{"items", json::array{walk_stories[0].c_str()}}}),
                  Token("bob"))
            .status,
        200);
    ASSERT_EQ(
        client().Post("/api/v1/sprints/" + backlog.sprint + "/start", "", Token("bob")).status,
        200);
    const HttpResult requested = client().Post(
        sprint_items,
        json::serialize(json::object{{"items", json::array{walk_stories[1].c_str()}}}),
        Token("carol"));
    ASSERT_EQ(requested.status, 202) << requested.body;
    backlog.change_request = StrAt(ArrAt(requested.Json(), {"change_requests"})[0], {"id"});
    // A retro card and action of the walk sprint.
    const HttpResult card = client().Post("/api/v1/sprints/" + backlog.sprint + "/retro/cards",
                                          R"({"column":"went_well","text":"Walk card"})",
                                          Token("dave"));
    ASSERT_EQ(card.status, 201) << card.body;
    backlog.retro_card = StrAt(card.Json(), {"id"});
    const HttpResult action = client().Post("/api/v1/sprints/" + backlog.sprint + "/retro/actions",
                                            R"({"text":"Walk action"})",
                                            Token("carol"));
    ASSERT_EQ(action.status, 201) << action.body;
    backlog.retro_action = StrAt(action.Json(), {"id"});
    // Customer voice: the demo's first customer of X2 (with a contact), feedback and idea.
    const HttpResult customers =
        client().Get("/api/v1/products/" + ids.x2 + "/customers", Token("alice"));
    ASSERT_EQ(customers.status, 200) << customers.body;
    for (const auto& c : ArrAt(customers.Json(), {"data"})) {
        if (!ArrAt(c, {"contacts"}).empty()) {
            backlog.customer = StrAt(c, {"id"});
            backlog.contact = StrAt(ArrAt(c, {"contacts"})[0], {"id"});
            break;
        }
    }
    ASSERT_FALSE(backlog.contact.empty()) << customers.body;
    const HttpResult feedback =
        client().Get("/api/v1/products/" + ids.x2 + "/feedback?limit=1", Token("alice"));
    ASSERT_EQ(ArrAt(feedback.Json(), {"data"}).size(), 1u) << feedback.body;
    backlog.feedback = StrAt(ArrAt(feedback.Json(), {"data"})[0], {"id"});
    const HttpResult ideas = client().Get("/api/v1/products/" + ids.x2 + "/ideas", Token("alice"));
    ASSERT_FALSE(ArrAt(ideas.Json(), {"data"}).empty()) << ideas.body;
    backlog.idea = StrAt(ArrAt(ideas.Json(), {"data"})[0], {"id"});
    // A stakeholder and a decision on X2 (the walk's PATCH with {} changes nothing).
    const HttpResult stakeholder =
        client().Post("/api/v1/products/" + ids.x2 + "/stakeholders",
                      R"({"name":"Walk stakeholder","kind":"external","influence":2,"interest":4})",
                      Token("alice"));
    ASSERT_EQ(stakeholder.status, 201) << stakeholder.body;
    backlog.stakeholder = StrAt(stakeholder.Json(), {"id"});
    const HttpResult decision = client().Post("/api/v1/products/" + ids.x2 + "/decisions",
                                              R"({"title":"Walk decision"})",
                                              Token("alice"));
    ASSERT_EQ(decision.status, 201) << decision.body;
    backlog.decision = StrAt(decision.Json(), {"id"});
    // The demo's strategy: a goal with a key result, and an initiative (the walk's bodies are
    // empty, so it changes none of them).
    const HttpResult goals = client().Get("/api/v1/products/" + ids.x2 + "/goals", Token("alice"));
    ASSERT_EQ(goals.status, 200) << goals.body;
    ASSERT_FALSE(ArrAt(goals.Json(), {"data"}).empty()) << goals.body;
    const json::value goal = ArrAt(goals.Json(), {"data"})[0];
    backlog.goal = StrAt(goal, {"id"});
    ASSERT_FALSE(ArrAt(goal, {"key_results"}).empty()) << goals.body;
    backlog.key_result = StrAt(ArrAt(goal, {"key_results"})[0], {"id"});
    const HttpResult initiatives =
        client().Get("/api/v1/products/" + ids.x2 + "/initiatives", Token("alice"));
    ASSERT_FALSE(ArrAt(initiatives.Json(), {"data"}).empty()) << initiatives.body;
    backlog.initiative = StrAt(ArrAt(initiatives.Json(), {"data"})[0], {"id"});
    // A scorecard of X2.
    const HttpResult scorecard =
        client().Post("/api/v1/products/" + ids.x2 + "/scorecards",
                      R"({"name":"Walk card","criteria":[{"name":"Revenue","weight":1}]})",
                      Token("alice"));
    ASSERT_EQ(scorecard.status, 201) << scorecard.body;
    backlog.scorecard = StrAt(scorecard.Json(), {"id"});
    // Market and competition on X2 (the walk's PATCH and PUT bodies are empty: they change
    // nothing or are refused).
    const auto market = [&](const std::string& collection, const std::string& body) {
        const HttpResult r =
            client().Post("/api/v1/products/" + ids.x2 + "/" + collection, body, Token("alice"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    };
    backlog.persona = market("personas", R"({"name":"Walk persona"})");
    backlog.competitor = market("competitors", R"({"name":"Walk competitor"})");
    backlog.comparison_row = market("comparison/rows", R"({"capability":"Walk capability"})");
    backlog.market_note = market("market-notes", R"({"title":"Walk note"})");

    int walked = 0;
    int product_scoped = 0;
    int admin_only = 0;
    int denied = 0;
    for (const auto& op : ops) {
        if (op.action == "public") {
            const auto path = Concrete(op, ids, backlog, ids.users.at("alice"));
            ASSERT_TRUE(path) << op.path;
            const HttpResult r = client().Request(op.method, *path);
            EXPECT_NE(r.status, 401) << op.method << " " << *path << ": " << Describe(r);
            EXPECT_NE(r.status, 403) << op.method << " " << *path << ": " << Describe(r);
            continue;
        }
        const auto action = domain::ParseAction(op.action);
        ASSERT_TRUE(action.has_value())
            << op.method << " " << op.path << ": unknown x-action " << op.action;
        if (domain::IsProductScoped(*action)) {
            ++product_scoped;
        } else if (*action == domain::Action::kWorkspaceAdmin) {
            ++admin_only;
        }
        // Without credentials, every non-public operation is 401.
        {
            const auto path = Concrete(op, ids, backlog, ids.users.at("alice"));
            ASSERT_TRUE(path) << "cannot fill in the parameters of " << op.path;
            const HttpResult r = client().Request(
                op.method, *path, op.method == "GET" || op.method == "DELETE" ? "" : "{}");
            EXPECT_EQ(r.status, 401) << op.method << " " << *path << ": " << Describe(r);
        }
        for (const auto& handle : kDemoHandles) {
            const std::string& user_id = ids.users.at(handle);
            const auto path = Concrete(op, ids, backlog, user_id);
            ASSERT_TRUE(path) << op.path;
            // Logging out ends the session: use one of its own.
            const std::string token = op.path == "/api/v1/auth/logout"
                                          ? LoginToken(client(), DemoEmail(handle))
                                          : Token(handle);
            std::vector<std::pair<std::string, std::string>> headers = {
                {"Authorization", "Bearer " + token}};
            std::string body;
            if (op.method == "POST" || op.method == "PATCH" || op.method == "PUT") {
                body = "{}";
                headers.emplace_back("Content-Type", "application/json");
            }
            HttpResult r;
            if (op.stream) {
                // A stream stays open: only its status counts (the head, or an error answer).
                EventStreamClient stream(env().server().port(), token, *path);
                r.status = stream.Status();
                r.body = stream.raw_body();
            } else {
                r = client().Request(op.method, *path, body, headers);
            }
            ++walked;
            const auto& mine = roles[user_id];
            const bool allowed = domain::Allows(mine, is_admin[user_id], *action);
            const std::string what =
                handle + " " + op.method + " " + *path + " (" + op.action + "): " + Describe(r);
            EXPECT_NE(r.status, 401) << what;
            EXPECT_NE(r.status, 500) << what;
            EXPECT_NE(r.status, 0) << what;
            if (allowed) {
                EXPECT_NE(r.status, 403) << "allowed by the role matrix, but " << what;
            } else if (r.status == 404 && path->find("_missing") != std::string::npos) {
                // A missing object has no product to decide by: absent for everyone.
            } else {
                ++denied;
                EXPECT_EQ(r.status, 403) << "denied by the role matrix, but " << what;
                EXPECT_EQ(ErrorCode(r), "forbidden") << what;
            }
        }
    }
    EXPECT_GE(product_scoped, 4);
    EXPECT_GE(admin_only, 5);
    EXPECT_GT(denied, 20);
    EXPECT_EQ(walked % kDemoHandles.size(), 0u);
}

// The board is in the walk (it reads its operations from the OpenAPI document) as a read of the
// product: every role on X2 and the admin read it; the people who move cards do so through the
// item's PATCH, walked above.
TEST_F(RoleWalkTest, TheBoardIsWalkedAsAProductRead) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(StrAt(doc.Json(), {"paths", "/api/v1/products/{id}/board", "get", "x-action"}),
              "product.read");
    for (const auto& handle : kDemoHandles) {
        const HttpResult r = client().Get(
            "/api/v1/products/" + Ids().x2 + "/board?swimlane=assignee", Token(handle));
        EXPECT_EQ(r.status, 200) << handle << ": " << Describe(r);
    }
    ExpectError(client().Get("/api/v1/products/" + Ids().x2 + "/board"), 401, "unauthenticated");
}

// Release commitment, reviews and retrospectives are in the walk above with the actions of
// docs/delivery.md's table: the walk checks every role against these.
TEST_F(RoleWalkTest, ReviewRetroAndCommitRoutesNameTheActionsOfTheDeliveryTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/releases/{id}/commit", "post", "backlog.write"},
        {"/api/v1/releases/{id}/scope-changes", "get", "product.read"},
        {"/api/v1/sprints/{id}/review", "get", "product.read"},
        {"/api/v1/sprints/{id}/review", "patch", "sprint.write"},
        {"/api/v1/sprints/{id}/review/feedback", "post", "feedback.write"},
        {"/api/v1/review-feedback/{id}", "delete", "feedback.write"},
        {"/api/v1/sprints/{id}/retro", "get", "product.read"},
        {"/api/v1/sprints/{id}/retro/cards", "post", "retro.write"},
        {"/api/v1/retro-cards/{id}", "patch", "retro.write"},
        {"/api/v1/retro-cards/{id}", "delete", "retro.write"},
        {"/api/v1/retro-cards/{id}/vote", "post", "retro.write"},
        {"/api/v1/sprints/{id}/retro/actions", "post", "retro.write"},
        {"/api/v1/retro-actions/{id}", "patch", "retro.write"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
}

// Stakeholders and decisions are in the walk above with the actions of docs/strategy.md's
// table: the walk checks every role against these.
TEST_F(RoleWalkTest, StakeholderAndDecisionRoutesNameTheActionsOfTheStrategyTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/products/{id}/stakeholders", "get", "market.read"},
        {"/api/v1/products/{id}/stakeholders", "post", "strategy.write"},
        {"/api/v1/stakeholders/{id}", "get", "market.read"},
        {"/api/v1/stakeholders/{id}", "patch", "strategy.write"},
        {"/api/v1/stakeholders/{id}", "delete", "strategy.write"},
        {"/api/v1/stakeholders/{id}/communications", "post", "strategy.write"},
        {"/api/v1/communications/{id}", "delete", "strategy.write"},
        {"/api/v1/products/{id}/stakeholder-update", "get", "market.read"},
        {"/api/v1/products/{id}/decisions", "get", "product.read"},
        {"/api/v1/products/{id}/decisions", "post", "decision.write"},
        {"/api/v1/decisions/{id}", "get", "product.read"},
        {"/api/v1/decisions/{id}", "patch", "decision.write"},
        {"/api/v1/decisions/{id}", "delete", "decision.write"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
}

// Market and competition is in the walk above with the actions of docs/strategy.md's table:
// the walk checks every role against these (PM writes; PO, Scrum Master, team and executive
// read; the stakeholder neither).
TEST_F(RoleWalkTest, MarketRoutesNameTheActionsOfTheStrategyTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/products/{id}/personas", "post", "market.write"},
        {"/api/v1/products/{id}/personas", "get", "market.read"},
        {"/api/v1/personas/{id}", "get", "market.read"},
        {"/api/v1/personas/{id}", "patch", "market.write"},
        {"/api/v1/personas/{id}", "delete", "market.write"},
        {"/api/v1/products/{id}/competitors", "post", "market.write"},
        {"/api/v1/products/{id}/competitors", "get", "market.read"},
        {"/api/v1/competitors/{id}", "get", "market.read"},
        {"/api/v1/competitors/{id}", "patch", "market.write"},
        {"/api/v1/competitors/{id}", "delete", "market.write"},
        {"/api/v1/products/{id}/comparison", "get", "market.read"},
        {"/api/v1/products/{id}/comparison/rows", "post", "market.write"},
        {"/api/v1/comparison-rows/{id}", "patch", "market.write"},
        {"/api/v1/comparison-rows/{id}", "delete", "market.write"},
        {"/api/v1/comparison-rows/{id}/cells/{competitor_id}", "put", "market.write"},
        {"/api/v1/comparison-rows/{id}/cells/{competitor_id}", "delete", "market.write"},
        {"/api/v1/products/{id}/market-notes", "post", "market.write"},
        {"/api/v1/products/{id}/market-notes", "get", "market.read"},
        {"/api/v1/market-notes/{id}", "get", "market.read"},
        {"/api/v1/market-notes/{id}", "patch", "market.write"},
        {"/api/v1/market-notes/{id}", "delete", "market.write"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
    // The matrix the walk applies: the PM alone writes, the stakeholder alone may not read.
    using domain::Role;
    for (const Role role :
         {Role::kProductOwner, Role::kScrumMaster, Role::kTeamMember, Role::kExecutive}) {
        EXPECT_TRUE(domain::RoleAllows(role, domain::Action::kMarketRead));
        EXPECT_FALSE(domain::RoleAllows(role, domain::Action::kMarketWrite));
    }
    EXPECT_TRUE(domain::RoleAllows(Role::kProductManager, domain::Action::kMarketWrite));
    EXPECT_FALSE(domain::RoleAllows(Role::kStakeholder, domain::Action::kMarketRead));
}

// The strategy routes are in the walk above with the actions of docs/strategy.md's table.
TEST_F(RoleWalkTest, StrategyRoutesNameTheActionsOfTheStrategyTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/products/{id}/vision", "get", "product.read"},
        {"/api/v1/products/{id}/vision", "patch", "strategy.write"},
        {"/api/v1/products/{id}/vision/history", "get", "product.read"},
        {"/api/v1/products/{id}/goals", "post", "strategy.write"},
        {"/api/v1/products/{id}/goals", "get", "product.read"},
        {"/api/v1/goals/{id}", "get", "product.read"},
        {"/api/v1/goals/{id}", "patch", "strategy.write"},
        {"/api/v1/goals/{id}", "delete", "strategy.write"},
        {"/api/v1/goals/{id}/key-results", "post", "strategy.write"},
        {"/api/v1/key-results/{id}", "patch", "strategy.write"},
        {"/api/v1/key-results/{id}", "delete", "strategy.write"},
        {"/api/v1/key-results/{id}/check-ins", "post", "strategy.write"},
        {"/api/v1/check-ins/{id}", "delete", "strategy.write"},
        {"/api/v1/products/{id}/initiatives", "post", "strategy.write"},
        {"/api/v1/products/{id}/initiatives", "get", "product.read"},
        {"/api/v1/initiatives/{id}", "get", "product.read"},
        {"/api/v1/initiatives/{id}", "patch", "strategy.write"},
        {"/api/v1/initiatives/{id}", "delete", "strategy.write"},
        {"/api/v1/items/{id}/trace", "get", "product.read"},
        {"/api/v1/goals/{id}/work", "get", "product.read"},
        {"/api/v1/initiatives/{id}/work", "get", "product.read"},
        {"/api/v1/sprints/{id}/alignment", "get", "product.read"},
        {"/api/v1/releases/{id}/alignment", "get", "product.read"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
}

// The roadmap routes are in the walk above with the actions of docs/strategy.md's table; the
// public read of a published link needs no credentials.
TEST_F(RoleWalkTest, RoadmapRoutesNameTheActionsOfTheStrategyTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/products/{id}/roadmap", "get", "product.read"},
        {"/api/v1/roadmap", "get", "authenticated"},
        {"/api/v1/products/{id}/roadmap/shares", "post", "strategy.write"},
        {"/api/v1/products/{id}/roadmap/shares", "get", "strategy.write"},
        {"/api/v1/roadmap-shares/{id}", "delete", "strategy.write"},
        {"/api/v1/public/roadmaps/{token}", "get", "public"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
    ExpectError(client().Get("/api/v1/public/roadmaps/rmp_missing"), 404, "not_found");
}

// ---------------------------------------------------------------------------------------------
// Another workspace in the same database sees nothing of the demo workspace.

class CrossWorkspaceTest : public DemoSuite<CrossWorkspaceTest> {
protected:
    static void SetUpTestSuite() {
        DemoSuite::SetUpTestSuite();
        if (!env().ok()) {
            return;
        }
        const CommandResult eve = RunCommand(WithDbFlags({ServerBinary(), "user", "add"},
                                                         env().server(),
                                                         {"--new-workspace",
                                                          "Other",
                                                          "--email",
                                                          "eve@other.example",
                                                          "--name",
                                                          "Eve",
                                                          "--password",
                                                          "longpassword1"}));
        EXPECT_EQ(eve.exit_code, 0) << eve.output;
        const CommandResult oscar = RunCommand(WithDbFlags({ServerBinary(), "user", "add"},
                                                           env().server(),
                                                           {"--workspace",
                                                            "Other",
                                                            "--email",
                                                            "oscar@other.example",
                                                            "--name",
                                                            "Oscar",
                                                            "--password",
                                                            "longpassword2",
                                                            "--admin"}));
        EXPECT_EQ(oscar.exit_code, 0) << oscar.output;
        eve_ = LoginToken(client(), "eve@other.example", "longpassword1");
        oscar_ = LoginToken(client(), "oscar@other.example", "longpassword2");
    }
    void SetUp() override {
        DemoSuite::SetUp();
        ASSERT_FALSE(eve_.empty());
        ASSERT_FALSE(oscar_.empty());
    }

    static inline std::string eve_;    // a user of workspace "Other"
    static inline std::string oscar_;  // the admin of workspace "Other"
};

TEST_F(CrossWorkspaceTest, TheOtherWorkspaceIsItsOwn) {
    const HttpResult me = client().Get("/api/v1/me", eve_);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(StrAt(me.Json(), {"workspace", "name"}), "Other");
    EXPECT_TRUE(ArrAt(me.Json(), {"products"}).empty()) << me.body;
}

TEST_F(CrossWorkspaceTest, ObjectsOfAnotherWorkspaceAre404) {
    const DemoIds& ids = Ids();
    const std::string x2 = "/api/v1/products/" + ids.x2;
    for (const std::string* token : {&eve_, &oscar_}) {
        ExpectError(client().Get(x2, *token), 404, "not_found");
        ExpectError(client().Patch(x2, R"({"name":"Hijacked"})", *token), 404, "not_found");
        ExpectError(client().Get(x2 + "/history", *token), 404, "not_found");
        ExpectError(client().Get(x2 + "/roles", *token), 404, "not_found");
        ExpectError(client().Get("/api/v1/teams/" + ids.falcon, *token), 404, "not_found");
        ExpectError(
            client().Get("/api/v1/teams/" + ids.falcon + "/history", *token), 404, "not_found");
        ExpectError(
            client().Get("/api/v1/users/" + ids.users.at("alice"), *token), 404, "not_found");
    }
    // Oscar is an admin, but not of this workspace.
    ExpectError(client().Get("/api/v1/users/" + ids.users.at("alice") + "/history", oscar_),
                404,
                "not_found");
    ExpectError(
        client().Patch("/api/v1/users/" + ids.users.at("alice"), R"({"name":"Mallory"})", oscar_),
        404,
        "not_found");
    ExpectError(client().Patch("/api/v1/teams/" + ids.falcon, R"({"name":"Hawk"})", oscar_),
                404,
                "not_found");
    ExpectError(client().Delete("/api/v1/teams/" + ids.falcon, oscar_), 404, "not_found");
    ExpectError(client().Post(x2 + "/roles",
                              json::serialize(json::object{{"user_id", ids.users.at("alice")},
                                                           {"role", "stakeholder"}}),
                              oscar_),
                404,
                "not_found");

    // Nothing changed in the demo workspace.
    const HttpResult product = client().Get(x2, Token("alice"));
    ASSERT_EQ(product.status, 200) << product.body;
    EXPECT_EQ(StrAt(product.Json(), {"name"}), "SkyLift X2");
    const HttpResult team = client().Get("/api/v1/teams/" + ids.falcon, Token("alice"));
    EXPECT_EQ(team.status, 200) << team.body;
    EXPECT_EQ(StrAt(team.Json(), {"name"}), "Falcon");
}

TEST_F(CrossWorkspaceTest, AnotherWorkspacesIdIsIndistinguishableFromAMissingOne) {
    const HttpResult real = client().Get("/api/v1/products/" + Ids().x2, eve_);
    const HttpResult missing = client().Get("/api/v1/products/prd_missing", eve_);
    EXPECT_EQ(real.status, missing.status);
    EXPECT_EQ(real.body, missing.body);
}

TEST_F(CrossWorkspaceTest, ListsShowOnlyTheOwnWorkspace) {
    const DemoIds& ids = Ids();
    for (const std::string* token : {&eve_, &oscar_}) {
        const HttpResult products = client().Get("/api/v1/products?limit=200", *token);
        ASSERT_EQ(products.status, 200) << products.body;
        EXPECT_TRUE(ArrAt(products.Json(), {"data"}).empty()) << products.body;
        EXPECT_EQ(products.body.find(ids.x2), std::string::npos);

        const HttpResult teams = client().Get("/api/v1/teams?limit=200", *token);
        ASSERT_EQ(teams.status, 200) << teams.body;
        EXPECT_TRUE(ArrAt(teams.Json(), {"data"}).empty()) << teams.body;

        const HttpResult users = client().Get("/api/v1/users?limit=200", *token);
        ASSERT_EQ(users.status, 200) << users.body;
        EXPECT_EQ(ArrAt(users.Json(), {"data"}).size(), 2u) << users.body;
        EXPECT_EQ(users.body.find("skylift.example"), std::string::npos) << users.body;
    }
    // And the demo workspace does not see the other one's users.
    const HttpResult demo_users = client().Get("/api/v1/users?limit=200", Token("admin"));
    ASSERT_EQ(demo_users.status, 200) << demo_users.body;
    EXPECT_EQ(demo_users.body.find("other.example"), std::string::npos) << demo_users.body;
}

}  // namespace
}  // namespace tl::test
