#include "domain/stakeholder.hpp"

#include <algorithm>
#include <tuple>

#include "domain/item.hpp"
#include "domain/review.hpp"

namespace tl::domain {

std::string_view ToString(StakeholderKind kind) {
    return kind == StakeholderKind::kExternal ? "external" : "internal";
}

std::optional<StakeholderKind> ParseStakeholderKind(std::string_view text) {
    for (auto k : kAllStakeholderKinds) {
        if (ToString(k) == text) {
            return k;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Channel channel) {
    switch (channel) {
        case Channel::kEmail:
            return "email";
        case Channel::kMeeting:
            return "meeting";
        case Channel::kChat:
            return "chat";
        case Channel::kPhone:
            return "phone";
        case Channel::kReport:
            return "report";
    }
    return "email";
}

std::optional<Channel> ParseChannel(std::string_view text) {
    for (auto c : kAllChannels) {
        if (ToString(c) == text) {
            return c;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Quadrant quadrant) {
    switch (quadrant) {
        case Quadrant::kManageClosely:
            return "manage_closely";
        case Quadrant::kKeepSatisfied:
            return "keep_satisfied";
        case Quadrant::kKeepInformed:
            return "keep_informed";
        case Quadrant::kMonitor:
            return "monitor";
    }
    return "monitor";
}

std::optional<Quadrant> ParseQuadrant(std::string_view text) {
    for (auto q : kAllQuadrants) {
        if (ToString(q) == text) {
            return q;
        }
    }
    return std::nullopt;
}

Quadrant QuadrantOf(int influence, int interest) {
    const bool power = influence >= kHighRating;
    const bool keen = interest >= kHighRating;
    if (power && keen) {
        return Quadrant::kManageClosely;
    }
    if (power) {
        return Quadrant::kKeepSatisfied;
    }
    if (keen) {
        return Quadrant::kKeepInformed;
    }
    return Quadrant::kMonitor;
}

Issues ValidateStakeholder(const Stakeholder& s) {
    Issues issues;
    CheckLine(issues, "name", s.name, 1, kMaxStakeholderNameLength);
    if (s.name.find_first_not_of(" \t") == std::string::npos && !s.name.empty()) {
        issues.push_back({"name", "must not be blank"});
    }
    CheckLine(issues, "organisation", s.organisation, 0, kMaxStakeholderLineLength);
    CheckLine(issues, "title", s.title, 0, kMaxStakeholderLineLength);
    if (!s.email.empty()) {
        CheckEmail(issues, "email", s.email);
    }
    if (s.influence < 1 || s.influence > 5) {
        issues.push_back({"influence", "must be 1 to 5"});
    }
    if (s.interest < 1 || s.interest > 5) {
        issues.push_back({"interest", "must be 1 to 5"});
    }
    CheckText(issues, "notes", s.notes, kMaxStakeholderNotesLength);
    return issues;
}

Issues ValidateCommunication(const Communication& c) {
    Issues issues;
    if (!IsCalendarDate(c.date)) {
        issues.push_back({"date", "must be a date YYYY-MM-DD"});
    }
    CheckRequiredText(issues, "summary", c.summary, kMaxCommunicationSummaryLength);
    return issues;
}

std::string LastContact(const std::vector<Communication>& log) {
    std::string latest;
    for (const auto& c : log) {
        latest = std::max(latest, c.date);
    }
    return latest;
}

void SortNewestFirst(std::vector<Communication>& log) {
    std::sort(log.begin(), log.end(), [](const Communication& a, const Communication& b) {
        return std::tie(a.date, a.created_at, a.id) > std::tie(b.date, b.created_at, b.id);
    });
}

}  // namespace tl::domain
