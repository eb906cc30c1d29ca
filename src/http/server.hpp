// Server: the HTTP/1.1 transport on Boost.Beast with C++20 coroutines, one thread per core.
//
// It reads requests under limits, hands each to the Handler, and writes the answer with a
// request id, security headers and keep-alive. It records one access-log line and the
// metrics for every request. Handlers run on the I/O threads and must be thread-safe.
//
// Limits answer rather than hang: a header block over header_limit gets 431, a body over
// body_limit gets 413, a request not fully received within read_timeout gets 408; an idle
// keep-alive connection is closed after idle_timeout; connections beyond max_connections get
// 503. On SIGTERM/SIGINT (or Stop()) the server stops accepting, lets in-flight requests
// finish (up to shutdown_grace), closes idle connections, ends open streams, and Run()
// returns. A Response with a Stream (server-sent events) is sent chunked and keeps its
// connection until the stream ends or the client leaves.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "domain/result.hpp"
#include "http/client_address.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace tl::http {

using Handler = std::function<Response(Request&)>;

struct ServerOptions {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port; Listen() returns it
    int threads = 0;             // 0: one per core
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::milliseconds read_timeout{10'000};
    std::chrono::milliseconds idle_timeout{60'000};
    std::size_t max_connections = 4096;
    std::chrono::milliseconds shutdown_grace{10'000};
    bool access_log = true;  // one JSON line per request on stdout
    // An open stream with nothing to say sends a comment this often (and re-checks its source).
    std::chrono::milliseconds stream_heartbeat{15'000};
    // Proxies whose X-Forwarded-For is believed (the client address for logs and login limits).
    TrustedProxies trusted_proxies;
};

class Server {
public:
    // `handler` and `metrics` must outlive the server.
    Server(ServerOptions options, Handler handler, Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens. Returns the bound port, or kUnavailable with the reason.
    Result<unsigned short> Listen();
    // Serves until a signal or Stop(); returns after the graceful shutdown.
    void Run();
    // Thread-safe; may be called from any thread or a handler.
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tl::http
