// Audit history against the real server: who changed what (before → after), newest first,
// paged with cursors; for products, teams and users.
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class HistoryTest : public DemoSuite<HistoryTest> {
protected:
    // The newest event of a history, or null.
    static json::value Newest(const std::string& target, const std::string& token) {
        const HttpResult r = client().Get(target + "?limit=1", token);
        EXPECT_EQ(r.status, 200) << r.body;
        const json::array data = ArrAt(r.Json(), {"data"});
        EXPECT_EQ(data.size(), 1u) << r.body;
        return data.empty() ? json::value(nullptr) : data.at(0);
    }
};

TEST_F(HistoryTest, RenameIsRecordedNewestFirstWithActorAndDiff) {
    const std::string product = "/api/v1/products/" + Ids().x2;
    const std::string old_name = StrAt(client().Get(product, Token("alice")).Json(), {"name"});
    ASSERT_FALSE(old_name.empty());
    const HttpResult renamed =
        client().Patch(product, R"({"name":"SkyLift X2 Survey"})", Token("alice"));
    ASSERT_EQ(renamed.status, 200) << renamed.body;

    const HttpResult r = client().Get(product + "/history", Token("erin"));
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value v = r.Json();
    const json::array data = ArrAt(v, {"data"});
    ASSERT_GE(data.size(), 2u) << r.body;
    const json::value& e = data.at(0);
    EXPECT_EQ(StrAt(e, {"actor", "id"}), Ids().users.at("alice")) << r.body;
    EXPECT_EQ(StrAt(e, {"actor", "name"}), "Alice Moreau");
    EXPECT_EQ(StrAt(e, {"entity_type"}), "product");
    EXPECT_EQ(StrAt(e, {"entity_id"}), Ids().x2);
    EXPECT_EQ(StrAt(e, {"product_id"}), Ids().x2);
    EXPECT_EQ(StrAt(e, {"action"}), "updated");
    EXPECT_FALSE(StrAt(e, {"at"}).empty());
    EXPECT_FALSE(StrAt(e, {"id"}).empty());
    EXPECT_EQ(StrAt(e, {"changes", "name", "before"}), old_name) << r.body;
    EXPECT_EQ(StrAt(e, {"changes", "name", "after"}), "SkyLift X2 Survey") << r.body;
    // Only what changed.
    const json::value* changes = At(e, {"changes"});
    ASSERT_TRUE(changes != nullptr && changes->is_object());
    EXPECT_EQ(changes->as_object().size(), 1u) << r.body;

    // Newest first: ids (sequence numbers) strictly decrease.
    long long previous = -1;
    for (const auto& event : data) {
        const long long id = std::stoll(StrAt(event, {"id"}));
        if (previous != -1) {
            EXPECT_LT(id, previous) << r.body;
        }
        previous = id;
    }
    // The seed's events have no actor.
    const json::value* seeded = At(data.back(), {"actor"});
    EXPECT_TRUE(seeded != nullptr && seeded->is_null()) << r.body;
}

