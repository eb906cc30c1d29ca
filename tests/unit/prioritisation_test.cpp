// Prioritisation models, the pure rules: RICE, WSJF, value vs effort with its quadrants,
// MoSCoW and Kano, weighted scorecards, the checks naming their fields, and the ranked
// comparison of a model's order with the manual rank — against figures worked by hand.
#include "domain/prioritisation.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

bool Names(const Issues& issues, std::string_view field, std::string_view issue = "") {
    for (const auto& i : issues) {
        if (i.field == field && (issue.empty() || i.issue == issue)) {
            return true;
        }
    }
    return false;
}

TEST(Prioritisation, ModelNamesRoundTrip) {
    for (std::string_view name : {"rice", "wsjf", "value_effort", "moscow", "kano"}) {
        auto ref = ParseModelRef(name);
        ASSERT_TRUE(ref) << name;
        EXPECT_EQ(ToString(*ref), name);
    }
    auto card = ParseModelRef("scorecard:scd_1");
    ASSERT_TRUE(card);
    EXPECT_EQ(card->model, PrioritisationModel::kScorecard);
    EXPECT_EQ(card->scorecard_id, "scd_1");
    EXPECT_EQ(ToString(*card), "scorecard:scd_1");
    EXPECT_FALSE(ParseModelRef("scorecard:"));
    EXPECT_FALSE(ParseModelRef("RICE"));
    EXPECT_FALSE(ParseModelRef("ice"));
}

TEST(Prioritisation, RiceScoreByHand) {
    // 2,000 users a quarter × high impact 2 × 80% ÷ 4 person-months = 800.
    RiceInputs in{2000, 2, 80, 4};
    Issues issues;
    Check(issues, in);
    EXPECT_TRUE(issues.empty());
    EXPECT_DOUBLE_EQ(Score(in), 800);
    // 500 × 0.25 × 50% ÷ 0.5 = 125.
    EXPECT_DOUBLE_EQ(Score(RiceInputs{500, 0.25, 50, 0.5}), 125);
    // No reach, no score worth having, but valid.
    Issues none;
    Check(none, RiceInputs{0, 1, 0, 1});
    EXPECT_TRUE(none.empty());
    EXPECT_DOUBLE_EQ(Score(RiceInputs{0, 1, 0, 1}), 0);
}

TEST(Prioritisation, RiceChecksNameTheirFields) {
    Issues issues;
    Check(issues, RiceInputs{-1, 1.5, 101, 0});
    EXPECT_TRUE(Names(issues, "rice.reach"));
    EXPECT_TRUE(Names(issues, "rice.impact", "must be one of 0.25, 0.5, 1, 2, 3"));
    EXPECT_TRUE(Names(issues, "rice.confidence"));
    EXPECT_TRUE(Names(issues, "rice.effort"));
    EXPECT_EQ(issues.size(), 4u);
}

TEST(Prioritisation, WsjfScoreByHand) {
    // Cost of delay 8 + 5 + 3 = 16 over job size 4 = 4.
    WsjfInputs in{8, 5, 3, 4};
    Issues issues;
    Check(issues, in);
    EXPECT_TRUE(issues.empty());
    EXPECT_EQ(CostOfDelay(in), 16);
    EXPECT_DOUBLE_EQ(Score(in), 4);
    // Any whole number 1–20 is accepted, Fibonacci or not: (20 + 1 + 4) / 3.
    EXPECT_DOUBLE_EQ(Score(WsjfInputs{20, 1, 4, 3}), 25.0 / 3);
    Issues none;
    Check(none, WsjfInputs{20, 1, 4, 3});
    EXPECT_TRUE(none.empty());
}

TEST(Prioritisation, WsjfChecksNameTheirFields) {
    Issues issues;
    Check(issues, WsjfInputs{0, 21, 5, 0});
    EXPECT_TRUE(Names(issues, "wsjf.business_value"));
    EXPECT_TRUE(Names(issues, "wsjf.time_criticality"));
    EXPECT_FALSE(Names(issues, "wsjf.risk_reduction"));
    EXPECT_TRUE(Names(issues, "wsjf.job_size", "must be a whole number from 1 to 20"));
}

