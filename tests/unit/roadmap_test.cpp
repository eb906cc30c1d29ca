// The roadmap, the pure rules: periods of each granularity, where an initiative is placed
// (dates, a start or an end with its horizon, a timeframe alone) and the derived
// Now/Next/Later timeframe.
#include "domain/roadmap.hpp"

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

Initiative Ini(std::string start, std::string end, std::optional<Horizon> horizon = {}) {
    Initiative i;
    i.id = "ini_1";
    i.name = "Bet";
    i.start_date = std::move(start);
    i.end_date = std::move(end);
    i.horizon = horizon;
    i.status = InitiativeStatus::kPlanned;
    return i;
}

TEST(RoadmapPeriods, QuartersCoverFromThePeriodHoldingFromToTheOneHoldingTo) {
    const auto p = RoadmapPeriods(Granularity::kQuarter, "2026-11-23", "2027-05-02");
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].label, "2026 Q4");
    EXPECT_EQ(p[0].start, "2026-10-01");
    EXPECT_EQ(p[0].end, "2026-12-31");
    EXPECT_EQ(p[1].label, "2027 Q1");
    EXPECT_EQ(p[1].start, "2027-01-01");
    EXPECT_EQ(p[1].end, "2027-03-31");
    EXPECT_EQ(p[2].label, "2027 Q2");
    EXPECT_EQ(p[2].end, "2027-06-30");
}

TEST(RoadmapPeriods, HalvesAndYears) {
    const auto h = RoadmapPeriods(Granularity::kHalf, "2027-03-01", "2028-01-01");
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h[0].label, "2027 H1");
    EXPECT_EQ(h[0].end, "2027-06-30");
    EXPECT_EQ(h[1].label, "2027 H2");
    EXPECT_EQ(h[1].start, "2027-07-01");
    EXPECT_EQ(h[1].end, "2027-12-31");
    EXPECT_EQ(h[2].label, "2028 H1");
    const auto y = RoadmapPeriods(Granularity::kYear, "2027-03-01", "2029-12-31");
    ASSERT_EQ(y.size(), 3u);
    EXPECT_EQ(y[0].label, "2027");
    EXPECT_EQ(y[0].start, "2027-01-01");
    EXPECT_EQ(y[2].end, "2029-12-31");
    // The default window: three years of quarters from the start of the current quarter.
    const std::string from = PeriodStartOf(Granularity::kQuarter, "2026-11-23");
    EXPECT_EQ(from, "2026-10-01");
    EXPECT_EQ(RoadmapPeriods(Granularity::kQuarter, from, PeriodEnd(from, 36)).size(), 12u);
}

TEST(RoadmapPeriods, PeriodStartAndMonths) {
    EXPECT_EQ(PeriodStartOf(Granularity::kHalf, "2027-12-31"), "2027-07-01");
    EXPECT_EQ(PeriodStartOf(Granularity::kYear, "2027-12-31"), "2027-01-01");
    EXPECT_EQ(AddMonths("2027-01-31", 1), "2027-02-28");
    EXPECT_EQ(AddMonths("2027-03-31", -3), "2026-12-31");
    EXPECT_EQ(HorizonMonths(Horizon::kMultiYear), 24);
    EXPECT_EQ(ParseGranularity("half"), Granularity::kHalf);
    EXPECT_FALSE(ParseGranularity("month"));
    EXPECT_EQ(ParseTimeframe("next"), Timeframe::kNext);
    EXPECT_FALSE(ParseTimeframe("soon"));
}

TEST(RoadmapPlacement, BothDatesAreTakenAsGiven) {
    const auto s = PlaceInitiative(Ini("2027-02-01", "2027-08-15"), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(s.start, "2027-02-01");
    EXPECT_EQ(s.end, "2027-08-15");
    EXPECT_EQ(s.placement, Placement::kDates);
}

TEST(RoadmapPlacement, AStartOrAnEndSpansTheHorizonOrAQuarter) {
    auto s = PlaceInitiative(Ini("2027-01-01", "", Horizon::kHalf), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(s.end, "2027-06-30");
    EXPECT_EQ(ToString(s.placement), "start");
    s = PlaceInitiative(Ini("2027-01-15", ""), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(s.end, "2027-04-14");
    s = PlaceInitiative(Ini("", "2027-12-31", Horizon::kYear), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(s.start, "2027-01-01");
    EXPECT_EQ(s.end, "2027-12-31");
    EXPECT_EQ(ToString(s.placement), "end");
    s = PlaceInitiative(Ini("", "2027-03-31"), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(s.start, "2027-01-01");
}

TEST(RoadmapPlacement, WithoutDatesTheTimeframePicksTheQuarter) {
    const auto now = PlaceInitiative(Ini("", "", Horizon::kHalf), Timeframe::kNow, "2026-11-23");
    EXPECT_EQ(now.start, "2026-10-01");
    EXPECT_EQ(now.end, "2027-03-31");
    EXPECT_EQ(now.placement, Placement::kTimeframe);
    const auto next = PlaceInitiative(Ini("", ""), Timeframe::kNext, "2026-11-23");
    EXPECT_EQ(next.start, "2027-01-01");
    EXPECT_EQ(next.end, "2027-03-31");
    const auto later = PlaceInitiative(Ini("", ""), Timeframe::kLater, "2026-11-23");
    EXPECT_EQ(later.start, "2027-04-01");
    EXPECT_EQ(later.end, "2027-06-30");
}

TEST(RoadmapTimeframe, DerivedFromStatusAndDates) {
    const std::string today = "2026-11-23";
    auto i = Ini("", "");
    EXPECT_EQ(DerivedTimeframe(i, today), Timeframe::kLater);
    i.status = InitiativeStatus::kInProgress;
    EXPECT_EQ(DerivedTimeframe(i, today), Timeframe::kNow);
    EXPECT_EQ(DerivedTimeframe(Ini("2026-11-23", ""), today), Timeframe::kNow);
    EXPECT_EQ(DerivedTimeframe(Ini("2026-01-01", "2026-03-31"), today), Timeframe::kNow);
    EXPECT_EQ(DerivedTimeframe(Ini("2027-05-23", ""), today), Timeframe::kNext);
    EXPECT_EQ(DerivedTimeframe(Ini("2027-05-24", ""), today), Timeframe::kLater);
    // An end only: its start follows from the horizon (a quarter).
    EXPECT_EQ(DerivedTimeframe(Ini("", "2027-03-31"), today), Timeframe::kNext);
}

TEST(RoadmapTimeframe, ASetTimeframeWins) {
    auto i = Ini("2030-01-01", "");
    auto t = TimeframeOf(i, "2026-11-23");
    EXPECT_EQ(t.timeframe, Timeframe::kLater);
    EXPECT_TRUE(t.derived);
    i.timeframe = Timeframe::kNow;
    t = TimeframeOf(i, "2026-11-23");
    EXPECT_EQ(t.timeframe, Timeframe::kNow);
    EXPECT_FALSE(t.derived);
}

TEST(RoadmapTimeframe, Overlaps) {
    EXPECT_TRUE(Overlaps("2027-01-01", "2027-03-31", "2027-03-31", "2027-12-31"));
    EXPECT_FALSE(Overlaps("2027-01-01", "2027-03-30", "2027-03-31", "2027-12-31"));
    EXPECT_FALSE(Overlaps("2028-01-01", "2028-03-30", "2027-03-31", "2027-12-31"));
}

}  // namespace
}  // namespace tl::domain
