// Workspace: the tenant. Every other record carries its workspace_id.
#pragma once

#include <cstdint>
#include <string>

namespace tl::domain {

struct Workspace {
    std::string id;
    std::string name;
    std::int64_t created_at = 0;  // ms since the Unix epoch, UTC
};

}  // namespace tl::domain
