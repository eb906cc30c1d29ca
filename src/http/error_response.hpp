// The one table from error code to HTTP status and JSON body:
// {"error":{"code":"validation_failed","message":"…","details":[{"field":"…","issue":"…"}]}}
// The message of an `unavailable` or `internal` error is a fixed text: its cause (a database
// host, an SQL error) goes to the log, never to the client.
#pragma once

#include <string_view>

#include <boost/json.hpp>

#include "domain/result.hpp"
#include "http/response.hpp"

namespace tl::http {

int StatusOf(ErrorCode code);
std::string_view CodeName(ErrorCode code);
boost::json::object ErrorBody(const Error& error);
Response ErrorResponse(const Error& error);

}  // namespace tl::http
