// Strategy, the pure rules: a goal's period, key-result and goal progress, the expected
// progress and status (with the worked example of docs/strategy.md), the progress history,
// validation, and how a scope's points are shared over goals and initiatives.
#include "domain/strategy.hpp"

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

KeyResult Kr(std::string id, double baseline, double target) {
    KeyResult kr;
    kr.id = std::move(id);
    kr.goal_id = "g1";
    kr.title = "KR " + kr.id;
    kr.metric = "metric";
    kr.baseline = baseline;
    kr.target = target;
    return kr;
}

CheckIn Check(std::string kr, double value, std::string date, std::int64_t at = 1) {
    CheckIn c;
    c.id = "chk_" + kr + date + std::to_string(at);
    c.key_result_id = std::move(kr);
    c.value = value;
    c.date = std::move(date);
    c.created_at = at;
    return c;
}

TEST(StrategyPeriod, DefaultEndsByHorizon) {
    EXPECT_EQ(DefaultEndDate(Horizon::kQuarter, "2027-01-01"), "2027-03-31");
    EXPECT_EQ(DefaultEndDate(Horizon::kHalf, "2027-01-01"), "2027-06-30");
    EXPECT_EQ(DefaultEndDate(Horizon::kYear, "2027-01-01"), "2027-12-31");
    EXPECT_EQ(DefaultEndDate(Horizon::kQuarter, "2027-04-15"), "2027-07-14");
    EXPECT_EQ(DefaultEndDate(Horizon::kMultiYear, "2027-01-01"), std::nullopt);
    EXPECT_EQ(DefaultEndDate(Horizon::kQuarter, "2027-13-01"), std::nullopt);
    // The day after the start's day three months on does not exist: held to the month's end.
    EXPECT_EQ(PeriodEnd("2026-11-30", 3), "2027-02-27");
    EXPECT_EQ(PeriodEnd("2027-01-01", 36), "2029-12-31");
}

TEST(StrategyPeriod, MultiYearLastsOneToFiveYears) {
    Goal g;
    g.objective = "Lead";
    g.horizon = Horizon::kMultiYear;
    g.start_date = "2027-01-01";
    g.end_date = "2029-12-31";
    EXPECT_TRUE(ValidateGoal(g).empty());
    g.end_date = "2027-12-30";
    ASSERT_EQ(ValidateGoal(g).size(), 1u);
    EXPECT_EQ(ValidateGoal(g)[0].field, "end_date");
    g.end_date = "2027-12-31";
    EXPECT_TRUE(ValidateGoal(g).empty());
    g.end_date = "2031-12-31";
    EXPECT_TRUE(ValidateGoal(g).empty());
    g.end_date = "2032-01-01";
    EXPECT_EQ(ValidateGoal(g).size(), 1u);
    g.end_date = "";
    ASSERT_EQ(ValidateGoal(g).size(), 1u);
    EXPECT_EQ(ValidateGoal(g)[0].issue, "is required for a multi_year goal");
}

TEST(StrategyValidation, NamesTheFields) {
    Goal g;
    g.horizon = Horizon::kQuarter;
    g.start_date = "2027-02-30";
    g.end_date = "2027-01-01";
    auto issues = ValidateGoal(g);
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, "objective");
    EXPECT_EQ(issues[1].field, "start_date");

    auto kr = Kr("k", 5, 5);
    kr.metric = "";
    issues = ValidateKeyResult(kr);
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, "metric");
    EXPECT_EQ(issues[1].field, "target");

    Initiative i;
    i.name = "Bet";
    i.start_date = "2027-05-01";
    i.end_date = "2027-04-30";
    issues = ValidateInitiative(i);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].field, "end_date");
}

TEST(StrategyProgress, KeyResultProgressIsHeldToZeroOne) {
    auto kr = Kr("k", 38, 45);
    EXPECT_DOUBLE_EQ(KeyResultProgress(kr, 41.5), 0.5);
    EXPECT_DOUBLE_EQ(KeyResultProgress(kr, 30), 0);
    EXPECT_DOUBLE_EQ(KeyResultProgress(kr, 50), 1);
    // A metric that should fall.
    auto falling = Kr("f", 20, 10);
    EXPECT_DOUBLE_EQ(KeyResultProgress(falling, 15), 0.5);
    EXPECT_DOUBLE_EQ(KeyResultProgress(falling, 25), 0);
}

