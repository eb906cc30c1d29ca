// Audit: every write appends one event, inside the write's own transaction, with who did
// what to which object and the before → after diff.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "storage/store.hpp"

namespace tl::app {

struct AuditEntry {
    std::string entity_type;
    std::string entity_id;
    std::string product_id;      // empty when not product-scoped
    std::string action;          // "created", "updated", "deleted", ...
    boost::json::object before;  // empty for "created"
    boost::json::object after;   // empty for "deleted"
};

// Appends the event. `actor_id` may be empty for the system (seed, CLI).
Result<void> RecordEvent(storage::Tx& tx,
                         const std::string& workspace_id,
                         const std::string& actor_id,
                         std::int64_t now_ms,
                         const AuditEntry& entry);

// The actor id an event of `actor` carries: the user's, or empty for the demo seed.
std::string EventActorId(const Actor& actor);

// Appends the event of `actor`'s write (no actor for the demo seed, see Actor::seed).
Result<void> RecordEvent(storage::Tx& tx,
                         const Actor& actor,
                         std::int64_t now_ms,
                         const AuditEntry& entry);

}  // namespace tl::app
