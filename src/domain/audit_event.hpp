// AuditEvent: one entry of the append-only event log that every write adds to in its own
// transaction. It feeds history, and later live updates and webhooks.
#pragma once

#include <cstdint>
#include <string>

namespace tl::domain {

struct AuditEvent {
    std::int64_t seq = 0;  // assigned by storage, increasing
    std::string workspace_id;
    std::string product_id;   // empty when the entity belongs to no product
    std::string entity_type;  // "product", "user", "team", "role_assignment", "api_token"
    std::string entity_id;
    std::string action;    // "created", "updated", "deleted", "revoked", ...
    std::string actor_id;  // user id; empty for the system (seed, CLI without user)
    std::int64_t at = 0;   // ms since the Unix epoch
    std::string changes;   // JSON object: {"field": {"before": x, "after": y}, ...}
};

}  // namespace tl::domain
