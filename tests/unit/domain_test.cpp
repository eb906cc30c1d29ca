// Domain rules: validation, role assignment rules and warnings, landing pages, tokens.
#include <gtest/gtest.h>

#include "domain/auth_token.hpp"
#include "domain/product.hpp"
#include "domain/role_assignment.hpp"
#include "domain/search_words.hpp"
#include "domain/team.hpp"
#include "domain/user.hpp"
#include "domain/validation.hpp"

namespace tl::domain {
namespace {

std::vector<std::string> Fields(const Issues& issues) {
    std::vector<std::string> out;
    for (const auto& i : issues) {
        out.push_back(i.field);
    }
    return out;
}

TEST(Validation, CountsCodePointsNotBytes) {
    EXPECT_EQ(CodePoints("abc"), 3u);
    EXPECT_EQ(CodePoints("Drohne \xC3\xBC"), 8u);   // ü is 2 bytes
    EXPECT_EQ(CodePoints("\xF0\x9F\x9A\x81"), 1u);  // 🚁 is 4 bytes
    Issues issues;
    CheckLine(issues, "name", std::string(120, 'a'), 1, 120);
    CheckLine(issues, "name", "\xC3\xBC" + std::string(119, 'a'), 1, 120);
    EXPECT_TRUE(issues.empty());
    CheckLine(issues, "name", std::string(121, 'a'), 1, 120);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].issue, "must be at most 120 characters");
}

TEST(Validation, OneLineTextRefusesEmptyAndControlCharacters) {
    Issues issues;
    CheckLine(issues, "a", "", 1, 10);
    CheckLine(issues, "b", "tab\there", 1, 10);
    CheckText(issues, "c", "line one\nline two\ttab", 100);
    CheckText(issues, "d", std::string("bell\x07"), 100);
    EXPECT_EQ(Fields(issues), (std::vector<std::string>{"a", "b", "d"}));
    EXPECT_EQ(issues[0].issue, "must not be empty");
}

TEST(Validation, EmailShapes) {
    for (const char* good : {"ann@example.com", "a.b+tag@sub.example.org", "x@y.io"}) {
        Issues issues;
        CheckEmail(issues, "email", good);
        EXPECT_TRUE(issues.empty()) << good;
    }
    for (const char* bad : {"",
                            "ann",
                            "@example.com",
                            "ann@",
                            "ann@example",
                            "a@b@c.com",
                            "ann @example.com",
                            "ann@example.com.",
                            "<a@b.com>"}) {
        Issues issues;
        CheckEmail(issues, "email", bad);
        EXPECT_EQ(issues.size(), 1u) << bad;
    }
    EXPECT_EQ(NormalizeEmail("Alice@SkyLift.Example"), "alice@skylift.example");
}

TEST(Validation, PasswordLength) {
    Issues issues;
    CheckPassword(issues, "password", "short");
    CheckPassword(issues, "password", "long enough");
    CheckPassword(issues, "password", std::string(257, 'p'));
    EXPECT_EQ(issues.size(), 2u);
}

TEST(Product, KeyNameAndDescriptionRules) {
    Product p;
    p.key = "DRN";
    p.name = "Drones";
    EXPECT_TRUE(ValidateProduct(p).empty());
    for (const char* bad : {"D", "drn", "1DRN", "DR-N", "ABCDEFGHIJK", ""}) {
        p.key = bad;
        EXPECT_EQ(Fields(ValidateProduct(p)), std::vector<std::string>{"key"}) << bad;
    }
    p.key = "X2";
    p.name = "";
    p.description = std::string(kMaxDescriptionLength + 1, 'd');
    EXPECT_EQ(Fields(ValidateProduct(p)), (std::vector<std::string>{"name", "description"}));
}

TEST(Product, StagesRoundTrip) {
    for (auto s : kAllStages) {
        EXPECT_EQ(ParseStage(ToString(s)), s);
    }
    EXPECT_FALSE(ParseStage("sideways"));
}

RoleAssignment A(std::string user, Role role) {
    RoleAssignment a;
    a.user_id = std::move(user);
    a.role = role;
    return a;
}

TEST(RoleAssignments, AtMostOneProductOwner) {
    std::vector<RoleAssignment> existing = {A("bob", Role::kProductOwner),
                                            A("alice", Role::kProductManager)};
    auto second = CheckAssignment(existing, A("carol", Role::kProductOwner));
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    EXPECT_EQ(second.error().details.at(0).field, "role");
    EXPECT_TRUE(CheckAssignment(existing, A("carol", Role::kScrumMaster)));
    EXPECT_TRUE(CheckAssignment(existing, A("alice", Role::kTeamMember)));
}

TEST(RoleAssignments, SameRoleTwiceIsAConflict) {
    std::vector<RoleAssignment> existing = {A("dave", Role::kTeamMember)};
    EXPECT_FALSE(CheckAssignment(existing, A("dave", Role::kTeamMember)));
}

