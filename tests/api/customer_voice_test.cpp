// Customer voice over HTTP, on both backends (docs/strategy.md, "Customer voice"): customers
// with contacts and revenue hidden from roles without market.read; feedback with its checks,
// the inbox newest first, triage and links by the PM and PO only, authors editing their own;
// ideas decided by the PM and PO, votes once per user and once per customer; demand on a
// hand-built backlog worked by hand (distinct customers, revenue at stake, counts by
// importance); who may do what per endpoint, 404 for people without a role on the product.
#include <chrono>
#include <optional>
#include <string>
#include <tuple>
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

class CustomerVoiceTest : public DemoSuite<CustomerVoiceTest> {
protected:
    // alice PM, bob PO, carol SM, dave team, erin stakeholder; frank none.
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Voice", /*open_workflow=*/true);
    }
    static std::string Path(const std::string& product, const std::string& rest) {
        return "/api/v1/products/" + product + rest;
    }
    static json::value Created(const HttpResult& r) {
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }
    static json::value Ok(const HttpResult& r) {
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
    static std::string Customer(const std::string& product,
                                const std::string& name,
                                std::optional<double> revenue,
                                const std::string& segment = "inspection") {
        json::object body{{"name", name}, {"segment", segment}, {"region", "DACH"}};
        if (revenue) {
            body["revenue_per_year"] = *revenue;
        }
        return StrAt(Created(client().Post(
                         Path(product, "/customers"), json::serialize(body), Token("alice"))),
                     {"id"});
    }
    static std::string Item(const std::string& product,
                            const std::string& type,
                            const std::string& title,
                            const std::string& parent = "") {
        json::object body{{"type", type}, {"title", title}};
        if (!parent.empty()) {
            body["parent_id"] = parent;
        }
        return StrAt(
            Created(client().Post(Path(product, "/items"), json::serialize(body), Token("bob"))),
            {"id"});
    }
    static std::string Feedback(const std::string& product,
                                const std::string& text,
                                const std::string& customer = "",
                                const std::string& who = "dave") {
        json::object body{{"text", text}, {"source", "trade_fair"}};
        if (!customer.empty()) {
            body["customer_id"] = customer;
        }
        return StrAt(
            Created(client().Post(Path(product, "/feedback"), json::serialize(body), Token(who))),
            {"id"});
    }
    static json::value Link(const std::string& feedback,
                            const std::string& type,
                            const std::string& target,
                            const std::string& importance) {
        return Created(client().Post(
            "/api/v1/feedback/" + feedback + "/links",
            json::serialize(json::object{
                {"target_type", type}, {"target_id", target}, {"importance", importance}}),
            Token("bob")));
    }
};

