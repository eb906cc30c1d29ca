// Releases and test planning, the pure rules: validation, release notes grouped and rendered
// as Markdown, where blockers are planned, the latest run of a case, coverage per criterion and
// the readiness of a release.
#include "domain/release.hpp"

#include <gtest/gtest.h>

#include "domain/test_plan.hpp"

namespace tl::domain {
namespace {

Item MakeItem(std::string id,
              std::int64_t number,
              ItemType type,
              std::string title,
              StatusCategory category = StatusCategory::kToDo) {
    Item i;
    i.id = std::move(id);
    i.number = number;
    i.type = type;
    i.title = std::move(title);
    i.category = category;
    i.status = category == StatusCategory::kDone ? "done" : "new";
    return i;
}

TestRun MakeRun(std::string id, std::string case_id, TestResult result, std::int64_t at) {
    TestRun r;
    r.id = std::move(id);
    r.case_id = std::move(case_id);
    r.result = result;
    r.run_at = at;
    return r;
}

TestCase Case(std::string id, std::string item_id, std::vector<std::string> criteria) {
    TestCase c;
    c.id = std::move(id);
    c.item_id = std::move(item_id);
    c.title = "Case " + c.id;
    c.criteria = std::move(criteria);
    return c;
}

TEST(Release, StatusesRoundTrip) {
    for (auto s : kAllReleaseStatuses) {
        EXPECT_EQ(ParseReleaseStatus(ToString(s)), s);
    }
    EXPECT_EQ(ParseReleaseStatus("shipped"), std::nullopt);
    for (auto r : kAllTestResults) {
        EXPECT_EQ(ParseTestResult(ToString(r)), r);
    }
    EXPECT_EQ(ParseTestResult("passed"), std::nullopt);
}

TEST(Release, ValidationNamesEachBadField) {
    Release r;
    r.version = "2.1";
    EXPECT_TRUE(ValidateRelease(r).empty());
    r.target_date = "2026-02-29";  // not a leap year
    r.version = "";
    r.name = "line\nbreak";
    r.description = std::string(20'001, 'x');
    const Issues issues = ValidateRelease(r);
    std::vector<std::string> fields;
    for (const auto& i : issues) {
        fields.push_back(i.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"version", "name", "target_date", "description"}));
    r = Release{};
    r.version = "3.0";
    r.target_date = "2028-02-29";
    EXPECT_TRUE(ValidateRelease(r).empty());
}

TEST(Release, DayOfIsTheUtcCalendarDay) {
    EXPECT_EQ(DayOf(0), "1970-01-01");
    EXPECT_EQ(DayOf(1'780'271'999'999), "2026-05-31");  // 23:59:59.999 UTC
    EXPECT_EQ(DayOf(1'780'272'000'000), "2026-06-01");
    EXPECT_EQ(DayOf(951'782'400'000), "2000-02-29");
    EXPECT_EQ(DayOf(-1), "1969-12-31");
}

TEST(ReleaseNotes, GroupsAcceptedItemsByTypeInRankOrder) {
    const auto done = StatusCategory::kDone;
    const std::vector<Item> items = {
        MakeItem("a", 1, ItemType::kEpic, "Long flights", done),
        MakeItem("b", 4, ItemType::kStory, "Night mode", done),
        MakeItem("c", 2, ItemType::kBug, "Gimbal drifts", done),
        MakeItem("d", 7, ItemType::kStory, "Not yet accepted", StatusCategory::kInProgress),
        MakeItem("e", 3, ItemType::kFeature, "Obstacle avoidance", done),
        MakeItem("f", 9, ItemType::kSpike, "Try a lidar", done),
        MakeItem("g", 5, ItemType::kTechDebt, "Faster telemetry", done),
        MakeItem("h", 6, ItemType::kTask, "Solder the header", done),
        MakeItem("i", 8, ItemType::kBug, "Open bug", StatusCategory::kToDo),
    };
    const auto sections = GroupReleaseNotes(items, "X2");
    ASSERT_EQ(sections.size(), 3u);
    EXPECT_EQ(sections[0].group, NotesGroup::kNew);
    ASSERT_EQ(sections[0].lines.size(), 2u);
    EXPECT_EQ(sections[0].lines[0].key, "X2-4");
    EXPECT_EQ(sections[0].lines[1].key, "X2-3");
    ASSERT_EQ(sections[1].lines.size(), 1u);
    EXPECT_EQ(sections[1].lines[0].title, "Gimbal drifts");
    ASSERT_EQ(sections[2].lines.size(), 1u);
    EXPECT_EQ(sections[2].lines[0].key, "X2-5");
}

TEST(ReleaseNotes, RenderAsMarkdownExactly) {
    Release r;
    r.version = "2.1";
    r.name = "Spring flight";
    r.target_date = "2026-06-01";
    r.description = "The long-flight release.\n\n";
    const auto done = StatusCategory::kDone;
    const auto sections =
        GroupReleaseNotes({MakeItem("b", 4, ItemType::kStory, "Night mode", done),
                           MakeItem("e", 3, ItemType::kFeature, "Obstacle avoidance", done),
                           MakeItem("g", 5, ItemType::kTechDebt, "Faster telemetry", done)},
                          "X2");
    EXPECT_EQ(RenderReleaseNotes(r, sections),
              "# Release 2.1: Spring flight\n"
              "\n"
              "Planned for 2026-06-01.\n"
              "\n"
              "The long-flight release.\n"
              "\n"
              "## New\n"
              "\n"
              "- X2-4 Night mode\n"
              "- X2-3 Obstacle avoidance\n"
              "\n"
              "## Improved\n"
              "\n"
              "- X2-5 Faster telemetry\n");

    r.status = ReleaseStatus::kReleased;
    r.released_at = 1'780'272'000'000;
    r.name.clear();
    r.description.clear();
    EXPECT_EQ(RenderReleaseNotes(r, GroupReleaseNotes({}, "X2")),
              "# Release 2.1\n\nReleased on 2026-06-01.\n\nNo accepted items yet.\n");
    r.status = ReleaseStatus::kPlanned;
    r.target_date.clear();
    EXPECT_EQ(RenderReleaseNotes(r, GroupReleaseNotes({}, "X2")),
              "# Release 2.1\n\nNo accepted items yet.\n");
}

TEST(Dependencies, BlockersArePlacedByReleaseAndTargetDate) {
    Release r;
    r.id = "rel_this";
    r.target_date = "2026-06-01";
    Release earlier;
    earlier.id = "rel_earlier";
    earlier.target_date = "2026-04-01";
    Release same_day;
    same_day.id = "rel_same";
    same_day.target_date = "2026-06-01";
    Release later;
    later.id = "rel_later";
    later.target_date = "2026-09-01";
    Release undated;
    undated.id = "rel_undated";
    Release shipped = undated;
    shipped.id = "rel_shipped";
    shipped.status = ReleaseStatus::kReleased;

    EXPECT_EQ(PlaceOf(r, &r), BlockerPlace::kThisRelease);
    EXPECT_EQ(PlaceOf(r, &earlier), BlockerPlace::kEarlier);
    EXPECT_EQ(PlaceOf(r, &same_day), BlockerPlace::kEarlier);
    EXPECT_EQ(PlaceOf(r, &later), BlockerPlace::kLater);
    EXPECT_EQ(PlaceOf(r, &undated), BlockerPlace::kLater);
    EXPECT_EQ(PlaceOf(r, &shipped), BlockerPlace::kEarlier);
    EXPECT_EQ(PlaceOf(r, nullptr), BlockerPlace::kNone);
    Release this_undated = r;
    this_undated.target_date.clear();
    EXPECT_EQ(PlaceOf(this_undated, &earlier), BlockerPlace::kLater);

    EXPECT_FALSE(IsDependencyProblem(BlockerPlace::kThisRelease, false));
    EXPECT_FALSE(IsDependencyProblem(BlockerPlace::kEarlier, false));
    EXPECT_TRUE(IsDependencyProblem(BlockerPlace::kLater, false));
    EXPECT_TRUE(IsDependencyProblem(BlockerPlace::kNone, false));
    EXPECT_FALSE(IsDependencyProblem(BlockerPlace::kNone, true));
    EXPECT_FALSE(IsDependencyProblem(BlockerPlace::kLater, true));
    EXPECT_EQ(ToString(BlockerPlace::kThisRelease), "this_release");
}

TEST(TestRuns, TheLatestRunOfEachCaseDecides) {
    const std::vector<TestRun> runs = {
        MakeRun("trn_1", "tc_a", TestResult::kFail, 100),
        MakeRun("trn_3", "tc_a", TestResult::kPass, 200),
        MakeRun("trn_2", "tc_b", TestResult::kPass, 150),
        MakeRun("trn_5", "tc_b", TestResult::kBlocked, 150),  // same time: the later id wins
        MakeRun("trn_4", "tc_b", TestResult::kPass, 120),
    };
    const auto latest = LatestRuns(runs);
    ASSERT_EQ(latest.size(), 2u);
    EXPECT_EQ(latest.at("tc_a").id, "trn_3");
    EXPECT_EQ(latest.at("tc_a").result, TestResult::kPass);
    EXPECT_EQ(latest.at("tc_b").id, "trn_5");
    EXPECT_EQ(latest.at("tc_b").result, TestResult::kBlocked);
}

TEST(Coverage, PerCriterionCoveredAndPassing) {
    Item story = MakeItem("s", 1, ItemType::kStory, "Night mode");
    story.criteria = {{"acc_1", "Readable at dusk", false},
                      {"acc_2", "Noise below 3%", true},
                      {"acc_3", "Toggle in the app", false}};
    const std::vector<TestCase> cases = {Case("tc_a", "s", {"acc_1", "acc_2"}),
                                         Case("tc_b", "s", {"acc_2", "acc_gone"}),
                                         Case("tc_c", "other", {"acc_3"})};
    const auto latest = LatestRuns(
        {MakeRun("r1", "tc_a", TestResult::kPass, 1), MakeRun("r2", "tc_b", TestResult::kFail, 2)});
    const auto coverage = CoverageOf(story, cases, latest);
    ASSERT_EQ(coverage.size(), 3u);
    EXPECT_EQ(coverage[0].criterion_id, "acc_1");
    EXPECT_EQ(coverage[0].case_ids, (std::vector<std::string>{"tc_a"}));
    EXPECT_TRUE(coverage[0].covered);
    EXPECT_TRUE(coverage[0].passing);
    EXPECT_EQ(coverage[1].case_ids, (std::vector<std::string>{"tc_a", "tc_b"}));
    EXPECT_TRUE(coverage[1].covered);
    EXPECT_FALSE(coverage[1].passing);  // tc_b's latest run failed
    EXPECT_TRUE(coverage[1].done);
    EXPECT_FALSE(coverage[2].covered);  // tc_c belongs to another item
    EXPECT_FALSE(coverage[2].passing);

    // A case never run does not pass.
    const auto unrun = CoverageOf(story, {Case("tc_d", "s", {"acc_3"})}, {});
    EXPECT_TRUE(unrun[2].covered);
    EXPECT_FALSE(unrun[2].passing);
}

TEST(Readiness, HandWorkedExample) {
    // Two stories and a bug in the release: one story done with 2 criteria (one passing, one
    // covered by a case whose latest run failed), the other in progress with 3 criteria (one
    // covered and passing, two uncovered), the bug done without criteria. A blocker not done
    // and a done one.
    Item s1 = MakeItem("s1", 1, ItemType::kStory, "Night mode", StatusCategory::kDone);
    s1.criteria = {{"c1", "a", true}, {"c2", "b", true}};
    Item s2 = MakeItem("s2", 2, ItemType::kStory, "Obstacle avoidance");
    s2.criteria = {{"c3", "c", false}, {"c4", "d", false}, {"c5", "e", false}};
    Item bug = MakeItem("b1", 3, ItemType::kBug, "Drift", StatusCategory::kDone);
    const std::vector<TestCase> cases = {
        Case("t1", "s1", {"c1"}), Case("t2", "s1", {"c2"}), Case("t3", "s2", {"c3"})};
    const auto latest = LatestRuns({MakeRun("r1", "t1", TestResult::kPass, 1),
                                    MakeRun("r2", "t2", TestResult::kPass, 2),
                                    MakeRun("r3", "t2", TestResult::kFail, 3),
                                    MakeRun("r4", "t3", TestResult::kPass, 4)});
    const Item open_blocker = MakeItem("x", 9, ItemType::kStory, "Firmware");
    const Item done_blocker = MakeItem("y", 10, ItemType::kStory, "Motor", StatusCategory::kDone);
    const Readiness r =
        ComputeReadiness({s1, s2, bug}, cases, latest, {open_blocker, done_blocker, open_blocker});
    EXPECT_EQ(r.items_total, 3);
    EXPECT_EQ(r.items_done, 2);
    EXPECT_EQ(r.criteria_total, 5);
    EXPECT_EQ(r.criteria_covered, 3);
    EXPECT_EQ(r.criteria_passing, 2);
    EXPECT_EQ(r.open_blockers, (std::vector<std::string>{"x"}));
    ASSERT_EQ(r.failing_cases.size(), 1u);
    EXPECT_EQ(r.failing_cases[0].case_id, "t2");
    EXPECT_EQ(r.failing_cases[0].id, "r3");
    EXPECT_FALSE(r.ready);
}

TEST(Readiness, ReadyWhenEverythingIsDonePassingAndUnblocked) {
    Item s1 = MakeItem("s1", 1, ItemType::kStory, "Night mode", StatusCategory::kDone);
    s1.criteria = {{"c1", "a", true}};
    const std::vector<TestCase> cases = {Case("t1", "s1", {"c1"}), Case("t2", "s1", {"c1"})};
    auto latest = LatestRuns(
        {MakeRun("r1", "t1", TestResult::kPass, 1), MakeRun("r2", "t2", TestResult::kPass, 2)});
    const Item done_blocker = MakeItem("y", 10, ItemType::kStory, "Motor", StatusCategory::kDone);
    EXPECT_TRUE(ComputeReadiness({s1}, cases, latest, {done_blocker}).ready);
    // One more case on the criterion that was never run: not passing any more.
    auto more = cases;
    more.push_back(Case("t3", "s1", {"c1"}));
    EXPECT_FALSE(ComputeReadiness({s1}, more, latest, {}).ready);
    // A blocked run counts as failing.
    latest["t2"] = MakeRun("r3", "t2", TestResult::kBlocked, 3);
    const Readiness blocked = ComputeReadiness({s1}, cases, latest, {});
    EXPECT_FALSE(blocked.ready);
    ASSERT_EQ(blocked.failing_cases.size(), 1u);
    EXPECT_EQ(blocked.failing_cases[0].result, TestResult::kBlocked);
    // An empty release is not ready.
    EXPECT_FALSE(ComputeReadiness({}, {}, {}, {}).ready);
}

TEST(TestPlanning, ValidationNamesFields) {
    TestCase c;
    c.title = "";
    c.steps = std::string(10'001, 's');
    c.criteria = {"acc_1", "acc_1"};
    std::vector<std::string> fields;
    for (const auto& i : ValidateTestCase(c)) {
        fields.push_back(i.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"title", "steps", "criteria.1"}));
    TestPlan p;
    p.name = "Plan";
    p.case_ids = {"a", "b", "a"};
    const auto plan_issues = ValidateTestPlan(p);
    ASSERT_EQ(plan_issues.size(), 1u);
    EXPECT_EQ(plan_issues[0].field, "case_ids.2");
}

}  // namespace
}  // namespace tl::domain
