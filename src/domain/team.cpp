#include "domain/team.hpp"

#include <set>

#include "domain/user.hpp"

namespace tl::domain {

Issues ValidateTeam(const Team& team) {
    Issues issues;
    CheckLine(issues, "name", team.name, 1, kMaxNameLength);
    if (team.member_ids.size() > kMaxTeamMembers) {
        issues.push_back(
            {"member_ids", "must list at most " + std::to_string(kMaxTeamMembers) + " people"});
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < team.member_ids.size(); ++i) {
        if (!seen.insert(team.member_ids[i]).second) {
            issues.push_back({"member_ids." + std::to_string(i), "is listed twice"});
        }
    }
    return issues;
}

}  // namespace tl::domain
