// The client address behind load balancers: only trusted proxies' X-Forwarded-For counts.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace tl::http {
namespace {

TrustedProxies Parse(std::string_view list) {
    auto parsed = TrustedProxies::Parse(list);
    EXPECT_TRUE(parsed) << list;
    return parsed ? *parsed : TrustedProxies{};
}

// The headers of a request carrying X-Forwarded-For `value` (none when empty).
std::vector<std::pair<std::string, std::string>> Xff(std::string value) {
    if (value.empty()) {
        return {{"host", "pm.example.com"}};
    }
    return {{"host", "pm.example.com"}, {"x-forwarded-for", std::move(value)}};
}

TEST(TrustedProxies, NobodyIsTrustedByDefault) {
    const TrustedProxies none = Parse("");
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(none.ClientAddress("10.0.0.5", Xff("203.0.113.9")), "10.0.0.5");
}

TEST(TrustedProxies, AddressesAndNetworksOfBothFamilies) {
    const TrustedProxies t = Parse("10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8");
    EXPECT_TRUE(t.Trusts("10.1.2.3"));
    EXPECT_TRUE(t.Trusts("192.168.1.7"));
    EXPECT_FALSE(t.Trusts("192.168.1.8"));
    EXPECT_TRUE(t.Trusts("::1"));
    EXPECT_TRUE(t.Trusts("fd12::4"));
    EXPECT_FALSE(t.Trusts("2001:db8::1"));
    EXPECT_TRUE(t.Trusts("::ffff:10.9.9.9")) << "a v4-mapped peer is its IPv4 address";
    EXPECT_FALSE(t.Trusts("not an address"));
}

TEST(TrustedProxies, TheClientIsTheRightMostUntrustedHop) {
    const TrustedProxies t = Parse("10.0.0.0/8");
    // Balancer 10.0.0.2 received from a second proxy 10.0.0.3, which received from the client.
    EXPECT_EQ(t.ClientAddress("10.0.0.2", Xff("203.0.113.9, 10.0.0.3")), "203.0.113.9");
    // Whatever the client wrote further left is its own claim and ignored.
    EXPECT_EQ(t.ClientAddress("10.0.0.2", Xff("1.2.3.4, 203.0.113.9")), "203.0.113.9");
    // No header: the proxy itself.
    EXPECT_EQ(t.ClientAddress("10.0.0.2", Xff("")), "10.0.0.2");
    // Garbage stops the walk at the last vouched-for address.
    EXPECT_EQ(t.ClientAddress("10.0.0.2", Xff("203.0.113.9, junk")), "10.0.0.2");
    // Two headers read as one list.
    EXPECT_EQ(
        t.ClientAddress("10.0.0.2",
                        {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-for", "10.0.0.3"}}),
        "203.0.113.9");
    // A direct client cannot forge its address.
    EXPECT_EQ(t.ClientAddress("198.51.100.4", Xff("10.0.0.9")), "198.51.100.4");
}

TEST(TrustedProxies, BadEntriesAreNamed) {
    auto bad = TrustedProxies::Parse("10.0.0.0/8, 10.0.0.300");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().details.at(0).field, "trusted-proxies");
    EXPECT_NE(bad.error().details.at(0).issue.find("10.0.0.300"), std::string::npos);
    EXPECT_FALSE(TrustedProxies::Parse("10.0.0.0/33"));
    EXPECT_FALSE(TrustedProxies::Parse("example.com"));
}

}  // namespace
}  // namespace tl::http
