// Prioritisation: scorecards with their criteria, item scores per model, their history, and the
// product's items as the ranked comparison reads them.
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kScorecardColumns =
    "SELECT id, workspace_id, product_id, name, created_by, version, created_at, updated_at "
    "FROM scorecards ";
constexpr std::string_view kInsertScorecard =
    "INSERT INTO scorecards (id, workspace_id, product_id, name, created_by, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateScorecard =
    "UPDATE scorecards SET name = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kScorecardExists =
    "SELECT 1 FROM scorecards WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kDeleteCriteria =
    "DELETE FROM scorecard_criteria WHERE workspace_id = ? AND scorecard_id = ?";
constexpr std::string_view kInsertCriterion =
    "INSERT INTO scorecard_criteria (workspace_id, scorecard_id, id, position, name, weight) "
    "VALUES (?, ?, ?, ?, ?, ?)";

constexpr std::string_view kScoreColumns =
    "SELECT workspace_id, item_id, product_id, model, inputs, score, version, updated_by, "
    "updated_at FROM item_scores ";
constexpr std::string_view kPutScore =
    "INSERT INTO item_scores (workspace_id, item_id, product_id, model, inputs, score, version, "
    "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (workspace_id, item_id, model) DO UPDATE SET inputs = excluded.inputs, "
    "score = excluded.score, version = excluded.version, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kDeleteScore =
    "DELETE FROM item_scores WHERE workspace_id = ? AND item_id = ? AND model = ?";

constexpr std::string_view kInsertChange =
    "INSERT INTO item_score_history (id, workspace_id, product_id, item_id, model, change_kind, "
    "inputs, score, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kChangesOfItem =
    "SELECT id, workspace_id, product_id, item_id, model, change_kind, inputs, score, "
    "changed_by, changed_at FROM item_score_history "
    "WHERE workspace_id = ? AND item_id = ? AND model = ? "
    "ORDER BY changed_at DESC, id DESC LIMIT ?";

domain::Scorecard ScorecardFromRow(const SqlRow& r) {
    domain::Scorecard c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.name = r.Text(3);
    c.created_by = r.Text(4);
    c.version = r.Int(5);
    c.created_at = r.Int(6);
    c.updated_at = r.Int(7);
    return c;
}

domain::ItemScore ScoreFromRow(const SqlRow& r) {
    domain::ItemScore s;
    s.workspace_id = r.Text(0);
    s.item_id = r.Text(1);
    s.product_id = r.Text(2);
    s.model = r.Text(3);
    s.inputs = r.Text(4);
    s.score = r.Real(5);
    s.version = r.Int(6);
    s.updated_by = r.Text(7);
    s.updated_at = r.Int(8);
    return s;
}

std::vector<domain::ItemScore> ScoresFromRows(const std::vector<SqlRow>& rows) {
    std::vector<domain::ItemScore> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(ScoreFromRow(r));
    }
    return out;
}

}  // namespace

Result<void> SqlTx::WriteScorecardCriteria(const domain::Scorecard& card) {
    TL_TRY(conn_.Execute(kDeleteCriteria, {card.workspace_id, card.id}));
    std::int64_t position = 0;
    for (const auto& c : card.criteria) {
        TL_TRY(conn_.Execute(kInsertCriterion,
                             {card.workspace_id, card.id, c.id, position++, c.name, c.weight}));
    }
    return {};
}

Result<void> SqlTx::LoadScorecardCriteria(const std::string& workspace_id,
                                          std::vector<domain::Scorecard>& cards) {
    if (cards.empty()) {
        return {};
    }
    std::vector<std::string> ids;
    for (const auto& c : cards) {
        ids.push_back(c.id);
    }
    const std::string sql =
        "SELECT scorecard_id, id, name, weight FROM scorecard_criteria WHERE workspace_id = ? "
        "AND scorecard_id IN (" +
        Placeholders(ids.size()) + ") ORDER BY scorecard_id, position";
    SqlParams params{workspace_id};
    for (const auto& id : ids) {
        params.push_back(id);
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    for (const auto& r : rows) {
        for (auto& c : cards) {
            if (c.id == r.Text(0)) {
                c.criteria.push_back({r.Text(1), r.Text(2), r.Real(3).value_or(1)});
                break;
            }
        }
    }
    return {};
}

Result<void> SqlTx::InsertScorecard(const domain::Scorecard& card) {
    TL_TRY(conn_.Execute(kInsertScorecard,
                         {card.id,
                          card.workspace_id,
                          card.product_id,
                          card.name,
                          NullIfEmpty(card.created_by),
                          card.version,
                          card.created_at,
                          card.updated_at}));
    return WriteScorecardCriteria(card);
}

Result<void> SqlTx::UpdateScorecard(const domain::Scorecard& card, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateScorecard,
                                      {card.name,
                                       card.version,
                                       card.updated_at,
                                       card.workspace_id,
                                       card.id,
                                       expected_version}));
    if (changed != 1) {
        TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kScorecardExists, {card.workspace_id, card.id}));
        return CheckVersionedUpdate(changed, !rows.empty(), "scorecard");
    }
    return WriteScorecardCriteria(card);
}

