// The roadmap (docs/strategy.md, "Roadmap"): the periods of a timeline (quarters, halves or
// years), where an initiative is placed on it (its dates, or what its horizon and timeframe
// say when it lacks them), and the Now/Next/Later timeframe derived from its dates and status.
//
// Pure functions of their arguments, no I/O; safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/strategy.hpp"

namespace tl::domain {

enum class Granularity { kQuarter, kHalf, kYear };
std::string_view ToString(Granularity g);  // "quarter", "half", "year"
std::optional<Granularity> ParseGranularity(std::string_view text);

std::string_view ToString(Timeframe t);  // "now", "next", "later"
std::optional<Timeframe> ParseTimeframe(std::string_view text);

struct RoadmapPeriod {
    std::string label;  // "2027 Q1", "2027 H1", "2027"
    std::string start;  // YYYY-MM-DD
    std::string end;    // YYYY-MM-DD, included
};

// The first day of the period of granularity `g` holding `date`. Requires: a calendar date.
std::string PeriodStartOf(Granularity g, std::string_view date);
// The periods from the one holding `from` to the one holding `to` (from ≤ to), in order.
std::vector<RoadmapPeriod> RoadmapPeriods(Granularity g,
                                          std::string_view from,
                                          std::string_view to);

// The day `months` months after `date` (negative: before), held to the month's last day.
std::string AddMonths(std::string_view date, int months);

// The length of a horizon in months: 3, 6, 12, and 24 for multi_year.
int HorizonMonths(Horizon horizon);

// How an initiative's bar was placed.
enum class Placement {
    kDates,      // both dates given
    kStart,      // a start only: the horizon's length from it (a quarter without horizon)
    kEnd,        // an end only: the horizon's length up to it (a quarter without horizon)
    kTimeframe,  // no dates: the horizon's length (a quarter without horizon) from the start of
                 // the current quarter (now), the next quarter (next) or the quarter after
                 // that (later)
};
std::string_view ToString(Placement p);  // "dates", "start", "end", "timeframe"

struct PlacedSpan {
    std::string start;
    std::string end;
    Placement placement = Placement::kDates;
};

// Where the initiative goes on the timeline on `today`; `timeframe` is its effective
// timeframe (TimeframeOf), used only when it has no dates.
PlacedSpan PlaceInitiative(const Initiative& initiative,
                           Timeframe timeframe,
                           std::string_view today);

// The timeframe derived from an initiative without one set, on `today`: in progress, or
// started (its start on or before today) → now; starting within 6 months (start on or before
// AddMonths(today, 6)) → next; else (later start, or no start and not in progress) → later.
Timeframe DerivedTimeframe(const Initiative& initiative, std::string_view today);

// The initiative's timeframe: the one set, else the derived one.
struct EffectiveTimeframe {
    Timeframe timeframe = Timeframe::kLater;
    bool derived = false;
};
EffectiveTimeframe TimeframeOf(const Initiative& initiative, std::string_view today);

// Whether [start, end] (dates) overlaps [from, to].
bool Overlaps(std::string_view start,
              std::string_view end,
              std::string_view from,
              std::string_view to);

// A published read-only link to a product's roadmap. The token is shown once, on creation;
// only its hash (app::HashSecret) is kept.
struct RoadmapShare {
    std::string id;  // "rms_…"
    std::string workspace_id;
    std::string product_id;
    std::string token_hash;
    std::string created_by;
    std::int64_t created_at = 0;
};

}  // namespace tl::domain
