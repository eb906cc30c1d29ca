#include "http/router.hpp"

#include <cassert>

namespace tl::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t i = 1;
    while (i <= path.size()) {
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) {
            j = path.size();
        }
        out.push_back(path.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

}  // namespace

void Router::Add(std::string method,
                 std::string pattern,
                 domain::Action action,
                 RouteHandler handler) {
    assert(!pattern.empty() && pattern[0] == '/');
    Route r{std::move(method), std::move(pattern), action, std::move(handler), "", {}};
    r.label = r.method + " " + r.pattern;
    for (auto seg : Split(r.pattern)) {
        r.segments.emplace_back(seg);
    }
    routes_.push_back(std::move(r));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
    Match match;
    if (path.empty() || path[0] != '/') {
        return match;
    }
    auto parts = Split(path);
    for (const auto& route : routes_) {
        if (route.segments.size() != parts.size()) {
            continue;
        }
        std::vector<std::pair<std::string, std::string>> params;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            const auto& seg = route.segments[i];
            if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
                ok = !parts[i].empty();
                params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
            } else {
                ok = seg == parts[i];
            }
        }
        if (!ok) {
            continue;
        }
        if (route.method == method) {
            match.route = &route;
            match.params = std::move(params);
            return match;
        }
        match.allowed_methods.push_back(route.method);
    }
    return match;
}

}  // namespace tl::http
