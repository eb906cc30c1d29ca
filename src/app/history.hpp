// History: the audit events of a product (everything in it) or of one object, newest first,
// with the actor's name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/audit_event.hpp"

namespace tl::app {

struct HistoryEntry {
    domain::AuditEvent event;
    std::string actor_name;  // empty for the system
};

struct HistoryPage {
    std::vector<HistoryEntry> entries;
    std::int64_t next_before = 0;  // 0: no more
};

// The events with their actors' names (one lookup per distinct actor).
std::vector<HistoryEntry> WithActorNames(storage::Tx& tx,
                                         const std::string& workspace_id,
                                         std::vector<domain::AuditEvent> events);

// Requires a readable product (product.read).
Result<HistoryPage> ProductHistory(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& product_id,
                                   std::int64_t before_seq,
                                   int limit);
// An item's history (by id or key): its changes, links, comments and poker rounds.
Result<HistoryPage> ItemHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& item_id,
                                std::int64_t before_seq,
                                int limit);
// A team's history: any user of the workspace.
Result<HistoryPage> TeamHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& team_id,
                                std::int64_t before_seq,
                                int limit);
// A user's history: the admin, or the user themself.
Result<HistoryPage> UserHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& user_id,
                                std::int64_t before_seq,
                                int limit);

}  // namespace tl::app
