// Comments on backlog items with @mentions, watchers, and the notifications both produce.
// Anyone with a role on the item's product may read and comment (feedback.write); only the
// author edits or deletes a comment. Every comment write is an event of the item (entity
// "item"), so the item's history shows it, and refreshes the item's search document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/backlog.hpp"
#include "domain/item.hpp"

namespace tl::app {

// A person as answers name them: {"id", "name"}.
struct UserRef {
    std::string id;
    std::string name;
};

struct CommentView {
    domain::Comment comment;
    std::string author_name;
    std::vector<UserRef> mentions;  // the users the body mentions who hold a role on the product
};

struct CommentInput {
    std::optional<std::string> body;
    domain::Issues issues;  // problems found while reading the input
};

// {id, item_id, product_id, author:{id,name}, body, mentions:[{id,name}], version,
// created_at, updated_at}: the API answer and the audit snapshot.
boost::json::object ToJson(const CommentView& view);

// `item` is an item id or key. Oldest first.
Result<std::vector<CommentView>> ListComments(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& item);
// Adds the comment, makes the author a watcher, and notifies the mentioned users ("mention")
// and the other watchers ("comment"), never the author.
Result<CommentView> AddComment(AppContext& ctx,
                               const Actor& actor,
                               const std::string& item,
                               const CommentInput& input);
// The author only (kForbidden for anyone else). Users newly mentioned by the edit are
// notified.
Result<CommentView> EditComment(AppContext& ctx,
                                const Actor& actor,
                                const std::string& comment_id,
                                const CommentInput& input,
                                std::optional<std::int64_t> if_match);
Result<CommentView> GetComment(AppContext& ctx, const Actor& actor, const std::string& comment_id);
Result<void> DeleteComment(AppContext& ctx, const Actor& actor, const std::string& comment_id);

// Watching an item (product.read); watching twice or unwatching an unwatched item is fine.
Result<void> WatchItem(AppContext& ctx, const Actor& actor, const std::string& item);
Result<void> UnwatchItem(AppContext& ctx, const Actor& actor, const std::string& item);
Result<std::vector<UserRef>> ListWatchers(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& item);

// Gives every watcher of `item` except the actor an inbox entry of kind "watched_change"
// with `summary` (when empty: "<actor> changed <key>: <title>"), inside the caller's transaction.
// Watchers who no longer hold a role on the product (and are not admins) are skipped: the entry
// would show them what they may not read.
Result<void> NotifyWatchers(storage::Tx& tx,
                            const Actor& actor,
                            const domain::Item& item,
                            std::string_view product_key,
                            const std::string& summary,
                            std::int64_t now);

// The first `max_chars` code points of `text` on one line (newlines become spaces), with "…"
// when cut: what inbox summaries quote.
std::string Excerpt(std::string_view text, std::size_t max_chars);

}  // namespace tl::app
