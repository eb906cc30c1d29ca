// The inbox: a user's notifications (mentions, comments on and changes to watched items).
// Every user reads and marks only their own; another user's entry is not found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/backlog/items.hpp"
#include "app/context.hpp"
#include "domain/backlog.hpp"

namespace tl::app {

struct InboxEntry {
    domain::Notification notification;
    std::optional<ItemRef> item;  // nullopt when the item has been deleted since
    std::string actor_name;
};

struct InboxPage {
    std::vector<InboxEntry> entries;  // newest first
    std::string next_cursor;          // "" on the last page
    std::int64_t unread = 0;          // over the whole inbox
};

// {id, kind, item:{id,key,title}|null, product_id, comment_id, actor:{id,name}, summary,
// created_at, read_at}.
boost::json::object ToJson(const InboxEntry& entry);

Result<InboxPage> ListInbox(
    AppContext& ctx, const Actor& actor, bool unread_only, const std::string& cursor, int limit);
// Marks one of the actor's entries read (again is fine); kNotFound for anyone else's.
Result<void> MarkInboxRead(AppContext& ctx, const Actor& actor, const std::string& id);
// Marks every entry of the actor's inbox read; returns how many were unread.
Result<std::int64_t> MarkInboxAllRead(AppContext& ctx, const Actor& actor);

}  // namespace tl::app