TEST(Prioritisation, ValueEffortQuadrantsAtTheirEdges) {
    EXPECT_EQ(QuadrantOf({6, 5}), ValueEffortQuadrant::kQuickWin);
    EXPECT_EQ(QuadrantOf({6, 6}), ValueEffortQuadrant::kBigBet);
    EXPECT_EQ(QuadrantOf({5, 5}), ValueEffortQuadrant::kFillIn);
    EXPECT_EQ(QuadrantOf({5, 6}), ValueEffortQuadrant::kTimeSink);
    EXPECT_EQ(QuadrantOf({10, 1}), ValueEffortQuadrant::kQuickWin);
    EXPECT_EQ(QuadrantOf({1, 10}), ValueEffortQuadrant::kTimeSink);
    EXPECT_EQ(ToString(ValueEffortQuadrant::kBigBet), "big_bet");
    EXPECT_DOUBLE_EQ(Score(ValueEffortInputs{9, 3}), 3);
    EXPECT_DOUBLE_EQ(Score(ValueEffortInputs{2, 8}), 0.25);
    Issues issues;
    Check(issues, ValueEffortInputs{0, 11});
    EXPECT_TRUE(Names(issues, "value_effort.value", "must be a whole number from 1 to 10"));
    EXPECT_TRUE(Names(issues, "value_effort.effort"));
}

TEST(Prioritisation, MoscowAndKanoOrderTheirCategories) {
    EXPECT_GT(Score(Moscow::kMust), Score(Moscow::kShould));
    EXPECT_GT(Score(Moscow::kShould), Score(Moscow::kCould));
    EXPECT_GT(Score(Moscow::kCould), Score(Moscow::kWont));
    EXPECT_EQ(ParseMoscow("wont"), Moscow::kWont);
    EXPECT_FALSE(ParseMoscow("won't"));
    EXPECT_GT(Score(Kano::kBasic), Score(Kano::kPerformance));
    EXPECT_GT(Score(Kano::kPerformance), Score(Kano::kExcitement));
    EXPECT_GT(Score(Kano::kExcitement), Score(Kano::kIndifferent));
    EXPECT_GT(Score(Kano::kIndifferent), Score(Kano::kReverse));
    EXPECT_EQ(ParseKano("excitement"), Kano::kExcitement);
    EXPECT_EQ(ToString(Kano::kReverse), "reverse");
    EXPECT_FALSE(ParseKano("delighter"));
}

Scorecard Card() {
    Scorecard c;
    c.name = "Drone fit";
    c.criteria = {
        {"crt_rev", "Revenue", 3}, {"crt_fit", "Strategic fit", 2}, {"crt_risk", "Risk", 1}};
    return c;
}

TEST(Prioritisation, ScorecardScoreByHand) {
    // (3×4 + 2×5 + 1×2) / 6 = 24 / 6 = 4.
    auto card = Card();
    Ratings r{{"crt_rev", 4}, {"crt_fit", 5}, {"crt_risk", 2}};
    Issues issues;
    CheckRatings(issues, card, r);
    EXPECT_TRUE(issues.empty());
    auto s = Score(card, r);
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(*s, 4);
    // (3×3 + 2×2 + 1×1) / 6 = 14 / 6 = 2.333…
    EXPECT_DOUBLE_EQ(*Score(card, {{"crt_rev", 3}, {"crt_fit", 2}, {"crt_risk", 1}}), 14.0 / 6);
    // A missing rating leaves the item unscored.
    EXPECT_FALSE(Score(card, {{"crt_rev", 3}, {"crt_fit", 2}}));
    // A weight change moves the score: Revenue 1 → (1×4 + 2×5 + 1×2) / 4 = 4.
    card.criteria[0].weight = 1;
    EXPECT_DOUBLE_EQ(*Score(card, r), 4);
    card.criteria[2].weight = 5;  // (4 + 10 + 10) / 8 = 3
    EXPECT_DOUBLE_EQ(*Score(card, r), 3);
}

TEST(Prioritisation, ScorecardRatingsAreChecked) {
    auto card = Card();
    Issues issues;
    CheckRatings(issues, card, {{"crt_rev", 0}, {"crt_fit", 6}, {"crt_nope", 3}});
    EXPECT_TRUE(Names(issues, "scorecard.ratings.crt_rev", "must be a whole number from 1 to 5"));
    EXPECT_TRUE(Names(issues, "scorecard.ratings.crt_fit"));
    EXPECT_TRUE(Names(issues, "scorecard.ratings.crt_nope", "is not a criterion of the scorecard"));
    auto kept = KeepCardRatings(card, {{"crt_rev", 2}, {"crt_gone", 4}});
    EXPECT_EQ(kept, (Ratings{{"crt_rev", 2}}));
}

