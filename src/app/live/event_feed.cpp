#include "app/live/event_feed.hpp"

#include "app/access.hpp"
#include "domain/role.hpp"

namespace tl::app {
namespace {

struct EntityReadAction {
    std::string_view entity_type;
    domain::Action action;
};

// The events of a product that need more than product.read; the rest need product.read.
constexpr EntityReadAction kRestrictedEntities[] = {
    {"stakeholder", domain::Action::kMarketRead},
    {"persona", domain::Action::kMarketRead},
    {"competitor", domain::Action::kMarketRead},
    {"comparison_row", domain::Action::kMarketRead},
    {"market_note", domain::Action::kMarketRead},
};

}  // namespace

domain::Action ReadActionOf(std::string_view entity_type) {
    for (const auto& e : kRestrictedEntities) {
        if (e.entity_type == entity_type) {
            return e.action;
        }
    }
    return domain::Action::kProductRead;
}

std::vector<std::string> HiddenEntityTypes(const std::vector<domain::Role>& roles, bool is_admin) {
    std::vector<std::string> hidden;
    for (const auto& e : kRestrictedEntities) {
        if (!domain::Allows(roles, is_admin, e.action)) {
            hidden.emplace_back(e.entity_type);
        }
    }
    return hidden;
}

bool EventVisibleTo(const domain::AuditEvent& e,
                    const Actor& actor,
                    const std::vector<domain::RoleAssignment>& actor_roles) {
    if (e.workspace_id != actor.workspace_id) {
        return false;
    }
    // Teams are listed to every member of the workspace, whichever product they work on.
    if (e.entity_type == "team") {
        return true;
    }
    if (!e.product_id.empty()) {
        return domain::Allows(
            RolesIn(actor_roles, e.product_id), actor.is_admin, ReadActionOf(e.entity_type));
    }
    if (e.entity_type == "user") {
        return MayReadAccount(actor, e.entity_id);
    }
    if (e.entity_type == "api_token") {
        return MayReadAccount(actor, e.actor_id);  // users make and revoke their own tokens
    }
    return true;
}

Result<std::int64_t> OpenFeed(AppContext& ctx, const Actor& actor, const std::string& product_id) {
    std::int64_t head = 0;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        if (!product_id.empty()) {
            TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        }
        TL_ASSIGN_OR_RETURN(head, tx.LatestEventSeq(actor.workspace_id));
        return {};
    }));
    return head;
}

Result<FeedBatch> ReadFeed(AppContext& ctx,
                           const Actor& actor,
                           const std::string& product_id,
                           std::int64_t after,
                           int limit) {
    FeedBatch batch;
    batch.cursor = after;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto events, tx.ListEventsAfter(actor.workspace_id, after, limit));
        if (events.empty()) {
            return {};
        }
        batch.cursor = events.back().seq;
        batch.more = static_cast<int>(events.size()) >= limit;
        TL_ASSIGN_OR_RETURN(auto roles, tx.ListRolesOfUser(actor.workspace_id, actor.user_id));
        std::vector<domain::AuditEvent> visible;
        for (auto& e : events) {
            if ((product_id.empty() || e.product_id == product_id) &&
                EventVisibleTo(e, actor, roles)) {
                visible.push_back(std::move(e));
            }
        }
        batch.entries = WithActorNames(tx, actor.workspace_id, std::move(visible));
        return {};
    }));
    return batch;
}

}  // namespace tl::app
