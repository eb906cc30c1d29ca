// Market and competition: personas with their links, competitors, the comparison matrix (rows
// and cells) and market notes. Lists of one-line strings are stored one per line, lists of
// {title, url} as "title<TAB>url" lines (validation keeps control characters out of both).
#include <map>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

// ---- list columns ----

std::string JoinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += (i == 0 ? "" : "\n") + lines[i];
    }
    return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        out.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::string JoinWebLinks(const std::vector<domain::WebLink>& links) {
    std::vector<std::string> lines;
    for (const auto& l : links) {
        lines.push_back(l.title + "\t" + l.url);
    }
    return JoinLines(lines);
}

std::vector<domain::WebLink> SplitWebLinks(const std::string& text) {
    std::vector<domain::WebLink> out;
    for (const auto& line : SplitLines(text)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            out.push_back({"", line});
        } else {
            out.push_back({line.substr(0, tab), line.substr(tab + 1)});
        }
    }
    return out;
}

// A LIKE pattern matching `text` anywhere (with ESCAPE '\').
std::string ContainsPattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "%";
}

constexpr std::string_view kNotesOfPersona =
    "UPDATE market_notes SET persona_id = NULL WHERE workspace_id = ? AND persona_id = ?";
constexpr std::string_view kNotesOfCompetitor =
    "UPDATE market_notes SET competitor_id = NULL WHERE workspace_id = ? AND competitor_id = ?";

// ---- personas ----

constexpr std::string_view kPersonaColumns =
    "SELECT p.id, p.workspace_id, p.product_id, p.name, p.segment, p.role, p.description, "
    "p.goals, p.pains, p.quote, p.created_by, p.version, p.created_at, p.updated_at "
    "FROM personas p ";
constexpr std::string_view kInsertPersona =
    "INSERT INTO personas (id, workspace_id, product_id, name, segment, role, description, goals, "
    "pains, quote, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdatePersona =
    "UPDATE personas SET name = ?, segment = ?, role = ?, description = ?, goals = ?, pains = ?, "
    "quote = ?, version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kPersonaExists =
    "SELECT 1 FROM personas WHERE workspace_id = ? AND id = ?";
// Through personas_by_product.
constexpr std::string_view kPersonasOfProduct =
    "WHERE p.workspace_id = ? AND p.product_id = ? ORDER BY p.name, p.id";
// Through persona_links_by_target.
constexpr std::string_view kPersonasLinkedTo =
    "WHERE p.workspace_id = ? AND p.product_id = ? AND EXISTS (SELECT 1 FROM persona_links l "
    "WHERE l.workspace_id = p.workspace_id AND l.persona_id = p.id AND l.target_type = ? "
    "AND l.target_id = ?) ORDER BY p.name, p.id";
constexpr std::string_view kInsertPersonaLink =
    "INSERT INTO persona_links (workspace_id, persona_id, position, target_type, target_id) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kDeletePersonaLinks =
    "DELETE FROM persona_links WHERE workspace_id = ? AND persona_id = ?";

domain::Persona PersonaFromRow(const SqlRow& r) {
    domain::Persona p;
    p.id = r.Text(0);
    p.workspace_id = r.Text(1);
    p.product_id = r.Text(2);
    p.name = r.Text(3);
    p.segment = r.Text(4);
    p.role = r.Text(5);
    p.description = r.Text(6);
    p.goals = SplitLines(r.Text(7));
    p.pains = SplitLines(r.Text(8));
    p.quote = r.Text(9);
    p.created_by = r.Text(10);
    p.version = r.Int(11);
    p.created_at = r.Int(12);
    p.updated_at = r.Int(13);
    return p;
}

// ---- competitors ----

constexpr std::string_view kCompetitorColumns =
    "SELECT id, workspace_id, product_id, name, website, positioning, pricing, strengths, "
    "weaknesses, links, threat, notes, created_by, version, created_at, updated_at "
    "FROM competitors ";
