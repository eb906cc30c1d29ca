// Market and competition over HTTP, on both backends: personas with their links answered with
// key and name, competitors unique by name with their summary and notes count, the comparison
// matrix against the hand-worked example of docs/strategy.md, cells set and cleared, market
// notes filtered and paged, versions and If-Match, validation field by field, what deletes take
// along, the roles of docs/strategy.md, and market events hidden from stakeholders.
#include <array>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/event_stream_client.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

class MarketTest : public DemoSuite<MarketTest> {
protected:
    static std::string NewProduct(const std::string& key) {
        return NewRoledProduct(key, "Market", /*open_workflow=*/true);
    }
    // A PM's object made by POST on a collection of the product; its JSON.
    static json::value Made(const std::string& product,
                            const std::string& collection,
                            json::object body) {
        const HttpResult r = client().Post("/api/v1/products/" + product + "/" + collection,
                                           json::serialize(body),
                                           Token("alice"));
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
    static std::string ItemId(const std::string& key) {
        const HttpResult r = client().Get("/api/v1/items/" + key, Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
        return StrAt(r.Json(), {"id"});
    }
    static void SetStatus(const std::string& item, const std::string& status) {
        const HttpResult r = client().Patch("/api/v1/items/" + item,
                                            json::serialize(json::object{{"status", status}}),
                                            Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static HttpResult Put(const std::string& target,
                          const std::string& body,
                          const std::string& handle) {
        return client().Request(
            "PUT",
            target,
            body,
            {{"Authorization", "Bearer " + Token(handle)}, {"Content-Type", "application/json"}});
    }
    static std::vector<std::string> Strings(const json::array& list,
                                            std::initializer_list<std::string_view> path) {
        std::vector<std::string> out;
        for (const auto& v : list) {
            out.push_back(StrAt(v, path));
        }
        return out;
    }
    // The summary entry of one competitor in a comparison answer.
    static json::value SummaryOf(const json::value& matrix, const std::string& competitor) {
        for (const auto& s : ArrAt(matrix, {"summary"})) {
            if (StrAt(s, {"competitor_id"}) == competitor) {
                return s;
            }
        }
        ADD_FAILURE() << "no summary for " << competitor << ": " << json::serialize(matrix);
        return json::object{};
    }
    // The entity types of a product's history as `handle` reads it.
    static std::vector<std::string> HistoryTypes(const std::string& product,
                                                 const std::string& handle) {
        const HttpResult r =
            client().Get("/api/v1/products/" + product + "/history?limit=200", Token(handle));
        EXPECT_EQ(r.status, 200) << r.body;
        return Strings(ArrAt(r.Json(), {"data"}), {"entity_type"});
    }
};

TEST_F(MarketTest, PersonasWithLinksFiltersAndVersions) {
    const std::string p = NewProduct("MKA");
    const std::string epic = Key(p, "epic", "Thermal inspection");
    const std::string story = Key(p, "story", "Night flights");
    const json::value feedback = [&] {
        const HttpResult r = client().Post(
            "/api/v1/products/" + p + "/feedback",
            json::serialize(json::object{
                {"text",
                 "We lose half a day on every battery swap when the towers are far apart, and "
                 "the crews hate climbing back down."},
                {"source", "interview"}}),
            Token("alice"));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json();
    }();
    const json::value ingrid =
        Made(p,
             "personas",
             {{"name", "Ingrid, inspection lead"},
              {"segment", "Energy utilities"},
              {"role", "Head of line inspection"},
              {"description", "Runs **two** crews."},
              {"goals", json::array{"Inspect 40 km a day", "No climbing"}},
              {"pains", json::array{"Battery swaps"}},
              {"quote", "Every swap costs us a tower."},
              {"links",
               json::array{json::object{{"type", "item"}, {"id", epic}},
                           json::object{{"type", "feedback"}, {"id", StrAt(feedback, {"id"})}},
                           json::object{{"type", "item"}, {"id", ItemId(story)}}}}});
    const std::string id = StrAt(ingrid, {"id"});
    EXPECT_EQ(StrAt(ingrid, {"product_id"}), p);
    EXPECT_EQ(IntAt(ingrid, {"version"}), 1);
    EXPECT_EQ(StrAt(ingrid, {"created_by", "name"}), "Alice Moreau");
    EXPECT_EQ(Strings(ArrAt(ingrid, {"goals"}), {}),
              (std::vector<std::string>{"Inspect 40 km a day", "No climbing"}));
    const json::array links = ArrAt(ingrid, {"links"});
    ASSERT_EQ(links.size(), 3u) << json::serialize(ingrid);
    // An item link answers its key and title; a feedback link no key and its text's start.
    EXPECT_EQ(StrAt(links[0], {"type"}), "item");
    EXPECT_EQ(StrAt(links[0], {"id"}), ItemId(epic));
    EXPECT_EQ(StrAt(links[0], {"key"}), epic);
    EXPECT_EQ(StrAt(links[0], {"name"}), "Thermal inspection");
    EXPECT_EQ(StrAt(links[1], {"type"}), "feedback");
    EXPECT_TRUE(At(links[1], {"key"})->is_null());
    EXPECT_EQ(StrAt(links[1], {"name"}),
              "We lose half a day on every battery swap when the towers are far apart, and the ");
    EXPECT_EQ(StrAt(links[2], {"key"}), story);  // any type of item

    Made(p, "personas", {{"name", "Anton, field pilot"}, {"segment", "Inspection services"}});
    const std::string base = "/api/v1/products/" + p + "/personas";
    const HttpResult all = client().Get(base, Token("dave"));
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(Strings(ArrAt(all.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"Anton, field pilot", "Ingrid, inspection lead"}));
    const HttpResult segment = client().Get(base + "?segment=energy%20UTILITIES", Token("dave"));
    EXPECT_EQ(ArrAt(segment.Json(), {"data"}).size(), 1u) << segment.body;
    const HttpResult words = client().Get(base + "?q=battery%20INGRID", Token("dave"));
    EXPECT_EQ(Strings(ArrAt(words.Json(), {"data"}), {"id"}), (std::vector<std::string>{id}));
    const HttpResult none = client().Get(base + "?q=battery%20anton", Token("dave"));
    EXPECT_TRUE(ArrAt(none.Json(), {"data"}).empty()) << none.body;
    // The personas of an item, by key or id.
    for (const std::string& item : {epic, ItemId(epic)}) {
        const HttpResult of_item = client().Get(base + "?item=" + item, Token("carol"));
        EXPECT_EQ(Strings(ArrAt(of_item.Json(), {"data"}), {"id"}), (std::vector<std::string>{id}))
            << of_item.body;
    }

    // PATCH with If-Match; links sent replace the whole list.
    const std::string one = "/api/v1/personas/" + id;
    const HttpResult changed = client().Patch(
        one, R"({"pains":["Battery swaps","Paperwork"],"links":[]})", Token("alice"), "\"1\"");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    EXPECT_EQ(changed.Header("etag"), "\"2\"");
    EXPECT_TRUE(ArrAt(changed.Json(), {"links"}).empty());
    const HttpResult stale =
        client().Patch(one, R"({"quote":"Too late"})", Token("alice"), "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(IntAt(stale.Json(), {"current", "version"}), 2);
    const HttpResult same =
        client().Patch(one, R"({"name":"Ingrid, inspection lead"})", Token("alice"));
    EXPECT_EQ(IntAt(same.Json(), {"version"}), 2);  // a change to nothing writes nothing

    // A link whose object is deleted later is dropped from the answer.
    ASSERT_EQ(
        client()
            .Patch(one,
                   json::serialize(json::object{
                       {"links", json::array{json::object{{"type", "item"}, {"id", story}}}}}),
                   Token("alice"))
            .status,
        200);
    ASSERT_EQ(client().Delete("/api/v1/items/" + story, Token("bob")).status, 204);
    const HttpResult after = client().Get(one, Token("alice"));
    EXPECT_TRUE(ArrAt(after.Json(), {"links"}).empty()) << after.body;

    ASSERT_EQ(client().Delete(one, Token("alice")).status, 204);
    ExpectError(client().Get(one, Token("alice")), 404, "not_found");
}

TEST_F(MarketTest, PersonaFieldsAreCheckedOneByOne) {
    const std::string p = NewProduct("MKB");
    const std::string other = NewProduct("MKC");
    const std::string foreign = Key(other, "feature", "Not ours");
    const HttpResult bad =
        client().Post("/api/v1/products/" + p + "/personas",
                      json::serialize(json::object{
                          {"segment", std::string(201, 's')},
                          {"goals", json::array{"fine", ""}},
                          {"pains", json::array{42}},
                          {"links",
                           json::array{json::object{{"type", "item"}, {"id", foreign}},
                                       json::object{{"type", "feedback"}, {"id", "cfb_missing"}},
                                       json::object{{"type", "goal"}, {"id", "gol_1"}}}},
                          {"mood", "happy"}}),
                      Token("alice"));
    ExpectInvalid(bad,
                  {"name",
                   "segment",
                   "goals.1",
                   "pains.0",
                   "links.0.id",
                   "links.1.id",
                   "links.2.type",
                   "mood"});
    EXPECT_NE(bad.body.find("must be an item of the product"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("must be feedback of the product"), std::string::npos) << bad.body;
    const HttpResult list = client().Get("/api/v1/products/" + p + "/personas", Token("alice"));
    EXPECT_TRUE(ArrAt(list.Json(), {"data"}).empty()) << list.body;
}

TEST_F(MarketTest, CompetitorsAreUniqueByNameAndSummarised) {
    const std::string p = NewProduct("MKD");
    const json::value aero =
        Made(p,
             "competitors",
             {{"name", "AeroVista"},
              {"website", "https://aerovista.example"},
              {"positioning", "Premium inspection drones"},
              {"pricing", "from 12,000 EUR per airframe"},
              {"strengths", json::array{"Thermal camera"}},
              {"weaknesses", json::array{"Short flight time"}},
              {"links",
               json::array{json::object{{"title", "Pricing"},
                                        {"url", "https://aerovista.example/pricing"}}}},
              {"threat", "high"},
              {"notes", "Met them at the fair"}});
    const std::string id = StrAt(aero, {"id"});
    EXPECT_EQ(StrAt(aero, {"threat"}), "high");
    EXPECT_EQ(StrAt(ArrAt(aero, {"links"})[0], {"url"}), "https://aerovista.example/pricing");
    const json::value birds = Made(p, "competitors", {{"name", "Birdseye"}});
    EXPECT_EQ(StrAt(birds, {"threat"}), "medium");  // the default
    EXPECT_EQ(StrAt(birds, {"website"}), "");

    // A second one of the same name, in any case, is a conflict; so is renaming onto it.
    ExpectError(
        client().Post(
            "/api/v1/products/" + p + "/competitors", R"({"name":"AEROVISTA"})", Token("alice")),
        409,
        "conflict");
    ExpectError(client().Patch("/api/v1/competitors/" + StrAt(birds, {"id"}),
                               R"({"name":"aerovista"})",
                               Token("alice")),
                409,
                "conflict");

    const std::string base = "/api/v1/products/" + p + "/competitors";
    // Frank holds no role on this product: its list is refused, its objects are absent.
    ExpectError(client().Get(base, Token("frank")), 403, "forbidden");
    ExpectError(client().Get("/api/v1/competitors/" + id, Token("frank")), 404, "not_found");
    const HttpResult all = client().Get(base, Token("carol"));
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(Strings(ArrAt(all.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"AeroVista", "Birdseye"}));
    EXPECT_EQ(At(ArrAt(all.Json(), {"data"})[0], {"comparison"}), nullptr);  // GET one only
    const HttpResult high = client().Get(base + "?threat=high", Token("carol"));
    EXPECT_EQ(Strings(ArrAt(high.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"AeroVista"}));
    const HttpResult words = client().Get(base + "?q=thermal%20premium", Token("carol"));
    EXPECT_EQ(Strings(ArrAt(words.Json(), {"data"}), {"name"}),
              (std::vector<std::string>{"AeroVista"}));
    ExpectInvalid(client().Get(base + "?threat=severe", Token("carol")), {"threat"});

    // GET one: the summary over the matrix and the notes about it.
    Made(p, "comparison/rows", {{"capability", "Thermal camera"}});
    Made(p, "market-notes", {{"title", "AeroVista cuts prices"}, {"competitor_id", id}});
    const HttpResult one = client().Get("/api/v1/competitors/" + id, Token("dave"));
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.Header("etag"), "\"1\"");
    EXPECT_EQ(IntAt(one.Json(), {"comparison", "unknown"}), 1);
    EXPECT_EQ(IntAt(one.Json(), {"comparison", "has"}), 0);
    EXPECT_EQ(IntAt(one.Json(), {"notes_count"}), 1);

    // Versions.
    const HttpResult changed = client().Patch(
        "/api/v1/competitors/" + id, R"({"threat":"medium"})", Token("alice"), "\"1\"");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    const HttpResult stale =
        client().Patch("/api/v1/competitors/" + id, R"({"threat":"low"})", Token("alice"), "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "threat"}), "medium");
}

TEST_F(MarketTest, CompetitorFieldsAreCheckedOneByOne) {
    const std::string p = NewProduct("MKE");
    const HttpResult bad = client().Post(
        "/api/v1/products/" + p + "/competitors",
        json::serialize(json::object{
            {"name", "  "},
            {"website", "aerovista.example"},
            {"strengths", json::array{std::string(501, 's')}},
            {"links",
             json::array{json::object{{"title", "Mail"}, {"url", "mailto:x@y.example"}},
                         json::object{{"title", "No URL"}}}},
            {"threat", "severe"}}),
        Token("alice"));
    ExpectInvalid(bad, {"name", "website", "strengths.0", "links.0.url", "links.1.url", "threat"});
    ExpectInvalid(client().Post("/api/v1/products/" + p + "/competitors", "{}", Token("alice")),
                  {"name"});
}

// docs/strategy.md's worked example: rows R1 (item done), R2 (item in the backlog), R3 (no
// item); competitor C has R1 missing, R2 has, R3 better: has 1, partial 0, missing 1, better 1,
// unknown 0, edge 1, gap 2.
TEST_F(MarketTest, TheMatrixSummarisesTheWorkedExample) {
    const std::string p = NewProduct("MKF");
    const std::string done = Key(p, "epic", "Thermal inspection");
    SetStatus(done, "done");
    const std::string planned = Key(p, "feature", "Night flights");
    const std::string c =
        StrAt(Made(p, "competitors", {{"name", "C"}, {"threat", "high"}}), {"id"});
    const std::string d = StrAt(Made(p, "competitors", {{"name", "D"}}), {"id"});

    // The label defaults to the item's title; rows go after the last.
    const json::value r1 = Made(p, "comparison/rows", {{"item_id", done}});
    EXPECT_EQ(StrAt(r1, {"capability"}), "Thermal inspection");
    EXPECT_EQ(StrAt(r1, {"item", "key"}), done);
    EXPECT_EQ(StrAt(r1, {"item", "type"}), "epic");
    EXPECT_EQ(StrAt(r1, {"ours"}), "shipped");
    const json::value r2 = Made(
        p, "comparison/rows", {{"capability", "Night inspection"}, {"item_id", ItemId(planned)}});
    EXPECT_EQ(StrAt(r2, {"ours"}), "planned");
    EXPECT_GT(IntAt(r2, {"position"}), IntAt(r1, {"position"}));
    const json::value r3 = Made(p, "comparison/rows", {{"capability", "Swappable payloads"}});
    EXPECT_TRUE(At(r3, {"item"})->is_null());
    EXPECT_TRUE(At(r3, {"ours"})->is_null());

    const auto cell =
        [&](const json::value& row, const std::string& competitor, const std::string& value) {
            const HttpResult r =
                Put("/api/v1/comparison-rows/" + StrAt(row, {"id"}) + "/cells/" + competitor,
                    json::serialize(json::object{{"value", value}, {"note", "seen"}}),
                    "alice");
            EXPECT_EQ(r.status, 200) << r.body;
            return r;
        };
    const HttpResult set = cell(r1, c, "missing");
    // The whole row answers, with the cell.
    EXPECT_EQ(StrAt(set.Json(), {"cells", c, "value"}), "missing");
    EXPECT_EQ(StrAt(set.Json(), {"cells", c, "note"}), "seen");
    EXPECT_EQ(StrAt(set.Json(), {"id"}), StrAt(r1, {"id"}));
    cell(r2, c, "has");
    cell(r3, c, "partial");
    cell(r3, c, "better");  // last write wins
    cell(r2, d, "partial");

    const HttpResult matrix = client().Get("/api/v1/products/" + p + "/comparison", Token("bob"));
    ASSERT_EQ(matrix.status, 200) << matrix.body;
    const json::value m = matrix.Json();
    EXPECT_EQ(Strings(ArrAt(m, {"competitors"}), {"name"}), (std::vector<std::string>{"C", "D"}));
    EXPECT_EQ(StrAt(ArrAt(m, {"competitors"})[0], {"threat"}), "high");
    EXPECT_EQ(Strings(ArrAt(m, {"rows"}), {"id"}),
              (std::vector<std::string>{StrAt(r1, {"id"}), StrAt(r2, {"id"}), StrAt(r3, {"id"})}));
    const json::value sc = SummaryOf(m, c);
    EXPECT_EQ(IntAt(sc, {"has"}), 1);
    EXPECT_EQ(IntAt(sc, {"partial"}), 0);
    EXPECT_EQ(IntAt(sc, {"missing"}), 1);
    EXPECT_EQ(IntAt(sc, {"better"}), 1);
    EXPECT_EQ(IntAt(sc, {"unknown"}), 0);
    EXPECT_EQ(IntAt(sc, {"edge"}), 1);
    EXPECT_EQ(IntAt(sc, {"gap"}), 2);
    // D: R2 partial while we only plan it (neither edge nor gap), the rest unknown.
    const json::value sd = SummaryOf(m, d);
    EXPECT_EQ(IntAt(sd, {"partial"}), 1);
    EXPECT_EQ(IntAt(sd, {"unknown"}), 2);
    EXPECT_EQ(IntAt(sd, {"edge"}), 0);
    EXPECT_EQ(IntAt(sd, {"gap"}), 0);
    // The competitor's own summary says the same.
    const HttpResult one = client().Get("/api/v1/competitors/" + c, Token("bob"));
    EXPECT_EQ(IntAt(one.Json(), {"comparison", "better"}), 1);
    EXPECT_EQ(IntAt(one.Json(), {"comparison", "missing"}), 1);

    // Clearing a cell makes it unknown again and answers the whole row.
    const HttpResult cleared = client().Delete(
        "/api/v1/comparison-rows/" + StrAt(r3, {"id"}) + "/cells/" + c, Token("alice"));
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(At(cleared.Json(), {"cells", c}), nullptr);
    const HttpResult again = client().Get("/api/v1/products/" + p + "/comparison", Token("bob"));
    EXPECT_EQ(IntAt(SummaryOf(again.Json(), c), {"unknown"}), 1);
    EXPECT_EQ(IntAt(SummaryOf(again.Json(), c), {"gap"}), 1);

    // Shipping the planned item turns R2's `has` from a gap into parity.
    SetStatus(planned, "done");
    const HttpResult shipped = client().Get("/api/v1/products/" + p + "/comparison", Token("bob"));
    EXPECT_EQ(IntAt(SummaryOf(shipped.Json(), c), {"gap"}), 0);
    EXPECT_EQ(StrAt(ArrAt(shipped.Json(), {"rows"})[1], {"ours"}), "shipped");
}

TEST_F(MarketTest, RowsAndCellsAreChecked) {
    const std::string p = NewProduct("MKG");
    const std::string story = Key(p, "story", "A story");
    const std::string feature = Key(p, "feature", "Payload bay");
    const std::string c = StrAt(Made(p, "competitors", {{"name", "C"}}), {"id"});
    const std::string rows = "/api/v1/products/" + p + "/comparison/rows";
    const HttpResult wrong_type =
        client().Post(rows, json::serialize(json::object{{"item_id", story}}), Token("alice"));
    ExpectInvalid(wrong_type, {"item_id"});
    EXPECT_NE(wrong_type.body.find("must be an epic or feature"), std::string::npos)
        << wrong_type.body;
    ExpectInvalid(client().Post(rows, "{}", Token("alice")), {"capability"});
    ExpectInvalid(client().Post(rows, R"({"capability":"X","position":-1})", Token("alice")),
                  {"position"});
    ExpectInvalid(client().Post(rows, R"({"item_id":"MKG-999"})", Token("alice")), {"item_id"});

    const json::value row =
        Made(p, "comparison/rows", {{"capability", "Payloads"}, {"position", 5}});
    EXPECT_EQ(IntAt(row, {"position"}), 5);
    const std::string one = "/api/v1/comparison-rows/" + StrAt(row, {"id"});
    const HttpResult linked = client().Patch(
        one, json::serialize(json::object{{"item_id", feature}}), Token("alice"), "\"1\"");
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(StrAt(linked.Json(), {"capability"}), "Payloads");  // kept
    EXPECT_EQ(StrAt(linked.Json(), {"item", "key"}), feature);
    EXPECT_EQ(IntAt(linked.Json(), {"version"}), 2);
    ExpectError(client().Patch(one, R"({"position":1})", Token("alice"), "\"1\""),
                412,
                "precondition_failed");
    const HttpResult unlinked = client().Patch(one, R"({"item_id":null})", Token("alice"));
    EXPECT_TRUE(At(unlinked.Json(), {"item"})->is_null()) << unlinked.body;

    ExpectInvalid(Put(one + "/cells/" + c, R"({"value":"unknown"})", "alice"), {"value"});
    ExpectInvalid(Put(one + "/cells/" + c, R"({"note":"no value"})", "alice"), {"value"});
    ExpectInvalid(
        Put(one + "/cells/" + c,
            json::serialize(json::object{{"value", "has"}, {"note", std::string(501, 'n')}}),
            "alice"),
        {"note"});
    ExpectError(Put(one + "/cells/cmp_missing", R"({"value":"has"})", "alice"), 404, "not_found");
    // A competitor of another product is not one of this row's.
    const std::string elsewhere = NewProduct("MKH");
    const std::string theirs = StrAt(Made(elsewhere, "competitors", {{"name", "C"}}), {"id"});
    ExpectError(Put(one + "/cells/" + theirs, R"({"value":"has"})", "alice"), 404, "not_found");

    // Deleting the row takes its cells along.
    ASSERT_EQ(Put(one + "/cells/" + c, R"({"value":"has"})", "alice").status, 200);
    ASSERT_EQ(client().Delete(one, Token("alice")).status, 204);
    const HttpResult matrix = client().Get("/api/v1/products/" + p + "/comparison", Token("alice"));
    EXPECT_TRUE(ArrAt(matrix.Json(), {"rows"}).empty()) << matrix.body;
    EXPECT_EQ(IntAt(SummaryOf(matrix.Json(), c), {"has"}), 0);
}

TEST_F(MarketTest, DeletingACompetitorOrPersonaTakesAlongWhatTheContractSays) {
    const std::string p = NewProduct("MKI");
    const std::string c = StrAt(Made(p, "competitors", {{"name", "AeroVista"}}), {"id"});
    const std::string persona = StrAt(Made(p, "personas", {{"name", "Ingrid"}}), {"id"});
    const json::value row = Made(p, "comparison/rows", {{"capability", "Thermal camera"}});
    ASSERT_EQ(Put("/api/v1/comparison-rows/" + StrAt(row, {"id"}) + "/cells/" + c,
                  R"({"value":"better"})",
                  "alice")
                  .status,
              200);
    const json::value note = Made(
        p,
        "market-notes",
        {{"title", "AeroVista courts utilities"}, {"competitor_id", c}, {"persona_id", persona}});
    EXPECT_EQ(StrAt(note, {"competitor", "name"}), "AeroVista");
    EXPECT_EQ(StrAt(note, {"persona", "name"}), "Ingrid");

    ASSERT_EQ(client().Delete("/api/v1/competitors/" + c, Token("alice")).status, 204);
    const HttpResult matrix = client().Get("/api/v1/products/" + p + "/comparison", Token("alice"));
    EXPECT_TRUE(ArrAt(matrix.Json(), {"competitors"}).empty());
    EXPECT_TRUE(At(ArrAt(matrix.Json(), {"rows"})[0], {"cells"})->as_object().empty())
        << matrix.body;
    const std::string note_url = "/api/v1/market-notes/" + StrAt(note, {"id"});
    const HttpResult kept = client().Get(note_url, Token("alice"));
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_TRUE(At(kept.Json(), {"competitor"})->is_null());
    EXPECT_EQ(StrAt(kept.Json(), {"persona", "id"}), persona);

    ASSERT_EQ(client().Delete("/api/v1/personas/" + persona, Token("alice")).status, 204);
    const HttpResult still = client().Get(note_url, Token("alice"));
    EXPECT_TRUE(At(still.Json(), {"persona"})->is_null()) << still.body;
    // The note's own version did not move: clearing is the delete's doing.
    EXPECT_EQ(IntAt(still.Json(), {"version"}), 1);
}

TEST_F(MarketTest, NotesAreFilteredAndPaged) {
    const std::string p = NewProduct("MKJ");
    const std::string c = StrAt(Made(p, "competitors", {{"name", "AeroVista"}}), {"id"});
    const std::string persona = StrAt(Made(p, "personas", {{"name", "Ingrid"}}), {"id"});
    const json::value first = Made(
        p,
        "market-notes",
        {{"title", "BVLOS rules relaxed"},
         {"kind", "trend"},
         {"body", "EASA eases **beyond line of sight** flights."},
         {"date", "2026-10-01"},
         {"sources", json::array{json::object{{"title", "EASA"}, {"url", "https://easa.example"}}}},
         {"impact", "high"},
         {"tags", json::array{"Regulation", "BVLOS", "regulation"}}});
    EXPECT_EQ(StrAt(first, {"kind"}), "trend");
    EXPECT_EQ(StrAt(first, {"impact"}), "high");
    EXPECT_EQ(Strings(ArrAt(first, {"tags"}), {}),
              (std::vector<std::string>{"regulation", "bvlos"}));
    EXPECT_TRUE(At(first, {"competitor"})->is_null());
    EXPECT_EQ(StrAt(first, {"created_by", "name"}), "Alice Moreau");
    const json::value dflt = Made(p, "market-notes", {{"title", "Defaults"}});
    EXPECT_EQ(StrAt(dflt, {"kind"}), "research");
    EXPECT_EQ(StrAt(dflt, {"date"}).size(), 10u);  // today
    EXPECT_TRUE(At(dflt, {"impact"})->is_null());
    for (int i = 1; i <= 5; ++i) {
        Made(p,
             "market-notes",
             {{"title", "Thermal note " + std::to_string(i)},
              {"kind", "news"},
              {"date", "2026-09-0" + std::to_string(i)},
              {"competitor_id", c},
              {"persona_id", i % 2 == 0 ? persona : ""},
              {"tags", json::array{"thermal"}}});
    }
    const std::string base = "/api/v1/products/" + p + "/market-notes";
    // Newest date first, in pages.
    std::vector<std::string> titles;
    std::string cursor;
    int pages = 0;
    do {
        const HttpResult page =
            client().Get(base + "?limit=3" + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)),
                         Token("dave"));
        ASSERT_EQ(page.status, 200) << page.body;
        const json::value body = page.Json();
        for (const auto& t : Strings(ArrAt(body, {"data"}), {"title"})) {
            titles.push_back(t);
        }
        const json::value* next = At(body, {"next_cursor"});
        cursor = next != nullptr && next->is_string() ? std::string(next->as_string()) : "";
        ++pages;
    } while (!cursor.empty() && pages < 10);
    EXPECT_EQ(pages, 3);
    ASSERT_EQ(titles.size(), 7u);
    EXPECT_EQ(titles[0], "Defaults");
    EXPECT_EQ(titles[1], "BVLOS rules relaxed");
    EXPECT_EQ(titles[2], "Thermal note 5");
    EXPECT_EQ(titles[6], "Thermal note 1");
    ExpectInvalid(client().Get(base + "?cursor=nonsense", Token("dave")), {"cursor"});
    ExpectInvalid(client().Get(base + "?limit=500", Token("dave")), {"limit"});
    ExpectInvalid(client().Get(base + "?kind=rumour", Token("dave")), {"kind"});

    const auto count = [&](const std::string& query) {
        const HttpResult r = client().Get(base + "?" + query, Token("carol"));
        EXPECT_EQ(r.status, 200) << r.body;
        return ArrAt(r.Json(), {"data"}).size();
    };
    EXPECT_EQ(count("kind=news"), 5u);
    EXPECT_EQ(count("kind=trend"), 1u);
    EXPECT_EQ(count("competitor=" + c), 5u);
    EXPECT_EQ(count("persona=" + persona), 2u);
    EXPECT_EQ(count("tag=thermal"), 5u);
    EXPECT_EQ(count("tag=BVLOS"), 1u);
    EXPECT_EQ(count("q=line%20SIGHT"), 1u);
    EXPECT_EQ(count("q=regulation"), 1u);  // a tag's word
    EXPECT_EQ(count("q=thermal%203"), 1u);
    EXPECT_EQ(count("kind=news&persona=" + persona + "&q=note%204"), 1u);

    // Checked field by field; links of another product refused.
    const std::string other = NewProduct("MKK");
    const std::string theirs = StrAt(Made(other, "competitors", {{"name", "Theirs"}}), {"id"});
    const HttpResult bad = client().Post(
        base,
        json::serialize(json::object{
            {"kind", "rumour"},
            {"date", "2026-02-30"},
            {"sources", json::array{json::object{{"title", "x"}, {"url", "ftp://x.example"}}}},
            {"impact", "huge"},
            {"competitor_id", theirs},
            {"persona_id", "per_missing"},
            {"tags", json::array{std::string(41, 't')}}}),
        Token("alice"));
    ExpectInvalid(bad,
                  {"title",
                   "kind",
                   "date",
                   "sources.0.url",
                   "impact",
                   "competitor_id",
                   "persona_id",
                   "tags.0"});
    EXPECT_NE(bad.body.find("must be a competitor of the product"), std::string::npos);

    // Versions, clearing the impact, deleting.
    const std::string one = "/api/v1/market-notes/" + StrAt(first, {"id"});
    const HttpResult changed =
        client().Patch(one, R"({"impact":null,"tags":["eu"]})", Token("alice"), "\"1\"");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_TRUE(At(changed.Json(), {"impact"})->is_null());
    EXPECT_EQ(IntAt(changed.Json(), {"version"}), 2);
    const HttpResult stale = client().Patch(one, R"({"title":"Old"})", Token("alice"), "\"1\"");
    ExpectError(stale, 412, "precondition_failed");
    EXPECT_EQ(StrAt(stale.Json(), {"current", "title"}), "BVLOS rules relaxed");
    ASSERT_EQ(client().Delete(one, Token("alice")).status, 204);
    ExpectError(client().Get(one, Token("alice")), 404, "not_found");
}

// Reading needs market.read (every role but the stakeholder); writing market.write (the PM);
// authorisation comes before validation.
TEST_F(MarketTest, RolesOfTheStrategyTable) {
    const std::string p = NewProduct("MKL");
    const std::string c = StrAt(Made(p, "competitors", {{"name", "AeroVista"}}), {"id"});
    for (const std::string who : {"bob", "carol", "dave"}) {
        EXPECT_EQ(client().Get("/api/v1/products/" + p + "/comparison", Token(who)).status, 200)
            << who;
        EXPECT_EQ(client().Get("/api/v1/competitors/" + c, Token(who)).status, 200) << who;
        // An invalid body is still 403 for those without the right.
        ExpectError(client().Post("/api/v1/products/" + p + "/competitors",
                                  R"({"name":"","threat":"severe"})",
                                  Token(who)),
                    403,
                    "forbidden");
        ExpectError(client().Delete("/api/v1/competitors/" + c, Token(who)), 403, "forbidden");
    }
    for (const std::string& path : {"/api/v1/products/" + p + "/personas",
                                    "/api/v1/products/" + p + "/competitors",
                                    "/api/v1/products/" + p + "/comparison",
                                    "/api/v1/products/" + p + "/market-notes",
                                    "/api/v1/competitors/" + c}) {
        ExpectError(client().Get(path, Token("erin")), 403, "forbidden");
    }
    ExpectError(client().Get("/api/v1/products/" + p + "/market-notes?kind=rumour", Token("erin")),
                403,
                "forbidden");
}

// Market events, like stakeholder events, reach only readers holding market.read: neither the
// stakeholder's live feed nor the product's history shows them.
TEST_F(MarketTest, StakeholdersSeeNoMarketEvents) {
    const std::string p = NewProduct("MKM");
    EventStreamClient erin(env().server().port(), Token("erin"), "/api/v1/events?product_id=" + p);
    EventStreamClient dave(env().server().port(), Token("dave"), "/api/v1/events?product_id=" + p);
    ASSERT_EQ(erin.Status(), 200) << erin.head();
    ASSERT_EQ(dave.Status(), 200) << dave.head();
    ASSERT_TRUE(erin.NextOf("ready", 5s));
    ASSERT_TRUE(dave.NextOf("ready", 5s));

    const std::string c = StrAt(Made(p, "competitors", {{"name", "AeroVista"}}), {"id"});
    const std::string item = Key(p, "feature", "After the competitor");

    const auto first_dave = dave.NextOf("change", 5s);
    ASSERT_TRUE(first_dave) << dave.Describe();
    EXPECT_EQ(StrAt(json::parse(first_dave->data), {"entity_type"}), "competitor");
    EXPECT_EQ(StrAt(json::parse(first_dave->data), {"entity_id"}), c);
    // Erin's first change is the item made after the competitor.
    const auto first_erin = erin.NextOf("change", 5s);
    ASSERT_TRUE(first_erin) << erin.Describe();
    EXPECT_EQ(StrAt(json::parse(first_erin->data), {"entity_type"}), "item");

    const auto erin_history = HistoryTypes(p, "erin");
    EXPECT_TRUE(Has(erin_history, "item"));
    EXPECT_FALSE(Has(erin_history, "competitor"));
    const auto dave_history = HistoryTypes(p, "dave");
    EXPECT_TRUE(Has(dave_history, "competitor"));
    EXPECT_TRUE(Has(dave_history, "item"));
}

TEST_F(MarketTest, EveryWriteIsAnEvent) {
    const std::string p = NewProduct("MKN");
    const std::string c = StrAt(Made(p, "competitors", {{"name", "AeroVista"}}), {"id"});
    const std::string persona = StrAt(Made(p, "personas", {{"name", "Ingrid"}}), {"id"});
    const std::string row =
        StrAt(Made(p, "comparison/rows", {{"capability", "Thermal camera"}}), {"id"});
    const std::string note = StrAt(Made(p, "market-notes", {{"title", "A note"}}), {"id"});
    ASSERT_EQ(
        Put("/api/v1/comparison-rows/" + row + "/cells/" + c, R"({"value":"has"})", "alice").status,
        200);
    ASSERT_EQ(client().Delete("/api/v1/market-notes/" + note, Token("alice")).status, 204);
    const HttpResult r =
        client().Get("/api/v1/products/" + p + "/history?limit=200", Token("alice"));
    ASSERT_EQ(r.status, 200) << r.body;
    std::vector<std::string> seen;
    for (const auto& e : ArrAt(r.Json(), {"data"})) {
        seen.push_back(StrAt(e, {"entity_type"}) + ":" + StrAt(e, {"action"}));
    }
    for (const char* expected : {"competitor:created",
                                 "persona:created",
                                 "comparison_row:created",
                                 "comparison_row:updated",
                                 "market_note:created",
                                 "market_note:deleted"}) {
        EXPECT_TRUE(Has(seen, expected)) << expected;
    }
}

// throughline market competitors|personas|matrix --product KEY [--json], as `handle`.
TEST_F(MarketTest, CommandLinePrintsCompetitorsPersonasAndTheMatrix) {
    const std::string p = NewProduct("MKO");
    const std::string c =
        StrAt(Made(p, "competitors", {{"name", "AeroVista"}, {"threat", "high"}}), {"id"});
    const std::string d = StrAt(Made(p, "competitors", {{"name", "Birdseye"}}), {"id"});
    Made(p, "personas", {{"name", "Ingrid"}, {"segment", "Energy utilities"}});
    const std::string r1 =
        StrAt(Made(p, "comparison/rows", {{"capability", "Thermal camera"}}), {"id"});
    Made(p, "comparison/rows", {{"capability", "Swappable payloads"}});
    ASSERT_EQ(Put("/api/v1/comparison-rows/" + r1 + "/cells/" + c, R"({"value":"better"})", "alice")
                  .status,
              200);
    ASSERT_EQ(
        Put("/api/v1/comparison-rows/" + r1 + "/cells/" + d, R"({"value":"partial"})", "alice")
            .status,
        200);
    const auto tl = [&](std::vector<std::string> args, const std::string& handle) {
        args.insert(args.begin(), ServerBinary());
        return RunCommand(
            std::move(args),
            std::chrono::seconds(60),
            {"THROUGHLINE_URL=http://127.0.0.1:" + std::to_string(env().server().port()),
             "THROUGHLINE_TOKEN=" + Token(handle)});
    };
    const CommandResult matrix = tl({"market", "matrix", "--product", "MKO"}, "dave");
    ASSERT_EQ(matrix.exit_code, 0) << matrix.output;
    std::istringstream lines(matrix.output);
    std::vector<std::string> out;
    for (std::string line; std::getline(lines, line);) {
        out.push_back(line);
    }
    ASSERT_EQ(out.size(), 3u) << matrix.output;
    EXPECT_EQ(out[0].find("CAPABILITY"), 0u) << matrix.output;
    EXPECT_NE(out[0].find("AeroVista"), std::string::npos) << matrix.output;
    EXPECT_NE(out[1].find("Thermal camera"), std::string::npos) << matrix.output;
    EXPECT_NE(out[1].find("BETTER"), std::string::npos) << matrix.output;
    EXPECT_NE(out[1].find("part"), std::string::npos) << matrix.output;
    EXPECT_NE(out[2].find("?"), std::string::npos) << matrix.output;

    const CommandResult competitors = tl({"market", "competitors", "--product", "MKO"}, "dave");
    ASSERT_EQ(competitors.exit_code, 0) << competitors.output;
    EXPECT_NE(competitors.output.find("AeroVista"), std::string::npos) << competitors.output;
    EXPECT_NE(competitors.output.find("high"), std::string::npos) << competitors.output;
    const CommandResult json = tl({"market", "competitors", "--product", "MKO", "--json"}, "dave");
    ASSERT_EQ(json.exit_code, 0) << json.output;
    const json::value parsed = json::parse(json.output);
    ASSERT_EQ(ArrAt(parsed, {"data"}).size(), 2u) << json.output;
    EXPECT_EQ(IntAt(ArrAt(parsed, {"data"})[0], {"comparison", "better"}), 1);
    EXPECT_EQ(IntAt(ArrAt(parsed, {"data"})[0], {"comparison", "unknown"}), 1);

    const CommandResult personas = tl({"market", "personas", "--product", "MKO"}, "dave");
    ASSERT_EQ(personas.exit_code, 0) << personas.output;
    EXPECT_NE(personas.output.find("Energy utilities"), std::string::npos) << personas.output;
    // The stakeholder may not read the market: the server says no.
    const CommandResult refused = tl({"market", "matrix", "--product", "MKO"}, "erin");
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
}

}  // namespace
}  // namespace tl::test

namespace tl::test {
namespace {

// The demo's market (demo_market.cpp) as Carol, the Scrum Master, reads it: three personas
// linked to X2 items and feedback, three competitors, the ten-row matrix with each competitor's
// counts worked out by hand from the seed, and five notes newest first.
TEST_F(MarketTest, TheDemoHoldsSkyLiftsMarket) {
    const std::string x2 = Ids().x2;
    const HttpResult personas =
        client().Get("/api/v1/products/" + x2 + "/personas", Token("carol"));
    ASSERT_EQ(personas.status, 200) << personas.body;
    const json::array& ps = ArrAt(personas.Json(), {"data"});
    ASSERT_EQ(ps.size(), 3u);
    EXPECT_EQ(StrAt(ps[0], {"name"}), "Ines, grid inspection lead");
    int item_links = 0;
    int feedback_links = 0;
    for (const auto& l : ArrAt(ps[0], {"links"})) {
        (StrAt(l, {"type"}) == "item" ? item_links : feedback_links) += 1;
    }
    EXPECT_EQ(item_links, 4);
    EXPECT_EQ(feedback_links, 2);

    const HttpResult matrix =
        client().Get("/api/v1/products/" + x2 + "/comparison", Token("carol"));
    ASSERT_EQ(matrix.status, 200) << matrix.body;
    const json::value m = matrix.Json();
    const json::array& competitors = ArrAt(m, {"competitors"});
    ASSERT_EQ(competitors.size(), 3u);
    EXPECT_EQ(StrAt(competitors[0], {"name"}), "DJI Matrice 350 RTK");
    EXPECT_EQ(StrAt(competitors[1], {"name"}), "Parrot ANAFI USA");
    EXPECT_EQ(StrAt(competitors[2], {"name"}), "Skydio X10");
    const json::array& rows = ArrAt(m, {"rows"});
    ASSERT_EQ(rows.size(), 10u);
    EXPECT_EQ(StrAt(rows[0], {"item", "title"}), "High-density battery pack");
    ASSERT_NE(At(rows[9], {"item"}), nullptr);
    EXPECT_TRUE(At(rows[9], {"item"})->is_null());
    // has, partial, missing, better, unknown per competitor, in the competitors' order.
    const std::vector<std::array<std::int64_t, 5>> expected = {
        {7, 1, 1, 1, 0}, {4, 2, 3, 0, 1}, {3, 2, 0, 3, 2}};
    const json::array& summary = ArrAt(m, {"summary"});
    ASSERT_EQ(summary.size(), 3u);
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_EQ(StrAt(summary[c], {"competitor_id"}), StrAt(competitors[c], {"id"}));
        const auto& e = expected[c];
        EXPECT_EQ(IntAt(summary[c], {"has"}), e[0]) << c;
        EXPECT_EQ(IntAt(summary[c], {"partial"}), e[1]) << c;
        EXPECT_EQ(IntAt(summary[c], {"missing"}), e[2]) << c;
        EXPECT_EQ(IntAt(summary[c], {"better"}), e[3]) << c;
        EXPECT_EQ(IntAt(summary[c], {"unknown"}), e[4]) << c;
    }

    const HttpResult notes =
        client().Get("/api/v1/products/" + x2 + "/market-notes", Token("carol"));
    ASSERT_EQ(notes.status, 200) << notes.body;
    const json::array& ns = ArrAt(notes.Json(), {"data"});
    ASSERT_EQ(ns.size(), 5u);
    EXPECT_EQ(StrAt(ns[0], {"title"}), "Matrice 350 RTK: 55 minutes on the spec sheet");
    EXPECT_EQ(StrAt(ns[0], {"competitor", "name"}), "DJI Matrice 350 RTK");
    EXPECT_FALSE(ArrAt(ns[0], {"sources"}).empty());

    // The stakeholder reads none of it.
    EXPECT_EQ(client().Get("/api/v1/products/" + x2 + "/comparison", Token("erin")).status, 403);
}

}  // namespace
}  // namespace tl::test
