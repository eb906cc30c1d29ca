// The board (docs/delivery.md, "Board"): a product's work items, or a sprint's items, as cards
// in columns by status and lanes by assignee, epic or priority, with the WIP limits of the
// workflow. Reading only: a card moves through the item's PATCH (app/backlog/items.hpp), whose
// workflow, WIP, Definition of Ready / Done, acceptance and role rules hold on the board too.
#pragma once

#include <string>
#include <vector>

#include "app/backlog/items.hpp"
#include "app/context.hpp"
#include "domain/board.hpp"

namespace tl::app {

struct BoardQuery {
    std::string sprint_id;  // empty: the product board (stories, bugs, spikes, tech debt)
    std::string swimlane;   // "none" (also when empty), "assignee", "epic" or "priority"
    std::string query;      // query-language filter (docs/query-language.md)
};

struct BoardView {
    domain::Swimlane swimlane = domain::Swimlane::kNone;
    std::string sprint_id;
    std::vector<ItemView> cards;  // the laid-out lanes index into these
    domain::BoardLayout layout;
    bool truncated = false;  // more than domain::kMaxBoardCards items matched
};

// Anyone who may read the product. kValidationFailed for an unknown swimlane (field
// "swimlane"), kInvalidQuery for a bad query. The sprint id is not checked: an unknown one
// shows an empty board.
Result<BoardView> GetBoard(AppContext& ctx,
                           const Actor& actor,
                           const std::string& product_id,
                           const BoardQuery& query);

}  // namespace tl::app
