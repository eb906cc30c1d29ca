#include "domain/roadmap.hpp"

#include <array>
#include <cassert>
#include <chrono>
#include <utility>

#include "domain/sprint.hpp"

namespace tl::domain {
namespace {

namespace chr = std::chrono;

constexpr std::array<std::pair<Granularity, std::string_view>, 3> kGranularities = {{
    {Granularity::kQuarter, "quarter"},
    {Granularity::kHalf, "half"},
    {Granularity::kYear, "year"},
}};

constexpr std::array<std::pair<Timeframe, std::string_view>, 3> kTimeframes = {{
    {Timeframe::kNow, "now"},
    {Timeframe::kNext, "next"},
    {Timeframe::kLater, "later"},
}};

int MonthsOf(Granularity g) {
    switch (g) {
        case Granularity::kQuarter:
            return 3;
        case Granularity::kHalf:
            return 6;
        case Granularity::kYear:
            return 12;
    }
    return 3;
}

chr::year_month_day Ymd(std::string_view date) {
    const auto day = ParseDate(date);
    assert(day);
    return chr::year_month_day{chr::sys_days{chr::days{day.value_or(0)}}};
}

std::string Format(const chr::year_month_day& ymd) {
    return FormatDate(chr::sys_days(ymd).time_since_epoch().count());
}

std::string NextDay(std::string_view date) { return FormatDate(ParseDate(date).value_or(0) + 1); }

int InitiativeMonths(const Initiative& i) { return i.horizon ? HorizonMonths(*i.horizon) : 3; }

}  // namespace

std::string_view ToString(Granularity g) {
    for (const auto& [value, name] : kGranularities) {
        if (value == g) {
            return name;
        }
    }
    return "quarter";
}

std::optional<Granularity> ParseGranularity(std::string_view text) {
    for (const auto& [value, name] : kGranularities) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Timeframe t) {
    for (const auto& [value, name] : kTimeframes) {
        if (value == t) {
            return name;
        }
    }
    return "later";
}

std::optional<Timeframe> ParseTimeframe(std::string_view text) {
    for (const auto& [value, name] : kTimeframes) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Placement p) {
    switch (p) {
        case Placement::kDates:
            return "dates";
        case Placement::kStart:
            return "start";
        case Placement::kEnd:
            return "end";
        case Placement::kTimeframe:
            return "timeframe";
    }
    return "dates";
}

std::string AddMonths(std::string_view date, int months) {
    const chr::year_month_day later = Ymd(date) + chr::months{months};
    if (later.ok()) {
        return Format(later);
    }
    return Format(chr::year_month_day{
        chr::year_month_day_last{later.year(), chr::month_day_last{later.month()}}});
}

int HorizonMonths(Horizon horizon) {
    switch (horizon) {
        case Horizon::kQuarter:
            return 3;
        case Horizon::kHalf:
            return 6;
        case Horizon::kYear:
            return 12;
        case Horizon::kMultiYear:
            return 24;
    }
    return 3;
}

std::string PeriodStartOf(Granularity g, std::string_view date) {
    const auto ymd = Ymd(date);
    const unsigned month = static_cast<unsigned>(ymd.month());
    const int span = MonthsOf(g);
    const unsigned first = ((month - 1) / static_cast<unsigned>(span)) * span + 1;
    return Format(chr::year_month_day{ymd.year(), chr::month{first}, chr::day{1}});
}

std::vector<RoadmapPeriod> RoadmapPeriods(Granularity g,
                                          std::string_view from,
                                          std::string_view to) {
    std::vector<RoadmapPeriod> out;
    const int span = MonthsOf(g);
    for (std::string start = PeriodStartOf(g, from); start <= to; start = AddMonths(start, span)) {
        const auto ymd = Ymd(start);
        const int year = static_cast<int>(ymd.year());
        const unsigned month = static_cast<unsigned>(ymd.month());
        std::string label = std::to_string(year);
        if (g == Granularity::kQuarter) {
            label += " Q" + std::to_string((month - 1) / 3 + 1);
        } else if (g == Granularity::kHalf) {
            label += " H" + std::to_string((month - 1) / 6 + 1);
        }
        out.push_back({std::move(label), start, PeriodEnd(start, span)});
    }
    return out;
}

PlacedSpan PlaceInitiative(const Initiative& i, Timeframe timeframe, std::string_view today) {
    const int months = InitiativeMonths(i);
    const bool has_start = ParseDate(i.start_date).has_value();
    const bool has_end = ParseDate(i.end_date).has_value();
    if (has_start && has_end) {
        return {i.start_date, i.end_date, Placement::kDates};
    }
    if (has_start) {
        return {i.start_date, PeriodEnd(i.start_date, months), Placement::kStart};
    }
    if (has_end) {
        return {NextDay(AddMonths(i.end_date, -months)), i.end_date, Placement::kEnd};
    }
    const int offset = timeframe == Timeframe::kNow ? 0 : timeframe == Timeframe::kNext ? 3 : 6;
    const std::string start = AddMonths(PeriodStartOf(Granularity::kQuarter, today), offset);
    return {start, PeriodEnd(start, months), Placement::kTimeframe};
}

Timeframe DerivedTimeframe(const Initiative& i, std::string_view today) {
    if (i.status == InitiativeStatus::kInProgress) {
        return Timeframe::kNow;
    }
    std::string start;
    if (ParseDate(i.start_date)) {
        start = i.start_date;
    } else if (ParseDate(i.end_date)) {
        start = PlaceInitiative(i, Timeframe::kLater, today).start;
    } else {
        return Timeframe::kLater;
    }
    if (start <= today) {
        return Timeframe::kNow;
    }
    if (start <= AddMonths(today, 6)) {
        return Timeframe::kNext;
    }
    return Timeframe::kLater;
}

EffectiveTimeframe TimeframeOf(const Initiative& i, std::string_view today) {
    if (i.timeframe) {
        return {*i.timeframe, false};
    }
    return {DerivedTimeframe(i, today), true};
}

bool Overlaps(std::string_view start,
              std::string_view end,
              std::string_view from,
              std::string_view to) {
    return start <= to && end >= from;
}

}  // namespace tl::domain