TEST_F(CustomerVoiceTest, CustomersWithContactsAndRevenueOnlyForMarketReaders) {
    const std::string p = NewProduct("CVA");
    const std::string body =
        R"({"name":"Nordic Grid","segment":"utility","revenue_per_year":420000,)"
        R"("region":"Nordics","notes":"14 X1s"})";
    for (const std::string who : {"bob", "carol", "dave", "erin"}) {
        ExpectError(client().Post(Path(p, "/customers"), body, Token(who)), 403, "forbidden");
    }
    const HttpResult made = client().Post(Path(p, "/customers"), body, Token("alice"));
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.Header("etag"), "\"1\"");
    const std::string id = StrAt(made.Json(), {"id"});
    EXPECT_EQ(Num(made.Json(), {"revenue_per_year"}), 420000);
    Customer(p, "Alpine Survey", std::nullopt, "inspection");

    const HttpResult contact =
        client().Post("/api/v1/customers/" + id + "/contacts",
                      R"({"name":"Ines Berg","email":"Ines@NordicGrid.example","role":"Ops"})",
                      Token("alice"));
    ASSERT_EQ(contact.status, 201) << contact.body;
    EXPECT_EQ(StrAt(contact.Json(), {"email"}), "ines@nordicgrid.example");
    ExpectError(
        client().Post("/api/v1/customers/" + id + "/contacts", R"({"name":"X"})", Token("bob")),
        403,
        "forbidden");

    // Everyone with a role reads customers; revenue only with market.read (not the
    // stakeholder).
    const json::value as_dave = Ok(client().Get("/api/v1/customers/" + id, Token("dave")));
    EXPECT_EQ(Num(as_dave, {"revenue_per_year"}), 420000);
    EXPECT_EQ(ArrAt(as_dave, {"contacts"}).size(), 1u);
    const json::value as_erin = Ok(client().Get("/api/v1/customers/" + id, Token("erin")));
    EXPECT_TRUE(IsNull(as_erin, {"revenue_per_year"})) << json::serialize(as_erin);
    EXPECT_EQ(StrAt(as_erin, {"name"}), "Nordic Grid");
    const json::value list = Ok(client().Get(Path(p, "/customers"), Token("erin")));
    ASSERT_EQ(ArrAt(list, {"data"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(list, {"data"})[0], {"name"}), "Alpine Survey");  // by name
    for (const auto& c : ArrAt(list, {"data"})) {
        EXPECT_TRUE(IsNull(c, {"revenue_per_year"}));
    }
    EXPECT_EQ(ArrAt(Ok(client().Get(Path(p, "/customers?segment=utility"), Token("bob"))), {"data"})
                  .size(),
              1u);
    EXPECT_EQ(
        ArrAt(Ok(client().Get(Path(p, "/customers?q=alpine"), Token("bob"))), {"data"}).size(), 1u);
    // No role on the product: the customer is not found.
    ExpectError(client().Get("/api/v1/customers/" + id, Token("frank")), 404, "not_found");

    // Checks name their fields; a stale If-Match is 412 with the current customer.
    ExpectInvalid(
        client().Post(
            Path(p, "/customers"), R"({"segment":"x","revenue_per_year":-5})", Token("alice")),
        {"name", "revenue_per_year"});
    ExpectInvalid(client().Patch("/api/v1/customers/" + id, R"({"nmae":"x"})", Token("alice")),
                  {"nmae"});
    const HttpResult changed =
        client().Patch("/api/v1/customers/" + id, R"({"revenue_per_year":null})", Token("alice"));
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    EXPECT_TRUE(IsNull(changed.Json(), {"revenue_per_year"}));
    const HttpResult stale = client().Request("PATCH",
                                              "/api/v1/customers/" + id,
                                              R"({"name":"Renamed"})",
                                              {{"Authorization", "Bearer " + Token("alice")},
                                               {"Content-Type", "application/json"},
                                               {"If-Match", "\"1\""}});
    ExpectError(stale, 412, "precondition_failed");

    const std::string contact_id = StrAt(contact.Json(), {"id"});
    const HttpResult role =
        client().Patch("/api/v1/contacts/" + contact_id, R"({"role":"COO"})", Token("alice"));
    ASSERT_EQ(role.status, 200) << role.body;
    EXPECT_EQ(StrAt(role.Json(), {"role"}), "COO");
    ExpectError(client().Delete("/api/v1/contacts/" + contact_id, Token("bob")), 403, "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/contacts/" + contact_id, Token("alice")).status, 204);
    ExpectError(client().Delete("/api/v1/customers/" + id, Token("bob")), 403, "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/customers/" + id, Token("alice")).status, 204);
    ExpectError(client().Get("/api/v1/customers/" + id, Token("alice")), 404, "not_found");
}

