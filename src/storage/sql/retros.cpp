// Retrospectives: cards with their votes, and action items (a sprint's, and a team's open ones).
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kCardColumns =
    "SELECT id, workspace_id, product_id, sprint_id, column_key, text, author_id, version, "
    "created_at, updated_at FROM retro_cards ";
constexpr std::string_view kInsertCard =
    "INSERT INTO retro_cards (id, workspace_id, product_id, sprint_id, column_key, text, "
    "author_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateCard =
    "UPDATE retro_cards SET column_key = ?, text = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kCardExists =
    "SELECT 1 FROM retro_cards WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kCardsOfSprint =
    "WHERE workspace_id = ? AND sprint_id = ? ORDER BY created_at, id";

constexpr std::string_view kDeleteVote =
    "DELETE FROM retro_votes WHERE workspace_id = ? AND card_id = ? AND user_id = ?";
constexpr std::string_view kInsertVote =
    "INSERT INTO retro_votes (workspace_id, card_id, sprint_id, user_id, created_at) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kVotesOfSprint =
    "SELECT card_id, user_id FROM retro_votes WHERE workspace_id = ? AND sprint_id = ? "
    "ORDER BY card_id, created_at, user_id";

constexpr std::string_view kActionColumns =
    "SELECT id, workspace_id, product_id, sprint_id, team_id, text, owner_id, card_id, done, "
    "done_at, done_by, created_by, version, created_at, updated_at FROM retro_actions ";
constexpr std::string_view kInsertAction =
    "INSERT INTO retro_actions (id, workspace_id, product_id, sprint_id, team_id, text, "
    "owner_id, card_id, done, done_at, done_by, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateAction =
    "UPDATE retro_actions SET text = ?, owner_id = ?, card_id = ?, done = ?, done_at = ?, "
    "done_by = ?, version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kActionExists =
    "SELECT 1 FROM retro_actions WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kActionsOfSprint =
    "WHERE workspace_id = ? AND sprint_id = ? ORDER BY created_at, id";
// Through retro_actions_open_by_team.
constexpr std::string_view kOpenActionsOfTeam =
    "WHERE workspace_id = ? AND product_id = ? AND team_id = ? AND done = 0 "
    "ORDER BY created_at, id";

domain::RetroCard CardFromRow(const SqlRow& r) {
    domain::RetroCard c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.sprint_id = r.Text(3);
    c.column = domain::ParseRetroColumn(r.Text(4)).value_or(domain::RetroColumn::kWentWell);
    c.text = r.Text(5);
    c.author_id = r.Text(6);
    c.version = r.Int(7);
    c.created_at = r.Int(8);
    c.updated_at = r.Int(9);
    return c;
}

domain::RetroAction ActionFromRow(const SqlRow& r) {
    domain::RetroAction a;
    a.id = r.Text(0);
    a.workspace_id = r.Text(1);
    a.product_id = r.Text(2);
    a.sprint_id = r.Text(3);
    a.team_id = r.Text(4);
    a.text = r.Text(5);
    a.owner_id = r.Text(6);
    a.card_id = r.Text(7);
    a.done = r.Int(8) != 0;
    a.done_at = r.Int(9);
    a.done_by = r.Text(10);
    a.created_by = r.Text(11);
    a.version = r.Int(12);
    a.created_at = r.Int(13);
    a.updated_at = r.Int(14);
    return a;
}

std::vector<domain::RetroAction> ActionsFromRows(const std::vector<SqlRow>& rows) {
    std::vector<domain::RetroAction> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(ActionFromRow(r));
    }
    return out;
}

}  // namespace

Result<void> SqlTx::InsertRetroCard(const domain::RetroCard& c) {
    TL_TRY(conn_.Execute(kInsertCard,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.sprint_id,
                          std::string(domain::ToString(c.column)),
                          c.text,
                          c.author_id,
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateRetroCard(const domain::RetroCard& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateCard,
                                      {std::string(domain::ToString(c.column)),
                                       c.text,
                                       c.version,
                                       c.updated_at,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCardExists, {c.workspace_id, c.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "retro card");
}

Result<void> SqlTx::DeleteRetroCard(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM retro_votes WHERE workspace_id = ? AND card_id = ?",
        "UPDATE retro_actions SET card_id = NULL WHERE workspace_id = ? AND card_id = ?",
        "DELETE FROM retro_cards WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::RetroCard> SqlTx::GetRetroCard(const std::string& workspace_id,
                                              const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kCardColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("retro card"));
    }
    return CardFromRow(rows[0]);
}

Result<std::vector<domain::RetroCard>> SqlTx::ListRetroCards(const std::string& workspace_id,
                                                             const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kCardColumns) + std::string(kCardsOfSprint),
                                    {workspace_id, sprint_id}));
    std::vector<domain::RetroCard> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(CardFromRow(r));
    }
    return out;
}

Result<bool> SqlTx::ToggleRetroVote(const std::string& workspace_id,
                                    const domain::RetroCard& card,
                                    const std::string& user_id,
                                    std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto removed, conn_.Execute(kDeleteVote, {workspace_id, card.id, user_id}));
    if (removed > 0) {
        return false;
    }
    TL_TRY(conn_.Execute(kInsertVote, {workspace_id, card.id, card.sprint_id, user_id, now}));
    return true;
}

Result<std::vector<domain::RetroVote>> SqlTx::ListRetroVotes(const std::string& workspace_id,
                                                             const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kVotesOfSprint, {workspace_id, sprint_id}));
    std::vector<domain::RetroVote> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({r.Text(0), r.Text(1)});
    }
    return out;
}

Result<void> SqlTx::InsertRetroAction(const domain::RetroAction& a) {
    TL_TRY(conn_.Execute(kInsertAction,
                         {a.id,
                          a.workspace_id,
                          a.product_id,
                          a.sprint_id,
                          a.team_id,
                          a.text,
                          NullIfEmpty(a.owner_id),
                          NullIfEmpty(a.card_id),
                          static_cast<std::int64_t>(a.done ? 1 : 0),
                          a.done_at,
                          NullIfEmpty(a.done_by),
                          NullIfEmpty(a.created_by),
                          a.version,
                          a.created_at,
                          a.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateRetroAction(const domain::RetroAction& a, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateAction,
                                      {a.text,
                                       NullIfEmpty(a.owner_id),
                                       NullIfEmpty(a.card_id),
                                       static_cast<std::int64_t>(a.done ? 1 : 0),
                                       a.done_at,
                                       NullIfEmpty(a.done_by),
                                       a.version,
                                       a.updated_at,
                                       a.workspace_id,
                                       a.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kActionExists, {a.workspace_id, a.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "retro action");
}

Result<domain::RetroAction> SqlTx::GetRetroAction(const std::string& workspace_id,
                                                  const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kActionColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("retro action"));
    }
    return ActionFromRow(rows[0]);
}

Result<std::vector<domain::RetroAction>> SqlTx::ListRetroActions(const std::string& workspace_id,
                                                                 const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kActionColumns) + std::string(kActionsOfSprint),
                                    {workspace_id, sprint_id}));
    return ActionsFromRows(rows);
}

Result<std::vector<domain::RetroAction>> SqlTx::ListOpenRetroActions(
    const std::string& workspace_id, const std::string& product_id, const std::string& team_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kActionColumns) + std::string(kOpenActionsOfTeam),
                                    {workspace_id, product_id, team_id}));
    return ActionsFromRows(rows);
}

}  // namespace tl::storage
