#include "http/error_response.hpp"

#include <string>

#include "http/log.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

struct Mapping {
    ErrorCode code;
    int status;
    std::string_view name;
};

constexpr Mapping kTable[] = {
    {ErrorCode::kValidationFailed, 400, "validation_failed"},
    {ErrorCode::kInvalidQuery, 400, "invalid_query"},
    {ErrorCode::kMalformedJson, 400, "malformed_json"},
    {ErrorCode::kUnauthenticated, 401, "unauthenticated"},
    {ErrorCode::kForbidden, 403, "forbidden"},
    {ErrorCode::kNotFound, 404, "not_found"},
    {ErrorCode::kConflict, 409, "conflict"},
    {ErrorCode::kPreconditionFailed, 412, "precondition_failed"},
    {ErrorCode::kPayloadTooLarge, 413, "payload_too_large"},
    {ErrorCode::kRateLimited, 429, "rate_limited"},
    {ErrorCode::kUnavailable, 503, "unavailable"},
    {ErrorCode::kInternal, 500, "internal"},
};

}  // namespace

int StatusOf(ErrorCode code) {
    for (const auto& m : kTable) {
        if (m.code == code) {
            return m.status;
        }
    }
    return 500;
}

std::string_view CodeName(ErrorCode code) {
    for (const auto& m : kTable) {
        if (m.code == code) {
            return m.name;
        }
    }
    return "internal";
}

std::string_view PublicMessage(const Error& error) {
    switch (error.code) {
        case ErrorCode::kUnavailable:
            return "the service is briefly unavailable; retry in a moment";
        case ErrorCode::kInternal:
            return "internal error";
        default:
            return error.message;
    }
}

json::object ErrorBody(const Error& error) {
    json::object e{
        {"code",
         error.code_name.empty() ? CodeName(error.code) : std::string_view(error.code_name)},
        {"message", PublicMessage(error)}};
    if (!error.details.empty()) {
        json::array details;
        for (const auto& d : error.details) {
            details.push_back(json::object{{"field", d.field}, {"issue", d.issue}});
        }
        e["details"] = std::move(details);
    }
    if (error.position) {
        e["position"] = static_cast<std::int64_t>(*error.position);
        e["expected"] = error.expected;
    }
    return json::object{{"error", std::move(e)}};
}

Response ErrorResponse(const Error& error) {
    if (error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kInternal) {
        // The cause (a database host, an SQL error) is for the operator's log, not the client.
        LogError("request failed", {{"code", CodeName(error.code)}, {"error", error.message}});
    }
    Response r = Response::Json(StatusOf(error.code), json::serialize(ErrorBody(error)));
    if (error.code == ErrorCode::kUnavailable && !error.retry_after_seconds) {
        r.SetHeader("Retry-After", "1");
    }
    if (error.retry_after_seconds) {
        r.SetHeader("Retry-After", std::to_string(*error.retry_after_seconds));
    }
    if (error.code == ErrorCode::kUnauthenticated) {
        r.SetHeader("WWW-Authenticate", "Bearer realm=\"throughline\"");
    }
    return r;
}

}  // namespace tl::http
