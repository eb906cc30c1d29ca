#include "app/history.hpp"

#include "app/access.hpp"
#include "app/backlog/items.hpp"
#include "app/live/event_feed.hpp"
#include "app/user_names.hpp"

namespace tl::app {
namespace {

Result<HistoryPage> Load(storage::Tx& tx, const Actor& actor, storage::EventFilter filter) {
    HistoryPage page;
    const int limit = filter.limit;
    filter.limit = limit + 1;  // one more tells whether there is a next page
    TL_ASSIGN_OR_RETURN(auto events, tx.ListEvents(actor.workspace_id, filter));
    if (static_cast<int>(events.size()) > limit) {
        events.resize(limit);
        page.next_before = events.back().seq;
    }
    page.entries = WithActorNames(tx, actor.workspace_id, std::move(events));
    return page;
}

storage::EventFilter EntityFilter(std::string entity_type,
                                  std::string entity_id,
                                  std::int64_t before_seq,
                                  int limit) {
    storage::EventFilter filter;
    filter.entity_type = std::move(entity_type);
    filter.entity_id = std::move(entity_id);
    filter.before_seq = before_seq;
    filter.limit = limit;
    return filter;
}

}  // namespace

std::vector<HistoryEntry> WithActorNames(storage::Tx& tx,
                                         const std::string& workspace_id,
                                         std::vector<domain::AuditEvent> events) {
    std::vector<HistoryEntry> entries;
    entries.reserve(events.size());
    UserNames names(tx, workspace_id);
    for (auto& e : events) {
        std::string name = names.Of(e.actor_id);
        if (name.empty() && !e.actor_id.empty()) {
            name = "(removed user)";
        }
        entries.push_back({std::move(e), std::move(name)});
    }
    return entries;
}

Result<HistoryPage> ProductHistory(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& product_id,
                                   std::int64_t before_seq,
                                   int limit) {
    HistoryPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead, &roles));
        storage::EventFilter filter;
        filter.product_id = product_id;
        filter.hidden_entity_types = HiddenEntityTypes(roles, actor.is_admin);
        filter.before_seq = before_seq;
        filter.limit = limit;
        TL_ASSIGN_OR_RETURN(page, Load(tx, actor, filter));
        return {};
    }));
    return page;
}

Result<HistoryPage> ItemHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& item_id,
                                std::int64_t before_seq,
                                int limit) {
    HistoryPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item,
                            AuthorizeItem(tx, actor, item_id, domain::Action::kProductRead));
        storage::EventFilter filter;
        filter.entity_type = "item";
        filter.entity_id = item.id;
        filter.before_seq = before_seq;
        filter.limit = limit;
        TL_ASSIGN_OR_RETURN(page, Load(tx, actor, filter));
        return {};
    }));
    return page;
}

Result<HistoryPage> TeamHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& team_id,
                                std::int64_t before_seq,
                                int limit) {
    HistoryPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.GetTeam(actor.workspace_id, team_id));
        TL_ASSIGN_OR_RETURN(page,
                            Load(tx, actor, EntityFilter("team", team_id, before_seq, limit)));
        return {};
    }));
    return page;
}

Result<HistoryPage> UserHistory(AppContext& ctx,
                                const Actor& actor,
                                const std::string& user_id,
                                std::int64_t before_seq,
                                int limit) {
    HistoryPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.GetUser(actor.workspace_id, user_id));
        if (!MayReadAccount(actor, user_id)) {
            return Fail(
                Forbidden("only a workspace administrator may read another user's history"));
        }
        TL_ASSIGN_OR_RETURN(page,
                            Load(tx, actor, EntityFilter("user", user_id, before_seq, limit)));
        return {};
    }));
    return page;
}

}  // namespace tl::app
