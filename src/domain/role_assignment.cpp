#include "domain/role_assignment.hpp"

#include <algorithm>

namespace tl::domain {

Result<void> CheckAssignment(std::span<const RoleAssignment> existing,
                             const RoleAssignment& candidate) {
    for (const auto& a : existing) {
        if (a.user_id == candidate.user_id && a.role == candidate.role) {
            return Fail(Conflict("this person already holds that role on the product"));
        }
        if (candidate.role == Role::kProductOwner && a.role == Role::kProductOwner) {
            Error e = Conflict(
                "the product already has a Product Owner; a product has at most one, so remove "
                "that assignment first");
            e.details.push_back({"role", "product already has a Product Owner"});
            return Fail(std::move(e));
        }
    }
    return {};
}

std::vector<RoleWarning> RoleWarningsFor(std::span<const RoleAssignment> product_roles,
                                         int po_products_of_owner,
                                         const std::string& owner_name) {
    std::vector<RoleWarning> warnings;
    auto po = std::find_if(product_roles.begin(), product_roles.end(), [](const auto& a) {
        return a.role == Role::kProductOwner;
    });
    if (po == product_roles.end()) {
        return warnings;
    }
    bool also_pm = std::any_of(product_roles.begin(), product_roles.end(), [&](const auto& a) {
        return a.role == Role::kProductManager && a.user_id == po->user_id;
    });
    if (also_pm) {
        warnings.push_back({"pm_is_po",
                            po->user_id,
                            owner_name +
                                " is both Product Manager and Product Owner of this product: "
                                "strategy and backlog rest on one person"});
    }
    if (po_products_of_owner > kMaxProductsPerOwner) {
        warnings.push_back({"po_overloaded",
                            po->user_id,
                            owner_name + " is Product Owner of " +
                                std::to_string(po_products_of_owner) + " products (more than " +
                                std::to_string(kMaxProductsPerOwner) + ")"});
    }
    return warnings;
}

int RoleWeight(Role role) { return static_cast<int>(role); }

std::string_view HomePageFor(std::span<const Role> roles) {
    if (roles.empty()) {
        return "portfolio";
    }
    Role best = *std::min_element(
        roles.begin(), roles.end(), [](Role a, Role b) { return RoleWeight(a) < RoleWeight(b); });
    switch (best) {
        case Role::kProductManager:
            return "strategy";
        case Role::kProductOwner:
            return "backlog";
        case Role::kScrumMaster:
            return "sprint";
        case Role::kTeamMember:
            return "board";
        case Role::kStakeholder:
            return "overview";
        case Role::kExecutive:
            return "portfolio";
    }
    return "overview";
}

}  // namespace tl::domain
