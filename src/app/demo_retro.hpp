// The SkyLift X2 demo's retrospectives (docs/delivery.md, "Retrospectives"): team Falcon's
// retrospectives of Sprint 1 and Sprint 2, held on each sprint's last afternoon, with cards in
// the three columns, votes and action items with owners. One action of Sprint 1 is still open,
// so it is carried onto the later retrospectives; one of Sprint 2's ("turn on change
// requests") is done, which is why Sprint 3 requires the Product Owner's approval. Part of the
// demo seed (demo_seed.cpp); written in one transaction after the delivery history
// (demo_delivery.hpp), whose sprints it reads.
#pragma once

#include <map>
#include <string>

#include "app/context.hpp"
#include "domain/product.hpp"

namespace tl::app {

// Writes the retrospectives of `product`'s completed sprints "Sprint 1" and "Sprint 2".
// `users` maps the demo handles ("bob", "carol", "dave") to user ids. kInternal when one of
// the sprints is missing (the seeds disagree).
Result<void> SeedDemoRetros(AppContext& ctx,
                            const std::string& workspace_id,
                            const domain::Product& product,
                            const std::map<std::string, std::string>& users);

}  // namespace tl::app