TEST(StrategyProgress, CurrentIsTheLatestCheckInByDateThenRecording) {
    auto kr = Kr("k", 10, 30);
    EXPECT_DOUBLE_EQ(CurrentValue(kr, {}), 10);
    std::vector<CheckIn> checks = {Check("k", 20, "2027-03-01", 5),
                                   Check("k", 12, "2027-02-01", 9),
                                   Check("k", 14, "2027-03-01", 7)};
    EXPECT_DOUBLE_EQ(CurrentValue(kr, checks), 14);
}

TEST(StrategyProgress, WorkedExampleIsAtRisk) {
    // docs/strategy.md: flight time 38 → 45 at 41.5, customers 10 → 30 at 14.
    auto flight = Kr("flight", 38, 45);
    auto customers = Kr("customers", 10, 30);
    const double p1 =
        KeyResultProgress(flight, CurrentValue(flight, {Check("flight", 41.5, "2027-06-01")}));
    const double p2 = KeyResultProgress(
        customers, CurrentValue(customers, {Check("customers", 14, "2027-06-01")}));
    EXPECT_DOUBLE_EQ(p1, 0.5);
    EXPECT_DOUBLE_EQ(p2, 0.2);
    const auto progress = GoalProgress({p1, p2});
    ASSERT_TRUE(progress);
    EXPECT_NEAR(*progress, 0.35, 1e-12);
    const double expected = ExpectedProgress("2027-01-01", "2027-12-31", "2027-07-02");
    EXPECT_NEAR(expected, 183.0 / 365.0, 1e-12);
    EXPECT_EQ(StatusOf(GoalState::kOpen, progress, expected), GoalStatus::kAtRisk);
}

TEST(StrategyProgress, ExpectedAndStatusBoundaries) {
    EXPECT_DOUBLE_EQ(ExpectedProgress("2027-01-01", "2027-01-10", "2026-12-01"), 0);
    EXPECT_DOUBLE_EQ(ExpectedProgress("2027-01-01", "2027-01-10", "2027-01-01"), 0.1);
    EXPECT_DOUBLE_EQ(ExpectedProgress("2027-01-01", "2027-01-10", "2027-01-05"), 0.5);
    EXPECT_DOUBLE_EQ(ExpectedProgress("2027-01-01", "2027-01-10", "2028-01-01"), 1);
    // Exactly expected − 0.10 is on track, exactly expected − 0.25 at risk.
    EXPECT_EQ(StatusOf(GoalState::kOpen, 0.4, 0.5), GoalStatus::kOnTrack);
    EXPECT_EQ(StatusOf(GoalState::kOpen, 0.25, 0.5), GoalStatus::kAtRisk);
    EXPECT_EQ(StatusOf(GoalState::kOpen, 0.24, 0.5), GoalStatus::kOffTrack);
    EXPECT_EQ(StatusOf(GoalState::kOpen, std::nullopt, 0.5), std::nullopt);
    EXPECT_EQ(StatusOf(GoalState::kAchieved, 1.0, 0.5), std::nullopt);
    EXPECT_EQ(GoalProgress({}), std::nullopt);
}

TEST(StrategyProgress, HistoryAfterEachCheckInDate) {
    std::vector<KeyResult> krs = {Kr("a", 0, 10), Kr("b", 0, 100)};
    std::vector<CheckIn> checks = {Check("a", 5, "2027-02-01"),
                                   Check("b", 50, "2027-03-01"),
                                   Check("a", 10, "2027-03-01"),
                                   Check("other", 1, "2027-01-01")};
    auto history = ProgressHistory(krs, checks);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].date, "2027-02-01");
    EXPECT_DOUBLE_EQ(history[0].progress, 0.25);
    EXPECT_EQ(history[1].date, "2027-03-01");
    EXPECT_DOUBLE_EQ(history[1].progress, 0.75);
}

Item MakeItem(std::string id, std::optional<double> points, std::string parent = "") {
    Item i;
    i.id = std::move(id);
    i.points = points;
    i.parent_id = std::move(parent);
    return i;
}

