#include "domain/customer_voice.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "domain/sprint.hpp"

namespace tl::domain {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> ParseBy(const std::array<Enum, N>& all, std::string_view text) {
    for (auto e : all) {
        if (ToString(e) == text) {
            return e;
        }
    }
    return std::nullopt;
}

}  // namespace

Issues ValidateCustomer(const Customer& c) {
    Issues issues;
    CheckLine(issues, "name", c.name, 1, kMaxCustomerNameLength);
    CheckLine(issues, "segment", c.segment, 0, kMaxSegmentLength);
    CheckLine(issues, "region", c.region, 0, kMaxRegionLength);
    CheckText(issues, "notes", c.notes, kMaxCustomerNotesLength);
    if (c.revenue_per_year && (!std::isfinite(*c.revenue_per_year) || *c.revenue_per_year < 0 ||
                               *c.revenue_per_year > kMaxRevenuePerYear)) {
        issues.push_back({"revenue_per_year", "must be a number of at least 0"});
    }
    return issues;
}

Issues ValidateContact(const CustomerContact& c) {
    Issues issues;
    CheckLine(issues, "name", c.name, 1, kMaxCustomerNameLength);
    if (!c.email.empty()) {
        CheckEmail(issues, "email", c.email);
    }
    CheckLine(issues, "role", c.role, 0, kMaxContactRoleLength);
    return issues;
}

std::string_view ToString(FeedbackSource source) {
    switch (source) {
        case FeedbackSource::kInterview:
            return "interview";
        case FeedbackSource::kSurvey:
            return "survey";
        case FeedbackSource::kSupportTicket:
            return "support_ticket";
        case FeedbackSource::kSalesCall:
            return "sales_call";
        case FeedbackSource::kTradeFair:
            return "trade_fair";
        case FeedbackSource::kReview:
            return "review";
        case FeedbackSource::kOther:
            return "other";
    }
    return "other";
}

std::optional<FeedbackSource> ParseFeedbackSource(std::string_view text) {
    return ParseBy(kAllFeedbackSources, text);
}

std::string_view ToString(FeedbackKind kind) {
    return kind == FeedbackKind::kQuantitative ? "quantitative" : "qualitative";
}

std::optional<FeedbackKind> ParseFeedbackKind(std::string_view text) {
    return ParseBy(std::array{FeedbackKind::kQualitative, FeedbackKind::kQuantitative}, text);
}

std::string_view ToString(FeedbackStatus status) {
    switch (status) {
        case FeedbackStatus::kNew:
            return "new";
        case FeedbackStatus::kTriaged:
            return "triaged";
        case FeedbackStatus::kArchived:
            return "archived";
    }
    return "new";
}

std::optional<FeedbackStatus> ParseFeedbackStatus(std::string_view text) {
    return ParseBy(kAllFeedbackStatuses, text);
}

Issues ValidateCustomerFeedback(const CustomerFeedback& f) {
    Issues issues;
    CheckRequiredText(issues, "text", f.text, kMaxCustomerFeedbackTextLength);
    if (!ParseDate(f.date)) {
        issues.push_back({"date", "must be a date YYYY-MM-DD"});
    }
    if (f.score) {
        if (f.kind != FeedbackKind::kQuantitative) {
            issues.push_back({"score", "only quantitative feedback has a score"});
        } else if (!std::isfinite(*f.score) || *f.score < kMinFeedbackScore ||
                   *f.score > kMaxFeedbackScore) {
            issues.push_back({"score", "must be a number from 0 to 100"});
        }
    }
    return issues;
}

std::string_view ToString(Importance importance) {
    switch (importance) {
        case Importance::kNiceToHave:
            return "nice_to_have";
        case Importance::kImportant:
            return "important";
        case Importance::kCritical:
            return "critical";
    }
    return "important";
}

std::optional<Importance> ParseImportance(std::string_view text) {
    return ParseBy(kAllImportances, text);
}

std::string_view ToString(FeedbackTarget target) {
    return target == FeedbackTarget::kIdea ? "idea" : "item";
}

std::optional<FeedbackTarget> ParseFeedbackTarget(std::string_view text) {
    return ParseBy(std::array{FeedbackTarget::kItem, FeedbackTarget::kIdea}, text);
}

bool LinkableItemType(ItemType type) {
    return type == ItemType::kEpic || type == ItemType::kFeature || type == ItemType::kStory;
}

std::string_view ToString(IdeaStatus status) {
    switch (status) {
        case IdeaStatus::kNew:
            return "new";
        case IdeaStatus::kUnderReview:
            return "under_review";
        case IdeaStatus::kPlanned:
            return "planned";
        case IdeaStatus::kDeclined:
            return "declined";
    }
    return "new";
}

std::optional<IdeaStatus> ParseIdeaStatus(std::string_view text) {
    return ParseBy(kAllIdeaStatuses, text);
}

Issues ValidateIdea(const Idea& idea) {
    Issues issues;
    CheckLine(issues, "title", idea.title, 1, kMaxIdeaTitleLength);
    CheckText(issues, "problem", idea.problem, kMaxIdeaProblemLength);
    if (idea.status == IdeaStatus::kDeclined) {
        CheckRequiredText(issues, "decline_reason", idea.decline_reason, kMaxDeclineReasonLength);
    } else if (!idea.decline_reason.empty()) {
        issues.push_back({"decline_reason", "only a declined idea has a decline reason"});
    }
    return issues;
}

namespace {

double RevenueOf(const DemandInputs& in, const std::set<std::string>& customers) {
    double sum = 0;
    for (const auto& c : customers) {
        auto it = in.revenue.find(c);
        if (it != in.revenue.end() && it->second) {
            sum += *it->second;
        }
    }
    return sum;
}

}  // namespace

