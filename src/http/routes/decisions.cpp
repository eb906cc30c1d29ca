// /api/v1/products/{id}/decisions and /api/v1/decisions/{id}: the decision log.
// docs/strategy.md ("Decision log") is the contract.
#include "app/decisions/decisions.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"
#include "http/routes/json_members.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kStatuses = "proposed, decided, superseded";
constexpr std::string_view kTargets = "item, goal, initiative, release, idea";

std::optional<std::vector<domain::DecisionOption>> ReadOptions(JsonInput& in) {
    return ReadObjectList<domain::DecisionOption>(
        in, "options", "{title, pros, cons}", [&](const json::object& o, const std::string& base) {
            UnknownMembers(in, o, base, {"title", "pros", "cons"});
            domain::DecisionOption option;
            option.title = Member(in, o, base + "title", "title", true).value_or("");
            option.pros = Member(in, o, base + "pros", "pros", false).value_or("");
            option.cons = Member(in, o, base + "cons", "cons", false).value_or("");
            return option;
        });
}

std::optional<std::vector<app::DecisionLinkInput>> ReadLinks(JsonInput& in) {
    return ReadTypedLinks<app::DecisionLinkInput>(
        in, [](std::string_view t) { return domain::ParseLinkTarget(t); }, kTargets);
}

app::DecisionInput ReadDecision(JsonInput& in) {
    app::DecisionInput input;
    input.title = in.String("title", domain::kMaxDecisionTitleLength);
    input.context = in.String("context", domain::kMaxDecisionTextLength);
    input.options = ReadOptions(in);
    input.decision = in.String("decision", domain::kMaxDecisionLength);
    input.rationale = in.String("rationale", domain::kMaxDecisionTextLength);
    input.owner_id = in.NullableString("owner_id");
    input.date = in.NullableString("date");
    input.status = in.Enum("status", domain::ParseDecisionStatus, kStatuses);
    input.links = ReadLinks(in);
    input.issues = in.Finish();
    return input;
}

Response DecisionAnswer(int status, const app::DecisionView& v) {
    return Versioned(status, app::ToJson(v), v.decision.version);
}

}  // namespace

void AddDecisionRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/decisions",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::DecisionFilter filter;
                   domain::Issues issues;
                   if (auto s = req.Query("status"); s && !s->empty()) {
                       filter.status = domain::ParseDecisionStatus(*s);
                       if (!filter.status) {
                           issues.push_back({"status", "must be one of " + std::string(kStatuses)});
                       }
                   }
                   filter.q = std::string(req.Query("q").value_or(""));
                   if (auto l = req.Query("linked"); l && !l->empty()) {
                       filter.linked = domain::ParseLinkFilter(*l);
                       if (!filter.linked) {
                           issues.push_back(
                               {"linked",
                                "must be <type>:<id> with a type among " + std::string(kTargets)});
                       }
                   }
                   if (!issues.empty()) {
                       // Authorise before reporting bad filters.
                       TL_TRY(app::ListDecisions(call.app, call.actor, req.Param("id"), {}));
                       return Fail(ValidationFailed(std::move(issues)));
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto list,
                       app::ListDecisions(call.app, call.actor, req.Param("id"), filter));
                   json::array data;
                   for (const auto& d : list) {
                       data.push_back(app::ToJson(d));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/products/{id}/decisions",
               domain::Action::kDecisionWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadDecision(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateDecision(call.app, call.actor, req.Param("id"), input));
                   return DecisionAnswer(201, view);
               });
    router.Add("GET",
               "/api/v1/decisions/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetDecision(call.app, call.actor, req.Param("id")));
                   return DecisionAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/decisions/{id}",
               domain::Action::kDecisionWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadDecision(in);
                   auto view =
                       app::UpdateDecision(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetDecision(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return DecisionAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/decisions/{id}",
               domain::Action::kDecisionWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteDecision(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

}  // namespace tl::http
