// The board over HTTP, on both backends (docs/delivery.md, "Board"): columns with WIP limits
// and counts, lanes for each swimlane kind, the query and sprint narrowings; moving cards
// through the item's PATCH with its workflow, WIP, Definition of Ready / Done, acceptance and
// role rules; and the item priority it lanes by (a field, a query term, an export column).
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class BoardTest : public DemoSuite<BoardTest> {
protected:
    // A product of its own per test, with alice PM, bob PO, carol SM, dave team, erin
    // stakeholder (frank has no role on it).
    static std::string NewProduct(const std::string& key) { return NewRoledProduct(key, "Board"); }
    static std::string NewItem(const std::string& product, json::object body) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    static HttpResult Patch(const std::string& item, json::object body, const std::string& who) {
        return client().Patch("/api/v1/items/" + item, json::serialize(body), Token(who));
    }
    static HttpResult Board(const std::string& product,
                            const std::string& params,
                            const std::string& who = "dave") {
        return client().Get("/api/v1/products/" + product + "/board" + params, Token(who));
    }
    static json::value BoardJson(const std::string& product, const std::string& params) {
        const HttpResult r = Board(product, params);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    // lane key → "status:KEY status:KEY" of its cards, columns in workflow order.
    static std::map<std::string, std::string> Lanes(const json::value& board) {
        std::map<std::string, std::string> out;
        for (const auto& lane : ArrAt(board, {"lanes"})) {
            std::string cards;
            for (const auto& column : ArrAt(board, {"columns"})) {
                const std::string status = StrAt(column, {"status"});
                for (const auto& card : ArrAt(lane, {"cards", status})) {
                    cards += (cards.empty() ? "" : " ") + status + ":" + StrAt(card, {"key"});
                }
            }
            out[StrAt(lane, {"key"})] = cards;
        }
        return out;
    }
    static std::vector<std::string> LaneNames(const json::value& board) {
        std::vector<std::string> out;
        for (const auto& lane : ArrAt(board, {"lanes"})) {
            out.push_back(StrAt(lane, {"name"}));
        }
        return out;
    }
    // The column of `status` (null when there is none).
    static json::value Column(const json::value& board, const std::string& status) {
        for (const auto& c : ArrAt(board, {"columns"})) {
            if (StrAt(c, {"status"}) == status) {
                return c;
            }
        }
        return nullptr;
    }
    static bool OverLimit(const json::value& column) {
        const json::value* v = At(column, {"over_limit"});
        return v != nullptr && v->is_bool() && v->as_bool();
    }
    static void SetWipLimit(const std::string& product, const std::string& status, int limit) {
        const HttpResult settings =
            client().Get("/api/v1/products/" + product + "/backlog-settings", Token("bob"));
        ASSERT_EQ(settings.status, 200) << settings.body;
        json::array statuses = ArrAt(settings.Json(), {"statuses"});
        for (auto& s : statuses) {
            if (StrAt(s, {"key"}) == status) {
                s.as_object()["wip_limit"] = limit;
            }
        }
        const HttpResult saved =
            client().Patch("/api/v1/products/" + product + "/backlog-settings",
                           json::serialize(json::object{{"statuses", statuses}}),
                           Token("bob"));
        ASSERT_EQ(saved.status, 200) << saved.body;
    }
};

TEST_F(BoardTest, ColumnsAndLanesForEverySwimlane) {
    const std::string p = NewProduct("BRD");
    const std::string& dave = Ids().users.at("dave");
    const std::string& carol = Ids().users.at("carol");
    const std::string epic = NewItem(p, {{"type", "epic"}, {"title", "Night flight"}});
    const std::string feature =
        NewItem(p, {{"type", "feature"}, {"title", "Night camera"}, {"parent_id", epic}});
    const std::string s1 = NewItem(p,
                                   {{"type", "story"},
                                    {"title", "Low-light sensor"},
                                    {"parent_id", feature},
                                    {"priority", "high"},
                                    {"assignee_id", dave}});
    const std::string s2 =
        NewItem(p, {{"type", "story"}, {"title", "Longer battery"}, {"assignee_id", carol}});
    const std::string b1 =
        NewItem(p, {{"type", "bug"}, {"title", "Drift"}, {"priority", "highest"}});
    NewItem(p, {{"type", "task"}, {"title", "Calibrate"}, {"parent_id", s1}});
    ASSERT_EQ(Patch(s1, {{"status", "ready"}}, "bob").status, 200);
    SetWipLimit(p, "new", 3);

    // No swimlanes: one lane; epics, features and tasks are not on the product board; the
    // columns count every item of the product.
    const json::value none = BoardJson(p, "");
    EXPECT_EQ(StrAt(none, {"swimlane"}), "none");
    EXPECT_TRUE(At(none, {"sprint_id"})->is_null());
    EXPECT_FALSE(At(none, {"truncated"})->as_bool());
    std::vector<std::string> statuses;
    for (const auto& c : ArrAt(none, {"columns"})) {
        statuses.push_back(StrAt(c, {"status"}));
    }
    EXPECT_EQ(statuses,
              (std::vector<std::string>{"new", "ready", "in_progress", "in_review", "done"}));
    const json::value fresh = Column(none, "new");
    EXPECT_EQ(StrAt(fresh, {"name"}), "New");
    EXPECT_EQ(StrAt(fresh, {"category"}), "to_do");
    EXPECT_EQ(IntAt(fresh, {"wip_limit"}), 3);
    EXPECT_EQ(IntAt(fresh, {"count"}), 5);  // epic, feature, s2, b1, the task
    EXPECT_TRUE(OverLimit(fresh));
    EXPECT_FALSE(OverLimit(Column(none, "ready")));
    EXPECT_EQ(
        Lanes(none),
        (std::map<std::string, std::string>{{"all", "new:" + s2 + " new:" + b1 + " ready:" + s1}}));
    // Cards are items as GET /items/{id} shows them.
    const json::value card = ArrAt(ArrAt(none, {"lanes"})[0], {"cards", "ready"})[0];
    EXPECT_EQ(StrAt(card, {"priority"}), "high");
    EXPECT_EQ(StrAt(card, {"assignee", "name"}), "Dave Kim");
    EXPECT_EQ(StrAt(card, {"parent", "key"}), feature);
    EXPECT_EQ(IntAt(card, {"version"}), 2);

    // By assignee: the product's PO, Scrum Master and team by name, then Unassigned.
    const json::value people = BoardJson(p, "?swimlane=assignee");
    EXPECT_EQ(LaneNames(people),
              (std::vector<std::string>{"Bob Okafor", "Carol Jensen", "Dave Kim", "Unassigned"}));
    EXPECT_EQ(Lanes(people),
              (std::map<std::string, std::string>{{Ids().users.at("bob"), ""},
                                                  {carol, "new:" + s2},
                                                  {dave, "ready:" + s1},
                                                  {"none", "new:" + b1}}));

    // By epic: the epic above each card (through its feature), then No epic.
    const json::value epics = BoardJson(p, "?swimlane=epic");
    EXPECT_EQ(LaneNames(epics), (std::vector<std::string>{"Night flight", "No epic"}));
    EXPECT_EQ(StrAt(ArrAt(epics, {"lanes"})[0], {"item_key"}), epic);
    EXPECT_EQ(Lanes(epics).at("none"), "new:" + s2 + " new:" + b1);
    EXPECT_EQ(ArrAt(ArrAt(epics, {"lanes"})[0], {"cards", "ready"}).size(), 1u);

    // By priority: five lanes, highest first, empty ones too.
    const json::value urgency = BoardJson(p, "?swimlane=priority");
    EXPECT_EQ(LaneNames(urgency),
              (std::vector<std::string>{"Highest", "High", "Medium", "Low", "Lowest"}));
    EXPECT_EQ(Lanes(urgency),
              (std::map<std::string, std::string>{{"highest", "new:" + b1},
                                                  {"high", "ready:" + s1},
                                                  {"medium", "new:" + s2},
                                                  {"low", ""},
                                                  {"lowest", ""}}));

    // A query narrows the cards, not the counts; an unknown sprint shows an empty board.
    const json::value bugs = BoardJson(p, "?query=" + UrlEncode("type = bug OR assignee = me"));
    EXPECT_EQ(Lanes(bugs).at("all"), "new:" + b1 + " ready:" + s1);
    EXPECT_EQ(IntAt(Column(bugs, "new"), {"count"}), 5);
    const json::value sprint = BoardJson(p, "?sprint=spr_unknown&swimlane=priority");
    EXPECT_EQ(StrAt(sprint, {"sprint_id"}), "spr_unknown");
    for (const auto& [lane, cards] : Lanes(sprint)) {
        EXPECT_EQ(cards, "") << lane;
    }
    EXPECT_EQ(ArrAt(sprint, {"columns"}).size(), 5u);

    // Bad input names itself; readers without a role see nothing.
    ExpectInvalid(Board(p, "?swimlane=status"), {"swimlane"});
    const HttpResult bad = Board(p, "?query=" + UrlEncode("priority = urgent"));
    ExpectError(bad, 400, "invalid_query");
    EXPECT_EQ(IntAt(bad.Json(), {"error", "position"}), 11);
    ExpectError(Board(p, "", "frank"), 403, "forbidden");
    ExpectError(Board(p, "?swimlane=status", "frank"), 403, "forbidden");
    ExpectError(Board("prd_missing", ""), 404, "not_found");
}

TEST_F(BoardTest, AStakeholderReadsTheBoardButMovesNothing) {
    const std::string p = NewProduct("BRDS");
    const std::string b = NewItem(p, {{"type", "bug"}, {"title", "Drift"}});
    for (const std::string who : {"alice", "bob", "carol", "dave", "erin", "admin"}) {
        const HttpResult r = Board(p, "?swimlane=assignee", who);
        EXPECT_EQ(r.status, 200) << who << ": " << r.body;
    }
    ExpectError(Patch(b, {{"status", "ready"}}, "erin"), 403, "forbidden");
    ExpectError(Patch(b, {{"priority", "high"}}, "erin"), 403, "forbidden");
}

TEST_F(BoardTest, MovingACardFollowsTheItemsRules) {
    const std::string p = NewProduct("MOVE");
    const std::string& dave = Ids().users.at("dave");
    const std::string& carol = Ids().users.at("carol");
    std::vector<std::string> bugs;
    for (int i = 0; i < 3; ++i) {
        bugs.push_back(NewItem(p, {{"type", "bug"}, {"title", "Bug " + std::to_string(i)}}));
        ASSERT_EQ(Patch(bugs.back(), {{"status", "ready"}}, "bob").status, 200);
    }
    SetWipLimit(p, "in_progress", 1);

    // Across columns: dave moves an unassigned card; the next one into a full column is refused
    // with the WIP limit's own code, and nothing changes.
    ASSERT_EQ(Patch(bugs[0], {{"status", "in_progress"}}, "dave").status, 200);
    const HttpResult full = Patch(bugs[1], {{"status", "in_progress"}}, "dave");
    ExpectError(full, 409, "wip_limit_reached");
    EXPECT_NE(full.body.find("WIP limit of In progress (1)"), std::string::npos) << full.body;
    EXPECT_TRUE(Has(DetailFields(full), "status"));
    const json::value board = BoardJson(p, "");
    EXPECT_EQ(IntAt(Column(board, "in_progress"), {"count"}), 1);
    EXPECT_EQ(IntAt(Column(board, "in_progress"), {"wip_limit"}), 1);
    EXPECT_FALSE(OverLimit(Column(board, "in_progress")));
    EXPECT_EQ(Lanes(board).at("all"),
              "ready:" + bugs[1] + " ready:" + bugs[2] + " in_progress:" + bugs[0]);

    // The workflow's transitions have their own code too.
    ExpectError(Patch(bugs[1], {{"status", "done"}}, "bob"), 409, "transition_not_allowed");

    // Across assignee lanes: dave takes an unassigned card; a card of someone else's is not his
    // to move, whichever field the move changes.
    ASSERT_EQ(Patch(bugs[1], {{"assignee_id", dave}}, "dave").status, 200);
    ASSERT_EQ(Patch(bugs[2], {{"assignee_id", carol}}, "bob").status, 200);
    const HttpResult others = Patch(bugs[2], {{"status", "new"}}, "dave");
    ExpectError(others, 403, "forbidden");
    EXPECT_NE(others.body.find("assigned to someone else"), std::string::npos) << others.body;
    ExpectError(Patch(bugs[2], {{"assignee_id", dave}}, "dave"), 403, "forbidden");
    ExpectError(Patch(bugs[2], {{"priority", "low"}}, "dave"), 403, "forbidden");
    // Across priority lanes: his own card.
    ASSERT_EQ(Patch(bugs[1], {{"priority", "highest"}}, "dave").status, 200);
    EXPECT_EQ(Lanes(BoardJson(p, "?swimlane=priority")).at("highest"), "ready:" + bugs[1]);
    EXPECT_EQ(Lanes(BoardJson(p, "?swimlane=assignee")).at(dave), "ready:" + bugs[1]);

    // The Scrum Master moves their own cards (status, priority, assignee), nothing else.
    ASSERT_EQ(Patch(bugs[2], {{"status", "new"}}, "carol").status, 200);
    ASSERT_EQ(Patch(bugs[2], {{"priority", "high"}}, "carol").status, 200);
    ExpectError(Patch(bugs[2], {{"points", 3}}, "carol"), 403, "forbidden");
    ExpectError(Patch(bugs[1], {{"status", "new"}}, "carol"), 403, "forbidden");
    // The PM moves no card.
    ExpectError(Patch(bugs[2], {{"status", "ready"}}, "alice"), 403, "forbidden");

    // Across epic lanes: a feature's parent is an epic; a story's is a feature, never an epic.
    const std::string epic = NewItem(p, {{"type", "epic"}, {"title", "Flight"}});
    const std::string feature = NewItem(p, {{"type", "feature"}, {"title", "Battery"}});
    const std::string story = NewItem(p, {{"type", "story"}, {"title", "Swap battery"}});
    ASSERT_EQ(Patch(feature, {{"parent_id", epic}}, "bob").status, 200);
    ExpectInvalid(Patch(story, {{"parent_id", epic}}, "bob"), {"parent_id"});
    ASSERT_EQ(Patch(story, {{"parent_id", feature}}, "bob").status, 200);
    EXPECT_EQ(Lanes(BoardJson(p, "?swimlane=epic"))
                  .at(StrAt(client().Get("/api/v1/items/" + epic, Token("bob")).Json(), {"id"})),
              "new:" + story);
}

TEST_F(BoardTest, ReadinessAndAcceptanceRefusalsAreCleanForTheBoard) {
    const std::string p = NewProduct("ACC");
    const std::string story =
        NewItem(p,
                {{"type", "story"},
                 {"title", "Hover hold"},
                 {"points", 3},
                 {"criteria", json::array{"Given wind When hovering Then drift < 1 m"}}});
    ASSERT_EQ(Patch(story, {{"status", "ready"}}, "dave").status, 200);
    // Not ready: the Definition of Ready is unticked.
    const HttpResult not_ready = Patch(story, {{"status", "in_progress"}}, "dave");
    ExpectError(not_ready, 409, "not_ready");
    EXPECT_NE(not_ready.body.find("Definition of Ready"), std::string::npos);
    const HttpResult settings =
        client().Get("/api/v1/products/" + p + "/backlog-settings", Token("dave"));
    json::array dor;
    for (const auto& e : ArrAt(settings.Json(), {"definition_of_ready"})) {
        dor.push_back(e.at("id"));
    }
    json::array dod;
    for (const auto& e : ArrAt(settings.Json(), {"definition_of_done"})) {
        dod.push_back(e.at("id"));
    }
    ASSERT_EQ(Patch(story, {{"ready_checks", dor}}, "dave").status, 200);
    ASSERT_EQ(Patch(story, {{"status", "in_progress"}}, "dave").status, 200);
    // Into done: the Definition of Done first, then only the PO, and only with every
    // criterion checked.
    ExpectError(Patch(story, {{"status", "done"}}, "dave"), 409, "acceptance_blocked");
    ASSERT_EQ(Patch(story, {{"done_checks", dod}}, "dave").status, 200);
    const HttpResult team = Patch(story, {{"status", "done"}}, "dave");
    ExpectError(team, 403, "forbidden");
    EXPECT_NE(team.body.find("only the Product Owner"), std::string::npos);
    const HttpResult open = Patch(story, {{"status", "done"}}, "bob");
    ExpectError(open, 409, "acceptance_blocked");
    EXPECT_NE(open.body.find("acceptance criteria"), std::string::npos) << open.body;
    const json::value item = client().Get("/api/v1/items/" + story, Token("bob")).Json();
    json::array ticked{json::object{{"id", StrAt(ArrAt(item, {"criteria"})[0], {"id"})},
                                    {"text", "Given wind When hovering Then drift < 1 m"},
                                    {"done", true}}};
    ASSERT_EQ(Patch(story, {{"criteria", ticked}}, "dave").status, 200);
    const HttpResult accepted = Patch(story, {{"status", "done"}}, "bob");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(Lanes(BoardJson(p, "")).at("all"), "done:" + story);
}

TEST_F(BoardTest, PriorityIsAnItemFieldLikeTheOtherWorkingFields) {
    const std::string p = NewProduct("PRIO");
    const std::string plain = NewItem(p, {{"type", "story"}, {"title", "Plain"}});
    const json::value got = client().Get("/api/v1/items/" + plain, Token("erin")).Json();
    EXPECT_EQ(StrAt(got, {"priority"}), "medium");
    const std::string urgent =
        NewItem(p, {{"type", "bug"}, {"title", "Urgent"}, {"priority", "highest"}});
    // Only the PO sets it when creating (like status and estimate); a PM proposes without.
    const HttpResult pm = client().Post(
        "/api/v1/products/" + p + "/items",
        json::serialize(json::object{{"type", "feature"}, {"title", "x"}, {"priority", "high"}}),
        Token("alice"));
    ExpectError(pm, 403, "forbidden");
    ExpectInvalid(Patch(plain, {{"priority", "urgent"}}, "bob"), {"priority"});
    ExpectInvalid(Patch(plain, {{"priority", 3}}, "bob"), {"priority"});
    ExpectError(Patch(plain, {{"priority", "low"}}, "alice"), 403, "forbidden");
    // The team changes it on unassigned or own items.
    const HttpResult low = Patch(plain, {{"priority", "low"}}, "dave");
    ASSERT_EQ(low.status, 200) << low.body;
    EXPECT_EQ(StrAt(low.Json(), {"priority"}), "low");
    // Bulk edit.
    const HttpResult bulk =
        client().Post("/api/v1/products/" + p + "/items/bulk",
                      json::serialize(json::object{{"item_ids", json::array{plain, urgent}},
                                                   {"priority", "high"}}),
                      Token("bob"));
    ASSERT_EQ(bulk.status, 200) << bulk.body;
    for (const auto& i : ArrAt(bulk.Json(), {"data"})) {
        EXPECT_EQ(StrAt(i, {"priority"}), "high");
    }
    ASSERT_EQ(Patch(urgent, {{"priority", "highest"}}, "bob").status, 200);
    // A query term, and a sort that puts the highest first when descending.
    const HttpResult high = client().Get("/api/v1/products/" + p + "/items?query=" +
                                             UrlEncode("priority >= high ORDER BY priority DESC"),
                                         Token("erin"));
    ASSERT_EQ(high.status, 200) << high.body;
    ASSERT_EQ(ArrAt(high.Json(), {"data"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(high.Json(), {"data"})[0], {"key"}), urgent);
    // In the history and the export.
    const HttpResult history = client().Get("/api/v1/items/" + plain + "/history", Token("bob"));
    ASSERT_EQ(history.status, 200);
    EXPECT_NE(history.body.find(R"("priority":{"before":"medium","after":"low"})"),
              std::string::npos)
        << history.body;
    const HttpResult csv = client().Get("/api/v1/products/" + p + "/items/export", Token("erin"));
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.substr(0, csv.body.find("\r\n")).find(",points,priority,assignee,"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find(urgent + ",bug,Urgent,new,to_do,,highest,"), std::string::npos)
        << csv.body;
    // A custom field may no longer be called priority.
    const HttpResult field = client().Patch(
        "/api/v1/products/" + p + "/backlog-settings",
        json::serialize(json::object{
            {"fields",
             json::array{json::object{{"key", "priority"}, {"name", "P"}, {"type", "text"}}}}}),
        Token("bob"));
    EXPECT_EQ(field.status, 400) << field.body;
}

}  // namespace
}  // namespace tl::test
