// Sprint figures (domain/sprint.hpp): calendar and working days, effective capacity with days
// off, velocity, planning warnings, and a burndown and report worked out by hand.
#include "domain/sprint.hpp"

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

constexpr std::int64_t kHour = 3'600'000;

// 09:00 UTC of a day, plus `hours`.
std::int64_t At(std::string_view date, int hours = 9) {
    return *ParseDate(date) * kMsPerDay + hours * kHour;
}

Sprint TwoWeeks() {
    Sprint s;
    s.id = "spr_1";
    s.name = "Sprint 14";
    s.start_date = "2026-11-02";  // a Monday
    s.end_date = "2026-11-13";    // the Friday after next
    s.working_days = kDefaultWorkingDays;
    return s;
}

TEST(SprintDates, ParseFormatAndWeekdays) {
    EXPECT_EQ(ParseDate("1970-01-01"), 0);
    EXPECT_EQ(ParseDate("1970-01-02"), 1);
    EXPECT_EQ(FormatDate(*ParseDate("2026-11-02")), "2026-11-02");
    EXPECT_EQ(FormatDate(*ParseDate("2028-02-29")), "2028-02-29");
    EXPECT_FALSE(ParseDate("2026-02-29"));
    EXPECT_FALSE(ParseDate("2026-13-01"));
    EXPECT_FALSE(ParseDate("2026-1-01"));
    EXPECT_FALSE(ParseDate("02.11.2026"));
    EXPECT_EQ(IsoWeekday(*ParseDate("2026-11-02")), 1);  // Monday
    EXPECT_EQ(IsoWeekday(*ParseDate("2026-11-08")), 7);  // Sunday
    EXPECT_EQ(DayOfMs(At("2026-11-02", 0)), *ParseDate("2026-11-02"));
    EXPECT_EQ(DayOfMs(At("2026-11-02", 24) - 1), *ParseDate("2026-11-02"));
    EXPECT_EQ(DayOfMs(-1), -1);
}

TEST(SprintDates, WorkingDaysFallOnTheSprintsWeekdays) {
    Sprint s = TwoWeeks();
    EXPECT_EQ(CalendarDays(s).size(), 12u);
    const auto working = WorkingDays(s);
    ASSERT_EQ(working.size(), 10u);
    EXPECT_EQ(FormatDate(working[4]), "2026-11-06");
    EXPECT_EQ(FormatDate(working[5]), "2026-11-09");
    s.working_days = {2, 4};  // Tuesdays and Thursdays
    EXPECT_EQ(WorkingDays(s).size(), 4u);
}

TEST(SprintValidation, NamesEveryBadField) {
    Sprint s = TwoWeeks();
    EXPECT_TRUE(ValidateSprint(s).empty());
    s.name = "";
    s.end_date = "2026-11-01";
    s.working_days = {1, 8, 1};
    const auto issues = ValidateSprint(s);
    auto names = [&](std::string_view field) {
        return std::any_of(
            issues.begin(), issues.end(), [&](const auto& i) { return i.field == field; });
    };
    EXPECT_TRUE(names("name"));
    EXPECT_TRUE(names("end_date"));
    EXPECT_TRUE(names("working_days.1"));
    EXPECT_TRUE(names("working_days.2"));

    Sprint weekend = TwoWeeks();
    weekend.start_date = "2026-11-07";
    weekend.end_date = "2026-11-08";
    const auto none = ValidateSprint(weekend);
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].field, "working_days");

    Sprint long_one = TwoWeeks();
    long_one.end_date = "2028-01-01";
    ASSERT_EQ(ValidateSprint(long_one).size(), 1u);
}

TEST(SprintCapacity, DaysOffOnWorkingDaysLowerItProportionally) {
    const auto working = WorkingDays(TwoWeeks());  // 10 working days
    MemberCapacity dave{"dave", 20, {"2026-11-05", "2026-11-06"}};
    EXPECT_DOUBLE_EQ(EffectiveCapacity(dave, working), 16);  // 20 × 8 / 10
    // A weekend, a day outside the sprint, a repeat and a non-date do not count.
    MemberCapacity carol{
        "carol", 10, {"2026-11-07", "2026-12-01", "2026-11-09", "2026-11-09", "x"}};
    EXPECT_DOUBLE_EQ(EffectiveCapacity(carol, working), 9);
    EXPECT_DOUBLE_EQ(SprintCapacity({dave, carol}, working), 25);
    EXPECT_DOUBLE_EQ(EffectiveCapacity(dave, {}), 0);
}

TEST(SprintVelocity, IsTheMeanOfTheCompletedPoints) {
    EXPECT_FALSE(Velocity({}));
    EXPECT_DOUBLE_EQ(*Velocity({30, 27}), 28.5);
    EXPECT_DOUBLE_EQ(*Velocity({20, 25, 30}), 25);
}

