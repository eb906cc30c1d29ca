// Sprint: a time-box of one team on one product (docs/delivery.md, "Sprints"), with its
// members' capacity, the baseline taken at the start, the scope changes after it, the change
// requests the Product Owner decides and the outcome of each item at completion; and the pure
// figures around it: calendar days, working days, effective capacity, velocity, planning
// warnings, the burndown / burn-up series and the report's grouping.
//
// Pure functions of their arguments, no I/O; safe to call from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/validation.hpp"

namespace tl::domain {

// ---- calendar days ----

// A calendar day as a number of days since 1970-01-01 (the workspace's calendar is UTC).
using Day = std::int64_t;

inline constexpr std::int64_t kMsPerDay = 86'400'000;

// "YYYY-MM-DD" (a real date, years 1900..9999); nullopt otherwise.
std::optional<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);
// The UTC day a time (ms since the epoch) falls on.
Day DayOfMs(std::int64_t ms);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int IsoWeekday(Day day);

// ---- the sprint ----

enum class SprintStatus { kPlanned, kActive, kCompleted };
std::string_view ToString(SprintStatus status);  // "planned", "active", "completed"
std::optional<SprintStatus> ParseSprintStatus(std::string_view text);

enum class CapacityUnit { kPoints, kHours };
std::string_view ToString(CapacityUnit unit);  // "points", "hours"
std::optional<CapacityUnit> ParseCapacityUnit(std::string_view text);

