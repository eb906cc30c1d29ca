// The SkyLift X2 demo's market and competition (docs/strategy.md, "Market and competition"):
// three personas linked to the X2 features and the feedback that speaks for them, three
// competitors (DJI Matrice 350 RTK, Skydio X10, Parrot ANAFI USA), the comparison matrix of
// the X2's capabilities against theirs, and research notes and trends with their sources. Part
// of the demo seed (demo_seed.cpp), written in one transaction after the customer voice
// (demo_voice.hpp), whose feedback the personas link. Dates follow the seed's day; the events
// have no actor.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the personas, competitors, comparison rows and cells, and market notes of `product`,
// whose backlog `items` (as SeedDemoBacklog answered them) the personas and rows link. `users`
// maps the demo handles to user ids. kInternal when an item or feedback the seed names is
// missing.
Result<void> SeedDemoMarket(AppContext& ctx,
                            const std::string& workspace_id,
                            const domain::Product& product,
                            const std::vector<domain::Item>& items,
                            const std::map<std::string, std::string>& users);

}  // namespace tl::app
