// The demo workspace's SkyLift X2 backlog, as a new user of the demo sees it: enough items on
// every level of the hierarchy, work in progress and done, refinement flags, roll-ups, custom
// fields, links and comments.
#include <map>
#include <set>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class DemoBacklogTest : public DemoSuite<DemoBacklogTest> {
protected:
    // Every item of the X2 backlog in rank order, read page by page as the Product Owner.
    static json::array AllItems() {
        json::array all;
        std::string cursor;
        for (int page = 0; page < 20; ++page) {
            std::string target = "/api/v1/products/" + Ids().x2 + "/items?limit=50";
            if (!cursor.empty()) {
                target += "&cursor=" + UrlEncode(cursor);
            }
            const HttpResult r = client().Get(target, Token("bob"));
            EXPECT_EQ(r.status, 200) << r.body;
            const json::value v = r.Json();
            for (const auto& item : ArrAt(v, {"data"})) {
                all.push_back(item);
            }
            cursor = StrAt(v, {"next_cursor"});
            if (cursor.empty()) {
                break;
            }
        }
        return all;
    }

    static double Number(const json::value& v, std::initializer_list<std::string_view> path) {
        const json::value* p = At(v, path);
        if (p == nullptr) {
            return -1;
        }
        if (p->is_double()) {
            return p->as_double();
        }
        return p->is_int64() ? static_cast<double>(p->as_int64()) : -1;
    }

    static json::value ByTitle(const json::array& items, std::string_view title) {
        for (const auto& i : items) {
            if (StrAt(i, {"title"}) == title) {
                return i;
            }
        }
        ADD_FAILURE() << "no item titled " << title;
        return nullptr;
    }
};

TEST_F(DemoBacklogTest, EveryLevelOfTheHierarchyInRankOrder) {
    const json::array items = AllItems();
    EXPECT_GE(items.size(), 70u);
    std::set<std::string> types;
    std::map<std::string, std::string> type_of;  // id → type
    std::string previous_rank;
    for (const auto& i : items) {
        types.insert(StrAt(i, {"type"}));
        type_of[StrAt(i, {"id"})] = StrAt(i, {"type"});
        const std::string rank = StrAt(i, {"rank"});
        EXPECT_LT(previous_rank, rank);
        previous_rank = rank;
    }
    for (const char* t : {"epic", "feature", "story", "bug", "spike", "tech-debt", "task"}) {
        EXPECT_EQ(types.count(t), 1u) << "no " << t << " in the demo backlog";
    }
    // The first item is an epic, and its children follow it.
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(StrAt(items[0], {"type"}), "epic");
    EXPECT_EQ(StrAt(items[1], {"parent", "id"}), StrAt(items[0], {"id"}));
    // Every task has a story-level parent.
    for (const auto& i : items) {
        if (StrAt(i, {"type"}) == "task") {
            const std::string parent = type_of[StrAt(i, {"parent", "id"})];
            EXPECT_TRUE(parent == "story" || parent == "bug" || parent == "spike" ||
                        parent == "tech-debt")
                << StrAt(i, {"key"}) << " has a parent of type '" << parent << "'";
        }
    }
}

TEST_F(DemoBacklogTest, WorkInProgressAndDoneWithTheirChecks) {
    const json::array items = AllItems();
    std::map<std::string, int> by_status;
    bool assigned_to_dave = false;
    for (const auto& i : items) {
        ++by_status[StrAt(i, {"status"})];
        assigned_to_dave =
            assigned_to_dave || StrAt(i, {"assignee", "id"}) == Ids().users.at("dave");
        if (StrAt(i, {"status"}) == "done" && StrAt(i, {"type"}) == "story") {
            for (const auto& c : ArrAt(i, {"criteria"})) {
                EXPECT_TRUE(c.at("done").as_bool()) << StrAt(i, {"key"});
            }
            EXPECT_EQ(ArrAt(i, {"done_checks"}).size(), 4u) << StrAt(i, {"key"});
            EXPECT_EQ(StrAt(i, {"accepted_by"}), Ids().users.at("bob"));
        }
    }
    for (const char* s : {"new", "ready", "in_progress", "in_review", "done"}) {
        EXPECT_GE(by_status[s], 2) << "status " << s;
    }
    EXPECT_TRUE(assigned_to_dave);
}

