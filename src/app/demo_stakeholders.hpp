// The SkyLift X2 demo's stakeholders and decision log (docs/strategy.md, "Stakeholders",
// "Decision log"): the R&D battery lead, marketing, sales, a key inspection customer, the motor
// supplier and the board, with a few weeks of communications; and the decisions behind the
// series, among them "Next series: longer flight time before camera upgrade" with its options
// and rationale, linked to the backlog's epics, the series release, the 45-minute goal and the
// battery initiative. Part of the demo seed (demo_seed.cpp); written in one transaction after
// the delivery history (demo_delivery.hpp) and the strategy (demo_strategy.hpp), which it links.
// Dates follow the seed's day; the events have no actor.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the stakeholders, their communications and the decisions of `product`, whose backlog
// `items` (as SeedDemoBacklog answered them), releases, goal and initiative (demo_strategy.hpp,
// seeded before) the decisions link. `users` maps the demo handles to user ids. kInternal when
// an item, release, goal or initiative the seed names is missing.
Result<void> SeedDemoStakeholders(AppContext& ctx,
                                  const std::string& workspace_id,
                                  const domain::Product& product,
                                  const std::vector<domain::Item>& items,
                                  const std::map<std::string, std::string>& users);

}  // namespace tl::app
