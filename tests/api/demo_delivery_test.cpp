// The demo workspace's delivery history for SkyLift X2, as a user of the demo sees it through
// the API: team Falcon's velocity over two completed sprints, the active sprint's burndown
// with its scope changes, a completed sprint's report, the change requests waiting for the
// Product Owner, the upcoming release's readiness with one failing test case, the notes of the
// release already shipped, and the team's retrospectives with an action carried forward.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

// "YYYY-MM-DD" of today (UTC): the server's calendar.
std::string Today() {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(system_clock::now())};
    char buf[16];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02u-%02u",
                  static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

double Num(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* p = At(v, path);
    return p != nullptr && p->is_number() ? p->to_number<double>() : -1;
}

std::vector<std::string> Keys(const json::array& entries) {
    std::vector<std::string> keys;
    for (const auto& e : entries) {
        keys.push_back(StrAt(e, {"key"}));
    }
    return keys;
}

std::vector<std::string> Titles(const json::array& entries) {
    std::vector<std::string> titles;
    for (const auto& e : entries) {
        titles.push_back(StrAt(e, {"title"}));
    }
    return titles;
}

class DemoDeliveryTest : public DemoSuite<DemoDeliveryTest> {
protected:
    static json::value Get(const std::string& path, const std::string& who = "erin") {
        const HttpResult r = client().Get(path, Token(who));
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return r.Json();
    }
    // The X2 sprint of that name.
    static json::value Sprint(const std::string& name) {
        for (const auto& s : ArrAt(Get("/api/v1/products/" + Ids().x2 + "/sprints"), {"data"})) {
            if (StrAt(s, {"name"}) == name) {
                return s;
            }
        }
        ADD_FAILURE() << "no sprint named " << name;
        return nullptr;
    }
    // The X2 release of that version.
    static json::value Release(const std::string& version) {
        for (const auto& r : ArrAt(Get("/api/v1/products/" + Ids().x2 + "/releases"), {"data"})) {
            if (StrAt(r, {"version"}) == version) {
                return r;
            }
        }
        ADD_FAILURE() << "no release " << version;
        return nullptr;
    }
};

