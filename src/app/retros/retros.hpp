// Retrospectives (docs/delivery.md, "Retrospectives"): a sprint's cards in three columns with
// their votes, and its action items together with the actions of the team's earlier
// retrospectives (on the same product) that are not done yet, marked `carried_from`.
//
// Authorisation: reading needs product.read on the sprint's product; cards, votes and actions
// are retro.write (Product Owner, Scrum Master, team). Only a card's author edits it; its
// author, the Product Owner or a Scrum Master deletes it. A sprint, card or action of a product
// the actor has no role on is kNotFound. Every write appends a `retro_card` or `retro_action`
// event (whose payload names the sprint) with the product, in the write's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/retro.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

struct RetroCardView {
    domain::RetroCard card;
    std::string author_name;
    std::int64_t votes = 0;
    bool voted = false;  // the caller's vote is among them
};

struct SprintRef {
    std::string id;
    std::string name;
};

struct RetroActionView {
    domain::RetroAction action;
    SprintRef sprint;  // the sprint whose retrospective created it
    std::string owner_name;
    std::string done_by_name;
    std::string created_by_name;
    bool carried = false;  // shown on a later retrospective: carried_from is `sprint`
};

struct RetroView {
    domain::Sprint sprint;
    std::string team_name;
    std::vector<RetroCardView> cards;      // oldest first
    std::vector<RetroActionView> actions;  // this sprint's (oldest first), then the carried ones
};

// {sprint_id, sprint:{id,name,status,start_date,end_date,team:{id,name}}, cards:{went_well:[…],
// to_improve:[…], action:[…]}, actions:[…]}.
boost::json::object ToJson(const RetroView& view);
// {id, sprint_id, column, text, author:{id,name}, votes, voted, version, created_at, updated_at}.
boost::json::object ToJson(const RetroCardView& view);
// {id, sprint_id, sprint:{id,name}, team_id, text, owner, card_id, done, done_at, done_by,
// created_by, carried_from, version, created_at, updated_at}.
boost::json::object ToJson(const RetroActionView& view);

Result<RetroView> GetRetro(AppContext& ctx, const Actor& actor, const std::string& sprint_id);

struct RetroCardInput {
    std::optional<domain::RetroColumn> column;
    std::optional<std::string> text;
    domain::Issues issues;
};
// column and text are required.
Result<RetroCardView> AddRetroCard(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& sprint_id,
                                   const RetroCardInput& input);
// The author changes its text or column; kPreconditionFailed when `if_match` is stale.
Result<RetroCardView> UpdateRetroCard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& card_id,
                                      const RetroCardInput& input,
                                      std::optional<std::int64_t> if_match);
// Its author, the Product Owner or a Scrum Master; its votes go with it.
Result<void> DeleteRetroCard(AppContext& ctx, const Actor& actor, const std::string& card_id);
// Adds the caller's vote, or takes it back.
Result<RetroCardView> ToggleRetroVote(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& card_id);
// The card as the caller sees it (for a 412's current state).
Result<RetroCardView> GetRetroCard(AppContext& ctx, const Actor& actor, const std::string& card_id);

struct RetroActionInput {
    std::optional<std::string> text;
    std::optional<std::string> owner_id;  // "" clears
    std::optional<std::string> card_id;   // creation only; "" for none
    std::optional<bool> done;             // changes only
    domain::Issues issues;
};
// text is required; owner_id must hold a role on the product (field "owner_id"); card_id
// must be a card of this retrospective (field "card_id").
Result<RetroActionView> AddRetroAction(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& sprint_id,
                                       const RetroActionInput& input);
// text, owner_id and done; becoming done records done_at and done_by.
Result<RetroActionView> UpdateRetroAction(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& action_id,
                                          const RetroActionInput& input,
                                          std::optional<std::int64_t> if_match);
Result<RetroActionView> GetRetroAction(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& action_id);

}  // namespace tl::app
