#include "domain/release.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace tl::domain {

std::string_view ToString(ReleaseStatus status) {
    switch (status) {
        case ReleaseStatus::kPlanned:
            return "planned";
        case ReleaseStatus::kInProgress:
            return "in_progress";
        case ReleaseStatus::kReleased:
            return "released";
    }
    return "planned";
}

std::optional<ReleaseStatus> ParseReleaseStatus(std::string_view text) {
    for (auto s : kAllReleaseStatuses) {
        if (ToString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

Issues ValidateRelease(const Release& r) {
    Issues issues;
    CheckLine(issues, "version", r.version, 1, kMaxReleaseVersionLength);
    CheckLine(issues, "name", r.name, 0, kMaxReleaseNameLength);
    if (!r.target_date.empty() && !IsCalendarDate(r.target_date)) {
        issues.push_back({"target_date", "must be a date YYYY-MM-DD"});
    }
    CheckText(issues, "description", r.description, kMaxReleaseDescriptionLength);
    return issues;
}

bool RecordsScopeChanges(const Release& release) {
    return release.committed_at != 0 && release.status != ReleaseStatus::kReleased;
}

std::string DayOf(std::int64_t ms) {
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm), flooring negative times.
    std::int64_t days = ms / 86'400'000;
    if (ms % 86'400'000 < 0) {
        --days;
    }
    days += 719'468;
    const std::int64_t era = (days >= 0 ? days : days - 146'096) / 146'097;
    const std::int64_t doe = days - era * 146'097;
    const std::int64_t yoe = (doe - doe / 1'460 + doe / 36'524 - doe / 146'096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[64];
    std::snprintf(buf,
                  sizeof buf,
                  "%04lld-%02lld-%02lld",
                  static_cast<long long>(y),
                  static_cast<long long>(m),
                  static_cast<long long>(d));
    return buf;
}

std::string_view ToString(NotesGroup group) {
    switch (group) {
        case NotesGroup::kNew:
            return "new";
        case NotesGroup::kFixed:
            return "fixed";
        case NotesGroup::kImproved:
            return "improved";
    }
    return "new";
}

std::string_view Heading(NotesGroup group) {
    switch (group) {
        case NotesGroup::kNew:
            return "New";
        case NotesGroup::kFixed:
            return "Fixed";
        case NotesGroup::kImproved:
            return "Improved";
    }
    return "New";
}

std::optional<NotesGroup> NotesGroupOf(ItemType type) {
    switch (type) {
        case ItemType::kFeature:
        case ItemType::kStory:
            return NotesGroup::kNew;
        case ItemType::kBug:
            return NotesGroup::kFixed;
        case ItemType::kTechDebt:
            return NotesGroup::kImproved;
        case ItemType::kEpic:
        case ItemType::kSpike:
        case ItemType::kTask:
            return std::nullopt;
    }
    return std::nullopt;
}

std::vector<NotesSection> GroupReleaseNotes(const std::vector<Item>& items,
                                            std::string_view product_key) {
    std::vector<NotesSection> sections;
    for (auto g : kAllNotesGroups) {
        sections.push_back({g, {}});
    }
    for (const auto& item : items) {
        if (item.category != StatusCategory::kDone) {
            continue;
        }
        const auto group = NotesGroupOf(item.type);
        if (!group) {
            continue;
        }
        sections[static_cast<std::size_t>(*group)].lines.push_back(
            {item.id, ItemKey(product_key, item.number), item.title, item.type});
    }
    return sections;
}

std::string RenderReleaseNotes(const Release& release, const std::vector<NotesSection>& sections) {
    std::string out = "# Release " + release.version;
    if (!release.name.empty()) {
        out += ": " + release.name;
    }
    out += "\n\n";
    if (release.status == ReleaseStatus::kReleased && release.released_at > 0) {
        out += "Released on " + DayOf(release.released_at) + ".\n\n";
    } else if (!release.target_date.empty()) {
        out += "Planned for " + release.target_date + ".\n\n";
    }
    std::string description = release.description;
    while (!description.empty() && (description.back() == '\n' || description.back() == ' ' ||
                                    description.back() == '\r' || description.back() == '\t')) {
        description.pop_back();
    }
    if (!description.empty()) {
        out += description + "\n\n";
    }
    bool any = false;
    for (const auto& section : sections) {
        if (section.lines.empty()) {
            continue;
        }
        any = true;
        out += "## " + std::string(Heading(section.group)) + "\n\n";
        for (const auto& line : section.lines) {
            out += "- " + line.key + " " + line.title + "\n";
        }
        out += "\n";
    }
    if (!any) {
        out += "No accepted items yet.\n\n";
    }
    out.pop_back();  // one newline at the end, not a blank line
    return out;
}

std::string_view ToString(BlockerPlace place) {
    switch (place) {
        case BlockerPlace::kThisRelease:
            return "this_release";
        case BlockerPlace::kEarlier:
            return "earlier";
        case BlockerPlace::kLater:
            return "later";
        case BlockerPlace::kNone:
            return "none";
    }
    return "none";
}

BlockerPlace PlaceOf(const Release& release, const Release* blocker_release) {
    if (blocker_release == nullptr) {
        return BlockerPlace::kNone;
    }
    if (blocker_release->id == release.id) {
        return BlockerPlace::kThisRelease;
    }
    if (blocker_release->status == ReleaseStatus::kReleased) {
        return BlockerPlace::kEarlier;
    }
    if (!release.target_date.empty() && !blocker_release->target_date.empty() &&
        blocker_release->target_date <= release.target_date) {
        return BlockerPlace::kEarlier;
    }
    return BlockerPlace::kLater;
}

bool IsDependencyProblem(BlockerPlace place, bool blocker_done) {
    return !blocker_done && (place == BlockerPlace::kLater || place == BlockerPlace::kNone);
}

Readiness ComputeReadiness(const std::vector<Item>& items,
                           const std::vector<TestCase>& cases,
                           const std::map<std::string, TestRun>& latest,
                           const std::vector<Item>& blockers) {
    Readiness r;
    r.items_total = static_cast<std::int64_t>(items.size());
    for (const auto& item : items) {
        if (item.category == StatusCategory::kDone) {
            ++r.items_done;
        }
        for (const auto& c : CoverageOf(item, cases, latest)) {
            ++r.criteria_total;
            r.criteria_covered += c.covered ? 1 : 0;
            r.criteria_passing += c.passing ? 1 : 0;
        }
    }
    std::set<std::string> seen;
    for (const auto& b : blockers) {
        if (b.category != StatusCategory::kDone && seen.insert(b.id).second) {
            r.open_blockers.push_back(b.id);
        }
    }
    for (const auto& tc : cases) {
        auto run = latest.find(tc.id);
        if (run != latest.end() && run->second.result != TestResult::kPass) {
            r.failing_cases.push_back(run->second);
        }
    }
    r.ready = r.items_total > 0 && r.items_done == r.items_total &&
              r.criteria_passing == r.criteria_total && r.open_blockers.empty();
    return r;
}

}  // namespace tl::domain
