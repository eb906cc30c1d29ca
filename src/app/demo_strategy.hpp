// The SkyLift X2 demo's strategy (docs/strategy.md): Alice's vision for the X2, three goals
// with key results and check-ins (a three-year goal to lead AI-powered inspection drones, a
// year goal of 45-minute flights and a half-year goal of the EU C2 label), the initiatives
// serving them, and the epics and features of the demo backlog aligned to them, so the demo
// sprints and releases show real alignment figures. Dates are relative to today, as the
// delivery history's are. Part of the demo seed (demo_seed.cpp); one transaction, written
// after the backlog (demo_backlog.hpp), whose items it reads.
#pragma once

#include <map>
#include <string>

#include "app/context.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the vision, goals, key results, check-ins and initiatives of `product` and aligns its
// epics "Obstacle avoidance" and "45-minute flight time" and its features "EU C2 class label",
// "Geofencing", "4K/60 gimbal camera" and "Survey photo workflow". `users` maps the demo handles
// ("alice", ...) to user ids. kInternal when one of those items is missing (the seeds disagree).
Result<void> SeedDemoStrategy(AppContext& ctx,
                              const std::string& workspace_id,
                              const domain::Product& product,
                              const std::map<std::string, std::string>& users);

}  // namespace tl::app
