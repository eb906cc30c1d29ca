// Api: the application's request pipeline on top of the transport. Routes the request,
// authenticates it (bearer token or session cookie) unless the route is public, runs the
// handler, and turns error values into the one JSON error shape. Everything that is not the
// API goes to the static web app.
#pragma once

#include <memory>

#include "app/context.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace tl::http {

struct ApiOptions {
    bool secure_cookies = false;  // add "Secure" to the session cookie (behind HTTPS)
};

class Api {
public:
    // All references must outlive the Api. `web` may be disabled (no web app built).
    Api(app::AppContext& app, Metrics& metrics, const StaticFiles& web, ApiOptions options);

    // Thread-safe.
    Response Handle(Request& req);

    const Router& router() const { return router_; }

private:
    app::AppContext& app_;
    Metrics& metrics_;
    const StaticFiles& web_;
    ApiOptions options_;
    Router router_;
};

// Every route of the API, registered on `router`. Exposed so tests can walk the table.
void AddAllRoutes(Router& router, Metrics& metrics, const ApiOptions& options);

}  // namespace tl::http
