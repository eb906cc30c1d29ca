// The HTTP transport (tl::http::Server and Metrics) against an in-process fake handler.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include "api/test_client.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"

namespace tl::http {
namespace {

using namespace std::chrono_literals;
using test::HttpClient;
using test::RawConnection;

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

// Polls `pred` until it holds or `timeout` passes.
bool WaitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout = 3s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

std::string SimpleGet(std::string_view target, std::string_view extra = {}) {
    return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) +
           "\r\n";
}

class TransportTest : public ::testing::Test {
protected:
    void Start(ServerOptions options = Defaults()) {
        server_ = std::make_unique<Server>(
            options, [this](Request& r) { return Handle(r); }, metrics_);
        auto port = server_->Listen();
        ASSERT_TRUE(port.has_value()) << port.error().message;
        port_ = *port;
        ASSERT_NE(port_, 0);
        runner_ = std::thread([this] {
            server_->Run();
            run_returned_ = true;
        });
    }

    static ServerOptions Defaults() {
        ServerOptions o;
        o.port = 0;
        o.threads = 2;
        o.access_log = false;
        o.shutdown_grace = 5s;
        return o;
    }

    void TearDown() override { StopAndJoin(); }

    // Stops the server and reports whether Run() returned within `timeout`.
    bool StopAndJoin(std::chrono::milliseconds timeout = 10s) {
        if (!runner_.joinable()) {
            return true;
        }
        server_->Stop();
        const bool returned = WaitFor([this] { return run_returned_.load(); }, timeout);
        EXPECT_TRUE(returned) << "Run() did not return after Stop()";
        runner_.join();
        return returned;
    }

    Response Handle(Request& r) {
        if (StartsWith(r.path, "/echo")) {
            r.route_label = "GET /echo";
            boost::json::object o;
            o["method"] = r.method;
            o["target"] = r.target;
            o["path"] = r.path;
            boost::json::array query;
            for (const auto& [k, v] : r.query) {
                query.push_back(boost::json::array{boost::json::string(k), boost::json::string(v)});
            }
            o["query"] = std::move(query);
            boost::json::object headers;
            for (const auto& [k, v] : r.headers) {
                headers[k] = v;
            }
            o["headers"] = std::move(headers);
            o["body"] = r.body;
            o["request_id"] = r.request_id;
            o["remote"] = r.remote_address;
            return Response::Json(200, boost::json::serialize(o));
        }
        if (r.path == "/throw") {
            r.route_label = "GET /throw";
            throw std::runtime_error("boom");
        }
        if (r.path == "/slow") {
            r.route_label = "GET /slow";
            slow_entered_ = true;
            std::this_thread::sleep_for(500ms);
            return Response::Json(200, R"({"slow":true})");
        }
        if (r.path == "/user") {
            r.route_label = "GET /user";
            r.user_id = "u1";
            return Response::Json(200, R"({"ok":true})");
        }
        if (r.path == "/headers") {
            r.route_label = "GET /headers";
            Response res = Response::Json(200, "{}");
            res.SetHeader("X-Frame-Options", "SAMEORIGIN");
            res.SetHeader("Set-Cookie", "a=1; HttpOnly");
            res.SetHeader("Set-Cookie", "b=2; HttpOnly");
            return res;
        }
        if (r.path == "/empty") {
            r.route_label = "GET /empty";
            return Response::NoContent();
        }
        return Response::Json(404, R"({"error":{"code":"not_found","message":"no route"}})");
    }

