#include "domain/sprint.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <utility>

namespace tl::domain {
namespace {

namespace chr = std::chrono;

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum e) {
    for (const auto& [value, name] : names) {
        if (value == e) {
            return name;
        }
    }
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> ValueOf(const std::array<std::pair<Enum, std::string_view>, N>& names,
                            std::string_view text) {
    for (const auto& [value, name] : names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<SprintStatus, std::string_view>, 3> kStatusNames = {{
    {SprintStatus::kPlanned, "planned"},
    {SprintStatus::kActive, "active"},
    {SprintStatus::kCompleted, "completed"},
}};
constexpr std::array<std::pair<CapacityUnit, std::string_view>, 2> kUnitNames = {{
    {CapacityUnit::kPoints, "points"},
    {CapacityUnit::kHours, "hours"},
}};
constexpr std::array<std::pair<ScopeKind, std::string_view>, 3> kScopeNames = {{
    {ScopeKind::kAdded, "added"},
    {ScopeKind::kRemoved, "removed"},
    {ScopeKind::kReEstimated, "re_estimated"},
}};
constexpr std::array<std::pair<ChangeRequestKind, std::string_view>, 2> kRequestKindNames = {{
    {ChangeRequestKind::kAdd, "add"},
    {ChangeRequestKind::kRemove, "remove"},
}};
constexpr std::array<std::pair<ChangeRequestStatus, std::string_view>, 3> kRequestStatusNames = {{
    {ChangeRequestStatus::kOpen, "open"},
    {ChangeRequestStatus::kAccepted, "accepted"},
    {ChangeRequestStatus::kRejected, "rejected"},
}};
constexpr std::array<std::pair<ItemOutcome, std::string_view>, 3> kOutcomeNames = {{
    {ItemOutcome::kDone, "done"},
    {ItemOutcome::kReturned, "returned"},
    {ItemOutcome::kCarriedOver, "carried_over"},
}};

double Sum(const std::optional<double>& points) { return points.value_or(0); }

bool ChangeBefore(const ScopeChange& a, const ScopeChange& b) {
    return a.at != b.at ? a.at < b.at : a.id < b.id;
}

}  // namespace

// ---- calendar days ----

std::optional<Day> ParseDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    auto num = [&](std::size_t at, std::size_t n, auto& out) {
        auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
        return ec == std::errc() && p == s.data() + at + n;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || y < 1900) {
        return std::nullopt;
    }
    const chr::year_month_day ymd{chr::year{y}, chr::month{m}, chr::day{d}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return chr::sys_days(ymd).time_since_epoch().count();
}

std::string FormatDate(Day day) {
    const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
    char buf[16];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02u-%02u",
                  static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

Day DayOfMs(std::int64_t ms) {
    // Floor division: a time before the epoch belongs to the day before.
    return ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay);
}

int IsoWeekday(Day day) {
    return static_cast<int>(chr::weekday{chr::sys_days{chr::days{day}}}.iso_encoding());
}

// ---- the sprint ----

std::string_view ToString(SprintStatus status) { return NameOf(kStatusNames, status); }
std::optional<SprintStatus> ParseSprintStatus(std::string_view text) {
    return ValueOf(kStatusNames, text);
}
std::string_view ToString(CapacityUnit unit) { return NameOf(kUnitNames, unit); }
std::optional<CapacityUnit> ParseCapacityUnit(std::string_view text) {
    return ValueOf(kUnitNames, text);
}
std::string_view ToString(ScopeKind kind) { return NameOf(kScopeNames, kind); }
std::optional<ScopeKind> ParseScopeKind(std::string_view text) {
    return ValueOf(kScopeNames, text);
}
std::string_view ToString(ChangeRequestKind kind) { return NameOf(kRequestKindNames, kind); }
std::optional<ChangeRequestKind> ParseChangeRequestKind(std::string_view text) {
    return ValueOf(kRequestKindNames, text);
}
std::string_view ToString(ChangeRequestStatus status) {
    return NameOf(kRequestStatusNames, status);
}
std::optional<ChangeRequestStatus> ParseChangeRequestStatus(std::string_view text) {
    return ValueOf(kRequestStatusNames, text);
}
std::string_view ToString(ItemOutcome outcome) { return NameOf(kOutcomeNames, outcome); }
std::optional<ItemOutcome> ParseItemOutcome(std::string_view text) {
    return ValueOf(kOutcomeNames, text);
}

Issues ValidateSprint(const Sprint& s) {
    Issues issues;
    CheckLine(issues, "name", s.name, 1, kMaxSprintNameLength);
    CheckText(issues, "goal", s.goal, kMaxSprintGoalLength);
    const auto start = ParseDate(s.start_date);
    const auto end = ParseDate(s.end_date);
    if (!start) {
        issues.push_back({"start_date", "must be a date such as 2026-11-02"});
    }
    if (!end) {
        issues.push_back({"end_date", "must be a date such as 2026-11-13"});
    }
    if (start && end) {
        if (*end < *start) {
            issues.push_back({"end_date", "must be on or after start_date"});
        } else if (*end - *start + 1 > kMaxSprintDays) {
            issues.push_back(
                {"end_date", "a sprint lasts at most " + std::to_string(kMaxSprintDays) + " days"});
        }
    }
    std::set<int> seen;
    bool weekdays_ok = !s.working_days.empty();
    if (s.working_days.empty()) {
        issues.push_back({"working_days", "must list at least one weekday (1 = Monday … 7)"});
    }
    for (std::size_t i = 0; i < s.working_days.size(); ++i) {
        const int d = s.working_days[i];
        const std::string at = "working_days." + std::to_string(i);
        if (d < 1 || d > 7) {
            issues.push_back({at, "must be an ISO weekday, 1 (Monday) to 7 (Sunday)"});
            weekdays_ok = false;
        } else if (!seen.insert(d).second) {
            issues.push_back({at, "is listed twice"});
            weekdays_ok = false;
        }
    }
    if (issues.empty() && weekdays_ok && WorkingDays(s).empty()) {
        issues.push_back({"working_days", "no working day falls between start_date and end_date"});
    }
    return issues;
}

std::vector<Day> CalendarDays(const Sprint& s) {
    std::vector<Day> days;
    const auto start = ParseDate(s.start_date);
    const auto end = ParseDate(s.end_date);
    if (!start || !end || *end < *start || *end - *start + 1 > kMaxSprintDays) {
        return days;
    }
    for (Day d = *start; d <= *end; ++d) {
        days.push_back(d);
    }
    return days;
}

std::vector<Day> WorkingDays(const Sprint& s) {
    std::vector<Day> days;
    for (Day d : CalendarDays(s)) {
        if (std::find(s.working_days.begin(), s.working_days.end(), IsoWeekday(d)) !=
            s.working_days.end()) {
            days.push_back(d);
        }
    }
    return days;
}

// ---- capacity and velocity ----

double EffectiveCapacity(const MemberCapacity& member, const std::vector<Day>& working_days) {
    if (working_days.empty()) {
        return 0;
    }
    std::set<Day> off;
    for (const auto& text : member.days_off) {
        if (auto d = ParseDate(text);
            d && std::binary_search(working_days.begin(), working_days.end(), *d)) {
            off.insert(*d);
        }
    }
    const auto n = static_cast<double>(working_days.size());
    return member.capacity * (n - static_cast<double>(off.size())) / n;
}

double SprintCapacity(const std::vector<MemberCapacity>& members,
                      const std::vector<Day>& working_days) {
    double total = 0;
    for (const auto& m : members) {
        total += EffectiveCapacity(m, working_days);
    }
    return total;
}

std::optional<double> Velocity(const std::vector<double>& completed_points) {
    if (completed_points.empty()) {
        return std::nullopt;
    }
    return std::accumulate(completed_points.begin(), completed_points.end(), 0.0) /
           static_cast<double>(completed_points.size());
}

// ---- planning ----

double RoundPoints(double points) { return std::round(points * 100.0) / 100.0; }

std::string FormatPoints(double points) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", RoundPoints(points));
    std::string s = buf;
    while (!s.empty() && s.back() == '0') {
        s.pop_back();
    }
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::vector<PlanningWarning> PlanningWarnings(const PlanningFigures& f) {
    std::vector<PlanningWarning> out;
    const double planned = RoundPoints(f.planned_points);
    if (f.unit == CapacityUnit::kPoints && f.capacity_set && planned > RoundPoints(f.capacity)) {
        out.push_back(
            {"over_capacity",
             FormatPoints(planned) + " points planned, capacity " + FormatPoints(f.capacity)});
    }
    if (f.velocity && planned > RoundPoints(*f.velocity)) {
        out.push_back(
            {"over_velocity",
             FormatPoints(planned) + " points planned, velocity " + FormatPoints(*f.velocity)});
    }
    if (f.unestimated > 0) {
        out.push_back({"unestimated",
                       f.unestimated == 1
                           ? std::string("1 item has no estimate")
                           : std::to_string(f.unestimated) + " items have no estimate"});
    }
    return out;
}

// ---- the burndown ----

Burndown ComputeBurndown(const BurndownInput& in) {
    Burndown out;
    const Sprint& s = in.sprint;
    const std::vector<Day> calendar = CalendarDays(s);
    const std::vector<Day> working = WorkingDays(s);
    const bool started = s.status != SprintStatus::kPlanned;
    out.committed = started ? s.committed_points : in.planned_points;
    out.changes = in.changes;
    std::sort(out.changes.begin(), out.changes.end(), ChangeBefore);

    // The actual series runs from the first day to today, and no further than completion.
    Day last_actual = in.today;
    if (s.status == SprintStatus::kCompleted && s.completed_at > 0) {
        last_actual = std::min(last_actual, DayOfMs(s.completed_at));
    }

    // The items in the sprint and their points, starting from the baseline.
    std::map<std::string, std::optional<double>> scope;
    for (const auto& b : in.baseline) {
        scope[b.item_id] = b.points;
    }
    // When each item counts as done: now (its done_at), or for a completed sprint, when the
    // items done at completion entered done.
    std::map<std::string, std::int64_t> done_at;
    if (s.status == SprintStatus::kCompleted) {
        for (const auto& o : in.outcomes) {
            if (o.outcome == ItemOutcome::kDone) {
                done_at[o.item_id] = o.done_at > 0 ? o.done_at : s.completed_at;
            }
        }
    } else {
        done_at = in.done_at;
    }

    const auto n = static_cast<double>(working.size());
    std::size_t next_change = 0;
    std::size_t worked = 0;  // working days ended so far
    for (std::size_t k = 0; k < calendar.size(); ++k) {
        const Day d = calendar[k];
        BurndownDay row;
        row.date = d;
        row.working_day = std::binary_search(working.begin(), working.end(), d);
        if (row.working_day) {
            ++worked;
        }
        row.ideal = n > 0 ? RoundPoints(out.committed * (n - static_cast<double>(worked)) / n) : 0;
        if (!started) {
            out.days.push_back(std::move(row));
            continue;
        }
        // Apply every change up to the end of this day (those before the first day on it).
        while (next_change < out.changes.size() && DayOfMs(out.changes[next_change].at) <= d) {
            const ScopeChange& c = out.changes[next_change];
            switch (c.kind) {
                case ScopeKind::kAdded:
                    scope[c.item_id] = c.points_after;
                    break;
                case ScopeKind::kRemoved:
                    scope.erase(c.item_id);
                    break;
                case ScopeKind::kReEstimated:
                    if (auto it = scope.find(c.item_id); it != scope.end()) {
                        it->second = c.points_after;
                    }
                    break;
            }
            row.changes.push_back(next_change);
            ++next_change;
        }
        if (d <= last_actual) {
            double total = 0;
            double done = 0;
            for (const auto& [item, points] : scope) {
                total += Sum(points);
                auto it = done_at.find(item);
                if (it != done_at.end() && it->second > 0 && DayOfMs(it->second) <= d) {
                    done += Sum(points);
                }
            }
            row.scope = RoundPoints(total);
            row.done = RoundPoints(done);
            row.remaining = RoundPoints(total - done);
        }
        out.days.push_back(std::move(row));
    }
    return out;
}

// ---- the report ----

SprintReport GroupReport(const Sprint& sprint,
                         const std::vector<ScopeChange>& changes,
                         const std::vector<SprintOutcome>& outcomes,
                         const std::vector<ReportItem>& current) {
    SprintReport r;
    r.committed = sprint.committed_points;
    if (sprint.status == SprintStatus::kCompleted) {
        r.completed = sprint.completed_points;
        for (const auto& o : outcomes) {
            if (o.outcome == ItemOutcome::kDone) {
                r.done.push_back(o.item_id);
            } else {
                r.not_done.push_back(o.item_id);
                r.carried_over.push_back(o);
            }
        }
    } else {
        double completed = 0;
        for (const auto& i : current) {
            if (i.done) {
                r.done.push_back(i.id);
                completed += Sum(i.points);
            } else {
                r.not_done.push_back(i.id);
            }
        }
        r.completed = RoundPoints(completed);
    }
    std::vector<std::size_t> order(changes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return ChangeBefore(changes[a], changes[b]);
    });
    for (std::size_t i : order) {
        switch (changes[i].kind) {
            case ScopeKind::kAdded:
                r.added.push_back(i);
                break;
            case ScopeKind::kRemoved:
                r.removed.push_back(i);
                break;
            case ScopeKind::kReEstimated:
                r.re_estimated.push_back(i);
                break;
        }
    }
    return r;
}

}  // namespace tl::domain