TEST_F(HistoryTest, PagesWalkEveryEventExactlyOnce) {
    const std::string history = "/api/v1/products/" + Ids().x2 + "/history";
    // Make sure there are a few events of our own too.
    for (const char* stage : {"launch", "growth", "development"}) {
        ASSERT_EQ(client()
                      .Patch("/api/v1/products/" + Ids().x2,
                             std::string(R"({"stage":")") + stage + "\"}",
                             Token("alice"))
                      .status,
                  200);
    }
    // Every event, in pages of the most a page holds (the demo's history is longer than one).
    std::vector<std::string> expected;
    std::string next_page;
    for (int page = 0; page < 50; ++page) {
        const HttpResult all = client().Get(
            history + "?limit=200" + (next_page.empty() ? "" : "&cursor=" + UrlEncode(next_page)),
            Token("bob"));
        ASSERT_EQ(all.status, 200) << all.body;
        const json::value all_body = all.Json();
        for (const auto& e : ArrAt(all_body, {"data"})) {
            expected.push_back(StrAt(e, {"id"}));
        }
        const json::value* end = At(all_body, {"next_cursor"});
        ASSERT_TRUE(end != nullptr && (end->is_null() || end->is_string())) << all.body;
        if (end->is_null()) {
            break;
        }
        next_page = std::string(end->as_string());
    }
    ASSERT_GE(expected.size(), 5u);

    std::vector<std::string> walked;
    std::string cursor;
    for (std::size_t page = 0; page <= expected.size() + 1; ++page) {
        const HttpResult r = client().Get(
            history + "?limit=1" + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)),
            Token("bob"));
        ASSERT_EQ(r.status, 200) << r.body;
        const json::value v = r.Json();
        const json::array data = ArrAt(v, {"data"});
        ASSERT_LE(data.size(), 1u);
        for (const auto& e : data) {
            walked.push_back(StrAt(e, {"id"}));
        }
        const json::value* next = At(v, {"next_cursor"});
        ASSERT_NE(next, nullptr) << r.body;
        if (next->is_null()) {
            break;
        }
        ASSERT_TRUE(next->is_string()) << r.body;
        cursor = std::string(next->as_string());
    }
    EXPECT_EQ(walked, expected);
    EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()).size(), walked.size());

    // Pages of 3 give the same sequence.
    std::vector<std::string> by_three;
    cursor.clear();
    for (std::size_t page = 0; page <= expected.size(); ++page) {
        const HttpResult r = client().Get(
            history + "?limit=3" + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)),
            Token("bob"));
        ASSERT_EQ(r.status, 200) << r.body;
        for (const auto& e : ArrAt(r.Json(), {"data"})) {
            by_three.push_back(StrAt(e, {"id"}));
        }
        const json::value body = r.Json();
        const json::value* next = At(body, {"next_cursor"});
        ASSERT_NE(next, nullptr);
        if (next->is_null()) {
            break;
        }
        cursor = std::string(next->as_string());
    }
    EXPECT_EQ(by_three, expected);
}

TEST_F(HistoryTest, RoleAssignmentsByTheAdminAppearInTheProductHistory) {
    const std::string roles = "/api/v1/products/" + Ids().x2 + "/roles";
    const HttpResult assigned =
        client().Post(roles,
                      json::serialize(json::object{{"user_id", Ids().users.at("erin")},
                                                   {"role", "scrum_master"}}),
                      Token("admin"));
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    const std::string assignment = StrAt(assigned.Json(), {"id"});

    const std::string history = "/api/v1/products/" + Ids().x2 + "/history";
    json::value e = Newest(history, Token("alice"));
    EXPECT_EQ(StrAt(e, {"entity_type"}), "role_assignment");
    EXPECT_EQ(StrAt(e, {"entity_id"}), assignment);
    EXPECT_EQ(StrAt(e, {"action"}), "created");
    EXPECT_EQ(StrAt(e, {"actor", "id"}), Ids().users.at("admin"));
    EXPECT_EQ(StrAt(e, {"actor", "name"}), "Workspace Admin");
    EXPECT_EQ(StrAt(e, {"changes", "role", "after"}), "scrum_master") << json::serialize(e);
    EXPECT_EQ(StrAt(e, {"changes", "user_id", "after"}), Ids().users.at("erin"));
    const json::value* before = At(e, {"changes", "role", "before"});
    EXPECT_TRUE(before != nullptr && before->is_null()) << json::serialize(e);

    ASSERT_EQ(client().Delete(roles + "/" + assignment, Token("admin")).status, 204);
    e = Newest(history, Token("alice"));
    EXPECT_EQ(StrAt(e, {"entity_id"}), assignment);
    EXPECT_EQ(StrAt(e, {"action"}), "deleted");
    EXPECT_EQ(StrAt(e, {"changes", "role", "before"}), "scrum_master") << json::serialize(e);
}

