// Working together on backlog items against the real server: comments with @mentions, the
// inbox, watchers, planning poker with hidden votes, saved views and full-text search.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

struct NewItem {
    std::string id;
    std::string key;
};

class CollabTest : public DemoSuite<CollabTest> {
protected:
    // A story in `product`, created by `handle`; `extra` holds more fields of the body.
    static NewItem CreateItem(const std::string& product,
                              const std::string& handle,
                              const std::string& title,
                              json::object extra = {}) {
        json::object body = std::move(extra);
        body["type"] = "story";
        body["title"] = title;
        const HttpResult r = client().Post(
            "/api/v1/products/" + product + "/items", json::serialize(body), Token(handle));
        EXPECT_EQ(r.status, 201) << r.body;
        return {StrAt(r.Json(), {"id"}), StrAt(r.Json(), {"key"})};
    }

    static HttpResult Comment(const NewItem& item,
                              const std::string& handle,
                              const std::string& text) {
        return client().Post("/api/v1/items/" + item.id + "/comments",
                             json::serialize(json::object{{"body", text}}),
                             Token(handle));
    }

    // The user's inbox entries about `comment_id`.
    static std::vector<json::value> EntriesFor(const std::string& handle,
                                               const std::string& comment_id) {
        const HttpResult r = client().Get("/api/v1/inbox?limit=200", Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<json::value> out;
        for (const auto& e : ArrAt(r.Json(), {"data"})) {
            if (StrAt(e, {"comment_id"}) == comment_id) {
                out.push_back(e);
            }
        }
        return out;
    }

    static std::int64_t Unread(const std::string& handle) {
        const HttpResult r = client().Get("/api/v1/inbox?limit=1", Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        return IntAt(r.Json(), {"unread"});
    }

    // The product's history events about one item, newest first.
    static std::vector<json::value> ItemEvents(const std::string& product,
                                               const std::string& item_id,
                                               const std::string& handle) {
        const HttpResult r =
            client().Get("/api/v1/products/" + product + "/history?limit=200", Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<json::value> out;
        for (const auto& e : ArrAt(r.Json(), {"data"})) {
            if (StrAt(e, {"entity_id"}) == item_id) {
                out.push_back(e);
            }
        }
        return out;
    }

    static double NumberAt(const json::value& v, std::initializer_list<std::string_view> path) {
        const json::value* p = At(v, path);
        return p != nullptr && p->is_number() ? p->to_number<double>() : -1;
    }

    static json::value Vote(const std::string& round, const std::string& handle, std::string body) {
        const HttpResult r = client().Post("/api/v1/poker/" + round + "/vote", body, Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.Json() : json::value(nullptr);
    }
};

// ---- comments, mentions, inbox ----------------------------------------------------------

TEST_F(CollabTest, MentionReachesTheMentionedUsersInboxOnlyNotTheAuthors) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Gimbal calibration drift");
    const HttpResult posted = Comment(item,
                                      "bob",
                                      "@dave can you check this? cc @carol@skylift.example, "
                                      "@bob, @admin and @olivia.");
    ASSERT_EQ(posted.status, 201) << posted.body;
    const json::value c = posted.Json();
    const std::string comment_id = StrAt(c, {"id"});
    EXPECT_EQ(StrAt(c, {"author", "id"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(c, {"author", "name"}), "Bob Okafor");
    std::vector<std::string> mentioned;
    for (const auto& m : ArrAt(c, {"mentions"})) {
        mentioned.push_back(StrAt(m, {"id"}));
    }
    // dave by the local part, carol by the full address; admin holds no role on X2.
    EXPECT_TRUE(Has(mentioned, Ids().users.at("dave"))) << posted.body;
    EXPECT_TRUE(Has(mentioned, Ids().users.at("carol"))) << posted.body;
    EXPECT_FALSE(Has(mentioned, Ids().users.at("admin"))) << posted.body;

    const auto dave = EntriesFor("dave", comment_id);
    ASSERT_EQ(dave.size(), 1u);
    EXPECT_EQ(StrAt(dave[0], {"kind"}), "mention");
    EXPECT_EQ(StrAt(dave[0], {"item", "id"}), item.id);
    EXPECT_EQ(StrAt(dave[0], {"item", "key"}), item.key);
    EXPECT_EQ(StrAt(dave[0], {"item", "title"}), "Gimbal calibration drift");
    EXPECT_EQ(StrAt(dave[0], {"product_id"}), Ids().x2);
    EXPECT_EQ(StrAt(dave[0], {"actor", "id"}), Ids().users.at("bob"));
    EXPECT_EQ(
        StrAt(dave[0], {"summary"}).rfind("Bob Okafor mentioned you on " + item.key + ": ", 0), 0u)
        << StrAt(dave[0], {"summary"});
    const json::value* read_at = At(dave[0], {"read_at"});
    EXPECT_TRUE(read_at != nullptr && read_at->is_null());
    EXPECT_EQ(EntriesFor("carol", comment_id).size(), 1u);
    EXPECT_TRUE(EntriesFor("bob", comment_id).empty());    // the author
    EXPECT_TRUE(EntriesFor("erin", comment_id).empty());   // not mentioned
    EXPECT_TRUE(EntriesFor("admin", comment_id).empty());  // no role on the product

    // The comment is listed with the item, and the item's history has it.
    const HttpResult list = client().Get("/api/v1/items/" + item.id + "/comments", Token("erin"));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(ArrAt(list.Json(), {"data"}).size(), 1u);
    bool commented = false;
    for (const auto& e : ItemEvents(Ids().x2, item.id, "erin")) {
        commented = commented || StrAt(e, {"action"}) == "commented";
    }
    EXPECT_TRUE(commented);
}

TEST_F(CollabTest, UnreadCountsAndReadMarksAreEachUsersOwn) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Battery swap latch");
    ASSERT_EQ(client().Post("/api/v1/inbox/read-all", "", Token("frank")).status, 200);
    ASSERT_EQ(Unread("frank"), 0);
    const HttpResult first = Comment(item, "bob", "@frank first");
    const HttpResult second = Comment(item, "bob", "@frank second");
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(Unread("frank"), 2);

    const auto entries = EntriesFor("frank", StrAt(first.Json(), {"id"}));
    ASSERT_EQ(entries.size(), 1u);
    const std::string entry = StrAt(entries[0], {"id"});

    // Nobody else can read or mark frank's entry.
    ExpectError(
        client().Post("/api/v1/inbox/" + entry + "/read", "", Token("erin")), 404, "not_found");
    ExpectError(
        client().Post("/api/v1/inbox/" + entry + "/read", "", Token("admin")), 404, "not_found");
    EXPECT_TRUE(EntriesFor("erin", StrAt(first.Json(), {"id"})).empty());
    EXPECT_EQ(Unread("frank"), 2);

    ASSERT_EQ(client().Post("/api/v1/inbox/" + entry + "/read", "", Token("frank")).status, 204);
    EXPECT_EQ(Unread("frank"), 1);
    // Again is fine.
    EXPECT_EQ(client().Post("/api/v1/inbox/" + entry + "/read", "", Token("frank")).status, 204);
    const auto after = EntriesFor("frank", StrAt(first.Json(), {"id"}));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_FALSE(StrAt(after[0], {"read_at"}).empty());

    const HttpResult unread = client().Get("/api/v1/inbox?unread=true", Token("frank"));
    ASSERT_EQ(unread.status, 200) << unread.body;
    const json::array unread_data = ArrAt(unread.Json(), {"data"});
    ASSERT_EQ(unread_data.size(), 1u) << unread.body;
    EXPECT_EQ(StrAt(unread_data.at(0), {"comment_id"}), StrAt(second.Json(), {"id"}));
    ExpectInvalid(client().Get("/api/v1/inbox?unread=maybe", Token("frank")), {"unread"});

    const HttpResult all = client().Post("/api/v1/inbox/read-all", "", Token("frank"));
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(IntAt(all.Json(), {"marked"}), 1);
    EXPECT_EQ(Unread("frank"), 0);
    EXPECT_TRUE(
        ArrAt(client().Get("/api/v1/inbox?unread=true", Token("frank")).Json(), {"data"}).empty());
}

TEST_F(CollabTest, InboxPagesWithCursors) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Propeller guard clips");
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(Comment(item, "bob", "@erin note " + std::to_string(i)).status, 201);
    }
    const HttpResult page1 = client().Get("/api/v1/inbox?limit=2", Token("erin"));
    ASSERT_EQ(page1.status, 200) << page1.body;
    ASSERT_EQ(ArrAt(page1.Json(), {"data"}).size(), 2u);
    const std::string cursor = StrAt(page1.Json(), {"next_cursor"});
    ASSERT_FALSE(cursor.empty()) << page1.body;
    const HttpResult page2 =
        client().Get("/api/v1/inbox?limit=2&cursor=" + UrlEncode(cursor), Token("erin"));
    ASSERT_EQ(page2.status, 200) << page2.body;
    const json::array data2 = ArrAt(page2.Json(), {"data"});
    ASSERT_FALSE(data2.empty());
    EXPECT_NE(StrAt(data2.at(0), {"id"}), StrAt(ArrAt(page1.Json(), {"data"}).at(1), {"id"}));
    EXPECT_LT(StrAt(data2.at(0), {"id"}), StrAt(ArrAt(page1.Json(), {"data"}).at(1), {"id"}));
}

TEST_F(CollabTest, CommentsAreEditedAndDeletedByTheirAuthorOnly) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Obstacle sensor glare");
    const HttpResult posted = Comment(item, "carol", "Seen in the lab twice.");
    ASSERT_EQ(posted.status, 201) << posted.body;
    EXPECT_EQ(posted.Header("etag"), "\"1\"");
    const std::string url = "/api/v1/comments/" + StrAt(posted.Json(), {"id"});

    ExpectError(client().Patch(url, R"({"body":"mine now"})", Token("bob")), 403, "forbidden");
    ExpectError(client().Patch(url, R"({"body":"mine now"})", Token("erin")), 403, "forbidden");
    ExpectError(client().Delete(url, Token("bob")), 403, "forbidden");
    ExpectInvalid(client().Patch(url, R"({"body":""})", Token("carol")), {"body"});
    ExpectInvalid(client().Patch(url, R"({"body":"x","colour":"red"})", Token("carol")),
                  {"colour"});
    ExpectInvalid(Comment(item, "carol", std::string(10'001, 'a')), {"body"});
    EXPECT_EQ(Comment(item, "carol", std::string(10'000, 'a')).status, 201);

    const HttpResult edited = client().Patch(
        url, R"({"body":"Seen in the lab three times, @dave."})", Token("carol"), "1");
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(IntAt(edited.Json(), {"version"}), 2);
    EXPECT_EQ(ArrAt(edited.Json(), {"mentions"}).size(), 1u) << edited.body;
    // Newly mentioned by the edit.
    EXPECT_EQ(EntriesFor("dave", StrAt(posted.Json(), {"id"})).size(), 1u);
    const HttpResult stale = client().Patch(url, R"({"body":"again"})", Token("carol"), "1");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2) << stale.body;

    ASSERT_EQ(client().Delete(url, Token("carol")).status, 204);
    ExpectError(client().Delete(url, Token("carol")), 404, "not_found");
    std::vector<std::string> actions;
    for (const auto& e : ItemEvents(Ids().x2, item.id, "frank")) {
        actions.push_back(StrAt(e, {"action"}));
    }
    EXPECT_TRUE(Has(actions, "commented"));
    EXPECT_TRUE(Has(actions, "comment_edited"));
    EXPECT_TRUE(Has(actions, "comment_deleted"));
}

TEST_F(CollabTest, WatchersHearOfCommentsByOthers) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Return-to-home altitude");
    ASSERT_EQ(client().Post("/api/v1/items/" + item.id + "/watch", "", Token("frank")).status, 204);
    ASSERT_EQ(client().Post("/api/v1/items/" + item.id + "/watch", "", Token("frank")).status, 204);
    ExpectError(client().Post("/api/v1/items/" + item.id + "/watch", ""), 401, "unauthenticated");

    const HttpResult first = Comment(item, "erin", "Customers ask for 120 m.");
    ASSERT_EQ(first.status, 201) << first.body;
    const auto frank = EntriesFor("frank", StrAt(first.Json(), {"id"}));
    ASSERT_EQ(frank.size(), 1u);
    EXPECT_EQ(StrAt(frank[0], {"kind"}), "comment");
    EXPECT_TRUE(EntriesFor("erin", StrAt(first.Json(), {"id"})).empty());

    // Commenting made erin a watcher.
    const HttpResult watchers =
        client().Get("/api/v1/items/" + item.id + "/watchers", Token("dave"));
    ASSERT_EQ(watchers.status, 200) << watchers.body;
    std::vector<std::string> ids;
    for (const auto& w : ArrAt(watchers.Json(), {"data"})) {
        ids.push_back(StrAt(w, {"id"}));
    }
    EXPECT_TRUE(Has(ids, Ids().users.at("frank"))) << watchers.body;
    EXPECT_TRUE(Has(ids, Ids().users.at("erin"))) << watchers.body;

    const HttpResult reply = Comment(item, "frank", "Noted.");
    ASSERT_EQ(reply.status, 201);
    EXPECT_EQ(EntriesFor("erin", StrAt(reply.Json(), {"id"})).size(), 1u);

    ASSERT_EQ(client().Post("/api/v1/items/" + item.id + "/unwatch", "", Token("frank")).status,
              204);
    const HttpResult later = Comment(item, "erin", "Also 150 m for surveys.");
    ASSERT_EQ(later.status, 201);
    EXPECT_TRUE(EntriesFor("frank", StrAt(later.Json(), {"id"})).empty());
}

// ---- planning poker -----------------------------------------------------------------------

TEST_F(CollabTest, PokerHidesVotesUntilRevealAndFinishSetsThePoints) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Night mode exposure");
    const std::string start = "/api/v1/items/" + item.id + "/poker";
    ExpectError(client().Get(start, Token("erin")), 404, "not_found");
    ExpectError(client().Post(start, "", Token("erin")), 403, "forbidden");
    ExpectError(client().Post(start, "", Token("dave")), 403, "forbidden");
    const HttpResult started = client().Post(start, "", Token("carol"));
    ASSERT_EQ(started.status, 201) << started.body;
    const std::string round = StrAt(started.Json(), {"id"});
    EXPECT_EQ(StrAt(started.Json(), {"state"}), "voting");
    EXPECT_EQ(StrAt(started.Json(), {"started_by", "name"}), "Carol Jensen");
    EXPECT_EQ(StrAt(started.Json(), {"item", "key"}), item.key);
    ExpectError(client().Post(start, "", Token("bob")), 409, "conflict");

    const json::value dave = Vote(round, "dave", R"({"points": 13})");
    EXPECT_EQ(NumberAt(dave, {"my_vote"}), 13);
    Vote(round, "bob", R"({"points": 8})");
    const json::value carol = Vote(round, "carol", R"({"points": 0.5})");
    EXPECT_EQ(NumberAt(carol, {"my_vote"}), 0.5);

    // Before the reveal nobody sees another's value: not in the round, not in the events.
    for (const std::string handle : {"erin", "dave", "bob", "alice"}) {
        const HttpResult r = client().Get("/api/v1/poker/" + round, Token(handle));
        ASSERT_EQ(r.status, 200) << r.body;
        const json::array votes = ArrAt(r.Json(), {"votes"});
        EXPECT_EQ(votes.size(), 3u) << r.body;
        for (const auto& v : votes) {
            EXPECT_EQ(At(v, {"points"}), nullptr) << handle << ": " << r.body;
            EXPECT_TRUE(At(v, {"voted"}) != nullptr && At(v, {"voted"})->as_bool());
        }
        if (handle == "erin" || handle == "alice") {
            EXPECT_TRUE(At(r.Json(), {"my_vote"})->is_null()) << r.body;
        }
    }
    EXPECT_EQ(NumberAt(client().Get(start, Token("dave")).Json(), {"my_vote"}), 13);
    for (const auto& e : ItemEvents(Ids().x2, item.id, "erin")) {
        const std::string action = StrAt(e, {"action"});
        if (action.rfind("poker_", 0) != 0) {
            continue;
        }
        const std::string changes = json::serialize(*At(e, {"changes"}));
        EXPECT_EQ(changes.find("points"), std::string::npos) << action << ": " << changes;
        if (action == "poker_voted") {
            EXPECT_EQ(At(e, {"changes"})->as_object().size(), 2u) << changes;  // round and user
        }
    }

    // Who may vote, and what.
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/vote", R"({"points": 5})", Token("erin")),
        403,
        "forbidden");
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/vote", R"({"points": 5})", Token("alice")),
        403,
        "forbidden");
    ExpectInvalid(
        client().Post("/api/v1/poker/" + round + "/vote", R"({"points": 7})", Token("dave")),
        {"points"});
    ExpectInvalid(
        client().Post("/api/v1/poker/" + round + "/vote", R"({"points": "5"})", Token("dave")),
        {"points"});
    ExpectInvalid(client().Post("/api/v1/poker/" + round + "/vote", R"({})", Token("dave")),
                  {"points"});
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/reveal", "", Token("dave")), 403, "forbidden");
    // Voting again replaces the vote.
    EXPECT_EQ(NumberAt(Vote(round, "dave", R"({"points": 5})"), {"my_vote"}), 5);

    const HttpResult revealed =
        client().Post("/api/v1/poker/" + round + "/reveal", "", Token("bob"));
    ASSERT_EQ(revealed.status, 200) << revealed.body;
    EXPECT_EQ(StrAt(revealed.Json(), {"state"}), "revealed");
    const HttpResult seen = client().Get("/api/v1/poker/" + round, Token("erin"));
    std::map<std::string, double> values;
    for (const auto& v : ArrAt(seen.Json(), {"votes"})) {
        values[StrAt(v, {"user", "id"})] = NumberAt(v, {"points"});
    }
    EXPECT_EQ(values[Ids().users.at("dave")], 5) << seen.body;
    EXPECT_EQ(values[Ids().users.at("bob")], 8) << seen.body;
    EXPECT_EQ(values[Ids().users.at("carol")], 0.5) << seen.body;
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/vote", R"({"points": 3})", Token("dave")),
        409,
        "conflict");
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/reveal", "", Token("bob")), 409, "conflict");

    ExpectError(
        client().Post("/api/v1/poker/" + round + "/finish", R"({"points": 8})", Token("dave")),
        403,
        "forbidden");
    ExpectInvalid(
        client().Post("/api/v1/poker/" + round + "/finish", R"({"points": 9})", Token("bob")),
        {"points"});
    const HttpResult finished =
        client().Post("/api/v1/poker/" + round + "/finish", R"({"points": 8})", Token("bob"));
    ASSERT_EQ(finished.status, 200) << finished.body;
    EXPECT_EQ(StrAt(finished.Json(), {"state"}), "closed");
    EXPECT_EQ(NumberAt(finished.Json(), {"final_points"}), 8);
    EXPECT_FALSE(StrAt(finished.Json(), {"closed_at"}).empty());
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/finish", R"({"points": 8})", Token("bob")),
        409,
        "conflict");

