#include "app/demo_prioritisation.hpp"

#include <boost/json.hpp>

#include "app/prioritisation/prioritisation.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;

struct Rice {
    double reach;  // pilots or flights per quarter
    double impact;
    int confidence;
    double effort;  // person-months
};

struct Wsjf {
    int business_value;
    int time_criticality;
    int risk_reduction;
    int job_size;
};

// One X2 feature's scores. The ratings follow the scorecard's criteria in order: customer
// demand, strategic fit, revenue impact, ease (the inverse of effort: 5 is little work).
struct ScoreSpec {
    const char* title;
    Rice rice;
    Wsjf wsjf;
    int value;
    int effort;
    const char* moscow;
    const char* kano;
    int ratings[4];
};

// In the backlog's order. By RICE the mission planner (inspection crews plan every survey with
// it) and fleet updates (the utilities fly dozens of drones) rise well above their rank, the
// lighter airframe and low-light imaging fall: four disagreements among ten.
const std::vector<ScoreSpec>& Scores() {
    static const std::vector<ScoreSpec> specs = {
        {"High-density battery pack",
         {1800, 3, 80, 6},
         {13, 8, 8, 13},
         9,
         8,
         "must",
         "performance",
         {5, 5, 5, 2}},
        {"Lighter airframe",
         {1800, 0.5, 80, 4},
         {5, 3, 2, 8},
         4,
         7,
         "should",
         "indifferent",
         {2, 3, 2, 2}},
        {"4K/60 gimbal camera",
         {1200, 2, 90, 4},
         {8, 5, 2, 8},
         7,
         6,
         "must",
         "performance",
         {4, 4, 4, 3}},
        {"Low-light and night imaging",
         {500, 2, 70, 3},
         {5, 2, 1, 8},
         5,
         6,
         "could",
         "excitement",
         {2, 3, 3, 3}},
        {"Survey photo workflow",
         {900, 2, 80, 3},
         {8, 3, 2, 5},
         7,
         3,
         "should",
         "excitement",
         {4, 4, 3, 4}},
        {"Forward and downward sensing",
         {1500, 2, 60, 5},
         {8, 5, 13, 13},
         8,
         8,
         "must",
         "basic",
         {4, 5, 3, 2}},
        {"EU C2 class label",
         {1000, 3, 50, 5},
         {13, 13, 8, 8},
         9,
         6,
         "must",
         "basic",
         {3, 5, 4, 2}},
        {"Geofencing", {1200, 0.5, 90, 4}, {3, 8, 8, 5}, 6, 3, "must", "basic", {2, 4, 2, 4}},
        {"Fleet updates", {600, 2, 70, 2}, {5, 3, 5, 5}, 5, 3, "could", "excitement", {4, 3, 4, 4}},
        {"Mission planner",
         {1500, 2, 80, 4},
         {13, 5, 3, 8},
         8,
         5,
         "should",
         "performance",
         {5, 4, 4, 3}},
    };
    return specs;
}

struct CriterionSpec {
    const char* name;
    double weight;
};

constexpr CriterionSpec kCriteria[] = {
    {"Customer demand", 40},
    {"Strategic fit", 30},
    {"Revenue impact", 20},
    {"Ease (effort inverse)", 10},
};

}  // namespace

Result<void> SeedDemoPrioritisation(AppContext& ctx,
                                    const std::string& workspace_id,
                                    const domain::Product& product,
                                    const std::vector<domain::Item>& items,
                                    const std::map<std::string, std::string>& users) {
    auto actor = [&](const std::string& handle) {
        Actor a;
        a.user_id = users.at(handle);
        a.workspace_id = workspace_id;
        a.seed = true;  // the seed's events carry no actor
        return a;
    };
    const Actor alice = actor("alice");
    const Actor bob = actor("bob");

    ScorecardInput card_in;
    card_in.name = "Inspection market fit";
    card_in.criteria.emplace();
    for (const auto& c : kCriteria) {
        card_in.criteria->push_back({"", c.name, c.weight});
    }
    TL_ASSIGN_OR_RETURN(auto card, CreateScorecard(ctx, alice, product.id, card_in));
    const std::string card_model = "scorecard:" + card.card.id;

    for (const auto& spec : Scores()) {
        std::string item_id;
        for (const auto& i : items) {
            if (i.title == spec.title) {
                item_id = i.id;
            }
        }
        if (item_id.empty()) {
            return Fail(MakeError(
                ErrorCode::kInternal,
                std::string("the prioritisation seed refers to a missing item: ") + spec.title));
        }
        const auto& r = spec.rice;
        TL_TRY(PutItemScore(ctx,
                            bob,
                            item_id,
                            "rice",
                            json::object{{"reach", r.reach},
                                         {"impact", r.impact},
                                         {"confidence", r.confidence},
                                         {"effort", r.effort}}));
        const auto& w = spec.wsjf;
        TL_TRY(PutItemScore(ctx,
                            bob,
                            item_id,
                            "wsjf",
                            json::object{{"business_value", w.business_value},
                                         {"time_criticality", w.time_criticality},
                                         {"risk_reduction", w.risk_reduction},
                                         {"job_size", w.job_size}}));
        TL_TRY(PutItemScore(ctx,
                            bob,
                            item_id,
                            "value_effort",
                            json::object{{"value", spec.value}, {"effort", spec.effort}}));
        TL_TRY(
            PutItemScore(ctx, alice, item_id, "moscow", json::object{{"category", spec.moscow}}));
        TL_TRY(PutItemScore(ctx, alice, item_id, "kano", json::object{{"category", spec.kano}}));
        json::object ratings;
        for (std::size_t k = 0; k < card.card.criteria.size(); ++k) {
            ratings[card.card.criteria[k].id] = spec.ratings[k];
        }
        TL_TRY(PutItemScore(
            ctx, alice, item_id, card_model, json::object{{"ratings", std::move(ratings)}}));
    }
    return {};
}

}  // namespace tl::app
