// The SkyLift X2 demo backlog: six epics with their features, stories, bugs, spikes, tech-debt
// and tasks, some in progress or done, with links, custom fields and comments. Part of the demo
// seed (demo_seed.cpp); written in one transaction.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the backlog into `product` (which has no items yet) and answers the items as written,
// in rank order. `users` maps the demo handles ("alice", "bob", ...) to user ids.
Result<std::vector<domain::Item>> SeedDemoBacklog(AppContext& ctx,
                                                  const std::string& workspace_id,
                                                  const domain::Product& product,
                                                  const std::map<std::string, std::string>& users);

}  // namespace tl::app
