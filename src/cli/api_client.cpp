#include "cli/api_client.hpp"

#include <iostream>
#include <limits>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace tl::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

// Answers larger than this are not something the API sends; stop reading instead of growing.
constexpr std::uint64_t kMaxReplyBytes = 256ull * 1024 * 1024;

Error Usage(std::string message) {
    return MakeError(ErrorCode::kValidationFailed, std::move(message));
}

// The number of UTF-8 code points in the first `bytes` bytes of `text`, so a caret lands
// under the right character of a query that is not ASCII.
std::size_t CodePoints(std::string_view text, std::size_t bytes) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size() && i < bytes; ++i) {
        n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    return n;
}

}  // namespace

Result<ApiClient> ApiClient::Open(std::string_view base_url,
                                  std::string token,
                                  std::chrono::seconds timeout) {
    if (base_url.empty()) {
        return Fail(Usage("no server given: set THROUGHLINE_URL or --url (http://host:port)"));
    }
    auto url = boost::urls::parse_uri(base_url);
    if (!url) {
        return Fail(Usage("--url \"" + std::string(base_url) +
                          "\" is not a URL such as http://localhost:8080"));
    }
    if (url->scheme_id() == boost::urls::scheme::https) {
        return Fail(
            Usage("--url: https is not supported by the command line client; use http on a trusted "
                  "network or through a local tunnel (ssh -L 8080:localhost:8080 host)"));
    }
    if (url->scheme_id() != boost::urls::scheme::http) {
        return Fail(
            Usage("--url must start with http://, not " + std::string(url->scheme()) + "://"));
    }
    if (url->encoded_host().empty()) {
        return Fail(Usage("--url \"" + std::string(base_url) + "\" names no host"));
    }
    ApiClient client;
    client.host_ = url->host_address();
    if (url->host_type() == boost::urls::host_type::ipv6) {
        client.host_ = url->host_ipv6_address().to_string();
    }
    client.port_ = url->has_port() ? std::string(url->port()) : "80";
    client.prefix_ = std::string(url->encoded_path());
    while (!client.prefix_.empty() && client.prefix_.back() == '/') {
        client.prefix_.pop_back();
    }
    client.origin_ = "http://" + std::string(url->encoded_host_and_port());
    client.token_ = std::move(token);
    client.timeout_ = timeout;
    return client;
}

Result<ApiReply> ApiClient::Send(std::string_view method,
                                 std::string_view path,
                                 const json::value& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(prefix_ + std::string(path));
    req.version(11);
    req.set(http::field::host, std::string(origin_.substr(7)));
    req.set(http::field::user_agent, "throughline-cli");
    req.set(http::field::accept, "application/json");
    req.set(http::field::connection, "close");
    if (!token_.empty()) {
        req.set(http::field::authorization, "Bearer " + token_);
    }
    for (const auto& [name, value] : headers) {
        req.insert(name, value);
    }
    if (!body.is_null()) {
        req.set(http::field::content_type, "application/json");
        req.body() = json::serialize(body);
    }
    req.prepare_payload();

    // Asynchronous operations under the stream's deadline: the synchronous ones cannot time
    // out, and a server that stops answering must not hang the command.
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxReplyBytes);
    beast::flat_buffer buffer;
    boost::system::error_code failure;
    std::string step = "resolve";
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    stream.expires_at(deadline);
    resolver.async_resolve(
        host_, port_, [&](boost::system::error_code ec, asio::ip::tcp::resolver::results_type r) {
            if (ec) {
                failure = ec;
                return;
            }
            step = "connect";
            stream.async_connect(r, [&](boost::system::error_code ec, const auto&) {
                if (ec) {
                    failure = ec;
                    return;
                }
                step = "send";
                http::async_write(stream, req, [&](boost::system::error_code ec, std::size_t) {
                    if (ec) {
                        failure = ec;
                        return;
                    }
                    step = "read";
                    http::async_read(
                        stream, buffer, parser, [&](boost::system::error_code ec, std::size_t) {
                            failure = ec;
                        });
                });
            });
        });
    ioc.run_until(deadline + std::chrono::seconds(1));
    if (!ioc.stopped() && !failure) {
        failure = beast::error::timeout;
    }
    if (failure) {
        const std::string what = failure == beast::error::timeout
                                     ? "no answer within " + std::to_string(timeout_.count()) + "s"
                                     : failure.message();
        return Fail(MakeError(ErrorCode::kUnavailable,
                              "cannot reach " + origin_ + " (" + step + ": " + what + ")"));
    }
    const auto& res = parser.get();
    ApiReply reply;
    reply.status = static_cast<int>(res.result_int());
    reply.body = res.body();
    if (auto etag = res.find(http::field::etag); etag != res.end()) {
        reply.etag = std::string(etag->value());
    }
    boost::system::error_code ec;
    reply.json = json::parse(reply.body, ec);
    if (ec) {
        reply.json = nullptr;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return reply;
}

void PrintServerError(const ApiReply& reply, std::string_view query) {
    const json::object* error = nullptr;
    if (const auto* top = reply.json.if_object()) {
        if (const auto* e = top->if_contains("error")) {
            error = e->if_object();
        }
    }
    auto text = [&](std::string_view key) -> std::string {
        if (error == nullptr) {
            return {};
        }
        const auto* v = error->if_contains(key);
        return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    const std::string code = text("code");
    std::string message = text("message");
    if (error == nullptr) {
        message = reply.body.substr(0, reply.body.find('\n'));
        if (message.size() > 200) {
            message = message.substr(0, 200) + "…";
        }
    }
    std::cerr << "throughline: " << reply.status << " " << (code.empty() ? "error" : code) << ": "
              << (message.empty() ? "(no message)" : message) << "\n";
    if (error == nullptr) {
        return;
    }
    if (const auto* details = error->if_contains("details"); details && details->is_array()) {
        for (const auto& d : details->as_array()) {
            const auto* o = d.if_object();
            if (o == nullptr) {
                continue;
            }
            auto text_of = [o](std::string_view key) -> std::string_view {
                const auto* v = o->if_contains(key);
                return v != nullptr && v->is_string() ? std::string_view(v->as_string())
                                                      : std::string_view();
            };
            if (text_of("issue") == message) {
                continue;  // the message already said it (a bad query names only itself)
            }
            std::cerr << "  " << text_of("field") << ": " << text_of("issue") << "\n";
        }
    }
    if (code == "invalid_query" && !query.empty()) {
        const auto* position = error->if_contains("position");
        if (position != nullptr && position->is_int64() && position->as_int64() >= 0) {
            const auto at = static_cast<std::size_t>(position->as_int64());
            std::cerr << "  " << query << "\n"
                      << "  " << std::string(CodePoints(query, at), ' ') << "^\n";
        }
    }
}

int ReportClientError(const Error& error) {
    std::cerr << "throughline: " << error.message << "\n";
    return error.code == ErrorCode::kUnavailable ? kExitUnreachable : kExitUsage;
}

}  // namespace tl::cli
