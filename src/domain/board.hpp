// Board: a product's (or a sprint's) items laid out as cards in columns by status and lanes by
// a swimlane (none, assignee, epic, priority). docs/delivery.md "Board" is the contract; the
// app decides which items are cards and names the lanes, this lays them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/backlog_settings.hpp"
#include "domain/item.hpp"

namespace tl::domain {

enum class Swimlane { kNone, kAssignee, kEpic, kPriority };

std::string_view ToString(Swimlane swimlane);  // "none", "assignee", "epic", "priority"
std::optional<Swimlane> ParseSwimlane(std::string_view text);

// The key of the lane of cards without a value (unassigned, no epic) and of the one lane of
// a board without swimlanes.
inline constexpr std::string_view kNoLaneKey = "none";
inline constexpr std::string_view kAllLaneKey = "all";

// The most cards one board answer holds; the rest are left out (`truncated`).
inline constexpr std::size_t kMaxBoardCards = 500;

// The item types a board shows when it is not a sprint's: the work items a team moves.
bool OnProductBoard(ItemType type);

struct BoardColumn {
    std::string status;
    std::string name;
    StatusCategory category = StatusCategory::kToDo;
    int wip_limit = 0;        // 0: none
    std::int64_t count = 0;   // every item of the product in this status
    bool over_limit = false;  // wip_limit > 0 and count > wip_limit
};

// A lane as the app names it: the value a card in it has (a user id, an epic id, a priority)
// or kNoLaneKey, and what people read.
struct LaneSpec {
    std::string key;
    std::string name;
    std::string item_key;  // epic lanes: the epic's key (DRN-3)
};

struct BoardLane {
    std::string key;
    std::string name;
    std::string item_key;
    // Card indexes (into the cards laid out) by status, in the cards' order; every column's
    // status has an entry, possibly empty.
    std::map<std::string, std::vector<std::size_t>> cards;
};

// A card to lay out: its status and the key of the lane it belongs to.
struct BoardCard {
    std::string status;
    std::string lane;
};

struct BoardLayout {
    std::vector<BoardColumn> columns;
    std::vector<BoardLane> lanes;
};

// The columns: the workflow's statuses in order, with `counts` (by status; missing is 0).
std::vector<BoardColumn> BoardColumns(const BacklogSettings& settings,
                                      const std::map<std::string, std::int64_t>& counts);

// Lays out `cards` (in their order) over `columns` and `lanes` (in display order; a lane a card
// names that `lanes` lacks is appended, named by its key). A card whose status is not a
// column is left out.
BoardLayout LayOutBoard(std::vector<BoardColumn> columns,
                        const std::vector<LaneSpec>& lanes,
                        const std::vector<BoardCard>& cards);

// The five priority lanes, highest first.
std::vector<LaneSpec> PriorityLanes();

// Lanes for named values (people, epics) in the given order, then the lane of cards without a
// value named `none_name` ("Unassigned", "No epic"), which is always there.
std::vector<LaneSpec> LanesWithNone(std::vector<LaneSpec> named, std::string none_name);

}  // namespace tl::domain
