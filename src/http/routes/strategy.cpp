// /api/v1/products/{id}/vision, goals, key results, check-ins, initiatives, an item's trace and
// the alignment of sprints and releases. docs/strategy.md is the contract.
#include "app/strategy/strategy.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kHorizons = "quarter, half, year, multi_year";
constexpr std::string_view kGoalStates = "open, achieved, missed, dropped";
constexpr std::string_view kInitiativeStatuses = "proposed, planned, in_progress, done, dropped";
constexpr double kNumberLimit = 1e15;

// A required-when-given number: null is refused.
std::optional<double> Number(JsonInput& in, std::string_view field) {
    auto v = in.NullableNumber(field, -kNumberLimit, kNumberLimit);
    if (v && !*v) {
        in.AddIssue(std::string(field), "must be a number");
        return std::nullopt;
    }
    return v ? std::optional<double>(**v) : std::nullopt;
}

app::KeyResultInput ReadKeyResult(JsonInput& in) {
    app::KeyResultInput kr;
    kr.title = in.String("title", domain::kMaxKeyResultTitleLength);
    kr.metric = in.String("metric", domain::kMaxMetricLength);
    kr.unit = in.String("unit", domain::kMaxUnitLength);
    kr.baseline = Number(in, "baseline");
    kr.target = Number(in, "target");
    return kr;
}

app::GoalInput ReadGoal(JsonInput& in, bool creating) {
    app::GoalInput input;
    input.objective = in.String("objective", domain::kMaxObjectiveLength);
    input.description = in.String("description", domain::kMaxStrategyTextLength);
    input.horizon = in.Enum("horizon", domain::ParseHorizon, kHorizons);
    input.start_date = in.String("start_date", 20);
    input.end_date = in.NullableString("end_date");
    input.owner_id = in.NullableString("owner_id");
    input.state = in.Enum("state", domain::ParseGoalState, kGoalStates);
    if (creating) {
        if (const json::value* raw = in.Raw("key_results")) {
            if (!raw->is_array()) {
                in.AddIssue("key_results", "must be a list of key results");
            } else {
                const auto& list = raw->as_array();
                for (std::size_t k = 0; k < list.size(); ++k) {
                    const std::string prefix = "key_results." + std::to_string(k);
                    auto sub = JsonInput::Parse(json::serialize(list[k]));
                    if (!sub) {
                        in.AddIssue(prefix, "must be an object");
                        input.key_results.emplace_back();
                        continue;
                    }
                    auto kr = ReadKeyResult(*sub);
                    kr.issues = sub->Finish();
                    input.key_results.push_back(std::move(kr));
                }
            }
        }
    }
    input.issues = in.Finish();
    return input;
}

app::InitiativeInput ReadInitiative(JsonInput& in) {
    app::InitiativeInput input;
    input.name = in.String("name", domain::kMaxInitiativeNameLength);
    input.description = in.String("description", domain::kMaxStrategyTextLength);
    input.goal_ids = in.StringArray("goal_ids", 100);
    input.owner_id = in.NullableString("owner_id");
    input.horizon = in.NullableString("horizon");
    input.start_date = in.NullableString("start_date");
    input.end_date = in.NullableString("end_date");
    input.expected_outcome = in.String("expected_outcome", domain::kMaxStrategyTextLength);
    input.status = in.Enum("status", domain::ParseInitiativeStatus, kInitiativeStatuses);
    input.timeframe = in.NullableString("timeframe");
    input.issues = in.Finish();
    return input;
}

Response GoalAnswer(int status, const app::GoalView& v) {
    return Versioned(status, app::ToJson(v), v.goal.version);
}

Response KeyResultAnswer(int status, const app::KeyResultView& v) {
    return Versioned(status, app::ToJson(v), v.key_result.version);
}

Response InitiativeAnswer(int status, const app::InitiativeView& v) {
    return Versioned(status, app::ToJson(v), v.initiative.version);
}