    const HttpResult got = client().Get("/api/v1/items/" + item.id, Token("erin"));
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(NumberAt(got.Json(), {"points"}), 8) << got.body;

    std::vector<std::string> actions;
    for (const auto& e : ItemEvents(Ids().x2, item.id, "erin")) {
        actions.push_back(StrAt(e, {"action"}));
        if (StrAt(e, {"action"}) == "poker_revealed") {
            EXPECT_EQ(ArrAt(*At(e, {"changes"}), {"votes", "after"}).size(), 3u);
        }
    }
    for (const char* a :
         {"poker_started", "poker_voted", "poker_revealed", "poker_finished", "updated"}) {
        EXPECT_TRUE(Has(actions, a)) << a;
    }

    // A closed round lets a new one open.
    EXPECT_EQ(client().Post(start, "", Token("bob")).status, 201);
}

TEST_F(CollabTest, PokerRevealNeedsAVoteAndFinishWorksFromVoting) {
    const NewItem item = CreateItem(Ids().x2, "bob", "Firmware rollback");
    const HttpResult started =
        client().Post("/api/v1/items/" + item.key + "/poker", "", Token("bob"));
    ASSERT_EQ(started.status, 201) << started.body;
    const std::string round = StrAt(started.Json(), {"id"});
    ExpectError(
        client().Post("/api/v1/poker/" + round + "/reveal", "", Token("carol")), 409, "conflict");
    const HttpResult finished =
        client().Post("/api/v1/poker/" + round + "/finish", R"({"points": 3})", Token("carol"));
    ASSERT_EQ(finished.status, 200) << finished.body;
    EXPECT_EQ(StrAt(finished.Json(), {"state"}), "closed");
    ExpectError(client().Get("/api/v1/poker/nope", Token("bob")), 404, "not_found");
}