    Metrics metrics_;
    std::unique_ptr<Server> server_;
    unsigned short port_ = 0;
    std::thread runner_;
    std::atomic<bool> run_returned_{false};
    std::atomic<bool> slow_entered_{false};
};

TEST_F(TransportTest, KeepAliveServesTwoRequestsOnOneConnection) {
    Start();
    namespace beast = boost::beast;
    namespace bhttp = boost::beast::http;
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    beast::flat_buffer buffer;
    for (int i = 0; i < 2; ++i) {
        bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/echo/" + std::to_string(i), 11};
        req.set(bhttp::field::host, "test");
        bhttp::write(socket, req);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(socket, buffer, res);
        EXPECT_EQ(res.result_int(), 200u);
        EXPECT_TRUE(res.keep_alive());
        EXPECT_TRUE(Contains(res.body(), "\"/echo/" + std::to_string(i) + "\""));
    }
}

TEST_F(TransportTest, PipelinedRequestsAreAnsweredInOrder) {
    Start();
    RawConnection conn(port_);
    conn.Send(SimpleGet("/echo/first") + SimpleGet("/echo/second", "Connection: close\r\n"));
    const std::string out = conn.ReadAll(3s);
    const auto first = out.find("/echo/first");
    const auto second = out.find("/echo/second");
    ASSERT_NE(first, std::string::npos) << out;
    ASSERT_NE(second, std::string::npos) << out;
    EXPECT_LT(first, second);
    EXPECT_TRUE(conn.ClosedByPeer());
}

TEST_F(TransportTest, PathAndQueryAreDecodedAndHeaderNamesLowerCase) {
    Start();
    HttpClient client(port_);
    auto r = client.Request(
        "GET", "/echo/a%20b?x=1&y=hello%20world&z=a+b&flag", {}, {{"X-Custom-Header", "Value"}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto v = r.Json();
    EXPECT_EQ(v.at("method").as_string(), "GET");
    EXPECT_EQ(v.at("path").as_string(), "/echo/a b");
    EXPECT_EQ(v.at("target").as_string(), "/echo/a%20b?x=1&y=hello%20world&z=a+b&flag");
    EXPECT_EQ(boost::json::serialize(v.at("query")),
              R"([["x","1"],["y","hello world"],["z","a b"],["flag",""]])");
    EXPECT_EQ(v.at("headers").at("x-custom-header").as_string(), "Value");
    EXPECT_EQ(v.at("remote").as_string(), "127.0.0.1");
}

TEST_F(TransportTest, RequestBodyReachesHandler) {
    Start();
    HttpClient client(port_);
    auto r = client.Post("/echo", R"({"name":"x"})");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Json().at("body").as_string(), R"({"name":"x"})");
}

TEST_F(TransportTest, ExpectContinueGets100ThenTheAnswer) {
    Start();
    RawConnection conn(port_);
    conn.Send(
        "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
        "Connection: close\r\n\r\n");
    const std::string interim = conn.ReadAll(500ms);
    EXPECT_TRUE(StartsWith(interim, "HTTP/1.1 100 Continue\r\n")) << interim;
    conn.Send("hello");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(Contains(out, "HTTP/1.1 200 OK")) << out;
    EXPECT_TRUE(Contains(out, R"("body":"hello")")) << out;
}

TEST_F(TransportTest, HeaderOverLimitGets431AndClose) {
    Start();
    RawConnection conn(port_);
    conn.Send("GET /echo HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(20 * 1024, 'a') +
              "\r\n\r\n");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 431")) << out.substr(0, 200);
    EXPECT_TRUE(Contains(out, R"({"error":{"code":"request_header_fields_too_large")")) << out;
    EXPECT_TRUE(Contains(out, "Connection: close")) << out;
    EXPECT_TRUE(conn.ClosedByPeer());
}

TEST_F(TransportTest, ContentLengthOverLimitGets413BeforeTheBodyIsSent) {
    Start();
    RawConnection conn(port_);
    conn.Send(
        "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        "Content-Length: 2097152\r\n\r\n");
    const auto start = std::chrono::steady_clock::now();
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 413")) << out;
    EXPECT_TRUE(Contains(out, R"({"error":{"code":"payload_too_large")")) << out;
    EXPECT_TRUE(conn.ClosedByPeer());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(TransportTest, ChunkedBodyOverLimitGets413) {
    ServerOptions o = Defaults();
    o.body_limit = 1024;
    Start(o);
    RawConnection conn(port_);
    std::string req = "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        req += "200\r\n" + std::string(512, 'x') + "\r\n";
    }
    req += "0\r\n\r\n";
    conn.Send(req);
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 413")) << out;
    EXPECT_TRUE(Contains(out, "payload_too_large")) << out;
    EXPECT_TRUE(conn.ClosedByPeer());
}

TEST_F(TransportTest, ChunkedBodyWithinLimitIsAccepted) {
    ServerOptions o = Defaults();
    o.body_limit = 1024;
    Start(o);
    RawConnection conn(port_);
    conn.Send(
        "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
        "\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 200")) << out;
    EXPECT_TRUE(Contains(out, R"("body":"abcde")")) << out;
}

TEST_F(TransportTest, StalledRequestGets408AndClose) {
    ServerOptions o = Defaults();
    o.read_timeout = 300ms;
    Start(o);
    RawConnection conn(port_);
    const auto start = std::chrono::steady_clock::now();
    conn.Send("GET /echo HTTP/1.1\r\nHost: te");
    const std::string out = conn.ReadAll(3s);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 408")) << out;
    EXPECT_TRUE(Contains(out, R"({"error":{"code":"request_timeout")")) << out;
    EXPECT_TRUE(conn.ClosedByPeer());
    EXPECT_GE(elapsed, 250ms);
    EXPECT_LT(elapsed, 2500ms);
}

TEST_F(TransportTest, StalledBodyGets408) {
    ServerOptions o = Defaults();
    o.read_timeout = 300ms;
    Start(o);
    RawConnection conn(port_);
    conn.Send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nabc");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 408")) << out;
    EXPECT_TRUE(conn.ClosedByPeer());
}

