// /api/v1/products/{id}/views and /api/v1/views/{id}: saved backlog views.
#include "app/backlog/views.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

app::ViewInput ReadView(JsonInput& in) {
    app::ViewInput input;
    input.name = in.String("name", app::kMaxViewNameLength);
    input.query = in.String("query", app::kMaxViewQueryLength);
    input.shared = in.Bool("shared");
    input.issues = in.Finish();
    return input;
}

}  // namespace

void AddViewRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/views",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto views,
                                       app::ListViews(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& v : views) {
                       data.push_back(app::ToJson(v));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/products/{id}/views",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadView(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreateView(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, app::ToJson(view), view.view.version);
               });
    router.Add("PATCH",
               "/api/v1/views/{id}",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadView(in);
                   auto view =
                       app::UpdateView(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetView(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, app::ToJson(*view), view->view.version);
               });
    router.Add("DELETE",
               "/api/v1/views/{id}",
               domain::Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteView(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

}  // namespace tl::http
