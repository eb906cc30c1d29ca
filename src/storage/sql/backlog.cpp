// Backlog settings, comments, watchers, the inbox, planning poker and saved views.
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kSelectSettings =
    "SELECT settings, version FROM backlog_settings WHERE workspace_id = ? AND product_id = ?";
constexpr std::string_view kInsertSettings =
    "INSERT INTO backlog_settings (workspace_id, product_id, settings, version, updated_at) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateSettings =
    "UPDATE backlog_settings SET settings = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND product_id = ? AND version = ?";

constexpr std::string_view kCommentColumns =
    "SELECT id, workspace_id, product_id, item_id, author_id, body, version, created_at, "
    "updated_at FROM comments ";
constexpr std::string_view kInsertComment =
    "INSERT INTO comments (id, workspace_id, product_id, item_id, author_id, body, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateComment =
    "UPDATE comments SET body = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kAddWatcher =
    "INSERT INTO item_watchers (workspace_id, item_id, user_id) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kRemoveWatcher =
    "DELETE FROM item_watchers WHERE workspace_id = ? AND item_id = ? AND user_id = ?";
constexpr std::string_view kListWatchers =
    "SELECT user_id FROM item_watchers WHERE workspace_id = ? AND item_id = ? ORDER BY user_id";

constexpr std::string_view kInsertNotification =
    "INSERT INTO notifications (id, workspace_id, user_id, kind, product_id, item_id, "
    "comment_id, actor_id, summary, created_at, read_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kNotificationColumns =
    "SELECT id, workspace_id, user_id, kind, product_id, item_id, comment_id, actor_id, "
    "summary, created_at, read_at FROM notifications ";

constexpr std::string_view kRoundColumns =
    "SELECT id, workspace_id, product_id, item_id, state, started_by, final_points, version, "
    "created_at, revealed_at, closed_at FROM poker_rounds ";
constexpr std::string_view kInsertRound =
    "INSERT INTO poker_rounds (id, workspace_id, product_id, item_id, state, started_by, "
    "final_points, version, created_at, revealed_at, closed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateRound =
    "UPDATE poker_rounds SET state = ?, final_points = ?, version = ?, revealed_at = ?, "
    "closed_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kSelectVotes =
    "SELECT round_id, user_id, points, voted_at FROM poker_votes "
    "WHERE workspace_id = ? AND round_id = ? ORDER BY voted_at, user_id";
constexpr std::string_view kPutVote =
    "INSERT INTO poker_votes (workspace_id, round_id, user_id, points, voted_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, round_id, user_id) "
    "DO UPDATE SET points = excluded.points, voted_at = excluded.voted_at";

constexpr std::string_view kViewColumns =
    "SELECT id, workspace_id, product_id, owner_id, name, query, shared, version, created_at, "
    "updated_at FROM saved_views ";
constexpr std::string_view kInsertView =
    "INSERT INTO saved_views (id, workspace_id, product_id, owner_id, name, query, shared, "
    "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateView =
    "UPDATE saved_views SET name = ?, query = ?, shared = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";

domain::Comment CommentFromRow(const SqlRow& r) {
    domain::Comment c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.item_id = r.Text(3);
    c.author_id = r.Text(4);
    c.body = r.Text(5);
    c.version = r.Int(6);
    c.created_at = r.Int(7);
    c.updated_at = r.Int(8);
    return c;
}

domain::Notification NotificationFromRow(const SqlRow& r) {
    domain::Notification n;
    n.id = r.Text(0);
    n.workspace_id = r.Text(1);
    n.user_id = r.Text(2);
    n.kind = r.Text(3);
    n.product_id = r.Text(4);
    n.item_id = r.Text(5);
    n.comment_id = r.Text(6);
    n.actor_id = r.Text(7);
    n.summary = r.Text(8);
    n.created_at = r.Int(9);
    n.read_at = r.Int(10);
    return n;
}

domain::PokerRound RoundFromRow(const SqlRow& r) {
    domain::PokerRound p;
    p.id = r.Text(0);
    p.workspace_id = r.Text(1);
    p.product_id = r.Text(2);
    p.item_id = r.Text(3);
    p.state = domain::ParsePokerState(r.Text(4)).value_or(domain::PokerState::kClosed);
    p.started_by = r.Text(5);
    p.final_points = r.Real(6);
    p.version = r.Int(7);
    p.created_at = r.Int(8);
    p.revealed_at = r.Int(9);
    p.closed_at = r.Int(10);
    return p;
}

domain::SavedView ViewFromRow(const SqlRow& r) {
    domain::SavedView v;
    v.id = r.Text(0);
    v.workspace_id = r.Text(1);
    v.product_id = r.Text(2);
    v.owner_id = r.Text(3);
    v.name = r.Text(4);
    v.query = r.Text(5);
    v.shared = r.Int(6) != 0;
    v.version = r.Int(7);
    v.created_at = r.Int(8);
    v.updated_at = r.Int(9);
    return v;
}