TEST_F(DemoBacklogTest, RefinementQueueFlagsAStoryTooBig) {
    const HttpResult r =
        client().Get("/api/v1/products/" + Ids().x2 + "/refinement", Token("carol"));
    ASSERT_EQ(r.status, 200) << r.body;
    std::set<std::string> flags;
    for (const auto& i : ArrAt(r.Json(), {"data"})) {
        for (const auto& f : ArrAt(i, {"flags"})) {
            flags.insert(std::string(f.as_string()));
        }
    }
    EXPECT_EQ(flags.count("too_big"), 1u) << r.body.substr(0, 500);
    EXPECT_EQ(flags.count("no_estimate"), 1u);
    EXPECT_EQ(flags.count("no_criteria"), 1u);
}

TEST_F(DemoBacklogTest, EpicRollUpsCountDonePoints) {
    const json::array items = AllItems();
    int epics = 0;
    bool some_done = false;
    for (const auto& i : items) {
        if (StrAt(i, {"type"}) != "epic") {
            continue;
        }
        ++epics;
        const double total = Number(i, {"rollup", "total_points"});
        const double done = Number(i, {"rollup", "done_points"});
        EXPECT_GT(total, 0) << StrAt(i, {"title"});
        EXPECT_LE(done, total) << StrAt(i, {"title"});
        some_done = some_done || done > 0;
    }
    EXPECT_GE(epics, 5);
    EXPECT_TRUE(some_done);
    const json::value flight = ByTitle(items, "45-minute flight time");
    EXPECT_GT(Number(flight, {"rollup", "done_points"}), 0);
}

TEST_F(DemoBacklogTest, CustomFieldsLinksAndComments) {
    const HttpResult settings =
        client().Get("/api/v1/products/" + Ids().x2 + "/backlog-settings", Token("bob"));
    ASSERT_EQ(settings.status, 200) << settings.body;
    std::set<std::string> keys;
    for (const auto& f : ArrAt(settings.Json(), {"fields"})) {
        keys.insert(StrAt(f, {"key"}));
    }
    EXPECT_EQ(keys, (std::set<std::string>{"customer", "risk"}));

    const json::array items = AllItems();
    const json::value thermal = ByTitle(items, "Thermal camera module as a swappable payload");
    EXPECT_EQ(StrAt(thermal, {"fields", "risk"}), "high");
    EXPECT_EQ(ArrAt(thermal, {"fields", "customer"}).size(), 2u);

    const json::value dup = ByTitle(items, "Firmware install hangs near the end on Android phones");
    const HttpResult one = client().Get("/api/v1/items/" + StrAt(dup, {"key"}), Token("erin"));
    ASSERT_EQ(one.status, 200) << one.body;
    const json::array links = ArrAt(one.Json(), {"links"});
    ASSERT_EQ(links.size(), 1u) << one.body;
    EXPECT_EQ(StrAt(links[0], {"kind"}), "duplicates");
    EXPECT_EQ(StrAt(links[0], {"item", "title"}), "Update progress stops at 99 % on Android 14");

    const HttpResult history = client().Get(
        "/api/v1/items/" + StrAt(thermal, {"id"}) + "/history?limit=50", Token("erin"));
    ASSERT_EQ(history.status, 200) << history.body;
    // Seeded as the system (no actor); each comment names its demo author.
    std::set<std::string> commenters;
    for (const auto& e : ArrAt(history.Json(), {"data"})) {
        if (StrAt(e, {"action"}) == "commented") {
            const json::value* actor = At(e, {"actor"});
            EXPECT_TRUE(actor != nullptr && actor->is_null()) << history.body.substr(0, 500);
            commenters.insert(StrAt(e, {"changes", "author_id", "after"}));
        }
    }
    EXPECT_EQ(commenters, (std::set<std::string>{Ids().users.at("erin"), Ids().users.at("bob")}));
}

}  // namespace
}  // namespace tl::test
