// Customer voice: customers and contacts, customer feedback and its links, ideas and votes.
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kCustomerColumns =
    "SELECT id, workspace_id, product_id, name, segment, revenue_per_year, region, notes, "
    "created_by, version, created_at, updated_at FROM customers ";
constexpr std::string_view kInsertCustomer =
    "INSERT INTO customers (id, workspace_id, product_id, name, segment, revenue_per_year, "
    "region, notes, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateCustomer =
    "UPDATE customers SET name = ?, segment = ?, revenue_per_year = ?, region = ?, notes = ?, "
    "version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kContactColumns =
    "SELECT id, workspace_id, product_id, customer_id, name, email, role, version, created_at, "
    "updated_at FROM customer_contacts ";
constexpr std::string_view kInsertContact =
    "INSERT INTO customer_contacts (id, workspace_id, product_id, customer_id, name, email, "
    "role, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateContact =
    "UPDATE customer_contacts SET name = ?, email = ?, role = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kFeedbackColumns =
    "SELECT id, workspace_id, product_id, text, source, kind, sentiment, score, feedback_date, "
    "customer_id, contact_id, status, author_id, version, created_at, updated_at "
    "FROM customer_feedback ";
constexpr std::string_view kInsertFeedback =
    "INSERT INTO customer_feedback (id, workspace_id, product_id, text, source, kind, "
    "sentiment, score, feedback_date, customer_id, contact_id, status, author_id, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateFeedback =
    "UPDATE customer_feedback SET text = ?, source = ?, kind = ?, sentiment = ?, score = ?, "
    "feedback_date = ?, customer_id = ?, contact_id = ?, status = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kLinkColumns =
    "SELECT id, workspace_id, product_id, feedback_id, target_type, target_id, importance, "
    "created_by, created_at FROM feedback_links ";
constexpr std::string_view kInsertLink =
    "INSERT INTO feedback_links (id, workspace_id, product_id, feedback_id, target_type, "
    "target_id, importance, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kIdeaColumns =
    "SELECT id, workspace_id, product_id, title, problem, proposer_id, customer_id, status, "
    "decline_reason, item_id, version, created_at, updated_at FROM ideas ";
constexpr std::string_view kInsertIdea =
    "INSERT INTO ideas (id, workspace_id, product_id, title, problem, proposer_id, "
    "customer_id, status, decline_reason, item_id, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateIdea =
    "UPDATE ideas SET title = ?, problem = ?, customer_id = ?, status = ?, decline_reason = ?, "
    "item_id = ?, version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kVoteColumns =
    "SELECT id, workspace_id, product_id, idea_id, user_id, customer_id, created_at "
    "FROM idea_votes ";
constexpr std::string_view kInsertVote =
    "INSERT INTO idea_votes (id, workspace_id, product_id, idea_id, user_id, customer_id, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kById = "WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kOfProduct = "WHERE workspace_id = ? AND product_id = ? ";

domain::Customer CustomerFromRow(const SqlRow& r) {
    domain::Customer c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.name = r.Text(3);
    c.segment = r.Text(4);
    c.revenue_per_year = r.Real(5);
    c.region = r.Text(6);
    c.notes = r.Text(7);
    c.created_by = r.Text(8);
    c.version = r.Int(9);
    c.created_at = r.Int(10);
    c.updated_at = r.Int(11);
    return c;
}

domain::CustomerContact ContactFromRow(const SqlRow& r) {
    domain::CustomerContact c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.customer_id = r.Text(3);
    c.name = r.Text(4);
    c.email = r.Text(5);
    c.role = r.Text(6);
    c.version = r.Int(7);
    c.created_at = r.Int(8);
    c.updated_at = r.Int(9);
    return c;
}

domain::CustomerFeedback FeedbackFromRow(const SqlRow& r) {
    domain::CustomerFeedback f;
    f.id = r.Text(0);
    f.workspace_id = r.Text(1);
    f.product_id = r.Text(2);
    f.text = r.Text(3);
    f.source = domain::ParseFeedbackSource(r.Text(4)).value_or(domain::FeedbackSource::kOther);
    f.kind = domain::ParseFeedbackKind(r.Text(5)).value_or(domain::FeedbackKind::kQualitative);
    f.sentiment = domain::ParseSentiment(r.Text(6)).value_or(domain::Sentiment::kNeutral);
    f.score = r.Real(7);
    f.date = r.Text(8);
    f.customer_id = r.Text(9);
    f.contact_id = r.Text(10);
    f.status = domain::ParseFeedbackStatus(r.Text(11)).value_or(domain::FeedbackStatus::kNew);
    f.author_id = r.Text(12);
    f.version = r.Int(13);
    f.created_at = r.Int(14);
    f.updated_at = r.Int(15);
    return f;
}

