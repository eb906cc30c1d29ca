// Prioritisation (docs/strategy.md, "Prioritisation"): an item's scores under each model, their
// history, a product's weighted scorecards, and the ranked comparison of a model's order with
// the Product Owner's manual rank.
//
// Who may do what: scores are written by the PM and the PO (backlog.propose), scorecards by the
// PM (strategy.write); everyone with a role on the product reads. Every use case authorises
// before it validates; every write appends its events (item_score, scorecard) in its own
// transaction, so live updates see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/prioritisation.hpp"

namespace tl::app {

// The item types prioritised: epics, features, stories and bugs.
bool IsPrioritised(domain::ItemType type);

// ---- Item scores ----

// One score as the API answers it: {model, inputs, score, version, updated_by:{id,name},
// updated_at} plus cost_of_delay (wsjf), quadrant (value_effort), category (moscow, kano) and
// scorecard:{id,name} (a scorecard's).
Result<boost::json::object> GetItemScores(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& item_id_or_key);
// Sets the item's inputs under `model` from `body` and computes the score; unchanged inputs
// write nothing. kValidationFailed names "model" or the model's fields ("rice.impact").
Result<boost::json::object> PutItemScore(AppContext& ctx,
                                         const Actor& actor,
                                         const std::string& item_id_or_key,
                                         const std::string& model,
                                         const boost::json::value& body);
// kNotFound when the item has no score under the model.
Result<void> DeleteItemScore(AppContext& ctx,
                             const Actor& actor,
                             const std::string& item_id_or_key,
                             const std::string& model);
// {"data":[{change, model, inputs|null, score|null, by:{id,name}, at}], "next_cursor":null},
// newest first, at most `limit` (1–200; another value is a validation failure naming "limit").
Result<boost::json::object> ScoreHistory(AppContext& ctx,
                                         const Actor& actor,
                                         const std::string& item_id_or_key,
                                         const std::string& model,
                                         int limit);

// ---- Scorecards ----

struct ScorecardCriterionInput {
    std::string id;  // empty: a new criterion
    std::string name;
    double weight = 0;
};

struct ScorecardInput {
    std::optional<std::string> name;
    std::optional<std::vector<ScorecardCriterionInput>> criteria;
    domain::Issues issues;
};

// {id, product_id, name, criteria:[{id,name,weight}], version, created_by:{id,name},
// created_at, updated_at}.
boost::json::object ToJson(const domain::Scorecard& card, const std::string& created_by_name);

struct ScorecardView {
    domain::Scorecard card;
    std::string created_by_name;
};

Result<std::vector<ScorecardView>> ListScorecards(AppContext& ctx,
                                                  const Actor& actor,
                                                  const std::string& product_id);
Result<ScorecardView> CreateScorecard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& product_id,
                                      const ScorecardInput& input);
Result<ScorecardView> GetScorecard(AppContext& ctx, const Actor& actor, const std::string& id);
// Changing the criteria (weights, added or removed ones) recomputes every stored score under
// the scorecard, each recomputed score recorded in its history.
Result<ScorecardView> UpdateScorecard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& id,
                                      const ScorecardInput& input,
                                      std::optional<std::int64_t> if_match);
// Removes it with the scores under it (their history stays).
Result<void> DeleteScorecard(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- The ranked comparison ----

struct PrioritisationQuery {
    std::string model;
    std::string type;    // "" for epics, features, stories and bugs
    std::string status;  // "" for every status
    bool include_done = false;
    domain::Issues issues;  // found reading the query, reported once the product is authorised
};

// {model, threshold, items:[{id,key,title,type,status,points,backlog_position,manual_position,
// model_position,score,inputs,summary,disagrees[,quadrant]}], counts:{items,scored,unscored,
// disagreements}}: items in model order. Two queries whatever the product's size.
Result<boost::json::object> Prioritisation(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& product_id,
                                           const PrioritisationQuery& query);

}  // namespace tl::app
