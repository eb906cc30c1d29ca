// The router's table against its promises: every route names a valid action, and the
// OpenAPI document describes exactly the routes the server has, with the same action.
#include <set>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/error_response.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/routes/common.hpp"

namespace tl::http {
namespace {

namespace json = boost::json;

Router AllRoutes() {
    static Metrics metrics;
    Router router;
    AddAllRoutes(router, metrics, {});
    return router;
}

std::string Lower(std::string s) {
    for (char& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

TEST(RouteTable, EveryRouteNamesAKnownAction) {
    auto router = AllRoutes();
    ASSERT_GT(router.routes().size(), 20u);
    for (const auto& route : router.routes()) {
        EXPECT_NE(domain::ToString(route.action), "unknown") << route.label;
        EXPECT_TRUE(route.handler) << route.label;
    }
}

// Besides these, a published roadmap link is read by its token (docs/strategy.md, "Roadmap").
TEST(RouteTable, OnlyHealthMetricsLoginTheDocumentAndPublishedRoadmapsArePublic) {
    const std::set<std::string> expected = {"GET /healthz",
                                            "GET /metrics",
                                            "GET /api/v1/openapi.json",
                                            "POST /api/v1/auth/login",
                                            "GET /api/v1/public/roadmaps/{token}"};
    std::set<std::string> public_routes;
    const auto router = AllRoutes();
    for (const auto& route : router.routes()) {
        if (route.action == domain::Action::kPublic) {
            public_routes.insert(route.label);
        }
    }
    EXPECT_EQ(public_routes, expected);
}

TEST(RouteTable, NoRouteIsRegisteredTwice) {
    std::set<std::string> seen;
    const auto router = AllRoutes();
    for (const auto& route : router.routes()) {
        EXPECT_TRUE(seen.insert(route.label).second) << route.label;
    }
}

TEST(OpenApi, DocumentsEveryRouteWithItsAction) {
    json::value doc = json::parse(kOpenApiDocument);
    EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
    const auto& paths = doc.at("paths").as_object();
    const auto router = AllRoutes();
    for (const auto& route : router.routes()) {
        const auto* item = paths.if_contains(route.pattern);
        ASSERT_NE(item, nullptr) << route.label << " is missing from openapi.json";
        const auto* op = item->as_object().if_contains(Lower(route.method));
        ASSERT_NE(op, nullptr) << route.label << " is missing from openapi.json";
        const auto* action = op->as_object().if_contains("x-action");
        ASSERT_NE(action, nullptr) << route.label << " has no x-action";
        EXPECT_EQ(action->as_string(), domain::ToString(route.action)) << route.label;
        EXPECT_TRUE(op->as_object().contains("responses")) << route.label;
    }
}

TEST(OpenApi, DescribesNoRouteTheServerLacks) {
    json::value doc = json::parse(kOpenApiDocument);
    auto router = AllRoutes();
    for (const auto& [path, item] : doc.at("paths").as_object()) {
        for (const auto& [method, op] : item.as_object()) {
            bool found = false;
            for (const auto& route : router.routes()) {
                found = found || (route.pattern == path && Lower(route.method) == method);
            }
            EXPECT_TRUE(found) << method << " " << path << " is documented but not routed";
        }
    }
}

TEST(OpenApi, EverySchemaReferenceResolves) {
    json::value doc = json::parse(kOpenApiDocument);
    const auto& schemas = doc.at("components").at("schemas").as_object();
    std::function<void(const json::value&)> walk = [&](const json::value& v) {
        if (v.is_object()) {
            for (const auto& [k, child] : v.as_object()) {
                if (k == "$ref") {
                    std::string ref(child.as_string());
                    const std::string prefix = "#/components/schemas/";
                    if (ref.starts_with(prefix)) {
                        EXPECT_TRUE(schemas.contains(ref.substr(prefix.size()))) << ref;
                    }
                }
                walk(child);
            }
        } else if (v.is_array()) {
            for (const auto& child : v.as_array()) {
                walk(child);
            }
        }
    };
    walk(doc);
}

TEST(Router, MatchesPathParametersAndReportsOtherMethods) {
    Router router;
    auto ok = [](Request&, Call&) -> Result<Response> { return Response::NoContent(); };
    router.Add("GET", "/api/v1/products/{id}", domain::Action::kProductRead, ok);
    router.Add("PATCH", "/api/v1/products/{id}", domain::Action::kProductEdit, ok);
    router.Add("DELETE",
               "/api/v1/products/{id}/roles/{assignment_id}",
               domain::Action::kWorkspaceAdmin,
               ok);
    auto m = router.Find("DELETE", "/api/v1/products/p1/roles/r9");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(
        m.params,
        (std::vector<std::pair<std::string, std::string>>{{"id", "p1"}, {"assignment_id", "r9"}}));
    auto other = router.Find("POST", "/api/v1/products/p1");
    EXPECT_EQ(other.route, nullptr);
    EXPECT_EQ(other.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
    EXPECT_EQ(router.Find("GET", "/api/v1/products/").route, nullptr);
    EXPECT_EQ(router.Find("GET", "/api/v1/products/p1/extra").route, nullptr);
    EXPECT_EQ(router.Find("GET", "api/v1/products/p1").route, nullptr);
}

TEST(ErrorTable, EveryCodeHasItsOwnNameAndA4xxOr5xxStatus) {
    const ErrorCode all[] = {ErrorCode::kValidationFailed,
                             ErrorCode::kInvalidQuery,
                             ErrorCode::kMalformedJson,
                             ErrorCode::kUnauthenticated,
                             ErrorCode::kForbidden,
                             ErrorCode::kNotFound,
                             ErrorCode::kConflict,
                             ErrorCode::kPreconditionFailed,
                             ErrorCode::kPayloadTooLarge,
                             ErrorCode::kRateLimited,
                             ErrorCode::kUnavailable,
                             ErrorCode::kInternal};
    std::set<std::string_view> names;
    for (auto c : all) {
        EXPECT_TRUE(names.insert(CodeName(c)).second) << CodeName(c);
        EXPECT_GE(StatusOf(c), 400);
    }
    EXPECT_EQ(StatusOf(ErrorCode::kValidationFailed), 400);
    EXPECT_EQ(StatusOf(ErrorCode::kPreconditionFailed), 412);
    EXPECT_EQ(StatusOf(ErrorCode::kRateLimited), 429);
}

TEST(ErrorTable, BodyHasTheSpecShape) {
    Error e = ValidationFailed({{"points", "must be ≥ 0"}});
    auto body = ErrorBody(e);
    EXPECT_EQ(json::serialize(body),
              R"({"error":{"code":"validation_failed","message":"the request has invalid fields",)"
              R"("details":[{"field":"points","issue":"must be ≥ 0"}]}})");
    Error limited = MakeError(ErrorCode::kRateLimited, "slow down");
    limited.retry_after_seconds = 42;
    auto r = ErrorResponse(limited);
    EXPECT_EQ(r.status, 429);
    ASSERT_EQ(r.headers.size(), 1u);
    EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Retry-After", "42"}));
}

TEST(Cookies, FindsTheNamedCookie) {
    EXPECT_EQ(CookieValue("a=1; tl_session=abc; b=2", "tl_session"), "abc");
    EXPECT_EQ(CookieValue("tl_session=xyz", "tl_session"), "xyz");
    EXPECT_EQ(CookieValue("xtl_session=no; other=1", "tl_session"), "");
    EXPECT_EQ(CookieValue("", "tl_session"), "");
}

TEST(IfMatch, AcceptsQuotedWeakAndBareVersions) {
    auto version = [](std::string header) {
        Request req;
        req.headers.emplace_back("if-match", std::move(header));
        return IfMatchVersion(req);
    };
    EXPECT_EQ(*version("\"3\"").value(), 3);
    EXPECT_EQ(*version("W/\"4\"").value(), 4);
    EXPECT_EQ(*version("5").value(), 5);
    EXPECT_FALSE(version("*").value().has_value());
    EXPECT_FALSE(version("\"abc\""));
    EXPECT_EQ(*version("\"0\"").value(), 0);  // never saved yet
    EXPECT_FALSE(version("\"-1\""));
    Request none;
    EXPECT_FALSE(IfMatchVersion(none).value().has_value());
}

}  // namespace
}  // namespace tl::http

namespace tl::http {
namespace {

TEST(ErrorAnswers, UnavailableAndInternalCausesStayInTheLog) {
    const Response unavailable = ErrorResponse(MakeError(
        ErrorCode::kUnavailable,
        "cannot connect to PostgreSQL: connection to server at \"db1.internal\" (10.0.0.5)"));
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_EQ(unavailable.body.find("db1.internal"), std::string::npos) << unavailable.body;
    EXPECT_NE(unavailable.body.find("\"code\":\"unavailable\""), std::string::npos);
    bool retry_after = false;
    for (const auto& [name, value] : unavailable.headers) {
        retry_after = retry_after || (name == "Retry-After" && value == "1");
    }
    EXPECT_TRUE(retry_after);

    const Response internal =
        ErrorResponse(MakeError(ErrorCode::kInternal, "query: relation \"users\" does not exist"));
    EXPECT_EQ(internal.status, 500);
    EXPECT_EQ(internal.body.find("relation"), std::string::npos) << internal.body;

    const Response conflict = ErrorResponse(MakeError(ErrorCode::kConflict, "key DRN is taken"));
    EXPECT_NE(conflict.body.find("key DRN is taken"), std::string::npos) << conflict.body;
}

}  // namespace
}  // namespace tl::http