constexpr std::string_view kInsertCompetitor =
    "INSERT INTO competitors (id, workspace_id, product_id, name, name_key, website, positioning, "
    "pricing, strengths, weaknesses, links, threat, notes, created_by, version, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateCompetitor =
    "UPDATE competitors SET name = ?, name_key = ?, website = ?, positioning = ?, pricing = ?, "
    "strengths = ?, weaknesses = ?, links = ?, threat = ?, notes = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kCompetitorExists =
    "SELECT 1 FROM competitors WHERE workspace_id = ? AND id = ?";
// Through competitors_by_name.
constexpr std::string_view kCompetitorsOfProduct =
    "WHERE workspace_id = ? AND product_id = ? ORDER BY name_key, name, id";

domain::Competitor CompetitorFromRow(const SqlRow& r) {
    domain::Competitor c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.name = r.Text(3);
    c.website = r.Text(4);
    c.positioning = r.Text(5);
    c.pricing = r.Text(6);
    c.strengths = SplitLines(r.Text(7));
    c.weaknesses = SplitLines(r.Text(8));
    c.links = SplitWebLinks(r.Text(9));
    c.threat = domain::ParseMarketRating(r.Text(10)).value_or(domain::MarketRating::kMedium);
    c.notes = r.Text(11);
    c.created_by = r.Text(12);
    c.version = r.Int(13);
    c.created_at = r.Int(14);
    c.updated_at = r.Int(15);
    return c;
}

// ---- the comparison matrix ----

constexpr std::string_view kRowColumns =
    "SELECT id, workspace_id, product_id, capability, item_id, position, created_by, version, "
    "created_at, updated_at FROM comparison_rows ";
constexpr std::string_view kInsertRow =
    "INSERT INTO comparison_rows (id, workspace_id, product_id, capability, item_id, position, "
    "created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateRow =
    "UPDATE comparison_rows SET capability = ?, item_id = ?, position = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kRowExists =
    "SELECT 1 FROM comparison_rows WHERE workspace_id = ? AND id = ?";
// Through comparison_rows_by_product.
constexpr std::string_view kRowsOfProduct =
    "WHERE workspace_id = ? AND product_id = ? ORDER BY position, created_at, id";

constexpr std::string_view kCellColumns =
    "SELECT workspace_id, product_id, row_id, competitor_id, value, note, updated_by, updated_at "
    "FROM comparison_cells ";
constexpr std::string_view kPutCell =
    "INSERT INTO comparison_cells (workspace_id, product_id, row_id, competitor_id, value, note, "
    "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (workspace_id, row_id, competitor_id) DO UPDATE SET value = excluded.value, "
    "note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

domain::ComparisonRow RowFromRow(const SqlRow& r) {
    domain::ComparisonRow row;
    row.id = r.Text(0);
    row.workspace_id = r.Text(1);
    row.product_id = r.Text(2);
    row.capability = r.Text(3);
    row.item_id = r.Text(4);
    row.position = r.Int(5);
    row.created_by = r.Text(6);
    row.version = r.Int(7);
    row.created_at = r.Int(8);
    row.updated_at = r.Int(9);
    return row;
}

domain::ComparisonCell CellFromRow(const SqlRow& r) {
    domain::ComparisonCell c;
    c.workspace_id = r.Text(0);
    c.product_id = r.Text(1);
    c.row_id = r.Text(2);
    c.competitor_id = r.Text(3);
    c.value = domain::ParseComparisonValue(r.Text(4)).value_or(domain::ComparisonValue::kHas);
    c.note = r.Text(5);
    c.updated_by = r.Text(6);
    c.updated_at = r.Int(7);
    return c;
}

// ---- market notes ----

constexpr std::string_view kNoteColumns =
    "SELECT id, workspace_id, product_id, title, kind, body, note_date, sources, impact, "
    "competitor_id, persona_id, tags, created_by, version, created_at, updated_at "
    "FROM market_notes ";
