// Releases, the items planned in them and the baseline taken when a plan is committed.
#include <algorithm>
#include <map>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kReleaseColumns =
    "SELECT id, workspace_id, product_id, version, name, target_date, description, status, "
    "released_at, created_by, revision, created_at, updated_at, committed_at, committed_by "
    "FROM releases ";
constexpr std::string_view kInsertRelease =
    "INSERT INTO releases (id, workspace_id, product_id, version, name, target_date, "
    "description, status, released_at, created_by, revision, created_at, updated_at, "
    "committed_at, committed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateRelease =
    "UPDATE releases SET version = ?, name = ?, target_date = ?, description = ?, status = ?, "
    "released_at = ?, revision = ?, updated_at = ?, committed_at = ?, committed_by = ? "
    "WHERE workspace_id = ? AND id = ? AND revision = ?";
constexpr std::string_view kReleaseExists =
    "SELECT 1 FROM releases WHERE workspace_id = ? AND id = ?";
// Undated releases sort last: '' would sort first, so the order puts them after the dated ones.
constexpr std::string_view kListReleases =
    "WHERE workspace_id = ? AND product_id = ? "
    "ORDER BY CASE WHEN target_date = '' THEN 1 ELSE 0 END, target_date, version, id";
// Through items_by_release; the rank order is restored after the items are read whole.
constexpr std::string_view kInsertReleaseBaseline =
    "INSERT INTO release_baseline (workspace_id, release_id, item_id, position, points) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectReleaseBaseline =
    "SELECT item_id, points FROM release_baseline WHERE workspace_id = ? AND release_id = ? "
    "ORDER BY position";
constexpr std::string_view kReleaseItemIds =
    "SELECT id FROM items WHERE workspace_id = ? AND release_id = ? ORDER BY rank_key";

domain::Release ReleaseFromRow(const SqlRow& r) {
    domain::Release x;
    x.id = r.Text(0);
    x.workspace_id = r.Text(1);
    x.product_id = r.Text(2);
    x.version = r.Text(3);
    x.name = r.Text(4);
    x.target_date = r.Text(5);
    x.description = r.Text(6);
    x.status = domain::ParseReleaseStatus(r.Text(7)).value_or(domain::ReleaseStatus::kPlanned);
    x.released_at = r.Int(8);
    x.created_by = r.Text(9);
    x.revision = r.Int(10);
    x.created_at = r.Int(11);
    x.updated_at = r.Int(12);
    x.committed_at = r.Int(13);
    x.committed_by = r.Text(14);
    return x;
}

}  // namespace

Result<void> SqlTx::InsertRelease(const domain::Release& r) {
    TL_TRY(conn_.Execute(kInsertRelease,
                         {r.id,
                          r.workspace_id,
                          r.product_id,
                          r.version,
                          r.name,
                          r.target_date,
                          r.description,
                          std::string(domain::ToString(r.status)),
                          r.released_at,
                          NullIfEmpty(r.created_by),
                          r.revision,
                          r.created_at,
                          r.updated_at,
                          r.committed_at,
                          NullIfEmpty(r.committed_by)}));
    return {};
}

Result<void> SqlTx::UpdateRelease(const domain::Release& r, std::int64_t expected_revision) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateRelease,
                                      {r.version,
                                       r.name,
                                       r.target_date,
                                       r.description,
                                       std::string(domain::ToString(r.status)),
                                       r.released_at,
                                       r.revision,
                                       r.updated_at,
                                       r.committed_at,
                                       NullIfEmpty(r.committed_by),
                                       r.workspace_id,
                                       r.id,
                                       expected_revision}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kReleaseExists, {r.workspace_id, r.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "release");
}

Result<domain::Release> SqlTx::GetRelease(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kReleaseColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("release"));
    }
    return ReleaseFromRow(rows[0]);
}

Result<std::vector<domain::Release>> SqlTx::ListReleases(const std::string& workspace_id,
                                                         const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kReleaseColumns) + std::string(kListReleases),
                                    {workspace_id, product_id}));
    std::vector<domain::Release> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(ReleaseFromRow(r));
    }
    return out;
}

Result<std::vector<domain::Item>> SqlTx::ListReleaseItems(const std::string& workspace_id,
                                                          const std::string& release_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kReleaseItemIds, {workspace_id, release_id}));
    std::vector<std::string> ids;
    std::map<std::string, std::size_t> position;
    for (const auto& r : rows) {
        position.emplace(r.Text(0), ids.size());
        ids.push_back(r.Text(0));
    }
    TL_ASSIGN_OR_RETURN(auto items, GetItems(workspace_id, ids));
    std::sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
        return position[a.id] < position[b.id];
    });
    return items;
}

Result<void> SqlTx::SetItemsRelease(const std::string& workspace_id,
                                    const std::vector<std::string>& item_ids,
                                    const std::string& release_id,
                                    std::int64_t now) {
    return SetItemsReference(workspace_id, item_ids, "release_id", release_id, now);
}

Result<void> SqlTx::InsertReleaseBaseline(const std::string& workspace_id,
                                          const std::string& release_id,
                                          const std::vector<domain::BaselineEntry>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        TL_TRY(conn_.Execute(kInsertReleaseBaseline,
                             {workspace_id,
                              release_id,
                              items[k].item_id,
                              static_cast<std::int64_t>(k),
                              NullIfAbsent(items[k].points)}));
    }
    return {};
}

Result<std::vector<domain::BaselineEntry>> SqlTx::ListReleaseBaseline(
    const std::string& workspace_id, const std::string& release_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectReleaseBaseline, {workspace_id, release_id}));
    std::vector<domain::BaselineEntry> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({r.Text(0), r.Real(1)});
    }
    return out;
}

}  // namespace tl::storage
