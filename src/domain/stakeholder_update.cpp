#include "domain/stakeholder_update.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tl::domain {
namespace {

constexpr Day kMaxUpdateDays = 3'660;

UpdateRelease ReleaseOf(const Release& r) {
    UpdateRelease u;
    u.id = r.id;
    u.version = r.version;
    u.name = r.name;
    u.target_date = r.target_date;
    u.status = r.status;
    if (r.status == ReleaseStatus::kReleased && r.released_at > 0) {
        u.released_on = FormatDate(DayOfMs(r.released_at));
    }
    return u;
}

UpdateItem ItemOf(const Item& i, std::string_view product_key) {
    UpdateItem u;
    u.id = i.id;
    u.key = ItemKey(product_key, i.number);
    u.title = i.title;
    u.type = i.type;
    u.status = i.status;
    if (i.accepted_at > 0) {
        u.accepted_on = FormatDate(DayOfMs(i.accepted_at));
    }
    return u;
}

// Undated releases sort after every dated one.
bool ByTarget(const UpdateRelease& a, const UpdateRelease& b) {
    return std::make_tuple(a.target_date.empty(), a.target_date, a.version, a.id) <
           std::make_tuple(b.target_date.empty(), b.target_date, b.version, b.id);
}

// 0.456 → "46%".
std::string Percent(double share) {
    return std::to_string(static_cast<long long>(std::llround(share * 100))) + "%";
}

// "on track", "at risk", "off track".
std::string StatusWords(GoalStatus status) {
    std::string words(ToString(status));
    std::replace(words.begin(), words.end(), '_', ' ');
    return words;
}

std::string ReleaseTitle(const UpdateRelease& r) {
    return "Release " + r.version + (r.name.empty() ? "" : ": " + r.name);
}

// One document section: its heading, its entries (plain text lines) and what it says when
// it has none.
struct Section {
    std::string heading;
    std::vector<std::string> entries;
    std::string empty;
};

std::vector<Section> Sections(const StakeholderUpdate& u) {
    Section shipped{"Shipped", {}, "Nothing shipped in this period."};
    for (const auto& r : u.shipped_releases) {
        shipped.entries.push_back(ReleaseTitle(r) + " (released " + r.released_on + ")");
    }
    for (const auto& i : u.shipped_items) {
        shipped.entries.push_back(i.key + " " + i.title + " (" + std::string(ToString(i.type)) +
                                  ", accepted " + i.accepted_on + ")");
    }
    Section next{"Next", {}, "Nothing planned yet."};
    for (const auto& r : u.next_releases) {
        next.entries.push_back(
            ReleaseTitle(r) + " (" + std::string(ToString(r.status)) + ", " +
            (r.target_date.empty() ? std::string("no target date") : "target " + r.target_date) +
            ")");
    }
    for (const auto& s : u.next_sprints) {
        std::string line = s.name + " (" + std::string(ToString(s.status)) + ", " + s.start_date +
                           " to " + s.end_date;
        if (!s.team_name.empty()) {
            line += ", team " + s.team_name;
        }
        line += ")";
        if (!s.goal.empty()) {
            line += ": " + s.goal;
        }
        next.entries.push_back(std::move(line));
    }
    Section goals{"Goals", {}, "No open goals."};
    for (const auto& g : u.goals) {
        std::string line = g.objective + ": ";
        if (g.progress) {
            line += Percent(*g.progress) + " (expected " + Percent(g.expected) + ")";
            if (g.status) {
                line += ", " + StatusWords(*g.status);
            }
        } else {
            line += "no key results yet";
        }
        std::string horizon(ToString(g.horizon));
        std::replace(horizon.begin(), horizon.end(), '_', '-');
        line += "; " + horizon + " goal ending " + g.end_date;
        goals.entries.push_back(std::move(line));
    }
    Section risks{"Risks", {}, "No risks found."};
    for (const auto& o : u.overdue_releases) {
        risks.entries.push_back(ReleaseTitle(o.release) + " is " + std::to_string(o.days_late) +
                                (o.days_late == 1 ? " day" : " days") + " past its target date " +
                                o.release.target_date + ".");
    }
    for (const auto& b : u.blockers) {
        risks.entries.push_back(b.blocker.key + " " + b.blocker.title + " (" + b.blocker.status +
                                ") blocks release " + b.release.version + ".");
    }
    for (const auto& g : u.goals_at_risk) {
        risks.entries.push_back("Goal \"" + g.objective + "\" is " +
                                StatusWords(g.status.value_or(GoalStatus::kAtRisk)) + ": " +
                                Percent(g.progress.value_or(0)) + " against " +
                                Percent(g.expected) + " expected.");
    }
    return {std::move(shipped), std::move(next), std::move(goals), std::move(risks)};
}

std::string Title(const StakeholderUpdate& u) {
    return (u.product_name.empty() ? u.product_key : u.product_name) + ": stakeholder update";
}

}  // namespace

