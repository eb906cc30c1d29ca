// Request: one parsed HTTP request as the API layer sees it, free of Beast types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tl::http {

struct Request {
    std::string method;  // upper case: "GET", "POST", ...
    std::string target;  // raw request target, "/api/v1/products?limit=5"
    std::string path;    // percent-decoded path without the query
    std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
    std::vector<std::pair<std::string, std::string>> headers;  // names lower case
    std::string body;
    std::string remote_address;  // peer IP, no port
    std::string request_id;      // set by the server before dispatch

    // Filled in during dispatch, read back by the server for logs and metrics.
    std::vector<std::pair<std::string, std::string>> params;  // path parameters
    std::string route_label = "unmatched";  // "GET /api/v1/products/{id}", "static"
    std::string user_id;                    // authenticated user, empty if none

    // First header of that (lower-case) name.
    std::optional<std::string_view> Header(std::string_view name) const {
        for (const auto& [k, v] : headers) {
            if (k == name) {
                return std::string_view(v);
            }
        }
        return std::nullopt;
    }
    std::optional<std::string_view> Query(std::string_view name) const {
        for (const auto& [k, v] : query) {
            if (k == name) {
                return std::string_view(v);
            }
        }
        return std::nullopt;
    }
    // Requires: the matched route declares the parameter.
    const std::string& Param(std::string_view name) const {
        for (const auto& [k, v] : params) {
            if (k == name) {
                return v;
            }
        }
        static const std::string kEmpty;
        return kEmpty;
    }
};

}  // namespace tl::http