SqlValue OptionalReal(const std::optional<double>& v) {
    if (!v) {
        return nullptr;
    }
    return *v;
}

}  // namespace

Result<std::optional<StoredSettings>> SqlTx::GetBacklogSettings(const std::string& workspace_id,
                                                                const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectSettings, {workspace_id, product_id}));
    if (rows.empty()) {
        return std::optional<StoredSettings>{};
    }
    return std::optional<StoredSettings>(StoredSettings{rows[0].Text(0), rows[0].Int(1)});
}

Result<void> SqlTx::SaveBacklogSettings(const std::string& workspace_id,
                                        const std::string& product_id,
                                        const StoredSettings& settings,
                                        std::int64_t expected_version,
                                        std::int64_t now) {
    if (expected_version == 0) {
        auto r = conn_.Execute(kInsertSettings,
                               {workspace_id, product_id, settings.json, settings.version, now});
        if (!r && r.error().code == ErrorCode::kConflict) {
            return Fail(MakeError(ErrorCode::kPreconditionFailed,
                                  "the backlog settings were changed meanwhile"));
        }
        TL_TRY(r);
        return {};
    }
    TL_ASSIGN_OR_RETURN(
        auto changed,
        conn_.Execute(
            kUpdateSettings,
            {settings.json, settings.version, now, workspace_id, product_id, expected_version}));
    return CheckVersionedUpdate(changed, true, "backlog settings");
}

Result<void> SqlTx::InsertComment(const domain::Comment& c) {
    TL_TRY(conn_.Execute(kInsertComment,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.item_id,
                          c.author_id,
                          c.body,
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateComment(const domain::Comment& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(
        auto changed,
        conn_.Execute(kUpdateComment,
                      {c.body, c.version, c.updated_at, c.workspace_id, c.id, expected_version}));
    return CheckVersionedUpdate(changed, true, "comment");
}

Result<void> SqlTx::DeleteComment(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM comments WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::Comment> SqlTx::GetComment(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCommentColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("comment"));
    }
    return CommentFromRow(rows[0]);
}

Result<std::vector<domain::Comment>> SqlTx::ListComments(const std::string& workspace_id,
                                                         const std::string& item_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCommentColumns) + "WHERE workspace_id = ? AND item_id = ? "
                                                   "ORDER BY created_at, id",
                    {workspace_id, item_id}));
    std::vector<domain::Comment> out;
    for (const auto& r : rows) {
        out.push_back(CommentFromRow(r));
    }
    return out;
}

Result<void> SqlTx::AddWatcher(const std::string& workspace_id,
                               const std::string& item_id,
                               const std::string& user_id) {
    TL_TRY(conn_.Execute(kAddWatcher, {workspace_id, item_id, user_id}));
    return {};
}

Result<void> SqlTx::RemoveWatcher(const std::string& workspace_id,
                                  const std::string& item_id,
                                  const std::string& user_id) {
    TL_TRY(conn_.Execute(kRemoveWatcher, {workspace_id, item_id, user_id}));
    return {};
}

Result<std::vector<std::string>> SqlTx::ListWatchers(const std::string& workspace_id,
                                                     const std::string& item_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListWatchers, {workspace_id, item_id}));
    std::vector<std::string> out;
    for (const auto& r : rows) {
        out.push_back(r.Text(0));
    }
    return out;
}

Result<void> SqlTx::InsertNotification(const domain::Notification& n) {
    TL_TRY(conn_.Execute(kInsertNotification,
                         {n.id,
                          n.workspace_id,
                          n.user_id,
                          n.kind,
                          n.product_id,
                          n.item_id,
                          NullIfEmpty(n.comment_id),
                          NullIfEmpty(n.actor_id),
                          n.summary,
                          n.created_at,
                          n.read_at}));
    return {};
}

Result<std::vector<domain::Notification>> SqlTx::ListNotifications(const std::string& workspace_id,
                                                                   const std::string& user_id,
                                                                   bool unread_only,
                                                                   const Page& page) {
    // Ids grow with time (NewId), so "newest first" is descending id.
    std::string sql = std::string(kNotificationColumns) + "WHERE workspace_id = ? AND user_id = ?";
    SqlParams params{workspace_id, user_id};
    if (unread_only) {
        sql += " AND read_at = 0";
    }
    if (!page.after.empty()) {
        sql += " AND id < ?";
        params.push_back(page.after);
    }
    sql += " ORDER BY id DESC LIMIT ?";
    params.push_back(std::int64_t{page.limit});
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<domain::Notification> out;
    for (const auto& r : rows) {
        out.push_back(NotificationFromRow(r));
    }
    return out;
}