// A page of the work below a goal or initiative (`limit`, `cursor`). Bad paging parameters are
// reported after the read is authorised, so they reveal nothing to a caller who may not read.
template <typename ReadWork>
Result<Response> WorkAnswer(const Request& req, ReadWork&& read) {
    auto page_params = ReadPageParams(req);
    if (!page_params) {
        TL_TRY(read(app::WorkPage{1, ""}));
        return Fail(std::move(page_params.error()));
    }
    TL_ASSIGN_OR_RETURN(auto work, read(app::WorkPage{page_params->limit, page_params->cursor}));
    return JsonAnswer(200, app::ToJson(work));
}

std::string QueryText(const Request& req, std::string_view name) {
    return std::string(req.Query(name).value_or(""));
}

}  // namespace

void AddStrategyRoutes(Router& router) {
    // ---- vision ----
    router.Add("GET",
               "/api/v1/products/{id}/vision",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto v,
                                       app::GetVision(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(v), v.vision.version);
               });
    router.Add(
        "PATCH",
        "/api/v1/products/{id}/vision",
        domain::Action::kStrategyWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            app::VisionInput input;
            input.statement = in.String("statement", domain::kMaxVisionStatementLength);
            input.target_customers = in.String("target_customers", domain::kMaxVisionTextLength);
            input.customer_needs = in.String("customer_needs", domain::kMaxVisionTextLength);
            input.value_proposition = in.String("value_proposition", domain::kMaxVisionTextLength);
            input.business_goals = in.String("business_goals", domain::kMaxVisionTextLength);
            input.issues = in.Finish();
            auto v = app::SaveVision(call.app, call.actor, req.Param("id"), input, if_match);
            if (!v && v.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(auto current,
                                    app::GetVision(call.app, call.actor, req.Param("id")));
                return StaleVersion(v.error(), app::ToJson(current));
            }
            TL_TRY(v);
            return Versioned(200, app::ToJson(*v), v->vision.version);
        });
    router.Add("GET",
               "/api/v1/products/{id}/vision/history",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   TL_ASSIGN_OR_RETURN(
                       auto history,
                       app::ListVisionHistory(
                           call.app, call.actor, req.Param("id"), page.cursor, page.limit));
                   json::array data;
                   for (const auto& v : history.versions) {
                       data.push_back(app::ToJson(v));
                   }
                   return PageAnswer(std::move(data), history.next_cursor);
               });

    // ---- goals ----
    router.Add("POST",
               "/api/v1/products/{id}/goals",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadGoal(in, true);
                   TL_ASSIGN_OR_RETURN(
                       auto v, app::CreateGoal(call.app, call.actor, req.Param("id"), input));
                   return GoalAnswer(201, v);
               });
    router.Add("GET",
               "/api/v1/products/{id}/goals",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::GoalFilter filter;
                   if (auto h = req.Query("horizon")) {
                       filter.horizon = domain::ParseHorizon(*h);
                       if (!filter.horizon) {
                           filter.issues.push_back(
                               {"horizon", "must be one of " + std::string(kHorizons)});
                       }
                   }
                   if (auto s = req.Query("state")) {
                       filter.state = domain::ParseGoalState(*s);
                       if (!filter.state) {
                           filter.issues.push_back(
                               {"state", "must be one of " + std::string(kGoalStates)});
                       }
                   }
                   filter.as_of = QueryText(req, "as_of");
                   TL_ASSIGN_OR_RETURN(
                       auto goals, app::ListGoals(call.app, call.actor, req.Param("id"), filter));
                   json::array data;
                   for (const auto& g : goals) {
                       data.push_back(app::ToJson(g));
                   }
                   return JsonAnswer(200, json::object{{"data", std::move(data)}});
               });
    router.Add(
        "GET",
        "/api/v1/goals/{id}",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(
                auto v,
                app::GetGoal(call.app, call.actor, req.Param("id"), QueryText(req, "as_of")));
            return GoalAnswer(200, v);
        });
    router.Add("PATCH",
               "/api/v1/goals/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadGoal(in, false);
                   auto v = app::UpdateGoal(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!v && v.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetGoal(call.app, call.actor, req.Param("id"), ""));
                       return StaleVersion(v.error(), app::ToJson(current));
                   }
                   TL_TRY(v);
                   return GoalAnswer(200, *v);
               });
    router.Add("DELETE",
               "/api/v1/goals/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteGoal(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- key results and check-ins ----
    router.Add("POST",
               "/api/v1/goals/{id}/key-results",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadKeyResult(in);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto v, app::AddKeyResult(call.app, call.actor, req.Param("id"), input));
                   return KeyResultAnswer(201, v);
               });
    router.Add("PATCH",
               "/api/v1/key-results/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadKeyResult(in);
                   input.issues = in.Finish();
                   auto v =
                       app::UpdateKeyResult(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!v && v.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetKeyResult(call.app, call.actor, req.Param("id")));
                       return StaleVersion(v.error(), app::ToJson(current));
                   }
                   TL_TRY(v);
                   return KeyResultAnswer(200, *v);
               });
    router.Add("DELETE",
               "/api/v1/key-results/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteKeyResult(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/key-results/{id}/check-ins",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::CheckInInput input;
                   input.value = Number(in, "value");
                   input.date = in.String("date", 20);
                   input.note = in.String("note", domain::kMaxCheckInNoteLength);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto a, app::AddCheckIn(call.app, call.actor, req.Param("id"), input));
                   return JsonAnswer(201, app::ToJson(a));
               });
    router.Add("DELETE",
               "/api/v1/check-ins/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteCheckIn(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- initiatives ----
    router.Add("POST",
               "/api/v1/products/{id}/initiatives",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadInitiative(in);
                   TL_ASSIGN_OR_RETURN(
                       auto v, app::CreateInitiative(call.app, call.actor, req.Param("id"), input));
                   return InitiativeAnswer(201, v);
               });
    router.Add("GET",
               "/api/v1/products/{id}/initiatives",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   std::optional<domain::InitiativeStatus> status;
                   if (auto s = req.Query("status")) {
                       status = domain::ParseInitiativeStatus(*s);
                       if (!status) {
                           return Fail(ValidationFailed(
                               {{"status", "must be one of " + std::string(kInitiativeStatuses)}}));
                       }
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto list,
                       app::ListInitiatives(
                           call.app, call.actor, req.Param("id"), status, QueryText(req, "goal")));
                   json::array data;
                   for (const auto& i : list) {
                       data.push_back(app::ToJson(i));
                   }
                   return JsonAnswer(200, json::object{{"data", std::move(data)}});
               });
    router.Add("GET",
               "/api/v1/initiatives/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto v,
                                       app::GetInitiative(call.app, call.actor, req.Param("id")));
                   return InitiativeAnswer(200, v);
               });
    router.Add("PATCH",
               "/api/v1/initiatives/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadInitiative(in);
                   auto v = app::UpdateInitiative(
                       call.app, call.actor, req.Param("id"), input, if_match);
                   if (!v && v.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetInitiative(call.app, call.actor, req.Param("id")));
                       return StaleVersion(v.error(), app::ToJson(current));
                   }
                   TL_TRY(v);
                   return InitiativeAnswer(200, *v);
               });
    router.Add("DELETE",
               "/api/v1/initiatives/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteInitiative(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- traceability and alignment ----
    router.Add("GET",
               "/api/v1/items/{id}/trace",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto t,
                                       app::TraceItem(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, t);
               });
    router.Add("GET",
               "/api/v1/goals/{id}/work",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   return WorkAnswer(req, [&](const app::WorkPage& page) {
                       return app::GoalWork(call.app, call.actor, req.Param("id"), page);
                   });
               });
    router.Add("GET",
               "/api/v1/initiatives/{id}/work",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   return WorkAnswer(req, [&](const app::WorkPage& page) {
                       return app::InitiativeWork(call.app, call.actor, req.Param("id"), page);
                   });
               });
    router.Add("GET",
               "/api/v1/sprints/{id}/alignment",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto a,
                                       app::SprintAlignment(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, a);
               });
    router.Add("GET",
               "/api/v1/releases/{id}/alignment",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto a, app::ReleaseAlignment(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, a);
               });
}

}  // namespace tl::http