TEST(Prioritisation, ScorecardChecksNameTheirFields) {
    Scorecard ok = Card();
    Issues none;
    Check(none, ok);
    EXPECT_TRUE(none.empty());

    Scorecard bad;
    Issues issues;
    Check(issues, bad);
    EXPECT_TRUE(Names(issues, "name"));
    EXPECT_TRUE(Names(issues, "criteria", "must hold 1 to 12 criteria"));

    bad.name = "Too many";
    bad.criteria.assign(13, ScorecardCriterion{"", "c", 1});
    Issues many;
    Check(many, bad);
    EXPECT_TRUE(Names(many, "criteria"));

    bad.criteria = {{"a", "Revenue", 0}, {"b", "revenue", 101}, {"c", "", 1}};
    Issues fields;
    Check(fields, bad);
    EXPECT_TRUE(Names(fields, "criteria.0.weight", "must be a number above 0 and at most 100"));
    EXPECT_TRUE(Names(fields, "criteria.1.name", "is the name of another criterion"));
    EXPECT_TRUE(Names(fields, "criteria.1.weight"));
    EXPECT_TRUE(Names(fields, "criteria.2.name"));
}

std::vector<std::string> Ids(const RankedComparison& c) {
    std::vector<std::string> out;
    for (const auto& e : c.entries) {
        out.push_back(e.id);
    }
    return out;
}

TEST(Prioritisation, ComparisonOrdersByScoreAndFlagsBigMoves) {
    // Manual: A B C D E; scores A 1, B 5, C unscored, D 3, E 9.
    // Scored n = 4 (A B D E in manual order 1..4); threshold max(2, ⌈4/4⌉) = 2.
    // Model order: E (9) 1, B (5) 2, D (3) 3, A (1) 4, then C.
    // E: manual 4 → model 1, moved 3: disagrees. A: 1 → 4: disagrees. B: 2 → 2. D: 3 → 3.
    auto c = CompareRanks({{"A", 1}, {"B", 5}, {"C", std::nullopt}, {"D", 3}, {"E", 9}});
    EXPECT_EQ(Ids(c), (std::vector<std::string>{"E", "B", "D", "A", "C"}));
    EXPECT_EQ(c.scored, 4);
    EXPECT_EQ(c.unscored, 1);
    EXPECT_EQ(c.threshold, 2);
    EXPECT_EQ(c.disagreements, 2);
    const auto& e = c.entries[0];
    EXPECT_EQ(e.backlog_position, 5);
    EXPECT_EQ(e.manual_position, 4);
    EXPECT_EQ(e.model_position, 1);
    EXPECT_TRUE(e.disagrees);
    EXPECT_FALSE(c.entries[1].disagrees);
    EXPECT_TRUE(c.entries[3].disagrees);
    const auto& unscored = c.entries[4];
    EXPECT_EQ(unscored.backlog_position, 3);
    EXPECT_EQ(unscored.manual_position, 0);
    EXPECT_EQ(unscored.model_position, 0);
    EXPECT_FALSE(unscored.disagrees);
}

TEST(Prioritisation, ComparisonKeepsManualOrderForTies) {
    auto c = CompareRanks({{"A", 2}, {"B", 3}, {"C", 2}, {"D", std::nullopt}, {"E", std::nullopt}});
    EXPECT_EQ(Ids(c), (std::vector<std::string>{"B", "A", "C", "D", "E"}));
    // One place is not a disagreement.
    EXPECT_EQ(c.disagreements, 0);
}

TEST(Prioritisation, ComparisonThresholdGrowsWithTheList) {
    // 12 scored items: threshold ⌈12/4⌉ = 3. The last item scored highest moves 11 places;
    // every other one moves down by exactly one place.
    std::vector<RankCandidate> in;
    for (int i = 0; i < 12; ++i) {
        in.push_back({"I" + std::to_string(i), i == 11 ? 100.0 : 50.0 - i});
    }
    auto c = CompareRanks(in);
    EXPECT_EQ(c.threshold, 3);
    EXPECT_EQ(c.disagreements, 1);
    EXPECT_EQ(c.entries[0].id, "I11");
    EXPECT_TRUE(c.entries[0].disagrees);
    // 9 scored: ⌈9/4⌉ = 3.
    in.resize(9);
    EXPECT_EQ(CompareRanks(in).threshold, 3);
    // Nothing scored: everything in manual order.
    auto empty = CompareRanks({{"A", std::nullopt}, {"B", std::nullopt}});
    EXPECT_EQ(Ids(empty), (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(empty.scored, 0);
    EXPECT_EQ(empty.threshold, 2);
}

}  // namespace
}  // namespace tl::domain
