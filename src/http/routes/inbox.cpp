// /api/v1/inbox: the caller's own notifications.
#include "app/backlog/inbox.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

void AddInboxRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/inbox",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   bool unread_only = false;
                   if (auto unread = req.Query("unread")) {
                       if (*unread != "true" && *unread != "false") {
                           return Fail(ValidationFailed({{"unread", "must be true or false"}}));
                       }
                       unread_only = *unread == "true";
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto inbox,
                       app::ListInbox(call.app, call.actor, unread_only, page.cursor, page.limit));
                   json::array data;
                   for (const auto& e : inbox.entries) {
                       data.push_back(app::ToJson(e));
                   }
                   json::object body{{"data", std::move(data)},
                                     {"next_cursor",
                                      inbox.next_cursor.empty() ? json::value(nullptr)
                                                                : json::value(inbox.next_cursor)},
                                     {"unread", inbox.unread}};
                   return JsonAnswer(200, body);
               });
    router.Add("POST",
               "/api/v1/inbox/{id}/read",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::MarkInboxRead(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/inbox/read-all",
               domain::Action::kAuthenticated,
               [](Request&, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto changed, app::MarkInboxAllRead(call.app, call.actor));
                   return JsonAnswer(200, json::object{{"marked", changed}});
               });
}

}  // namespace tl::http
