// /api/v1/products/{id}/decisions and /api/v1/decisions/{id}: the decision log.
// docs/strategy.md ("Decision log") is the contract.
#include "app/decisions/decisions.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kStatuses = "proposed, decided, superseded";
constexpr std::string_view kTargets = "item, goal, initiative, release, idea";

// A string member of one entry of a list; flags a wrong type under `field`.
std::optional<std::string> Member(JsonInput& in,
                                  const json::object& o,
                                  const std::string& field,
                                  std::string_view key,
                                  bool required) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        if (required) {
            in.AddIssue(field, "is required");
        }
        return std::nullopt;
    }
    if (!v->is_string()) {
        in.AddIssue(field, "must be a string");
        return std::nullopt;
    }
    return std::string(v->as_string());
}

// Flags members of `o` other than `known` under "<base>.<member>".
void UnknownMembers(JsonInput& in,
                    const json::object& o,
                    const std::string& base,
                    std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : o) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
            in.AddIssue(base + std::string(key), "is not a known field");
        }
    }
}

std::optional<std::vector<domain::DecisionOption>> ReadOptions(JsonInput& in) {
    const json::value* raw = in.Raw("options");
    if (raw == nullptr) {
        return std::nullopt;
    }
    std::vector<domain::DecisionOption> out;
    if (raw->is_null()) {
        return out;
    }
    if (!raw->is_array()) {
        in.AddIssue("options", "must be an array of {title, pros, cons}");
        return std::nullopt;
    }
    const auto& arr = raw->as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string base = "options." + std::to_string(i) + ".";
        if (!arr[i].is_object()) {
            in.AddIssue("options." + std::to_string(i), "must be an object {title, pros, cons}");
            continue;
        }
        const auto& o = arr[i].as_object();
        UnknownMembers(in, o, base, {"title", "pros", "cons"});
        domain::DecisionOption option;
        option.title = Member(in, o, base + "title", "title", true).value_or("");
        option.pros = Member(in, o, base + "pros", "pros", false).value_or("");
        option.cons = Member(in, o, base + "cons", "cons", false).value_or("");
        out.push_back(std::move(option));
    }
    return out;
}

std::optional<std::vector<app::DecisionLinkInput>> ReadLinks(JsonInput& in) {
    const json::value* raw = in.Raw("links");
    if (raw == nullptr) {
        return std::nullopt;
    }
    std::vector<app::DecisionLinkInput> out;
    if (raw->is_null()) {
        return out;
    }
    if (!raw->is_array()) {
        in.AddIssue("links", "must be an array of {type, id}");
        return std::nullopt;
    }
    const auto& arr = raw->as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string base = "links." + std::to_string(i) + ".";
        if (!arr[i].is_object()) {
            in.AddIssue("links." + std::to_string(i), "must be an object {type, id}");
            continue;
        }
        const auto& o = arr[i].as_object();
        UnknownMembers(in, o, base, {"type", "id"});
        app::DecisionLinkInput link;
        if (auto type = Member(in, o, base + "type", "type", true)) {
            link.type = domain::ParseLinkTarget(*type);
            if (!link.type) {
                in.AddIssue(base + "type", "must be one of " + std::string(kTargets));
            }
        }
        link.id = Member(in, o, base + "id", "id", true).value_or("");
        out.push_back(std::move(link));
    }
    return out;
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
