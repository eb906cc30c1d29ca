// /api/v1/items/{id}/comments, /api/v1/comments/{id}, and watching items.
#include "app/backlog/comments.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

app::CommentInput ReadComment(JsonInput& in) {
    app::CommentInput input;
    input.body = in.String("body", domain::kMaxCommentLength);
    input.issues = in.Finish();
    return input;
}

}  // namespace

void AddCommentRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/items/{id}/comments",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto comments,
                                       app::ListComments(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& c : comments) {
                       data.push_back(app::ToJson(c));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/items/{id}/comments",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadComment(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::AddComment(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, app::ToJson(view), view.comment.version);
               });
    router.Add("PATCH",
               "/api/v1/comments/{id}",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadComment(in);
                   auto view =
                       app::EditComment(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetComment(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, app::ToJson(*view), view->comment.version);
               });
    router.Add("DELETE",
               "/api/v1/comments/{id}",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteComment(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/items/{id}/watch",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::WatchItem(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/items/{id}/unwatch",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::UnwatchItem(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("GET",
               "/api/v1/items/{id}/watchers",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto watchers,
                                       app::ListWatchers(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& w : watchers) {
                       data.push_back(json::object{{"id", w.id}, {"name", w.name}});
                   }
                   return PageAnswer(std::move(data), "");
               });
}

}  // namespace tl::http
