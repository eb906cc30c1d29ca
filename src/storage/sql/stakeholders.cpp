// Stakeholders, their communication log, and the items accepted in a period (the stakeholder
// update's "shipped").
#include <algorithm>
#include <map>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kStakeholderColumns =
    "SELECT id, workspace_id, product_id, name, kind, organisation, title, email, influence, "
    "interest, channel, notes, user_id, created_by, version, created_at, updated_at "
    "FROM stakeholders ";
constexpr std::string_view kInsertStakeholder =
    "INSERT INTO stakeholders (id, workspace_id, product_id, name, kind, organisation, title, "
    "email, influence, interest, channel, notes, user_id, created_by, version, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateStakeholder =
    "UPDATE stakeholders SET name = ?, kind = ?, organisation = ?, title = ?, email = ?, "
    "influence = ?, interest = ?, channel = ?, notes = ?, user_id = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kStakeholderExists =
    "SELECT 1 FROM stakeholders WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kStakeholdersOfProduct =
    "WHERE workspace_id = ? AND product_id = ? ORDER BY name, id";

constexpr std::string_view kCommunicationColumns =
    "SELECT id, workspace_id, product_id, stakeholder_id, day, channel, summary, created_by, "
    "created_at FROM stakeholder_communications ";
constexpr std::string_view kInsertCommunication =
    "INSERT INTO stakeholder_communications (id, workspace_id, product_id, stakeholder_id, day, "
    "channel, summary, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kCommunicationsOfStakeholder =
    "WHERE workspace_id = ? AND stakeholder_id = ? ORDER BY day DESC, created_at DESC, id DESC";
constexpr std::string_view kLastContacts =
    "SELECT stakeholder_id, MAX(day) FROM stakeholder_communications "
    "WHERE workspace_id = ? AND product_id = ? GROUP BY stakeholder_id";

// Through items_by_acceptance.
constexpr std::string_view kAcceptedItemIds =
    "SELECT id FROM items WHERE workspace_id = ? AND product_id = ? AND accepted_at >= ? "
    "AND accepted_at < ? AND accepted_at > 0 ORDER BY accepted_at, id";

domain::Stakeholder StakeholderFromRow(const SqlRow& r) {
    domain::Stakeholder s;
    s.id = r.Text(0);
    s.workspace_id = r.Text(1);
    s.product_id = r.Text(2);
    s.name = r.Text(3);
    s.kind = domain::ParseStakeholderKind(r.Text(4)).value_or(domain::StakeholderKind::kInternal);
    s.organisation = r.Text(5);
    s.title = r.Text(6);
    s.email = r.Text(7);
    s.influence = static_cast<int>(r.Int(8));
    s.interest = static_cast<int>(r.Int(9));
    s.channel = domain::ParseChannel(r.Text(10)).value_or(domain::Channel::kEmail);
    s.notes = r.Text(11);
    s.user_id = r.Text(12);
    s.created_by = r.Text(13);
    s.version = r.Int(14);
    s.created_at = r.Int(15);
    s.updated_at = r.Int(16);
    return s;
}

domain::Communication CommunicationFromRow(const SqlRow& r) {
    domain::Communication c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.stakeholder_id = r.Text(3);
    c.date = r.Text(4);
    c.channel = domain::ParseChannel(r.Text(5)).value_or(domain::Channel::kEmail);
    c.summary = r.Text(6);
    c.created_by = r.Text(7);
    c.created_at = r.Int(8);
    return c;
}

}  // namespace

Result<void> SqlTx::InsertStakeholder(const domain::Stakeholder& s) {
    TL_TRY(conn_.Execute(kInsertStakeholder,
                         {s.id,
                          s.workspace_id,
                          s.product_id,
                          s.name,
                          std::string(domain::ToString(s.kind)),
                          s.organisation,
                          s.title,
                          s.email,
                          std::int64_t{s.influence},
                          std::int64_t{s.interest},
                          std::string(domain::ToString(s.channel)),
                          s.notes,
                          NullIfEmpty(s.user_id),
                          NullIfEmpty(s.created_by),
                          s.version,
                          s.created_at,
                          s.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateStakeholder(const domain::Stakeholder& s, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateStakeholder,
                                      {s.name,
                                       std::string(domain::ToString(s.kind)),
                                       s.organisation,
                                       s.title,
                                       s.email,
                                       std::int64_t{s.influence},
                                       std::int64_t{s.interest},
                                       std::string(domain::ToString(s.channel)),
                                       s.notes,
                                       NullIfEmpty(s.user_id),
                                       s.version,
                                       s.updated_at,
                                       s.workspace_id,
                                       s.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kStakeholderExists, {s.workspace_id, s.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "stakeholder");
}

Result<void> SqlTx::DeleteStakeholder(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM stakeholder_communications WHERE workspace_id = ? AND stakeholder_id = ?",
        "DELETE FROM stakeholders WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Stakeholder> SqlTx::GetStakeholder(const std::string& workspace_id,
                                                  const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kStakeholderColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("stakeholder"));
    }
    return StakeholderFromRow(rows[0]);
}

Result<std::vector<domain::Stakeholder>> SqlTx::ListStakeholders(const std::string& workspace_id,
                                                                 const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kStakeholderColumns) + std::string(kStakeholdersOfProduct),
                    {workspace_id, product_id}));
    std::vector<domain::Stakeholder> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(StakeholderFromRow(r));
    }
    return out;
}

Result<void> SqlTx::InsertCommunication(const domain::Communication& c) {
    TL_TRY(conn_.Execute(kInsertCommunication,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.stakeholder_id,
                          c.date,
                          std::string(domain::ToString(c.channel)),
                          c.summary,
                          NullIfEmpty(c.created_by),
                          c.created_at}));
    return {};
}

Result<domain::Communication> SqlTx::GetCommunication(const std::string& workspace_id,
                                                      const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCommunicationColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("communication"));
    }
    return CommunicationFromRow(rows[0]);
}

Result<void> SqlTx::DeleteCommunication(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM stakeholder_communications WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<std::vector<domain::Communication>> SqlTx::ListCommunications(
    const std::string& workspace_id, const std::string& stakeholder_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCommunicationColumns) + std::string(kCommunicationsOfStakeholder),
                    {workspace_id, stakeholder_id}));
    std::vector<domain::Communication> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(CommunicationFromRow(r));
    }
    return out;
}

Result<std::map<std::string, std::string>> SqlTx::LastContactsOf(const std::string& workspace_id,
                                                                 const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kLastContacts, {workspace_id, product_id}));
    std::map<std::string, std::string> out;
    for (const auto& r : rows) {
        out.emplace(r.Text(0), r.Text(1));
    }
    return out;
}

Result<std::vector<domain::Item>> SqlTx::ListItemsAcceptedBetween(const std::string& workspace_id,
                                                                  const std::string& product_id,
                                                                  std::int64_t from_ms,
                                                                  std::int64_t to_ms) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(kAcceptedItemIds, {workspace_id, product_id, from_ms, to_ms}));
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

}  // namespace tl::storage
