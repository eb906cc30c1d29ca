#include "domain/board.hpp"

#include <algorithm>
#include <utility>

namespace tl::domain {

std::string_view ToString(Swimlane swimlane) {
    switch (swimlane) {
        case Swimlane::kAssignee:
            return "assignee";
        case Swimlane::kEpic:
            return "epic";
        case Swimlane::kPriority:
            return "priority";
        case Swimlane::kNone:
            break;
    }
    return "none";
}

std::optional<Swimlane> ParseSwimlane(std::string_view text) {
    for (Swimlane s :
         {Swimlane::kNone, Swimlane::kAssignee, Swimlane::kEpic, Swimlane::kPriority}) {
        if (ToString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

bool OnProductBoard(ItemType type) {
    return type == ItemType::kStory || type == ItemType::kBug || type == ItemType::kSpike ||
           type == ItemType::kTechDebt;
}

std::vector<BoardColumn> BoardColumns(const BacklogSettings& settings,
                                      const std::map<std::string, std::int64_t>& counts) {
    std::vector<BoardColumn> columns;
    columns.reserve(settings.statuses.size());
    for (const auto& s : settings.statuses) {
        BoardColumn c;
        c.status = s.key;
        c.name = s.name;
        c.category = s.category;
        c.wip_limit = s.wip_limit;
        const auto it = counts.find(s.key);
        c.count = it == counts.end() ? 0 : it->second;
        c.over_limit = c.wip_limit > 0 && c.count > c.wip_limit;
        columns.push_back(std::move(c));
    }
    return columns;
}

BoardLayout LayOutBoard(std::vector<BoardColumn> columns,
                        const std::vector<LaneSpec>& lanes,
                        const std::vector<BoardCard>& cards) {
    BoardLayout out;
    out.columns = std::move(columns);
    std::map<std::string, std::size_t, std::less<>> lane_index;
    auto add_lane = [&](const std::string& key, const std::string& name, const std::string& item) {
        BoardLane lane;
        lane.key = key;
        lane.name = name;
        lane.item_key = item;
        for (const auto& c : out.columns) {
            lane.cards[c.status];
        }
        lane_index.emplace(key, out.lanes.size());
        out.lanes.push_back(std::move(lane));
    };
    for (const auto& l : lanes) {
        if (lane_index.count(l.key) == 0) {
            add_lane(l.key, l.name, l.item_key);
        }
    }
    for (std::size_t i = 0; i < cards.size(); ++i) {
        const auto& card = cards[i];
        const bool known_status =
            std::any_of(out.columns.begin(), out.columns.end(), [&](const BoardColumn& c) {
                return c.status == card.status;
            });
        if (!known_status) {
            continue;
        }
        auto it = lane_index.find(card.lane);
        if (it == lane_index.end()) {
            add_lane(card.lane, card.lane, "");
            it = lane_index.find(card.lane);
        }
        out.lanes[it->second].cards[card.status].push_back(i);
    }
    return out;
}

std::vector<LaneSpec> PriorityLanes() {
    std::vector<LaneSpec> lanes;
    for (Priority p : kAllPriorities) {
        std::string name(ToString(p));
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
        lanes.push_back({std::string(ToString(p)), std::move(name), ""});
    }
    return lanes;
}

std::vector<LaneSpec> LanesWithNone(std::vector<LaneSpec> named, std::string none_name) {
    named.push_back({std::string(kNoLaneKey), std::move(none_name), ""});
    return named;
}

}  // namespace tl::domain
