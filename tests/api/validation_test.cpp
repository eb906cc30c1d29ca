// Bad input against the real server: every kind answers 400 (or 413) with the fields named,
// never a 500, and writes nothing.
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

class ValidationTest : public DemoSuite<ValidationTest> {
protected:
    struct Snapshot {
        std::string product;  // the body of GET /products/{X2}
        std::string history;  // the body of its history
    };
    static Snapshot TakeSnapshot() {
        const HttpResult p = client().Get("/api/v1/products/" + Ids().x2, Token("alice"));
        EXPECT_EQ(p.status, 200) << p.body;
        const HttpResult h =
            client().Get("/api/v1/products/" + Ids().x2 + "/history?limit=200", Token("alice"));
        EXPECT_EQ(h.status, 200) << h.body;
        return {p.body, h.body};
    }
    static void ExpectUnchanged(const Snapshot& before) {
        const Snapshot after = TakeSnapshot();
        EXPECT_EQ(after.product, before.product) << "the product changed";
        EXPECT_EQ(after.history, before.history) << "an event was recorded";
    }
    static HttpResult PatchX2(std::string_view body) {
        return client().Patch("/api/v1/products/" + Ids().x2, body, Token("alice"));
    }
};

TEST_F(ValidationTest, MalformedJsonIs400MalformedJson) {
    const Snapshot before = TakeSnapshot();
    for (const char* body : {R"({"name":)", "not json", R"({"name":"x",})", "{'name':'x'}", ""}) {
        const HttpResult r = PatchX2(body);
        ExpectError(r, 400, "malformed_json");
    }
    ExpectError(client().Post("/api/v1/auth/login", "{"), 400, "malformed_json");
    // Nesting deeper than the parser allows is malformed, not a crash.
    ExpectError(PatchX2(std::string(100, '[') + std::string(100, ']')), 400, "malformed_json");
    ExpectUnchanged(before);
}

TEST_F(ValidationTest, NonObjectBodyIs400) {
    const Snapshot before = TakeSnapshot();
    for (const char* body : {"[1,2]", "[]", "\"name\"", "5", "null", "true"}) {
        ExpectInvalid(PatchX2(body), {"(body)"});
    }
    ExpectUnchanged(before);
}

TEST_F(ValidationTest, WrongTypesAreNamed) {
    const Snapshot before = TakeSnapshot();
    ExpectInvalid(PatchX2(R"({"name":5})"), {"name"});
    ExpectInvalid(PatchX2(R"({"name":null})"), {"name"});
    ExpectInvalid(PatchX2(R"({"description":["a"]})"), {"description"});
    ExpectInvalid(PatchX2(R"({"stage":{"name":"growth"}})"), {"stage"});
    ExpectUnchanged(before);

    const HttpResult user =
        client().Post("/api/v1/users",
                      R"({"email":"yes@skylift.example","name":"Yes","password":"longpassword1",)"
                      R"("is_admin":"yes"})",
                      Token("admin"));
    ExpectInvalid(user, {"is_admin"});
    ExpectInvalid(
        client().Patch(
            "/api/v1/users/" + Ids().users.at("alice"), R"({"name":true})", Token("alice")),
        {"name"});
    const HttpResult users = client().Get("/api/v1/users?limit=200", Token("admin"));
    EXPECT_EQ(users.body.find("yes@skylift.example"), std::string::npos) << users.body;
}

TEST_F(ValidationTest, UnknownFieldIsNamed) {
    const Snapshot before = TakeSnapshot();
    const HttpResult r = PatchX2(R"({"name":"Fine","colour":"red"})");
    ExpectInvalid(r, {"colour"});
    EXPECT_FALSE(Has(DetailFields(r), "name")) << r.body;
    ExpectInvalid(PatchX2(R"({"version":7})"), {"version"});
    ExpectInvalid(PatchX2(R"({"id":"prd_other"})"), {"id"});
    ExpectUnchanged(before);
    ExpectInvalid(client().Post("/api/v1/auth/login",
                                R"({"email":"alice@skylift.example","password":"demo","x":1})"),
                  {"x"});
}

