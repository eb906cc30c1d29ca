// Use cases against a real SQLite store in a temp dir, with a clock the test moves.
#include <filesystem>
#include <map>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "app/accounts/api_tokens.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/users.hpp"
#include "app/backlog/comments.hpp"
#include "app/backlog/items.hpp"
#include "app/demo_seed.hpp"
#include "app/history.hpp"
#include "app/prioritisation/prioritisation.hpp"
#include "app/products/products.hpp"
#include "app/serialize.hpp"
#include "app/teams/teams.hpp"
#include "app/testing/test_planning.hpp"
#include "cli/duration.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace tl::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

class FakeClock final : public Clock {
public:
    std::int64_t NowMs() const override { return now; }
    std::int64_t now = 1'795'000'000'000;  // late 2026
};

// One demo workspace shared by the tests of this file (seeding hashes seven passwords).
class AppTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() / ("tl-app-" + std::to_string(::getpid())));
        fs::remove_all(*dir_);
        fs::create_directories(*dir_);
        storage::SqliteOptions o;
        o.path = (*dir_ / "app.db").string();
        store_ = storage::OpenSqliteStore(o).value().release();
        ASSERT_TRUE(store_->Migrate());
        clock_ = new FakeClock();
        AppContext ctx{*store_, *clock_, {}};
        ASSERT_TRUE(SeedDemo(ctx).value());
    }
    static void TearDownTestSuite() {
        delete store_;
        delete clock_;
        fs::remove_all(*dir_);
        delete dir_;
    }

    AppContext Ctx() { return AppContext{*store_, *clock_, {}}; }

    Actor As(const std::string& handle) {
        auto ctx = Ctx();
        auto login = Login(ctx, {handle + "@skylift.example", "demo", "10.0.0.1"});
        EXPECT_TRUE(login) << handle;
        return Authenticate(ctx, login->secret).value();
    }

    std::string ProductId(const std::string& key) {
        auto ctx = Ctx();
        auto products = ListProducts(ctx, As("admin"), {}).value();
        for (const auto& p : products) {
            if (p.product.key == key) {
                return p.product.id;
            }
        }
        ADD_FAILURE() << "no product " << key;
        return "";
    }

    static fs::path* dir_;
    static storage::Store* store_;
    static FakeClock* clock_;
};

fs::path* AppTest::dir_ = nullptr;
storage::Store* AppTest::store_ = nullptr;
FakeClock* AppTest::clock_ = nullptr;

TEST_F(AppTest, SeedingTwiceChangesNothing) {
    auto ctx = Ctx();
    EXPECT_FALSE(SeedDemo(ctx).value());
}

