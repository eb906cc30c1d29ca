// /api/v1/sprints/{id}/retro (cards, votes and actions), /api/v1/retro-cards/{id} and
// /api/v1/retro-actions/{id}. docs/delivery.md ("Retrospectives") is the contract.
#include "app/retros/retros.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kColumns = "went_well, to_improve, action";

app::RetroCardInput ReadCard(JsonInput& in) {
    app::RetroCardInput input;
    input.column = in.Enum("column", domain::ParseRetroColumn, kColumns);
    input.text = in.String("text", domain::kMaxRetroTextLength);
    input.issues = in.Finish();
    return input;
}

Response CardAnswer(int status, const app::RetroCardView& v) {
    return Versioned(status, app::ToJson(v), v.card.version);
}

Response ActionAnswer(int status, const app::RetroActionView& v) {
    return Versioned(status, app::ToJson(v), v.action.version);
}

}  // namespace

void AddRetroRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/sprints/{id}/retro",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetRetro(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, app::ToJson(view));
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/retro/cards",
               domain::Action::kRetroWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCard(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::AddRetroCard(call.app, call.actor, req.Param("id"), input));
                   return CardAnswer(201, view);
               });
    router.Add("PATCH",
               "/api/v1/retro-cards/{id}",
               domain::Action::kRetroWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCard(in);
                   auto view =
                       app::UpdateRetroCard(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetRetroCard(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return CardAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/retro-cards/{id}",
               domain::Action::kRetroWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteRetroCard(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/retro-cards/{id}/vote",
               domain::Action::kRetroWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::ToggleRetroVote(call.app, call.actor, req.Param("id")));
                   return CardAnswer(200, view);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/retro/actions",
               domain::Action::kRetroWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::RetroActionInput input;
                   input.text = in.String("text", domain::kMaxRetroTextLength);
                   input.owner_id = in.NullableString("owner_id");
                   input.card_id = in.NullableString("card_id");
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::AddRetroAction(call.app, call.actor, req.Param("id"), input));
                   return ActionAnswer(201, view);
               });
    router.Add(
        "PATCH",
        "/api/v1/retro-actions/{id}",
        domain::Action::kRetroWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            app::RetroActionInput input;
            input.text = in.String("text", domain::kMaxRetroTextLength);
            input.owner_id = in.NullableString("owner_id");
            input.done = in.Bool("done");
            input.issues = in.Finish();
            auto view =
                app::UpdateRetroAction(call.app, call.actor, req.Param("id"), input, if_match);
            if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(auto current,
                                    app::GetRetroAction(call.app, call.actor, req.Param("id")));
                return StaleVersion(view.error(), app::ToJson(current));
            }
            TL_TRY(view);
            return ActionAnswer(200, *view);
        });
}

}  // namespace tl::http