Result<void> SqlTx::DeleteScorecard(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM item_scores WHERE workspace_id = ? AND model = ?",
                         {workspace_id, "scorecard:" + id}));
    TL_TRY(conn_.Execute(kDeleteCriteria, {workspace_id, id}));
    TL_TRY(conn_.Execute("DELETE FROM scorecards WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::Scorecard> SqlTx::GetScorecard(const std::string& workspace_id,
                                              const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kScorecardColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("scorecard"));
    }
    std::vector<domain::Scorecard> cards{ScorecardFromRow(rows.front())};
    TL_TRY(LoadScorecardCriteria(workspace_id, cards));
    return std::move(cards.front());
}

Result<std::vector<domain::Scorecard>> SqlTx::ListScorecards(const std::string& workspace_id,
                                                             const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kScorecardColumns) + "WHERE workspace_id = ? AND product_id = ? "
                                                     "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    std::vector<domain::Scorecard> cards;
    for (const auto& r : rows) {
        cards.push_back(ScorecardFromRow(r));
    }
    TL_TRY(LoadScorecardCriteria(workspace_id, cards));
    return cards;
}

Result<void> SqlTx::PutItemScore(const domain::ItemScore& s) {
    TL_TRY(conn_.Execute(kPutScore,
                         {s.workspace_id,
                          s.item_id,
                          s.product_id,
                          s.model,
                          s.inputs,
                          NullIfAbsent(s.score),
                          s.version,
                          NullIfEmpty(s.updated_by),
                          s.updated_at}));
    return {};
}

Result<bool> SqlTx::DeleteItemScore(const std::string& workspace_id,
                                    const std::string& item_id,
                                    const std::string& model) {
    TL_ASSIGN_OR_RETURN(auto changed, conn_.Execute(kDeleteScore, {workspace_id, item_id, model}));
    return changed > 0;
}

Result<std::vector<domain::ItemScore>> SqlTx::ListItemScores(const std::string& workspace_id,
                                                             const std::string& item_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kScoreColumns) +
                                        "WHERE workspace_id = ? AND item_id = ? ORDER BY model",
                                    {workspace_id, item_id}));
    return ScoresFromRows(rows);
}

Result<std::vector<domain::ItemScore>> SqlTx::ListModelScores(const std::string& workspace_id,
                                                              const std::string& product_id,
                                                              const std::string& model) {
    // Through item_scores_by_product_model.
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kScoreColumns) +
                                        "WHERE workspace_id = ? AND product_id = ? AND model = ?",
                                    {workspace_id, product_id, model}));
    return ScoresFromRows(rows);
}

Result<void> SqlTx::InsertScoreChange(const domain::ScoreChange& c) {
    TL_TRY(conn_.Execute(kInsertChange,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.item_id,
                          c.model,
                          c.change,
                          NullIfEmpty(c.inputs),
                          NullIfAbsent(c.score),
                          NullIfEmpty(c.by),
                          c.at}));
    return {};
}

Result<std::vector<domain::ScoreChange>> SqlTx::ListScoreChanges(const std::string& workspace_id,
                                                                 const std::string& item_id,
                                                                 const std::string& model,
                                                                 int limit) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(kChangesOfItem, {workspace_id, item_id, model, std::int64_t{limit}}));
    std::vector<domain::ScoreChange> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        domain::ScoreChange c;
        c.id = r.Text(0);
        c.workspace_id = r.Text(1);
        c.product_id = r.Text(2);
        c.item_id = r.Text(3);
        c.model = r.Text(4);
        c.change = r.Text(5);
        c.inputs = r.Text(6);
        c.score = r.Real(7);
        c.by = r.Text(8);
        c.at = r.Int(9);
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::vector<PrioritisationItem>> SqlTx::ListPrioritisationItems(
    const std::string& workspace_id, const PrioritisationFilter& filter) {
    std::string sql =
        "SELECT id, item_number, item_type, title, status, category, points FROM items "
        "WHERE workspace_id = ? AND product_id = ? AND item_type IN (" +
        Placeholders(filter.types.size()) + ")";
    SqlParams params{workspace_id, filter.product_id};
    for (auto t : filter.types) {
        params.push_back(std::string(domain::ToString(t)));
    }
    if (!filter.status.empty()) {
        sql += " AND status = ?";
        params.push_back(filter.status);
    }
    if (!filter.include_done) {
        sql += " AND category <> 'done'";  // domain::ToString(StatusCategory::kDone)
    }
    sql += " ORDER BY rank_key";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<PrioritisationItem> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        PrioritisationItem it;
        it.id = r.Text(0);
        it.number = r.Int(1);
        it.type = domain::ParseItemType(r.Text(2)).value_or(domain::ItemType::kStory);
        it.title = r.Text(3);
        it.status = r.Text(4);
        it.category =
            domain::ParseStatusCategory(r.Text(5)).value_or(domain::StatusCategory::kToDo);
        it.points = r.Real(6);
        out.push_back(std::move(it));
    }
    return out;
}

}  // namespace tl::storage