TEST_F(TransportTest, IdleKeepAliveConnectionIsClosedSilently) {
    ServerOptions o = Defaults();
    o.idle_timeout = 300ms;
    o.read_timeout = 5s;
    Start(o);

    RawConnection silent(port_);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(silent.ReadAll(3s), "");
    EXPECT_TRUE(silent.ClosedByPeer());
    EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);

    RawConnection used(port_);
    used.Send(SimpleGet("/echo"));
    const std::string out = used.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 200")) << out;
    EXPECT_FALSE(Contains(out, "Connection: close")) << out;
    EXPECT_TRUE(used.ClosedByPeer());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
}

TEST_F(TransportTest, ConnectionsBeyondMaxGet503) {
    ServerOptions o = Defaults();
    o.max_connections = 2;
    Start(o);
    auto a = std::make_unique<RawConnection>(port_);
    RawConnection b(port_);
    a->Send(SimpleGet("/echo"));
    b.Send(SimpleGet("/echo"));
    EXPECT_TRUE(StartsWith(a->ReadAll(300ms), "HTTP/1.1 200"));
    EXPECT_TRUE(StartsWith(b.ReadAll(300ms), "HTTP/1.1 200"));

    RawConnection c(port_);
    c.Send(SimpleGet("/echo"));
    const std::string out = c.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 503")) << out;
    EXPECT_TRUE(Contains(out, R"({"error":{"code":"unavailable")")) << out;
    EXPECT_TRUE(c.ClosedByPeer());

    // A slot frees up when a client leaves.
    a.reset();
    HttpClient client(port_);
    EXPECT_TRUE(WaitFor([&] { return client.Get("/echo").status == 200; }));
}