constexpr std::string_view kInsertNote =
    "INSERT INTO market_notes (id, workspace_id, product_id, title, kind, body, note_date, "
    "sources, impact, competitor_id, persona_id, tags, created_by, version, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateNote =
    "UPDATE market_notes SET title = ?, kind = ?, body = ?, note_date = ?, sources = ?, "
    "impact = ?, competitor_id = ?, persona_id = ?, tags = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kNoteExists =
    "SELECT 1 FROM market_notes WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kCountNotesAbout =
    "SELECT COUNT(*) FROM market_notes WHERE workspace_id = ? AND competitor_id = ?";

domain::MarketNote NoteFromRow(const SqlRow& r) {
    domain::MarketNote n;
    n.id = r.Text(0);
    n.workspace_id = r.Text(1);
    n.product_id = r.Text(2);
    n.title = r.Text(3);
    n.kind = domain::ParseMarketNoteKind(r.Text(4)).value_or(domain::MarketNoteKind::kResearch);
    n.body = r.Text(5);
    n.date = r.Text(6);
    n.sources = SplitWebLinks(r.Text(7));
    n.impact = domain::ParseMarketRating(r.Text(8));
    n.competitor_id = r.Text(9);
    n.persona_id = r.Text(10);
    n.tags = SplitLines(r.Text(11));
    n.created_by = r.Text(12);
    n.version = r.Int(13);
    n.created_at = r.Int(14);
    n.updated_at = r.Int(15);
    return n;
}

SqlValue ImpactValue(const std::optional<domain::MarketRating>& impact) {
    if (!impact) {
        return nullptr;
    }
    return std::string(domain::ToString(*impact));
}

template <typename T, typename FromRow>
std::vector<T> All(const std::vector<SqlRow>& rows, FromRow from_row) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(from_row(r));
    }
    return out;
}

// After a versioned UPDATE: fine when one row changed, else not-found or stale.
Result<void> CheckChanged(Connection& conn,
                          std::int64_t changed,
                          std::string_view exists_sql,
                          const std::string& workspace_id,
                          const std::string& id,
                          const std::string& what) {
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn.Query(exists_sql, {workspace_id, id}));
    return CheckVersionedUpdate(changed, !rows.empty(), what);
}

}  // namespace

// ---- personas ----

Result<void> SqlTx::WritePersonaLinks(const domain::Persona& p) {
    TL_TRY(conn_.Execute(kDeletePersonaLinks, {p.workspace_id, p.id}));
    for (std::size_t i = 0; i < p.links.size(); ++i) {
        const auto& l = p.links[i];
        TL_TRY(conn_.Execute(kInsertPersonaLink,
                             {p.workspace_id,
                              p.id,
                              static_cast<std::int64_t>(i),
                              std::string(domain::ToString(l.type)),
                              l.id}));
    }
    return {};
}

Result<void> SqlTx::LoadPersonaLinks(const std::string& workspace_id,
                                     std::vector<domain::Persona>& personas) {
    std::map<std::string, domain::Persona*> by_id;
    std::vector<std::string> ids;
    for (auto& p : personas) {
        by_id.emplace(p.id, &p);
        ids.push_back(p.id);
    }
    return ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(auto rows,
                                conn_.Query("SELECT persona_id, target_type, target_id FROM "
                                            "persona_links WHERE workspace_id = ? AND "
                                            "persona_id IN " +
                                                in + " ORDER BY persona_id, position",
                                            params));
            for (const auto& r : rows) {
                if (const auto type = domain::ParsePersonaLinkTarget(r.Text(1))) {
                    by_id.at(r.Text(0))->links.push_back({*type, r.Text(2)});
                }
            }
            return {};
        });
}