TEST(StrategyAlignment, NearestItemOfTheChainAligns) {
    std::map<std::string, Item> known;
    auto epic = MakeItem("epic", std::nullopt);
    epic.initiative_id = "ini1";
    auto feature = MakeItem("feature", std::nullopt, "epic");
    auto story = MakeItem("story", 3, "feature");
    known.emplace(epic.id, epic);
    known.emplace(feature.id, feature);
    auto a = AlignmentOf(story, known);
    EXPECT_EQ(a.via_item_id, "epic");
    EXPECT_EQ(a.initiative_id, "ini1");
    feature.goal_id = "g2";
    known["feature"] = feature;
    a = AlignmentOf(story, known);
    EXPECT_EQ(a.via_item_id, "feature");
    EXPECT_EQ(a.goal_id, "g2");
    EXPECT_EQ(AlignmentOf(MakeItem("lone", 1), known).via_item_id, "");
}

TEST(StrategyAlignment, PointsSplitOverTheInitiativesGoals) {
    Goal g1;
    g1.id = "g1";
    Goal g2;
    g2.id = "g2";
    Goal g3;
    g3.id = "g3";
    Goal closed;
    closed.id = "g4";
    closed.state = GoalState::kAchieved;
    Initiative both;
    both.id = "ini1";
    both.goal_ids = {"g1", "g2"};
    Initiative idle;
    idle.id = "ini2";
    idle.goal_ids = {"g3"};
    Initiative nogoal;
    nogoal.id = "ini3";
    // s1 (5) through ini1 → 2.5 each to g1 and g2; s2 (3) to g1 directly; s3 (2) through the
    // initiative serving no goal is unaligned; s4 (null) unaligned.
    std::vector<Item> items = {
        MakeItem("s1", 5), MakeItem("s2", 3), MakeItem("s3", 2), MakeItem("s4", std::nullopt)};
    std::map<std::string, ItemAlignment> alignment = {
        {"s1", {"e1", "", "ini1"}}, {"s2", {"s2", "g1", ""}}, {"s3", {"s3", "", "ini3"}}};
    auto a = ComputeAlignment(items, alignment, {g1, g2, g3, closed}, {both, idle, nogoal});
    EXPECT_EQ(a.items, 4);
    EXPECT_DOUBLE_EQ(a.points, 10);
    ASSERT_EQ(a.by_goal.size(), 2u);
    EXPECT_EQ(a.by_goal[0].id, "g1");
    EXPECT_EQ(a.by_goal[0].items, 2);
    EXPECT_DOUBLE_EQ(a.by_goal[0].points, 5.5);
    EXPECT_DOUBLE_EQ(a.by_goal[0].share, 0.55);
    EXPECT_EQ(a.by_goal[1].id, "g2");
    EXPECT_DOUBLE_EQ(a.by_goal[1].share, 0.25);
    ASSERT_EQ(a.by_initiative.size(), 2u);
    EXPECT_EQ(a.by_initiative[0].id, "ini1");
    EXPECT_DOUBLE_EQ(a.by_initiative[0].share, 0.5);
    EXPECT_EQ(a.by_initiative[1].id, "ini3");
    EXPECT_DOUBLE_EQ(a.by_initiative[1].share, 0.2);
    EXPECT_EQ(a.unaligned_items, 2);
    EXPECT_DOUBLE_EQ(a.unaligned_share, 0.2);
    EXPECT_EQ(a.unaligned_ids, (std::vector<std::string>{"s3", "s4"}));
    EXPECT_NEAR(a.by_goal[0].share + a.by_goal[1].share + a.unaligned_share, 1.0, 1e-12);
    EXPECT_EQ(a.goals_without_work, (std::vector<std::string>{"g3"}));
    EXPECT_EQ(a.initiatives_without_work, (std::vector<std::string>{"ini2"}));
}

TEST(StrategyAlignment, ScopeWithoutPointsHasZeroShares) {
    Goal g1;
    g1.id = "g1";
    auto a = ComputeAlignment({MakeItem("s1", std::nullopt)}, {{"s1", {"s1", "g1", ""}}}, {g1}, {});
    ASSERT_EQ(a.by_goal.size(), 1u);
    EXPECT_DOUBLE_EQ(a.by_goal[0].share, 0);
    EXPECT_DOUBLE_EQ(a.unaligned_share, 0);
}

}  // namespace
}  // namespace tl::domain