TEST(SprintPlanning, WarnsAboutCapacityVelocityAndMissingEstimates) {
    PlanningFigures f;
    f.planned_points = 34;
    f.capacity = 30;
    f.capacity_set = true;
    f.velocity = 28.5;
    auto w = PlanningWarnings(f);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].code, "over_capacity");
    EXPECT_EQ(w[0].message, "34 points planned, capacity 30");
    EXPECT_EQ(w[1].code, "over_velocity");
    EXPECT_EQ(w[1].message, "34 points planned, velocity 28.5");

    // In hours the capacity is not comparable with points; no capacity given, no warning.
    f.unit = CapacityUnit::kHours;
    f.unestimated = 2;
    w = PlanningWarnings(f);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].code, "over_velocity");
    EXPECT_EQ(w[1].code, "unestimated");
    EXPECT_EQ(w[1].message, "2 items have no estimate");

    f.unit = CapacityUnit::kPoints;
    f.capacity_set = false;
    f.velocity.reset();
    f.unestimated = 0;
    EXPECT_TRUE(PlanningWarnings(f).empty());
    f.capacity_set = true;
    f.capacity = 34;  // exactly at capacity is fine
    EXPECT_TRUE(PlanningWarnings(f).empty());
}

TEST(SprintPlanning, PointsPrintAsPeopleWriteThem) {
    EXPECT_EQ(FormatPoints(34), "34");
    EXPECT_EQ(FormatPoints(28.5), "28.5");
    EXPECT_EQ(FormatPoints(1.0 / 3), "0.33");
    EXPECT_EQ(FormatPoints(0), "0");
}

// The worked example. Sprint 14 runs Mon 2 Nov to Fri 13 Nov 2026 (10 working days) and
// starts on 2 Nov with A 8, B 5, C 5, D 2: committed 20, so the ideal line drops 2 at the end
// of every working day and stays flat over the weekend.
//   Tue 3   B done                       scope 20, done 5
//   Wed 4   E (3) added                  scope 23
//   Thu 5   A re-estimated 8 → 13        scope 28
//   Fri 6   D removed                    scope 26
//   Mon 9   A done                       done 5 + 13 = 18
//   Tue 10  today: the actual series stops here.
struct Example {
    BurndownInput input;
    std::vector<ReportItem> current;  // rank order: A, C, B, E
};

Example WorkedExample() {
    Example e;
    BurndownInput& in = e.input;
    in.sprint = TwoWeeks();
    in.sprint.status = SprintStatus::kActive;
    in.sprint.started_at = At("2026-11-02");
    in.sprint.committed_points = 20;
    in.baseline = {{"A", 8}, {"B", 5}, {"C", 5}, {"D", 2}};
    auto change = [](std::string id,
                     ScopeKind kind,
                     std::string item,
                     std::optional<double> before,
                     std::optional<double> after,
                     std::int64_t at) {
        ScopeChange c;
        c.id = std::move(id);
        c.kind = kind;
        c.item_id = std::move(item);
        c.points_before = before;
        c.points_after = after;
        c.at = at;
        return c;
    };
    // Out of order on purpose: the computation orders them by time.
    in.changes = {change("sc3", ScopeKind::kRemoved, "D", 2, std::nullopt, At("2026-11-06")),
                  change("sc1", ScopeKind::kAdded, "E", std::nullopt, 3, At("2026-11-04", 10)),
                  change("sc2", ScopeKind::kReEstimated, "A", 8, 13, At("2026-11-05", 16))};
    in.done_at = {{"A", At("2026-11-09", 17)}, {"B", At("2026-11-03", 15)}, {"C", 0}, {"E", 0}};
    in.today = *ParseDate("2026-11-10");
    e.current = {{"A", 13, true}, {"C", 5, false}, {"B", 5, true}, {"E", 3, false}};
    return e;
}

TEST(SprintBurndown, TheWorkedExampleDayByDay) {
    const Burndown b = ComputeBurndown(WorkedExample().input);
    EXPECT_EQ(b.committed, 20);
    ASSERT_EQ(b.days.size(), 12u);
    struct Row {
        const char* date;
        bool working;
        double ideal;
        double scope;
        double done;
        double remaining;
    };
    const Row rows[] = {
        {"2026-11-02", true, 18, 20, 0, 20},
        {"2026-11-03", true, 16, 20, 5, 15},
        {"2026-11-04", true, 14, 23, 5, 18},
        {"2026-11-05", true, 12, 28, 5, 23},
        {"2026-11-06", true, 10, 26, 5, 21},
        {"2026-11-07", false, 10, 26, 5, 21},
        {"2026-11-08", false, 10, 26, 5, 21},
        {"2026-11-09", true, 8, 26, 18, 8},
        {"2026-11-10", true, 6, 26, 18, 8},
    };
    for (std::size_t k = 0; k < std::size(rows); ++k) {
        const auto& day = b.days[k];
        SCOPED_TRACE(rows[k].date);
        EXPECT_EQ(FormatDate(day.date), rows[k].date);
        EXPECT_EQ(day.working_day, rows[k].working);
        EXPECT_DOUBLE_EQ(day.ideal, rows[k].ideal);
        ASSERT_TRUE(day.scope && day.done && day.remaining);
        EXPECT_DOUBLE_EQ(*day.scope, rows[k].scope);
        EXPECT_DOUBLE_EQ(*day.done, rows[k].done);
        EXPECT_DOUBLE_EQ(*day.remaining, rows[k].remaining);
    }
    // After today only the ideal line: 4, 2, then 0 at the end of the last working day.
    EXPECT_DOUBLE_EQ(b.days[9].ideal, 4);
    EXPECT_DOUBLE_EQ(b.days[10].ideal, 2);
    EXPECT_DOUBLE_EQ(b.days[11].ideal, 0);
    EXPECT_FALSE(b.days[9].scope);
    EXPECT_FALSE(b.days[11].remaining);
    // Each change is listed on its day, ordered by time.
    ASSERT_EQ(b.changes.size(), 3u);
    EXPECT_EQ(b.changes[0].id, "sc1");
    ASSERT_EQ(b.days[2].changes.size(), 1u);
    EXPECT_EQ(b.changes[b.days[2].changes[0]].item_id, "E");
    EXPECT_EQ(b.changes[b.days[3].changes[0]].kind, ScopeKind::kReEstimated);
    EXPECT_EQ(b.changes[b.days[4].changes[0]].kind, ScopeKind::kRemoved);
    EXPECT_TRUE(b.days[0].changes.empty());
}