TEST_F(DemoDeliveryTest, TwoCompletedSprintsBeforeAnActiveOneOfTeamFalcon) {
    const json::array sprints = ArrAt(Get("/api/v1/products/" + Ids().x2 + "/sprints"), {"data"});
    ASSERT_EQ(sprints.size(), 3u);
    const std::string today = Today();
    std::vector<std::string> names;
    for (const auto& s : sprints) {
        names.push_back(StrAt(s, {"name"}));
        EXPECT_EQ(StrAt(s, {"team_id"}), Ids().falcon);
        EXPECT_EQ(StrAt(s, {"team", "name"}), "Falcon");
        EXPECT_EQ(IntAt(s, {"working_day_count"}), 10) << StrAt(s, {"name"});
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Sprint 1", "Sprint 2", "Sprint 3"}));
    for (int k = 0; k < 2; ++k) {
        EXPECT_EQ(StrAt(sprints[k], {"status"}), "completed");
        EXPECT_LT(StrAt(sprints[k], {"end_date"}), today);
    }
    EXPECT_EQ(StrAt(sprints[2], {"status"}), "active");
    EXPECT_LT(StrAt(sprints[2], {"start_date"}), today);
    EXPECT_GT(StrAt(sprints[2], {"end_date"}), today);

    // The active sprint has its team's capacity and planning figures against the velocity.
    const json::value active = Get("/api/v1/sprints/" + StrAt(sprints[2], {"id"}));
    EXPECT_EQ(ArrAt(active, {"capacity", "members"}).size(), 2u);
    EXPECT_GT(Num(active, {"capacity", "total"}), 0);
    EXPECT_EQ(Num(active, {"planning", "velocity"}), 20);
    EXPECT_EQ(IntAt(active, {"planning", "velocity_window"}), 2);
    EXPECT_TRUE(At(active, {"require_approval"})->as_bool());
}

TEST_F(DemoDeliveryTest, TeamVelocityListsTheCompletedSprintsWithTheirPoints) {
    const json::value v = Get("/api/v1/teams/" + Ids().falcon + "/velocity");
    const json::array sprints = ArrAt(v, {"sprints"});
    ASSERT_EQ(sprints.size(), 2u) << json::serialize(v);
    EXPECT_EQ(StrAt(sprints[0], {"name"}), "Sprint 1");
    EXPECT_EQ(Num(sprints[0], {"committed"}), 29);
    EXPECT_EQ(Num(sprints[0], {"completed"}), 19);
    EXPECT_EQ(StrAt(sprints[1], {"name"}), "Sprint 2");
    EXPECT_EQ(Num(sprints[1], {"committed"}), 26);
    EXPECT_EQ(Num(sprints[1], {"completed"}), 21);
    EXPECT_EQ(Num(v, {"average"}), 20);
}

TEST_F(DemoDeliveryTest, CompletedSprintsBurnDownOverSeveralDays) {
    for (const char* name : {"Sprint 1", "Sprint 2"}) {
        const json::value b = Get("/api/v1/sprints/" + StrAt(Sprint(name), {"id"}) + "/burndown");
        const json::array days = ArrAt(b, {"days"});
        ASSERT_EQ(days.size(), 12u) << name;
        std::set<double> done;
        int changes = 0;
        for (const auto& d : days) {
            done.insert(Num(d, {"done"}));
            changes += static_cast<int>(ArrAt(d, {"changes"}).size());
        }
        // Items were done on at least three different days, not all at once.
        EXPECT_GE(done.size(), 4u) << name << ": " << json::serialize(b);
        EXPECT_GE(changes, 1) << name;
        // The last day leaves the unfinished story.
        EXPECT_EQ(Num(days.back(), {"remaining"}), 5) << name;
    }
}

TEST_F(DemoDeliveryTest, TheActiveSprintsBurndownMarksItsScopeChanges) {
    const json::value sprint = Sprint("Sprint 3");
    const json::value b = Get("/api/v1/sprints/" + StrAt(sprint, {"id"}) + "/burndown");
    EXPECT_EQ(StrAt(b, {"status"}), "active");
    EXPECT_EQ(Num(b, {"committed"}), 26);
    std::set<std::string> kinds;
    double done_today = -1;
    double scope_today = -1;
    const std::string today = Today();
    for (const auto& d : ArrAt(b, {"days"})) {
        for (const auto& c : ArrAt(d, {"changes"})) {
            kinds.insert(StrAt(c, {"kind"}));
        }
        if (StrAt(d, {"date"}) == today) {
            done_today = Num(d, {"done"});
            scope_today = Num(d, {"scope"});
        }
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"added", "re_estimated"})) << json::serialize(b);
    // 26 committed, 3 added, 8 → 13 re-estimated; 2 + 3 points done.
    EXPECT_EQ(scope_today, 34);
    EXPECT_EQ(done_today, 5);

    const json::array changes =
        ArrAt(Get("/api/v1/sprints/" + StrAt(sprint, {"id"}) + "/scope-changes"), {"data"});
    ASSERT_EQ(changes.size(), 2u);
    for (const auto& c : changes) {
        EXPECT_FALSE(StrAt(c, {"reason"}).empty());
        EXPECT_FALSE(StrAt(c, {"by_name"}).empty());
    }
}

TEST_F(DemoDeliveryTest, TheActiveSprintHasAnAcceptedAndAnOpenChangeRequest) {
    const std::string id = StrAt(Sprint("Sprint 3"), {"id"});
    const json::array all = ArrAt(Get("/api/v1/sprints/" + id + "/change-requests"), {"data"});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(StrAt(all[0], {"status"}), "accepted");
    EXPECT_EQ(StrAt(all[0], {"decided_by"}), Ids().users.at("bob"));
    EXPECT_EQ(StrAt(all[1], {"status"}), "open");
    EXPECT_EQ(StrAt(all[1], {"requested_by"}), Ids().users.at("dave"));
}