TEST_F(TransportTest, RequestIdIsEchoedWhenValidAndReplacedOtherwise) {
    Start();
    HttpClient client(port_);
    const std::regex generated("[0-9a-f]{16}");

    auto valid = client.Request("GET", "/echo", {}, {{"X-Request-Id", "abc-123.X_y"}});
    EXPECT_EQ(valid.Header("X-Request-Id"), "abc-123.X_y");
    EXPECT_EQ(valid.Json().at("request_id").as_string(), "abc-123.X_y");

    for (const std::string& bad : {std::string("bad id!"), std::string(65, 'a'), std::string()}) {
        auto r = client.Request("GET", "/echo", {}, {{"X-Request-Id", bad}});
        const std::string id = r.Header("x-request-id");
        EXPECT_TRUE(std::regex_match(id, generated)) << "'" << id << "' for '" << bad << "'";
        EXPECT_EQ(r.Json().at("request_id").as_string(), id);
    }

    auto none = client.Get("/echo");
    const std::string first = none.Header("x-request-id");
    EXPECT_TRUE(std::regex_match(first, generated)) << first;
    EXPECT_NE(client.Get("/echo").Header("x-request-id"), first);
}

TEST_F(TransportTest, SecurityHeadersOnEveryResponse) {
    Start();
    HttpClient client(port_);
    for (const char* target : {"/echo", "/nowhere", "/throw"}) {
        auto r = client.Get(target);
        EXPECT_EQ(r.Header("content-security-policy"), kCsp) << target;
        EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << target;
        EXPECT_EQ(r.Header("x-frame-options"), "DENY") << target;
        EXPECT_EQ(r.Header("referrer-policy"), "no-referrer") << target;
        EXPECT_EQ(r.Header("server"), "throughline") << target;
        EXPECT_EQ(r.Header("content-type"), "application/json") << target;
        EXPECT_FALSE(r.Header("x-request-id").empty()) << target;
    }
    RawConnection conn(port_);
    conn.Send("BROKEN\r\n\r\n");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(Contains(out, "X-Frame-Options: DENY")) << out;
    EXPECT_TRUE(Contains(out, "Content-Security-Policy: " + std::string(kCsp))) << out;
}

TEST_F(TransportTest, HandlerHeadersAreAddedAndReplaceDefaults) {
    Start();
    RawConnection conn(port_);
    conn.Send(SimpleGet("/headers", "Connection: close\r\n"));
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(Contains(out, "X-Frame-Options: SAMEORIGIN\r\n")) << out;
    EXPECT_FALSE(Contains(out, "X-Frame-Options: DENY")) << out;
    EXPECT_TRUE(Contains(out, "Set-Cookie: a=1; HttpOnly\r\n")) << out;
    EXPECT_TRUE(Contains(out, "Set-Cookie: b=2; HttpOnly\r\n")) << out;
}

TEST_F(TransportTest, NoContentHasNoContentTypeOrBody) {
    Start();
    HttpClient client(port_);
    auto r = client.Get("/empty");
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.Header("content-type"), "");
    EXPECT_EQ(r.body, "");
}

