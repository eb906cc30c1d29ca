// Response: what a handler answers; the server adds request id, security headers and
// connection management.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tl::http {

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers
    std::string body;

    static Response Json(int status, std::string body) {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static Response NoContent() {
        Response r;
        r.status = 204;
        r.content_type.clear();
        return r;
    }
    Response& SetHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

}  // namespace tl::http
