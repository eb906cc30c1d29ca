// The SkyLift X2 demo's customer voice (docs/strategy.md, "Customer voice"): inspection firms
// and utilities as customers with segments, revenue, regions and contacts; feedback from
// trade-fair visits and customer calls, linked to the X2 epics and features it is about; and
// ideas with the votes of the demo people and of customers. Part of the demo seed
// (demo_seed.cpp), written after the backlog through the customer-voice use cases, as the
// people who would have entered it (alice the PM, bob the PO, erin and dave).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/product.hpp"

namespace tl::app {

// `items` are the X2 backlog as SeedDemoBacklog wrote it; `users` maps the demo handles to
// user ids. kInternal when an item the voice refers to is missing (the seeds disagree).
Result<void> SeedDemoVoice(AppContext& ctx,
                           const std::string& workspace_id,
                           const domain::Product& product,
                           const std::vector<domain::Item>& items,
                           const std::map<std::string, std::string>& users);

}  // namespace tl::app
