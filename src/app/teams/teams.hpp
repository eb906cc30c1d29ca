// Teams: groups of people, optionally tied to one product. Any user of the workspace reads
// them; the workspace admin creates, changes and deletes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/team.hpp"

namespace tl::app {

struct TeamInput {
    std::optional<std::string> name;
    std::optional<std::string> product_id;  // "" clears it
    std::optional<std::vector<std::string>> member_ids;
    domain::Issues issues;
};

Result<domain::Team> CreateTeam(AppContext& ctx, const Actor& actor, const TeamInput& input);
Result<domain::Team> GetTeam(AppContext& ctx, const Actor& actor, const std::string& id);
Result<std::vector<domain::Team>> ListTeams(AppContext& ctx,
                                            const Actor& actor,
                                            const storage::Page& page);
Result<domain::Team> UpdateTeam(AppContext& ctx,
                                const Actor& actor,
                                const std::string& id,
                                const TeamInput& input,
                                std::optional<std::int64_t> if_match);
Result<void> DeleteTeam(AppContext& ctx, const Actor& actor, const std::string& id);

}  // namespace tl::app
