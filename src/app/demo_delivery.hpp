// The delivery side of the SkyLift X2 demo (docs/delivery.md): team Falcon's two completed
// sprints and its active one, a release shipped to the pilot customers and the upcoming series
// release with its test plan. Part of the demo seed (demo_seed.cpp); written in one
// transaction after the backlog (demo_backlog.hpp), whose items it plans.
//
// Dates follow the seed's day (the clock's now, UTC), so every new demo shows the same story:
// Sprint 3 is active since the Monday at least three days before the seed and ends on the
// Friday of the week after; Sprint 1 and Sprint 2 are the two-week sprints (Monday to the
// Friday of the next week) before it, each with items done on different days, one left
// unfinished and carried over, and scope changes after the start. Sprint 3 requires the
// Product Owner's approval for scope changes: it has an accepted change request (an urgent
// bug added), a re-estimate and an open request. Release 0.9 "Pilot series" was released on
// Sprint 3's second day; release 2.0 "Series launch", about a month ahead, has a test plan
// whose runs pass but for one failing case, so its readiness reads not ready. The seed's
// events have no actor (the system wrote them) and the seed's time; the objects keep their
// demo people and their times in the past.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the sprints of `team_id`, the releases and the test plan into `product`, whose
// backlog `items` (as SeedDemoBacklog answered them) it plans; the items it plans, finishes or
// re-estimates are updated. `users` maps the demo handles ("bob", "carol", "dave", ...) to
// user ids. kInternal when the backlog lacks an item the seed names (the two seeds disagree).
Result<void> SeedDemoDelivery(AppContext& ctx,
                              const std::string& workspace_id,
                              const domain::Product& product,
                              const std::string& team_id,
                              const std::vector<domain::Item>& items,
                              const std::map<std::string, std::string>& users);

}  // namespace tl::app