TEST_F(DemoDeliveryTest, SprintTwosReportShowsEveryGroup) {
    const json::value r = Get("/api/v1/sprints/" + StrAt(Sprint("Sprint 2"), {"id"}) + "/report");
    EXPECT_EQ(StrAt(r, {"status"}), "completed");
    EXPECT_EQ(Num(r, {"committed"}), 26);
    EXPECT_EQ(Num(r, {"completed"}), 21);
    EXPECT_EQ(ArrAt(r, {"done"}).size(), 4u);
    const json::array not_done = ArrAt(r, {"not_done"});
    ASSERT_EQ(not_done.size(), 1u);
    EXPECT_EQ(StrAt(not_done[0], {"title"}),
              "Show remaining flight time in minutes, not only percent");
    const json::array added = ArrAt(r, {"added_after_start"});
    ASSERT_EQ(added.size(), 1u);
    EXPECT_EQ(StrAt(added[0], {"title"}), "Switch between photo and video without landing");
    EXPECT_FALSE(StrAt(added[0], {"reason"}).empty());
    const json::array removed = ArrAt(r, {"removed"});
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(StrAt(removed[0], {"title"}), "Gimbal drifts to the left after 20 minutes of flight");
    const json::array carried = ArrAt(r, {"carried_over"});
    ASSERT_EQ(carried.size(), 1u);
    EXPECT_EQ(StrAt(carried[0], {"outcome"}), "carried_over");
    EXPECT_EQ(StrAt(carried[0], {"next_sprint_id"}), StrAt(Sprint("Sprint 3"), {"id"}));
}

TEST_F(DemoDeliveryTest, TheUpcomingReleaseIsNotReadyWithOneFailingCase) {
    const json::value release = Release("2.0");
    EXPECT_EQ(StrAt(release, {"status"}), "in_progress");
    EXPECT_GT(StrAt(release, {"target_date"}), Today());
    const json::value& readiness = *At(release, {"readiness"});
    EXPECT_FALSE(At(readiness, {"ready"})->as_bool());
    EXPECT_GT(IntAt(readiness, {"items_total"}), IntAt(readiness, {"items_done"}));
    EXPECT_GT(IntAt(readiness, {"items_done"}), 0);
    EXPECT_GT(IntAt(readiness, {"criteria_covered"}), IntAt(readiness, {"criteria_passing"}));
    EXPECT_GT(IntAt(readiness, {"criteria_total"}), IntAt(readiness, {"criteria_covered"}));
    const json::array failing = ArrAt(readiness, {"failing_cases"});
    ASSERT_EQ(failing.size(), 1u) << json::serialize(readiness);
    EXPECT_EQ(StrAt(failing[0], {"result"}), "fail");
    EXPECT_EQ(StrAt(failing[0], {"item", "title"}),
              "Show remaining flight time in minutes, not only percent");
    EXPECT_FALSE(StrAt(failing[0], {"run", "notes"}).empty());

    // Its test plan: every case but one run, one failing.
    const json::array plans =
        ArrAt(Get("/api/v1/products/" + Ids().x2 + "/test-plans?release=" + StrAt(release, {"id"})),
              {"data"});
    ASSERT_EQ(plans.size(), 1u);
    EXPECT_EQ(IntAt(plans[0], {"summary", "total"}), 10);
    EXPECT_EQ(IntAt(plans[0], {"summary", "pass"}), 8);
    EXPECT_EQ(IntAt(plans[0], {"summary", "fail"}), 1);
    EXPECT_EQ(IntAt(plans[0], {"summary", "not_run"}), 1);
}

TEST_F(DemoDeliveryTest, TheReleasedReleasesNotesListItsAcceptedItems) {
    const json::value release = Release("0.9");
    EXPECT_EQ(StrAt(release, {"status"}), "released");
    EXPECT_TRUE(At(release, {"readiness", "ready"})->as_bool());
    const std::string id = StrAt(release, {"id"});
    const json::value notes = Get("/api/v1/releases/" + id + "/notes?format=json");
    const json::array groups = ArrAt(notes, {"groups"});
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(Titles(ArrAt(groups[0], {"items"})),
              (std::vector<std::string>{"Integrate the 6S 8,000 mAh solid-state pack",
                                        "Carbon-fibre arms replace the aluminium ones",
                                        "Record 4K at 60 fps to the SD card",
                                        "Three-axis gimbal keeps the horizon level within 0.5°",
                                        "Switch between photo and video without landing",
                                        "Return home when the battery reaches the reserve for "
                                        "the way back",
                                        "Live view with 200 ms latency over 2 km"}));
    EXPECT_EQ(Titles(ArrAt(groups[1], {"items"})),
              (std::vector<std::string>{"Map tiles stay blank offline"}));
    EXPECT_TRUE(ArrAt(groups[2], {"items"}).empty());

    const HttpResult md = client().Get("/api/v1/releases/" + id + "/notes", Token("erin"));
    ASSERT_EQ(md.status, 200) << md.body;
    EXPECT_EQ(md.body.rfind("# Release 0.9: Pilot series\n\nReleased on ", 0), 0u) << md.body;
    EXPECT_NE(md.body.find("## Fixed\n\n- X2-"), std::string::npos) << md.body;
}