TEST_F(TransportTest, HeadAnswersWithoutBody) {
    Start();
    RawConnection conn(port_);
    conn.Send("HEAD /echo HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    const std::string out = conn.ReadAll(3s);
    EXPECT_TRUE(StartsWith(out, "HTTP/1.1 200")) << out;
    const auto end = out.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(end + 4, out.size()) << out;
    EXPECT_FALSE(Contains(out, "Content-Length: 0\r\n")) << out;
}

TEST_F(TransportTest, ThrowingHandlerGives500AndServerKeepsServing) {
    Start();
    HttpClient client(port_);
    auto r = client.Get("/throw");
    ASSERT_EQ(r.status, 500);
    const auto v = r.Json();
    EXPECT_EQ(v.at("error").at("code").as_string(), "internal");
    EXPECT_EQ(v.at("error").at("message").as_string(), "internal error");
    EXPECT_EQ(v.at("error").at("request_id").as_string(), r.Header("x-request-id"));
    EXPECT_FALSE(Contains(r.body, "boom"));
    EXPECT_EQ(client.Get("/echo").status, 200);
}

TEST_F(TransportTest, MalformedRequestGets400) {
    Start();
    {
        RawConnection conn(port_);
        conn.Send("THIS IS NOT HTTP\r\n\r\n");
        const std::string out = conn.ReadAll(3s);
        EXPECT_TRUE(StartsWith(out, "HTTP/1.1 400")) << out;
        EXPECT_TRUE(Contains(out, R"({"error":{"code":"bad_request")")) << out;
        EXPECT_TRUE(conn.ClosedByPeer());
    }
    {
        RawConnection conn(port_);
        conn.Send(SimpleGet("/echo%zz"));
        const std::string out = conn.ReadAll(3s);
        EXPECT_TRUE(StartsWith(out, "HTTP/1.1 400")) << out;
        EXPECT_TRUE(conn.ClosedByPeer());
    }
}

TEST_F(TransportTest, MetricsCountRoutesAndFillHistograms) {
    Start();
    HttpClient client(port_);
    EXPECT_EQ(client.Get("/echo").status, 200);
    EXPECT_EQ(client.Get("/echo/x").status, 200);
    EXPECT_EQ(client.Get("/throw").status, 500);
    RawConnection conn(port_);
    conn.Send("GET / HTTP/1.1\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n");
    conn.ReadAll(3s);

    // The server records after the answer is written, so wait for the last one.
    const bool recorded = WaitFor([&] {
        const std::string m = metrics_.Render();
        return Contains(m, R"(throughline_http_requests_total{route="GET /echo",code="200"} 2)") &&
               Contains(m, R"(throughline_http_requests_total{route="GET /throw",code="500"} 1)") &&
               Contains(m, R"(throughline_http_requests_total{route="unmatched",code="431"} 1)");
    });
    const std::string m = metrics_.Render();
    EXPECT_TRUE(recorded) << m;
    EXPECT_TRUE(Contains(m, "# TYPE throughline_http_requests_total counter")) << m;
    EXPECT_TRUE(Contains(m, "# TYPE throughline_http_request_duration_seconds histogram")) << m;
    EXPECT_TRUE(Contains(
        m, R"(throughline_http_request_duration_seconds_bucket{route="GET /echo",le="+Inf"} 2)"))
        << m;
    EXPECT_TRUE(Contains(
        m, R"(throughline_http_request_duration_seconds_bucket{route="GET /echo",le="0.0005"} )"))
        << m;
    EXPECT_TRUE(
        Contains(m, R"(throughline_http_request_duration_seconds_count{route="GET /echo"} 2)"))
        << m;
    EXPECT_TRUE(Contains(m, R"(throughline_http_request_duration_seconds_sum{route="GET /echo"} )"))
        << m;
    EXPECT_TRUE(Contains(m, "# TYPE throughline_http_connections_open gauge")) << m;
    EXPECT_TRUE(WaitFor([&] {
        return Contains(metrics_.Render(), "throughline_http_connections_open 0\n");
    })) << metrics_.Render();
}

TEST_F(TransportTest, AccessLogWritesOneJsonLinePerRequest) {
    ServerOptions o = Defaults();
    o.access_log = true;
    Start(o);
    testing::internal::CaptureStdout();
    HttpClient client(port_);
    EXPECT_EQ(client.Request("GET", "/user?token=secret", {}, {{"X-Request-Id", "log-1"}}).status,
              200);
    StopAndJoin();  // the line is written after the answer; Run() returning flushes all
    const std::string out = testing::internal::GetCapturedStdout();

    std::istringstream lines(out);
    std::string line;
    int found = 0;
    while (std::getline(lines, line)) {
        if (!Contains(line, R"("msg":"request")")) {
            continue;
        }
        ++found;
        const auto v = boost::json::parse(line).as_object();
        EXPECT_TRUE(std::regex_match(std::string(v.at("ts").as_string()),
                                     std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
            << line;
        EXPECT_EQ(v.at("level").as_string(), "info");
        EXPECT_EQ(v.at("request_id").as_string(), "log-1");
        EXPECT_EQ(v.at("method").as_string(), "GET");
        EXPECT_EQ(v.at("path").as_string(), "/user");
        EXPECT_EQ(v.at("route").as_string(), "GET /user");
        EXPECT_EQ(v.at("status").as_int64(), 200);
        EXPECT_TRUE(v.at("duration_ms").is_double()) << line;
        EXPECT_GT(v.at("bytes_in").to_number<std::int64_t>(), 0);
        EXPECT_GT(v.at("bytes_out").to_number<std::int64_t>(), 0);
        EXPECT_EQ(v.at("remote").as_string(), "127.0.0.1");
        EXPECT_EQ(v.at("user").as_string(), "u1");
    }
    EXPECT_EQ(found, 1) << out;
    EXPECT_FALSE(Contains(out, "secret")) << out;
}

TEST_F(TransportTest, GracefulShutdownFinishesTheRequestInFlight) {
    Start();
    // An idle keep-alive connection: the shutdown closes it without waiting for idle_timeout.
    RawConnection idle(port_);
    idle.Send(SimpleGet("/echo"));
    EXPECT_TRUE(StartsWith(idle.ReadAll(300ms), "HTTP/1.1 200"));

    test::HttpResult slow;
    std::thread client([&] { slow = HttpClient(port_).Get("/slow"); });
    ASSERT_TRUE(WaitFor([&] { return slow_entered_.load(); }));
    const auto start = std::chrono::steady_clock::now();
    server_->Stop();
    EXPECT_EQ(idle.ReadAll(2s), "");
    EXPECT_TRUE(idle.ClosedByPeer());
    client.join();
    EXPECT_EQ(slow.status, 200);
    EXPECT_EQ(slow.Header("connection"), "close");
    EXPECT_TRUE(WaitFor([&] { return run_returned_.load(); }, 3s));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
    runner_.join();
}

TEST_F(TransportTest, ShutdownGraceBoundsAStuckRequest) {
    ServerOptions o = Defaults();
    o.shutdown_grace = 100ms;
    Start(o);
    std::thread client([&] { HttpClient(port_).Request("GET", "/slow"); });
    ASSERT_TRUE(WaitFor([&] { return slow_entered_.load(); }));
    const auto start = std::chrono::steady_clock::now();
    server_->Stop();
    EXPECT_TRUE(WaitFor([&] { return run_returned_.load(); }, 3s));
    // The handler itself cannot be interrupted; Run() returns once it is done.
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    client.join();
    runner_.join();
}

TEST_F(TransportTest, SigtermStopsTheServer) {
    Start();
    HttpClient client(port_);
    ASSERT_EQ(client.Get("/echo").status, 200);  // Run() has installed its signal handlers
    ::kill(::getpid(), SIGTERM);
    EXPECT_TRUE(WaitFor([&] { return run_returned_.load(); }, 5s));
    runner_.join();
}

TEST_F(TransportTest, StopBeforeRunMakesRunReturn) {
    server_ = std::make_unique<Server>(
        Defaults(), [this](Request& r) { return Handle(r); }, metrics_);
    ASSERT_TRUE(server_->Listen().has_value());
    server_->Stop();
    runner_ = std::thread([this] {
        server_->Run();
        run_returned_ = true;
    });
    EXPECT_TRUE(WaitFor([&] { return run_returned_.load(); }, 3s));
    runner_.join();
}

TEST_F(TransportTest, ListenReportsAPortInUse) {
    Start();
    ServerOptions o = Defaults();
    o.port = port_;
    Metrics other_metrics;
    Server other(
        o, [](Request&) { return Response::NoContent(); }, other_metrics);
    auto r = other.Listen();
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(r.error().message,
              "cannot listen on 127.0.0.1:" + std::to_string(port_) + ": Address already in use");
}

// The helpers of test_client.hpp against the real binary: startup line, port, environment
// isolation, login, graceful exit on SIGTERM.
TEST(TransportProcessTest, ServerProcessServesAndExitsCleanlyOnSigterm) {
    // Leaked into the child, this would make it refuse to start.
    ::setenv("THROUGHLINE_DURABILITY", "bogus", 1);
    test::ServerProcess server;
    ::unsetenv("THROUGHLINE_DURABILITY");
    ASSERT_NE(server.port(), 0) << server.Output();
    if (!test::kOnPostgres) {
        EXPECT_TRUE(
            std::filesystem::is_regular_file(server.database()->data_dir() + "/throughline.db"));
    }

    HttpClient client(server.port());
    auto anonymous = client.Get("/api/v1/me");
    EXPECT_EQ(anonymous.status, 401) << anonymous.body;
    EXPECT_FALSE(anonymous.Header("x-request-id").empty());
    const std::string token = test::LoginToken(client, "admin@skylift.example");
    EXPECT_FALSE(token.empty());
    EXPECT_EQ(client.Get("/api/v1/me", token).status, 200);

    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(10s), 0) << server.Output();
    EXPECT_TRUE(Contains(server.Output(), "listening on http://127.0.0.1:")) << server.Output();
}

TEST(TransportMetricsTest, RendersCountersHistogramsAndEscapedLabels) {
    Metrics m;
    m.Record("GET /a\"b\\c\nd", 200, 0.00390625);
    m.Record("GET /a\"b\\c\nd", 404, 0.25);
    m.Record("GET /a\"b\\c\nd", 200, 7.0);
    m.ConnectionOpened();
    m.ConnectionOpened();
    m.ConnectionClosed();
    const std::string text = m.Render();
    const std::string label = R"(route="GET /a\"b\\c\nd")";
    EXPECT_TRUE(Contains(text, "throughline_http_requests_total{" + label + ",code=\"200\"} 2"))
        << text;
    EXPECT_TRUE(Contains(text, "throughline_http_requests_total{" + label + ",code=\"404\"} 1"))
        << text;
    const std::string bucket = "throughline_http_request_duration_seconds_bucket{" + label;
    EXPECT_TRUE(Contains(text, bucket + ",le=\"0.0025\"} 0\n")) << text;
    EXPECT_TRUE(Contains(text, bucket + ",le=\"0.005\"} 1\n")) << text;
    EXPECT_TRUE(Contains(text, bucket + ",le=\"0.25\"} 2\n")) << text;
    EXPECT_TRUE(Contains(text, bucket + ",le=\"5\"} 2\n")) << text;
    EXPECT_TRUE(Contains(text, bucket + ",le=\"+Inf\"} 3\n")) << text;
    EXPECT_TRUE(
        Contains(text, "throughline_http_request_duration_seconds_sum{" + label + "} 7.25390625\n"))
        << text;
    EXPECT_TRUE(
        Contains(text, "throughline_http_request_duration_seconds_count{" + label + "} 3\n"))
        << text;
    EXPECT_TRUE(Contains(text, "throughline_http_connections_open 1\n")) << text;
    EXPECT_TRUE(Contains(text, "# HELP throughline_http_requests_total ")) << text;
}

TEST(TransportMetricsTest, ConcurrentRecordsAreAllCounted) {
    Metrics m;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&m, t] {
            for (int i = 0; i < 10000; ++i) {
                m.Record("route" + std::to_string(i % 3 == 0 ? t : 9), 200, 0.001);
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    const std::string text = m.Render();
    std::uint64_t total = 0;
    std::regex count(R"(throughline_http_request_duration_seconds_count\{[^}]*\} (\d+))");
    for (std::sregex_iterator it(text.begin(), text.end(), count), end; it != end; ++it) {
        total += std::stoull((*it)[1].str());
    }
    EXPECT_EQ(total, 40000u) << text;
}

}  // namespace
}  // namespace tl::http
