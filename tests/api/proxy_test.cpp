// Behind a load balancer: with --trusted-proxies, the client address (for the per-address login
// limit and the access log) comes from X-Forwarded-For; without it, the header is ignored.
#include <string>

#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

// Fails logins of `count` different unknown accounts from `address` (as the proxy reports it).
void FailLogins(HttpClient& client, const std::string& address, int count) {
    for (int i = 0; i < count; ++i) {
        const std::string body = R"({"email":"nobody)" + std::to_string(i) +
                                 R"(@example.com","password":"wrong password"})";
        const HttpResult r =
            client.Request("POST", "/api/v1/auth/login", body, {{"X-Forwarded-For", address}});
        ASSERT_EQ(r.status, 401) << Describe(r);
    }
}

HttpResult LoginFrom(HttpClient& client, const std::string& address) {
    return client.Request("POST",
                          "/api/v1/auth/login",
                          R"({"email":"alice@skylift.example","password":"demo"})",
                          {{"X-Forwarded-For", address}});
}

TEST(ProxyTest, TrustedProxyAddressLimitsApplyPerClientNotPerBalancer) {
    // One account may fail 5 times, one address 20 (4x).
    DemoEnv env({"--trusted-proxies", "127.0.0.0/8", "--login-max-failures", "5"});
    ASSERT_TRUE(env.ok());
    FailLogins(env.client(), "203.0.113.9", 20);
    ExpectError(LoginFrom(env.client(), "203.0.113.9"), 429, "rate_limited");
    // Everyone else behind the same balancer still logs in.
    EXPECT_EQ(LoginFrom(env.client(), "198.51.100.20").status, 200);
    // A forged entry to the left of the real client changes nothing.
    ExpectError(LoginFrom(env.client(), "198.51.100.21, 203.0.113.9"), 429, "rate_limited");
}

TEST(ProxyTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
    DemoEnv env({"--login-max-failures", "5"});
    ASSERT_TRUE(env.ok());
    FailLogins(env.client(), "203.0.113.9", 20);
    // Every request came from 127.0.0.1, whatever the header says.
    ExpectError(LoginFrom(env.client(), "198.51.100.20"), 429, "rate_limited");
}

TEST(ProxyTest, ABadTrustedProxyEntryIsRefusedAtStart) {
    const CommandResult r = RunCommand(
        {ServerBinary(), "serve", "--port", "0", "--trusted-proxies", "10.0.0.0/8,10.0.0.300"});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("10.0.0.300"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace tl::test