// The demo's voice and scores are written through the use cases as the demo people, who are
// named as their authors; their events, as all the seed's, carry no actor.
TEST_F(AppTest, TheSeedsEventsCarryNoActor) {
    auto ctx = Ctx();
    auto alice = As("alice");
    const std::string x2 = ProductId("X2");
    std::map<std::string, int> seeded;  // entity type → events without an actor
    std::int64_t before = 0;
    for (int page = 0; page < 100; ++page) {
        auto history = ProductHistory(ctx, alice, x2, before, 200).value();
        for (const auto& e : history.entries) {
            const auto& type = e.event.entity_type;
            if (type == "item_score" || type == "scorecard" || type == "idea" ||
                type == "customer") {
                EXPECT_EQ(e.event.actor_id, "") << type << " " << e.event.action;
                EXPECT_EQ(e.actor_name, "");
                ++seeded[type];
            }
        }
        before = history.next_before;
        if (before == 0) {
            break;
        }
    }
    EXPECT_GE(seeded["item_score"], 60);
    EXPECT_EQ(seeded["scorecard"], 1);
    EXPECT_GE(seeded["idea"], 3);
    EXPECT_GE(seeded["customer"], 5);

    // A score's author is the Product Owner who set it.
    PrioritisationQuery rice;
    rice.model = "rice";
    const auto ranked = Prioritisation(ctx, alice, x2, rice).value();
    const auto& first = ranked.at("items").as_array().at(0).as_object();
    ASSERT_FALSE(first.at("score").is_null());
    const auto scores = GetItemScores(ctx, alice, std::string(first.at("id").as_string())).value();
    bool found = false;
    for (const auto& s : scores.at("scores").as_array()) {
        if (s.at("model") == "rice") {
            found = true;
            EXPECT_EQ(s.at("updated_by").at("name"), "Bob Okafor");
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(AppTest, EachDemoUserLandsOnTheirHome) {
    const std::pair<const char*, const char*> expected[] = {
        {"alice", "strategy"},
        {"bob", "backlog"},
        {"carol", "sprint"},
        {"dave", "board"},
        {"erin", "overview"},
        {"frank", "portfolio"},
        {"admin", "admin"},
    };
    auto ctx = Ctx();
    for (const auto& [who, page] : expected) {
        auto me = Me(ctx, As(who));
        ASSERT_TRUE(me) << who;
        EXPECT_EQ(me->home_page, page) << who;
        EXPECT_EQ(me->home_product_id.empty(), std::string(who) == "admin") << who;
    }
}

TEST_F(AppTest, LoginRefusesWrongPasswordAndUnknownEmailAlike) {
    auto ctx = Ctx();
    auto wrong = Login(ctx, {"carol@skylift.example", "nope", "10.0.0.2"});
    auto unknown = Login(ctx, {"nobody@skylift.example", "demo", "10.0.0.2"});
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
    EXPECT_TRUE(Login(ctx, {"Carol@SkyLift.example", "demo", "10.0.0.2"}));
}

TEST_F(AppTest, FailedLoginsLockTheAccountForTheWindow) {
    auto ctx = Ctx();
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Login(ctx, {"frank@skylift.example", "bad", "10.0.0.3"}).error().code,
                  ErrorCode::kUnauthenticated);
        clock_->now += 1000;
    }
    auto locked = Login(ctx, {"frank@skylift.example", "demo", "10.0.0.3"});
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
    ASSERT_TRUE(locked.error().retry_after_seconds);
    EXPECT_EQ(*locked.error().retry_after_seconds, 15 * 60 - 5);
    // Once the oldest failure leaves the window, one more attempt is let through.
    clock_->now += (15 * 60 - 5) * 1000;
    EXPECT_TRUE(Login(ctx, {"frank@skylift.example", "demo", "10.0.0.3"}));
}

TEST_F(AppTest, TooManyFailuresFromOneAddressAreRefusedForEveryAccount) {
    auto ctx = Ctx();
    ctx.config.login_max_failures_address = 3;
    for (int i = 0; i < 3; ++i) {
        (void)Login(ctx, {"user" + std::to_string(i) + "@elsewhere.example", "x", "10.9.9.9"});
    }
    auto r = Login(ctx, {"erin@skylift.example", "demo", "10.9.9.9"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kRateLimited);
    EXPECT_TRUE(Login(ctx, {"erin@skylift.example", "demo", "10.9.9.10"}));
}

TEST_F(AppTest, SessionsExpireWhenIdleAndLogoutRevokes) {
    auto ctx = Ctx();
    auto login = Login(ctx, {"dave@skylift.example", "demo", "10.0.0.4"}).value();
    clock_->now += 29 * 60'000;
    auto actor = Authenticate(ctx, login.secret);
    ASSERT_TRUE(actor);  // used: the idle clock restarts
    clock_->now += 29 * 60'000;
    ASSERT_TRUE(Authenticate(ctx, login.secret));
    clock_->now += 31 * 60'000;
    EXPECT_EQ(Authenticate(ctx, login.secret).error().code, ErrorCode::kUnauthenticated);

    auto again = Login(ctx, {"dave@skylift.example", "demo", "10.0.0.4"}).value();
    auto dave = Authenticate(ctx, again.secret).value();
    ASSERT_TRUE(Logout(ctx, dave));
    EXPECT_FALSE(Authenticate(ctx, again.secret));
    EXPECT_FALSE(Authenticate(ctx, ""));
    EXPECT_FALSE(Authenticate(ctx, "tls_0000"));
}

TEST_F(AppTest, ApiTokensAuthenticateUntilRevokedAndOnlyByTheirOwner) {
    auto ctx = Ctx();
    auto bob = As("bob");
    auto created = CreateApiToken(ctx, bob, {"ci", 30, {}});
    ASSERT_TRUE(created);
    EXPECT_TRUE(created->secret.starts_with("tlp_"));
    auto as_token = Authenticate(ctx, created->secret);
    ASSERT_TRUE(as_token);
    EXPECT_EQ(as_token->user_id, bob.user_id);
    auto other = RevokeApiToken(ctx, As("carol"), created->token.id);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(RevokeApiToken(ctx, bob, created->token.id));
    EXPECT_FALSE(Authenticate(ctx, created->secret));
    auto bad = CreateApiToken(ctx, bob, {"", 99999, {}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().details.size(), 2u);
}

TEST_F(AppTest, OnlyThePmEditsTheProductAndEveryEditIsAudited) {
    auto ctx = Ctx();
    const auto x2 = ProductId("X2");
    ProductInput rename;
    rename.name = "SkyLift X2 Survey";
    auto by_po = UpdateProduct(ctx, As("bob"), x2, rename, std::nullopt);
    ASSERT_FALSE(by_po);
    EXPECT_EQ(by_po.error().code, ErrorCode::kForbidden);
    auto alice = As("alice");
    auto before = GetProduct(ctx, alice, x2).value();
    auto done = UpdateProduct(ctx, alice, x2, rename, before.product.version);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->product.version, before.product.version + 1);
    auto stale = UpdateProduct(ctx, alice, x2, rename, before.product.version);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);

    auto history = ProductHistory(ctx, alice, x2, 0, 1).value();
    ASSERT_EQ(history.entries.size(), 1u);
    const auto& e = history.entries[0];
    EXPECT_EQ(e.actor_name, "Alice Moreau");
    EXPECT_EQ(e.event.action, "updated");
    auto changes = json::parse(e.event.changes).as_object();
    EXPECT_EQ(changes.at("name").at("before"), json::value(before.product.name));
    EXPECT_EQ(changes.at("name").at("after"), json::value("SkyLift X2 Survey"));
    EXPECT_FALSE(changes.contains("version"));
    EXPECT_NE(history.next_before, 0);
}

TEST_F(AppTest, InvalidEditsWriteNothing) {
    auto ctx = Ctx();
    const auto x2 = ProductId("X2");
    auto alice = As("alice");
    auto before = GetProduct(ctx, alice, x2).value();
    auto events_before = ProductHistory(ctx, alice, x2, 0, 200).value().entries.size();
    ProductInput bad;
    bad.name = "";
    bad.key = "lower";
    bad.issues.push_back({"colour", "is not a known field"});
    auto r = UpdateProduct(ctx, alice, x2, bad, std::nullopt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().details.size(), 3u);
    auto after = GetProduct(ctx, alice, x2).value();
    EXPECT_EQ(after.product.version, before.product.version);
    EXPECT_EQ(ProductHistory(ctx, alice, x2, 0, 200).value().entries.size(), events_before);
}

TEST_F(AppTest, ProductsShowCombinedRoleWarnings) {
    auto ctx = Ctx();
    auto ai = GetProduct(ctx, As("alice"), ProductId("AI")).value();
    ASSERT_EQ(ai.warnings.size(), 1u);
    EXPECT_EQ(ai.warnings[0].code, "pm_is_po");
    auto x2 = GetProduct(ctx, As("alice"), ProductId("X2")).value();
    EXPECT_TRUE(x2.warnings.empty());
}

TEST_F(AppTest, SecondProductOwnerIsRefused) {
    auto ctx = Ctx();
    auto admin = As("admin");
    auto carol = As("carol");
    RoleInput input{carol.user_id, domain::Role::kProductOwner, {}};
    auto r = AssignRole(ctx, admin, ProductId("X2"), input);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    auto by_pm = AssignRole(ctx, As("alice"), ProductId("X2"), input);
    ASSERT_FALSE(by_pm);
    EXPECT_EQ(by_pm.error().code, ErrorCode::kForbidden);
}

TEST_F(AppTest, UsersWithoutARoleCannotReadAProduct) {
    auto ctx = Ctx();
    auto admin = As("admin");
    NewUser nora{"nora@skylift.example", "Nora Field", "a long password", false, {}, {}};
    ASSERT_TRUE(CreateUser(ctx, admin, nora));
    auto login = Login(ctx, {"nora@skylift.example", "a long password", "10.0.0.5"}).value();
    auto actor = Authenticate(ctx, login.secret).value();
    auto r = GetProduct(ctx, actor, ProductId("X2"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(ListProducts(ctx, actor, {}).value().empty());
    auto missing = GetProduct(ctx, actor, "prd_does_not_exist");
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(AppTest, AnotherWorkspaceSeesNothing) {
    auto ctx = Ctx();
    auto ws = CreateWorkspace(ctx, "Rival Rotors").value();
    NewUser eve{"eve@rival.example", "Eve", "a long password", true, {}, {}};
    ASSERT_TRUE(CreateUserAsSystem(ctx, ws.id, eve, true));
    auto login = Login(ctx, {"eve@rival.example", "a long password", "10.0.0.6"}).value();
    auto actor = Authenticate(ctx, login.secret).value();
    EXPECT_EQ(GetProduct(ctx, actor, ProductId("X2")).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(ProductHistory(ctx, actor, ProductId("X2"), 0, 10).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(GetUser(ctx, actor, As("alice").user_id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(ListProducts(ctx, actor, {}).value().empty());
    EXPECT_EQ(ListUsers(ctx, actor, {}).value().size(), 1u);
    EXPECT_EQ(CreateWorkspace(ctx, "Rival Rotors").error().code, ErrorCode::kConflict);
}

TEST_F(AppTest, UsersChangeTheirOwnPasswordWithTheCurrentOne) {
    auto ctx = Ctx();
    auto admin = As("admin");
    NewUser pat{"pat@skylift.example", "Pat", "first password", false, {}, {}};
    auto created = CreateUser(ctx, admin, pat).value();
    auto login = Login(ctx, {"pat@skylift.example", "first password", "10.0.0.7"}).value();
    auto actor = Authenticate(ctx, login.secret).value();
    UserPatch change;
    change.password = "second password";
    auto missing = UpdateUser(ctx, actor, created.id, change, std::nullopt);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().details.at(0).field, "current_password");
    change.current_password = "first password";
    auto other_device = Login(ctx, {"pat@skylift.example", "first password", "10.0.0.9"}).value();
    ASSERT_TRUE(UpdateUser(ctx, actor, created.id, change, std::nullopt));
    EXPECT_TRUE(Authenticate(ctx, login.secret)) << "the session that changed it stays";
    EXPECT_FALSE(Authenticate(ctx, other_device.secret)) << "other sessions end";
    auto relogin = Login(ctx, {"pat@skylift.example", "second password", "10.0.0.7"});
    EXPECT_TRUE(relogin);
    UserPatch reset;
    reset.password = "third password";
    ASSERT_TRUE(UpdateUser(ctx, admin, created.id, reset, std::nullopt));
    EXPECT_FALSE(Authenticate(ctx, login.secret)) << "an admin reset ends every session";
    EXPECT_FALSE(Authenticate(ctx, relogin->secret));
    UserPatch escalate;
    escalate.is_admin = true;
    EXPECT_EQ(UpdateUser(ctx, actor, created.id, escalate, std::nullopt).error().code,
              ErrorCode::kForbidden);
    auto history = UserHistory(ctx, admin, created.id, 0, 10).value();
    ASSERT_FALSE(history.entries.empty());
    auto changes = json::parse(history.entries[0].event.changes).as_object();
    EXPECT_EQ(changes.at("password").at("after"), json::value("(changed)"));
}

TEST_F(AppTest, TeamsValidateTheirMembersAndAreAudited) {
    auto ctx = Ctx();
    auto admin = As("admin");
    TeamInput bad;
    bad.name = "Osprey";
    bad.member_ids = std::vector<std::string>{"usr_nobody", As("dave").user_id};
    bad.product_id = "prd_nope";
    auto r = CreateTeam(ctx, admin, bad);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().details.size(), 2u);
    EXPECT_EQ(r.error().details[0].field, "product_id");
    EXPECT_EQ(r.error().details[1].field, "member_ids.0");
    TeamInput good;
    good.name = "Osprey";
    good.member_ids = std::vector<std::string>{As("dave").user_id};
    auto team = CreateTeam(ctx, admin, good).value();
    EXPECT_EQ(CreateTeam(ctx, As("carol"), good).error().code, ErrorCode::kForbidden);
    TeamInput rename;
    rename.name = "Osprey II";
    ASSERT_TRUE(UpdateTeam(ctx, admin, team.id, rename, team.version));
    EXPECT_EQ(UpdateTeam(ctx, admin, team.id, rename, team.version).error().code,
              ErrorCode::kPreconditionFailed);
    auto history = TeamHistory(ctx, admin, team.id, 0, 10).value();
    ASSERT_EQ(history.entries.size(), 2u);
    EXPECT_EQ(history.entries[0].event.action, "updated");
    ASSERT_TRUE(DeleteTeam(ctx, admin, team.id));
    EXPECT_EQ(GetTeam(ctx, admin, team.id).error().code, ErrorCode::kNotFound);
}

TEST_F(AppTest, EditsThatChangeNothingWriteNothing) {
    auto ctx = Ctx();
    auto alice = As("alice");
    const auto ai = ProductId("AI");
    auto before = GetProduct(ctx, alice, ai).value();
    auto events = ProductHistory(ctx, alice, ai, 0, 200).value().entries.size();
    ProductInput same;
    same.name = before.product.name;
    auto r = UpdateProduct(ctx, alice, ai, same, before.product.version);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->product.version, before.product.version);
    EXPECT_EQ(ProductHistory(ctx, alice, ai, 0, 200).value().entries.size(), events);

    auto admin = As("admin");
    TeamInput team_input;
    team_input.name = "Harrier";
    auto team = CreateTeam(ctx, admin, team_input).value();
    auto unchanged = UpdateTeam(ctx, admin, team.id, team_input, std::nullopt);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->version, team.version);
    EXPECT_EQ(TeamHistory(ctx, admin, team.id, 0, 10).value().entries.size(), 1u);

    UserPatch no_change;
    no_change.name = alice.name;
    auto user = UpdateUser(ctx, alice, alice.user_id, no_change, std::nullopt);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->version, 1);
}

TEST_F(AppTest, ASessionInUseOutlivesAShortIdleLimit) {
    auto ctx = Ctx();
    ctx.config.session_idle_ms = 3000;  // shorter than the usual refresh interval
    auto login = Login(ctx, {"bob@skylift.example", "demo", "10.0.0.8"}).value();
    for (int i = 0; i < 6; ++i) {
        clock_->now += 1500;
        ASSERT_TRUE(Authenticate(ctx, login.secret)) << "after " << (i + 1) * 1.5 << " s";
    }
    clock_->now += 3000;
    EXPECT_FALSE(Authenticate(ctx, login.secret));
}

TEST_F(AppTest, EntriesWrittenInOneMillisecondKeepTheOrderWritten) {
    // The clock stands still: comments, test cases and test plans made in one millisecond must
    // still be listed in the order they were written (their ids alone are random past the time).
    auto ctx = Ctx();
    auto bob = As("bob");
    const auto x2 = ProductId("X2");
    ItemInput story;
    story.type = domain::ItemType::kStory;
    story.title = "Hold position in gusts";
    story.criteria = std::vector<CriterionInput>{{"", "Drifts under 1 m", false}};
    auto item = CreateItem(ctx, bob, x2, story);
    ASSERT_TRUE(item) << item.error().message;
    const std::string id = item->item.id;
    constexpr int kCount = 12;
    for (int i = 0; i < kCount; ++i) {
        CommentInput comment;
        comment.body = "comment " + std::to_string(i);
        ASSERT_TRUE(AddComment(ctx, bob, id, comment));
        TestCaseInput test_case;
        test_case.title = "case " + std::to_string(i);
        ASSERT_TRUE(CreateTestCase(ctx, bob, id, test_case));
        TestPlanInput plan;
        plan.name = "plan " + std::to_string(i);
        plan.sprint_id = "spr_" + std::to_string(i);
        ASSERT_TRUE(CreateTestPlan(ctx, bob, x2, plan));
    }
    auto comments = ListComments(ctx, bob, id).value();
    auto cases = ListTestCases(ctx, bob, id).value();
    auto plans = ListTestPlans(ctx, bob, x2, {}).value();
    ASSERT_EQ(comments.size(), static_cast<std::size_t>(kCount));
    ASSERT_EQ(cases.size(), static_cast<std::size_t>(kCount));
    ASSERT_GE(plans.size(), static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i) {
        EXPECT_EQ(comments[i].comment.body, "comment " + std::to_string(i));
        EXPECT_EQ(cases[i].test_case.title, "case " + std::to_string(i));
        EXPECT_EQ(plans[i].plan.name, "plan " + std::to_string(kCount - 1 - i));  // newest first
    }
}

TEST(Serialize, DiffShowsChangedAddedAndRemovedFields) {
    json::object before{{"a", 1}, {"b", "x"}, {"gone", true}, {"version", 1}};
    json::object after{{"a", 1}, {"b", "y"}, {"new", nullptr}, {"version", 2}};
    auto diff = Diff(before, after);
    EXPECT_EQ(json::serialize(diff),
              R"({"b":{"before":"x","after":"y"},"new":{"before":null,"after":null},)"
              R"("gone":{"before":true,"after":null}})");
}

TEST(Serialize, TimesAreUtcWithMilliseconds) {
    EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatTime(1'795'000'000'123), "2026-11-18T11:06:40.123Z");
    EXPECT_TRUE(TimeOrNull(0).is_null());
}

TEST(Duration, ParsesUnitsAndRefusesTheRest) {
    EXPECT_EQ(cli::ParseDurationMs("500ms"), 500);
    EXPECT_EQ(cli::ParseDurationMs("45s"), 45'000);
    EXPECT_EQ(cli::ParseDurationMs("30m"), 1'800'000);
    EXPECT_EQ(cli::ParseDurationMs("12h"), 43'200'000);
    EXPECT_EQ(cli::ParseDurationMs("2d"), 172'800'000);
    for (const char* bad : {"", "5", "m", "-5m", "0s", "5 m", "5y", "99999999999999999999d"}) {
        EXPECT_FALSE(cli::ParseDurationMs(bad)) << bad;
    }
}

}  // namespace
}  // namespace tl::app

namespace tl::app {
namespace {

struct Stamped {
    std::int64_t at;
};

TEST(StampAfterTest, KeepsNowUnlessAnEarlierEntryIsAtOrAfterIt) {
    EXPECT_EQ(StampAfter(100, std::vector<Stamped>{}, &Stamped::at), 100);
    EXPECT_EQ(StampAfter(100, std::vector<Stamped>{{40}, {99}}, &Stamped::at), 100);
    EXPECT_EQ(StampAfter(100, std::vector<Stamped>{{40}, {100}}, &Stamped::at), 101);
    EXPECT_EQ(StampAfter(100, std::vector<Stamped>{{102}, {101}}, &Stamped::at), 103);
    EXPECT_EQ(StampAfter(100, 0), 100);
    EXPECT_EQ(StampAfter(100, 100), 101);
}

}  // namespace
}  // namespace tl::app
