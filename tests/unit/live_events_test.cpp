// The live-event building blocks without a server: the hub that wakes streams, and who may
// see which event.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/live/change_hub.hpp"
#include "app/live/event_feed.hpp"

namespace tl::app {
namespace {

TEST(ChangeHub, WakesTheWorkspacesSubscribersOnly) {
    ChangeHub hub;
    int ws1 = 0;
    int ws2 = 0;
    auto a = hub.Subscribe("ws1", [&] { ++ws1; });
    auto b = hub.Subscribe("ws2", [&] { ++ws2; });
    hub.Notify("ws1");
    hub.Notify("ws1");
    EXPECT_EQ(ws1, 2);
    EXPECT_EQ(ws2, 0);
    hub.Notify("");  // anything may have changed: everyone looks again
    EXPECT_EQ(ws1, 3);
    EXPECT_EQ(ws2, 1);
    EXPECT_EQ(hub.SubscriberCount(), 2u);
}

TEST(ChangeHub, AnEndedSubscriptionIsNeverCalledAgain) {
    ChangeHub hub;
    int calls = 0;
    auto sub = hub.Subscribe("ws1", [&] { ++calls; });
    sub.reset();
    hub.Notify("ws1");
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(hub.SubscriberCount(), 0u);
}

TEST(ChangeHub, SubscribersComeAndGoWhileNotificationsFly) {
    ChangeHub hub;
    std::atomic<bool> stop{false};
    std::atomic<int> woken{0};
    std::thread notifier([&] {
        while (!stop.load()) {
            hub.Notify("ws1");
        }
    });
    for (int i = 0; i < 2000; ++i) {
        auto sub = hub.Subscribe("ws1", [&] { woken.fetch_add(1); });
    }
    auto kept = hub.Subscribe("ws1", [&] { woken.fetch_add(1); });
    const int before = woken.load();
    while (woken.load() == before) {
        std::this_thread::yield();
    }
    stop.store(true);
    notifier.join();
    EXPECT_EQ(hub.SubscriberCount(), 1u);
}

domain::AuditEvent Event(std::string product_id,
                         std::string entity_type,
                         std::string entity_id,
                         std::string actor_id = "u-other") {
    domain::AuditEvent e;
    e.workspace_id = "ws1";
    e.product_id = std::move(product_id);
    e.entity_type = std::move(entity_type);
    e.entity_id = std::move(entity_id);
    e.actor_id = std::move(actor_id);
    return e;
}

TEST(EventVisibility, ProductEventsFollowTheRoleMatrix) {
    Actor member{"u1", "ws1", "Ann", "ann@example.com", false, "t1"};
    Actor admin{"u9", "ws1", "Root", "root@example.com", true, "t9"};
    const std::vector<domain::RoleAssignment> roles = {
        {"r1", "ws1", "p1", "u1", domain::Role::kStakeholder, 1}};
    EXPECT_TRUE(EventVisibleTo(Event("p1", "product", "p1"), member, roles));
    EXPECT_FALSE(EventVisibleTo(Event("p2", "product", "p2"), member, roles));
    EXPECT_FALSE(EventVisibleTo(Event("p2", "role_assignment", "r7"), member, roles));
    EXPECT_TRUE(EventVisibleTo(Event("p2", "product", "p2"), admin, {}));
}

TEST(EventVisibility, AccountsAndTokensArePrivateTeamsAndWorkspaceShared) {
    Actor member{"u1", "ws1", "Ann", "ann@example.com", false, "t1"};
    Actor admin{"u9", "ws1", "Root", "root@example.com", true, "t9"};
    EXPECT_TRUE(EventVisibleTo(Event("", "user", "u1"), member, {}));
    EXPECT_FALSE(EventVisibleTo(Event("", "user", "u2"), member, {}));
    EXPECT_TRUE(EventVisibleTo(Event("", "user", "u2"), admin, {}));
    EXPECT_TRUE(EventVisibleTo(Event("", "api_token", "k1", "u1"), member, {}));
    EXPECT_FALSE(EventVisibleTo(Event("", "api_token", "k2", "u2"), member, {}));
    EXPECT_TRUE(EventVisibleTo(Event("", "api_token", "k2", "u2"), admin, {}));
    // A team working on a product the member holds no role on is still listed to them.
    EXPECT_TRUE(EventVisibleTo(Event("p2", "team", "t1"), member, {}));
    EXPECT_TRUE(EventVisibleTo(Event("", "workspace", "ws1"), member, {}));
    Actor stranger{"u5", "ws2", "Eve", "eve@example.com", true, "t5"};
    EXPECT_FALSE(EventVisibleTo(Event("", "workspace", "ws1"), stranger, {}));
}

// Stakeholders and market objects (personas, competitors, comparison rows, market notes) need
// market.read: a stakeholder of the product reads its other events but not those.
TEST(EventVisibility, MarketEventsNeedMarketRead) {
    Actor erin{"u1", "ws1", "Erin", "erin@example.com", false, "t1"};
    Actor dave{"u2", "ws1", "Dave", "dave@example.com", false, "t2"};
    // Each user's own assignments, as the feed reads them.
    const std::vector<domain::RoleAssignment> erin_roles = {
        {"r1", "ws1", "p1", "u1", domain::Role::kStakeholder, 1}};
    const std::vector<domain::RoleAssignment> dave_roles = {
        {"r2", "ws1", "p1", "u2", domain::Role::kTeamMember, 1}};
    EXPECT_TRUE(EventVisibleTo(Event("p1", "item", "i1"), erin, erin_roles));
    EXPECT_TRUE(EventVisibleTo(Event("p1", "decision", "d1"), erin, erin_roles));
    for (const char* type :
         {"stakeholder", "persona", "competitor", "comparison_row", "market_note"}) {
        EXPECT_EQ(ReadActionOf(type), domain::Action::kMarketRead) << type;
        EXPECT_FALSE(EventVisibleTo(Event("p1", type, "x1"), erin, erin_roles)) << type;
        EXPECT_TRUE(EventVisibleTo(Event("p1", type, "x1"), dave, dave_roles)) << type;
    }
    EXPECT_EQ(ReadActionOf("item"), domain::Action::kProductRead);
    const auto hidden = HiddenEntityTypes({domain::Role::kStakeholder}, false);
    EXPECT_EQ(hidden.size(), 5u);
    EXPECT_TRUE(HiddenEntityTypes({domain::Role::kTeamMember}, false).empty());
    // The workspace admin reads products, not their market (as the role walk checks).
    EXPECT_EQ(HiddenEntityTypes({}, true).size(), 5u);
}

}  // namespace
}  // namespace tl::app