TEST_F(ValidationTest, OutOfRangeNumbersAreNamed) {
    const auto list_tokens = [] { return client().Get("/api/v1/tokens", Token("bob")).body; };
    const std::string before = list_tokens();
    for (const char* days : {"99999",
                             "1e30",
                             "-1",
                             "2.5",
                             "3651",
                             "18446744073709551615",
                             "-9223372036854775809",
                             "\"30\"",
                             "true"}) {
        const HttpResult r =
            client().Post("/api/v1/tokens",
                          std::string(R"({"name":"range","expires_in_days":)") + days + "}",
                          Token("bob"));
        ExpectInvalid(r, {"expires_in_days"});
        EXPECT_EQ(r.body.find("\"token\""), std::string::npos) << days << ": " << r.body;
    }
    EXPECT_EQ(list_tokens(), before);
    // The edges are accepted.
    EXPECT_EQ(client()
                  .Post("/api/v1/tokens", R"({"name":"max","expires_in_days":3650})", Token("bob"))
                  .status,
              201);
    EXPECT_EQ(client()
                  .Post("/api/v1/tokens", R"({"name":"never","expires_in_days":0})", Token("bob"))
                  .status,
              201);
}

TEST_F(ValidationTest, OverLongStringsAreNamed) {
    const Snapshot before = TakeSnapshot();
    ExpectInvalid(PatchX2(json::serialize(json::object{{"name", std::string(500, 'n')}})),
                  {"name"});
    ExpectInvalid(PatchX2(json::serialize(json::object{{"name", std::string(501, 'n')}})),
                  {"name"});
    ExpectInvalid(PatchX2(json::serialize(json::object{{"name", std::string(121, 'n')}})),
                  {"name"});
    ExpectInvalid(PatchX2(json::serialize(json::object{{"description", std::string(20001, 'd')}})),
                  {"description"});
    ExpectInvalid(PatchX2(json::serialize(json::object{{"name", ""}})), {"name"});
    ExpectInvalid(PatchX2(json::serialize(json::object{{"name", "line\nbreak"}})), {"name"});
    ExpectUnchanged(before);
    // At the limit it is fine (multi-byte characters count once).
    std::string long_name;
    for (int i = 0; i < 120; ++i) {
        long_name += "\xc3\xa9";  // é
    }
    const HttpResult ok = PatchX2(json::serialize(json::object{{"name", long_name}}));
    EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(ValidationTest, BadEnumAndKeyAreNamed) {
    const Snapshot before = TakeSnapshot();
    const HttpResult stage = PatchX2(R"({"stage":"sideways"})");
    ExpectInvalid(stage, {"stage"});
    EXPECT_NE(stage.body.find("conception"), std::string::npos) << stage.body;
    ExpectInvalid(PatchX2(R"({"stage":"Growth"})"), {"stage"});
    for (const char* key : {"x", "X", "2X", "x2", "ABCDEFGHIJK", "X-2", ""}) {
        ExpectInvalid(PatchX2(json::serialize(json::object{{"key", key}})), {"key"});
    }
    ExpectUnchanged(before);
}

TEST_F(ValidationTest, SeveralBadFieldsAreReportedTogether) {
    const Snapshot before = TakeSnapshot();
    const HttpResult r =
        PatchX2(R"({"name":5,"stage":"sideways","key":"x","colour":"red","description":false})");
    ExpectInvalid(r, {"name", "stage", "key", "colour", "description"});
    ExpectUnchanged(before);

    const HttpResult create =
        client().Post("/api/v1/products", R"({"stage":"sideways","extra":1})", Token("admin"));
    ExpectInvalid(create, {"key", "name", "stage", "extra"});
    const HttpResult user =
        client().Post("/api/v1/users", R"({"email":"not-an-email","is_admin":1})", Token("admin"));
    ExpectInvalid(user, {"name", "password", "is_admin"});
}

TEST_F(ValidationTest, InvalidUtf8IsMalformedJson) {
    const Snapshot before = TakeSnapshot();
    ExpectError(PatchX2("{\"name\":\"\xff\xfe\"}"), 400, "malformed_json");
    ExpectError(PatchX2("{\"\xc3\":1}"), 400, "malformed_json");
    ExpectInvalid(PatchX2(R"({"name":"a\u0000b"})"), {"name"});
    ExpectUnchanged(before);
}

TEST_F(ValidationTest, TakenUniqueValuesAre409NamingTheField) {
    const HttpResult email = client().Post(
        "/api/v1/users",
        R"({"email":"BOB@skylift.example","name":"Bob Two","password":"longpassword1"})",
        Token("admin"));
    ExpectError(email, 409, "conflict");
    EXPECT_TRUE(Has(DetailFields(email), "email")) << email.body;
    const HttpResult own = client().Patch("/api/v1/users/" + Ids().users.at("alice"),
                                          R"({"email":"bob@skylift.example"})",
                                          Token("alice"));
    ExpectError(own, 409, "conflict");
    EXPECT_TRUE(Has(DetailFields(own), "email")) << own.body;
}

TEST_F(ValidationTest, ReferencesMustExistInTheWorkspace) {
    const std::string falcon = "/api/v1/teams/" + Ids().falcon;
    const HttpResult before = client().Get(falcon, Token("admin"));
    ExpectInvalid(
        client().Post(
            "/api/v1/teams", R"({"name":"T","product_id":"prd_missing"})", Token("admin")),
        {"product_id"});
    ExpectInvalid(client().Patch(falcon, R"({"member_ids":["usr_missing"]})", Token("admin")),
                  {"member_ids.0"});
    const std::string dave = Ids().users.at("dave");
    ExpectInvalid(
        client().Patch(falcon,
                       json::serialize(json::object{{"member_ids", json::array{dave, dave}}}),
                       Token("admin")),
        {"member_ids.1"});
    ExpectInvalid(client().Patch(falcon, R"({"member_ids":[5]})", Token("admin")),
                  {"member_ids.0"});
    ExpectInvalid(client().Post("/api/v1/teams", "{}", Token("admin")), {"name"});
    const HttpResult after = client().Get(falcon, Token("admin"));
    EXPECT_EQ(after.body, before.body);
    const HttpResult teams = client().Get("/api/v1/teams?limit=200", Token("admin"));
    EXPECT_EQ(ArrAt(teams.Json(), {"data"}).size(), 2u) << teams.body;
}

TEST_F(ValidationTest, BadPagingParametersAreNamed) {
    const std::string history = "/api/v1/products/" + Ids().x2 + "/history";
    for (const char* limit : {"0", "abc", "-1", "201", "1.5", "", "99999999999"}) {
        const std::string q = std::string("?limit=") + limit;
        ExpectInvalid(client().Get("/api/v1/products" + q, Token("alice")), {"limit"});
        ExpectInvalid(client().Get(history + q, Token("alice")), {"limit"});
        ExpectInvalid(client().Get("/api/v1/users" + q, Token("alice")), {"limit"});
        ExpectInvalid(client().Get("/api/v1/teams" + q, Token("alice")), {"limit"});
    }
    ExpectInvalid(client().Get(history + "?cursor=abc", Token("alice")), {"cursor"});
    ExpectInvalid(client().Get(history + "?cursor=-5", Token("alice")), {"cursor"});
    ExpectInvalid(client().Get(history + "?cursor=" + std::string(300, '1'), Token("alice")),
                  {"cursor"});
    ExpectInvalid(client().Get(history + "?limit=0&cursor=abc", Token("alice")), {"limit"});
    EXPECT_EQ(client().Get(history + "?limit=200", Token("alice")).status, 200);
    EXPECT_EQ(client().Get(history + "?limit=1", Token("alice")).status, 200);
}

TEST_F(ValidationTest, OversizedBodyIs413) {
    const Snapshot before = TakeSnapshot();
    const auto send_headers = [&](const std::string& head) {
        RawConnection conn(env().server().port());
        conn.Send(head);
        return conn.ReadAll(5s);
    };
    const std::string declared = std::to_string(1024 * 1024 + 1);
    const std::string login = send_headers(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        declared + "\r\n\r\n");
    EXPECT_EQ(login.rfind("HTTP/1.1 413", 0), 0u) << login.substr(0, 500);
    EXPECT_NE(login.find("payload_too_large"), std::string::npos) << login.substr(0, 500);

    const std::string patch = send_headers(
        "PATCH /api/v1/products/" + Ids().x2 + " HTTP/1.1\r\nHost: test\r\n" +
        "Authorization: Bearer " + Token("alice") + "\r\nContent-Type: application/json\r\n" +
        "Content-Length: " + declared + "\r\n\r\n");
    EXPECT_EQ(patch.rfind("HTTP/1.1 413", 0), 0u) << patch.substr(0, 500);
    EXPECT_NE(patch.find("payload_too_large"), std::string::npos) << patch.substr(0, 500);
    ExpectUnchanged(before);

    // Exactly at the limit is read (and then judged as JSON).
    const std::string at_limit(1024 * 1024, ' ');
    const HttpResult r = client().Post("/api/v1/auth/login", at_limit);
    ExpectError(r, 400, "malformed_json");
}

}  // namespace
}  // namespace tl::test