TEST(SprintBurndown, BeforeTheStartOnlyTheIdealOfWhatIsPlanned) {
    BurndownInput in;
    in.sprint = TwoWeeks();
    in.planned_points = 30;
    in.today = *ParseDate("2026-11-01");
    const Burndown b = ComputeBurndown(in);
    EXPECT_EQ(b.committed, 30);
    ASSERT_EQ(b.days.size(), 12u);
    EXPECT_DOUBLE_EQ(b.days[0].ideal, 27);
    EXPECT_FALSE(b.days[0].scope);
}

TEST(SprintBurndown, ACompletedSprintStopsAtCompletionAndCountsItsOutcomes) {
    Example e = WorkedExample();
    BurndownInput& in = e.input;
    in.sprint.status = SprintStatus::kCompleted;
    in.sprint.completed_at = At("2026-11-12", 16);
    in.sprint.completed_points = 18;
    // Since then A was reopened and E finished in the next sprint: neither counts here.
    in.done_at = {{"A", 0}, {"E", At("2026-11-12", 18)}};
    in.outcomes = {{"A", ItemOutcome::kDone, 13, At("2026-11-09", 17), ""},
                   {"B", ItemOutcome::kDone, 5, At("2026-11-03", 15), ""},
                   {"C", ItemOutcome::kReturned, 5, 0, ""},
                   {"E", ItemOutcome::kCarriedOver, 3, 0, "spr_2"}};
    in.today = *ParseDate("2026-11-20");
    const Burndown b = ComputeBurndown(in);
    ASSERT_EQ(b.days.size(), 12u);
    ASSERT_TRUE(b.days[10].done);
    EXPECT_DOUBLE_EQ(*b.days[10].done, 18);  // 12 Nov: the completion day
    EXPECT_DOUBLE_EQ(*b.days[10].remaining, 8);
    EXPECT_DOUBLE_EQ(*b.days[1].done, 5);
    EXPECT_FALSE(b.days[11].scope);  // 13 Nov: after completion
}

TEST(SprintReport, GroupsTheWorkedExample) {
    Example e = WorkedExample();
    const SprintReport r =
        GroupReport(e.input.sprint, e.input.changes, e.input.outcomes, e.current);
    EXPECT_EQ(r.committed, 20);
    EXPECT_EQ(r.completed, 18);
    EXPECT_EQ(r.done, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(r.not_done, (std::vector<std::string>{"C", "E"}));
    ASSERT_EQ(r.added.size(), 1u);
    EXPECT_EQ(e.input.changes[r.added[0]].item_id, "E");
    ASSERT_EQ(r.removed.size(), 1u);
    EXPECT_EQ(e.input.changes[r.removed[0]].item_id, "D");
    ASSERT_EQ(r.re_estimated.size(), 1u);
    EXPECT_EQ(e.input.changes[r.re_estimated[0]].points_after, 13);
    EXPECT_TRUE(r.carried_over.empty());

    Sprint done = e.input.sprint;
    done.status = SprintStatus::kCompleted;
    done.completed_points = 18;
    const std::vector<SprintOutcome> outcomes = {{"A", ItemOutcome::kDone, 13, 1, ""},
                                                 {"C", ItemOutcome::kReturned, 5, 0, ""},
                                                 {"B", ItemOutcome::kDone, 5, 1, ""},
                                                 {"E", ItemOutcome::kCarriedOver, 3, 0, "s2"}};
    const SprintReport after = GroupReport(done, e.input.changes, outcomes, {});
    EXPECT_EQ(after.completed, 18);
    EXPECT_EQ(after.done, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(after.not_done, (std::vector<std::string>{"C", "E"}));
    ASSERT_EQ(after.carried_over.size(), 2u);
    EXPECT_EQ(after.carried_over[1].next_sprint_id, "s2");
}

}  // namespace
}  // namespace tl::domain
