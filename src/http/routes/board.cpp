// GET /api/v1/products/{id}/board: the board of a product or a sprint. docs/delivery.md
// ("Board") is the contract; moving a card is the item's PATCH (routes/items.cpp).
#include "app/board/board.hpp"

#include "http/routes/common.hpp"
#include "http/routes/item_json.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

json::object BoardJson(const app::BoardView& board) {
    json::array columns;
    for (const auto& c : board.layout.columns) {
        columns.push_back(json::object{{"status", c.status},
                                       {"name", c.name},
                                       {"category", domain::ToString(c.category)},
                                       {"wip_limit", c.wip_limit},
                                       {"count", c.count},
                                       {"over_limit", c.over_limit}});
    }
    json::array lanes;
    for (const auto& l : board.layout.lanes) {
        json::object cards;
        for (const auto& c : board.layout.columns) {
            json::array list;
            const auto it = l.cards.find(c.status);
            if (it != l.cards.end()) {
                for (std::size_t index : it->second) {
                    list.push_back(ItemJson(board.cards[index]));
                }
            }
            cards[c.status] = std::move(list);
        }
        json::object lane{{"key", l.key}, {"name", l.name}, {"cards", std::move(cards)}};
        if (!l.item_key.empty()) {
            lane["item_key"] = l.item_key;
        }
        lanes.push_back(std::move(lane));
    }
    return json::object{
        {"swimlane", domain::ToString(board.swimlane)},
        {"sprint_id",
         board.sprint_id.empty() ? json::value(nullptr) : json::value(board.sprint_id)},
        {"columns", std::move(columns)},
        {"lanes", std::move(lanes)},
        {"truncated", board.truncated},
        {"card_limit", static_cast<std::int64_t>(domain::kMaxBoardCards)}};
}

}  // namespace

void AddBoardRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/board",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::BoardQuery q;
                   q.sprint_id = std::string(req.Query("sprint").value_or(""));
                   q.swimlane = std::string(req.Query("swimlane").value_or(""));
                   q.query = std::string(req.Query("query").value_or(""));
                   TL_ASSIGN_OR_RETURN(auto board,
                                       app::GetBoard(call.app, call.actor, req.Param("id"), q));
                   return JsonAnswer(200, BoardJson(board));
               });
}

}  // namespace tl::http
