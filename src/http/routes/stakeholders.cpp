// /api/v1/products/{id}/stakeholders, /api/v1/stakeholders/{id} (with the communication log),
// /api/v1/communications/{id} and /api/v1/products/{id}/stakeholder-update.
// docs/strategy.md ("Stakeholders") is the contract.
#include "app/stakeholders/stakeholders.hpp"

#include "domain/stakeholder_update.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kKinds = "internal, external";
constexpr std::string_view kChannels = "email, meeting, chat, phone, report";
constexpr std::string_view kQuadrants = "manage_closely, keep_satisfied, keep_informed, monitor";

app::StakeholderInput ReadStakeholder(JsonInput& in) {
    app::StakeholderInput input;
    input.name = in.String("name", domain::kMaxStakeholderNameLength);
    input.kind = in.Enum("kind", domain::ParseStakeholderKind, kKinds);
    input.organisation = in.String("organisation", domain::kMaxStakeholderLineLength);
    input.title = in.String("title", domain::kMaxStakeholderLineLength);
    input.email = in.NullableString("email");
    input.influence = in.Int("influence", 1, 5);
    input.interest = in.Int("interest", 1, 5);
    input.channel = in.Enum("channel", domain::ParseChannel, kChannels);
    input.notes = in.String("notes", domain::kMaxStakeholderNotesLength);
    input.user_id = in.NullableString("user_id");
    input.issues = in.Finish();
    return input;
}

Response StakeholderAnswer(int status, const app::StakeholderView& v) {
    return Versioned(status, app::ToJson(v, true), v.stakeholder.version);
}

}  // namespace

void AddStakeholderRoutes(Router& router) {
    router.Add(
        "GET",
        "/api/v1/products/{id}/stakeholders",
        domain::Action::kMarketRead,
        [](Request& req, Call& call) -> Result<Response> {
            app::StakeholderFilter filter;
            domain::Issues issues;
            if (auto kind = req.Query("kind"); kind && !kind->empty()) {
                filter.kind = domain::ParseStakeholderKind(*kind);
                if (!filter.kind) {
                    issues.push_back({"kind", "must be one of " + std::string(kKinds)});
                }
            }
            if (auto q = req.Query("quadrant"); q && !q->empty()) {
                filter.quadrant = domain::ParseQuadrant(*q);
                if (!filter.quadrant) {
                    issues.push_back({"quadrant", "must be one of " + std::string(kQuadrants)});
                }
            }
            // Authorise before reporting bad filters.
            if (!issues.empty()) {
                TL_TRY(app::ListStakeholders(call.app, call.actor, req.Param("id"), {}));
                return Fail(ValidationFailed(std::move(issues)));
            }
            TL_ASSIGN_OR_RETURN(
                auto list, app::ListStakeholders(call.app, call.actor, req.Param("id"), filter));
            json::array data;
            for (const auto& s : list) {
                data.push_back(app::ToJson(s, false));
            }
            return PageAnswer(std::move(data), "");
        });
    router.Add("POST",
               "/api/v1/products/{id}/stakeholders",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadStakeholder(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateStakeholder(call.app, call.actor, req.Param("id"), input));
                   return StakeholderAnswer(201, view);
               });
    router.Add("GET",
               "/api/v1/stakeholders/{id}",
               domain::Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetStakeholder(call.app, call.actor, req.Param("id")));
                   return StakeholderAnswer(200, view);
               });
    router.Add(
        "PATCH",
        "/api/v1/stakeholders/{id}",
        domain::Action::kStrategyWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            auto input = ReadStakeholder(in);
            auto view =
                app::UpdateStakeholder(call.app, call.actor, req.Param("id"), input, if_match);
            if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(auto current,
                                    app::GetStakeholder(call.app, call.actor, req.Param("id")));
                return StaleVersion(view.error(), app::ToJson(current, true));
            }
            TL_TRY(view);
            return StakeholderAnswer(200, *view);
        });
    router.Add("DELETE",
               "/api/v1/stakeholders/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteStakeholder(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/stakeholders/{id}/communications",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::CommunicationInput input;
                   input.date = in.String("date", 20);
                   input.channel = in.Enum("channel", domain::ParseChannel, kChannels);
                   input.summary = in.String("summary", domain::kMaxCommunicationSummaryLength);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::AddCommunication(call.app, call.actor, req.Param("id"), input));
                   return JsonAnswer(201, app::ToJson(view));
               });
    router.Add("DELETE",
               "/api/v1/communications/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteCommunication(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/stakeholder-update",
        domain::Action::kMarketRead,
        [](Request& req, Call& call) -> Result<Response> {
            const std::string format(req.Query("format").value_or("json"));
            std::optional<std::string> from;
            std::optional<std::string> to;
            if (auto f = req.Query("from"); f && !f->empty()) {
                from = std::string(*f);
            }
            if (auto t = req.Query("to"); t && !t->empty()) {
                to = std::string(*t);
            }
            auto update =
                app::GetStakeholderUpdate(call.app, call.actor, req.Param("id"), from, to);
            if (format != "json" && format != "markdown" && format != "html") {
                // Authorisation first: a refused caller learns nothing about the format.
                TL_TRY(update);
                return Fail(ValidationFailed({{"format", "must be json, markdown or html"}}));
            }
            TL_TRY(update);
            if (format == "json") {
                return JsonAnswer(200, app::ToJson(*update));
            }
            Response r;
            if (format == "markdown") {
                r.content_type = "text/markdown; charset=utf-8";
                r.body = domain::RenderUpdateMarkdown(*update);
            } else {
                r.content_type = "text/html; charset=utf-8";
                r.body = domain::RenderUpdateHtml(*update);
            }
            return r;
        });
}

}  // namespace tl::http
