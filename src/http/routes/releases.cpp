// /api/v1/products/{id}/releases and /api/v1/releases/{id}: releases, their item plans,
// readiness and notes. docs/delivery.md ("Releases") is the contract.
#include "app/releases/releases.hpp"

#include "domain/release.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

app::ReleaseInput ReadRelease(JsonInput& in) {
    app::ReleaseInput input;
    input.version = in.String("version", 1'000);
    input.name = in.String("name", 1'000);
    input.target_date = in.NullableString("target_date");
    input.description = in.String("description", 100'000);
    input.status = in.Enum("status", domain::ParseReleaseStatus, "planned, in_progress, released");
    input.issues = in.Finish();
    return input;
}

// A body that may be empty (an action without options).
Result<JsonInput> ParseOptional(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return JsonInput::Parse("{}");
    }
    return JsonInput::Parse(body);
}

Response ReleaseAnswer(int status, const app::ReleaseView& view, bool detail) {
    return Versioned(status, app::ToJson(view, detail), view.release.revision);
}

Result<Response> PlanItems(Request& req, Call& call, bool remove) {
    TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
    app::ReleaseItemsInput input;
    input.items = in.StringArray("items", 1'000).value_or(std::vector<std::string>{});
    input.reason = in.String("reason", 10'000).value_or("");
    input.issues = in.Finish();
    TL_ASSIGN_OR_RETURN(
        auto view, app::PlanReleaseItems(call.app, call.actor, req.Param("id"), input, remove));
    return ReleaseAnswer(200, view, true);
}

}  // namespace

void AddReleaseRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/releases",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto releases,
                                       app::ListReleases(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& r : releases) {
                       data.push_back(app::ToJson(r, false));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/products/{id}/releases",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadRelease(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreateRelease(call.app, call.actor, req.Param("id"), input));
                   return ReleaseAnswer(201, view, true);
               });
    router.Add("GET",
               "/api/v1/releases/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetRelease(call.app, call.actor, req.Param("id")));
                   return ReleaseAnswer(200, view, true);
               });
    router.Add("PATCH",
               "/api/v1/releases/{id}",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadRelease(in);
                   auto view =
                       app::UpdateRelease(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetRelease(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current, true));
                   }
                   TL_TRY(view);
                   return ReleaseAnswer(200, *view, true);
               });
    router.Add(
        "POST",
        "/api/v1/releases/{id}/items",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> { return PlanItems(req, call, false); });
    router.Add(
        "POST",
        "/api/v1/releases/{id}/items/remove",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> { return PlanItems(req, call, true); });
    // Commitment and scope changes (docs/delivery.md, "Commitment and scope changes").
    router.Add("POST",
               "/api/v1/releases/{id}/commit",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, ParseOptional(req.body));
                   const auto issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CommitRelease(call.app, call.actor, req.Param("id"), issues));
                   return ReleaseAnswer(200, view, true);
               });
    router.Add(
        "GET",
        "/api/v1/releases/{id}/scope-changes",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto view,
                                app::GetReleaseScopeChanges(call.app, call.actor, req.Param("id")));
            const auto& r = view.release;
            const bool committed = r.committed_at != 0;
            json::array baseline;
            for (const auto& [brief, points] : view.baseline) {
                baseline.push_back(json::object{{"item", ItemBriefJson(brief)},
                                                {"points", app::FigureJson(points)}});
            }
            json::array data;
            for (const auto& c : view.changes) {
                data.push_back(ScopeChangeViewJson(c));
            }
            const json::value committed_at =
                committed ? json::value(r.committed_at) : json::value(nullptr);
            return JsonAnswer(
                200,
                json::object{{"release_id", r.id},
                             {"committed_at", committed_at},
                             {"committed_by",
                              committed && !r.committed_by.empty()
                                  ? json::value(json::object{{"id", r.committed_by},
                                                             {"name", view.committed_by_name}})
                                  : json::value(nullptr)},
                             {"baseline",
                              json::object{{"taken_at", committed_at},
                                           {"committed_points",
                                            committed ? app::FigureJson(view.committed_points)
                                                      : json::value(nullptr)},
                                           {"items", std::move(baseline)}}},
                             {"data", std::move(data)},
                             {"next_cursor", nullptr}});
        });
    router.Add("GET",
               "/api/v1/releases/{id}/notes",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   const std::string format(req.Query("format").value_or("markdown"));
                   if (format != "markdown" && format != "json") {
                       return Fail(ValidationFailed({{"format", "must be markdown or json"}}));
                   }
                   TL_ASSIGN_OR_RETURN(auto notes,
                                       app::GetReleaseNotes(call.app, call.actor, req.Param("id")));
                   if (format == "json") {
                       return JsonAnswer(200, app::ToJson(notes));
                   }
                   Response r;
                   r.content_type = "text/markdown; charset=utf-8";
                   r.body = domain::RenderReleaseNotes(notes.release, notes.sections);
                   return r;
               });
}

}  // namespace tl::http
