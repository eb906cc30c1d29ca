#include "domain/retro.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/review.hpp"

namespace tl::domain {

std::string_view ToString(RetroColumn column) {
    switch (column) {
        case RetroColumn::kWentWell:
            return "went_well";
        case RetroColumn::kToImprove:
            return "to_improve";
        case RetroColumn::kAction:
            return "action";
    }
    return "went_well";
}

std::optional<RetroColumn> ParseRetroColumn(std::string_view text) {
    for (auto c : kAllRetroColumns) {
        if (ToString(c) == text) {
            return c;
        }
    }
    return std::nullopt;
}

Issues ValidateRetroCard(const RetroCard& card) {
    Issues issues;
    CheckRequiredText(issues, "text", card.text, kMaxRetroTextLength);
    return issues;
}

Issues ValidateRetroAction(const RetroAction& action) {
    Issues issues;
    CheckRequiredText(issues, "text", action.text, kMaxRetroTextLength);
    return issues;
}

bool SprintBefore(const Sprint& a, const Sprint& b) {
    return std::tie(a.start_date, a.created_at, a.id) < std::tie(b.start_date, b.created_at, b.id);
}

std::vector<std::size_t> CarriedActions(const Sprint& current,
                                        const std::vector<Sprint>& sprints,
                                        const std::vector<RetroAction>& actions) {
    std::map<std::string, const Sprint*> by_id;
    for (const auto& s : sprints) {
        by_id.emplace(s.id, &s);
    }
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < actions.size(); ++k) {
        const auto& a = actions[k];
        if (a.done || a.sprint_id == current.id || a.team_id != current.team_id ||
            a.product_id != current.product_id) {
            continue;
        }
        auto origin = by_id.find(a.sprint_id);
        if (origin == by_id.end() || origin->second->team_id != current.team_id ||
            !SprintBefore(*origin->second, current)) {
            continue;
        }
        out.push_back(k);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) {
        const auto& a = actions[x];
        const auto& b = actions[y];
        const Sprint& sa = *by_id.at(a.sprint_id);
        const Sprint& sb = *by_id.at(b.sprint_id);
        if (sa.id != sb.id) {
            return SprintBefore(sa, sb);
        }
        return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
    });
    return out;
}

}  // namespace tl::domain
