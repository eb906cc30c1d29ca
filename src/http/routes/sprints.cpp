// /api/v1/products/{id}/sprints, /api/v1/sprints/{id} and their actions (capacity, planning,
// start, complete, baseline, scope changes, change requests, burndown, report),
// /api/v1/change-requests/{id}/accept|reject and /api/v1/teams/{id}/velocity.
// docs/delivery.md ("Sprints") is the contract.
#include "app/sprints/sprints.hpp"

#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;
using app::MsOrNull;
using app::StringOrNull;

namespace {

json::value Points(const std::optional<double>& points) { return app::FigureJson(points); }
json::value Points(double points) { return app::FigureJson(points); }

json::object BriefJson(const app::ItemBrief& b) {
    if (b.key.empty()) {
        return json::object{{"id", b.id}, {"key", nullptr}, {"title", b.title}};
    }
    return json::object{{"id", b.id},
                        {"key", b.key},
                        {"title", b.title},
                        {"type", domain::ToString(b.type)},
                        {"status", b.status},
                        {"category", domain::ToString(b.category)},
                        {"points", Points(b.points)}};
}

json::object PlanningJson(const app::SprintView& v) {
    json::array warnings;
    for (const auto& w : v.planning.warnings) {
        warnings.push_back(json::object{{"code", w.code}, {"message", w.message}});
    }
    return json::object{{"committed_points", Points(v.planning.planned_points)},
                        {"capacity", Points(v.planning.capacity)},
                        {"capacity_unit", domain::ToString(v.sprint.capacity_unit)},
                        {"capacity_comparable", v.planning.capacity_comparable},
                        {"velocity", Points(v.planning.velocity)},
                        {"velocity_window", v.planning.velocity_window},
                        {"items", v.planning.items},
                        {"unestimated", v.planning.unestimated},
                        {"warnings", std::move(warnings)}};
}

json::object SprintJson(const app::SprintView& v) {
    json::object o = app::ToJson(v.sprint);
    o["team"] = json::object{{"id", v.sprint.team_id}, {"name", StringOrNull(v.team_name)}};
    o["working_day_count"] = v.working_day_count;
    o["item_count"] = v.planning.items;
    o["planned_points"] = Points(v.planning.planned_points);
    o["done_points"] = Points(v.done_points);
    if (!v.with_items) {
        return o;
    }
    json::array members;
    for (const auto& m : v.capacity) {
        json::array off;
        for (const auto& d : m.member.days_off) {
            off.emplace_back(d);
        }
        members.push_back(json::object{{"user_id", m.member.user_id},
                                       {"name", StringOrNull(m.name)},
                                       {"capacity", Points(m.member.capacity)},
                                       {"days_off", std::move(off)},
                                       {"effective", Points(m.effective)}});
    }
    o["capacity"] = json::object{{"unit", domain::ToString(v.sprint.capacity_unit)},
                                 {"total", Points(v.planning.capacity)},
                                 {"members", std::move(members)}};
    o["planning"] = PlanningJson(v);
    json::array items;
    for (const auto& i : v.items) {
        items.push_back(ItemViewJson(i));
    }
    o["items"] = std::move(items);
    return o;
}

Response SprintAnswer(int status, const app::SprintView& v) {
    return Versioned(status, SprintJson(v), v.sprint.version);
}

json::object RequestJson(const app::ChangeRequestView& v) {
    const auto& r = v.request;
    return json::object{{"id", r.id},
                        {"sprint_id", r.sprint_id},
                        {"kind", domain::ToString(r.kind)},
                        {"item_id", r.item_id},
                        {"item", BriefJson(v.item)},
                        {"reason", r.reason},
                        {"requested_by", r.requested_by},
                        {"requested_by_name", StringOrNull(v.requested_by_name)},
                        {"requested_at", r.requested_at},
                        {"status", domain::ToString(r.status)},
                        {"decided_by", StringOrNull(r.decided_by)},
                        {"decided_by_name", StringOrNull(v.decided_by_name)},
                        {"decided_at", MsOrNull(r.decided_at)},
                        {"note", r.note},
                        {"version", r.version}};
}

json::object ChangeJson(const domain::ScopeChange& c) {
    return json::object{{"id", c.id},
                        {"kind", domain::ToString(c.kind)},
                        {"item_id", c.item_id},
                        {"points_before", Points(c.points_before)},
                        {"points_after", Points(c.points_after)},
                        {"by", StringOrNull(c.by)},
                        {"at", c.at},
                        {"reason", c.reason}};
}

json::array ReportEntries(const std::vector<app::ReportEntry>& entries) {
    json::array out;
    for (const auto& e : entries) {
        json::object o = BriefJson(e.item);
        o["points"] = Points(e.points);
        if (e.change) {
            o["change_id"] = e.change->id;
            o["points_before"] = Points(e.change->points_before);
            o["points_after"] = Points(e.change->points_after);
            o["by"] = StringOrNull(e.change->by);
            o["by_name"] = StringOrNull(e.by_name);
            o["at"] = e.change->at;
            o["reason"] = e.change->reason;
        }
        if (e.outcome) {
            o["outcome"] = domain::ToString(e.outcome->outcome);
            o["next_sprint_id"] = StringOrNull(e.outcome->next_sprint_id);
        }
        out.push_back(std::move(o));
    }
    return out;
}

app::SprintInput ReadSprint(JsonInput& in) {
    app::SprintInput input;
    input.team_id = in.String("team_id", 200);
    input.name = in.String("name", 1'000);
    input.goal = in.String("goal", 10'000);
    input.start_date = in.String("start_date", 40);
    input.end_date = in.String("end_date", 40);
    if (const json::value* v = in.Raw("working_days")) {
        std::vector<int> days;
        if (!v->is_array() || v->as_array().size() > 7) {
            in.AddIssue("working_days", "must be a list of ISO weekdays, 1 (Monday) to 7");
        } else {
            for (const auto& d : v->as_array()) {
                if (!d.is_int64()) {
                    in.AddIssue("working_days", "must be a list of ISO weekdays, 1 (Monday) to 7");
                    break;
                }
                days.push_back(static_cast<int>(std::clamp<std::int64_t>(d.as_int64(), -1, 99)));
            }
            input.working_days = std::move(days);
        }
    }
    input.capacity_unit = in.Enum("capacity_unit", domain::ParseCapacityUnit, "points, hours");
    input.require_approval = in.Bool("require_approval");
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

app::CapacityInput ReadCapacity(JsonInput& in) {
    app::CapacityInput input;
    const json::value* v = in.Raw("members");
    if (v == nullptr) {
        in.AddIssue("members", "is required: a list of {user_id, capacity, days_off}");
    } else if (!v->is_array() || v->as_array().size() > 200) {
        in.AddIssue("members", "must be a list of at most 200 {user_id, capacity, days_off}");
    } else {
        std::size_t k = 0;
        for (const auto& m : v->as_array()) {
            const std::string at = "members." + std::to_string(k++);
            domain::MemberCapacity mc;
            const auto* o = m.if_object();
            if (o == nullptr) {
                in.AddIssue(at, "must be an object {user_id, capacity, days_off}");
                continue;
            }
            for (const auto& kv : *o) {
                if (kv.key() != "user_id" && kv.key() != "capacity" && kv.key() != "days_off") {
                    in.AddIssue(at + "." + std::string(kv.key()), "is not a known field");
                }
            }
            const auto* user = o->if_contains("user_id");
            if (user == nullptr || !user->is_string() || user->as_string().empty()) {
                in.AddIssue(at + ".user_id", "is required");
            } else {
                mc.user_id = std::string(user->as_string());
            }
            const auto* capacity = o->if_contains("capacity");
            if (capacity == nullptr || !capacity->is_number()) {
                in.AddIssue(at + ".capacity", "is required and must be a number");
            } else {
                mc.capacity = capacity->to_number<double>();
                if (!(mc.capacity >= 0 && mc.capacity <= 100'000)) {
                    in.AddIssue(at + ".capacity", "must be between 0 and 100000");
                }
            }
            if (const auto* off = o->if_contains("days_off")) {
                if (!off->is_array() || off->as_array().size() > domain::kMaxSprintDays) {
                    in.AddIssue(at + ".days_off", "must be a list of dates such as 2026-11-05");
                } else {
                    for (const auto& d : off->as_array()) {
                        mc.days_off.push_back(d.is_string() ? std::string(d.as_string()) : "?");
                    }
                }
            }
            input.members.push_back(std::move(mc));
        }
    }
    input.issues = in.Finish();
    return input;
}

app::PlanInput ReadPlan(JsonInput& in) {
    app::PlanInput input;
    if (auto items = in.StringArray("items", 200)) {
        input.items = std::move(*items);
    }
    input.reason = in.String("reason", 10'000).value_or("");
    input.issues = in.Finish();
    return input;
}

Response PlanAnswer(const app::PlanResult& r) {
    if (!r.requests.empty()) {
        json::array requests;
        for (const auto& v : r.requests) {
            requests.push_back(RequestJson(v));
        }
        return JsonAnswer(202, json::object{{"change_requests", std::move(requests)}});
    }
    return SprintAnswer(200, *r.sprint);
}

}  // namespace

json::object ItemBriefJson(const app::ItemBrief& brief) { return BriefJson(brief); }

json::object ScopeChangeViewJson(const app::ScopeChangeView& view) {
    json::object o = ChangeJson(view.change);
    o["item"] = BriefJson(view.item);
    o["by_name"] = StringOrNull(view.by_name);
    return o;
}

void AddSprintRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/products/{id}/sprints",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadSprint(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreateSprint(call.app, call.actor, req.Param("id"), input));
                   return SprintAnswer(201, view);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/sprints",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            domain::Issues issues;
            std::optional<domain::SprintStatus> status;
            if (auto text = req.Query("status"); text && !text->empty()) {
                status = domain::ParseSprintStatus(*text);
                if (!status) {
                    issues.push_back({"status", "must be planned, active or completed"});
                }
            }
            const std::string team(req.Query("team").value_or(""));
            TL_ASSIGN_OR_RETURN(
                auto sprints,
                app::ListSprints(call.app, call.actor, req.Param("id"), team, status, issues));
            json::array data;
            for (const auto& v : sprints) {
                data.push_back(SprintJson(v));
            }
            return PageAnswer(std::move(data), "");
        });
    router.Add("GET",
               "/api/v1/sprints/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetSprint(call.app, call.actor, req.Param("id")));
                   return SprintAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/sprints/{id}",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadSprint(in);
                   auto view =
                       app::UpdateSprint(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetSprint(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), SprintJson(current));
                   }
                   TL_TRY(view);
                   return SprintAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/sprints/{id}",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteSprint(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("PUT",
               "/api/v1/sprints/{id}/capacity",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCapacity(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::PutCapacity(call.app, call.actor, req.Param("id"), input));
                   return SprintAnswer(200, view);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/items",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadPlan(in);
                   TL_ASSIGN_OR_RETURN(
                       auto result,
                       app::AddSprintItems(call.app, call.actor, req.Param("id"), input));
                   return PlanAnswer(result);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/items/remove",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadPlan(in);
                   TL_ASSIGN_OR_RETURN(
                       auto result,
                       app::RemoveSprintItems(call.app, call.actor, req.Param("id"), input));
                   return PlanAnswer(result);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/start",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::StartSprint(call.app, call.actor, req.Param("id")));
                   return SprintAnswer(200, view);
               });
    router.Add("POST",
               "/api/v1/sprints/{id}/complete",
               domain::Action::kSprintWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, ParseOptional(req.body));
                   app::CompleteInput input;
                   input.carry_over = in.String("carry_over", 40).value_or("");
                   input.next_sprint_id = in.String("next_sprint_id", 200).value_or("");
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CompleteSprint(call.app, call.actor, req.Param("id"), input));
                   return SprintAnswer(200, view);
               });
    router.Add("GET",
               "/api/v1/sprints/{id}/baseline",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetBaseline(call.app, call.actor, req.Param("id")));
                   json::array items;
                   for (const auto& [brief, points] : view.items) {
                       items.push_back(
                           json::object{{"item", BriefJson(brief)}, {"points", Points(points)}});
                   }
                   const bool started = view.sprint.status != domain::SprintStatus::kPlanned;
                   return JsonAnswer(200,
                                     json::object{{"sprint_id", view.sprint.id},
                                                  {"taken_at", MsOrNull(view.sprint.started_at)},
                                                  {"committed_points",
                                                   started ? Points(view.sprint.committed_points)
                                                           : json::value(nullptr)},
                                                  {"items", std::move(items)}});
               });
    router.Add("GET",
               "/api/v1/sprints/{id}/scope-changes",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto changes,
                       app::ListSprintScopeChanges(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& v : changes) {
                       data.push_back(ScopeChangeViewJson(v));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("GET",
               "/api/v1/sprints/{id}/change-requests",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   domain::Issues issues;
                   std::optional<domain::ChangeRequestStatus> status;
                   if (auto text = req.Query("status"); text && !text->empty()) {
                       status = domain::ParseChangeRequestStatus(*text);
                       if (!status) {
                           issues.push_back({"status", "must be open, accepted or rejected"});
                       }
                   }
                   TL_ASSIGN_OR_RETURN(auto requests,
                                       app::ListChangeRequests(
                                           call.app, call.actor, req.Param("id"), status, issues));
                   json::array data;
                   for (const auto& v : requests) {
                       data.push_back(RequestJson(v));
                   }
                   return PageAnswer(std::move(data), "");
               });
    for (const bool accept : {true, false}) {
        router.Add(
            "POST",
            accept ? "/api/v1/change-requests/{id}/accept" : "/api/v1/change-requests/{id}/reject",
            domain::Action::kBacklogWrite,
            [accept](Request& req, Call& call) -> Result<Response> {
                TL_ASSIGN_OR_RETURN(auto in, ParseOptional(req.body));
                const std::string note = in.String("note", 10'000).value_or("");
                const auto issues = in.Finish();
                TL_ASSIGN_OR_RETURN(
                    auto view,
                    app::DecideChangeRequest(
                        call.app, call.actor, req.Param("id"), accept, note, issues));
                return Versioned(200, RequestJson(view), view.request.version);
            });
    }
    router.Add(
        "GET",
        "/api/v1/sprints/{id}/burndown",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto view, app::GetBurndown(call.app, call.actor, req.Param("id")));
            const auto& b = view.burndown;
            json::array days;
            for (const auto& d : b.days) {
                json::array changes;
                for (std::size_t k : d.changes) {
                    const auto& c = b.changes[k];
                    changes.push_back(json::object{{"kind", domain::ToString(c.kind)},
                                                   {"item_id", c.item_id},
                                                   {"points_before", Points(c.points_before)},
                                                   {"points_after", Points(c.points_after)}});
                }
                days.push_back(json::object{{"date", domain::FormatDate(d.date)},
                                            {"working_day", d.working_day},
                                            {"ideal", Points(d.ideal)},
                                            {"scope", Points(d.scope)},
                                            {"done", Points(d.done)},
                                            {"remaining", Points(d.remaining)},
                                            {"changes", std::move(changes)}});
            }
            return JsonAnswer(200,
                              json::object{{"sprint_id", view.sprint.id},
                                           {"status", domain::ToString(view.sprint.status)},
                                           {"unit", "points"},
                                           {"committed", Points(b.committed)},
                                           {"start_date", view.sprint.start_date},
                                           {"end_date", view.sprint.end_date},
                                           {"days", std::move(days)}});
        });
    router.Add("GET",
               "/api/v1/sprints/{id}/report",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto r,
                                       app::GetReport(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200,
                                     json::object{{"sprint_id", r.sprint.id},
                                                  {"name", r.sprint.name},
                                                  {"goal", r.sprint.goal},
                                                  {"status", domain::ToString(r.sprint.status)},
                                                  {"unit", "points"},
                                                  {"committed", Points(r.committed)},
                                                  {"completed", Points(r.completed)},
                                                  {"done", ReportEntries(r.done)},
                                                  {"not_done", ReportEntries(r.not_done)},
                                                  {"added_after_start", ReportEntries(r.added)},
                                                  {"removed", ReportEntries(r.removed)},
                                                  {"re_estimated", ReportEntries(r.re_estimated)},
                                                  {"carried_over", ReportEntries(r.carried_over)}});
               });
    router.Add(
        "GET",
        "/api/v1/teams/{id}/velocity",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            domain::Issues issues;
            int last = 6;
            if (auto text = req.Query("last")) {
                auto n = ParseInteger(*text);
                if (!n || *n < 1 || *n > 50) {
                    issues.push_back({"last", "must be an integer between 1 and 50"});
                } else {
                    last = static_cast<int>(*n);
                }
            }
            const std::string product(req.Query("product").value_or(""));
            TL_ASSIGN_OR_RETURN(
                auto view,
                app::TeamVelocity(call.app, call.actor, req.Param("id"), product, last, issues));
            json::array sprints;
            for (const auto& s : view.sprints) {
                sprints.push_back(json::object{{"id", s.id},
                                               {"name", s.name},
                                               {"committed", Points(s.committed_points)},
                                               {"completed", Points(s.completed_points)},
                                               {"completed_at", s.completed_at}});
            }
            return JsonAnswer(200,
                              json::object{{"team_id", view.team_id},
                                           {"product_id", view.product_id},
                                           {"sprints", std::move(sprints)},
                                           {"average", Points(view.average)}});
        });
}

}  // namespace tl::http
