// Planning poker: the Product Owner or Scrum Master opens a round on an item, the PO, Scrum
// Master and team members vote a value of the product's point scale, the values are revealed,
// and the round is finished with the item's estimate. One round per item is open at a time.
//
// Vote secrecy: until the round is revealed no answer and no event carries a vote's value,
// except the voter's own value in that voter's answers (`my_vote`). Every step is an event of
// the item (entity "item": poker_started, poker_voted, poker_revealed, poker_finished), which
// is what keeps open poker rooms live.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "app/backlog/items.hpp"
#include "app/context.hpp"
#include "domain/backlog.hpp"

namespace tl::app {

struct PokerView {
    domain::PokerRound round;
    ItemRef item;
    std::map<std::string, std::string> names;  // user id → name, for started_by and voters
};

// {id, item:{id,key,title}, state, started_by:{id,name}, votes:[{user:{id,name}, voted,
// points}], my_vote, final_points, created_at, revealed_at, closed_at, version}, as `viewer_id`
// sees it: `points` of each vote only once the round is revealed or closed; `my_vote` is the
// viewer's own value (null before voting).
boost::json::object ToJson(const PokerView& view, const std::string& viewer_id);

// PO or Scrum Master; kConflict while the item has a round voting or revealed.
Result<PokerView> StartPoker(AppContext& ctx, const Actor& actor, const std::string& item);
Result<PokerView> GetPoker(AppContext& ctx, const Actor& actor, const std::string& round_id);
// The item's latest round; kNotFound when it never had one.
Result<PokerView> LatestPoker(AppContext& ctx, const Actor& actor, const std::string& item);
// PO, Scrum Master or team member; `points` must be on the point scale (kValidationFailed
// naming "points"); only while voting (kConflict). Voting again replaces the vote.
Result<PokerView> VotePoker(AppContext& ctx,
                            const Actor& actor,
                            const std::string& round_id,
                            std::optional<double> points,
                            domain::Issues issues);
// PO or Scrum Master; only while voting and after at least one vote (kConflict).
Result<PokerView> RevealPoker(AppContext& ctx, const Actor& actor, const std::string& round_id);
// PO or Scrum Master, from voting or revealed: sets the item's estimate to `points` (on the
// point scale) and closes the round.
Result<PokerView> FinishPoker(AppContext& ctx,
                              const Actor& actor,
                              const std::string& round_id,
                              std::optional<double> points,
                              domain::Issues issues);

}  // namespace tl::app
