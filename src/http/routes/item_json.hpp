// An item as the API shows it (GET /items/{id}): every stored field, custom fields by key,
// and the assignee, parent, links, roll-up, flags and readiness of its view. Shared by the
// routes that answer items (items, board).
#pragma once

#include <boost/json.hpp>

#include "app/backlog/items.hpp"

namespace tl::http {

boost::json::object ItemJson(const app::ItemView& view);

}  // namespace tl::http