struct Sprint {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string team_id;
    std::string name;
    std::string goal;
    std::string start_date;         // YYYY-MM-DD
    std::string end_date;           // YYYY-MM-DD, on or after start_date
    std::vector<int> working_days;  // ISO weekdays, ascending, no duplicates
    CapacityUnit capacity_unit = CapacityUnit::kPoints;
    bool require_approval = false;
    SprintStatus status = SprintStatus::kPlanned;
    std::int64_t started_at = 0;    // 0 until started
    std::int64_t completed_at = 0;  // 0 until completed
    double committed_points = 0;    // fixed at the start (the baseline's sum)
    double completed_points = 0;    // fixed at completion (the points of the done items)
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxSprintNameLength = 200;
inline constexpr std::size_t kMaxSprintGoalLength = 2'000;
// The longest sprint, in calendar days (bounds the burndown's rows).
inline constexpr Day kMaxSprintDays = 366;

inline const std::vector<int> kDefaultWorkingDays = {1, 2, 3, 4, 5};

// Name, goal, dates (real, end on or after start, at most kMaxSprintDays days), working days
// (ISO weekdays 1..7, at least one, each once) and at least one working day between the dates.
Issues ValidateSprint(const Sprint& sprint);

// The dates from start_date to end_date, and those of them on the sprint's weekdays, in order;
// empty when a date does not parse.
std::vector<Day> CalendarDays(const Sprint& sprint);
std::vector<Day> WorkingDays(const Sprint& sprint);

// ---- capacity and velocity ----

struct MemberCapacity {
    std::string user_id;
    double capacity = 0;                // in the sprint's capacity unit, for the whole sprint
    std::vector<std::string> days_off;  // YYYY-MM-DD
};

// capacity × (working days − days off that are working days) / working days; 0 without
// working days. Days off outside the sprint or on other weekdays do not count; one listed
// twice counts once.
double EffectiveCapacity(const MemberCapacity& member, const std::vector<Day>& working_days);
// The sum of the members' effective capacities.
double SprintCapacity(const std::vector<MemberCapacity>& members,
                      const std::vector<Day>& working_days);

// Velocity averages the completed points of this many of a team's latest completed sprints.
inline constexpr int kVelocityWindow = 3;
// The mean of `completed_points`; nullopt when empty.
std::optional<double> Velocity(const std::vector<double>& completed_points);

// ---- planning ----

struct PlanningFigures {
    double planned_points = 0;  // the points of the items in the sprint now
    std::size_t unestimated = 0;
    CapacityUnit unit = CapacityUnit::kPoints;
    double capacity = 0;
    bool capacity_set = false;  // some member's capacity was given
    std::optional<double> velocity;
};

struct PlanningWarning {
    std::string code;  // "over_capacity", "over_velocity", "unestimated"
    std::string message;
};

// Advice, never refusals: over_capacity when the points planned exceed a capacity given in
// points; over_velocity when they exceed the velocity; unestimated when items lack points.
std::vector<PlanningWarning> PlanningWarnings(const PlanningFigures& figures);

// Points as people write them: "34", "28.5", "0.25" (at most two decimals).
std::string FormatPoints(double points);
// Rounded to two decimals (what the API answers for computed figures).
double RoundPoints(double points);

// ---- scope: baseline, scope changes, change requests, outcomes ----

struct BaselineEntry {
    std::string item_id;
    std::optional<double> points;
};

enum class ScopeKind { kAdded, kRemoved, kReEstimated };
std::string_view ToString(ScopeKind kind);  // "added", "removed", "re_estimated"
std::optional<ScopeKind> ParseScopeKind(std::string_view text);

// A change to the scope of a started sprint (or a committed release: scope_type names which).
struct ScopeChange {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string scope_type;  // "sprint" or "release"
    std::string scope_id;
    ScopeKind kind = ScopeKind::kAdded;
    std::string item_id;
    std::optional<double> points_before;  // removed, re_estimated
    std::optional<double> points_after;   // added, re_estimated
    std::string by;                       // user id; "" for the system
    std::int64_t at = 0;
    std::string reason;
};

inline constexpr std::size_t kMaxReasonLength = 2'000;

enum class ChangeRequestKind { kAdd, kRemove };
std::string_view ToString(ChangeRequestKind kind);  // "add", "remove"
enum class ChangeRequestStatus { kOpen, kAccepted, kRejected };
std::string_view ToString(ChangeRequestStatus status);  // "open", "accepted", "rejected"
std::optional<ChangeRequestStatus> ParseChangeRequestStatus(std::string_view text);
std::optional<ChangeRequestKind> ParseChangeRequestKind(std::string_view text);

struct ChangeRequest {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string sprint_id;
    ChangeRequestKind kind = ChangeRequestKind::kAdd;
    std::string item_id;
    std::string reason;
    std::string requested_by;
    std::int64_t requested_at = 0;
    ChangeRequestStatus status = ChangeRequestStatus::kOpen;
    std::string decided_by;
    std::int64_t decided_at = 0;
    std::string note;
    std::int64_t version = 1;
};

enum class ItemOutcome { kDone, kReturned, kCarriedOver };
std::string_view ToString(ItemOutcome outcome);  // "done", "returned", "carried_over"
std::optional<ItemOutcome> ParseItemOutcome(std::string_view text);

// What became of one item of a sprint at its completion.
struct SprintOutcome {
    std::string item_id;
    ItemOutcome outcome = ItemOutcome::kDone;
    std::optional<double> points;
    std::int64_t done_at = 0;    // done items: when they entered done
    std::string next_sprint_id;  // carried_over: where to
};

// ---- the burndown / burn-up series ----

struct BurndownInput {
    Sprint sprint;
    std::vector<BaselineEntry> baseline;          // empty before the start
    std::vector<ScopeChange> changes;             // the sprint's, any order
    std::map<std::string, std::int64_t> done_at;  // current items' done_at (0: not done)
    std::vector<SprintOutcome> outcomes;          // completed sprints: the outcomes
    Day today = 0;
    double planned_points = 0;  // before the start: the points planned (the would-be commitment)
};

struct BurndownDay {
    Day date = 0;
    bool working_day = false;
    double ideal = 0;
    // The actual series, up to today (and to the completion day): nullopt after it and
    // before the start.
    std::optional<double> scope;
    std::optional<double> done;
    std::optional<double> remaining;
    std::vector<std::size_t> changes;  // indices into Burndown::changes, applied that day
};

struct Burndown {
    double committed = 0;
    std::vector<ScopeChange> changes;  // the input's, ordered by time
    std::vector<BurndownDay> days;     // one per calendar day from start_date to end_date
};

// One row per calendar day, each read at the day's end. `scope`: the points of the items in
// the sprint (the baseline with every scope change up to then applied; changes before the
// first day count on it); `done`: the points of those items done by then (for a completed
// sprint only the items done at completion, when they entered done); `remaining = scope −
// done`. `ideal`: committed × (working days after the day) / working days, so it falls by an
// equal step at the end of each working day to 0 at the end of the last and stays flat on
// other days.
Burndown ComputeBurndown(const BurndownInput& input);

// ---- the report ----

struct ReportItem {
    std::string id;  // in rank order
    std::optional<double> points;
    bool done = false;
};

struct SprintReport {
    double committed = 0;
    double completed = 0;
    std::vector<std::string> done;      // item ids
    std::vector<std::string> not_done;  // item ids
    std::vector<std::size_t> added;     // indices into the changes, by time
    std::vector<std::size_t> removed;
    std::vector<std::size_t> re_estimated;
    std::vector<SprintOutcome> carried_over;  // returned to the backlog or to the next sprint
};

// Groups a sprint's items: before completion from `current` (the items in the sprint now, in
// rank order; `completed` sums the done ones), after it from the outcomes (in their order;
// `completed` is the sprint's completed_points). Scope changes are grouped by kind, in time
// order. `committed` is the sprint's.
SprintReport GroupReport(const Sprint& sprint,
                         const std::vector<ScopeChange>& changes,
                         const std::vector<SprintOutcome>& outcomes,
                         const std::vector<ReportItem>& current);

}  // namespace tl::domain