Result<void> SqlTx::InsertPersona(const domain::Persona& p) {
    TL_TRY(conn_.Execute(kInsertPersona,
                         {p.id,
                          p.workspace_id,
                          p.product_id,
                          p.name,
                          p.segment,
                          p.role,
                          p.description,
                          JoinLines(p.goals),
                          JoinLines(p.pains),
                          p.quote,
                          NullIfEmpty(p.created_by),
                          p.version,
                          p.created_at,
                          p.updated_at}));
    return WritePersonaLinks(p);
}

Result<void> SqlTx::UpdatePersona(const domain::Persona& p, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdatePersona,
                                      {p.name,
                                       p.segment,
                                       p.role,
                                       p.description,
                                       JoinLines(p.goals),
                                       JoinLines(p.pains),
                                       p.quote,
                                       p.version,
                                       p.updated_at,
                                       p.workspace_id,
                                       p.id,
                                       expected_version}));
    TL_TRY(CheckChanged(conn_, changed, kPersonaExists, p.workspace_id, p.id, "persona"));
    return WritePersonaLinks(p);
}

Result<void> SqlTx::DeletePersona(const std::string& workspace_id, const std::string& id) {
    for (std::string_view sql : {kDeletePersonaLinks,
                                 kNotesOfPersona,
                                 std::string_view("DELETE FROM personas WHERE workspace_id = ? "
                                                  "AND id = ?")}) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Persona> SqlTx::GetPersona(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kPersonaColumns) + "WHERE p.workspace_id = ? AND p.id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("persona"));
    }
    std::vector<domain::Persona> one{PersonaFromRow(rows[0])};
    TL_TRY(LoadPersonaLinks(workspace_id, one));
    return std::move(one[0]);
}

Result<std::vector<domain::Persona>> SqlTx::ListPersonas(
    const std::string& workspace_id,
    const std::string& product_id,
    const std::optional<domain::PersonaLink>& linked) {
    std::vector<SqlRow> rows;
    if (linked) {
        TL_ASSIGN_OR_RETURN(
            rows,
            conn_.Query(std::string(kPersonaColumns) + std::string(kPersonasLinkedTo),
                        {workspace_id,
                         product_id,
                         std::string(domain::ToString(linked->type)),
                         linked->id}));
    } else {
        TL_ASSIGN_OR_RETURN(
            rows,
            conn_.Query(std::string(kPersonaColumns) + std::string(kPersonasOfProduct),
                        {workspace_id, product_id}));
    }
    auto out = All<domain::Persona>(rows, PersonaFromRow);
    TL_TRY(LoadPersonaLinks(workspace_id, out));
    return out;
}

// ---- competitors ----

Result<void> SqlTx::InsertCompetitor(const domain::Competitor& c) {
    TL_TRY(conn_.Execute(kInsertCompetitor,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.name,
                          domain::CompetitorNameKey(c.name),
                          c.website,
                          c.positioning,
                          c.pricing,
                          JoinLines(c.strengths),
                          JoinLines(c.weaknesses),
                          JoinWebLinks(c.links),
                          std::string(domain::ToString(c.threat)),
                          c.notes,
                          NullIfEmpty(c.created_by),
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateCompetitor(const domain::Competitor& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateCompetitor,
                                      {c.name,
                                       domain::CompetitorNameKey(c.name),
                                       c.website,
                                       c.positioning,
                                       c.pricing,
                                       JoinLines(c.strengths),
                                       JoinLines(c.weaknesses),
                                       JoinWebLinks(c.links),
                                       std::string(domain::ToString(c.threat)),
                                       c.notes,
                                       c.version,
                                       c.updated_at,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    return CheckChanged(conn_, changed, kCompetitorExists, c.workspace_id, c.id, "competitor");
}

Result<void> SqlTx::DeleteCompetitor(const std::string& workspace_id, const std::string& id) {
    for (std::string_view sql :
         {std::string_view("DELETE FROM comparison_cells WHERE workspace_id = ? AND "
                           "competitor_id = ?"),
          kNotesOfCompetitor,
          std::string_view("DELETE FROM competitors WHERE workspace_id = ? AND id = ?")}) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Competitor> SqlTx::GetCompetitor(const std::string& workspace_id,
                                                const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCompetitorColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("competitor"));
    }
    return CompetitorFromRow(rows[0]);
}

Result<std::vector<domain::Competitor>> SqlTx::ListCompetitors(const std::string& workspace_id,
                                                               const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCompetitorColumns) + std::string(kCompetitorsOfProduct),
                    {workspace_id, product_id}));
    return All<domain::Competitor>(rows, CompetitorFromRow);
}

