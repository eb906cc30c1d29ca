// Retro: a sprint's retrospective (docs/delivery.md, "Retrospectives"): cards in three columns
// with votes, and action items that stay on the team's later retrospectives until done; the
// checks on them and the choice of the actions carried forward.
//
// Pure values and functions, no I/O; safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sprint.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

enum class RetroColumn { kWentWell, kToImprove, kAction };
inline constexpr std::array<RetroColumn, 3> kAllRetroColumns = {
    RetroColumn::kWentWell, RetroColumn::kToImprove, RetroColumn::kAction};
std::string_view ToString(RetroColumn column);  // "went_well", "to_improve", "action"
std::optional<RetroColumn> ParseRetroColumn(std::string_view text);

struct RetroCard {
    std::string id;  // "rcd_…"
    std::string workspace_id;
    std::string product_id;
    std::string sprint_id;
    RetroColumn column = RetroColumn::kWentWell;
    std::string text;
    std::string author_id;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// One person's vote on a card (at most one each).
struct RetroVote {
    std::string card_id;
    std::string user_id;
};

// An action item of a retrospective. team_id is the sprint's team, kept on the action so the
// team's open actions are found without reading its sprints.
struct RetroAction {
    std::string id;  // "rac_…"
    std::string workspace_id;
    std::string product_id;
    std::string sprint_id;
    std::string team_id;
    std::string text;
    std::string owner_id;  // "" when nobody owns it
    std::string card_id;   // "" when not made from a card
    bool done = false;
    std::int64_t done_at = 0;  // 0 while not done
    std::string done_by;
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxRetroTextLength = 2'000;

// text: 1–2,000 code points, not blank (field "text").
Issues ValidateRetroCard(const RetroCard& card);
Issues ValidateRetroAction(const RetroAction& action);

// Whether sprint `a` comes before sprint `b` in a team's sequence: by start date, then by
// creation, then by id.
bool SprintBefore(const Sprint& a, const Sprint& b);

// The actions carried onto `current`'s retrospective: of `actions` (any order), those not
// done, of the same team and product, created in a retrospective of a sprint among `sprints`
// that comes before `current`. Answers indices into `actions`, ordered by their sprint (the
// earliest first), then creation, then id. Actions whose sprint is not among `sprints` are
// left out.
std::vector<std::size_t> CarriedActions(const Sprint& current,
                                        const std::vector<Sprint>& sprints,
                                        const std::vector<RetroAction>& actions);

}  // namespace tl::domain
