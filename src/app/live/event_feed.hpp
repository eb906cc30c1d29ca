// EventFeed: the live view of a workspace's event log for one user — the events after a
// cursor that the user may see, in sequence order. The log is durable and shared by every
// node, so any node can resume a client from its last sequence number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/history.hpp"
#include "domain/audit_event.hpp"
#include "domain/role.hpp"
#include "domain/role_assignment.hpp"

namespace tl::app {

struct FeedBatch {
    std::vector<HistoryEntry> entries;  // visible events, oldest first
    std::int64_t cursor = 0;            // the last sequence number read (visible or not)
    bool more = false;                  // the read stopped at its limit
};

// What reading a product's events of `entity_type` needs: market.read for stakeholders,
// personas, competitors, comparison rows and market notes (docs/strategy.md), product.read for
// everything else.
domain::Action ReadActionOf(std::string_view entity_type);

// The entity types of a product's events that holders of `roles` (and `is_admin`) may not see.
std::vector<std::string> HiddenEntityTypes(const std::vector<domain::Role>& roles, bool is_admin);

// Whether `actor` may see `e`: team and workspace events every member's (teams are listed to
// all); a product's other events need the action ReadActionOf names on it (the role matrix); a
// user's events are the admin's and that user's own; an API token's, the admin's and those of
// the user who made or revoked it (users manage their own tokens).
bool EventVisibleTo(const domain::AuditEvent& e,
                    const Actor& actor,
                    const std::vector<domain::RoleAssignment>& actor_roles);

// Where a new feed starts: after the workspace's newest event. With `product_id`, checks the
// product is readable (kNotFound / kForbidden as for the product itself).
Result<std::int64_t> OpenFeed(AppContext& ctx, const Actor& actor, const std::string& product_id);

// Reads at most `limit` events after `after` and keeps those the actor may see (and, with
// `product_id`, those of that product). Roles are read afresh on each call, so a role granted
// or revoked applies to the next batch.
Result<FeedBatch> ReadFeed(AppContext& ctx,
                           const Actor& actor,
                           const std::string& product_id,
                           std::int64_t after,
                           int limit);

}  // namespace tl::app
