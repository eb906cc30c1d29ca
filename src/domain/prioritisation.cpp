#include "domain/prioritisation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace tl::domain {
namespace {

constexpr std::string_view kScorecardPrefix = "scorecard:";

void Range(Issues& issues, std::string_view field, int value, int min, int max) {
    if (value < min || value > max) {
        issues.push_back(
            {std::string(field),
             "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    }
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace

std::string ToString(const ModelRef& ref) {
    switch (ref.model) {
        case PrioritisationModel::kRice:
            return "rice";
        case PrioritisationModel::kWsjf:
            return "wsjf";
        case PrioritisationModel::kValueEffort:
            return "value_effort";
        case PrioritisationModel::kMoscow:
            return "moscow";
        case PrioritisationModel::kKano:
            return "kano";
        case PrioritisationModel::kScorecard:
            return std::string(kScorecardPrefix) + ref.scorecard_id;
    }
    return "rice";
}

std::optional<ModelRef> ParseModelRef(std::string_view text) {
    if (text == "rice") {
        return ModelRef{PrioritisationModel::kRice, ""};
    }
    if (text == "wsjf") {
        return ModelRef{PrioritisationModel::kWsjf, ""};
    }
    if (text == "value_effort") {
        return ModelRef{PrioritisationModel::kValueEffort, ""};
    }
    if (text == "moscow") {
        return ModelRef{PrioritisationModel::kMoscow, ""};
    }
    if (text == "kano") {
        return ModelRef{PrioritisationModel::kKano, ""};
    }
    if (text.starts_with(kScorecardPrefix) && text.size() > kScorecardPrefix.size() &&
        text.size() <= kScorecardPrefix.size() + 64) {
        return ModelRef{PrioritisationModel::kScorecard,
                        std::string(text.substr(kScorecardPrefix.size()))};
    }
    return std::nullopt;
}

// ---- RICE ----

void Check(Issues& issues, const RiceInputs& in) {
    if (!std::isfinite(in.reach) || in.reach < 0 || in.reach > 1e12) {
        issues.push_back({"rice.reach", "must be a number of at least 0"});
    }
    static constexpr std::array<double, 5> kImpacts = {0.25, 0.5, 1, 2, 3};
    if (std::find(kImpacts.begin(), kImpacts.end(), in.impact) == kImpacts.end()) {
        issues.push_back({"rice.impact", "must be one of 0.25, 0.5, 1, 2, 3"});
    }
    if (!std::isfinite(in.confidence) || in.confidence < 0 || in.confidence > 100) {
        issues.push_back({"rice.confidence", "must be a percentage from 0 to 100"});
    }
    if (!std::isfinite(in.effort) || in.effort <= 0 || in.effort > 1e6) {
        issues.push_back({"rice.effort", "must be a number of person-months above 0"});
    }
}

double Score(const RiceInputs& in) {
    return in.reach * in.impact * (in.confidence / 100.0) / in.effort;
}

// ---- WSJF ----

void Check(Issues& issues, const WsjfInputs& in) {
    Range(issues, "wsjf.business_value", in.business_value, 1, 20);
    Range(issues, "wsjf.time_criticality", in.time_criticality, 1, 20);
    Range(issues, "wsjf.risk_reduction", in.risk_reduction, 1, 20);
    Range(issues, "wsjf.job_size", in.job_size, 1, 20);
}

int CostOfDelay(const WsjfInputs& in) {
    return in.business_value + in.time_criticality + in.risk_reduction;
}

double Score(const WsjfInputs& in) { return static_cast<double>(CostOfDelay(in)) / in.job_size; }

// ---- Value vs effort ----

std::string_view ToString(ValueEffortQuadrant q) {
    switch (q) {
        case ValueEffortQuadrant::kQuickWin:
            return "quick_win";
        case ValueEffortQuadrant::kBigBet:
            return "big_bet";
        case ValueEffortQuadrant::kFillIn:
            return "fill_in";
        case ValueEffortQuadrant::kTimeSink:
            return "time_sink";
    }
    return "fill_in";
}

void Check(Issues& issues, const ValueEffortInputs& in) {
    Range(issues, "value_effort.value", in.value, 1, 10);
    Range(issues, "value_effort.effort", in.effort, 1, 10);
}

double Score(const ValueEffortInputs& in) { return static_cast<double>(in.value) / in.effort; }

ValueEffortQuadrant QuadrantOf(const ValueEffortInputs& in) {
    const bool high_value = in.value > 5;
    const bool high_effort = in.effort > 5;
    if (high_value) {
        return high_effort ? ValueEffortQuadrant::kBigBet : ValueEffortQuadrant::kQuickWin;
    }
    return high_effort ? ValueEffortQuadrant::kTimeSink : ValueEffortQuadrant::kFillIn;
}

// ---- MoSCoW, Kano ----

std::string_view ToString(Moscow m) {
    switch (m) {
        case Moscow::kMust:
            return "must";
        case Moscow::kShould:
            return "should";
        case Moscow::kCould:
            return "could";
        case Moscow::kWont:
            return "wont";
    }
    return "wont";
}

std::optional<Moscow> ParseMoscow(std::string_view text) {
    for (Moscow m : {Moscow::kMust, Moscow::kShould, Moscow::kCould, Moscow::kWont}) {
        if (ToString(m) == text) {
            return m;
        }
    }
    return std::nullopt;
}

double Score(Moscow m) {
    switch (m) {
        case Moscow::kMust:
            return 4;
        case Moscow::kShould:
            return 3;
        case Moscow::kCould:
            return 2;
        case Moscow::kWont:
            return 1;
    }
    return 1;
}

std::string_view ToString(Kano k) {
    switch (k) {
        case Kano::kBasic:
            return "basic";
        case Kano::kPerformance:
            return "performance";
        case Kano::kExcitement:
            return "excitement";
        case Kano::kIndifferent:
            return "indifferent";
        case Kano::kReverse:
            return "reverse";
    }
    return "indifferent";
}

std::optional<Kano> ParseKano(std::string_view text) {
    for (Kano k : {Kano::kBasic,
                   Kano::kPerformance,
                   Kano::kExcitement,
                   Kano::kIndifferent,
                   Kano::kReverse}) {
        if (ToString(k) == text) {
            return k;
        }
    }
    return std::nullopt;
}

double Score(Kano k) {
    switch (k) {
        case Kano::kBasic:
            return 5;
        case Kano::kPerformance:
            return 4;
        case Kano::kExcitement:
            return 3;
        case Kano::kIndifferent:
            return 2;
        case Kano::kReverse:
            return 1;
    }
    return 1;
}

// ---- Scorecards ----

void Check(Issues& issues, const Scorecard& card) {
    CheckLine(issues, "name", card.name, 1, kMaxScorecardNameLength);
    if (card.criteria.empty() || card.criteria.size() > kMaxScorecardCriteria) {
        issues.push_back({"criteria", "must hold 1 to 12 criteria"});
        return;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < card.criteria.size(); ++i) {
        const auto& c = card.criteria[i];
        const std::string at = "criteria." + std::to_string(i);
        const std::size_t before = issues.size();
        CheckLine(issues, at + ".name", c.name, 1, kMaxCriterionNameLength);
        if (issues.size() == before && !names.insert(Lower(c.name)).second) {
            issues.push_back({at + ".name", "is the name of another criterion"});
        }
        if (!std::isfinite(c.weight) || c.weight <= 0 || c.weight > kMaxCriterionWeight) {
            issues.push_back({at + ".weight", "must be a number above 0 and at most 100"});
        }
    }
}

void CheckRatings(Issues& issues, const Scorecard& card, const Ratings& ratings) {
    for (const auto& [id, rating] : ratings) {
        const std::string field = "scorecard.ratings." + id;
        const bool known = std::any_of(card.criteria.begin(),
                                       card.criteria.end(),
                                       [&](const ScorecardCriterion& c) { return c.id == id; });
        if (!known) {
            issues.push_back({field, "is not a criterion of the scorecard"});
        } else if (rating < kMinRating || rating > kMaxRating) {
            issues.push_back({field, "must be a whole number from 1 to 5"});
        }
    }
}

std::optional<double> Score(const Scorecard& card, const Ratings& ratings) {
    if (card.criteria.empty()) {
        return std::nullopt;
    }
    double weighted = 0;
    double weights = 0;
    for (const auto& c : card.criteria) {
        auto it = ratings.find(c.id);
        if (it == ratings.end()) {
            return std::nullopt;
        }
        weighted += c.weight * it->second;
        weights += c.weight;
    }
    return weighted / weights;
}

Ratings KeepCardRatings(const Scorecard& card, const Ratings& ratings) {
    Ratings out;
    for (const auto& c : card.criteria) {
        if (auto it = ratings.find(c.id); it != ratings.end()) {
            out.insert(*it);
        }
    }
    return out;
}

// ---- The ranked comparison ----

RankedComparison CompareRanks(const std::vector<RankCandidate>& manual_order) {
    RankedComparison out;
    std::vector<RankedEntry> scored;
    std::vector<RankedEntry> unscored;
    int position = 0;
    for (const auto& c : manual_order) {
        RankedEntry e;
        e.id = c.id;
        e.score = c.score;
        e.backlog_position = ++position;
        if (c.score) {
            e.manual_position = static_cast<int>(scored.size()) + 1;
            scored.push_back(std::move(e));
        } else {
            unscored.push_back(std::move(e));
        }
    }
    // Stable: equal scores keep their manual order.
    std::stable_sort(scored.begin(), scored.end(), [](const RankedEntry& a, const RankedEntry& b) {
        return *a.score > *b.score;
    });
    const int n = static_cast<int>(scored.size());
    out.threshold = std::max(2, (n + 3) / 4);
    for (int i = 0; i < n; ++i) {
        auto& e = scored[static_cast<std::size_t>(i)];
        e.model_position = i + 1;
        e.disagrees = std::abs(e.manual_position - e.model_position) >= out.threshold;
        out.disagreements += e.disagrees ? 1 : 0;
    }
    out.scored = n;
    out.unscored = static_cast<int>(unscored.size());
    out.entries = std::move(scored);
    for (auto& e : unscored) {
        out.entries.push_back(std::move(e));
    }
    return out;
}

}  // namespace tl::domain
