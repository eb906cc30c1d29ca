#include "domain/role.hpp"

#include <algorithm>
#include <utility>

namespace tl::domain {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames = {{
    {Role::kProductManager, "product_manager"},
    {Role::kProductOwner, "product_owner"},
    {Role::kScrumMaster, "scrum_master"},
    {Role::kTeamMember, "team_member"},
    {Role::kStakeholder, "stakeholder"},
    {Role::kExecutive, "executive"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 20> kActionNames = {{
    {Action::kPublic, "public"},
    {Action::kAuthenticated, "authenticated"},
    {Action::kWorkspaceAdmin, "workspace.admin"},
    {Action::kProductRead, "product.read"},
    {Action::kProductEdit, "product.edit"},
    {Action::kStrategyWrite, "strategy.write"},
    {Action::kMarketRead, "market.read"},
    {Action::kMarketWrite, "market.write"},
    {Action::kBacklogPropose, "backlog.propose"},
    {Action::kBacklogWrite, "backlog.write"},
    {Action::kBacklogEditFields, "backlog.edit_fields"},
    {Action::kBacklogChange, "backlog.change"},
    {Action::kEstimateRun, "estimate.run"},
    {Action::kEstimateVote, "estimate.vote"},
    {Action::kSprintWrite, "sprint.write"},
    {Action::kBoardMoveOwn, "board.move_own"},
    {Action::kTestWrite, "test.write"},
    {Action::kFeedbackWrite, "feedback.write"},
    {Action::kRetroWrite, "retro.write"},
    {Action::kDecisionWrite, "decision.write"},
}};

// SPEC.md's role matrix, one row per product-scoped action. Columns: PM, PO, Scrum Master,
// team member, stakeholder, executive. "read" rows are all true except the stakeholder's
// "—" for market data; "propose*" lets the PM add to the backlog's bottom; "edit fields†"
// lets team members change status, estimate, tasks and assignee. kBacklogChange gates an item
// PATCH for anyone who may change some field of it: propose, write, edit fields, or move own
// cards on the board (board.move_own, which brings in the Scrum Master).
struct MatrixRow {
    Action action;
    std::array<bool, 6> allowed;  // indexed by Role
};
constexpr std::array<MatrixRow, 17> kMatrix = {{
    //                              PM     PO     SM     team   stake  exec
    {Action::kProductRead, {{true, true, true, true, true, true}}},
    {Action::kProductEdit, {{true, false, false, false, false, false}}},
    {Action::kStrategyWrite, {{true, false, false, false, false, false}}},
    {Action::kMarketRead, {{true, true, true, true, false, true}}},
    {Action::kMarketWrite, {{true, false, false, false, false, false}}},
    {Action::kBacklogPropose, {{true, true, false, false, false, false}}},
    {Action::kBacklogWrite, {{false, true, false, false, false, false}}},
    {Action::kBacklogEditFields, {{false, true, false, true, false, false}}},
    {Action::kBacklogChange, {{true, true, true, true, false, false}}},
    {Action::kEstimateRun, {{false, true, true, false, false, false}}},
    {Action::kEstimateVote, {{false, true, true, true, false, false}}},
    {Action::kSprintWrite, {{false, true, true, false, false, false}}},
    {Action::kBoardMoveOwn, {{false, true, true, true, false, false}}},
    {Action::kTestWrite, {{false, true, false, true, false, false}}},
    {Action::kFeedbackWrite, {{true, true, true, true, true, true}}},
    {Action::kRetroWrite, {{false, true, true, true, false, false}}},
    {Action::kDecisionWrite, {{true, true, false, false, false, false}}},
}};

}  // namespace

std::string_view ToString(Role role) {
    for (const auto& [r, name] : kRoleNames) {
        if (r == role) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Role> ParseRole(std::string_view text) {
    for (const auto& [r, name] : kRoleNames) {
        if (name == text) {
            return r;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Action action) {
    for (const auto& [a, name] : kActionNames) {
        if (a == action) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Action> ParseAction(std::string_view text) {
    for (const auto& [a, name] : kActionNames) {
        if (name == text) {
            return a;
        }
    }
    return std::nullopt;
}

bool IsProductScoped(Action action) {
    return action != Action::kPublic && action != Action::kAuthenticated &&
           action != Action::kWorkspaceAdmin;
}

bool RoleAllows(Role role, Action action) {
    for (const auto& row : kMatrix) {
        if (row.action == action) {
            return row.allowed[static_cast<std::size_t>(role)];
        }
    }
    return false;
}

bool AdminAllows(Action action) {
    return action == Action::kProductRead || action == Action::kWorkspaceAdmin;
}

bool Allows(std::span<const Role> roles, bool workspace_admin, Action action) {
    if (workspace_admin && AdminAllows(action)) {
        return true;
    }
    if (!IsProductScoped(action)) {
        return action != Action::kWorkspaceAdmin;
    }
    return std::any_of(roles.begin(), roles.end(), [&](Role r) { return RoleAllows(r, action); });
}

}  // namespace tl::domain
