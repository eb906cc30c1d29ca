// The append-only event log.
#include <algorithm>
#include <limits>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kInsertEvent =
    "INSERT INTO events (workspace_id, product_id, entity_type, entity_id, action, actor_id, at, "
    "changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq";
// Newest first; `seq < ?` with a large bound when there is no cursor.
constexpr std::string_view kListEventsOfProduct =
    "SELECT seq, workspace_id, product_id, entity_type, entity_id, action, actor_id, at, changes "
    "FROM events WHERE workspace_id = ? AND product_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?";
// Followed by "(?, …) ORDER BY seq DESC LIMIT ?": the entity types left out.
constexpr std::string_view kListEventsOfProductExcept =
    "SELECT seq, workspace_id, product_id, entity_type, entity_id, action, actor_id, at, changes "
    "FROM events WHERE workspace_id = ? AND product_id = ? AND seq < ? AND entity_type NOT IN ";
constexpr std::string_view kListEventsOfEntity =
    "SELECT seq, workspace_id, product_id, entity_type, entity_id, action, actor_id, at, changes "
    "FROM events WHERE workspace_id = ? AND entity_type = ? AND entity_id = ? AND seq < ? "
    "ORDER BY seq DESC LIMIT ?";

constexpr std::string_view kListEventsAfter =
    "SELECT seq, workspace_id, product_id, entity_type, entity_id, action, actor_id, at, changes "
    "FROM events WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?";
constexpr std::string_view kLatestEventSeq =
    "SELECT COALESCE(MAX(seq), 0) FROM events WHERE workspace_id = ?";

std::vector<domain::AuditEvent> EventsFromRows(const std::vector<SqlRow>& rows) {
    std::vector<domain::AuditEvent> events;
    events.reserve(rows.size());
    for (const auto& r : rows) {
        domain::AuditEvent e;
        e.seq = r.Int(0);
        e.workspace_id = r.Text(1);
        e.product_id = r.Text(2);
        e.entity_type = r.Text(3);
        e.entity_id = r.Text(4);
        e.action = r.Text(5);
        e.actor_id = r.Text(6);
        e.at = r.Int(7);
        e.changes = r.Text(8);
        events.push_back(std::move(e));
    }
    return events;
}

}  // namespace

Result<void> SqlTx::AppendEvent(domain::AuditEvent& e) {
    TL_TRY(conn_.PrepareEventAppend(e.workspace_id));
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(kInsertEvent,
                                    {e.workspace_id,
                                     NullIfEmpty(e.product_id),
                                     e.entity_type,
                                     e.entity_id,
                                     e.action,
                                     NullIfEmpty(e.actor_id),
                                     e.at,
                                     e.changes}));
    e.seq = rows.at(0).Int(0);
    if (std::find(event_workspaces_.begin(), event_workspaces_.end(), e.workspace_id) ==
        event_workspaces_.end()) {
        event_workspaces_.push_back(e.workspace_id);
    }
    return {};
}

Result<std::vector<domain::AuditEvent>> SqlTx::ListEvents(const std::string& workspace_id,
                                                          const EventFilter& filter) {
    std::int64_t before =
        filter.before_seq > 0 ? filter.before_seq : std::numeric_limits<std::int64_t>::max();
    if (!filter.product_id.empty() && !filter.hidden_entity_types.empty()) {
        SqlParams params{workspace_id, filter.product_id, before};
        params.insert(
            params.end(), filter.hidden_entity_types.begin(), filter.hidden_entity_types.end());
        params.emplace_back(std::int64_t{filter.limit});
        TL_ASSIGN_OR_RETURN(auto rows,
                            conn_.Query(std::string(kListEventsOfProductExcept) + "(" +
                                            Placeholders(filter.hidden_entity_types.size()) +
                                            ") ORDER BY seq DESC LIMIT ?",
                                        params));
        return EventsFromRows(rows);
    }
    auto rows =
        !filter.product_id.empty()
            ? conn_.Query(kListEventsOfProduct,
                          {workspace_id, filter.product_id, before, std::int64_t{filter.limit}})
            : conn_.Query(kListEventsOfEntity,
                          {workspace_id,
                           filter.entity_type,
                           filter.entity_id,
                           before,
                           std::int64_t{filter.limit}});
    TL_TRY(rows);
    return EventsFromRows(*rows);
}

Result<std::vector<domain::AuditEvent>> SqlTx::ListEventsAfter(const std::string& workspace_id,
                                                               std::int64_t after_seq,
                                                               int limit) {
    TL_ASSIGN_OR_RETURN(
        auto rows, conn_.Query(kListEventsAfter, {workspace_id, after_seq, std::int64_t{limit}}));
    return EventsFromRows(rows);
}

Result<std::int64_t> SqlTx::LatestEventSeq(const std::string& workspace_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kLatestEventSeq, {workspace_id}));
    return rows.empty() ? 0 : rows.front().Int(0);
}

}  // namespace tl::storage
