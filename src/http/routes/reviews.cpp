// /api/v1/sprints/{id}/review (the agenda, notes and feedback), its feedback, and
// /api/v1/review-feedback/{id}. docs/delivery.md ("Sprint review") is the contract.
#include "app/reviews/reviews.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

void AddReviewRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/sprints/{id}/review",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetReview(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(view), view.review.version);
               });
    router.Add("PATCH",
               "/api/v1/sprints/{id}/review",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::ReviewNotesInput input;
                   input.notes = in.String("notes", domain::kMaxReviewNotesLength);
                   input.issues = in.Finish();
                   auto view = app::UpdateReviewNotes(
                       call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetReview(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, app::ToJson(*view), view->review.version);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/review/feedback",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::FeedbackInput input;
                   input.text = in.String("text", domain::kMaxFeedbackTextLength);
                   input.from = in.String("from", domain::kMaxFeedbackFromLength).value_or("");
                   input.sentiment =
                       in.Enum("sentiment", domain::ParseSentiment, "positive, neutral, negative");
                   input.item_ids = in.StringArray("item_ids", domain::kMaxFeedbackItems)
                                        .value_or(std::vector<std::string>{});
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::AddReviewFeedback(call.app, call.actor, req.Param("id"), input));
                   return JsonAnswer(201, app::ToJson(view));
               });
    router.Add("DELETE",
               "/api/v1/review-feedback/{id}",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteReviewFeedback(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

}  // namespace tl::http
