// Strategy (docs/strategy.md): a product's vision, its goals as OKRs (key results measured by
// check-ins), the initiatives that serve the goals, and the pure figures read from them: the
// period of a goal, key-result and goal progress, the progress expected on a day, a goal's
// status, and how a sprint's or release's points are shared over goals and initiatives.
//
// Pure functions of their arguments, no I/O; safe to call from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

// ---- vision ----

struct Vision {
    std::string workspace_id;
    std::string product_id;
    std::string statement;
    std::string target_customers;
    std::string customer_needs;
    std::string value_proposition;
    std::string business_goals;
    std::int64_t version = 0;  // 0: never saved (empty)
    std::string updated_by;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxVisionStatementLength = 1'000;
inline constexpr std::size_t kMaxVisionTextLength = 10'000;

// statement (up to 1,000, multi-line allowed), the others up to 10,000 each.
Issues ValidateVision(const Vision& vision);
// Whether the five texts are the same.
bool SameVisionText(const Vision& a, const Vision& b);

// ---- goals and key results ----

enum class Horizon { kQuarter, kHalf, kYear, kMultiYear };
std::string_view ToString(Horizon horizon);  // "quarter", "half", "year", "multi_year"
std::optional<Horizon> ParseHorizon(std::string_view text);

enum class GoalState { kOpen, kAchieved, kMissed, kDropped };
std::string_view ToString(GoalState state);  // "open", "achieved", "missed", "dropped"
std::optional<GoalState> ParseGoalState(std::string_view text);

enum class GoalStatus { kOnTrack, kAtRisk, kOffTrack };
std::string_view ToString(GoalStatus status);  // "on_track", "at_risk", "off_track"

struct Goal {
    std::string id;  // "gol_…"
    std::string workspace_id;
    std::string product_id;
    std::string objective;
    std::string description;  // Markdown
    Horizon horizon = Horizon::kQuarter;
    std::string start_date;  // YYYY-MM-DD
    std::string end_date;    // YYYY-MM-DD, on or after start_date
    std::string owner_id;    // "" when none
    GoalState state = GoalState::kOpen;
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct KeyResult {
    std::string id;  // "kr_…"
    std::string workspace_id;
    std::string product_id;
    std::string goal_id;
    std::string title;
    std::string metric;
    std::string unit;  // free text: "%", "min", "customers"
    double baseline = 0;
    double target = 0;  // differs from baseline; below it when the metric should fall
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct CheckIn {
    std::string id;  // "chk_…"
    std::string workspace_id;
    std::string product_id;
    std::string goal_id;
    std::string key_result_id;
    double value = 0;
    std::string date;  // YYYY-MM-DD
    std::string note;
    std::string created_by;
    std::int64_t created_at = 0;
};

inline constexpr std::size_t kMaxObjectiveLength = 300;
inline constexpr std::size_t kMaxStrategyTextLength = 20'000;
inline constexpr std::size_t kMaxKeyResultTitleLength = 300;
inline constexpr std::size_t kMaxMetricLength = 200;
inline constexpr std::size_t kMaxUnitLength = 40;
inline constexpr std::size_t kMaxCheckInNoteLength = 2'000;

// The last day of a period of `months` months from `start`: the same day `months` later
// (held to the month's last day), less a day. Requires: start is a calendar date.
std::string PeriodEnd(std::string_view start, int months);
// The end a goal gets when none is given: 3, 6 or 12 months from the start, less a day;
// nullopt for multi_year (which needs an end) or a start that is no date.
std::optional<std::string> DefaultEndDate(Horizon horizon, std::string_view start);

// objective (1–300, one line), description (up to 20,000), start date, end date (on or after
// the start; for multi_year one to five years: from PeriodEnd(start, 12) to
// PeriodEnd(start, 60)).
Issues ValidateGoal(const Goal& goal);
// title (1–300, one line), metric (1–200), unit (up to 40), target differs from baseline.
Issues ValidateKeyResult(const KeyResult& kr);
// date, note (up to 2,000).
Issues ValidateCheckIn(const CheckIn& c);

// The check-in that gives a key result's current value: the latest by date, then by
// created_at, then by id; nullptr when `check_ins` (those of the key result) is empty.
const CheckIn* LatestCheckIn(const std::vector<CheckIn>& check_ins);
// The latest check-in's value, the baseline before any.
double CurrentValue(const KeyResult& kr, const std::vector<CheckIn>& check_ins);
// (current − baseline) / (target − baseline), held to 0…1 (0 when target equals baseline).
double KeyResultProgress(const KeyResult& kr, double current);
// The mean of the key results' progress; nullopt with none.
std::optional<double> GoalProgress(const std::vector<double>& key_result_progress);
// The share of the period's days elapsed on `as_of`, held to 0…1; 0 when a date is no date.
double ExpectedProgress(std::string_view start_date,
                        std::string_view end_date,
                        std::string_view as_of);
// on_track when progress ≥ expected − 0.10, at_risk when ≥ expected − 0.25, else off_track;
// nullopt for closed goals and goals without key results (no progress).
std::optional<GoalStatus> StatusOf(GoalState state,
                                   std::optional<double> progress,
                                   double expected);

struct ProgressPoint {
    std::string date;
    double progress = 0;
};
// The goal's progress after each date on which any of its key results was checked in, in date
// order: each key result's value is that of its latest check-in on or before the date.
// `check_ins` may hold those of other goals' key results (ignored).
std::vector<ProgressPoint> ProgressHistory(const std::vector<KeyResult>& key_results,
                                           const std::vector<CheckIn>& check_ins);

// ---- initiatives ----

enum class InitiativeStatus { kProposed, kPlanned, kInProgress, kDone, kDropped };
// "proposed", "planned", "in_progress", "done", "dropped"
std::string_view ToString(InitiativeStatus status);
std::optional<InitiativeStatus> ParseInitiativeStatus(std::string_view text);

// Where an initiative stands on the Now/Next/Later board (docs/strategy.md, "Roadmap");
// ToString and ParseTimeframe are in domain/roadmap.hpp.
enum class Timeframe { kNow, kNext, kLater };

struct Initiative {
    std::string id;  // "ini_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    std::string description;
    std::vector<std::string> goal_ids;  // goals of the same product, each once
    std::string owner_id;
    std::optional<Horizon> horizon;
    std::string start_date;  // "" when none
    std::string end_date;    // "" when none
    std::string expected_outcome;
    InitiativeStatus status = InitiativeStatus::kProposed;
    std::optional<Timeframe> timeframe;  // set by the PM; derived from the dates when unset
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxInitiativeNameLength = 200;

// name (1–200, one line), description and expected outcome (up to 20,000), dates (calendar
// days or none; end on or after start when both).
Issues ValidateInitiative(const Initiative& initiative);

// Whether an initiative or goal is still open: open goals; initiatives neither done nor
// dropped.
bool IsOpen(const Initiative& initiative);

// ---- alignment ----

// What aligns an item: the nearest item of its parent chain (itself first) that names a goal
// or an initiative.
struct ItemAlignment {
    std::string via_item_id;  // "" when unaligned
    std::string goal_id;      // named by that item ("" when none)
    std::string initiative_id;
};
// `known` holds the item's ancestors (by id); the walk stops at an ancestor missing from it.
ItemAlignment AlignmentOf(const Item& item, const std::map<std::string, Item>& known);

// The goals an aligned item serves: the goal its aligning item names, else the goals of the
// initiative it names (none when that initiative is unknown or serves no goal).
std::vector<std::string> GoalsServed(const ItemAlignment& alignment,
                                     const std::map<std::string, Initiative>& initiatives);

struct AlignmentBucket {
    std::string id;  // a goal's or an initiative's id
    std::int64_t items = 0;
    double points = 0;
    double share = 0;
};

struct AlignmentShares {
    std::int64_t items = 0;
    double points = 0;
    std::vector<AlignmentBucket> by_goal;        // in the order of `goals`, those with items
    std::vector<AlignmentBucket> by_initiative;  // in the order of `initiatives`, likewise
    std::int64_t unaligned_items = 0;
    double unaligned_points = 0;
    double unaligned_share = 0;
    std::vector<std::string> unaligned_ids;             // in the order of `items`
    std::vector<std::string> goals_without_work;        // open goals without an item
    std::vector<std::string> initiatives_without_work;  // open initiatives without an item
};

// The alignment of a scope holding `items` (null points count 0): each item's points go to
// its initiative and are split evenly over the goals it serves (GoalsServed); an item serving
// no goal is unaligned. Shares are of the scope's points (0 when it has none), so the goal
// shares and the unaligned share sum to 1 when it has points. An item counts once in each
// goal and initiative it serves. `alignment` holds each item's AlignmentOf (by item id).
AlignmentShares ComputeAlignment(const std::vector<Item>& items,
                                 const std::map<std::string, ItemAlignment>& alignment,
                                 const std::vector<Goal>& goals,
                                 const std::vector<Initiative>& initiatives);

}  // namespace tl::domain
