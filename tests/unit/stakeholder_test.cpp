// Stakeholders, the pure rules: the quadrant of the influence/interest grid, validation of
// stakeholders and communications, the last contact, and the stakeholder update assembled from
// plain facts and rendered as Markdown and HTML.
#include "domain/stakeholder.hpp"

#include <gtest/gtest.h>

#include "domain/stakeholder_update.hpp"

namespace tl::domain {
namespace {

bool Names(const Issues& issues, std::string_view field) {
    for (const auto& i : issues) {
        if (i.field == field) {
            return true;
        }
    }
    return false;
}

std::int64_t At(std::string_view day, int hour) {
    return *ParseDate(day) * kMsPerDay + static_cast<std::int64_t>(hour) * 3'600'000;
}

TEST(StakeholderQuadrant, HighIsThreeOrMore) {
    EXPECT_EQ(QuadrantOf(3, 3), Quadrant::kManageClosely);
    EXPECT_EQ(QuadrantOf(5, 5), Quadrant::kManageClosely);
    EXPECT_EQ(QuadrantOf(5, 2), Quadrant::kKeepSatisfied);
    EXPECT_EQ(QuadrantOf(3, 1), Quadrant::kKeepSatisfied);
    EXPECT_EQ(QuadrantOf(2, 3), Quadrant::kKeepInformed);
    EXPECT_EQ(QuadrantOf(1, 5), Quadrant::kKeepInformed);
    EXPECT_EQ(QuadrantOf(2, 2), Quadrant::kMonitor);
    EXPECT_EQ(QuadrantOf(1, 1), Quadrant::kMonitor);
}

TEST(StakeholderQuadrant, NamesRoundTrip) {
    for (auto q : kAllQuadrants) {
        EXPECT_EQ(ParseQuadrant(ToString(q)), q);
    }
    for (auto c : kAllChannels) {
        EXPECT_EQ(ParseChannel(ToString(c)), c);
    }
    for (auto k : kAllStakeholderKinds) {
        EXPECT_EQ(ParseStakeholderKind(ToString(k)), k);
    }
    EXPECT_EQ(ToString(Quadrant::kKeepSatisfied), "keep_satisfied");
    EXPECT_FALSE(ParseChannel("fax"));
    EXPECT_FALSE(ParseQuadrant("ignore"));
}

TEST(StakeholderValidation, NamesEveryBadField) {
    Stakeholder s;
    s.name = "Priya Raman";
    s.email = "priya@skylift.example";
    EXPECT_TRUE(ValidateStakeholder(s).empty());
    s.name = "  ";
    s.email = "not an address";
    s.influence = 0;
    s.interest = 6;
    s.organisation = "R&D\nbattery";
    const Issues issues = ValidateStakeholder(s);
    for (auto f : {"name", "email", "influence", "interest", "organisation"}) {
        EXPECT_TRUE(Names(issues, f)) << f;
    }
    s = Stakeholder{};
    s.name = "";
    EXPECT_TRUE(Names(ValidateStakeholder(s), "name"));
}

TEST(StakeholderValidation, CommunicationNeedsADateAndASummary) {
    Communication c;
    c.date = "2026-10-12";
    c.summary = "Battery roadmap review";
    EXPECT_TRUE(ValidateCommunication(c).empty());
    c.date = "2026-02-30";
    c.summary = " \n ";
    const Issues issues = ValidateCommunication(c);
    EXPECT_TRUE(Names(issues, "date"));
    EXPECT_TRUE(Names(issues, "summary"));
}

TEST(StakeholderLog, LastContactAndNewestFirst) {
    EXPECT_EQ(LastContact({}), "");
    std::vector<Communication> log(3);
    log[0].id = "com_a";
    log[0].date = "2026-09-01";
    log[1].id = "com_b";
    log[1].date = "2026-10-05";
    log[1].created_at = 10;
    log[2].id = "com_c";
    log[2].date = "2026-10-05";
    log[2].created_at = 20;
    EXPECT_EQ(LastContact(log), "2026-10-05");
    SortNewestFirst(log);
    EXPECT_EQ(log[0].id, "com_c");
    EXPECT_EQ(log[1].id, "com_b");
    EXPECT_EQ(log[2].id, "com_a");
}

TEST(StakeholderUpdatePeriod, Validation) {
    EXPECT_TRUE(ValidateUpdatePeriod("2026-10-01", "2026-10-31").empty());
    EXPECT_TRUE(ValidateUpdatePeriod("2026-10-01", "2026-10-01").empty());
    EXPECT_TRUE(Names(ValidateUpdatePeriod("2026-10-32", "2026-10-31"), "from"));
    EXPECT_TRUE(Names(ValidateUpdatePeriod("2026-10-01", "31.10.2026"), "to"));
    EXPECT_TRUE(Names(ValidateUpdatePeriod("2026-11-01", "2026-10-31"), "to"));
    EXPECT_TRUE(Names(ValidateUpdatePeriod("2000-01-01", "2026-10-31"), "from"));
}

// The hand-worked update of SkyLift X2 for October 2026.
UpdateFacts OctoberFacts() {
    UpdateFacts f;
    f.product_id = "prd_x2";
    f.product_key = "X2";
    f.product_name = "SkyLift X2";
    Release shipped;  // released in the period
    shipped.id = "rel_1";
    shipped.version = "1.0";
    shipped.name = "First flight";
    shipped.target_date = "2026-10-15";
    shipped.status = ReleaseStatus::kReleased;
    shipped.released_at = At("2026-10-20", 9);
    Release old = shipped;  // released before the period: not shipped now
    old.id = "rel_0";
    old.version = "0.9";
    old.name = "";
    old.released_at = At("2026-09-30", 23);
    Release late;  // not released, target date before the period's end
    late.id = "rel_2";
    late.version = "1.1";
    late.target_date = "2026-10-19";
    late.status = ReleaseStatus::kInProgress;
    Release next;  // planned, target after the period
    next.id = "rel_3";
    next.version = "1.2";
    next.name = "<Long range>";
    next.target_date = "2026-12-01";
    Release undated;
    undated.id = "rel_4";
    undated.version = "2.0";
    f.releases = {undated, next, old, late, shipped};

    Item a;  // accepted in the period
    a.id = "itm_a";
    a.number = 12;
    a.type = ItemType::kStory;
    a.title = "Hot-swap batteries";
    a.status = "done";
    a.category = StatusCategory::kDone;
    a.accepted_at = At("2026-10-15", 14);
    Item b = a;
    b.id = "itm_b";
    b.number = 7;
    b.type = ItemType::kBug;
    b.title = "Gimbal drift & jitter";
    b.accepted_at = At("2026-10-03", 8);
    Item outside = a;  // accepted the day after the period
    outside.id = "itm_o";
    outside.number = 3;
    outside.accepted_at = At("2026-11-01", 0);
    f.accepted = {a, outside, b};

    Item blocker;
    blocker.id = "itm_k";
    blocker.number = 21;
    blocker.title = "Motor part from the new supplier";
    blocker.status = "in_progress";
    blocker.category = StatusCategory::kInProgress;
    Item done_blocker = blocker;
    done_blocker.id = "itm_d";
    done_blocker.number = 22;
    done_blocker.category = StatusCategory::kDone;
    f.open_blockers["rel_3"] = {blocker, done_blocker, blocker};
    f.open_blockers["rel_1"] = {blocker};  // released: no risk

    Sprint active;
    active.id = "spr_4";
    active.name = "Sprint 4";
    active.goal = "Flight time over 40 minutes";
    active.status = SprintStatus::kActive;
    active.start_date = "2026-10-26";
    active.end_date = "2026-11-06";
    active.team_id = "tem_falcon";
    Sprint planned = active;
    planned.id = "spr_5";
    planned.name = "Sprint 5";
    planned.goal = "";
    planned.status = SprintStatus::kPlanned;
    planned.start_date = "2026-11-09";
    planned.end_date = "2026-11-20";
    Sprint done = active;
    done.id = "spr_3";
    done.status = SprintStatus::kCompleted;
    f.sprints = {planned, done, active};
    f.team_names["tem_falcon"] = "Falcon";

    const auto goal = [](std::string id,
                         std::string objective,
                         Horizon horizon,
                         std::string end,
                         std::optional<double> progress,
                         double expected,
                         std::optional<GoalStatus> status) {
        UpdateFacts::GoalFigures g;
        g.goal.id = std::move(id);
        g.goal.objective = std::move(objective);
        g.goal.horizon = horizon;
        g.goal.end_date = std::move(end);
        g.progress = progress;
        g.expected = expected;
        g.status = status;
        return g;
    };
    f.goals = {
        goal("gol_lead",
             "Inspection leader",
             Horizon::kMultiYear,
             "2028-12-31",
             0.1,
             0.4,
             GoalStatus::kOffTrack),
        goal("gol_flight",
             "45-minute flight time",
             Horizon::kYear,
             "2027-06-30",
             0.35,
             0.5014,
             GoalStatus::kAtRisk),
        goal("gol_hover",
             "Hover test plan",
             Horizon::kQuarter,
             "2026-12-31",
             std::nullopt,
             0.33,
             std::nullopt),
        goal("gol_night",
             "Night flight certification",
             Horizon::kHalf,
             "2027-03-31",
             0.5,
             0.4,
             GoalStatus::kOnTrack),
        goal("gol_old", "Old goal", Horizon::kQuarter, "2026-09-30", 1.0, 1.0, std::nullopt)};
    f.goals.back().goal.state = GoalState::kAchieved;
    return f;
}

TEST(StakeholderUpdateAssembly, HandWorkedOctober) {
    const StakeholderUpdate u =
        AssembleStakeholderUpdate(OctoberFacts(), "2026-10-01", "2026-10-31");
    EXPECT_EQ(u.from, "2026-10-01");
    EXPECT_EQ(u.to, "2026-10-31");
    ASSERT_EQ(u.shipped_releases.size(), 1u);
    EXPECT_EQ(u.shipped_releases[0].version, "1.0");
    EXPECT_EQ(u.shipped_releases[0].released_on, "2026-10-20");
    ASSERT_EQ(u.shipped_items.size(), 2u);
    EXPECT_EQ(u.shipped_items[0].key, "X2-7");  // accepted first
    EXPECT_EQ(u.shipped_items[0].accepted_on, "2026-10-03");
    EXPECT_EQ(u.shipped_items[1].key, "X2-12");
    ASSERT_EQ(u.next_releases.size(), 3u);  // by target date, undated last
    EXPECT_EQ(u.next_releases[0].version, "1.1");
    EXPECT_EQ(u.next_releases[1].version, "1.2");
    EXPECT_EQ(u.next_releases[2].version, "2.0");
    ASSERT_EQ(u.next_sprints.size(), 2u);  // active first; completed left out
    EXPECT_EQ(u.next_sprints[0].id, "spr_4");
    EXPECT_EQ(u.next_sprints[0].team_name, "Falcon");
    EXPECT_EQ(u.next_sprints[1].id, "spr_5");
    // Open goals by end date; the achieved one left out. Off track before at risk.
    std::vector<std::string> goals;
    for (const auto& g : u.goals) {
        goals.push_back(g.id);
    }
    EXPECT_EQ(goals,
              (std::vector<std::string>{"gol_hover", "gol_night", "gol_flight", "gol_lead"}));
    ASSERT_EQ(u.goals_at_risk.size(), 2u);
    EXPECT_EQ(u.goals_at_risk[0].id, "gol_lead");
    EXPECT_EQ(u.goals_at_risk[1].id, "gol_flight");
    EXPECT_FALSE(u.goals[0].progress);
    ASSERT_EQ(u.overdue_releases.size(), 1u);  // 1.1: target 10-19, 12 days before 10-31
    EXPECT_EQ(u.overdue_releases[0].release.version, "1.1");
    EXPECT_EQ(u.overdue_releases[0].days_late, 12);
    ASSERT_EQ(u.blockers.size(), 1u);  // the open one, once; not the done one
    EXPECT_EQ(u.blockers[0].release.version, "1.2");
    EXPECT_EQ(u.blockers[0].blocker.key, "X2-21");
}

TEST(StakeholderUpdateAssembly, PeriodBoundsAreWholeDays) {
    const auto facts = OctoberFacts();
    const StakeholderUpdate first_day =
        AssembleStakeholderUpdate(facts, "2026-10-03", "2026-10-03");
    ASSERT_EQ(first_day.shipped_items.size(), 1u);
    EXPECT_EQ(first_day.shipped_items[0].key, "X2-7");
    EXPECT_TRUE(first_day.shipped_releases.empty());
    // Before 1.1's target date nothing is overdue.
    EXPECT_TRUE(
        AssembleStakeholderUpdate(facts, "2026-10-01", "2026-10-19").overdue_releases.empty());
    const StakeholderUpdate nov = AssembleStakeholderUpdate(facts, "2026-11-01", "2026-11-01");
    ASSERT_EQ(nov.shipped_items.size(), 1u);
    EXPECT_EQ(nov.shipped_items[0].key, "X2-3");
}

TEST(StakeholderUpdateRendering, Markdown) {
    const StakeholderUpdate u =
        AssembleStakeholderUpdate(OctoberFacts(), "2026-10-01", "2026-10-31");
    EXPECT_EQ(RenderUpdateMarkdown(u),
              "# SkyLift X2: stakeholder update\n"
              "\n"
              "2026-10-01 to 2026-10-31\n"
              "\n"
              "## Shipped\n"
              "\n"
              "- Release 1.0: First flight (released 2026-10-20)\n"
              "- X2-7 Gimbal drift & jitter (bug, accepted 2026-10-03)\n"
              "- X2-12 Hot-swap batteries (story, accepted 2026-10-15)\n"
              "\n"
              "## Next\n"
              "\n"
              "- Release 1.1 (in_progress, target 2026-10-19)\n"
              "- Release 1.2: <Long range> (planned, target 2026-12-01)\n"
              "- Release 2.0 (planned, no target date)\n"
              "- Sprint 4 (active, 2026-10-26 to 2026-11-06, team Falcon): Flight time over 40 "
              "minutes\n"
              "- Sprint 5 (planned, 2026-11-09 to 2026-11-20, team Falcon)\n"
              "\n"
              "## Goals\n"
              "\n"
              "- Hover test plan: no key results yet; quarter goal ending 2026-12-31\n"
              "- Night flight certification: 50% (expected 40%), on track; half goal ending "
              "2027-03-31\n"
              "- 45-minute flight time: 35% (expected 50%), at risk; year goal ending 2027-06-30\n"
              "- Inspection leader: 10% (expected 40%), off track; multi-year goal ending "
              "2028-12-31\n"
              "\n"
              "## Risks\n"
              "\n"
              "- Release 1.1 is 12 days past its target date 2026-10-19.\n"
              "- X2-21 Motor part from the new supplier (in_progress) blocks release 1.2.\n"
              "- Goal \"Inspection leader\" is off track: 10% against 40% expected.\n"
              "- Goal \"45-minute flight time\" is at risk: 35% against 50% expected.\n");
}

TEST(StakeholderUpdateRendering, EmptySectionsSaySo) {
    UpdateFacts f;
    f.product_key = "X9";
    const StakeholderUpdate u = AssembleStakeholderUpdate(f, "2026-10-01", "2026-10-31");
    const std::string md = RenderUpdateMarkdown(u);
    EXPECT_NE(md.find("# X9: stakeholder update\n"), std::string::npos) << md;
    EXPECT_NE(md.find("## Shipped\n\nNothing shipped in this period.\n"), std::string::npos) << md;
    EXPECT_NE(md.find("## Next\n\nNothing planned yet.\n"), std::string::npos) << md;
    EXPECT_NE(md.find("## Goals\n\nNo open goals.\n"), std::string::npos) << md;
    EXPECT_NE(md.find("## Risks\n\nNo risks found.\n"), std::string::npos) << md;
    const std::string html = RenderUpdateHtml(u);
    EXPECT_NE(html.find("<h2>Risks</h2>\n<p>No risks found.</p>\n"), std::string::npos) << html;
}

TEST(StakeholderUpdateRendering, HtmlEscapesEveryUserText) {
    EXPECT_EQ(EscapeHtml(R"(<b>"R&D"</b> 'x')"),
              "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; &#39;x&#39;");
    auto facts = OctoberFacts();
    facts.product_name = "X2 <script>alert(1)</script>";
    const StakeholderUpdate u = AssembleStakeholderUpdate(facts, "2026-10-01", "2026-10-31");
    const std::string html = RenderUpdateHtml(u);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u) << html;
    EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
    EXPECT_EQ(html.find("<Long range>"), std::string::npos) << html;
    EXPECT_NE(
        html.find("<title>X2 &lt;script&gt;alert(1)&lt;/script&gt;: stakeholder update</title>"),
        std::string::npos)
        << html;
    EXPECT_NE(html.find("<li>Release 1.2: &lt;Long range&gt; (planned, target 2026-12-01)</li>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<li>X2-7 Gimbal drift &amp; jitter (bug, accepted 2026-10-03)</li>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<h2>Shipped</h2>\n<ul>\n"), std::string::npos) << html;
    EXPECT_NE(html.find("</ul>\n</body>\n</html>\n"), std::string::npos) << html;
}

}  // namespace
}  // namespace tl::domain