TEST_F(CustomerVoiceTest, FeedbackInboxTriageLinksAndAuthors) {
    const std::string p = NewProduct("CVB");
    const std::string customer = Customer(p, "Alpine Survey", 180000);
    const std::string epic = Item(p, "epic", "Flight time");
    const std::string feature = Item(p, "feature", "Battery", epic);
    const std::string story = Item(p, "story", "Bigger battery", feature);
    const std::string bug = Item(p, "bug", "Crash on landing");

    // The checks name every field.
    ExpectInvalid(client().Post(Path(p, "/feedback"), R"({"text":"x"})", Token("dave")),
                  {"source"});
    ExpectInvalid(
        client().Post(Path(p, "/feedback"),
                      R"({"text":" ","source":"fair","sentiment":"angry","kind":"qualitative",)"
                      R"("date":"2026-02-30","score":5,"customer_id":"cus_nope"})",
                      Token("dave")),
        {"text", "source", "sentiment", "date", "score", "customer_id"});
    ExpectError(
        client().Post(Path(p, "/feedback"), R"({"text":"x"})", Token("frank")), 403, "forbidden");

    const std::string first = Feedback(p, "Batteries die in the cold", customer, "dave");
    const json::value second =
        Created(client().Post(Path(p, "/feedback"),
                              R"({"text":"NPS","source":"survey","score":9,"date":"2026-10-20"})",
                              Token("erin")));
    EXPECT_EQ(StrAt(second, {"kind"}), "quantitative");
    EXPECT_EQ(Num(second, {"score"}), 9);
    EXPECT_EQ(StrAt(second, {"status"}), "new");
    EXPECT_EQ(StrAt(second, {"author", "name"}).empty(), false);
    const std::string third = Feedback(p, "Wants night flights", "", "carol");

    // The inbox: new feedback, newest first, paged.
    const json::value inbox = Ok(client().Get(Path(p, "/feedback?status=new"), Token("erin")));
    ASSERT_EQ(ArrAt(inbox, {"data"}).size(), 3u) << json::serialize(inbox);
    EXPECT_EQ(StrAt(ArrAt(inbox, {"data"})[0], {"id"}), third);
    EXPECT_EQ(StrAt(ArrAt(inbox, {"data"})[2], {"id"}), first);
    const json::value page1 =
        Ok(client().Get(Path(p, "/feedback?status=new&limit=2"), Token("erin")));
    ASSERT_EQ(ArrAt(page1, {"data"}).size(), 2u);
    const std::string cursor = StrAt(page1, {"next_cursor"});
    ASSERT_FALSE(cursor.empty());
    const json::value page2 = Ok(client().Get(
        Path(p, "/feedback?status=new&limit=2&cursor=" + UrlEncode(cursor)), Token("erin")));
    ASSERT_EQ(ArrAt(page2, {"data"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(page2, {"data"})[0], {"id"}), first);
    EXPECT_TRUE(IsNull(page2, {"next_cursor"}));
    EXPECT_EQ(
        ArrAt(Ok(client().Get(Path(p, "/feedback?customer=" + customer), Token("bob"))), {"data"})
            .size(),
        1u);
    ExpectInvalid(client().Get(Path(p, "/feedback?status=done"), Token("bob")), {"status"});
    ExpectInvalid(client().Get(Path(p, "/feedback?cursor=zzz"), Token("bob")), {"cursor"});

    // Authors edit their own; the PM and PO edit any; only they triage.
    const std::string one = "/api/v1/feedback/" + first;
    ExpectError(
        client().Patch(one, R"({"text":"Edited by erin"})", Token("erin")), 403, "forbidden");
    const HttpResult own = client().Patch(one, R"({"sentiment":"negative"})", Token("dave"));
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(StrAt(own.Json(), {"sentiment"}), "negative");
    ExpectError(client().Patch(one, R"({"status":"triaged"})", Token("dave")), 403, "forbidden");
    const HttpResult archived =
        client().Patch("/api/v1/feedback/" + third, R"({"status":"archived"})", Token("alice"));
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_EQ(StrAt(archived.Json(), {"status"}), "archived");

    // Linking (PM and PO) sets new feedback triaged; items are epics, features or stories.
    ExpectError(client().Post(one + "/links",
                              R"({"target_type":"item","target_id":")" + story + R"("})",
                              Token("dave")),
                403,
                "forbidden");
    ExpectInvalid(
        client().Post(
            one + "/links", R"({"target_type":"item","target_id":")" + bug + R"("})", Token("bob")),
        {"target_id"});
    ExpectInvalid(client().Post(one + "/links", R"({"importance":"urgent"})", Token("bob")),
                  {"target_type", "target_id", "importance"});
    const json::value link = Link(first, "item", story, "critical");
    EXPECT_EQ(StrAt(link, {"importance"}), "critical");
    EXPECT_EQ(StrAt(link, {"target", "title"}), "Bigger battery");
    EXPECT_EQ(StrAt(link, {"feedback", "status"}), "triaged");
    ExpectError(client().Post(one + "/links",
                              R"({"target_type":"item","target_id":")" + story + R"("})",
                              Token("alice")),
                409,
                "conflict");
    const json::value read = Ok(client().Get(one, Token("erin")));
    ASSERT_EQ(ArrAt(read, {"links"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(read, {"links"})[0], {"target", "key"}).empty(), false);
    const json::value inbox_after =
        Ok(client().Get(Path(p, "/feedback?status=new"), Token("erin")));
    EXPECT_EQ(ArrAt(inbox_after, {"data"}).size(), 1u);  // erin's survey only

    const std::string link_id = StrAt(link, {"id"});
    ExpectError(
        client().Delete("/api/v1/feedback-links/" + link_id, Token("dave")), 403, "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/feedback-links/" + link_id, Token("bob")).status, 204);
    EXPECT_TRUE(ArrAt(Ok(client().Get(one, Token("erin"))), {"links"}).empty());

    ExpectError(client().Delete(one, Token("erin")), 403, "forbidden");
    ExpectError(client().Get(one, Token("frank")), 404, "not_found");
    EXPECT_EQ(client().Delete(one, Token("alice")).status, 204);
    ExpectError(client().Get(one, Token("alice")), 404, "not_found");
}

TEST_F(CustomerVoiceTest, IdeasAreDecidedByThePmAndPoAndVotedOnceEach) {
    const std::string p = NewProduct("CVC");
    const std::string customer = Customer(p, "Rhein Netze", 650000, "utility");
    const std::string feature = Item(p, "feature", "Fleet updates");

    ExpectInvalid(client().Post(Path(p, "/ideas"), R"({"problem":"x"})", Token("erin")), {"title"});
    ExpectError(
        client().Post(Path(p, "/ideas"), R"({"title":"x","status":"planned"})", Token("erin")),
        403,
        "forbidden");
    const json::value idea = Created(client().Post(
        Path(p, "/ideas"),
        json::serialize(json::object{
            {"title", "Staged rollouts"}, {"problem", "30 drones"}, {"customer_id", customer}}),
        Token("erin")));
    const std::string id = StrAt(idea, {"id"});
    EXPECT_EQ(StrAt(idea, {"status"}), "new");
    EXPECT_EQ(StrAt(idea, {"customer", "name"}), "Rhein Netze");
    EXPECT_TRUE(IsNull(idea, {"revenue_at_stake"}));  // erin has no market.read

    // A user votes once; a customer once.
    const std::string votes = "/api/v1/ideas/" + id + "/votes";
    const json::value dave_vote = Created(client().Post(votes, "{}", Token("dave")));
    EXPECT_EQ(IntAt(dave_vote, {"idea", "votes"}), 1);
    EXPECT_TRUE(IsTrue(dave_vote, {"idea", "voted"}));
    EXPECT_EQ(StrAt(dave_vote, {"idea", "my_vote_id"}), StrAt(dave_vote, {"id"}));
    ExpectError(client().Post(votes, "{}", Token("dave")), 409, "conflict");
    const json::value carol_vote = Created(client().Post(votes, "", Token("carol")));
    const std::string for_customer = json::serialize(json::object{{"customer_id", customer}});
    const json::value customer_vote = Created(client().Post(votes, for_customer, Token("carol")));
    EXPECT_EQ(StrAt(customer_vote, {"customer", "id"}), customer);
    ExpectError(client().Post(votes, for_customer, Token("erin")), 409, "conflict");
    ExpectInvalid(client().Post(votes, R"({"customer_id":"cus_nope"})", Token("erin")),
                  {"customer_id"});
    ExpectError(client().Post(votes, "{}", Token("frank")), 404, "not_found");

    const json::value as_alice = Ok(client().Get("/api/v1/ideas/" + id, Token("alice")));
    EXPECT_EQ(IntAt(as_alice, {"votes"}), 2);
    EXPECT_EQ(IntAt(as_alice, {"customer_votes"}), 1);
    EXPECT_FALSE(IsTrue(as_alice, {"voted"}));
    EXPECT_TRUE(IsNull(as_alice, {"my_vote_id"}));
    EXPECT_EQ(Num(as_alice, {"revenue_at_stake"}), 650000);  // the one customer, counted once
    // my_vote_id is the reader's own vote, never one cast for a customer.
    const json::value as_dave = Ok(client().Get("/api/v1/ideas/" + id, Token("dave")));
    EXPECT_EQ(StrAt(as_dave, {"my_vote_id"}), StrAt(dave_vote, {"id"}));
    const json::value as_carol = Ok(client().Get("/api/v1/ideas/" + id, Token("carol")));
    EXPECT_EQ(StrAt(as_carol, {"my_vote_id"}), StrAt(carol_vote, {"id"}));
    const json::value listed = Ok(client().Get(Path(p, "/ideas"), Token("dave")));
    for (const auto& i : ArrAt(listed, {"data"})) {
        if (StrAt(i, {"id"}) == id) {
            EXPECT_EQ(StrAt(i, {"my_vote_id"}), StrAt(dave_vote, {"id"}));
        }
    }

    // Taking votes back: one's own; a customer's by the PM or PO.
    const std::string dave_vote_id = StrAt(as_dave, {"my_vote_id"});
    ExpectError(
        client().Delete("/api/v1/idea-votes/" + dave_vote_id, Token("carol")), 403, "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/idea-votes/" + dave_vote_id, Token("dave")).status, 204);
    const std::string customer_vote_id = StrAt(customer_vote, {"id"});
    ExpectError(client().Delete("/api/v1/idea-votes/" + customer_vote_id, Token("carol")),
                403,
                "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/idea-votes/" + customer_vote_id, Token("bob")).status, 204);
    const json::value after = Ok(client().Get("/api/v1/ideas/" + id, Token("dave")));
    EXPECT_EQ(IntAt(after, {"votes"}), 1);
    EXPECT_EQ(IntAt(after, {"customer_votes"}), 0);
    EXPECT_FALSE(IsTrue(after, {"voted"}));
    EXPECT_TRUE(IsNull(after, {"my_vote_id"}));

    // Decisions are the PM's and PO's; a declined idea needs a reason.
    const std::string one = "/api/v1/ideas/" + id;
    ExpectError(client().Patch(one, R"({"status":"planned"})", Token("erin")), 403, "forbidden");
    ExpectError(client().Patch(one, R"({"title":"Mine now"})", Token("dave")), 403, "forbidden");
    const HttpResult own =
        client().Patch(one, R"({"title":"Staged fleet rollouts"})", Token("erin"));
    ASSERT_EQ(own.status, 200) << own.body;
    ExpectInvalid(client().Patch(one, R"({"status":"declined"})", Token("bob")),
                  {"decline_reason"});
    ExpectInvalid(client().Patch(one, R"({"item_id":"nope"})", Token("bob")), {"item_id"});
    const HttpResult planned =
        client().Patch(one, R"({"status":"planned","item_id":")" + feature + R"("})", Token("bob"));
    ASSERT_EQ(planned.status, 200) << planned.body;
    EXPECT_EQ(StrAt(planned.Json(), {"item", "title"}), "Fleet updates");
    const HttpResult declined = client().Patch(
        one, R"({"status":"declined","decline_reason":"Not this year"})", Token("alice"));
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(StrAt(declined.Json(), {"decline_reason"}), "Not this year");

    const json::value second =
        Created(client().Post(Path(p, "/ideas"), R"({"title":"Thermal camera"})", Token("dave")));
    Created(
        client().Post("/api/v1/ideas/" + StrAt(second, {"id"}) + "/votes", "{}", Token("erin")));
    Created(client().Post("/api/v1/ideas/" + StrAt(second, {"id"}) + "/votes", "{}", Token("bob")));
    const json::value by_votes = Ok(client().Get(Path(p, "/ideas?sort=votes"), Token("erin")));
    ASSERT_EQ(ArrAt(by_votes, {"data"}).size(), 2u);
    EXPECT_EQ(StrAt(ArrAt(by_votes, {"data"})[0], {"title"}), "Thermal camera");
    const json::value declined_only =
        Ok(client().Get(Path(p, "/ideas?status=declined"), Token("erin")));
    EXPECT_EQ(ArrAt(declined_only, {"data"}).size(), 1u);
    ExpectInvalid(client().Get(Path(p, "/ideas?sort=best"), Token("erin")), {"sort"});

    ExpectError(
        client().Delete("/api/v1/ideas/" + StrAt(second, {"id"}), Token("erin")), 403, "forbidden");
    EXPECT_EQ(client().Delete("/api/v1/ideas/" + StrAt(second, {"id"}), Token("dave")).status, 204);
}