TEST_F(HistoryTest, TeamHistoryIsReadableByAnyUser) {
    const std::string team = "/api/v1/teams/" + Ids().falcon;
    const HttpResult created = client().Get(team + "/history", Token("erin"));
    ASSERT_EQ(created.status, 200) << created.body;
    const json::array data = ArrAt(created.Json(), {"data"});
    ASSERT_FALSE(data.empty()) << created.body;
    EXPECT_EQ(StrAt(data.back(), {"entity_type"}), "team");
    EXPECT_EQ(StrAt(data.back(), {"action"}), "created");
    EXPECT_EQ(StrAt(data.back(), {"changes", "name", "after"}), "Falcon") << created.body;

    const HttpResult renamed = client().Patch(team, R"({"name":"Falcon Crew"})", Token("admin"));
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    const json::value e = Newest(team + "/history", Token("dave"));
    EXPECT_EQ(StrAt(e, {"action"}), "updated");
    EXPECT_EQ(StrAt(e, {"changes", "name", "before"}), "Falcon");
    EXPECT_EQ(StrAt(e, {"changes", "name", "after"}), "Falcon Crew");
    EXPECT_EQ(StrAt(e, {"actor", "id"}), Ids().users.at("admin"));
    ASSERT_EQ(client().Patch(team, R"({"name":"Falcon"})", Token("admin")).status, 200);

    ExpectError(client().Get("/api/v1/teams/tem_missing/history", Token("dave")), 404, "not_found");
}

TEST_F(HistoryTest, UserHistoryIsForTheAdminAndTheUserThemself) {
    const std::string carol = "/api/v1/users/" + Ids().users.at("carol");
    ASSERT_EQ(client().Patch(carol, R"({"name":"Carol J."})", Token("carol")).status, 200);

    for (const std::string who : {"carol", "admin"}) {
        const HttpResult r = client().Get(carol + "/history", Token(who));
        ASSERT_EQ(r.status, 200) << who << ": " << r.body;
        const json::array data = ArrAt(r.Json(), {"data"});
        ASSERT_FALSE(data.empty()) << r.body;
        EXPECT_EQ(StrAt(data.at(0), {"entity_type"}), "user");
        EXPECT_EQ(StrAt(data.at(0), {"action"}), "updated");
        EXPECT_EQ(StrAt(data.at(0), {"changes", "name", "after"}), "Carol J.") << r.body;
        EXPECT_EQ(r.body.find("password_hash"), std::string::npos);
    }
    for (const std::string who : {"alice", "bob", "dave", "frank"}) {
        ExpectError(client().Get(carol + "/history", Token(who)), 403, "forbidden");
    }
    ExpectError(
        client().Get("/api/v1/users/usr_missing/history", Token("admin")), 404, "not_found");
}

TEST_F(HistoryTest, PasswordChangesAreRecordedWithoutTheHash) {
    const std::string frank = "/api/v1/users/" + Ids().users.at("frank");
    // The current password is required (and checked) to change one's own.
    ExpectInvalid(client().Patch(frank, R"({"password":"a new long password"})", Token("frank")),
                  {"current_password"});
    ExpectInvalid(
        client().Patch(
            frank, R"({"password":"a new long password","current_password":"x"})", Token("frank")),
        {"current_password"});
    ExpectInvalid(
        client().Patch(frank, R"({"password":"short","current_password":"demo"})", Token("frank")),
        {"password"});
    const HttpResult changed = client().Patch(
        frank, R"({"password":"a new long password","current_password":"demo"})", Token("frank"));
    ASSERT_EQ(changed.status, 200) << changed.body;

    const HttpResult r = client().Get(frank + "/history", Token("admin"));
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value e = ArrAt(r.Json(), {"data"}).at(0);
    EXPECT_EQ(StrAt(e, {"changes", "password", "before"}), "(hidden)") << r.body;
    EXPECT_EQ(StrAt(e, {"changes", "password", "after"}), "(changed)") << r.body;
    EXPECT_EQ(r.body.find("argon2"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("a new long password"), std::string::npos) << r.body;

    EXPECT_FALSE(LoginToken(client(), "frank@skylift.example", "a new long password").empty());
}

}  // namespace
}  // namespace tl::test
