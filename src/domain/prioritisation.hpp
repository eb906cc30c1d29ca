// Prioritisation (docs/strategy.md, "Prioritisation"): the scoring models a Product Manager and
// Product Owner apply to backlog items — RICE, WSJF, value vs effort, MoSCoW, Kano and custom
// weighted scorecards — and the ranked comparison of a model's order with the PO's manual rank.
//
// Pure values and functions, no I/O; safe to call from any thread. Checks name the fields of
// their model ("rice.impact") so one answer reports every bad input.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/validation.hpp"

namespace tl::domain {

enum class PrioritisationModel { kRice, kWsjf, kValueEffort, kMoscow, kKano, kScorecard };

// A model as the API names it: "rice", "wsjf", "value_effort", "moscow", "kano", or
// "scorecard:<id>" for one of a product's scorecards.
struct ModelRef {
    PrioritisationModel model = PrioritisationModel::kRice;
    std::string scorecard_id;  // kScorecard only

    friend bool operator==(const ModelRef&, const ModelRef&) = default;
};
std::string ToString(const ModelRef& ref);
std::optional<ModelRef> ParseModelRef(std::string_view text);
inline constexpr std::string_view kModelNames =
    "rice, wsjf, value_effort, moscow, kano, scorecard:<id>";

// ---- RICE: reach × impact × confidence ÷ effort ----
struct RiceInputs {
    double reach = 0;       // people or events per quarter, ≥ 0
    double impact = 0;      // 0.25, 0.5, 1, 2 or 3
    double confidence = 0;  // percent, 0–100
    double effort = 0;      // person-months, > 0
};
void Check(Issues& issues, const RiceInputs& in);
// Requires: Check found nothing.
double Score(const RiceInputs& in);

// ---- WSJF: cost of delay ÷ job size ----
struct WsjfInputs {
    int business_value = 0;  // 1–20 each (the Fibonacci 1, 2, 3, 5, 8, 13, 20 suggested)
    int time_criticality = 0;
    int risk_reduction = 0;  // risk reduction / opportunity enablement
    int job_size = 0;        // 1–20
};
void Check(Issues& issues, const WsjfInputs& in);
int CostOfDelay(const WsjfInputs& in);
double Score(const WsjfInputs& in);

// ---- Value vs effort, with its 2×2 quadrant ----
struct ValueEffortInputs {
    int value = 0;   // 1–10
    int effort = 0;  // 1–10
};
enum class ValueEffortQuadrant { kQuickWin, kBigBet, kFillIn, kTimeSink };
std::string_view ToString(ValueEffortQuadrant q);  // "quick_win", "big_bet", "fill_in", "time_sink"
void Check(Issues& issues, const ValueEffortInputs& in);
double Score(const ValueEffortInputs& in);
// High value is above 5, high effort above 5: quick win (high value, low effort), big bet
// (both high), fill-in (both low), time sink (low value, high effort).
ValueEffortQuadrant QuadrantOf(const ValueEffortInputs& in);

// ---- MoSCoW and Kano: categories, ranked by a score that orders them ----
enum class Moscow { kMust, kShould, kCould, kWont };
inline constexpr std::string_view kMoscowNames = "must, should, could, wont";
std::string_view ToString(Moscow m);
std::optional<Moscow> ParseMoscow(std::string_view text);
// must 4, should 3, could 2, wont 1: higher ranks first.
double Score(Moscow m);

enum class Kano { kBasic, kPerformance, kExcitement, kIndifferent, kReverse };
inline constexpr std::string_view kKanoNames =
    "basic, performance, excitement, indifferent, reverse";
std::string_view ToString(Kano k);
std::optional<Kano> ParseKano(std::string_view text);
// basic 5, performance 4, excitement 3, indifferent 2, reverse 1: what customers expect first,
// what they resent last.
double Score(Kano k);

// ---- Custom weighted scorecards ----
struct ScorecardCriterion {
    std::string id;  // "crt_…"
    std::string name;
    double weight = 1;  // > 0, ≤ 100

    friend bool operator==(const ScorecardCriterion&, const ScorecardCriterion&) = default;
};

struct Scorecard {
    std::string id;  // "scd_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    std::vector<ScorecardCriterion> criteria;  // in their order of display
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxScorecardNameLength = 100;
inline constexpr std::size_t kMaxCriterionNameLength = 100;
inline constexpr std::size_t kMaxScorecardCriteria = 12;
inline constexpr double kMaxCriterionWeight = 100;
inline constexpr int kMinRating = 1;
inline constexpr int kMaxRating = 5;

// name 1–100 characters; 1–12 criteria, each named (1–100, unique ignoring case) with a weight
// above 0 and at most 100. Fields: "name", "criteria", "criteria.<i>.name",
// "criteria.<i>.weight".
void Check(Issues& issues, const Scorecard& card);

// An item's ratings on a scorecard, by criterion id, each 1–5.
using Ratings = std::map<std::string, int>;
// Every rating names a criterion of the card and lies in 1–5 ("scorecard.ratings.<id>").
void CheckRatings(Issues& issues, const Scorecard& card, const Ratings& ratings);
// Σ(weight × rating) ÷ Σ weight, 1–5; nullopt unless every criterion is rated.
std::optional<double> Score(const Scorecard& card, const Ratings& ratings);
// The ratings of criteria the card still has (after criteria were removed).
Ratings KeepCardRatings(const Scorecard& card, const Ratings& ratings);

// ---- Stored scores ----

// An item's score under one model, as stored: `model` is ToString(ModelRef), `inputs` the
// inputs as JSON text, `score` nullopt while a scorecard lacks ratings.
struct ItemScore {
    std::string workspace_id;
    std::string item_id;
    std::string product_id;
    std::string model;
    std::string inputs;
    std::optional<double> score;
    std::int64_t version = 1;
    std::string updated_by;
    std::int64_t updated_at = 0;
};

// One change of an item's score, never edited: "set" (inputs written), "recomputed" (its
// scorecard's criteria changed) or "deleted" (inputs empty, no score).
struct ScoreChange {
    std::string id;  // "sch_…"
    std::string workspace_id;
    std::string product_id;
    std::string item_id;
    std::string model;
    std::string change;
    std::string inputs;
    std::optional<double> score;
    std::string by;
    std::int64_t at = 0;
};

// ---- The ranked comparison ----
//
// Input: the items in the PO's manual rank order, each with its score under one model
// (nullopt: unscored). The model order puts scored items first by score, highest first, ties
// kept in manual order; unscored items follow in manual order. Positions (1-based) are counted
// among the scored items only, in both orders, so an unscored item never shifts them. A scored
// item disagrees when its two positions differ by at least max(2, ⌈n/4⌉), n the number of
// scored items: small lists need a move of two places, long ones a move of a quarter.
struct RankCandidate {
    std::string id;
    std::optional<double> score;
};

struct RankedEntry {
    std::string id;
    std::optional<double> score;
    int backlog_position = 0;  // 1-based among all candidates, in manual order
    int manual_position = 0;   // among the scored, in manual order; 0 when unscored
    int model_position = 0;    // among the scored, in model order; 0 when unscored
    bool disagrees = false;
};

struct RankedComparison {
    std::vector<RankedEntry> entries;  // in model order
    int scored = 0;
    int unscored = 0;
    int disagreements = 0;
    int threshold = 2;  // max(2, ⌈scored/4⌉)
};

RankedComparison CompareRanks(const std::vector<RankCandidate>& manual_order);

}  // namespace tl::domain