// A backlog worked by hand: epic E with feature F (story S) and feature G. Customers A (100k),
// B (50k), C (no revenue) and D (30k). fb1 (A) is linked to S as nice-to-have and to F as
// critical; fb2 (B) to S as important; fb3 (A) to G as important; fb4 (C) to idea I (whose
// item is F) as important; fb5 (no customer) to E as nice-to-have. I has two users' votes and
// D's.
//   F: customers A, B, C, D = 4; revenue 180,000; feedback fb1, fb2, fb4 = 3 (critical 1,
//      important 2); votes 3.
//   E: the same customers (A counted once); feedback 5 (nice-to-have 1, important 3,
//      critical 1); votes 3.
//   G: customer A; revenue 100,000; feedback 1.
TEST_F(CustomerVoiceTest, DemandIsWorkedOutFromFeedbackIdeasAndVotes) {
    const std::string p = NewProduct("CVD");
    const std::string a = Customer(p, "A Inspect", 100000);
    const std::string b = Customer(p, "B Utility", 50000);
    const std::string c = Customer(p, "C Roofs", std::nullopt);
    const std::string d = Customer(p, "D Wind", 30000);
    const std::string e = Item(p, "epic", "E");
    const std::string f = Item(p, "feature", "F", e);
    const std::string s = Item(p, "story", "S", f);
    const std::string g = Item(p, "feature", "G", e);

    const json::value idea =
        Created(client().Post(Path(p, "/ideas"), R"({"title":"I"})", Token("dave")));
    const std::string i = StrAt(idea, {"id"});
    Ok(client().Patch(
        "/api/v1/ideas/" + i, json::serialize(json::object{{"item_id", f}}), Token("bob")));
    Created(client().Post("/api/v1/ideas/" + i + "/votes", "{}", Token("dave")));
    Created(client().Post("/api/v1/ideas/" + i + "/votes", "{}", Token("carol")));
    Created(client().Post("/api/v1/ideas/" + i + "/votes",
                          json::serialize(json::object{{"customer_id", d}}),
                          Token("alice")));

    const std::string fb1 = Feedback(p, "fb1", a);
    Link(fb1, "item", s, "nice_to_have");
    Link(fb1, "item", f, "critical");
    Link(Feedback(p, "fb2", b), "item", s, "important");
    Link(Feedback(p, "fb3", a), "item", g, "important");
    Link(Feedback(p, "fb4", c), "idea", i, "important");
    Link(Feedback(p, "fb5"), "item", e, "nice_to_have");

    const json::value fd = Ok(client().Get("/api/v1/items/" + f + "/demand", Token("alice")));
    EXPECT_EQ(StrAt(fd, {"item", "id"}), f);
    EXPECT_EQ(IntAt(fd, {"customers"}), 4) << json::serialize(fd);
    EXPECT_EQ(Num(fd, {"revenue_at_stake"}), 180000);
    EXPECT_EQ(IntAt(fd, {"feedback_count"}), 3);
    EXPECT_EQ(IntAt(fd, {"votes"}), 3);
    EXPECT_EQ(IntAt(fd, {"by_importance", "nice_to_have"}), 0);
    EXPECT_EQ(IntAt(fd, {"by_importance", "important"}), 2);
    EXPECT_EQ(IntAt(fd, {"by_importance", "critical"}), 1);
    ASSERT_EQ(ArrAt(fd, {"customer_list"}).size(), 4u);
    EXPECT_EQ(StrAt(ArrAt(fd, {"customer_list"})[0], {"name"}), "A Inspect");  // most revenue

    const json::value ed = Ok(client().Get("/api/v1/items/" + e + "/demand", Token("bob")));
    EXPECT_EQ(IntAt(ed, {"customers"}), 4);
    EXPECT_EQ(Num(ed, {"revenue_at_stake"}), 180000);
    EXPECT_EQ(IntAt(ed, {"feedback_count"}), 5);
    EXPECT_EQ(IntAt(ed, {"votes"}), 3);
    EXPECT_EQ(IntAt(ed, {"by_importance", "nice_to_have"}), 1);
    EXPECT_EQ(IntAt(ed, {"by_importance", "important"}), 3);
    EXPECT_EQ(IntAt(ed, {"by_importance", "critical"}), 1);

    // The stakeholder sees the counts, not the revenue.
    const json::value as_erin = Ok(client().Get("/api/v1/items/" + f + "/demand", Token("erin")));
    EXPECT_EQ(IntAt(as_erin, {"customers"}), 4);
    EXPECT_TRUE(IsNull(as_erin, {"revenue_at_stake"}));
    for (const auto& row : ArrAt(as_erin, {"customer_list"})) {
        EXPECT_TRUE(IsNull(row, {"revenue_per_year"}));
    }
    ExpectInvalid(client().Get("/api/v1/items/" + s + "/demand", Token("bob")), {"id"});
    ExpectError(client().Get("/api/v1/items/" + f + "/demand", Token("frank")), 404, "not_found");

    // The product's ranking: E (4 customers, 5 feedback), F (4, 3), G (1).
    const json::value ranking = Ok(client().Get(Path(p, "/demand"), Token("alice")));
    const json::array rows = ArrAt(ranking, {"data"});
    ASSERT_EQ(rows.size(), 3u) << json::serialize(ranking);
    EXPECT_EQ(StrAt(rows[0], {"item", "id"}), e);
    EXPECT_EQ(StrAt(rows[1], {"item", "id"}), f);
    EXPECT_EQ(StrAt(rows[2], {"item", "id"}), g);
    EXPECT_EQ(Num(rows[2], {"revenue_at_stake"}), 100000);
    EXPECT_EQ(IntAt(rows[2], {"feedback_count"}), 1);

    // The idea's own figures: D's vote and fb4's C; 30,000 at stake.
    const json::value idea_now = Ok(client().Get("/api/v1/ideas/" + i, Token("alice")));
    EXPECT_EQ(IntAt(idea_now, {"votes"}), 2);
    EXPECT_EQ(IntAt(idea_now, {"customer_votes"}), 1);
    EXPECT_EQ(IntAt(idea_now, {"feedback_count"}), 1);
    EXPECT_EQ(Num(idea_now, {"revenue_at_stake"}), 30000);
}

