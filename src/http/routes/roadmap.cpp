// The roadmap (docs/strategy.md, "Roadmap"): a product's and the portfolio's, published
// read-only links, and the public read of a link.
#include "app/strategy/roadmap.hpp"

#include "http/routes/common.hpp"

namespace tl::http {

namespace {

app::RoadmapQuery ReadRoadmapQuery(const Request& req) {
    app::RoadmapQuery q;
    q.from = std::string(req.Query("from").value_or(""));
    q.to = std::string(req.Query("to").value_or(""));
    q.granularity = std::string(req.Query("granularity").value_or(""));
    return q;
}

}  // namespace

void AddRoadmapRoutes(Router& router) {
    router.Add(
        "GET",
        "/api/v1/products/{id}/roadmap",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(
                auto r,
                app::ProductRoadmap(call.app, call.actor, req.Param("id"), ReadRoadmapQuery(req)));
            return JsonAnswer(200, r);
        });
    router.Add("GET",
               "/api/v1/roadmap",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto r, app::PortfolioRoadmap(call.app, call.actor, ReadRoadmapQuery(req)));
                   return JsonAnswer(200, r);
               });
    router.Add("POST",
               "/api/v1/products/{id}/roadmap/shares",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto s, app::CreateRoadmapShare(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(201, s);
               });
    router.Add("GET",
               "/api/v1/products/{id}/roadmap/shares",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto s, app::ListRoadmapShares(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, s);
               });
    router.Add("DELETE",
               "/api/v1/roadmap-shares/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::RevokeRoadmapShare(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("GET",
               "/api/v1/public/roadmaps/{token}",
               domain::Action::kPublic,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto r,
                       app::PublicRoadmap(call.app, req.Param("token"), ReadRoadmapQuery(req)));
                   return JsonAnswer(200, r);
               });
}

}  // namespace tl::http
