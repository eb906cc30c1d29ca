// Sprint reviews and retrospectives over HTTP, on both backends (docs/delivery.md, "Sprint
// review", "Retrospectives"): the review's agenda against a hand-built sprint, notes guarded by
// If-Match (412 with the current review), feedback deleted by its author or the Product Owner
// only; retro cards with votes toggled, actions carried to the team's later retrospectives
// until done, the checks on every field; who may do what per endpoint; 404 for people without a
// role on the product and for another workspace; and the events open pages follow.
#include <map>
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

bool IsTrue(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_bool() && p->as_bool();
}

class RetroTest : public DemoSuite<RetroTest> {
protected:
    static void SetUpTestSuite() {
        DemoSuite::SetUpTestSuite();
        if (!env().ok()) {
            return;
        }
        // A user of another workspace in the same database.
        const CommandResult eve = RunCommand(WithDbFlags({ServerBinary(), "user", "add"},
                                                         env().server(),
                                                         {"--new-workspace",
                                                          "Elsewhere",
                                                          "--email",
                                                          "eve@elsewhere.example",
                                                          "--name",
                                                          "Eve",
                                                          "--password",
                                                          "longpassword1",
                                                          "--admin"}));
        EXPECT_EQ(eve.exit_code, 0) << eve.output;
        eve_ = LoginToken(client(), "eve@elsewhere.example", "longpassword1");
    }