// The role table of docs/strategy.md for this section, route by route (the walk in
// authorization_test.cpp checks every role against the x-action of each).
TEST_F(CustomerVoiceTest, RoutesNameTheActionsOfTheStrategyTable) {
    const HttpResult doc = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const std::vector<std::tuple<std::string, std::string, std::string>> expected = {
        {"/api/v1/products/{id}/customers", "post", "market.write"},
        {"/api/v1/products/{id}/customers", "get", "product.read"},
        {"/api/v1/customers/{id}", "get", "product.read"},
        {"/api/v1/customers/{id}", "patch", "market.write"},
        {"/api/v1/customers/{id}", "delete", "market.write"},
        {"/api/v1/customers/{id}/contacts", "post", "market.write"},
        {"/api/v1/contacts/{id}", "patch", "market.write"},
        {"/api/v1/contacts/{id}", "delete", "market.write"},
        {"/api/v1/products/{id}/feedback", "post", "feedback.write"},
        {"/api/v1/products/{id}/feedback", "get", "product.read"},
        {"/api/v1/feedback/{id}", "get", "product.read"},
        {"/api/v1/feedback/{id}", "patch", "feedback.write"},
        {"/api/v1/feedback/{id}", "delete", "feedback.write"},
        {"/api/v1/feedback/{id}/links", "post", "backlog.propose"},
        {"/api/v1/feedback-links/{id}", "delete", "backlog.propose"},
        {"/api/v1/products/{id}/ideas", "post", "feedback.write"},
        {"/api/v1/products/{id}/ideas", "get", "product.read"},
        {"/api/v1/ideas/{id}", "get", "product.read"},
        {"/api/v1/ideas/{id}", "patch", "feedback.write"},
        {"/api/v1/ideas/{id}", "delete", "feedback.write"},
        {"/api/v1/ideas/{id}/votes", "post", "feedback.write"},
        {"/api/v1/idea-votes/{id}", "delete", "feedback.write"},
        {"/api/v1/items/{id}/demand", "get", "product.read"},
        {"/api/v1/products/{id}/demand", "get", "product.read"},
    };
    for (const auto& [path, method, action] : expected) {
        EXPECT_EQ(StrAt(doc.Json(), {"paths", path, method, "x-action"}), action)
            << method << " " << path;
    }
}

