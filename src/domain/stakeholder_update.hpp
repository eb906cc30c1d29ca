// StakeholderUpdate: what a product tells its stakeholders about a period (docs/strategy.md,
// "Stakeholders"): what shipped (releases released and items accepted in the period), what is
// next (releases not yet released by target date, active and planned sprints with their
// goals) and the risks (releases past their target date, open blockers of releases not yet
// released, goals at risk or off track), and the progress of the product's open goals;
// assembled from plain facts and rendered as Markdown or HTML.
//
// Pure values and functions, no I/O; safe to call from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/release.hpp"
#include "domain/sprint.hpp"
#include "domain/strategy.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

// The default period: the 30 days before `today`, and today.
inline constexpr Day kDefaultUpdateDays = 30;

// from and to (YYYY-MM-DD, both included). Fields "from" and "to": calendar days, from on or
// before to, at most 3,660 days apart.
Issues ValidateUpdatePeriod(std::string_view from, std::string_view to);

struct UpdateFacts {
    std::string product_id;
    std::string product_key;
    std::string product_name;
    std::vector<Release> releases;  // the product's, any order
    // Items blocking items of each release that are not done, by release id (any order).
    std::map<std::string, std::vector<Item>> open_blockers;
    std::vector<Item> accepted;   // items accepted around the period (others are left out)
    std::vector<Sprint> sprints;  // the product's, any status
    std::map<std::string, std::string> team_names;  // by team id
    struct GoalFigures {
        Goal goal;
        std::optional<double> progress;  // nullopt: no key results
        double expected = 0;             // the share of its period elapsed on `to`
        std::optional<GoalStatus> status;
    };
    std::vector<GoalFigures> goals;  // the product's, any state, figures as of `to`
};

struct UpdateRelease {
    std::string id;
    std::string version;
    std::string name;
    std::string target_date;  // "" when none
    ReleaseStatus status = ReleaseStatus::kPlanned;
    std::string released_on;  // the day it was released; "" while not released
};

struct UpdateItem {
    std::string id;
    std::string key;
    std::string title;
    ItemType type = ItemType::kStory;
    std::string status;
    std::string accepted_on;  // "" unless accepted
};

struct UpdateSprint {
    std::string id;
    std::string name;
    std::string goal;
    SprintStatus status = SprintStatus::kPlanned;
    std::string start_date;
    std::string end_date;
    std::string team_id;
    std::string team_name;
};

struct OverdueRelease {
    UpdateRelease release;
    std::int64_t days_late = 0;  // `to` minus the target date
};

struct ReleaseBlocker {
    UpdateRelease release;
    UpdateItem blocker;
};

// An open goal's progress on the update's last day (docs/strategy.md, "Goals (OKRs)").
struct UpdateGoal {
    std::string id;
    std::string objective;
    Horizon horizon = Horizon::kQuarter;
    std::string end_date;
    std::optional<double> progress;  // 0…1; nullopt without key results
    double expected = 0;             // 0…1
    std::optional<GoalStatus> status;
};

struct StakeholderUpdate {
    std::string product_id;
    std::string product_key;
    std::string product_name;
    std::string from;
    std::string to;
    std::vector<UpdateRelease> shipped_releases;   // by release day, then version
    std::vector<UpdateItem> shipped_items;         // by acceptance, then key number
    std::vector<UpdateRelease> next_releases;      // by target date (undated last), then version
    std::vector<UpdateSprint> next_sprints;        // active ones first, then by start date
    std::vector<UpdateGoal> goals;                 // open goals, by end date, then objective
    std::vector<UpdateGoal> goals_at_risk;         // of those, off track first, then at risk
    std::vector<OverdueRelease> overdue_releases;  // most days late first
    std::vector<ReleaseBlocker> blockers;          // by the release's order in next, then key
};

// Requires: ValidateUpdatePeriod(from, to) is empty.
// Shipped: releases released, items accepted on a day from `from` to `to`. Next: releases not
// released; sprints planned or active. Goals: the open ones. Risks: releases not released
// whose target date is before `to`; the open blockers of releases not released; open goals
// off track or at risk.
StakeholderUpdate AssembleStakeholderUpdate(const UpdateFacts& facts,
                                            const std::string& from,
                                            const std::string& to);

// `text` with &, <, >, " and ' replaced by their entities.
std::string EscapeHtml(std::string_view text);

// The update as a Markdown document:
//
//   # SkyLift X2: stakeholder update
//   <blank>
//   2026-10-01 to 2026-10-31
//   <blank>
//   ## Shipped
//   <blank>
//   - Release 1.0: Spring flight (released 2026-10-20)
//   - X2-12 Title (story, accepted 2026-10-15)
//   <blank>
//   ## Next
//   <blank>
//   - Release 1.1 (planned, target 2026-12-01)          "no target date" when undated
//   - Sprint 4 (active, 2026-10-26 to 2026-11-06, team Falcon): goal
//   <blank>
//   ## Goals
//   <blank>
//   - Objective: 45% (expected 60%), at risk; year goal ending 2027-06-30
//   - Objective: no key results yet; multi-year goal ending 2028-12-31
//   <blank>
//   ## Risks
//   <blank>
//   - Release 0.9 is 12 days past its target date 2026-10-19.
//   - X2-7 Title (in progress) blocks release 1.1.
//   - Goal "Objective" is at risk: 45% against 60% expected.
//
// Percentages are rounded to whole numbers. A section without entries reads "Nothing shipped
// in this period.", "Nothing planned yet.", "No open goals." or "No risks found.". User text
// is written as it is. The text ends with one newline.
std::string RenderUpdateMarkdown(const StakeholderUpdate& update);

// The same sections as an HTML document (<!DOCTYPE html>, <h1>, <h2>, <ul>/<li>, <p>), every
// user-provided text escaped with EscapeHtml.
std::string RenderUpdateHtml(const StakeholderUpdate& update);

}  // namespace tl::domain