// ---- the comparison matrix ----

Result<void> SqlTx::InsertComparisonRow(const domain::ComparisonRow& row) {
    TL_TRY(conn_.Execute(kInsertRow,
                         {row.id,
                          row.workspace_id,
                          row.product_id,
                          row.capability,
                          NullIfEmpty(row.item_id),
                          row.position,
                          NullIfEmpty(row.created_by),
                          row.version,
                          row.created_at,
                          row.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateComparisonRow(const domain::ComparisonRow& row,
                                        std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateRow,
                                      {row.capability,
                                       NullIfEmpty(row.item_id),
                                       row.position,
                                       row.version,
                                       row.updated_at,
                                       row.workspace_id,
                                       row.id,
                                       expected_version}));
    return CheckChanged(conn_, changed, kRowExists, row.workspace_id, row.id, "comparison row");
}

Result<void> SqlTx::DeleteComparisonRow(const std::string& workspace_id, const std::string& id) {
    for (std::string_view sql :
         {"DELETE FROM comparison_cells WHERE workspace_id = ? AND row_id = ?",
          "DELETE FROM comparison_rows WHERE workspace_id = ? AND id = ?"}) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::ComparisonRow> SqlTx::GetComparisonRow(const std::string& workspace_id,
                                                      const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kRowColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("comparison row"));
    }
    return RowFromRow(rows[0]);
}

Result<std::vector<domain::ComparisonRow>> SqlTx::ListComparisonRows(
    const std::string& workspace_id, const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kRowColumns) + std::string(kRowsOfProduct),
                                    {workspace_id, product_id}));
    return All<domain::ComparisonRow>(rows, RowFromRow);
}

Result<void> SqlTx::PutComparisonCell(const domain::ComparisonCell& cell) {
    TL_TRY(conn_.Execute(kPutCell,
                         {cell.workspace_id,
                          cell.product_id,
                          cell.row_id,
                          cell.competitor_id,
                          std::string(domain::ToString(cell.value)),
                          cell.note,
                          NullIfEmpty(cell.updated_by),
                          cell.updated_at}));
    return {};
}

Result<bool> SqlTx::DeleteComparisonCell(const std::string& workspace_id,
                                         const std::string& row_id,
                                         const std::string& competitor_id) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute("DELETE FROM comparison_cells WHERE workspace_id = ? AND "
                                      "row_id = ? AND competitor_id = ?",
                                      {workspace_id, row_id, competitor_id}));
    return changed > 0;
}

Result<std::vector<domain::ComparisonCell>> SqlTx::ListComparisonCells(
    const std::string& workspace_id, const std::string& product_id, const std::string& row_id) {
    std::string sql = std::string(kCellColumns) + "WHERE workspace_id = ? AND product_id = ? ";
    SqlParams params{workspace_id, product_id};
    if (!row_id.empty()) {
        sql += "AND row_id = ? ";
        params.emplace_back(row_id);
    }
    sql += "ORDER BY row_id, competitor_id";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    return All<domain::ComparisonCell>(rows, CellFromRow);
}

// ---- market notes ----