// The command line: `feedback add` (with a customer by name) and `feedback inbox`.
TEST_F(CustomerVoiceTest, TheCommandLineAddsFeedbackAndListsTheInbox) {
    const std::string p = NewProduct("CVE");
    Customer(p, "Alpine Survey", 180000);
    const std::vector<std::string> as_dave = {
        "THROUGHLINE_URL=http://127.0.0.1:" + std::to_string(env().server().port()),
        "THROUGHLINE_TOKEN=" + Token("dave")};
    auto tl = [&](std::vector<std::string> args) {
        args.insert(args.begin(), ServerBinary());
        return RunCommand(std::move(args), std::chrono::seconds(60), as_dave);
    };
    const auto add = tl({"feedback",
                         "add",
                         "--product",
                         "CVE",
                         "--source",
                         "trade_fair",
                         "--customer",
                         "alpine survey",
                         "--date",
                         "2026-09-23",
                         "Batteries die in the cold"});
    ASSERT_EQ(add.exit_code, 0) << add.output;
    EXPECT_NE(add.output.find("Added feedback cfb_"), std::string::npos) << add.output;
    EXPECT_NE(add.output.find("(trade_fair, 2026-09-23)"), std::string::npos) << add.output;
    const auto inbox = tl({"feedback", "inbox", "--product", "CVE"});
    ASSERT_EQ(inbox.exit_code, 0) << inbox.output;
    EXPECT_NE(inbox.output.find("Alpine Survey"), std::string::npos) << inbox.output;
    EXPECT_NE(inbox.output.find("Batteries die in the cold"), std::string::npos) << inbox.output;
    const auto json_inbox = tl({"feedback", "inbox", "--product", "CVE", "--json"});
    ASSERT_EQ(json_inbox.exit_code, 0) << json_inbox.output;
    EXPECT_EQ(ArrAt(json::parse(json_inbox.output), {"data"}).size(), 1u);
    const auto bad = tl({"feedback", "add", "--product", "CVE", "--source", "fair", "x"});
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_NE(bad.output.find("source"), std::string::npos) << bad.output;
    EXPECT_EQ(tl({"feedback",
                  "add",
                  "--product",
                  "CVE",
                  "--source",
                  "survey",
                  "--customer",
                  "Nobody",
                  "x"})
                  .exit_code,
              1);
    EXPECT_EQ(tl({"feedback", "inbox"}).exit_code, 2);
}

