// /api/v1/users and /api/v1/tokens.
#include "app/accounts/users.hpp"

#include "app/accounts/api_tokens.hpp"
#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

void AddUserRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/users",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   TL_ASSIGN_OR_RETURN(
                       auto users,
                       app::ListUsers(call.app, call.actor, {page.cursor, page.limit + 1}));
                   std::string next;
                   if (static_cast<int>(users.size()) > page.limit) {
                       users.resize(page.limit);
                       next = users.back().id;
                   }
                   json::array data;
                   for (const auto& u : users) {
                       data.push_back(app::ToJson(u));
                   }
                   return PageAnswer(std::move(data), next);
               });
    router.Add("POST",
               "/api/v1/users",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   in.Require("email");
                   in.Require("name");
                   in.Require("password");
                   app::NewUser input;
                   input.email = in.String("email", 254).value_or("");
                   input.name = in.String("name", 500).value_or("");
                   input.password = in.String("password", 500).value_or("");
                   input.is_admin = in.Bool("is_admin").value_or(false);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(auto user, app::CreateUser(call.app, call.actor, input));
                   return Versioned(201, app::ToJson(user), user.version);
               });
    router.Add("GET",
               "/api/v1/users/{id}",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto user,
                                       app::GetUser(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(user), user.version);
               });
    router.Add("PATCH",
               "/api/v1/users/{id}",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::UserPatch patch;
                   patch.email = in.String("email", 254);
                   patch.name = in.String("name", 500);
                   patch.password = in.String("password", 500);
                   patch.current_password = in.String("current_password", 500);
                   patch.is_admin = in.Bool("is_admin");
                   patch.issues = in.Finish();
                   auto user =
                       app::UpdateUser(call.app, call.actor, req.Param("id"), patch, if_match);
                   if (!user && user.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetUser(call.app, call.actor, req.Param("id")));
                       return StaleVersion(user.error(), app::ToJson(current));
                   }
                   TL_TRY(user);
                   return Versioned(200, app::ToJson(*user), user->version);
               });
    router.Add("GET",
               "/api/v1/users/{id}/history",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto q, ReadHistoryQuery(req));
                   TL_ASSIGN_OR_RETURN(
                       auto page,
                       app::UserHistory(call.app, call.actor, req.Param("id"), q.before, q.limit));
                   return HistoryAnswer(page);
               });
}

void AddTokenRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/tokens",
               domain::Action::kAuthenticated,
               [](Request&, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto tokens, app::ListApiTokens(call.app, call.actor));
                   json::array data;
                   for (const auto& t : tokens) {
                       data.push_back(app::ToJson(t));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add(
        "POST",
        "/api/v1/tokens",
        domain::Action::kAuthenticated,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            in.Require("name");
            app::NewApiToken input;
            input.name = in.String("name", 500).value_or("");
            input.expires_in_days = in.Int("expires_in_days", 0, app::kMaxTokenDays).value_or(0);
            input.issues = in.Finish();
            TL_ASSIGN_OR_RETURN(auto created, app::CreateApiToken(call.app, call.actor, input));
            json::object body = app::ToJson(created.token);
            body["token"] = created.secret;
            Response r = JsonAnswer(201, body);
            r.SetHeader("Cache-Control", "no-store");
            return r;
        });
    router.Add("DELETE",
               "/api/v1/tokens/{id}",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::RevokeApiToken(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

}  // namespace tl::http
