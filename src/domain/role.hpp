// Role: a person's part on one product, and the role matrix of SPEC.md as one table.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace tl::domain {

enum class Role {
    kProductManager,
    kProductOwner,
    kScrumMaster,
    kTeamMember,
    kStakeholder,
    kExecutive,
};

inline constexpr std::array<Role, 6> kAllRoles = {
    Role::kProductManager,
    Role::kProductOwner,
    Role::kScrumMaster,
    Role::kTeamMember,
    Role::kStakeholder,
    Role::kExecutive,
};

// "product_manager", "product_owner", ... (the API spelling).
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);

// What a request intends to do. Every route names one when it is registered.
//
// Access classes: kPublic needs no credentials; kAuthenticated needs any user of the
// workspace; kWorkspaceAdmin needs the workspace admin flag; every other action is checked
// against the user's roles on the product the object belongs to.
enum class Action {
    kPublic,
    kAuthenticated,
    kWorkspaceAdmin,
    // Product-scoped, by the rows of SPEC.md's role matrix.
    kProductRead,    // read the product and anything in it ("everyone with a role")
    kProductEdit,    // name, description, life-cycle stage: the PM's
    kStrategyWrite,  // vision, goals, initiatives, roadmap
    kMarketRead,     // market, competitors, GTM, pricing, costs, business cases
    kMarketWrite,
    kBacklogPropose,     // add items at the backlog's bottom and link them to goals
    kBacklogWrite,       // backlog content, rank, acceptance, releases
    kBacklogEditFields,  // status, estimate, tasks, assignee of items in their sprint
    kBacklogChange,      // any of the above or board.move_own: the fields decide (PATCH an item)
    kEstimateRun,        // open, reveal and finish a planning poker round
    kEstimateVote,       // vote in a planning poker round
    kSprintWrite,        // create, start, complete sprints; board flow
    kBoardMoveOwn,       // move one's own items on the board
    kTestWrite,          // test cases and runs
    kFeedbackWrite,      // customer feedback, ideas, votes, comments
    kRetroWrite,         // retrospective cards, votes and action items (the sprint's people)
    // Strategy (docs/strategy.md).
    kDecisionWrite,  // the decision log: the PM and the PO
};

inline constexpr std::array<Action, 20> kAllActions = {
    Action::kPublic,
    Action::kAuthenticated,
    Action::kWorkspaceAdmin,
    Action::kProductRead,
    Action::kProductEdit,
    Action::kStrategyWrite,
    Action::kMarketRead,
    Action::kMarketWrite,
    Action::kBacklogPropose,
    Action::kBacklogWrite,
    Action::kBacklogEditFields,
    Action::kBacklogChange,
    Action::kEstimateRun,
    Action::kEstimateVote,
    Action::kSprintWrite,
    Action::kBoardMoveOwn,
    Action::kTestWrite,
    Action::kFeedbackWrite,
    Action::kRetroWrite,
    // Strategy (docs/strategy.md).
    Action::kDecisionWrite,
};

std::string_view ToString(Action action);  // "product.read", "backlog.write", ...
std::optional<Action> ParseAction(std::string_view text);

// True for actions decided by product roles (not public/authenticated/admin).
bool IsProductScoped(Action action);

// The role matrix: may one holding `role` on a product perform `action` there?
// Requires: IsProductScoped(action).
bool RoleAllows(Role role, Action action);

// The workspace admin manages users and roles, not product content: an admin may read
// any product of the workspace (to assign roles) but writes none of its content.
bool AdminAllows(Action action);

// The decision for a person holding `roles` on a product (possibly none).
bool Allows(std::span<const Role> roles, bool workspace_admin, Action action);

}  // namespace tl::domain
