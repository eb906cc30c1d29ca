// The objects around backlog items: roll-ups, comments, the inbox, planning poker rounds and
// saved views; and what the query language needs to know about a product.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/backlog_settings.hpp"

namespace tl::domain {

// Sums over the descendants of an epic or feature.
struct Rollup {
    double total_points = 0;
    double done_points = 0;
    std::int64_t items = 0;
    std::int64_t done_items = 0;
};

struct Comment {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string item_id;
    std::string author_id;
    std::string body;  // Markdown with @mentions
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxCommentLength = 10'000;

// The @mentions in a comment: the words after '@' (an e-mail address or its local part),
// lower-cased, each once, in order of appearance. An '@' inside a word (an e-mail address in
// running text without a leading '@') is not a mention.
std::vector<std::string> Mentions(std::string_view body);

// One entry of a user's in-app inbox.
struct Notification {
    std::string id;
    std::string workspace_id;
    std::string user_id;
    std::string kind;  // "mention", "watched_change"
    std::string product_id;
    std::string item_id;
    std::string comment_id;
    std::string actor_id;
    std::string summary;
    std::int64_t created_at = 0;
    std::int64_t read_at = 0;  // 0: unread
};

enum class PokerState { kVoting, kRevealed, kClosed };
std::string_view ToString(PokerState state);  // "voting", "revealed", "closed"
std::optional<PokerState> ParsePokerState(std::string_view text);

struct PokerVote {
    std::string round_id;
    std::string user_id;
    double points = 0;
    std::int64_t voted_at = 0;
};

struct PokerRound {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string item_id;
    PokerState state = PokerState::kVoting;
    std::string started_by;
    std::optional<double> final_points;
    std::vector<PokerVote> votes;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t revealed_at = 0;
    std::int64_t closed_at = 0;
};

struct SavedView {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::string owner_id;
    std::string name;
    std::string query;
    bool shared = false;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// What a backlog query needs beyond its text: the product's key and custom fields, who "me"
// is, and the time relative dates count from.
struct ItemQueryContext {
    std::string product_key;
    std::string me_user_id;
    std::int64_t now_ms = 0;
    std::vector<CustomField> fields;
};

}  // namespace tl::domain
