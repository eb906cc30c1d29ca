// Test cases (/api/v1/items/{id}/test-cases, /api/v1/test-cases/{id}), test plans
// (/api/v1/products/{id}/test-plans, /api/v1/test-plans/{id}), their runs, a bug from a failing
// run and an item's coverage. docs/delivery.md ("Test planning") is the contract.
#include "app/testing/test_planning.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

app::TestCaseInput ReadCase(JsonInput& in) {
    app::TestCaseInput input;
    input.title = in.String("title", 1'000);
    input.preconditions = in.String("preconditions", 100'000);
    input.steps = in.String("steps", 100'000);
    input.expected_result = in.String("expected_result", 100'000);
    input.criteria = in.StringArray("criteria", 200);
    input.issues = in.Finish();
    return input;
}

json::array CaseList(const std::vector<app::TestCaseView>& views) {
    json::array data;
    for (const auto& v : views) {
        data.push_back(app::ToJson(v));
    }
    return data;
}

}  // namespace

void AddTestPlanningRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/items/{id}/test-cases",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCase(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateTestCase(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, app::ToJson(view), view.test_case.version);
               });
    router.Add("GET",
               "/api/v1/items/{id}/test-cases",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto views,
                                       app::ListTestCases(call.app, call.actor, req.Param("id")));
                   return PageAnswer(CaseList(views), "");
               });
    router.Add("GET",
               "/api/v1/items/{id}/coverage",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::ItemCoverage(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, app::ToJson(view));
               });
    router.Add("GET",
               "/api/v1/test-cases/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetTestCase(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(view), view.test_case.version);
               });
    router.Add("PATCH",
               "/api/v1/test-cases/{id}",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCase(in);
                   auto view =
                       app::UpdateTestCase(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetTestCase(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, app::ToJson(*view), view->test_case.version);
               });
    router.Add("DELETE",
               "/api/v1/test-cases/{id}",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteTestCase(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    router.Add("POST",
               "/api/v1/products/{id}/test-plans",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::TestPlanInput input;
                   input.name = in.String("name", 1'000);
                   input.sprint_id = in.NullableString("sprint_id");
                   input.release_id = in.NullableString("release_id");
                   input.case_ids = in.StringArray("case_ids", 2'000);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateTestPlan(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, app::ToJson(view), view.plan.version);
               });
    router.Add("GET",
               "/api/v1/products/{id}/test-plans",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   const std::string release(req.Query("release").value_or(""));
                   TL_ASSIGN_OR_RETURN(
                       auto views,
                       app::ListTestPlans(call.app, call.actor, req.Param("id"), release));
                   json::array data;
                   for (const auto& v : views) {
                       data.push_back(app::ToJson(v));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("GET",
               "/api/v1/test-plans/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetTestPlan(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(view), view.plan.version);
               });
    router.Add("PATCH",
               "/api/v1/test-plans/{id}",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::TestPlanInput input;
                   input.name = in.String("name", 1'000);
                   input.case_ids = in.StringArray("case_ids", 2'000);
                   input.issues = in.Finish();
                   auto view =
                       app::UpdateTestPlan(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetTestPlan(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, app::ToJson(*view), view->plan.version);
               });
    router.Add("DELETE",
               "/api/v1/test-plans/{id}",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteTestPlan(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    router.Add("POST",
               "/api/v1/test-plans/{id}/runs",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::TestRunInput input;
                   input.case_id = in.String("case_id", 200).value_or("");
                   input.result = in.Enum("result", domain::ParseTestResult, "pass, fail, blocked");
                   input.notes = in.String("notes", 100'000).value_or("");
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::RecordTestRun(call.app, call.actor, req.Param("id"), input));
                   return JsonAnswer(201, app::ToJson(view));
               });
    router.Add("GET",
               "/api/v1/test-plans/{id}/runs",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto runs,
                                       app::ListTestRuns(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& r : runs) {
                       data.push_back(app::ToJson(r));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/test-runs/{id}/bug",
               domain::Action::kTestWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto opened,
                                       app::OpenBugFromRun(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(
                       opened.created ? 201 : 200,
                       json::object{{"bug",
                                     json::object{{"id", opened.bug.id},
                                                  {"key", opened.bug.key},
                                                  {"title", opened.bug.title},
                                                  {"type", domain::ToString(opened.bug.type)},
                                                  {"status", opened.bug.status}}},
                                    {"created", opened.created},
                                    {"run", app::ToJson(opened.run)}});
               });
}

}  // namespace tl::http
