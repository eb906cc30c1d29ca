// The decision log, the pure rules: statuses and link types, validation (a decision and a
// date once decided, options, typed links with the id shapes of goals, initiatives and ideas),
// the ?linked= filter and the text match.
#include "domain/decision.hpp"

#include <gtest/gtest.h>

#include "domain/role.hpp"

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

Decision Flight() {
    Decision d;
    d.title = "Next series: longer flight time before camera upgrade";
    d.context = "Survey customers fly long routes; the camera is good enough for inspection.";
    d.options = {{"Longer flight time", "Fewer battery swaps", "Heavier battery"},
                 {"Better camera", "Sharper inspection images", "Costly sensor"}};
    return d;
}

TEST(DecisionRules, NamesRoundTrip) {
    for (auto s : kAllDecisionStatuses) {
        EXPECT_EQ(ParseDecisionStatus(ToString(s)), s);
    }
    for (auto t : kAllLinkTargets) {
        EXPECT_EQ(ParseLinkTarget(ToString(t)), t);
    }
    EXPECT_FALSE(ParseDecisionStatus("rejected"));
    EXPECT_FALSE(ParseLinkTarget("sprint"));
}

TEST(DecisionRules, ProposedNeedsOnlyATitle) {
    Decision d = Flight();
    EXPECT_TRUE(ValidateDecision(d).empty());
    d.title = " ";
    EXPECT_TRUE(Names(ValidateDecision(d), "title"));
    d.title = "";
    EXPECT_TRUE(Names(ValidateDecision(d), "title"));
}

TEST(DecisionRules, DecidedNeedsDecisionAndDate) {
    Decision d = Flight();
    d.status = DecisionStatus::kDecided;
    Issues issues = ValidateDecision(d);
    EXPECT_TRUE(Names(issues, "decision"));
    EXPECT_TRUE(Names(issues, "date"));
    d.decision = "Longer flight time first";
    d.date = "2026-10-14";
    EXPECT_TRUE(ValidateDecision(d).empty());
    d.status = DecisionStatus::kSuperseded;
    d.date = "";
    EXPECT_TRUE(Names(ValidateDecision(d), "date"));
    d.date = "2026-13-01";
    EXPECT_TRUE(Names(ValidateDecision(d), "date"));
}

TEST(DecisionRules, OptionsAreCheckedEach) {
    Decision d = Flight();
    d.options[1].title = "";
    d.options.push_back({"  ", "", ""});
    const Issues issues = ValidateDecision(d);
    EXPECT_TRUE(Names(issues, "options.1.title"));
    EXPECT_TRUE(Names(issues, "options.2.title"));
    EXPECT_FALSE(Names(issues, "options.0.title"));
    d = Flight();
    d.options.resize(21, DecisionOption{"x", "", ""});
    EXPECT_TRUE(Names(ValidateDecision(d), "options"));
}

TEST(DecisionRules, LinksAreNamedOnceAndNotEmpty) {
    Decision d = Flight();
    d.links = {{LinkTarget::kItem, "itm_1"},
               {LinkTarget::kGoal, "gol_abc"},
               {LinkTarget::kInitiative, "ini_x"},
               {LinkTarget::kIdea, "ide_7"},
               {LinkTarget::kRelease, "rel_2"}};
    EXPECT_TRUE(ValidateDecision(d).empty());
    d.links = {{LinkTarget::kGoal, "gol_abc"},
               {LinkTarget::kIdea, ""},
               {LinkTarget::kInitiative, "gol_abc"},  // another type: not a repeat
               {LinkTarget::kRelease, "rel_2"},
               {LinkTarget::kRelease, "rel_2"}};
    const Issues issues = ValidateDecision(d);
    EXPECT_TRUE(Names(issues, "links.1.id"));
    EXPECT_TRUE(Names(issues, "links.4.id"));
    for (auto f : {"links.0.id", "links.2.id", "links.3.id"}) {
        EXPECT_FALSE(Names(issues, f)) << f;
    }
}

TEST(DecisionRules, LinkFilter) {
    const auto item = ParseLinkFilter("item:X2-12");
    ASSERT_TRUE(item);
    EXPECT_EQ(item->type, LinkTarget::kItem);
    EXPECT_EQ(item->id, "X2-12");
    const auto goal = ParseLinkFilter("goal:gol_1");
    ASSERT_TRUE(goal);
    EXPECT_EQ(goal->type, LinkTarget::kGoal);
    EXPECT_FALSE(ParseLinkFilter("item:"));
    EXPECT_FALSE(ParseLinkFilter("X2-12"));
    EXPECT_FALSE(ParseLinkFilter("sprint:spr_1"));
}

TEST(DecisionRules, TextMatchNeedsEveryWord) {
    const Decision d = Flight();
    EXPECT_TRUE(MatchesText(d, ""));
    EXPECT_TRUE(MatchesText(d, "FLIGHT"));
    EXPECT_TRUE(MatchesText(d, "camera sensor"));  // title and an option's cons
    EXPECT_FALSE(MatchesText(d, "camera lidar"));
}

// docs/strategy.md's role table for stakeholders and decisions.
TEST(DecisionRules, TheStrategyTableOfRoles) {
    struct Row {
        Action action;
        const char* cells;  // PM, PO, SM, team, stakeholder, executive
    };
    const Row rows[] = {
        {Action::kMarketRead, "WWWW-W"},     // read stakeholders, communications, updates
        {Action::kStrategyWrite, "W-----"},  // stakeholders and the communication log
        {Action::kProductRead, "WWWWWW"},    // read decisions
        {Action::kDecisionWrite, "WW----"},  // decisions
    };
    for (const auto& row : rows) {
        for (std::size_t k = 0; k < kAllRoles.size(); ++k) {
            EXPECT_EQ(RoleAllows(kAllRoles[k], row.action), row.cells[k] == 'W')
                << ToString(kAllRoles[k]) << " × " << ToString(row.action);
        }
    }
    EXPECT_EQ(ToString(Action::kDecisionWrite), "decision.write");
    EXPECT_EQ(ParseAction("decision.write"), Action::kDecisionWrite);
    EXPECT_FALSE(AdminAllows(Action::kDecisionWrite));
}

}  // namespace
}  // namespace tl::domain
