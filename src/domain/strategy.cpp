#include "domain/strategy.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include "domain/sprint.hpp"

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

constexpr std::array<std::pair<Horizon, std::string_view>, 4> kHorizonNames = {{
    {Horizon::kQuarter, "quarter"},
    {Horizon::kHalf, "half"},
    {Horizon::kYear, "year"},
    {Horizon::kMultiYear, "multi_year"},
}};
constexpr std::array<std::pair<GoalState, std::string_view>, 4> kStateNames = {{
    {GoalState::kOpen, "open"},
    {GoalState::kAchieved, "achieved"},
    {GoalState::kMissed, "missed"},
    {GoalState::kDropped, "dropped"},
}};
constexpr std::array<std::pair<GoalStatus, std::string_view>, 3> kGoalStatusNames = {{
    {GoalStatus::kOnTrack, "on_track"},
    {GoalStatus::kAtRisk, "at_risk"},
    {GoalStatus::kOffTrack, "off_track"},
}};
constexpr std::array<std::pair<InitiativeStatus, std::string_view>, 5> kInitiativeNames = {{
    {InitiativeStatus::kProposed, "proposed"},
    {InitiativeStatus::kPlanned, "planned"},
    {InitiativeStatus::kInProgress, "in_progress"},
    {InitiativeStatus::kDone, "done"},
    {InitiativeStatus::kDropped, "dropped"},
}};

// Comparisons of shares tolerate the rounding of their subtraction (0.5 − 0.1 is 0.4).
constexpr double kEpsilon = 1e-9;

double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

void CheckOptionalDate(Issues& issues, std::string_view field, const std::string& value) {
    if (!value.empty() && !ParseDate(value)) {
        issues.push_back({std::string(field), "must be a date such as 2027-01-01"});
    }
}

}  // namespace

// ---- vision ----

Issues ValidateVision(const Vision& v) {
    Issues issues;
    CheckText(issues, "statement", v.statement, kMaxVisionStatementLength);
    CheckText(issues, "target_customers", v.target_customers, kMaxVisionTextLength);
    CheckText(issues, "customer_needs", v.customer_needs, kMaxVisionTextLength);
    CheckText(issues, "value_proposition", v.value_proposition, kMaxVisionTextLength);
    CheckText(issues, "business_goals", v.business_goals, kMaxVisionTextLength);
    return issues;
}

bool SameVisionText(const Vision& a, const Vision& b) {
    return a.statement == b.statement && a.target_customers == b.target_customers &&
           a.customer_needs == b.customer_needs && a.value_proposition == b.value_proposition &&
           a.business_goals == b.business_goals;
}

// ---- goals and key results ----

std::string_view ToString(Horizon h) { return NameOf(kHorizonNames, h); }
std::optional<Horizon> ParseHorizon(std::string_view text) { return ValueOf(kHorizonNames, text); }
std::string_view ToString(GoalState s) { return NameOf(kStateNames, s); }
std::optional<GoalState> ParseGoalState(std::string_view text) {
    return ValueOf(kStateNames, text);
}
std::string_view ToString(GoalStatus s) { return NameOf(kGoalStatusNames, s); }

std::string PeriodEnd(std::string_view start, int months) {
    const auto day = ParseDate(start);
    assert(day);
    const chr::year_month_day ymd{chr::sys_days{chr::days{*day}}};
    const chr::year_month_day later = ymd + chr::months{months};
    const chr::year_month_day held = later.ok()
                                         ? later
                                         : chr::year_month_day{chr::year_month_day_last{
                                               later.year(), chr::month_day_last{later.month()}}};
    return FormatDate(chr::sys_days(held).time_since_epoch().count() - 1);
}

std::optional<std::string> DefaultEndDate(Horizon horizon, std::string_view start) {
    if (!ParseDate(start)) {
        return std::nullopt;
    }
    switch (horizon) {
        case Horizon::kQuarter:
            return PeriodEnd(start, 3);
        case Horizon::kHalf:
            return PeriodEnd(start, 6);
        case Horizon::kYear:
            return PeriodEnd(start, 12);
        case Horizon::kMultiYear:
            return std::nullopt;
    }
    return std::nullopt;
}