Result<std::int64_t> SqlTx::CountUnreadNotifications(const std::string& workspace_id,
                                                     const std::string& user_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT COUNT(*) FROM notifications WHERE workspace_id = ? "
                                    "AND user_id = ? AND read_at = 0",
                                    {workspace_id, user_id}));
    return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::int64_t> SqlTx::MarkNotificationsRead(const std::string& workspace_id,
                                                  const std::string& user_id,
                                                  const std::string& id,
                                                  std::int64_t now) {
    if (id.empty()) {
        return conn_.Execute(
            "UPDATE notifications SET read_at = ? WHERE workspace_id = ? "
            "AND user_id = ? AND read_at = 0",
            {now, workspace_id, user_id});
    }
    return conn_.Execute(
        "UPDATE notifications SET read_at = ? WHERE workspace_id = ? "
        "AND user_id = ? AND id = ? AND read_at = 0",
        {now, workspace_id, user_id, id});
}

Result<void> SqlTx::InsertPokerRound(const domain::PokerRound& r) {
    TL_TRY(conn_.Execute(kInsertRound,
                         {r.id,
                          r.workspace_id,
                          r.product_id,
                          r.item_id,
                          std::string(domain::ToString(r.state)),
                          r.started_by,
                          OptionalReal(r.final_points),
                          r.version,
                          r.created_at,
                          r.revealed_at,
                          r.closed_at}));
    return {};
}

Result<void> SqlTx::UpdatePokerRound(const domain::PokerRound& r, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateRound,
                                      {std::string(domain::ToString(r.state)),
                                       OptionalReal(r.final_points),
                                       r.version,
                                       r.revealed_at,
                                       r.closed_at,
                                       r.workspace_id,
                                       r.id,
                                       expected_version}));
    return CheckVersionedUpdate(changed, true, "poker round");
}

Result<domain::PokerRound> SqlTx::GetPokerRound(const std::string& workspace_id,
                                                const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kRoundColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("poker round"));
    }
    auto round = RoundFromRow(rows[0]);
    TL_ASSIGN_OR_RETURN(auto votes, conn_.Query(kSelectVotes, {workspace_id, id}));
    for (const auto& v : votes) {
        round.votes.push_back({v.Text(0), v.Text(1), v.Real(2).value_or(0), v.Int(3)});
    }
    return round;
}

Result<std::optional<domain::PokerRound>> SqlTx::LatestPokerRound(const std::string& workspace_id,
                                                                  const std::string& item_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kRoundColumns) + "WHERE workspace_id = ? AND item_id = ? "
                                                 "ORDER BY created_at DESC, id DESC LIMIT 1",
                    {workspace_id, item_id}));
    if (rows.empty()) {
        return std::optional<domain::PokerRound>{};
    }
    TL_ASSIGN_OR_RETURN(auto round, GetPokerRound(workspace_id, rows[0].Text(0)));
    return std::optional<domain::PokerRound>(std::move(round));
}

Result<void> SqlTx::PutPokerVote(const std::string& workspace_id, const domain::PokerVote& vote) {
    TL_TRY(conn_.Execute(kPutVote,
                         {workspace_id, vote.round_id, vote.user_id, vote.points, vote.voted_at}));
    return {};
}

Result<void> SqlTx::InsertView(const domain::SavedView& v) {
    TL_TRY(conn_.Execute(kInsertView,
                         {v.id,
                          v.workspace_id,
                          v.product_id,
                          v.owner_id,
                          v.name,
                          v.query,
                          std::int64_t{v.shared ? 1 : 0},
                          v.version,
                          v.created_at,
                          v.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateView(const domain::SavedView& v, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateView,
                                      {v.name,
                                       v.query,
                                       std::int64_t{v.shared ? 1 : 0},
                                       v.version,
                                       v.updated_at,
                                       v.workspace_id,
                                       v.id,
                                       expected_version}));
    return CheckVersionedUpdate(changed, true, "view");
}

Result<void> SqlTx::DeleteView(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM saved_views WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::SavedView> SqlTx::GetView(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kViewColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("view"));
    }
    return ViewFromRow(rows[0]);
}

Result<std::vector<domain::SavedView>> SqlTx::ListViews(const std::string& workspace_id,
                                                        const std::string& product_id,
                                                        const std::string& user_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kViewColumns) +
                                        "WHERE workspace_id = ? AND product_id = ? "
                                        "AND (owner_id = ? OR shared = 1) ORDER BY name, id",
                                    {workspace_id, product_id, user_id}));
    std::vector<domain::SavedView> out;
    for (const auto& r : rows) {
        out.push_back(ViewFromRow(r));
    }
    return out;
}

}  // namespace tl::storage