domain::FeedbackLink LinkFromRow(const SqlRow& r) {
    domain::FeedbackLink l;
    l.id = r.Text(0);
    l.workspace_id = r.Text(1);
    l.product_id = r.Text(2);
    l.feedback_id = r.Text(3);
    l.target_type = domain::ParseFeedbackTarget(r.Text(4)).value_or(domain::FeedbackTarget::kItem);
    l.target_id = r.Text(5);
    l.importance = domain::ParseImportance(r.Text(6)).value_or(domain::Importance::kImportant);
    l.created_by = r.Text(7);
    l.created_at = r.Int(8);
    return l;
}

domain::Idea IdeaFromRow(const SqlRow& r) {
    domain::Idea i;
    i.id = r.Text(0);
    i.workspace_id = r.Text(1);
    i.product_id = r.Text(2);
    i.title = r.Text(3);
    i.problem = r.Text(4);
    i.proposer_id = r.Text(5);
    i.customer_id = r.Text(6);
    i.status = domain::ParseIdeaStatus(r.Text(7)).value_or(domain::IdeaStatus::kNew);
    i.decline_reason = r.Text(8);
    i.item_id = r.Text(9);
    i.version = r.Int(10);
    i.created_at = r.Int(11);
    i.updated_at = r.Int(12);
    return i;
}

domain::IdeaVote VoteFromRow(const SqlRow& r) {
    domain::IdeaVote v;
    v.id = r.Text(0);
    v.workspace_id = r.Text(1);
    v.product_id = r.Text(2);
    v.idea_id = r.Text(3);
    v.user_id = r.Text(4);
    v.customer_id = r.Text(5);
    v.created_at = r.Int(6);
    return v;
}

template <typename T, typename FromRow>
std::vector<T> AllFromRows(const std::vector<SqlRow>& rows, FromRow from_row) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(from_row(r));
    }
    return out;
}

// One row by id, or kNotFound(what).
template <typename T, typename FromRow>
Result<T> OneById(Connection& conn,
                  std::string_view columns,
                  const std::string& workspace_id,
                  const std::string& id,
                  FromRow from_row,
                  const char* what) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn.Query(std::string(columns) + std::string(kById), {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound(what));
    }
    return from_row(rows[0]);
}

// After a versioned UPDATE: fine when one row changed, else not-found or stale.
Result<void> CheckUpdate(Connection& conn,
                         std::int64_t changed,
                         std::string_view table,
                         const std::string& workspace_id,
                         const std::string& id,
                         const char* what) {
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn.Query("SELECT 1 FROM " + std::string(table) + " " + std::string(kById),
                                   {workspace_id, id}));
    return CheckVersionedUpdate(changed, !rows.empty(), what);
}

Result<void> RunAll(Connection& conn,
                    std::initializer_list<std::string_view> statements,
                    const std::string& workspace_id,
                    const std::string& id) {
    for (std::string_view sql : statements) {
        TL_TRY(conn.Execute(sql, {workspace_id, id}));
    }
    return {};
}

}  // namespace

// ---- customers and contacts ----