    // A product of its own with the demo people in their usual roles (alice PM, bob PO, carol
    // SM, dave team, erin stakeholder; frank none) and a workflow without gates.
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Retro", /*open_workflow=*/true);
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
    // A story by the PO; returns its key.
    static std::string Story(const std::string& product,
                             const std::string& title,
                             double points,
                             json::array criteria = {}) {
        json::object body{{"type", "story"}, {"title", title}, {"points", points}};
        if (!criteria.empty()) {
            body["criteria"] = std::move(criteria);
        }
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
    static std::string NewSprint(const std::string& product,
                                 const std::string& team,
                                 const std::string& name,
                                 const std::string& start,
                                 const std::string& end) {
        const HttpResult r = client().Post("/api/v1/products/" + product + "/sprints",
                                           json::serialize(json::object{{"team_id", team},
                                                                        {"name", name},
                                                                        {"goal", "Goal " + name},
                                                                        {"start_date", start},
                                                                        {"end_date", end}}),
                                           Token("carol"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static void Plan(const std::string& sprint, std::vector<std::string> items) {
        json::array list;
        for (auto& i : items) {
            list.emplace_back(i);
        }
        const HttpResult r =
            client().Post("/api/v1/sprints/" + sprint + "/items",
                          json::serialize(json::object{{"items", std::move(list)}}),
                          Token("carol"));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static json::value Get(const std::string& path, const std::string& who = "bob") {
        const HttpResult r = client().Get(path, Token(who));
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return r.Json();
    }
    static HttpResult PatchWithIfMatch(const std::string& path,
                                       const std::string& body,
                                       const std::string& who,
                                       const std::string& if_match) {
        return client().Request("PATCH",
                                path,
                                body,
                                {{"Authorization", "Bearer " + Token(who)},
                                 {"Content-Type", "application/json"},
                                 {"If-Match", if_match}});
    }
    static HttpResult AddCard(const std::string& sprint,
                              const std::string& column,
                              const std::string& text,
                              const std::string& who) {
        return client().Post("/api/v1/sprints/" + sprint + "/retro/cards",
                             json::serialize(json::object{{"column", column}, {"text", text}}),
                             Token(who));
    }
    static HttpResult AddAction(const std::string& sprint,
                                json::object body,
                                const std::string& who = "carol") {
        return client().Post(
            "/api/v1/sprints/" + sprint + "/retro/actions", json::serialize(body), Token(who));
    }
    static std::vector<std::string> Texts(const json::array& list) {
        std::vector<std::string> out;
        for (const auto& x : list) {
            out.push_back(StrAt(x, {"text"}));
        }
        return out;
    }
    // (entity_type, action) pairs of the product's events.
    static std::vector<std::pair<std::string, std::string>> Events(const std::string& product) {
        const json::value h = Get("/api/v1/products/" + product + "/history?limit=200");
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& e : ArrAt(h, {"data"})) {
            out.emplace_back(StrAt(e, {"entity_type"}), StrAt(e, {"action"}));
        }
        return out;
    }
    static bool HasEvent(const std::vector<std::pair<std::string, std::string>>& events,
                         const std::string& type,
                         const std::string& action) {
        return std::find(events.begin(), events.end(), std::make_pair(type, action)) !=
               events.end();
    }

    static inline std::string eve_;
};

TEST_F(RetroTest, TheAgendaIsTheSprintsAcceptedItemsInRankOrder) {
    const std::string p = NewProduct("RVAG");
    const std::string team = NewTeam("Agenda team", p);
    const std::string a = Story(
        p,
        "Night mode preview",
        5,
        json::array{json::object{{"text", "Given dusk, the preview is readable"}, {"done", true}},
                    json::object{{"text", "Noise below 3%"}, {"done", true}}});
    const std::string b = Story(p, "Obstacle stop", 3);
    const std::string c = Story(p, "Photo/video switch", 2);
    const std::string d = Story(p, "Interval shooting", 8);
    const std::string outside = Story(p, "Done outside the sprint", 1);
    const std::string s = NewSprint(p, team, "Review 1", "2026-11-02", "2026-11-13");
    Plan(s, {a, b, c, d});
    ASSERT_EQ(client().Post("/api/v1/sprints/" + s + "/start", "", Token("carol")).status, 200);
    // a accepted by the PO, c moved to done; b and d stay open; `outside` is done but not in it.
    ASSERT_EQ(client().Post("/api/v1/items/" + a + "/accept", "", Token("bob")).status, 200);
    ASSERT_EQ(client().Patch("/api/v1/items/" + c, R"({"status":"done"})", Token("bob")).status,
              200);
    ASSERT_EQ(
        client().Patch("/api/v1/items/" + outside, R"({"status":"done"})", Token("bob")).status,
        200);
    // Rank: c above a.
    ASSERT_EQ(client()
                  .Post("/api/v1/items/" + c + "/move",
                        json::serialize(json::object{{"before", a}}),
                        Token("bob"))
                  .status,
              200);

    const HttpResult got = client().Get("/api/v1/sprints/" + s + "/review", Token("erin"));
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.Header("etag"), "\"0\"");
    const json::value review = got.Json();
    EXPECT_EQ(StrAt(review, {"sprint_id"}), s);
    EXPECT_EQ(StrAt(review, {"sprint", "name"}), "Review 1");
    EXPECT_EQ(StrAt(review, {"sprint", "goal"}), "Goal Review 1");
    EXPECT_EQ(StrAt(review, {"sprint", "status"}), "active");
    EXPECT_EQ(StrAt(review, {"sprint", "team", "name"}), "Agenda team");
    const json::array agenda = ArrAt(review, {"agenda"});
    ASSERT_EQ(agenda.size(), 2u) << got.body;
    EXPECT_EQ(StrAt(agenda[0], {"key"}), c);
    EXPECT_EQ(StrAt(agenda[1], {"key"}), a);
    EXPECT_EQ(Num(agenda[0], {"points"}), 2);
    EXPECT_EQ(Num(agenda[1], {"points"}), 5);
    EXPECT_EQ(StrAt(agenda[1], {"category"}), "done");
    EXPECT_EQ(StrAt(agenda[1], {"type"}), "story");
    EXPECT_EQ(StrAt(agenda[1], {"title"}), "Night mode preview");
    EXPECT_EQ(StrAt(agenda[1], {"accepted_by", "id"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(agenda[1], {"accepted_by", "name"}), "Bob Okafor");
    EXPECT_GT(IntAt(agenda[1], {"accepted_at"}), 0);
    const json::array criteria = ArrAt(agenda[1], {"criteria"});
    ASSERT_EQ(criteria.size(), 2u);
    EXPECT_EQ(StrAt(criteria[0], {"text"}), "Given dusk, the preview is readable");
    EXPECT_TRUE(IsTrue(criteria[0], {"done"}));
    EXPECT_TRUE(StrAt(criteria[0], {"id"}).starts_with("acc_"));
    EXPECT_TRUE(ArrAt(agenda[0], {"criteria"}).empty());
    EXPECT_EQ(Num(review, {"agenda_points"}), 7);
    EXPECT_EQ(StrAt(review, {"notes"}), "");
    EXPECT_EQ(IntAt(review, {"version"}), 0);
    EXPECT_TRUE(IsNull(review, {"updated_by"}));
    EXPECT_TRUE(IsNull(review, {"updated_at"}));
    EXPECT_TRUE(ArrAt(review, {"feedback"}).empty());

    // Every role on the product reads it; nobody else finds it.
    for (const std::string who : {"alice", "bob", "carol", "dave", "erin"}) {
        EXPECT_EQ(client().Get("/api/v1/sprints/" + s + "/review", Token(who)).status, 200) << who;
    }
    ExpectError(client().Get("/api/v1/sprints/" + s + "/review", Token("frank")), 404, "not_found");
    ExpectError(client().Get("/api/v1/sprints/spr_missing/review", Token("bob")), 404, "not_found");
}

TEST_F(RetroTest, ReviewNotesAreGuardedByIfMatch) {
    const std::string p = NewProduct("RVNT");
    const std::string team = NewTeam("Notes team", p);
    const std::string s = NewSprint(p, team, "Notes 1", "2026-11-02", "2026-11-13");
    const std::string path = "/api/v1/sprints/" + s + "/review";

    const HttpResult first =
        PatchWithIfMatch(path, R"({"notes":"## Demo\n\n- night mode"})", "bob", "\"0\"");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(IntAt(first.Json(), {"version"}), 1);
    EXPECT_EQ(first.Header("etag"), "\"1\"");
    EXPECT_EQ(StrAt(first.Json(), {"notes"}), "## Demo\n\n- night mode");
    EXPECT_EQ(StrAt(first.Json(), {"updated_by", "id"}), Ids().users.at("bob"));
    EXPECT_GT(IntAt(first.Json(), {"updated_at"}), 0);

    // A stale If-Match: 412 with the current review, and nothing written.
    const HttpResult stale = PatchWithIfMatch(path, R"({"notes":"lost"})", "carol", "\"0\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 1) << stale.body;
    EXPECT_EQ(StrAt(stale.Json(), {"current", "notes"}), "## Demo\n\n- night mode");
    EXPECT_EQ(StrAt(Get(path), {"notes"}), "## Demo\n\n- night mode");

    // The Scrum Master writes notes too; the same notes again change nothing.
    const HttpResult second =
        PatchWithIfMatch(path, R"({"notes":"## Demo\n\n- night mode\n- eco"})", "carol", "1");
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(IntAt(second.Json(), {"version"}), 2);
    EXPECT_EQ(StrAt(second.Json(), {"updated_by", "name"}), "Carol Jensen");
    const HttpResult same =
        client().Patch(path, R"({"notes":"## Demo\n\n- night mode\n- eco"})", Token("bob"));
    ASSERT_EQ(same.status, 200) << same.body;
    EXPECT_EQ(IntAt(same.Json(), {"version"}), 2);

    // Checked field by field; only the PO and the SM write notes, whatever the body holds.
    ExpectInvalid(client().Patch(path, "{}", Token("bob")), {"notes"});
    ExpectInvalid(client().Patch(path, R"({"notes":3})", Token("bob")), {"notes"});
    ExpectInvalid(client().Patch(path, R"({"notes":"x","extra":1})", Token("bob")), {"extra"});
    ExpectInvalid(
        client().Patch(
            path, json::serialize(json::object{{"notes", std::string(50'001, 'n')}}), Token("bob")),
        {"notes"});
    ExpectError(
        PatchWithIfMatch(path, R"({"notes":"x"})", "bob", "\"abc\""), 400, "validation_failed");
    for (const std::string who : {"alice", "dave", "erin"}) {
        ExpectError(client().Patch(path, R"({"notes":"mine"})", Token(who)), 403, "forbidden");
        ExpectError(client().Patch(path, "{}", Token(who)), 403, "forbidden");
    }
    ExpectError(client().Patch(path, R"({"notes":"mine"})", Token("frank")), 404, "not_found");
    EXPECT_EQ(IntAt(Get(path), {"version"}), 2);

    const auto events = Events(p);
    int notes_events = 0;
    for (const auto& [type, action] : events) {
        notes_events += type == "review" && action == "notes_updated" ? 1 : 0;
    }
    EXPECT_EQ(notes_events, 2);
}

TEST_F(RetroTest, FeedbackIsDeletedByItsAuthorOrTheProductOwnerOnly) {
    const std::string p = NewProduct("RVFB");
    const std::string other = NewProduct("RVFO");
    const std::string team = NewTeam("Feedback team", p);
    const std::string a = Story(p, "Night mode preview", 5);
    const std::string b = Story(p, "Obstacle stop", 3);
    const std::string foreign = Story(other, "Another product's story", 1);
    const std::string s = NewSprint(p, team, "Feedback 1", "2026-11-02", "2026-11-13");
    const std::string feedback = "/api/v1/sprints/" + s + "/review/feedback";
    const std::string b_id = StrAt(Get("/api/v1/items/" + b), {"id"});

    const HttpResult erin =
        client().Post(feedback,
                      json::serialize(json::object{
                          {"text", "Our inspectors need this at dusk"},
                          {"from", "Acme Logistics"},
                          {"sentiment", "positive"},
                          {"item_ids", json::array{a.c_str(), b_id.c_str(), a.c_str()}}}),
                      Token("erin"));
    ASSERT_EQ(erin.status, 201) << erin.body;
    const json::value fe = erin.Json();
    EXPECT_TRUE(StrAt(fe, {"id"}).starts_with("rfb_"));
    EXPECT_EQ(StrAt(fe, {"sprint_id"}), s);
    EXPECT_EQ(StrAt(fe, {"from"}), "Acme Logistics");
    EXPECT_EQ(StrAt(fe, {"sentiment"}), "positive");
    EXPECT_EQ(StrAt(fe, {"author", "id"}), Ids().users.at("erin"));
    EXPECT_GT(IntAt(fe, {"created_at"}), 0);
    const json::array linked = ArrAt(fe, {"items"});
    ASSERT_EQ(linked.size(), 2u) << erin.body;  // a named twice counts once
    EXPECT_EQ(StrAt(linked[0], {"key"}), a);
    EXPECT_EQ(StrAt(linked[1], {"key"}), b);
    EXPECT_EQ(ArrAt(fe, {"item_ids"}).size(), 2u);
    // The PM's, neutral by default; the executive's has no role here (404); frank none.
    const HttpResult alice =
        client().Post(feedback, R"({"text":"Price it for fleets"})", Token("alice"));
    ASSERT_EQ(alice.status, 201) << alice.body;
    EXPECT_EQ(StrAt(alice.Json(), {"sentiment"}), "neutral");
    EXPECT_EQ(StrAt(alice.Json(), {"from"}), "");
    const HttpResult dave =
        client().Post(feedback, R"({"text":"Noted","sentiment":"negative"})", Token("dave"));
    ASSERT_EQ(dave.status, 201) << dave.body;
    ExpectError(client().Post(feedback, R"({"text":"x"})", Token("frank")), 404, "not_found");

    // Checked field by field.
    ExpectInvalid(client().Post(feedback, "{}", Token("erin")), {"text"});
    ExpectInvalid(client().Post(feedback, R"({"text":"   "})", Token("erin")), {"text"});
    ExpectInvalid(client().Post(feedback, R"({"text":"x","sentiment":"angry"})", Token("erin")),
                  {"sentiment"});
    ExpectInvalid(
        client().Post(
            feedback,
            json::serialize(json::object{
                {"text", "x"}, {"item_ids", json::array{a.c_str(), foreign.c_str(), "NOPE-1"}}}),
            Token("erin")),
        {"item_ids.1", "item_ids.2"});
    ExpectInvalid(
        client().Post(feedback,
                      json::serialize(json::object{{"text", "x"}, {"from", std::string(201, 'f')}}),
                      Token("erin")),
        {"from"});
    ExpectInvalid(client().Post(feedback, R"({"text":"x","mood":"good"})", Token("erin")),
                  {"mood"});

    // Newest first in the review.
    const json::array listed = ArrAt(Get("/api/v1/sprints/" + s + "/review"), {"feedback"});
    EXPECT_EQ(Texts(listed),
              (std::vector<std::string>{
                  "Noted", "Price it for fleets", "Our inspectors need this at dusk"}));

    // Deleting: not the Scrum Master, another team member or another stakeholder; the author
    // and the PO do.
    const std::string erin_path = "/api/v1/review-feedback/" + StrAt(fe, {"id"});
    const std::string alice_path = "/api/v1/review-feedback/" + StrAt(alice.Json(), {"id"});
    for (const std::string who : {"carol", "dave", "alice"}) {
        ExpectError(client().Delete(erin_path, Token(who)), 403, "forbidden");
    }
    ExpectError(client().Delete(erin_path, Token("frank")), 404, "not_found");
    ExpectError(client().Delete(erin_path, eve_), 404, "not_found");
    EXPECT_EQ(client().Delete(erin_path, Token("erin")).status, 204);
    ExpectError(client().Delete(erin_path, Token("erin")), 404, "not_found");
    EXPECT_EQ(client().Delete(alice_path, Token("bob")).status, 204);
    EXPECT_EQ(Texts(ArrAt(Get("/api/v1/sprints/" + s + "/review"), {"feedback"})),
              (std::vector<std::string>{"Noted"}));

    const auto events = Events(p);
    EXPECT_TRUE(HasEvent(events, "review", "feedback_added"));
    EXPECT_TRUE(HasEvent(events, "review", "feedback_deleted"));
}

TEST_F(RetroTest, CardsTakeTextsInThreeColumnsAndVotesToggle) {
    const std::string p = NewProduct("RTCD");
    const std::string team = NewTeam("Cards team", p);
    const std::string s = NewSprint(p, team, "Cards 1", "2026-11-02", "2026-11-13");
    const std::string retro = "/api/v1/sprints/" + s + "/retro";

    const HttpResult well = AddCard(s, "went_well", "Pairing on the gimbal driver", "dave");
    ASSERT_EQ(well.status, 201) << well.body;
    const std::string card = StrAt(well.Json(), {"id"});
    EXPECT_TRUE(card.starts_with("rcd_"));
    EXPECT_EQ(StrAt(well.Json(), {"column"}), "went_well");
    EXPECT_EQ(StrAt(well.Json(), {"author", "id"}), Ids().users.at("dave"));
    EXPECT_EQ(IntAt(well.Json(), {"votes"}), 0);
    EXPECT_EQ(well.Header("etag"), "\"1\"");
    const HttpResult improve = AddCard(s, "to_improve", "Flaky HIL rig", "carol");
    ASSERT_EQ(improve.status, 201) << improve.body;
    const HttpResult act = AddCard(s, "action", "Book the wind tunnel early", "bob");
    ASSERT_EQ(act.status, 201) << act.body;

    // Checked field by field; stakeholders, the PM and executives hold no retrospective.
    ExpectInvalid(AddCard(s, "went well", "x", "dave"), {"column"});
    ExpectInvalid(client().Post(retro + "/cards", R"({"text":"x"})", Token("dave")), {"column"});
    ExpectInvalid(AddCard(s, "went_well", "  ", "dave"), {"text"});
    ExpectInvalid(AddCard(s, "went_well", std::string(2'001, 't'), "dave"), {"text"});
    ExpectInvalid(client().Post(retro + "/cards", R"({"column":"action"})", Token("dave")),
                  {"text"});
    for (const std::string who : {"alice", "erin"}) {
        ExpectError(AddCard(s, "went_well", "x", who), 403, "forbidden");
        ExpectError(client().Post("/api/v1/retro-cards/" + card + "/vote", "", Token(who)),
                    403,
                    "forbidden");
    }
    ExpectError(AddCard(s, "went_well", "x", "frank"), 404, "not_found");

    // Votes toggle: dave, carol; dave again takes his back.
    const std::string vote = "/api/v1/retro-cards/" + card + "/vote";
    const HttpResult v1 = client().Post(vote, "", Token("dave"));
    ASSERT_EQ(v1.status, 200) << v1.body;
    EXPECT_EQ(IntAt(v1.Json(), {"votes"}), 1);
    EXPECT_TRUE(IsTrue(v1.Json(), {"voted"}));
    const HttpResult v2 = client().Post(vote, "", Token("carol"));
    EXPECT_EQ(IntAt(v2.Json(), {"votes"}), 2);
    const json::value as_dave = Get(retro, "dave");
    const json::array well_cards = ArrAt(as_dave, {"cards", "went_well"});
    ASSERT_EQ(well_cards.size(), 1u);
    EXPECT_EQ(IntAt(well_cards[0], {"votes"}), 2);
    EXPECT_TRUE(IsTrue(well_cards[0], {"voted"}));
    EXPECT_EQ(Texts(ArrAt(as_dave, {"cards", "to_improve"})),
              (std::vector<std::string>{"Flaky HIL rig"}));
    EXPECT_EQ(Texts(ArrAt(as_dave, {"cards", "action"})),
              (std::vector<std::string>{"Book the wind tunnel early"}));
    const json::array as_erin = ArrAt(Get(retro, "erin"), {"cards", "went_well"});
    EXPECT_EQ(IntAt(as_erin[0], {"votes"}), 2);
    EXPECT_FALSE(IsTrue(as_erin[0], {"voted"}));
    const HttpResult v3 = client().Post(vote, "", Token("dave"));
    EXPECT_EQ(IntAt(v3.Json(), {"votes"}), 1);
    EXPECT_FALSE(IsTrue(v3.Json(), {"voted"}));
    EXPECT_EQ(IntAt(ArrAt(Get(retro, "carol"), {"cards", "went_well"})[0], {"votes"}), 1);

    // Only the author edits; a stale If-Match is 412 with the current card.
    const std::string path = "/api/v1/retro-cards/" + card;
    ExpectError(client().Patch(path, R"({"text":"mine now"})", Token("carol")), 403, "forbidden");
    ExpectError(client().Patch(path, R"({"text":"mine now"})", Token("bob")), 403, "forbidden");
    const HttpResult edited = PatchWithIfMatch(
        path,
        R"({"text":"Pairing on the gimbal driver paid off","column":"to_improve"})",
        "dave",
        "\"1\"");
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(IntAt(edited.Json(), {"version"}), 2);
    EXPECT_EQ(StrAt(edited.Json(), {"column"}), "to_improve");
    EXPECT_EQ(IntAt(edited.Json(), {"votes"}), 1) << "votes stay with the card";
    const HttpResult stale = PatchWithIfMatch(path, R"({"text":"lost"})", "dave", "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2);
    EXPECT_EQ(StrAt(stale.Json(), {"current", "text"}), "Pairing on the gimbal driver paid off");
    ExpectInvalid(client().Patch(path, R"({"text":""})", Token("dave")), {"text"});
    ExpectInvalid(client().Patch(path, R"({"column":"later"})", Token("dave")), {"column"});

    // Deleting: the author, the PO or the Scrum Master; not another team member.
    const std::string bob_card = "/api/v1/retro-cards/" + StrAt(act.Json(), {"id"});
    const std::string carol_card = "/api/v1/retro-cards/" + StrAt(improve.Json(), {"id"});
    ExpectError(client().Delete(bob_card, Token("dave")), 403, "forbidden");
    ExpectError(client().Delete(bob_card, Token("erin")), 403, "forbidden");
    ExpectError(client().Delete(bob_card, Token("frank")), 404, "not_found");
    EXPECT_EQ(client().Delete(bob_card, Token("carol")).status, 204);  // the Scrum Master
    EXPECT_EQ(client().Delete(carol_card, Token("bob")).status, 204);  // the Product Owner
    EXPECT_EQ(client().Delete(path, Token("dave")).status, 204);       // its author
    ExpectError(client().Delete(path, Token("dave")), 404, "not_found");
    ExpectError(client().Post(vote, "", Token("dave")), 404, "not_found");
    const json::value empty = Get(retro);
    for (const char* column : {"went_well", "to_improve", "action"}) {
        EXPECT_TRUE(ArrAt(empty, {"cards", column}).empty()) << column;
    }

    const auto events = Events(p);
    for (const char* action : {"created", "updated", "deleted", "voted"}) {
        EXPECT_TRUE(HasEvent(events, "retro_card", action)) << action;
    }
}

TEST_F(RetroTest, ActionsAreCarriedToTheTeamsLaterRetrospectivesUntilDone) {
    const std::string p = NewProduct("RTAC");
    const std::string team = NewTeam("Carry team", p);
    const std::string other_team = NewTeam("Other team", p);
    const std::string s1 = NewSprint(p, team, "Carry 1", "2026-11-02", "2026-11-13");
    const std::string s2 = NewSprint(p, team, "Carry 2", "2026-11-16", "2026-11-27");
    const std::string s3 = NewSprint(p, team, "Carry 3", "2026-11-30", "2026-12-11");
    const std::string elsewhere = NewSprint(p, other_team, "Other 1", "2026-10-05", "2026-10-16");
    const std::string dave_id = Ids().users.at("dave");

    const HttpResult card = AddCard(s1, "action", "Wind tunnel slots run out", "dave");
    ASSERT_EQ(card.status, 201) << card.body;
    const std::string card_id = StrAt(card.Json(), {"id"});
    const HttpResult a1 = AddAction(s1,
                                    {{"text", "Book the wind tunnel a week ahead"},
                                     {"owner_id", dave_id},
                                     {"card_id", card_id}});
    ASSERT_EQ(a1.status, 201) << a1.body;
    const json::value a1j = a1.Json();
    EXPECT_TRUE(StrAt(a1j, {"id"}).starts_with("rac_"));
    EXPECT_EQ(StrAt(a1j, {"sprint_id"}), s1);
    EXPECT_EQ(StrAt(a1j, {"sprint", "name"}), "Carry 1");
    EXPECT_EQ(StrAt(a1j, {"team_id"}), team);
    EXPECT_EQ(StrAt(a1j, {"owner", "id"}), dave_id);
    EXPECT_EQ(StrAt(a1j, {"owner", "name"}), "Dave Kim");
    EXPECT_EQ(StrAt(a1j, {"card_id"}), card_id);
    EXPECT_FALSE(IsTrue(a1j, {"done"}));
    EXPECT_TRUE(IsNull(a1j, {"done_at"}));
    EXPECT_TRUE(IsNull(a1j, {"carried_from"}));
    EXPECT_EQ(StrAt(a1j, {"created_by", "id"}), Ids().users.at("carol"));
    const std::string a1_id = StrAt(a1j, {"id"});
    const HttpResult a2 = AddAction(s1, {{"text", "Pin the HIL rig's firmware"}}, "dave");
    ASSERT_EQ(a2.status, 201) << a2.body;
    EXPECT_TRUE(IsNull(a2.Json(), {"owner"}));
    EXPECT_TRUE(IsNull(a2.Json(), {"card_id"}));
    const std::string a2_id = StrAt(a2.Json(), {"id"});
    // Another team's action on the same product is never carried to this team.
    ASSERT_EQ(AddAction(elsewhere, {{"text", "Other team's action"}}).status, 201);

    // Sprint 2 carries both, marked with where they came from.
    const json::value r2 = Get("/api/v1/sprints/" + s2 + "/retro", "erin");
    const json::array carried = ArrAt(r2, {"actions"});
    ASSERT_EQ(carried.size(), 2u) << json::serialize(r2);
    EXPECT_EQ(StrAt(carried[0], {"id"}), a1_id);
    EXPECT_EQ(StrAt(carried[1], {"id"}), a2_id);
    EXPECT_EQ(StrAt(carried[0], {"carried_from", "id"}), s1);
    EXPECT_EQ(StrAt(carried[0], {"carried_from", "name"}), "Carry 1");
    const HttpResult a3 = AddAction(s2, {{"text", "Demo on hardware, not the simulator"}}, "bob");
    ASSERT_EQ(a3.status, 201) << a3.body;
    const std::string a3_id = StrAt(a3.Json(), {"id"});
    EXPECT_EQ(Texts(ArrAt(Get("/api/v1/sprints/" + s2 + "/retro"), {"actions"})),
              (std::vector<std::string>{"Demo on hardware, not the simulator",
                                        "Book the wind tunnel a week ahead",
                                        "Pin the HIL rig's firmware"}));
    // Sprint 1's own actions are not carried there; sprint 3 carries s1's then s2's.
    const json::array r1 = ArrAt(Get("/api/v1/sprints/" + s1 + "/retro"), {"actions"});
    ASSERT_EQ(r1.size(), 2u);
    EXPECT_TRUE(IsNull(r1[0], {"carried_from"}));
    std::vector<std::string> ids3;
    for (const auto& a : ArrAt(Get("/api/v1/sprints/" + s3 + "/retro"), {"actions"})) {
        ids3.push_back(StrAt(a, {"id"}));
    }
    EXPECT_EQ(ids3, (std::vector<std::string>{a1_id, a2_id, a3_id}));

    // Done: gone from later retrospectives, still on its own.
    const std::string a1_path = "/api/v1/retro-actions/" + a1_id;
    const HttpResult done = PatchWithIfMatch(a1_path, R"({"done":true})", "dave", "1");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_TRUE(IsTrue(done.Json(), {"done"}));
    EXPECT_GT(IntAt(done.Json(), {"done_at"}), 0);
    EXPECT_EQ(StrAt(done.Json(), {"done_by", "id"}), dave_id);
    EXPECT_EQ(IntAt(done.Json(), {"version"}), 2);
    EXPECT_EQ(done.Header("etag"), "\"2\"");
    std::vector<std::string> ids2;
    for (const auto& a : ArrAt(Get("/api/v1/sprints/" + s2 + "/retro"), {"actions"})) {
        ids2.push_back(StrAt(a, {"id"}));
    }
    EXPECT_EQ(ids2, (std::vector<std::string>{a3_id, a2_id}));
    ids3.clear();
    for (const auto& a : ArrAt(Get("/api/v1/sprints/" + s3 + "/retro"), {"actions"})) {
        ids3.push_back(StrAt(a, {"id"}));
    }
    EXPECT_EQ(ids3, (std::vector<std::string>{a2_id, a3_id}));
    const json::array own = ArrAt(Get("/api/v1/sprints/" + s1 + "/retro"), {"actions"});
    ASSERT_EQ(own.size(), 2u);
    EXPECT_TRUE(IsTrue(own[0], {"done"}));

    // A stale If-Match is 412 with the current action.
    const HttpResult stale = PatchWithIfMatch(a1_path, R"({"text":"lost"})", "dave", "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2);
    EXPECT_TRUE(IsTrue(stale.Json(), {"current", "done"}));

    // Made not done, it is carried again; done in a later retrospective, it is gone everywhere.
    const HttpResult reopened = client().Patch(a1_path, R"({"done":false})", Token("carol"));
    ASSERT_EQ(reopened.status, 200) << reopened.body;
    EXPECT_TRUE(IsNull(reopened.Json(), {"done_at"}));
    EXPECT_TRUE(IsNull(reopened.Json(), {"done_by"}));
    EXPECT_EQ(ArrAt(Get("/api/v1/sprints/" + s3 + "/retro"), {"actions"}).size(), 3u);
    for (const std::string& id : {a1_id, a2_id, a3_id}) {
        ASSERT_EQ(
            client().Patch("/api/v1/retro-actions/" + id, R"({"done":true})", Token("bob")).status,
            200);
    }
    EXPECT_TRUE(ArrAt(Get("/api/v1/sprints/" + s3 + "/retro"), {"actions"}).empty());
    EXPECT_EQ(ArrAt(Get("/api/v1/sprints/" + s2 + "/retro"), {"actions"}).size(), 1u);

    // Text and owner change; owner null clears it.
    const HttpResult renamed = client().Patch(
        a1_path, R"({"text":"Book the tunnel two weeks ahead","owner_id":null})", Token("dave"));
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_TRUE(IsNull(renamed.Json(), {"owner"}));
    EXPECT_EQ(StrAt(renamed.Json(), {"text"}), "Book the tunnel two weeks ahead");

    const auto events = Events(p);
    EXPECT_TRUE(HasEvent(events, "retro_action", "created"));
    EXPECT_TRUE(HasEvent(events, "retro_action", "updated"));
}

TEST_F(RetroTest, ActionFieldsAreChecked) {
    const std::string p = NewProduct("RTAV");
    const std::string team = NewTeam("Check team", p);
    const std::string s1 = NewSprint(p, team, "Check 1", "2026-11-02", "2026-11-13");
    const std::string s2 = NewSprint(p, team, "Check 2", "2026-11-16", "2026-11-27");
    const HttpResult other_card = AddCard(s2, "action", "Another retrospective's card", "dave");
    ASSERT_EQ(other_card.status, 201);
    const std::string other_id = StrAt(other_card.Json(), {"id"});

    ExpectInvalid(AddAction(s1, {}), {"text"});
    ExpectInvalid(AddAction(s1, {{"text", " \n "}}), {"text"});
    ExpectInvalid(AddAction(s1, {{"text", std::string(2'001, 'a')}}), {"text"});
    // The owner holds a role on the product: frank holds none, the admin none, nobody by that id.
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"owner_id", Ids().users.at("frank")}}),
                  {"owner_id"});
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"owner_id", Ids().users.at("admin")}}),
                  {"owner_id"});
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"owner_id", "usr_nobody"}}), {"owner_id"});
    // The card is one of this retrospective's.
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"card_id", other_id}}), {"card_id"});
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"card_id", "rcd_missing"}}), {"card_id"});
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"done", true}}), {"done"});
    ExpectInvalid(AddAction(s1, {{"text", "x"}, {"owner_id", 3}}), {"owner_id"});
    // All at once.
    ExpectInvalid(
        AddAction(s1, {{"text", ""}, {"owner_id", Ids().users.at("frank")}, {"card_id", other_id}}),
        {"text", "owner_id", "card_id"});
    // The stakeholder (erin) holds a role: she may own an action.
    const HttpResult ok =
        AddAction(s1, {{"text", "Share the demo video"}, {"owner_id", Ids().users.at("erin")}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    const std::string path = "/api/v1/retro-actions/" + StrAt(ok.Json(), {"id"});
    ExpectInvalid(client().Patch(path, R"({"done":"yes"})", Token("dave")), {"done"});
    ExpectInvalid(client().Patch(path, R"({"text":""})", Token("dave")), {"text"});
    ExpectInvalid(
        client().Patch(path,
                       json::serialize(json::object{{"owner_id", Ids().users.at("frank")}}),
                       Token("dave")),
        {"owner_id"});
    ExpectInvalid(client().Patch(path, R"({"card_id":null})", Token("dave")), {"card_id"});
    // Roles: the PM and stakeholders may not; frank finds nothing.
    for (const std::string who : {"alice", "erin"}) {
        ExpectError(AddAction(s1, {{"text", "x"}}, who), 403, "forbidden");
        ExpectError(AddAction(s1, {}, who), 403, "forbidden");
        ExpectError(client().Patch(path, R"({"done":true})", Token(who)), 403, "forbidden");
    }
    ExpectError(AddAction(s1, {{"text", "x"}}, "frank"), 404, "not_found");
    ExpectError(client().Patch(path, R"({"done":true})", Token("frank")), 404, "not_found");
}

// Who may do what, per endpoint, as docs/delivery.md's table says: reading for every role on
// the product; notes for the PO and the SM; feedback for everyone; cards, votes and actions for
// the PO, the SM and the team. A refusal is 403 whatever the body holds.
TEST_F(RetroTest, EveryEndpointAnswersAsTheRoleTableSays) {
    const std::string p = NewProduct("RTRL");
    const std::string team = NewTeam("Roles team", p);
    const std::string s = NewSprint(p, team, "Roles 1", "2026-11-02", "2026-11-13");
    const std::string card = StrAt(AddCard(s, "went_well", "Card", "carol").Json(), {"id"});
    const std::string action = StrAt(AddAction(s, {{"text", "Action"}}).Json(), {"id"});
    struct Endpoint {
        std::string method;
        std::string path;
        std::string body;     // a valid body: allowed callers succeed
        std::string allowed;  // handles, in kDemoHandles order: a b c d e f (admin reads only)
    };
    const std::string sp = "/api/v1/sprints/" + s;
    const std::vector<Endpoint> endpoints = {
        {"GET", sp + "/review", "", "abcde"},
        {"PATCH", sp + "/review", R"({"notes":"n"})", "bc"},
        {"POST", sp + "/review/feedback", R"({"text":"t"})", "abcde"},
        {"GET", sp + "/retro", "", "abcde"},
        {"POST", sp + "/retro/cards", R"({"column":"went_well","text":"t"})", "bcd"},
        {"POST", "/api/v1/retro-cards/" + card + "/vote", "", "bcd"},
        {"POST", sp + "/retro/actions", R"({"text":"t"})", "bcd"},
        {"PATCH", "/api/v1/retro-actions/" + action, R"({"text":"t2"})", "bcd"},
    };
    const std::map<std::string, char> letter = {
        {"alice", 'a'}, {"bob", 'b'}, {"carol", 'c'}, {"dave", 'd'}, {"erin", 'e'}};
    for (const auto& e : endpoints) {
        for (const std::string who : {"alice", "bob", "carol", "dave", "erin", "frank", "admin"}) {
            SCOPED_TRACE(who + " " + e.method + " " + e.path);
            std::vector<std::pair<std::string, std::string>> headers = {
                {"Authorization", "Bearer " + Token(who)}};
            if (!e.body.empty()) {
                headers.emplace_back("Content-Type", "application/json");
            }
            const HttpResult r = client().Request(e.method, e.path, e.body, headers);
            const bool has_role = letter.count(who) > 0;
            const bool allowed = has_role && e.allowed.find(letter.at(who)) != std::string::npos;
            if (allowed) {
                EXPECT_GE(r.status, 200) << r.body;
                EXPECT_LT(r.status, 300) << r.body;
            } else if (who == "frank") {
                ExpectError(r, 404, "not_found");  // no role on the product
            } else if (who == "admin" && e.method == "GET") {
                EXPECT_EQ(r.status, 200) << r.body;  // the admin reads any product
            } else {
                ExpectError(r, 403, "forbidden");
                if (e.method != "GET") {
                    ExpectError(client().Request(e.method, e.path, R"({"bad":1})", headers),
                                403,
                                "forbidden");
                }
            }
        }
    }
}

TEST_F(RetroTest, ReviewsAndRetrospectivesOfAnotherProductOrWorkspaceAreNotFound) {
    const std::string p = NewProduct("RTNF");
    const std::string team = NewTeam("Hidden team", p);
    const std::string s = NewSprint(p, team, "Hidden 1", "2026-11-02", "2026-11-13");
    const std::string card = StrAt(AddCard(s, "went_well", "Card", "carol").Json(), {"id"});
    const std::string action = StrAt(AddAction(s, {{"text", "Action"}}).Json(), {"id"});
    const std::string feedback = StrAt(
        client()
            .Post("/api/v1/sprints/" + s + "/review/feedback", R"({"text":"t"})", Token("bob"))
            .Json(),
        {"id"});
    const std::string sp = "/api/v1/sprints/" + s;
    const std::vector<std::pair<std::string, std::string>> calls = {
        {"GET", sp + "/review"},
        {"PATCH", sp + "/review"},
        {"POST", sp + "/review/feedback"},
        {"DELETE", "/api/v1/review-feedback/" + feedback},
        {"GET", sp + "/retro"},
        {"POST", sp + "/retro/cards"},
        {"PATCH", "/api/v1/retro-cards/" + card},
        {"DELETE", "/api/v1/retro-cards/" + card},
        {"POST", "/api/v1/retro-cards/" + card + "/vote"},
        {"POST", sp + "/retro/actions"},
        {"PATCH", "/api/v1/retro-actions/" + action},
    };
    for (const auto& [method, path] : calls) {
        SCOPED_TRACE(method + " " + path);
        const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
        // frank holds no role on the product; eve is of another workspace (and its admin).
        for (const std::string& token : {Token("frank"), eve_}) {
            std::vector<std::pair<std::string, std::string>> headers = {
                {"Authorization", "Bearer " + token}};
            if (!body.empty()) {
                headers.emplace_back("Content-Type", "application/json");
            }
            ExpectError(client().Request(method, path, body, headers), 404, "not_found");
        }
    }
    // Missing ones are 404 for everyone.
    ExpectError(client().Get("/api/v1/sprints/spr_missing/retro", Token("bob")), 404, "not_found");
    ExpectError(client().Patch("/api/v1/retro-cards/rcd_missing", R"({"text":"x"})", Token("dave")),
                404,
                "not_found");
    ExpectError(
        client().Patch("/api/v1/retro-actions/rac_missing", R"({"text":"x"})", Token("dave")),
        404,
        "not_found");
    ExpectError(
        client().Delete("/api/v1/review-feedback/rfb_missing", Token("bob")), 404, "not_found");
    // Nothing changed.
    const json::value retro = Get(sp + "/retro");
    EXPECT_EQ(ArrAt(retro, {"cards", "went_well"}).size(), 1u);
    EXPECT_EQ(IntAt(ArrAt(retro, {"cards", "went_well"})[0], {"votes"}), 0);
    EXPECT_EQ(ArrAt(Get(sp + "/review"), {"feedback"}).size(), 1u);
}

TEST_F(RetroTest, DeletingAPlannedSprintTakesItsReviewAndRetrospective) {
    const std::string p = NewProduct("RTDL");
    const std::string team = NewTeam("Delete team", p);
    const std::string s = NewSprint(p, team, "Doomed", "2026-11-02", "2026-11-13");
    ASSERT_EQ(AddCard(s, "went_well", "Card", "dave").status, 201);
    ASSERT_EQ(AddAction(s, {{"text", "Action"}}).status, 201);
    ASSERT_EQ(
        client()
            .Post("/api/v1/sprints/" + s + "/review/feedback", R"({"text":"t"})", Token("erin"))
            .status,
        201);
    ASSERT_EQ(
        client().Patch("/api/v1/sprints/" + s + "/review", R"({"notes":"n"})", Token("bob")).status,
        200);
    ASSERT_EQ(client().Delete("/api/v1/sprints/" + s, Token("carol")).status, 204);
    ExpectError(client().Get("/api/v1/sprints/" + s + "/retro", Token("bob")), 404, "not_found");
    ExpectError(client().Get("/api/v1/sprints/" + s + "/review", Token("bob")), 404, "not_found");
}

}  // namespace
}  // namespace tl::test
