// The board's layout: columns from the workflow with WIP limits and counts, cards placed in
// lanes and columns in their order, and the priorities that board lanes and queries use.
#include "domain/board.hpp"

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

BacklogSettings Workflow() {
    BacklogSettings s = DefaultBacklogSettings();
    for (auto& st : s.statuses) {
        if (st.key == "in_progress") {
            st.wip_limit = 2;
        }
        if (st.key == "in_review") {
            st.wip_limit = 3;
        }
    }
    return s;
}

TEST(Board, ColumnsFollowTheWorkflowWithCountsAndLimits) {
    const auto columns =
        BoardColumns(Workflow(), {{"in_progress", 3}, {"in_review", 3}, {"new", 7}});
    ASSERT_EQ(columns.size(), 5u);
    EXPECT_EQ(columns[0].status, "new");
    EXPECT_EQ(columns[0].count, 7);
    EXPECT_FALSE(columns[0].over_limit);  // no limit
    EXPECT_EQ(columns[1].status, "ready");
    EXPECT_EQ(columns[1].count, 0);
    EXPECT_EQ(columns[2].status, "in_progress");
    EXPECT_EQ(columns[2].name, "In progress");
    EXPECT_EQ(columns[2].category, StatusCategory::kInProgress);
    EXPECT_EQ(columns[2].wip_limit, 2);
    EXPECT_TRUE(columns[2].over_limit);
    EXPECT_EQ(columns[3].status, "in_review");
    EXPECT_FALSE(columns[3].over_limit) << "at the limit is not over it";
    EXPECT_EQ(columns[4].category, StatusCategory::kDone);
}

TEST(Board, CardsGoToTheirLaneAndColumnInOrder) {
    const std::vector<LaneSpec> lanes =
        LanesWithNone({{"usr_b", "Bea", ""}, {"usr_a", "Al", ""}}, "Unassigned");
    const std::vector<BoardCard> cards = {{"new", "usr_a"},
                                          {"in_progress", "none"},
                                          {"new", "usr_a"},
                                          {"gone", "usr_a"},  // not a column: left out
                                          {"done", "usr_z"},  // a lane not named: appended
                                          {"new", "usr_b"}};
    const auto layout = LayOutBoard(BoardColumns(Workflow(), {}), lanes, cards);
    ASSERT_EQ(layout.lanes.size(), 4u);
    EXPECT_EQ(layout.lanes[0].key, "usr_b");
    EXPECT_EQ(layout.lanes[1].key, "usr_a");
    EXPECT_EQ(layout.lanes[2].key, "none");
    EXPECT_EQ(layout.lanes[2].name, "Unassigned");
    EXPECT_EQ(layout.lanes[3].key, "usr_z");
    EXPECT_EQ(layout.lanes[3].name, "usr_z");
    for (const auto& lane : layout.lanes) {
        EXPECT_EQ(lane.cards.size(), 5u) << "every column has an entry in " << lane.key;
    }
    EXPECT_EQ(layout.lanes[1].cards.at("new"), (std::vector<std::size_t>{0, 2}));
    EXPECT_TRUE(layout.lanes[1].cards.at("in_progress").empty());
    EXPECT_EQ(layout.lanes[2].cards.at("in_progress"), (std::vector<std::size_t>{1}));
    EXPECT_EQ(layout.lanes[3].cards.at("done"), (std::vector<std::size_t>{4}));
    EXPECT_EQ(layout.lanes[0].cards.at("new"), (std::vector<std::size_t>{5}));
}

TEST(Board, EmptyLanesStay) {
    const auto layout = LayOutBoard(BoardColumns(Workflow(), {}), PriorityLanes(), {});
    ASSERT_EQ(layout.lanes.size(), 5u);
    EXPECT_EQ(layout.lanes[0].key, "highest");
    EXPECT_EQ(layout.lanes[0].name, "Highest");
    EXPECT_EQ(layout.lanes[4].key, "lowest");
    EXPECT_EQ(layout.lanes[2].cards.at("ready").size(), 0u);
}

TEST(Board, SwimlanesAndBoardTypes) {
    for (auto s : {Swimlane::kNone, Swimlane::kAssignee, Swimlane::kEpic, Swimlane::kPriority}) {
        EXPECT_EQ(ParseSwimlane(ToString(s)), s);
    }
    EXPECT_FALSE(ParseSwimlane("status"));
    EXPECT_FALSE(ParseSwimlane("Assignee"));
    EXPECT_TRUE(OnProductBoard(ItemType::kStory));
    EXPECT_TRUE(OnProductBoard(ItemType::kBug));
    EXPECT_TRUE(OnProductBoard(ItemType::kSpike));
    EXPECT_TRUE(OnProductBoard(ItemType::kTechDebt));
    EXPECT_FALSE(OnProductBoard(ItemType::kTask));
    EXPECT_FALSE(OnProductBoard(ItemType::kEpic));
    EXPECT_FALSE(OnProductBoard(ItemType::kFeature));
}

TEST(Priority, NamesRoundTripAndWeightsOrderThem) {
    for (auto p : kAllPriorities) {
        EXPECT_EQ(ParsePriority(ToString(p)), p);
    }
    EXPECT_FALSE(ParsePriority("High"));
    EXPECT_FALSE(ParsePriority("urgent"));
    EXPECT_EQ(Weight(Priority::kHighest), 5);
    EXPECT_EQ(Weight(Priority::kMedium), 3);
    EXPECT_EQ(Weight(Priority::kLowest), 1);
    EXPECT_GT(Weight(Priority::kHigh), Weight(Priority::kMedium));
    EXPECT_EQ(Item{}.priority, Priority::kMedium);
}

}  // namespace
}  // namespace tl::domain