TEST_F(DemoDeliveryTest, DoneItemsWereDoneOnTheirSprintsDays) {
    const json::value r = Get("/api/v1/sprints/" + StrAt(Sprint("Sprint 1"), {"id"}) + "/report");
    const json::array done = ArrAt(r, {"done"});
    ASSERT_EQ(done.size(), 3u);
    const json::value sprint = Sprint("Sprint 1");
    std::set<std::string> days;
    for (const std::string& key : Keys(done)) {
        const json::value item = Get("/api/v1/items/" + key);
        const std::string done_at = StrAt(item, {"done_at"});
        ASSERT_GE(done_at.size(), 10u) << key;
        days.insert(done_at.substr(0, 10));
        EXPECT_GE(done_at.substr(0, 10), StrAt(sprint, {"start_date"})) << key;
        EXPECT_LE(done_at.substr(0, 10), StrAt(sprint, {"end_date"})) << key;
        EXPECT_EQ(StrAt(item, {"sprint_id"}), StrAt(sprint, {"id"})) << key;
    }
    EXPECT_EQ(days.size(), 3u);
}

TEST_F(DemoDeliveryTest, SprintTwosRetrospectiveHasVotedCardsAndACarriedAction) {
    const json::value retro =
        Get("/api/v1/sprints/" + StrAt(Sprint("Sprint 2"), {"id"}) + "/retro", "dave");
    for (const char* column : {"went_well", "to_improve", "action"}) {
        const json::array cards = ArrAt(retro, {"cards", column});
        ASSERT_FALSE(cards.empty()) << column;
        for (const auto& c : cards) {
            EXPECT_GT(IntAt(c, {"votes"}), 0) << StrAt(c, {"text"});
            EXPECT_FALSE(StrAt(c, {"author", "name"}).empty());
        }
    }
    // Dave voted on some cards and not on others.
    std::set<bool> dave_voted;
    for (const char* column : {"went_well", "to_improve", "action"}) {
        for (const auto& c : ArrAt(retro, {"cards", column})) {
            dave_voted.insert(At(c, {"voted"})->as_bool());
        }
    }
    EXPECT_EQ(dave_voted.size(), 2u);

    const json::array actions = ArrAt(retro, {"actions"});
    ASSERT_EQ(actions.size(), 4u) << json::serialize(retro);
    int own = 0;
    int done = 0;
    for (const auto& a : actions) {
        EXPECT_FALSE(StrAt(a, {"owner", "name"}).empty()) << StrAt(a, {"text"});
        done += At(a, {"done"})->as_bool() ? 1 : 0;
        own += At(a, {"carried_from"})->is_null() ? 1 : 0;
    }
    EXPECT_EQ(own, 3);
    EXPECT_EQ(done, 1);
    // Sprint 1's open action, carried forward.
    EXPECT_EQ(StrAt(actions.back(), {"carried_from", "name"}), "Sprint 1");
    EXPECT_FALSE(At(actions.back(), {"done"})->as_bool());
    EXPECT_EQ(StrAt(actions.back(), {"owner", "id"}), Ids().users.at("carol"));

    // Sprint 1's retrospective keeps its own two, one done.
    const json::array first =
        ArrAt(Get("/api/v1/sprints/" + StrAt(Sprint("Sprint 1"), {"id"}) + "/retro"), {"actions"});
    ASSERT_EQ(first.size(), 2u);
    EXPECT_TRUE(At(first[0], {"carried_from"})->is_null());
}

}  // namespace
}  // namespace tl::test
