// Team: a group of people, optionally working on one product (several teams may work on
// one product). Teams never hold roles: role assignments are per person.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/validation.hpp"

namespace tl::domain {

struct Team {
    std::string id;
    std::string workspace_id;
    std::string name;
    std::string product_id;               // empty: not tied to a product
    std::vector<std::string> member_ids;  // user ids, no duplicates, in given order
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxTeamMembers = 200;

Issues ValidateTeam(const Team& team);

}  // namespace tl::domain
