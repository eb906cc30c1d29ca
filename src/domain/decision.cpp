#include "domain/decision.hpp"

#include <algorithm>
#include <cctype>

#include "domain/item.hpp"
#include "domain/review.hpp"

namespace tl::domain {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::string_view ToString(DecisionStatus status) {
    switch (status) {
        case DecisionStatus::kProposed:
            return "proposed";
        case DecisionStatus::kDecided:
            return "decided";
        case DecisionStatus::kSuperseded:
            return "superseded";
    }
    return "proposed";
}

std::optional<DecisionStatus> ParseDecisionStatus(std::string_view text) {
    for (auto s : kAllDecisionStatuses) {
        if (ToString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

std::string_view ToString(LinkTarget target) {
    switch (target) {
        case LinkTarget::kItem:
            return "item";
        case LinkTarget::kGoal:
            return "goal";
        case LinkTarget::kInitiative:
            return "initiative";
        case LinkTarget::kRelease:
            return "release";
        case LinkTarget::kIdea:
            return "idea";
    }
    return "item";
}

std::optional<LinkTarget> ParseLinkTarget(std::string_view text) {
    for (auto t : kAllLinkTargets) {
        if (ToString(t) == text) {
            return t;
        }
    }
    return std::nullopt;
}

Issues ValidateDecision(const Decision& d) {
    Issues issues;
    CheckLine(issues, "title", d.title, 1, kMaxDecisionTitleLength);
    if (!d.title.empty() && IsBlank(d.title)) {
        issues.push_back({"title", "must not be blank"});
    }
    CheckText(issues, "context", d.context, kMaxDecisionTextLength);
    CheckText(issues, "decision", d.decision, kMaxDecisionLength);
    CheckText(issues, "rationale", d.rationale, kMaxDecisionTextLength);
    if (!d.date.empty() && !IsCalendarDate(d.date)) {
        issues.push_back({"date", "must be a date YYYY-MM-DD"});
    }
    if (d.status != DecisionStatus::kProposed) {
        if (IsBlank(d.decision)) {
            issues.push_back({"decision", "is required once decided"});
        }
        if (d.date.empty()) {
            issues.push_back({"date", "is required once decided"});
        }
    }
    if (d.options.size() > kMaxDecisionOptions) {
        issues.push_back({"options", "must hold at most 20 options"});
    }
    for (std::size_t i = 0; i < d.options.size() && i < kMaxDecisionOptions; ++i) {
        const std::string base = "options." + std::to_string(i) + ".";
        const auto& o = d.options[i];
        CheckLine(issues, base + "title", o.title, 1, kMaxOptionTitleLength);
        if (!o.title.empty() && IsBlank(o.title)) {
            issues.push_back({base + "title", "must not be blank"});
        }
        CheckText(issues, base + "pros", o.pros, kMaxOptionTextLength);
        CheckText(issues, base + "cons", o.cons, kMaxOptionTextLength);
    }
    if (d.links.size() > kMaxDecisionLinks) {
        issues.push_back({"links", "must hold at most 50 links"});
    }
    for (std::size_t i = 0; i < d.links.size() && i < kMaxDecisionLinks; ++i) {
        const std::string field = "links." + std::to_string(i) + ".id";
        const auto& l = d.links[i];
        if (l.id.empty()) {
            issues.push_back({field, "must not be empty"});
            continue;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (d.links[j].type == l.type && d.links[j].id == l.id) {
                issues.push_back({field, "is linked twice"});
                break;
            }
        }
    }
    return issues;
}

std::optional<DecisionLink> ParseLinkFilter(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon + 1 >= text.size()) {
        return std::nullopt;
    }
    const auto type = ParseLinkTarget(text.substr(0, colon));
    if (!type) {
        return std::nullopt;
    }
    return DecisionLink{*type, std::string(text.substr(colon + 1))};
}

bool MatchesText(const Decision& d, std::string_view q) {
    std::string haystack = d.title + "\n" + d.context + "\n" + d.decision + "\n" + d.rationale;
    for (const auto& o : d.options) {
        haystack += "\n" + o.title + "\n" + o.pros + "\n" + o.cons;
    }
    haystack = Lower(haystack);
    const std::string needle = Lower(q);
    std::size_t start = 0;
    while (start < needle.size()) {
        const auto end = needle.find(' ', start);
        const auto word = needle.substr(start, end == std::string::npos ? end : end - start);
        if (!word.empty() && haystack.find(word) == std::string::npos) {
            return false;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return true;
}

}  // namespace tl::domain
