// Sprint reviews: the notes of each sprint's review and the feedback captured in it.
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kSelectReview =
    "SELECT workspace_id, product_id, sprint_id, notes, updated_by, version, updated_at "
    "FROM sprint_reviews WHERE workspace_id = ? AND sprint_id = ?";
constexpr std::string_view kInsertReview =
    "INSERT INTO sprint_reviews (workspace_id, sprint_id, product_id, notes, updated_by, "
    "version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateReview =
    "UPDATE sprint_reviews SET notes = ?, updated_by = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND sprint_id = ? AND version = ?";

constexpr std::string_view kFeedbackColumns =
    "SELECT id, workspace_id, product_id, sprint_id, text, from_name, sentiment, item_ids, "
    "author_id, created_at FROM review_feedback ";
constexpr std::string_view kInsertFeedback =
    "INSERT INTO review_feedback (id, workspace_id, product_id, sprint_id, text, from_name, "
    "sentiment, item_ids, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteFeedback =
    "DELETE FROM review_feedback WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kFeedbackOfSprint =
    "WHERE workspace_id = ? AND sprint_id = ? ORDER BY created_at DESC, id DESC";

domain::ReviewFeedback FeedbackFromRow(const SqlRow& r) {
    domain::ReviewFeedback f;
    f.id = r.Text(0);
    f.workspace_id = r.Text(1);
    f.product_id = r.Text(2);
    f.sprint_id = r.Text(3);
    f.text = r.Text(4);
    f.from = r.Text(5);
    f.sentiment = domain::ParseSentiment(r.Text(6)).value_or(domain::Sentiment::kNeutral);
    f.item_ids = SplitList(r.Text(7));
    f.author_id = r.Text(8);
    f.created_at = r.Int(9);
    return f;
}

}  // namespace

Result<std::optional<domain::SprintReview>> SqlTx::GetSprintReview(const std::string& workspace_id,
                                                                   const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectReview, {workspace_id, sprint_id}));
    if (rows.empty()) {
        return std::optional<domain::SprintReview>();
    }
    const auto& r = rows[0];
    domain::SprintReview v;
    v.workspace_id = r.Text(0);
    v.product_id = r.Text(1);
    v.sprint_id = r.Text(2);
    v.notes = r.Text(3);
    v.updated_by = r.Text(4);
    v.version = r.Int(5);
    v.updated_at = r.Int(6);
    return std::optional<domain::SprintReview>(std::move(v));
}

Result<void> SqlTx::SaveSprintReview(const domain::SprintReview& v, std::int64_t expected_version) {
    if (expected_version == 0) {
        auto r = conn_.Execute(kInsertReview,
                               {v.workspace_id,
                                v.sprint_id,
                                v.product_id,
                                v.notes,
                                NullIfEmpty(v.updated_by),
                                v.version,
                                v.updated_at});
        if (!r && r.error().code == ErrorCode::kConflict) {
            return Fail(MakeError(ErrorCode::kPreconditionFailed,
                                  "the review notes were changed meanwhile"));
        }
        TL_TRY(r);
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateReview,
                                      {v.notes,
                                       NullIfEmpty(v.updated_by),
                                       v.version,
                                       v.updated_at,
                                       v.workspace_id,
                                       v.sprint_id,
                                       expected_version}));
    return CheckVersionedUpdate(changed, true, "review notes");
}

Result<void> SqlTx::InsertReviewFeedback(const domain::ReviewFeedback& f) {
    TL_TRY(conn_.Execute(kInsertFeedback,
                         {f.id,
                          f.workspace_id,
                          f.product_id,
                          f.sprint_id,
                          f.text,
                          f.from,
                          std::string(domain::ToString(f.sentiment)),
                          JoinList(f.item_ids),
                          f.author_id,
                          f.created_at}));
    return {};
}

Result<domain::ReviewFeedback> SqlTx::GetReviewFeedback(const std::string& workspace_id,
                                                        const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kFeedbackColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("feedback"));
    }
    return FeedbackFromRow(rows[0]);
}

Result<void> SqlTx::DeleteReviewFeedback(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute(kDeleteFeedback, {workspace_id, id}));
    return {};
}

Result<std::vector<domain::ReviewFeedback>> SqlTx::ListReviewFeedback(
    const std::string& workspace_id, const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kFeedbackColumns) + std::string(kFeedbackOfSprint),
                                    {workspace_id, sprint_id}));
    std::vector<domain::ReviewFeedback> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(FeedbackFromRow(r));
    }
    return out;
}

}  // namespace tl::storage