// ---- saved views --------------------------------------------------------------------------

TEST_F(CollabTest, PrivateViewsAreTheOwnersSharedOnesEveryones) {
    const std::string list = "/api/v1/products/" + Ids().x2 + "/views";
    const HttpResult mine = client().Post(
        list, R"({"name":"My open bugs","query":"type = bug AND status != done"})", Token("dave"));
    ASSERT_EQ(mine.status, 201) << mine.body;
    EXPECT_FALSE(At(mine.Json(), {"shared"})->as_bool());
    EXPECT_TRUE(At(mine.Json(), {"mine"})->as_bool());
    const HttpResult shared = client().Post(
        list, R"({"name":"Camera work","query":"labels = camera","shared":true})", Token("dave"));
    ASSERT_EQ(shared.status, 201) << shared.body;
    const std::string mine_url = "/api/v1/views/" + StrAt(mine.Json(), {"id"});
    const std::string shared_url = "/api/v1/views/" + StrAt(shared.Json(), {"id"});

    auto names = [&](const std::string& handle) {
        const HttpResult r = client().Get(list, Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        std::map<std::string, json::value> out;
        for (const auto& v : ArrAt(r.Json(), {"data"})) {
            out[StrAt(v, {"id"})] = v;
        }
        return out;
    };
    const auto dave_sees = names("dave");
    EXPECT_TRUE(dave_sees.count(StrAt(mine.Json(), {"id"})));
    EXPECT_TRUE(dave_sees.count(StrAt(shared.Json(), {"id"})));
    const auto erin_sees = names("erin");
    EXPECT_FALSE(erin_sees.count(StrAt(mine.Json(), {"id"})));
    ASSERT_TRUE(erin_sees.count(StrAt(shared.Json(), {"id"})));
    const json::value& seen = erin_sees.at(StrAt(shared.Json(), {"id"}));
    EXPECT_EQ(StrAt(seen, {"owner", "name"}), "Dave Kim");
    EXPECT_FALSE(At(seen, {"mine"})->as_bool());

    // Another user's private view does not exist for them; a shared one is the owner's or PO's.
    ExpectError(client().Patch(mine_url, R"({"name":"x"})", Token("erin")), 404, "not_found");
    ExpectError(client().Delete(mine_url, Token("bob")), 404, "not_found");
    ExpectError(client().Delete(shared_url, Token("erin")), 403, "forbidden");
    ExpectError(client().Patch(shared_url, R"({"name":"x"})", Token("carol")), 403, "forbidden");
    const HttpResult renamed =
        client().Patch(shared_url, R"({"name":"Camera and gimbal"})", Token("bob"), "1");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(StrAt(renamed.Json(), {"name"}), "Camera and gimbal");
    EXPECT_EQ(IntAt(renamed.Json(), {"version"}), 2);
    ExpectError(client().Patch(shared_url, R"({"name":"y"})", Token("dave"), "1"),
                412,
                "precondition_failed");

    ExpectInvalid(client().Post(list, R"({"name":""})", Token("dave")), {"name"});
    ExpectInvalid(client().Post(list, R"({"query":"x"})", Token("dave")), {"name"});
    ExpectInvalid(client().Post(list,
                                json::serialize(json::object{{"name", "long"},
                                                             {"query", std::string(2001, 'a')}}),
                                Token("dave")),
                  {"query"});
    ExpectInvalid(client().Post(list, R"({"name":"n","shared":"yes"})", Token("dave")), {"shared"});

    ASSERT_EQ(client().Delete(mine_url, Token("dave")).status, 204);
    ASSERT_EQ(client().Delete(shared_url, Token("bob")).status, 204);
    EXPECT_FALSE(names("dave").count(StrAt(shared.Json(), {"id"})));
}

// ---- search -------------------------------------------------------------------------------

TEST_F(CollabTest, SearchFindsTitlesDescriptionsCriteriaAndCommentsWithMarks) {
    const NewItem item = CreateItem(
        Ids().x2,
        "bob",
        "Quokkacam <lens> & 'hood' fitting",
        json::object{
            {"description", "The wombatfilter keeps glare off the sensor."},
            {"criteria", json::array{json::object{{"text", "Given a numbatlight source"}}}}});
    ASSERT_EQ(Comment(item, "erin", "Customers call it the platypusmode.").status, 201);

    auto search = [&](const std::string& q, const std::string& handle) {
        const HttpResult r = client().Get("/api/v1/search?q=" + UrlEncode(q), Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        return ArrAt(r.Json(), {"data"});
    };
    const json::array by_title = search("QUOKKACAM", "erin");
    ASSERT_EQ(by_title.size(), 1u);
    const json::value& hit = by_title.at(0);
    EXPECT_EQ(StrAt(hit, {"item", "id"}), item.id);
    EXPECT_EQ(StrAt(hit, {"item", "key"}), item.key);
    EXPECT_EQ(StrAt(hit, {"item", "type"}), "story");
    EXPECT_EQ(StrAt(hit, {"item", "product_id"}), Ids().x2);
    EXPECT_FALSE(StrAt(hit, {"item", "status"}).empty());
    EXPECT_NE(At(hit, {"score"}), nullptr);
    EXPECT_EQ(StrAt(hit, {"title"}),
              "<mark>Quokkacam</mark> &lt;lens&gt; &amp; &#39;hood&#39; fitting");

    for (const auto& [word, q] : std::vector<std::pair<std::string, std::string>>{
             {"wombatfilter", "wombatfilter"},
             {"numbatlight", "numbatli"},  // words match by prefix
             {"platypusmode", "platypusmode customers"}}) {
        const json::array hits = search(q, "dave");
        ASSERT_EQ(hits.size(), 1u) << q;
        EXPECT_EQ(StrAt(hits.at(0), {"item", "id"}), item.id);
        const std::string snippet = StrAt(hits.at(0), {"snippet"});
        EXPECT_NE(snippet.find("<mark>"), std::string::npos) << q << ": " << snippet;
        EXPECT_NE(snippet.find(word.substr(1)), std::string::npos) << q << ": " << snippet;
    }
    // Every word is required.
    EXPECT_TRUE(search("wombatfilter zzzunknownword", "dave").empty());
    // One product, by id.
    const HttpResult in_x2 =
        client().Get("/api/v1/search?q=wombatfilter&limit=5&product_id=" + Ids().x2, Token("dave"));
    ASSERT_EQ(in_x2.status, 200) << in_x2.body;
    EXPECT_EQ(ArrAt(in_x2.Json(), {"data"}).size(), 1u);
}

TEST_F(CollabTest, SearchOnlyCoversProductsTheCallerMayRead) {
    // bob holds no role on SkyLift AI.
    const NewItem item = CreateItem(Ids().ai, "alice", "Echidnavision model training");
    const auto hits = [&](const std::string& handle) {
        const HttpResult r = client().Get("/api/v1/search?q=echidnavision", Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        return ArrAt(r.Json(), {"data"}).size();
    };
    EXPECT_EQ(hits("dave"), 1u);
    EXPECT_EQ(hits("admin"), 1u);
    EXPECT_EQ(hits("bob"), 0u);
    ExpectError(client().Get("/api/v1/search?q=echidnavision&product_id=" + Ids().ai, Token("bob")),
                403,
                "forbidden");
    ExpectError(client().Get("/api/v1/search?q=echidnavision"), 401, "unauthenticated");
}

TEST_F(CollabTest, SearchRefusesQueriesWithoutWordsAndBadLimits) {
    ExpectInvalid(client().Get("/api/v1/search", Token("dave")), {"q"});
    ExpectInvalid(client().Get("/api/v1/search?q=", Token("dave")), {"q"});
    ExpectInvalid(client().Get("/api/v1/search?q=" + UrlEncode("!!! -- ?"), Token("dave")), {"q"});
    ExpectInvalid(client().Get("/api/v1/search?q=camera&limit=0", Token("dave")), {"limit"});
    ExpectInvalid(client().Get("/api/v1/search?q=camera&limit=51", Token("dave")), {"limit"});
    // Quotes and operators are only separators, never query syntax.
    EXPECT_EQ(
        client().Get("/api/v1/search?q=" + UrlEncode("\"camera\" OR *"), Token("dave")).status,
        200);
}

TEST_F(CollabTest, AViewsQueryMustParseAndNameTheProductsFields) {
    const std::string list = "/api/v1/products/" + Ids().x2 + "/views";
    const HttpResult typo =
        client().Post(list, R"({"name":"Typo","query":"type = story ANDD x"})", Token("dave"));
    EXPECT_EQ(typo.status, 400) << typo.body;
    EXPECT_NE(typo.body.find("\"field\":\"query\""), std::string::npos) << typo.body;
    EXPECT_NE(typo.body.find("at 13"), std::string::npos) << typo.body;
    const HttpResult unknown =
        client().Post(list, R"({"name":"Unknown","query":"colour = red"})", Token("dave"));
    EXPECT_EQ(unknown.status, 400) << unknown.body;
    // The demo product's own custom field is a field of the language.
    const HttpResult risky =
        client().Post(list, R"({"name":"Risky","query":"risk = high"})", Token("dave"));
    EXPECT_EQ(risky.status, 201) << risky.body;
    const HttpResult edit = client().Patch("/api/v1/views/" + StrAt(risky.Json(), {"id"}),
                                           R"({"query":"risk = extreme"})",
                                           Token("dave"));
    EXPECT_EQ(edit.status, 400) << edit.body;
}

}  // namespace
}  // namespace tl::test