TEST(RoleWarnings, PmWhoIsAlsoPo) {
    std::vector<RoleAssignment> roles = {A("alice", Role::kProductManager),
                                         A("alice", Role::kProductOwner)};
    auto warnings = RoleWarningsFor(roles, 1, "Alice");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].code, "pm_is_po");
    EXPECT_EQ(warnings[0].user_id, "alice");
    EXPECT_NE(warnings[0].message.find("Alice"), std::string::npos);
}

TEST(RoleWarnings, PoOfMoreThanThreeProducts) {
    std::vector<RoleAssignment> roles = {A("alice", Role::kProductManager),
                                         A("bob", Role::kProductOwner)};
    EXPECT_TRUE(RoleWarningsFor(roles, 3, "Bob").empty());
    auto warnings = RoleWarningsFor(roles, 4, "Bob");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].code, "po_overloaded");
    EXPECT_NE(warnings[0].message.find("4 products"), std::string::npos);
}

TEST(RoleWarnings, NoOwnerNoWarning) {
    std::vector<RoleAssignment> roles = {A("alice", Role::kProductManager)};
    EXPECT_TRUE(RoleWarningsFor(roles, 9, "").empty());
}

TEST(HomePage, MostCentralRoleDecides) {
    using R = Role;
    auto home = [](std::vector<R> roles) { return std::string(HomePageFor(roles)); };
    EXPECT_EQ(home({R::kProductManager}), "strategy");
    EXPECT_EQ(home({R::kProductOwner}), "backlog");
    EXPECT_EQ(home({R::kScrumMaster}), "sprint");
    EXPECT_EQ(home({R::kTeamMember}), "board");
    EXPECT_EQ(home({R::kStakeholder}), "overview");
    EXPECT_EQ(home({R::kExecutive}), "portfolio");
    EXPECT_EQ(home({R::kExecutive, R::kProductOwner, R::kProductManager}), "strategy");
    EXPECT_EQ(home({R::kTeamMember, R::kScrumMaster}), "sprint");
    EXPECT_EQ(home({}), "portfolio");
}

TEST(Tokens, SessionsExpireAbsoluteAndIdle) {
    AuthToken t;
    t.kind = TokenKind::kSession;
    t.created_at = 0;
    t.last_used_at = 0;
    t.expires_at = 12 * 3600'000;
    const std::int64_t idle = 30 * 60'000;
    EXPECT_EQ(StateOf(t, 29 * 60'000, idle), TokenState::kValid);
    EXPECT_EQ(StateOf(t, 30 * 60'000, idle), TokenState::kIdle);
    t.last_used_at = 12 * 3600'000 - 1000;
    EXPECT_EQ(StateOf(t, 12 * 3600'000 - 1, idle), TokenState::kValid);
    EXPECT_EQ(StateOf(t, 12 * 3600'000, idle), TokenState::kExpired);
    t.revoked_at = 5;
    EXPECT_EQ(StateOf(t, 10, idle), TokenState::kRevoked);
}

TEST(Tokens, ApiTokensDoNotIdle) {
    AuthToken t;
    t.kind = TokenKind::kApi;
    EXPECT_EQ(StateOf(t, 365LL * 86'400'000, 1000), TokenState::kValid);
    t.expires_at = 100;
    EXPECT_EQ(StateOf(t, 100, 1000), TokenState::kExpired);
}

TEST(Team, NameAndMembers) {
    Team t;
    t.name = "Falcon";
    t.member_ids = {"a", "b", "a"};
    EXPECT_EQ(Fields(ValidateTeam(t)), std::vector<std::string>{"member_ids.2"});
    t.member_ids.assign(kMaxTeamMembers + 1, "x");
    t.name = "";
    auto issues = ValidateTeam(t);
    EXPECT_EQ(issues.front().field, "name");
    EXPECT_EQ(issues[1].field, "member_ids");
}

TEST(User, Validation) {
    User u;
    u.email = "not-an-email";
    u.name = std::string(kMaxNameLength + 1, 'n');
    EXPECT_EQ(Fields(ValidateUser(u)), (std::vector<std::string>{"email", "name"}));
}

}  // namespace
}  // namespace tl::domain

namespace tl::domain {
namespace {

TEST(SearchWordsTest, SplitsOnAnythingButLettersDigitsAndWholeCharacters) {
    EXPECT_EQ(SearchWords("Night-camera, night!", 10),
              (std::vector<std::string>{"Night", "camera", "night"}));
    EXPECT_EQ(SearchWords("a a b", 10), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(SearchWords("one two three", 2), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(SearchWords("Drohne \xC3\xBC"
                          "ber bad\xC3 x\xFFy",
                          10),
              (std::vector<std::string>{"Drohne",
                                        "\xC3\xBC"
                                        "ber",
                                        "bad",
                                        "x",
                                        "y"}));
    // Cut at a character boundary: after "abü" (4 bytes) the second "ü" does not fit in 5.
    EXPECT_EQ(SearchWords("ab\xC3\xBC\xC3\xBC", 10, 5), (std::vector<std::string>{"ab\xC3\xBC"}));
    EXPECT_TRUE(SearchWords(" !! ", 10).empty());
}

}  // namespace
}  // namespace tl::domain
