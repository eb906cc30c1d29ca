// Health: whether the server can reach its database.
#pragma once

#include <string>

#include "app/context.hpp"

namespace tl::app {

// The backend's name ("sqlite", "postgres") when a read transaction succeeds; kUnavailable
// (or the driver's error) otherwise.
Result<std::string> CheckHealth(AppContext& ctx);

}  // namespace tl::app
