// A small synchronous HTTP/1.1 client of the Throughline API, for the command line's client
// commands (`items`, `search`). One TCP connection per request, JSON in and out, a bearer
// token when one is given. Plain http only: the token would cross the network in clear text
// otherwise, so https URLs are refused and the user is pointed at a trusted network or a
// local tunnel. Not thread-safe; one object per command.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "domain/result.hpp"

namespace tl::cli {

// The command line's exit codes for the client commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;      // the server said no, not found, or invalid
inline constexpr int kExitUsage = 2;        // a bad flag or value
inline constexpr int kExitUnreachable = 3;  // no answer from the server

// One answer of the server, whatever its status.
struct ApiReply {
    int status = 0;
    std::string body;         // as received
    boost::json::value json;  // the body parsed, null when it is empty or not JSON
    std::string etag;         // the ETag header, "" when absent

    bool Ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
public:
    // Parses `base_url` (http://host[:port][/prefix]). Errors: kValidationFailed naming
    // what is wrong (an https URL, not a URL, no host); the command should exit kExitUsage.
    static Result<ApiClient> Open(std::string_view base_url,
                                  std::string token,
                                  std::chrono::seconds timeout = std::chrono::seconds(30));

    // Sends `method` to `path` (starting "/api/v1/...", with its query string) with `body` as
    // JSON when it is not null, and `headers`. Any answer is a reply, 4xx and 5xx included.
    // Errors: kUnavailable when the server cannot be reached or does not answer in time (the
    // command should exit kExitUnreachable).
    Result<ApiReply> Send(std::string_view method,
                          std::string_view path,
                          const boost::json::value& body = nullptr,
                          const std::vector<std::pair<std::string, std::string>>& headers = {});

    Result<ApiReply> Get(std::string_view path) { return Send("GET", path); }

    // "http://host:port", for messages.
    const std::string& Origin() const { return origin_; }

private:
    ApiClient() = default;

    std::string host_;
    std::string port_;
    std::string prefix_;  // the base URL's path without its trailing '/'
    std::string origin_;
    std::string token_;
    std::chrono::seconds timeout_{30};
};

// Prints a failed reply on stderr: `throughline: <status> <code>: <message>`, then each detail
// as `  <field>: <issue>`; for invalid_query, `query` with a caret under error.position.
void PrintServerError(const ApiReply& reply, std::string_view query = {});

// Prints a client-side failure (`Open` or `Send`) and returns the exit code it means.
int ReportClientError(const Error& error);

}  // namespace tl::cli
