// The SkyLift X2 demo's prioritisation (docs/strategy.md, "Prioritisation"): ten X2 features
// scored under RICE, WSJF, value vs effort, MoSCoW and Kano, and the weighted scorecard
// "Inspection market fit" with their ratings. The scores disagree with the Product Owner's manual
// rank in places (the mission planner and fleet updates score higher than their rank, the lighter
// airframe and low-light imaging lower), so the ranked view has something to show. Part of the
// demo seed (demo_seed.cpp), written after the backlog through the prioritisation use cases as
// the people who would have entered it (bob the PO scores, alice the PM keeps the scorecard);
// like the rest of the seed, its events carry no actor.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// `items` are the X2 backlog as SeedDemoBacklog wrote it; `users` maps the demo handles to user
// ids. kInternal when an item the scores refer to is missing (the seeds disagree).
Result<void> SeedDemoPrioritisation(AppContext& ctx,
                                    const std::string& workspace_id,
                                    const domain::Product& product,
                                    const std::vector<domain::Item>& items,
                                    const std::map<std::string, std::string>& users);

}  // namespace tl::app