Issues ValidateGoal(const Goal& g) {
    Issues issues;
    CheckLine(issues, "objective", g.objective, 1, kMaxObjectiveLength);
    CheckText(issues, "description", g.description, kMaxStrategyTextLength);
    const auto start = ParseDate(g.start_date);
    const auto end = ParseDate(g.end_date);
    if (!start) {
        issues.push_back(
            {"start_date",
             g.start_date.empty() ? "is required" : "must be a date such as 2027-01-01"});
    }
    if (!end && (start || !g.end_date.empty())) {
        issues.push_back({"end_date",
                          g.end_date.empty() && g.horizon == Horizon::kMultiYear
                              ? "is required for a multi_year goal"
                              : "must be a date such as 2027-12-31"});
    }
    if (start && end) {
        if (*end < *start) {
            issues.push_back({"end_date", "must be on or after start_date"});
        } else if (g.horizon == Horizon::kMultiYear) {
            const auto min = ParseDate(PeriodEnd(g.start_date, 12));
            const auto max = ParseDate(PeriodEnd(g.start_date, 60));
            if (*end < *min || *end > *max) {
                issues.push_back({"end_date",
                                  "a multi_year goal lasts one to five years: from " +
                                      FormatDate(*min) + " to " + FormatDate(*max)});
            }
        }
    }
    return issues;
}

Issues ValidateKeyResult(const KeyResult& kr) {
    Issues issues;
    CheckLine(issues, "title", kr.title, 1, kMaxKeyResultTitleLength);
    CheckLine(issues, "metric", kr.metric, 1, kMaxMetricLength);
    CheckLine(issues, "unit", kr.unit, 0, kMaxUnitLength);
    if (!std::isfinite(kr.baseline)) {
        issues.push_back({"baseline", "must be a number"});
    }
    if (!std::isfinite(kr.target)) {
        issues.push_back({"target", "must be a number"});
    } else if (kr.target == kr.baseline) {
        issues.push_back({"target", "must differ from baseline"});
    }
    return issues;
}

Issues ValidateCheckIn(const CheckIn& c) {
    Issues issues;
    if (!std::isfinite(c.value)) {
        issues.push_back({"value", "must be a number"});
    }
    if (!ParseDate(c.date)) {
        issues.push_back({"date", "must be a date such as 2027-03-31"});
    }
    CheckText(issues, "note", c.note, kMaxCheckInNoteLength);
    return issues;
}

const CheckIn* LatestCheckIn(const std::vector<CheckIn>& check_ins) {
    const CheckIn* latest = nullptr;
    for (const auto& c : check_ins) {
        if (latest == nullptr || std::tie(c.date, c.created_at, c.id) >
                                     std::tie(latest->date, latest->created_at, latest->id)) {
            latest = &c;
        }
    }
    return latest;
}

double CurrentValue(const KeyResult& kr, const std::vector<CheckIn>& check_ins) {
    const CheckIn* latest = LatestCheckIn(check_ins);
    return latest != nullptr ? latest->value : kr.baseline;
}

double KeyResultProgress(const KeyResult& kr, double current) {
    if (kr.target == kr.baseline) {
        return 0;
    }
    return Clamp01((current - kr.baseline) / (kr.target - kr.baseline));
}

std::optional<double> GoalProgress(const std::vector<double>& key_result_progress) {
    if (key_result_progress.empty()) {
        return std::nullopt;
    }
    double sum = 0;
    for (double p : key_result_progress) {
        sum += p;
    }
    return sum / static_cast<double>(key_result_progress.size());
}

double ExpectedProgress(std::string_view start_date,
                        std::string_view end_date,
                        std::string_view as_of) {
    const auto start = ParseDate(start_date);
    const auto end = ParseDate(end_date);
    const auto day = ParseDate(as_of);
    if (!start || !end || !day || *end < *start) {
        return 0;
    }
    return Clamp01(static_cast<double>(*day - *start + 1) / static_cast<double>(*end - *start + 1));
}

std::optional<GoalStatus> StatusOf(GoalState state,
                                   std::optional<double> progress,
                                   double expected) {
    if (state != GoalState::kOpen || !progress) {
        return std::nullopt;
    }
    if (*progress + kEpsilon >= expected - 0.10) {
        return GoalStatus::kOnTrack;
    }
    if (*progress + kEpsilon >= expected - 0.25) {
        return GoalStatus::kAtRisk;
    }
    return GoalStatus::kOffTrack;
}

std::vector<ProgressPoint> ProgressHistory(const std::vector<KeyResult>& key_results,
                                           const std::vector<CheckIn>& check_ins) {
    std::map<std::string, std::vector<CheckIn>> by_kr;
    std::set<std::string> dates;
    for (const auto& kr : key_results) {
        by_kr[kr.id];
    }
    for (const auto& c : check_ins) {
        auto it = by_kr.find(c.key_result_id);
        if (it != by_kr.end()) {
            it->second.push_back(c);
            dates.insert(c.date);
        }
    }
    std::vector<ProgressPoint> out;
    for (const auto& date : dates) {
        std::vector<double> progress;
        for (const auto& kr : key_results) {
            std::vector<CheckIn> upto;
            for (const auto& c : by_kr[kr.id]) {
                if (c.date <= date) {
                    upto.push_back(c);
                }
            }
            progress.push_back(KeyResultProgress(kr, CurrentValue(kr, upto)));
        }
        out.push_back({date, GoalProgress(progress).value_or(0)});
    }
    return out;
}