Result<void> SqlTx::InsertMarketNote(const domain::MarketNote& n) {
    TL_TRY(conn_.Execute(kInsertNote,
                         {n.id,
                          n.workspace_id,
                          n.product_id,
                          n.title,
                          std::string(domain::ToString(n.kind)),
                          n.body,
                          n.date,
                          JoinWebLinks(n.sources),
                          ImpactValue(n.impact),
                          NullIfEmpty(n.competitor_id),
                          NullIfEmpty(n.persona_id),
                          JoinLines(n.tags),
                          NullIfEmpty(n.created_by),
                          n.version,
                          n.created_at,
                          n.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateMarketNote(const domain::MarketNote& n, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateNote,
                                      {n.title,
                                       std::string(domain::ToString(n.kind)),
                                       n.body,
                                       n.date,
                                       JoinWebLinks(n.sources),
                                       ImpactValue(n.impact),
                                       NullIfEmpty(n.competitor_id),
                                       NullIfEmpty(n.persona_id),
                                       JoinLines(n.tags),
                                       n.version,
                                       n.updated_at,
                                       n.workspace_id,
                                       n.id,
                                       expected_version}));
    return CheckChanged(conn_, changed, kNoteExists, n.workspace_id, n.id, "market note");
}

Result<void> SqlTx::DeleteMarketNote(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM market_notes WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::MarketNote> SqlTx::GetMarketNote(const std::string& workspace_id,
                                                const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kNoteColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("market note"));
    }
    return NoteFromRow(rows[0]);
}

Result<std::vector<domain::MarketNote>> SqlTx::ListMarketNotes(const std::string& workspace_id,
                                                               const MarketNoteFilter& filter) {
    // Through market_notes_by_product.
    std::string sql = std::string(kNoteColumns) + "WHERE workspace_id = ? AND product_id = ? ";
    SqlParams params{workspace_id, filter.product_id};
    if (filter.kind) {
        sql += "AND kind = ? ";
        params.emplace_back(std::string(domain::ToString(*filter.kind)));
    }
    if (!filter.competitor_id.empty()) {
        sql += "AND competitor_id = ? ";
        params.emplace_back(filter.competitor_id);
    }
    if (!filter.persona_id.empty()) {
        sql += "AND persona_id = ? ";
        params.emplace_back(filter.persona_id);
    }
    if (!filter.tag.empty()) {
        // Tags are stored one per line: the tag as a whole line.
        sql += "AND (CAST(? AS TEXT) || tags || CAST(? AS TEXT)) LIKE ? ESCAPE '\\' ";
        params.emplace_back(std::string("\n"));
        params.emplace_back(std::string("\n"));
        params.emplace_back(ContainsPattern("\n" + filter.tag + "\n"));
    }
    for (const auto& word : filter.words) {
        sql +=
            "AND (lower(title) LIKE lower(?) ESCAPE '\\' OR lower(body) LIKE lower(?) ESCAPE '\\' "
            "OR lower(tags) LIKE lower(?) ESCAPE '\\') ";
        const std::string pattern = ContainsPattern(word);
        params.insert(params.end(), {pattern, pattern, pattern});
    }
    if (!filter.before_date.empty()) {
        sql +=
            "AND (note_date < ? OR (note_date = ? AND (created_at < ? OR (created_at = ? AND "
            "id < ?)))) ";
        params.insert(params.end(),
                      {filter.before_date,
                       filter.before_date,
                       filter.before_at,
                       filter.before_at,
                       filter.before_id});
    }
    sql += "ORDER BY note_date DESC, created_at DESC, id DESC";
    if (filter.limit > 0) {
        sql += " LIMIT ?";
        params.emplace_back(static_cast<std::int64_t>(filter.limit));
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    return All<domain::MarketNote>(rows, NoteFromRow);
}

Result<std::int64_t> SqlTx::CountMarketNotesAbout(const std::string& workspace_id,
                                                  const std::string& competitor_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountNotesAbout, {workspace_id, competitor_id}));
    return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace tl::storage
