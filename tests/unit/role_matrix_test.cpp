// The role matrix of SPEC.md, cell by cell. The expected table below is transcribed from
// the spec independently of domain/role.cpp: a change to either shows up here.
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "domain/role.hpp"

namespace tl::domain {
namespace {

// Columns: PM, PO, Scrum Master, team member, stakeholder, executive.
// 'W' may, '-' may not.
struct SpecRow {
    Action action;
    const char* cells;
};
constexpr SpecRow kSpec[] = {
    {Action::kProductRead, "WWWWWW"},    // everyone with a role may read
    {Action::kProductEdit, "W-----"},    // the product's name, stage: the PM's
    {Action::kStrategyWrite, "W-----"},  // vision, goals, initiatives, roadmap
    {Action::kMarketRead, "WWWW-W"},     // market, competitors, GTM, pricing, costs
    {Action::kMarketWrite, "W-----"},
    {Action::kBacklogPropose, "WW----"},     // * a PM may add to the backlog's bottom
    {Action::kBacklogWrite, "-W----"},       // content, rank, acceptance, releases
    {Action::kBacklogEditFields, "-W-W--"},  // † status, estimate, tasks, assignee
    {Action::kBacklogChange, "WWWW--"},  // some write on an item (or a board move): fields decide
    {Action::kEstimateRun, "-WW---"},    // refinement: the PO or SM run planning poker
    {Action::kEstimateVote, "-WWW--"},   // ... and the team votes with them
    {Action::kSprintWrite, "-WW---"},    // create, start, complete sprints
    {Action::kBoardMoveOwn, "-WWW--"},   // move own items on the board
    {Action::kTestWrite, "-W-W--"},      // test cases and runs
    {Action::kFeedbackWrite, "WWWWWW"},  // feedback, ideas, votes, comments
    {Action::kRetroWrite, "-WWW--"},     // the sprint's people hold the retrospective
    {Action::kDecisionWrite, "WW----"},  // the decision log: PM and PO (docs/strategy.md)
};

using Cell = std::tuple<int, int>;  // (row in kSpec, role index)

class RoleMatrixCell : public ::testing::TestWithParam<Cell> {};

TEST_P(RoleMatrixCell, MatchesTheSpec) {
    const auto [row, col] = GetParam();
    const SpecRow& spec = kSpec[row];
    const Role role = kAllRoles[col];
    const bool expected = spec.cells[col] == 'W';
    EXPECT_EQ(RoleAllows(role, spec.action), expected)
        << ToString(role) << " × " << ToString(spec.action);
    const Role roles[] = {role};
    EXPECT_EQ(Allows(roles, false, spec.action), expected);
}

INSTANTIATE_TEST_SUITE_P(Spec,
                         RoleMatrixCell,
                         ::testing::Combine(::testing::Range(0, 16), ::testing::Range(0, 6)),
                         [](const ::testing::TestParamInfo<Cell>& info) {
                             std::string name(ToString(kSpec[std::get<0>(info.param)].action));
                             name += "_";
                             name += ToString(kAllRoles[std::get<1>(info.param)]);
                             for (char& c : name) {
                                 if (c == '.') {
                                     c = '_';
                                 }
                             }
                             return name;
                         });

TEST(RoleMatrix, EveryProductScopedActionHasARowInTheSpec) {
    int product_scoped = 0;
    for (Action a : kAllActions) {
        if (!IsProductScoped(a)) {
            continue;
        }
        ++product_scoped;
        bool found = false;
        for (const auto& row : kSpec) {
            found = found || row.action == a;
        }
        EXPECT_TRUE(found) << ToString(a);
    }
    EXPECT_EQ(product_scoped, 17);
}

TEST(RoleMatrix, NoRoleMeansNoProductAccess) {
    for (Action a : kAllActions) {
        if (IsProductScoped(a)) {
            EXPECT_FALSE(Allows({}, false, a)) << ToString(a);
        }
    }
}

TEST(RoleMatrix, AdminReadsProductsAndManagesButWritesNoContent) {
    for (Action a : kAllActions) {
        bool expected = a == Action::kProductRead || a == Action::kWorkspaceAdmin ||
                        a == Action::kAuthenticated || a == Action::kPublic;
        EXPECT_EQ(Allows({}, true, a), expected) << ToString(a);
    }
}

TEST(RoleMatrix, OnlyAdminsPassWorkspaceAdmin) {
    const Role every[] = {Role::kProductManager,
                          Role::kProductOwner,
                          Role::kScrumMaster,
                          Role::kTeamMember,
                          Role::kStakeholder,
                          Role::kExecutive};
    EXPECT_FALSE(Allows(every, false, Action::kWorkspaceAdmin));
    EXPECT_TRUE(Allows({}, true, Action::kWorkspaceAdmin));
}

TEST(RoleMatrix, SeveralRolesCombine) {
    const Role pm_and_po[] = {Role::kProductManager, Role::kProductOwner};
    EXPECT_TRUE(Allows(pm_and_po, false, Action::kStrategyWrite));
    EXPECT_TRUE(Allows(pm_and_po, false, Action::kBacklogWrite));
    EXPECT_FALSE(Allows(pm_and_po, false, Action::kWorkspaceAdmin));
}

TEST(RoleNames, RoundTrip) {
    for (Role r : kAllRoles) {
        EXPECT_EQ(ParseRole(ToString(r)), r);
    }
    for (Action a : kAllActions) {
        EXPECT_EQ(ParseAction(ToString(a)), a);
    }
    EXPECT_FALSE(ParseRole("owner"));
    EXPECT_FALSE(ParseAction("product.delete"));
}

}  // namespace
}  // namespace tl::domain
