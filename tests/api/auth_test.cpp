// Authentication against the real server: 401s and their shape, the session cookie, logout,
// idle expiry, personal API tokens, and the login rate limit.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

using namespace std::chrono_literals;

class AuthTest : public DemoSuite<AuthTest> {};

void ExpectUnauthenticated(const HttpResult& r) {
    ExpectError(r, 401, "unauthenticated");
    EXPECT_EQ(r.Header("www-authenticate").rfind("Bearer", 0), 0u)
        << "WWW-Authenticate: " << r.Header("www-authenticate");
}

std::string LoginBody(std::string_view email, std::string_view password) {
    return json::serialize(json::object{{"email", email}, {"password", password}});
}

TEST_F(AuthTest, NoTokenIs401WithErrorShapeAndChallenge) {
    ExpectUnauthenticated(client().Get("/api/v1/me"));
    ExpectUnauthenticated(client().Get("/api/v1/products"));
    ExpectUnauthenticated(client().Get("/api/v1/products/" + Ids().x2));
    ExpectUnauthenticated(client().Patch("/api/v1/products/" + Ids().x2, R"({"name":"x"})"));
}

TEST_F(AuthTest, GarbageTokenIs401) {
    ExpectUnauthenticated(client().Get("/api/v1/me", "garbage"));
    ExpectUnauthenticated(client().Get("/api/v1/me", "tls_" + std::string(64, '0')));
    ExpectUnauthenticated(client().Get("/api/v1/me", std::string(500, 'a')));
    // Not a bearer scheme.
    ExpectUnauthenticated(
        client().Request("GET", "/api/v1/me", {}, {{"Authorization", "Basic " + Token("alice")}}));
}