// ---- initiatives ----

std::string_view ToString(InitiativeStatus s) { return NameOf(kInitiativeNames, s); }
std::optional<InitiativeStatus> ParseInitiativeStatus(std::string_view text) {
    return ValueOf(kInitiativeNames, text);
}

Issues ValidateInitiative(const Initiative& i) {
    Issues issues;
    CheckLine(issues, "name", i.name, 1, kMaxInitiativeNameLength);
    CheckText(issues, "description", i.description, kMaxStrategyTextLength);
    CheckText(issues, "expected_outcome", i.expected_outcome, kMaxStrategyTextLength);
    CheckOptionalDate(issues, "start_date", i.start_date);
    CheckOptionalDate(issues, "end_date", i.end_date);
    const auto start = ParseDate(i.start_date);
    const auto end = ParseDate(i.end_date);
    if (start && end && *end < *start) {
        issues.push_back({"end_date", "must be on or after start_date"});
    }
    return issues;
}

bool IsOpen(const Initiative& i) {
    return i.status != InitiativeStatus::kDone && i.status != InitiativeStatus::kDropped;
}

// ---- alignment ----

ItemAlignment AlignmentOf(const Item& item, const std::map<std::string, Item>& known) {
    const Item* at = &item;
    // The hierarchy is at most four deep; the bound also stops a cycle in bad data.
    for (int depth = 0; at != nullptr && depth < 16; ++depth) {
        if (!at->goal_id.empty() || !at->initiative_id.empty()) {
            return {at->id, at->goal_id, at->initiative_id};
        }
        if (at->parent_id.empty()) {
            break;
        }
        auto p = known.find(at->parent_id);
        at = p != known.end() ? &p->second : nullptr;
    }
    return {};
}

std::vector<std::string> GoalsServed(const ItemAlignment& a,
                                     const std::map<std::string, Initiative>& initiatives) {
    if (!a.goal_id.empty()) {
        return {a.goal_id};
    }
    if (!a.initiative_id.empty()) {
        auto it = initiatives.find(a.initiative_id);
        if (it != initiatives.end()) {
            return it->second.goal_ids;
        }
    }
    return {};
}

AlignmentShares ComputeAlignment(const std::vector<Item>& items,
                                 const std::map<std::string, ItemAlignment>& alignment,
                                 const std::vector<Goal>& goals,
                                 const std::vector<Initiative>& initiatives) {
    std::map<std::string, Initiative> by_id;
    for (const auto& i : initiatives) {
        by_id.emplace(i.id, i);
    }
    std::map<std::string, AlignmentBucket> goal_buckets;
    std::map<std::string, AlignmentBucket> initiative_buckets;
    AlignmentShares out;
    for (const auto& item : items) {
        const double points = item.points.value_or(0);
        ++out.items;
        out.points += points;
        ItemAlignment a;
        if (auto it = alignment.find(item.id); it != alignment.end()) {
            a = it->second;
        }
        if (!a.initiative_id.empty() && by_id.count(a.initiative_id) > 0) {
            auto& b = initiative_buckets[a.initiative_id];
            ++b.items;
            b.points += points;
        }
        auto served = GoalsServed(a, by_id);
        std::sort(served.begin(), served.end());
        served.erase(std::unique(served.begin(), served.end()), served.end());
        if (served.empty()) {
            ++out.unaligned_items;
            out.unaligned_points += points;
            out.unaligned_ids.push_back(item.id);
            continue;
        }
        for (const auto& g : served) {
            auto& b = goal_buckets[g];
            ++b.items;
            b.points += points / static_cast<double>(served.size());
        }
    }
    auto share = [&](double points) { return out.points > 0 ? points / out.points : 0.0; };
    for (const auto& g : goals) {
        auto it = goal_buckets.find(g.id);
        if (it != goal_buckets.end()) {
            AlignmentBucket b = it->second;
            b.id = g.id;
            b.share = share(b.points);
            out.by_goal.push_back(b);
        } else if (g.state == GoalState::kOpen) {
            out.goals_without_work.push_back(g.id);
        }
    }
    for (const auto& i : initiatives) {
        auto it = initiative_buckets.find(i.id);
        if (it != initiative_buckets.end()) {
            AlignmentBucket b = it->second;
            b.id = i.id;
            b.share = share(b.points);
            out.by_initiative.push_back(b);
        } else if (IsOpen(i)) {
            out.initiatives_without_work.push_back(i.id);
        }
    }
    out.unaligned_share = share(out.unaligned_points);
    return out;
}

}  // namespace tl::domain