Result<void> SqlTx::InsertCustomer(const domain::Customer& c) {
    TL_TRY(conn_.Execute(kInsertCustomer,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.name,
                          c.segment,
                          NullIfAbsent(c.revenue_per_year),
                          c.region,
                          c.notes,
                          NullIfEmpty(c.created_by),
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateCustomer(const domain::Customer& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateCustomer,
                                      {c.name,
                                       c.segment,
                                       NullIfAbsent(c.revenue_per_year),
                                       c.region,
                                       c.notes,
                                       c.version,
                                       c.updated_at,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    return CheckUpdate(conn_, changed, "customers", c.workspace_id, c.id, "customer");
}

Result<void> SqlTx::DeleteCustomer(const std::string& workspace_id, const std::string& id) {
    return RunAll(
        conn_,
        {
            "DELETE FROM idea_votes WHERE workspace_id = ? AND customer_id = ?",
            "UPDATE customer_feedback SET customer_id = NULL, contact_id = NULL "
            "WHERE workspace_id = ? AND customer_id = ?",
            "UPDATE ideas SET customer_id = NULL WHERE workspace_id = ? AND customer_id = ?",
            "DELETE FROM customer_contacts WHERE workspace_id = ? AND customer_id = ?",
            "DELETE FROM customers WHERE workspace_id = ? AND id = ?",
        },
        workspace_id,
        id);
}

Result<domain::Customer> SqlTx::GetCustomer(const std::string& workspace_id,
                                            const std::string& id) {
    return OneById<domain::Customer>(
        conn_, kCustomerColumns, workspace_id, id, CustomerFromRow, "customer");
}

Result<std::vector<domain::Customer>> SqlTx::ListCustomers(const std::string& workspace_id,
                                                           const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCustomerColumns) + std::string(kOfProduct) + "ORDER BY name, id",
                    {workspace_id, product_id}));
    return AllFromRows<domain::Customer>(rows, CustomerFromRow);
}

Result<void> SqlTx::InsertContact(const domain::CustomerContact& c) {
    TL_TRY(conn_.Execute(kInsertContact,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.customer_id,
                          c.name,
                          c.email,
                          c.role,
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateContact(const domain::CustomerContact& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateContact,
                                      {c.name,
                                       c.email,
                                       c.role,
                                       c.version,
                                       c.updated_at,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    return CheckUpdate(conn_, changed, "customer_contacts", c.workspace_id, c.id, "contact");
}

Result<void> SqlTx::DeleteContact(const std::string& workspace_id, const std::string& id) {
    return RunAll(conn_,
                  {
                      "UPDATE customer_feedback SET contact_id = NULL "
                      "WHERE workspace_id = ? AND contact_id = ?",
                      "DELETE FROM customer_contacts WHERE workspace_id = ? AND id = ?",
                  },
                  workspace_id,
                  id);
}

Result<domain::CustomerContact> SqlTx::GetContact(const std::string& workspace_id,
                                                  const std::string& id) {
    return OneById<domain::CustomerContact>(
        conn_, kContactColumns, workspace_id, id, ContactFromRow, "contact");
}

Result<std::vector<domain::CustomerContact>> SqlTx::ListContacts(const std::string& workspace_id,
                                                                 const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kContactColumns) + std::string(kOfProduct) +
                                        "ORDER BY created_at, id",
                                    {workspace_id, product_id}));
    return AllFromRows<domain::CustomerContact>(rows, ContactFromRow);
}

// ---- feedback and links ----

Result<void> SqlTx::InsertCustomerFeedback(const domain::CustomerFeedback& f) {
    TL_TRY(conn_.Execute(kInsertFeedback,
                         {f.id,
                          f.workspace_id,
                          f.product_id,
                          f.text,
                          std::string(domain::ToString(f.source)),
                          std::string(domain::ToString(f.kind)),
                          std::string(domain::ToString(f.sentiment)),
                          NullIfAbsent(f.score),
                          f.date,
                          NullIfEmpty(f.customer_id),
                          NullIfEmpty(f.contact_id),
                          std::string(domain::ToString(f.status)),
                          f.author_id,
                          f.version,
                          f.created_at,
                          f.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateCustomerFeedback(const domain::CustomerFeedback& f,
                                           std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateFeedback,
                                      {f.text,
                                       std::string(domain::ToString(f.source)),
                                       std::string(domain::ToString(f.kind)),
                                       std::string(domain::ToString(f.sentiment)),
                                       NullIfAbsent(f.score),
                                       f.date,
                                       NullIfEmpty(f.customer_id),
                                       NullIfEmpty(f.contact_id),
                                       std::string(domain::ToString(f.status)),
                                       f.version,
                                       f.updated_at,
                                       f.workspace_id,
                                       f.id,
                                       expected_version}));
    return CheckUpdate(conn_, changed, "customer_feedback", f.workspace_id, f.id, "feedback");
}

Result<void> SqlTx::DeleteCustomerFeedback(const std::string& workspace_id, const std::string& id) {
    return RunAll(conn_,
                  {
                      "DELETE FROM feedback_links WHERE workspace_id = ? AND feedback_id = ?",
                      "DELETE FROM customer_feedback WHERE workspace_id = ? AND id = ?",
                  },
                  workspace_id,
                  id);
}

Result<domain::CustomerFeedback> SqlTx::GetCustomerFeedback(const std::string& workspace_id,
                                                            const std::string& id) {
    return OneById<domain::CustomerFeedback>(
        conn_, kFeedbackColumns, workspace_id, id, FeedbackFromRow, "feedback");
}

Result<std::vector<domain::CustomerFeedback>> SqlTx::ListCustomerFeedback(
    const std::string& workspace_id, const CustomerFeedbackFilter& filter) {
    std::string sql = std::string(kFeedbackColumns) + std::string(kOfProduct);
    SqlParams params{workspace_id, filter.product_id};
    if (filter.status) {
        sql += "AND status = ? ";
        params.emplace_back(std::string(domain::ToString(*filter.status)));
    }
    if (!filter.customer_id.empty()) {
        sql += "AND customer_id = ? ";
        params.emplace_back(filter.customer_id);
    }
    if (filter.source) {
        sql += "AND source = ? ";
        params.emplace_back(std::string(domain::ToString(*filter.source)));
    }
    if (filter.before_at > 0) {
        sql += "AND (created_at < ? OR (created_at = ? AND id < ?)) ";
        params.emplace_back(filter.before_at);
        params.emplace_back(filter.before_at);
        params.emplace_back(filter.before_id);
    }
    sql += "ORDER BY created_at DESC, id DESC";
    if (filter.limit > 0) {
        sql += " LIMIT ?";
        params.emplace_back(static_cast<std::int64_t>(filter.limit));
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    return AllFromRows<domain::CustomerFeedback>(rows, FeedbackFromRow);
}

Result<void> SqlTx::InsertFeedbackLink(const domain::FeedbackLink& l) {
    auto r = conn_.Execute(kInsertLink,
                           {l.id,
                            l.workspace_id,
                            l.product_id,
                            l.feedback_id,
                            std::string(domain::ToString(l.target_type)),
                            l.target_id,
                            std::string(domain::ToString(l.importance)),
                            NullIfEmpty(l.created_by),
                            l.created_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(Conflict("the feedback is linked there already"));
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::DeleteFeedbackLink(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM feedback_links WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::FeedbackLink> SqlTx::GetFeedbackLink(const std::string& workspace_id,
                                                    const std::string& id) {
    return OneById<domain::FeedbackLink>(
        conn_, kLinkColumns, workspace_id, id, LinkFromRow, "feedback link");
}

Result<std::vector<domain::FeedbackLink>> SqlTx::ListFeedbackLinks(const std::string& workspace_id,
                                                                   const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kLinkColumns) + std::string(kOfProduct) + "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    return AllFromRows<domain::FeedbackLink>(rows, LinkFromRow);
}

// ---- ideas and votes ----

Result<void> SqlTx::InsertIdea(const domain::Idea& i) {
    TL_TRY(conn_.Execute(kInsertIdea,
                         {i.id,
                          i.workspace_id,
                          i.product_id,
                          i.title,
                          i.problem,
                          i.proposer_id,
                          NullIfEmpty(i.customer_id),
                          std::string(domain::ToString(i.status)),
                          i.decline_reason,
                          NullIfEmpty(i.item_id),
                          i.version,
                          i.created_at,
                          i.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateIdea(const domain::Idea& i, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateIdea,
                                      {i.title,
                                       i.problem,
                                       NullIfEmpty(i.customer_id),
                                       std::string(domain::ToString(i.status)),
                                       i.decline_reason,
                                       NullIfEmpty(i.item_id),
                                       i.version,
                                       i.updated_at,
                                       i.workspace_id,
                                       i.id,
                                       expected_version}));
    return CheckUpdate(conn_, changed, "ideas", i.workspace_id, i.id, "idea");
}

Result<void> SqlTx::DeleteIdea(const std::string& workspace_id, const std::string& id) {
    return RunAll(conn_,
                  {
                      "DELETE FROM idea_votes WHERE workspace_id = ? AND idea_id = ?",
                      "DELETE FROM feedback_links WHERE workspace_id = ? AND "
                      "target_type = 'idea' AND target_id = ?",
                      "DELETE FROM ideas WHERE workspace_id = ? AND id = ?",
                  },
                  workspace_id,
                  id);
}

Result<domain::Idea> SqlTx::GetIdea(const std::string& workspace_id, const std::string& id) {
    return OneById<domain::Idea>(conn_, kIdeaColumns, workspace_id, id, IdeaFromRow, "idea");
}

Result<std::vector<domain::Idea>> SqlTx::ListIdeas(const std::string& workspace_id,
                                                   const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kIdeaColumns) + std::string(kOfProduct) + "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    return AllFromRows<domain::Idea>(rows, IdeaFromRow);
}

Result<void> SqlTx::InsertIdeaVote(const domain::IdeaVote& v) {
    auto r = conn_.Execute(kInsertVote,
                           {v.id,
                            v.workspace_id,
                            v.product_id,
                            v.idea_id,
                            v.user_id,
                            NullIfEmpty(v.customer_id),
                            v.created_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(Conflict(v.customer_id.empty()
                                 ? "you have voted for this idea already"
                                 : "the customer has voted for this idea already"));
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::DeleteIdeaVote(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM idea_votes WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::IdeaVote> SqlTx::GetIdeaVote(const std::string& workspace_id,
                                            const std::string& id) {
    return OneById<domain::IdeaVote>(conn_, kVoteColumns, workspace_id, id, VoteFromRow, "vote");
}

Result<std::vector<domain::IdeaVote>> SqlTx::ListIdeaVotes(const std::string& workspace_id,
                                                           const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kVoteColumns) + std::string(kOfProduct) + "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    return AllFromRows<domain::IdeaVote>(rows, VoteFromRow);
}

}  // namespace tl::storage
