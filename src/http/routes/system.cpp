// /healthz, /metrics, /api/v1/openapi.json.
#include "app/health.hpp"
#include "http/metrics.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

void AddSystemRoutes(Router& router, Metrics& metrics) {
    router.Add(
        "GET", "/healthz", domain::Action::kPublic, [](Request&, Call& call) -> Result<Response> {
            // Answers only when the database does.
            TL_ASSIGN_OR_RETURN(auto backend, app::CheckHealth(call.app));
            return JsonAnswer(200, json::object{{"status", "ok"}, {"backend", backend}});
        });
    router.Add("GET",
               "/metrics",
               domain::Action::kPublic,
               [&metrics](Request&, Call&) -> Result<Response> {
                   Response r;
                   r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                   r.body = metrics.Render();
                   return r;
               });
    router.Add("GET",
               "/api/v1/openapi.json",
               domain::Action::kPublic,
               [](Request&, Call&) -> Result<Response> {
                   return Response::Json(200, std::string(kOpenApiDocument));
               });
}

}  // namespace tl::http
