#include "app/audit.hpp"

#include "app/serialize.hpp"

namespace tl::app {

Result<void> RecordEvent(storage::Tx& tx,
                         const std::string& workspace_id,
                         const std::string& actor_id,
                         std::int64_t now_ms,
                         const AuditEntry& entry) {
    domain::AuditEvent e;
    e.workspace_id = workspace_id;
    e.product_id = entry.product_id;
    e.entity_type = entry.entity_type;
    e.entity_id = entry.entity_id;
    e.action = entry.action;
    e.actor_id = actor_id;
    e.at = now_ms;
    e.changes = boost::json::serialize(Diff(entry.before, entry.after));
    return tx.AppendEvent(e);
}

std::string EventActorId(const Actor& actor) { return actor.seed ? std::string() : actor.user_id; }

Result<void> RecordEvent(storage::Tx& tx,
                         const Actor& actor,
                         std::int64_t now_ms,
                         const AuditEntry& entry) {
    return RecordEvent(tx, actor.workspace_id, EventActorId(actor), now_ms, entry);
}

}  // namespace tl::app
