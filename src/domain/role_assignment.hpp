// RoleAssignment: one person holding one role on one product, and the rules over a
// product's assignments: at most one Product Owner, and warnings for combined-role load.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/role.hpp"

namespace tl::domain {

struct RoleAssignment {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string user_id;
    Role role = Role::kTeamMember;
    std::int64_t created_at = 0;
};

// More than this many products owned by one PO draws a warning.
inline constexpr int kMaxProductsPerOwner = 3;

// May `candidate` be added to a product whose assignments are `existing`?
// Errors: kConflict when the same person already holds that role, or when the product
// already has a Product Owner (a product has at most one, and the PO is one person).
Result<void> CheckAssignment(std::span<const RoleAssignment> existing,
                             const RoleAssignment& candidate);

struct RoleWarning {
    std::string code;     // "pm_is_po", "po_overloaded"
    std::string user_id;  // whom it concerns
    std::string message;

    friend bool operator==(const RoleWarning&, const RoleWarning&) = default;
};

// Warnings for one product. `owned_products(user_id)` is how many products that user is PO
// of across the workspace; `name_of(user_id)` names the person in the message.
template <typename OwnedCount, typename NameOf>
std::vector<RoleWarning> RoleWarnings(std::span<const RoleAssignment> product_roles,
                                      OwnedCount owned_products,
                                      NameOf name_of);

// The non-template core of RoleWarnings, for given PO counts and names.
std::vector<RoleWarning> RoleWarningsFor(std::span<const RoleAssignment> product_roles,
                                         int po_products_of_owner,
                                         const std::string& owner_name);

template <typename OwnedCount, typename NameOf>
std::vector<RoleWarning> RoleWarnings(std::span<const RoleAssignment> product_roles,
                                      OwnedCount owned_products,
                                      NameOf name_of) {
    for (const auto& a : product_roles) {
        if (a.role == Role::kProductOwner) {
            return RoleWarningsFor(product_roles, owned_products(a.user_id), name_of(a.user_id));
        }
    }
    return {};
}

// The page a person lands on after login, from their roles on one product.
// "strategy" (PM), "backlog" (PO), "sprint" (Scrum Master), "board" (team member),
// "overview" (stakeholder), "portfolio" (executive).
std::string_view HomePageFor(std::span<const Role> roles);

// Order of precedence used to pick the landing product: lower is more central.
int RoleWeight(Role role);

}  // namespace tl::domain
