// Router: method + path pattern ("/api/v1/products/{id}") → handler, with the action each
// route performs. The action is required at registration: authorisation is declared per
// route, and tests walk this table.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "domain/role.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace tl::http {

// What a handler gets beside the request: the application and, unless the route is public,
// the authenticated actor.
struct Call {
    app::AppContext& app;
    app::Actor actor;
};

using RouteHandler = std::function<Result<Response>(Request&, Call&)>;

struct Route {
    std::string method;
    std::string pattern;
    domain::Action action;
    RouteHandler handler;
    std::string label;  // "GET /api/v1/products/{id}", for logs and metrics
    std::vector<std::string> segments;
};

class Router {
public:
    // Requires: pattern starts with '/'; parameters are whole segments "{name}".
    void Add(std::string method, std::string pattern, domain::Action action, RouteHandler handler);

    struct Match {
        const Route* route = nullptr;
        std::vector<std::pair<std::string, std::string>> params;
        std::vector<std::string> allowed_methods;  // when the path matched, for 405
    };
    Match Find(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace tl::http