IdeaTally TallyIdea(const Idea& idea, const DemandInputs& in, const std::string& user_id) {
    IdeaTally t;
    if (!idea.customer_id.empty()) {
        t.customers.insert(idea.customer_id);
    }
    for (const auto& v : in.votes) {
        if (v.idea_id != idea.id) {
            continue;
        }
        if (v.customer_id.empty()) {
            ++t.votes;
            t.voted = t.voted || v.user_id == user_id;
        } else {
            ++t.customer_votes;
            t.customers.insert(v.customer_id);
        }
    }
    std::map<std::string, const CustomerFeedback*> feedback;
    for (const auto& f : in.feedback) {
        feedback.emplace(f.id, &f);
    }
    for (const auto& l : in.links) {
        if (l.target_type != FeedbackTarget::kIdea || l.target_id != idea.id) {
            continue;
        }
        ++t.feedback_count;
        auto f = feedback.find(l.feedback_id);
        if (f != feedback.end() && !f->second->customer_id.empty()) {
            t.customers.insert(f->second->customer_id);
        }
    }
    t.revenue_at_stake = RevenueOf(in, t.customers);
    return t;
}

std::map<std::string, Demand> AggregateDemand(const DemandInputs& in) {
    // Per target: each feedback with its highest importance, the customers, the ideas.
    struct Acc {
        std::map<std::string, Importance> feedback;
        std::set<std::string> customers;
        std::set<std::string> ideas;
    };
    std::map<std::string, Acc> acc;
    auto targets_of = [&](const std::string& item_id) -> const std::vector<std::string>* {
        auto it = in.counts_toward.find(item_id);
        return it == in.counts_toward.end() ? nullptr : &it->second;
    };
    auto add_feedback = [](Acc& a, const std::string& feedback_id, Importance importance) {
        auto [it, inserted] = a.feedback.emplace(feedback_id, importance);
        if (!inserted && importance > it->second) {
            it->second = importance;
        }
    };
    std::map<std::string, const Idea*> ideas;
    for (const auto& idea : in.ideas) {
        ideas.emplace(idea.id, &idea);
        if (idea.item_id.empty()) {
            continue;
        }
        if (const auto* targets = targets_of(idea.item_id)) {
            for (const auto& t : *targets) {
                acc[t].ideas.insert(idea.id);
            }
        }
    }
    for (const auto& l : in.links) {
        std::string item_id = l.target_id;
        if (l.target_type == FeedbackTarget::kIdea) {
            auto idea = ideas.find(l.target_id);
            if (idea == ideas.end()) {
                continue;
            }
            item_id = idea->second->item_id;
        }
        if (item_id.empty()) {
            continue;
        }
        if (const auto* targets = targets_of(item_id)) {
            for (const auto& t : *targets) {
                add_feedback(acc[t], l.feedback_id, l.importance);
            }
        }
    }
    std::map<std::string, const CustomerFeedback*> feedback;
    for (const auto& f : in.feedback) {
        feedback.emplace(f.id, &f);
    }
    std::map<std::string, Demand> out;
    for (auto& [target, a] : acc) {
        Demand d;
        for (const auto& [feedback_id, importance] : a.feedback) {
            auto f = feedback.find(feedback_id);
            if (f == feedback.end()) {
                continue;
            }
            ++d.feedback_count;
            ++d.by_importance[static_cast<std::size_t>(importance)];
            if (!f->second->customer_id.empty()) {
                d.customers.insert(f->second->customer_id);
            }
        }
        for (const auto& v : in.votes) {
            if (a.ideas.count(v.idea_id) == 0) {
                continue;
            }
            ++d.votes;
            if (!v.customer_id.empty()) {
                d.customers.insert(v.customer_id);
            }
        }
        d.revenue_at_stake = RevenueOf(in, d.customers);
        out.emplace(target, std::move(d));
    }
    return out;
}

std::vector<std::string> RankByDemand(const std::map<std::string, Demand>& demand,
                                      const std::map<std::string, std::int64_t>& item_numbers,
                                      bool by_revenue) {
    std::vector<std::string> ids;
    for (const auto& [id, d] : demand) {
        ids.push_back(id);
    }
    auto number = [&](const std::string& id) {
        auto it = item_numbers.find(id);
        return it == item_numbers.end() ? std::int64_t{0} : it->second;
    };
    std::stable_sort(ids.begin(), ids.end(), [&](const std::string& x, const std::string& y) {
        const Demand& a = demand.at(x);
        const Demand& b = demand.at(y);
        const double ra = by_revenue ? a.revenue_at_stake : 0;
        const double rb = by_revenue ? b.revenue_at_stake : 0;
        const auto ka = std::make_tuple(
            -static_cast<std::int64_t>(a.customers.size()), -ra, -a.feedback_count, -a.votes);
        const auto kb = std::make_tuple(
            -static_cast<std::int64_t>(b.customers.size()), -rb, -b.feedback_count, -b.votes);
        if (ka != kb) {
            return ka < kb;
        }
        return std::make_pair(number(x), x) < std::make_pair(number(y), y);
    });
    return ids;
}

std::map<std::string, std::vector<std::string>> DemandTargets(
    const std::map<std::string, Item>& items) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [id, item] : items) {
        std::vector<std::string> targets;
        std::set<std::string> seen;
        const Item* cur = &item;
        while (cur != nullptr && seen.insert(cur->id).second) {
            if (cur->type == ItemType::kEpic || cur->type == ItemType::kFeature) {
                targets.push_back(cur->id);
            }
            if (cur->parent_id.empty()) {
                break;
            }
            auto parent = items.find(cur->parent_id);
            cur = parent == items.end() ? nullptr : &parent->second;
        }
        out.emplace(id, std::move(targets));
    }
    return out;
}

}  // namespace tl::domain
