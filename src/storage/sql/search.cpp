// Full-text search over items: the one place where the SQL differs by dialect beyond
// placeholders. SQLite uses an FTS5 table ranked by bm25; PostgreSQL a tsvector column with a
// GIN index ranked by ts_rank. Both mark matches with \x02 ... \x03 for the caller to render.
#include "storage/sql/item_query.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kDeleteDocument =
    "DELETE FROM item_search WHERE workspace_id = ? AND item_id = ?";

constexpr std::string_view kSqliteInsertDocument =
    "INSERT INTO item_search (item_id, workspace_id, product_id, title, description, criteria, "
    "comments) SELECT i.id, i.workspace_id, i.product_id, i.title, i.description, "
    "COALESCE((SELECT group_concat(c.text, ' ') FROM item_criteria c "
    "WHERE c.workspace_id = i.workspace_id AND c.item_id = i.id), ''), "
    "COALESCE((SELECT group_concat(m.body, ' ') FROM comments m "
    "WHERE m.workspace_id = i.workspace_id AND m.item_id = i.id), '') "
    "FROM items i WHERE i.workspace_id = ? AND i.id = ?";

constexpr std::string_view kPostgresInsertDocument =
    "INSERT INTO item_search (item_id, workspace_id, product_id, title, description, criteria, "
    "comments, document) SELECT d.id, d.workspace_id, d.product_id, d.title, d.description, "
    "d.criteria, d.comments, "
    "setweight(to_tsvector('simple', d.title), 'A') || "
    "setweight(to_tsvector('simple', d.description), 'B') || "
    "setweight(to_tsvector('simple', d.criteria), 'B') || "
    "setweight(to_tsvector('simple', d.comments), 'C') FROM (SELECT i.id, i.workspace_id, "
    "i.product_id, i.title, i.description, "
    "COALESCE((SELECT string_agg(c.text, ' ' ORDER BY c.position) FROM item_criteria c "
    "WHERE c.workspace_id = i.workspace_id AND c.item_id = i.id), '') AS criteria, "
    "COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.created_at) FROM comments m "
    "WHERE m.workspace_id = i.workspace_id AND m.item_id = i.id), '') AS comments "
    "FROM items i WHERE i.workspace_id = ? AND i.id = ?) d";

// Title matches weigh most, then description and criteria, then comments.
constexpr std::string_view kSqliteSearch =
    "SELECT item_id, -bm25(item_search, 0, 0, 0, 10.0, 4.0, 4.0, 1.0), "
    "highlight(item_search, 3, char(2), char(3)), "
    "snippet(item_search, -1, char(2), char(3), '…', 24) "
    "FROM item_search WHERE item_search MATCH ? AND workspace_id = ? AND product_id IN (";

constexpr std::string_view kPostgresSearch =
    "SELECT s.item_id, ts_rank(s.document, q.query), "
    "ts_headline('simple', s.title, q.query, "
    "'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)), "
    "ts_headline('simple', s.description || ' ' || s.criteria || ' ' || s.comments, q.query, "
    "'MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=…, StartSel=' || chr(2) || "
    "', StopSel=' || chr(3)) "
    "FROM item_search s, (SELECT to_tsquery('simple', ?) AS query) q "
    "WHERE s.document @@ q.query AND s.workspace_id = ? AND s.product_id IN (";

}  // namespace

Result<void> SqlTx::ReindexItem(const std::string& workspace_id, const std::string& item_id) {
    TL_TRY(conn_.Execute(kDeleteDocument, {workspace_id, item_id}));
    TL_TRY(conn_.Execute(
        conn_.Backend() == "postgres" ? kPostgresInsertDocument : kSqliteInsertDocument,
        {workspace_id, item_id}));
    return {};
}

Result<std::vector<SearchHit>> SqlTx::SearchItems(const std::string& workspace_id,
                                                  const SearchQuery& query) {
    std::vector<SearchHit> hits;
    if (query.terms.empty() || query.product_ids.empty()) {
        return hits;
    }
    const bool postgres = conn_.Backend() == "postgres";
    std::string sql(postgres ? kPostgresSearch : kSqliteSearch);
    SqlParams params;
    params.emplace_back(FullTextExpression(query.terms, conn_.Backend()));
    params.emplace_back(workspace_id);
    for (std::size_t k = 0; k < query.product_ids.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        params.push_back(query.product_ids[k]);
    }
    sql += ") ORDER BY 2 DESC, 1 LIMIT ?";
    params.push_back(std::int64_t{query.limit});
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    for (const auto& r : rows) {
        hits.push_back({r.Text(0), r.Real(1).value_or(0), r.Text(2), r.Text(3)});
    }
    return hits;
}

}  // namespace tl::storage
