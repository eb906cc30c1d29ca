// Cross-cutting behaviour of the real server: request ids and security headers on every
// answer, /healthz, /metrics, the OpenAPI document, unknown routes and wrong methods.
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class SystemTest : public DemoSuite<SystemTest> {};

void ExpectStandardHeaders(const HttpResult& r, const std::string& what) {
    EXPECT_FALSE(r.Header("x-request-id").empty()) << what;
    EXPECT_NE(r.Header("content-security-policy").find("default-src 'self'"), std::string::npos)
        << what;
    EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos)
        << what;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << what;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << what;
    EXPECT_EQ(r.Header("referrer-policy"), "no-referrer") << what;
}

TEST_F(SystemTest, EveryAnswerCarriesRequestIdAndSecurityHeaders) {
    const std::string alice = Token("alice");
    const std::vector<std::pair<std::string, HttpResult>> answers = {
        {"healthz", client().Get("/healthz")},
        {"metrics", client().Get("/metrics")},
        {"openapi", client().Get("/api/v1/openapi.json")},
        {"200", client().Get("/api/v1/me", alice)},
        {"201", client().Post("/api/v1/tokens", R"({"name":"hdr"})", alice)},
        {"400", client().Patch("/api/v1/products/" + Ids().x2, "{", alice)},
        {"401", client().Get("/api/v1/me")},
        {"403", client().Post("/api/v1/products", "{}", alice)},
        {"404", client().Get("/api/v1/nope", alice)},
        {"405", client().Request("DELETE", "/api/v1/me")},
        {"412", client().Patch("/api/v1/products/" + Ids().x2, "{}", alice, "\"999\"")},
        {"page", client().Get("/no-such-page")},
    };
    std::set<std::string> ids;
    for (const auto& [what, r] : answers) {
        EXPECT_NE(r.status, 0) << what;
        EXPECT_NE(r.status, 500) << what << ": " << r.body;
        ExpectStandardHeaders(r, what);
        ids.insert(r.Header("x-request-id"));
    }
    EXPECT_EQ(ids.size(), answers.size()) << "request ids are not unique";
}

TEST_F(SystemTest, ValidRequestIdIsEchoed) {
    const HttpResult r =
        client().Request("GET", "/healthz", {}, {{"X-Request-Id", "trace-abc-123"}});
    EXPECT_EQ(r.Header("x-request-id"), "trace-abc-123");
}

TEST_F(SystemTest, HealthzIsOk) {
    const HttpResult r = client().Get("/healthz");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(StrAt(r.Json(), {"status"}), "ok");
    EXPECT_NE(r.Header("content-type").find("application/json"), std::string::npos);
}

TEST_F(SystemTest, MetricsCountRequestsPerRoute) {
    const std::string alice = Token("alice");
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(client().Get("/api/v1/products/" + Ids().x2, alice).status, 200);
    }
    ASSERT_EQ(client().Get("/api/v1/products/prd_missing", alice).status, 404);
    const HttpResult r = client().Get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.Header("content-type").find("text/plain"), std::string::npos);
    const std::regex ok(R"re(throughline_http_requests_total\{route="GET /api/v1/products/)re"
                        R"re(\{id\}",code="200"\} (\d+))re");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.body, m, ok)) << r.body.substr(0, 3000);
    EXPECT_GE(std::stoi(m[1].str()), 3);
    EXPECT_NE(r.body.find(R"(throughline_http_requests_total{route="GET /api/v1/products/{id}",)"
                          R"(code="404"})"),
              std::string::npos)
        << r.body.substr(0, 3000);
    EXPECT_NE(r.body.find(R"(throughline_http_request_duration_seconds_count{route="GET )"
                          R"(/api/v1/products/{id}"})"),
              std::string::npos);
    // Raw ids never become labels.
    EXPECT_EQ(r.body.find(Ids().x2), std::string::npos);
    EXPECT_EQ(r.body.find("prd_missing"), std::string::npos);
}

TEST_F(SystemTest, OpenApiDocumentIsServed) {
    const HttpResult r = client().Get("/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    const json::value v = r.Json();
    EXPECT_EQ(StrAt(v, {"openapi"}).rfind("3.", 0), 0u);
    EXPECT_NE(At(v, {"paths", "/api/v1/products/{id}", "patch"}), nullptr);
}

TEST_F(SystemTest, UnknownApiRouteIs404Json) {
    ExpectError(client().Get("/api/v1/nope", Token("alice")), 404, "not_found");
    ExpectError(client().Get("/api/v1/nope"), 404, "not_found");
    ExpectError(
        client().Get("/api/v1/products/" + Ids().x2 + "/nope", Token("alice")), 404, "not_found");
    ExpectError(client().Get("/api/v2/products", Token("alice")), 404, "not_found");
}

TEST_F(SystemTest, WrongMethodIs405WithAllow) {
    const HttpResult me = client().Request("DELETE", "/api/v1/me", {}, {});
    EXPECT_EQ(me.status, 405) << me.body;
    EXPECT_EQ(me.Header("allow"), "GET");
    EXPECT_FALSE(ErrorCode(me).empty()) << me.body;
    EXPECT_NE(me.Header("content-type").find("application/json"), std::string::npos);

    const HttpResult product = client().Request("PUT",
                                                "/api/v1/products/" + Ids().x2,
                                                "{}",
                                                {{"Authorization", "Bearer " + Token("alice")}});
    EXPECT_EQ(product.status, 405) << product.body;
    const std::string allow = product.Header("allow");
    EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
    EXPECT_NE(allow.find("PATCH"), std::string::npos) << allow;
    EXPECT_EQ(allow.find("PUT"), std::string::npos) << allow;

    const HttpResult login = client().Request("GET", "/api/v1/auth/login");
    EXPECT_EQ(login.status, 405) << login.body;
    EXPECT_EQ(login.Header("allow"), "POST");
}

// Documents the expected behaviour (fails until fixed): a 405 names itself in the error code
// instead of reusing "not_found" (src/http/api.cpp builds it from ErrorCode::kNotFound).
TEST_F(SystemTest, WrongMethodErrorCodeIsMethodNotAllowed) {
    const HttpResult r = client().Request("DELETE", "/api/v1/me");
    ExpectError(r, 405, "method_not_allowed");
}

}  // namespace
}  // namespace tl::test
