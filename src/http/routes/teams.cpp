// /api/v1/teams and their history.
#include "app/teams/teams.hpp"

#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

app::TeamInput ReadTeam(JsonInput& in) {
    app::TeamInput input;
    input.name = in.String("name", 500);
    input.product_id = in.NullableString("product_id");
    input.member_ids = in.StringArray("member_ids", domain::kMaxTeamMembers);
    input.issues = in.Finish();
    return input;
}

}  // namespace

void AddTeamRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/teams",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   TL_ASSIGN_OR_RETURN(
                       auto teams,
                       app::ListTeams(call.app, call.actor, {page.cursor, page.limit + 1}));
                   std::string next;
                   if (static_cast<int>(teams.size()) > page.limit) {
                       teams.resize(page.limit);
                       next = teams.back().id;
                   }
                   json::array data;
                   for (const auto& t : teams) {
                       data.push_back(app::ToJson(t));
                   }
                   return PageAnswer(std::move(data), next);
               });
    router.Add("POST",
               "/api/v1/teams",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadTeam(in);
                   TL_ASSIGN_OR_RETURN(auto team, app::CreateTeam(call.app, call.actor, input));
                   return Versioned(201, app::ToJson(team), team.version);
               });
    router.Add("GET",
               "/api/v1/teams/{id}",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto team,
                                       app::GetTeam(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(team), team.version);
               });
    router.Add("PATCH",
               "/api/v1/teams/{id}",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadTeam(in);
                   auto team =
                       app::UpdateTeam(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!team && team.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetTeam(call.app, call.actor, req.Param("id")));
                       return StaleVersion(team.error(), app::ToJson(current));
                   }
                   TL_TRY(team);
                   return Versioned(200, app::ToJson(*team), team->version);
               });
    router.Add("DELETE",
               "/api/v1/teams/{id}",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteTeam(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("GET",
               "/api/v1/teams/{id}/history",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto q, ReadHistoryQuery(req));
                   TL_ASSIGN_OR_RETURN(
                       auto page,
                       app::TeamHistory(call.app, call.actor, req.Param("id"), q.before, q.limit));
                   return HistoryAnswer(page);
               });
}

}  // namespace tl::http
