#include "http/api.hpp"

#include "app/accounts/sessions.hpp"
#include "http/error_response.hpp"
#include "http/routes/common.hpp"

namespace tl::http {
namespace {

bool IsApiPath(std::string_view path) {
    return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/metrics";
}

}  // namespace

void AddAllRoutes(Router& router, Metrics& metrics, const ApiOptions& options) {
    AddSystemRoutes(router, metrics);
    AddAuthRoutes(router, options.secure_cookies);
    AddUserRoutes(router);
    AddTokenRoutes(router);
    AddProductRoutes(router);
    AddTeamRoutes(router);
    AddEventRoutes(router);
    AddItemRoutes(router);
    AddCommentRoutes(router);
    AddInboxRoutes(router);
    AddPokerRoutes(router);
    AddViewRoutes(router);
    AddSearchRoutes(router);
    AddBoardRoutes(router);
    AddReleaseRoutes(router);
    AddTestPlanningRoutes(router);
    AddSprintRoutes(router);
    // Sprint reviews and retrospectives.
    AddReviewRoutes(router);
    AddRetroRoutes(router);
    // Customer voice.
    AddCustomerVoiceRoutes(router);
    // Strategy (docs/strategy.md).
    AddStakeholderRoutes(router);
    AddDecisionRoutes(router);
    // Strategy: vision, goals, initiatives, trace and alignment (docs/strategy.md).
    AddStrategyRoutes(router);
    // The roadmap (docs/strategy.md, "Roadmap").
    AddRoadmapRoutes(router);
    // Prioritisation.
    AddPrioritisationRoutes(router);
    // Market and competition.
    AddMarketRoutes(router);
}

Api::Api(app::AppContext& app, Metrics& metrics, const StaticFiles& web, ApiOptions options)
    : app_(app), metrics_(metrics), web_(web), options_(options) {
    AddAllRoutes(router_, metrics_, options_);
}

Response Api::Handle(Request& req) {
    if (!IsApiPath(req.path)) {
        req.route_label = "static";
        if (auto file = web_.Serve(req)) {
            return std::move(*file);
        }
        return ErrorResponse(NotFound("page"));
    }
    auto match = router_.Find(req.method, req.path);
    if (!match.route) {
        if (!match.allowed_methods.empty()) {
            std::string allow;
            for (const auto& m : match.allowed_methods) {
                allow += (allow.empty() ? "" : ", ") + m;
            }
            Response r = JsonAnswer(
                405,
                boost::json::object{
                    {"error",
                     boost::json::object{
                         {"code", "method_not_allowed"},
                         {"message",
                          "method " + req.method + " is not allowed here; use " + allow}}}});
            r.SetHeader("Allow", allow);
            return r;
        }
        return ErrorResponse(NotFound("route " + req.path));
    }
    const Route& route = *match.route;
    req.route_label = route.label;
    req.params = std::move(match.params);

    Call call{app_, {}};
    if (route.action != domain::Action::kPublic) {
        auto actor = app::Authenticate(app_, RequestCredentials(req));
        if (!actor) {
            return ErrorResponse(actor.error());
        }
        call.actor = std::move(*actor);
        req.user_id = call.actor.user_id;
        if (route.action == domain::Action::kWorkspaceAdmin && !call.actor.is_admin) {
            return ErrorResponse(Forbidden("only a workspace administrator may do this"));
        }
    }
    auto result = route.handler(req, call);
    if (!result) {
        return ErrorResponse(result.error());
    }
    return std::move(*result);
}

}  // namespace tl::http