Issues ValidateUpdatePeriod(std::string_view from, std::string_view to) {
    Issues issues;
    const auto f = ParseDate(from);
    const auto t = ParseDate(to);
    if (!f) {
        issues.push_back({"from", "must be a date YYYY-MM-DD"});
    }
    if (!t) {
        issues.push_back({"to", "must be a date YYYY-MM-DD"});
    }
    if (f && t && *f > *t) {
        issues.push_back({"to", "must be on or after from"});
    } else if (f && t && *t - *f > kMaxUpdateDays) {
        issues.push_back({"from", "the period must be at most 3660 days"});
    }
    return issues;
}

StakeholderUpdate AssembleStakeholderUpdate(const UpdateFacts& facts,
                                            const std::string& from,
                                            const std::string& to) {
    StakeholderUpdate u;
    u.product_id = facts.product_id;
    u.product_key = facts.product_key;
    u.product_name = facts.product_name;
    u.from = from;
    u.to = to;
    const auto in_period = [&](const std::string& day) {
        return !day.empty() && day >= from && day <= to;
    };
    const Day to_day = ParseDate(to).value_or(0);

    std::vector<std::pair<std::int64_t, UpdateRelease>> released;
    for (const auto& r : facts.releases) {
        UpdateRelease ur = ReleaseOf(r);
        if (r.status == ReleaseStatus::kReleased) {
            if (in_period(ur.released_on)) {
                released.emplace_back(r.released_at, std::move(ur));
            }
            continue;
        }
        u.next_releases.push_back(ur);
        if (!r.target_date.empty() && r.target_date < to) {
            const auto target = ParseDate(r.target_date);
            if (target) {
                u.overdue_releases.push_back({ur, to_day - *target});
            }
        }
    }
    std::sort(released.begin(), released.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second.version) < std::tie(b.first, b.second.version);
    });
    for (auto& [at, r] : released) {
        u.shipped_releases.push_back(std::move(r));
    }
    std::sort(u.next_releases.begin(), u.next_releases.end(), ByTarget);
    std::stable_sort(u.overdue_releases.begin(),
                     u.overdue_releases.end(),
                     [](const OverdueRelease& a, const OverdueRelease& b) {
                         if (a.days_late != b.days_late) {
                             return a.days_late > b.days_late;
                         }
                         return ByTarget(a.release, b.release);
                     });

    std::vector<const Item*> accepted;
    for (const auto& i : facts.accepted) {
        if (i.accepted_at > 0 && in_period(FormatDate(DayOfMs(i.accepted_at)))) {
            accepted.push_back(&i);
        }
    }
    std::sort(accepted.begin(), accepted.end(), [](const Item* a, const Item* b) {
        return std::tie(a->accepted_at, a->number, a->id) <
               std::tie(b->accepted_at, b->number, b->id);
    });
    for (const Item* i : accepted) {
        u.shipped_items.push_back(ItemOf(*i, facts.product_key));
    }

    for (const auto& s : facts.sprints) {
        if (s.status == SprintStatus::kCompleted) {
            continue;
        }
        UpdateSprint us;
        us.id = s.id;
        us.name = s.name;
        us.goal = s.goal;
        us.status = s.status;
        us.start_date = s.start_date;
        us.end_date = s.end_date;
        us.team_id = s.team_id;
        if (auto t = facts.team_names.find(s.team_id); t != facts.team_names.end()) {
            us.team_name = t->second;
        }
        u.next_sprints.push_back(std::move(us));
    }
    std::sort(u.next_sprints.begin(),
              u.next_sprints.end(),
              [](const UpdateSprint& a, const UpdateSprint& b) {
                  const bool a_active = a.status == SprintStatus::kActive;
                  const bool b_active = b.status == SprintStatus::kActive;
                  return std::make_tuple(!a_active, a.start_date, a.name, a.id) <
                         std::make_tuple(!b_active, b.start_date, b.name, b.id);
              });

    for (const auto& r : u.next_releases) {
        auto it = facts.open_blockers.find(r.id);
        if (it == facts.open_blockers.end()) {
            continue;
        }
        std::vector<const Item*> blockers;
        for (const auto& b : it->second) {
            if (b.category == StatusCategory::kDone ||
                std::any_of(blockers.begin(), blockers.end(), [&](const Item* seen) {
                    return seen->id == b.id;
                })) {
                continue;
            }
            blockers.push_back(&b);
        }
        std::sort(blockers.begin(), blockers.end(), [](const Item* a, const Item* b) {
            return std::tie(a->number, a->id) < std::tie(b->number, b->id);
        });
        for (const Item* b : blockers) {
            u.blockers.push_back({r, ItemOf(*b, facts.product_key)});
        }
    }

    for (const auto& f : facts.goals) {
        if (f.goal.state != GoalState::kOpen) {
            continue;
        }
        UpdateGoal g;
        g.id = f.goal.id;
        g.objective = f.goal.objective;
        g.horizon = f.goal.horizon;
        g.end_date = f.goal.end_date;
        g.progress = f.progress;
        g.expected = f.expected;
        g.status = f.status;
        u.goals.push_back(std::move(g));
    }
    std::sort(u.goals.begin(), u.goals.end(), [](const UpdateGoal& a, const UpdateGoal& b) {
        return std::tie(a.end_date, a.objective, a.id) < std::tie(b.end_date, b.objective, b.id);
    });
    for (const auto& g : u.goals) {
        if (g.status == GoalStatus::kOffTrack) {
            u.goals_at_risk.push_back(g);
        }
    }
    for (const auto& g : u.goals) {
        if (g.status == GoalStatus::kAtRisk) {
            u.goals_at_risk.push_back(g);
        }
    }
    return u;
}

std::string EscapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

std::string RenderUpdateMarkdown(const StakeholderUpdate& u) {
    std::string out = "# " + Title(u) + "\n\n" + u.from + " to " + u.to + "\n";
    for (const auto& s : Sections(u)) {
        out += "\n## " + s.heading + "\n\n";
        if (s.entries.empty()) {
            out += s.empty + "\n";
        }
        for (const auto& e : s.entries) {
            out += "- " + e + "\n";
        }
    }
    return out;
}

std::string RenderUpdateHtml(const StakeholderUpdate& u) {
    const std::string title = EscapeHtml(Title(u));
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
        "</title>\n</head>\n<body>\n<h1>" + title + "</h1>\n<p>" + EscapeHtml(u.from) + " to " +
        EscapeHtml(u.to) + "</p>\n";
    for (const auto& s : Sections(u)) {
        out += "<h2>" + EscapeHtml(s.heading) + "</h2>\n";
        if (s.entries.empty()) {
            out += "<p>" + EscapeHtml(s.empty) + "</p>\n";
            continue;
        }
        out += "<ul>\n";
        for (const auto& e : s.entries) {
            out += "<li>" + EscapeHtml(e) + "</li>\n";
        }
        out += "</ul>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace tl::domain