TEST_F(AuthTest, LoginAnswersTokenUserAndSessionCookie) {
    const HttpResult r =
        client().Post("/api/v1/auth/login", LoginBody("alice@skylift.example", "demo"));
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value v = r.Json();
    const std::string token = StrAt(v, {"token"});
    EXPECT_FALSE(token.empty());
    EXPECT_EQ(StrAt(v, {"user", "email"}), "alice@skylift.example");
    EXPECT_EQ(StrAt(v, {"user", "name"}), "Alice Moreau");
    EXPECT_EQ(At(v, {"user", "password_hash"}), nullptr) << r.body;
    EXPECT_FALSE(StrAt(v, {"expires_at"}).empty());
    EXPECT_EQ(r.Header("cache-control"), "no-store");

    const std::string cookie = r.Header("set-cookie");
    EXPECT_EQ(cookie.rfind("tl_session=" + token + ";", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
}

TEST_F(AuthTest, SessionCookieAloneAuthenticates) {
    const HttpResult login =
        client().Post("/api/v1/auth/login", LoginBody("carol@skylift.example", "demo"));
    ASSERT_EQ(login.status, 200) << login.body;
    const std::string token = StrAt(login.Json(), {"token"});

    const HttpResult me =
        client().Request("GET", "/api/v1/me", {}, {{"Cookie", "tl_session=" + token}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(StrAt(me.Json(), {"user", "email"}), "carol@skylift.example");

    const HttpResult among_others = client().Request(
        "GET", "/api/v1/me", {}, {{"Cookie", "theme=dark; tl_session=" + token + "; x=1"}});
    EXPECT_EQ(among_others.status, 200) << among_others.body;

    ExpectUnauthenticated(
        client().Request("GET", "/api/v1/me", {}, {{"Cookie", "other_session=" + token}}));
}

TEST_F(AuthTest, WrongPasswordAndUnknownEmailGiveTheSame401) {
    const HttpResult wrong =
        client().Post("/api/v1/auth/login", LoginBody("frank@skylift.example", "nope"));
    ExpectError(wrong, 401, "unauthenticated");
    const HttpResult unknown =
        client().Post("/api/v1/auth/login", LoginBody("nobody@skylift.example", "nope"));
    ExpectError(unknown, 401, "unauthenticated");
    EXPECT_EQ(StrAt(wrong.Json(), {"error", "message"}),
              StrAt(unknown.Json(), {"error", "message"}));
}

TEST_F(AuthTest, LoginWithMissingFieldsIs400NamingThem) {
    ExpectInvalid(client().Post("/api/v1/auth/login", "{}"), {"email", "password"});
    ExpectInvalid(client().Post("/api/v1/auth/login", R"({"email":"a@b.example","password":5})"),
                  {"password"});
}

TEST_F(AuthTest, LogoutRevokesTheSessionAndClearsTheCookie) {
    const std::string token = LoginToken(client(), "dave@skylift.example");
    ASSERT_EQ(client().Get("/api/v1/me", token).status, 200);

    const HttpResult out = client().Post("/api/v1/auth/logout", "", token);
    EXPECT_EQ(out.status, 204) << out.body;
    const std::string cookie = out.Header("set-cookie");
    EXPECT_EQ(cookie.rfind("tl_session=;", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("Max-Age=0"), std::string::npos) << cookie;

    ExpectUnauthenticated(client().Get("/api/v1/me", token));
    ExpectUnauthenticated(
        client().Request("GET", "/api/v1/me", {}, {{"Cookie", "tl_session=" + token}}));
    ExpectUnauthenticated(client().Post("/api/v1/auth/logout", "", token));
    // Other sessions of the same user are unaffected.
    EXPECT_EQ(client().Get("/api/v1/me", Token("dave")).status, 200);
}

TEST_F(AuthTest, ApiTokenIsShownOnceAuthenticatesAndIsRevocableByItsOwnerOnly) {
    const HttpResult created = client().Post(
        "/api/v1/tokens", R"({"name":"ci pipeline","expires_in_days":30})", Token("alice"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Header("cache-control"), "no-store");
    const json::value c = created.Json();
    const std::string secret = StrAt(c, {"token"});
    const std::string id = StrAt(c, {"id"});
    ASSERT_FALSE(secret.empty()) << created.body;
    ASSERT_FALSE(id.empty()) << created.body;
    EXPECT_EQ(StrAt(c, {"name"}), "ci pipeline");
    EXPECT_EQ(StrAt(c, {"kind"}), "api");
    EXPECT_FALSE(StrAt(c, {"expires_at"}).empty()) << created.body;

    // It authenticates as its owner.
    const HttpResult me = client().Get("/api/v1/me", secret);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(StrAt(me.Json(), {"user", "email"}), "alice@skylift.example");

    // Listed without the secret.
    const HttpResult list = client().Get("/api/v1/tokens", Token("alice"));
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.body.find(secret), std::string::npos) << list.body;
    bool listed = false;
    for (const auto& t : ArrAt(list.Json(), {"data"})) {
        EXPECT_EQ(At(t, {"token"}), nullptr) << list.body;
        EXPECT_EQ(At(t, {"secret_hash"}), nullptr) << list.body;
        listed = listed || StrAt(t, {"id"}) == id;
    }
    EXPECT_TRUE(listed) << list.body;

    // Nobody else sees or revokes it.
    const HttpResult bobs = client().Get("/api/v1/tokens", Token("bob"));
    ASSERT_EQ(bobs.status, 200) << bobs.body;
    EXPECT_EQ(bobs.body.find(id), std::string::npos) << bobs.body;
    ExpectError(client().Delete("/api/v1/tokens/" + id, Token("bob")), 404, "not_found");
    ExpectError(client().Delete("/api/v1/tokens/" + id, Token("admin")), 404, "not_found");
    EXPECT_EQ(client().Get("/api/v1/me", secret).status, 200);

    // The owner revokes it: from then on it is refused.
    const HttpResult revoked = client().Delete("/api/v1/tokens/" + id, Token("alice"));
    EXPECT_EQ(revoked.status, 204) << revoked.body;
    ExpectUnauthenticated(client().Get("/api/v1/me", secret));
}

TEST_F(AuthTest, ApiTokenCanRevokeAnotherTokenOfItsOwner) {
    const HttpResult created =
        client().Post("/api/v1/tokens", R"({"name":"short"})", Token("erin"));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string secret = StrAt(created.Json(), {"token"});
    const json::value body = created.Json();
    const json::value* expires = At(body, {"expires_at"});
    EXPECT_TRUE(expires != nullptr && expires->is_null()) << created.body;
    const HttpResult second = client().Post("/api/v1/tokens", R"({"name":"second"})", secret);
    ASSERT_EQ(second.status, 201) << second.body;
    const std::string second_id = StrAt(second.Json(), {"id"});
    EXPECT_EQ(client().Delete("/api/v1/tokens/" + second_id, secret).status, 204);
    ExpectError(client().Delete("/api/v1/tokens/" + second_id, secret), 404, "not_found");
}

TEST_F(AuthTest, DeletingAMissingTokenIs404) {
    ExpectError(client().Delete("/api/v1/tokens/tok_missing", Token("alice")), 404, "not_found");
}

// Session idle expiry: a server whose sessions end after 3 s without use.
TEST(AuthIdleTest, SessionExpiresAfterIdleTime) {
    // 3 s: long enough that the use right after the login is inside it on a loaded machine.
    DemoEnv env({"--session-idle", "3s"});
    ASSERT_TRUE(env.ok());
    const std::string token = LoginToken(env.client(), "alice@skylift.example");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(env.client().Get("/api/v1/me", token).status, 200);
    std::this_thread::sleep_for(3300ms);
    ExpectUnauthenticated(env.client().Get("/api/v1/me", token));
    ExpectUnauthenticated(
        env.client().Request("GET", "/api/v1/me", {}, {{"Cookie", "tl_session=" + token}}));
    // A fresh login works again.
    const std::string again = LoginToken(env.client(), "alice@skylift.example");
    EXPECT_EQ(env.client().Get("/api/v1/me", again).status, 200);
}

// Idle expiry counts from the last use, so a session used more often than the idle time stays
// valid: Authenticate refreshes last_used_at at least every half idle time, even when that is
// below token_touch_interval_ms (60 s).
TEST(AuthIdleTest, SessionInUseStaysValidPastTheIdleTime) {
    DemoEnv env({"--session-idle", "3s"});
    ASSERT_TRUE(env.ok());
    const std::string token = LoginToken(env.client(), "bob@skylift.example");
    ASSERT_FALSE(token.empty());
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(1500ms);
        const HttpResult r = env.client().Get("/api/v1/me", token);
        EXPECT_EQ(r.status, 200) << "use " << i + 1 << " at " << 1.5 * (i + 1)
                                 << " s, 1.5 s after the previous one: " << r.body;
    }
}

// The login rate limit: 5 failures per account, 20 per address, in 15 minutes.
TEST(AuthRateLimitTest, SixthLoginAfterFiveFailuresIs429WithRetryAfter) {
    DemoEnv env;
    ASSERT_TRUE(env.ok());
    HttpClient& client = env.client();
    for (int i = 0; i < 5; ++i) {
        const HttpResult r =
            client.Post("/api/v1/auth/login", LoginBody("bob@skylift.example", "wrong"));
        ExpectUnauthenticated(r);
    }
    // Even the right password is refused now, without revealing whether it was right.
    const HttpResult limited =
        client.Post("/api/v1/auth/login", LoginBody("bob@skylift.example", "demo"));
    ExpectError(limited, 429, "rate_limited");
    const std::string retry = limited.Header("retry-after");
    ASSERT_FALSE(retry.empty()) << "no Retry-After header";
    EXPECT_TRUE(std::all_of(retry.begin(), retry.end(), ::isdigit)) << retry;
    const long seconds = std::strtol(retry.c_str(), nullptr, 10);
    EXPECT_GT(seconds, 0);
    EXPECT_LE(seconds, 15 * 60);
    EXPECT_EQ(limited.body.find("token"), std::string::npos) << limited.body;

    // The e-mail's case does not get around the limit.
    ExpectError(client.Post("/api/v1/auth/login", LoginBody("BOB@skylift.example", "demo")),
                429,
                "rate_limited");

    // Another account from the same address still logs in (per-address limit is 20).
    const HttpResult other =
        client.Post("/api/v1/auth/login", LoginBody("alice@skylift.example", "demo"));
    EXPECT_EQ(other.status, 200) << other.body;
}

}  // namespace
}  // namespace tl::test
