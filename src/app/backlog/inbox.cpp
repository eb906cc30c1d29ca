#include "app/backlog/inbox.hpp"

#include <map>

#include "app/serialize.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

json::object ToJson(const InboxEntry& entry) {
    const auto& n = entry.notification;
    json::value item = nullptr;
    if (entry.item) {
        item = json::object{
            {"id", entry.item->id}, {"key", entry.item->key}, {"title", entry.item->title}};
    }
    json::value actor = nullptr;
    if (!n.actor_id.empty()) {
        actor = json::object{{"id", n.actor_id}, {"name", entry.actor_name}};
    }
    return json::object{
        {"id", n.id},
        {"kind", n.kind},
        {"item", std::move(item)},
        {"product_id", n.product_id.empty() ? json::value(nullptr) : json::value(n.product_id)},
        {"comment_id", n.comment_id.empty() ? json::value(nullptr) : json::value(n.comment_id)},
        {"actor", std::move(actor)},
        {"summary", n.summary},
        {"created_at", FormatTime(n.created_at)},
        {"read_at", TimeOrNull(n.read_at)}};
}

Result<InboxPage> ListInbox(
    AppContext& ctx, const Actor& actor, bool unread_only, const std::string& cursor, int limit) {
    InboxPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto notes,
            tx.ListNotifications(
                actor.workspace_id, actor.user_id, unread_only, {cursor, limit + 1}));
        if (static_cast<int>(notes.size()) > limit) {
            notes.resize(static_cast<std::size_t>(limit));
            page.next_cursor = notes.back().id;
        }
        TL_ASSIGN_OR_RETURN(page.unread,
                            tx.CountUnreadNotifications(actor.workspace_id, actor.user_id));

        // One query for the items, one lookup per distinct product and actor.
        std::vector<std::string> item_ids;
        for (const auto& n : notes) {
            if (!n.item_id.empty()) {
                item_ids.push_back(n.item_id);
            }
        }
        TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(actor.workspace_id, item_ids));
        std::map<std::string, domain::Item> items_by_id;
        for (auto& i : items) {
            items_by_id.emplace(i.id, std::move(i));
        }
        std::map<std::string, std::string> product_keys;
        UserNames names(tx, actor.workspace_id);
        for (auto& n : notes) {
            InboxEntry e;
            if (auto it = items_by_id.find(n.item_id); it != items_by_id.end()) {
                const domain::Item& item = it->second;
                auto key = product_keys.find(item.product_id);
                if (key == product_keys.end()) {
                    auto product = tx.GetProduct(actor.workspace_id, item.product_id);
                    key = product_keys.emplace(item.product_id, product ? product->key : "").first;
                }
                e.item = ItemRef{item.id,
                                 domain::ItemKey(key->second, item.number),
                                 item.title,
                                 item.type,
                                 item.status};
            }
            e.actor_name = names.Of(n.actor_id);
            e.notification = std::move(n);
            page.entries.push_back(std::move(e));
        }
        return {};
    }));
    return page;
}

Result<void> MarkInboxRead(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.GetNotification(actor.workspace_id, actor.user_id, id));
        TL_TRY(tx.MarkNotificationsRead(actor.workspace_id, actor.user_id, id, now));
        return {};
    });
}

Result<std::int64_t> MarkInboxAllRead(AppContext& ctx, const Actor& actor) {
    const std::int64_t now = ctx.clock.NowMs();
    std::int64_t changed = 0;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(changed,
                            tx.MarkNotificationsRead(actor.workspace_id, actor.user_id, "", now));
        return {};
    }));
    return changed;
}

}  // namespace tl::app