// The demo's X2 voice: customers with contacts, feedback linked to epics and features, ideas
// with votes; the battery feature ranks among the most demanded.
TEST_F(CustomerVoiceTest, TheDemoHasAVoiceForX2) {
    const std::string x2 = Ids().x2;
    const json::value customers = Ok(client().Get(Path(x2, "/customers"), Token("alice")));
    EXPECT_GE(ArrAt(customers, {"data"}).size(), 5u);
    const json::value feedback = Ok(client().Get(Path(x2, "/feedback?limit=200"), Token("bob")));
    EXPECT_GE(ArrAt(feedback, {"data"}).size(), 8u);
    const json::value ideas = Ok(client().Get(Path(x2, "/ideas?sort=votes"), Token("erin")));
    ASSERT_GE(ArrAt(ideas, {"data"}).size(), 3u);
    EXPECT_GT(IntAt(ArrAt(ideas, {"data"})[0], {"votes"}), 0);
    const json::value demand = Ok(client().Get(Path(x2, "/demand"), Token("alice")));
    ASSERT_GE(ArrAt(demand, {"data"}).size(), 3u);
    bool battery = false;
    for (std::size_t k = 0; k < 3; ++k) {
        battery = battery || StrAt(ArrAt(demand, {"data"})[k], {"item", "title"}) ==
                                 "High-density battery pack";
    }
    EXPECT_TRUE(battery) << json::serialize(demand);
}

}  // namespace
}  // namespace tl::test
