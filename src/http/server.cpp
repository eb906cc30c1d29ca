#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <sys/socket.h>

#include "http/log.hpp"

namespace tl::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
constexpr std::string_view kUnmatchedRoute = "unmatched";

// After an error answer the client may still be sending (a body we refused); closing with
// unread input would reset the connection and could destroy the answer in flight, so read and
// discard for a while first.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = 1024 * 1024;
// The least time a write gets (see Impl::WriteTimeout).
constexpr std::chrono::milliseconds kMinWriteTimeout{30'000};
// After a failed accept (EMFILE...), wait before retrying instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};
// How often the shutdown checks whether all connections are gone.
constexpr std::chrono::milliseconds kDrainPoll{5};

bool IsValidRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
    });
}

std::string NewRequestId() {
    // One generator per thread: no lock on the hot path, and no state shared between servers.
    thread_local std::mt19937_64 rng = [] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }();
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t v = rng();
    std::string id(16, '0');
    for (char& c : id) {
        c = kHex[v & 0xF];
        v >>= 4;
    }
    return id;
}

std::string ErrorBody(std::string_view code,
                      std::string_view message,
                      std::string_view request_id = {}) {
    boost::json::object error;
    error["code"] = code;
    error["message"] = message;
    if (!request_id.empty()) {
        error["request_id"] = request_id;
    }
    boost::json::object body;
    body["error"] = std::move(error);
    return boost::json::serialize(body);
}

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

std::string ToLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool HasBody(int status) { return status >= 200 && status != 204 && status != 304; }

// The head every answer carries: status, request id, security headers, content type, and the
// handler's headers (which replace server defaults of the same name).
template <class Body>
void SetHead(bhttp::response<Body>& out,
             const Response& res,
             unsigned version,
             std::string_view request_id) {
    out.version(version);
    out.result(static_cast<unsigned>(res.status));
    out.set(bhttp::field::server, "throughline");
    out.set("X-Request-Id", request_id);
    out.set("Content-Security-Policy", kContentSecurityPolicy);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "no-referrer");
    if (!res.content_type.empty()) {
        out.set(bhttp::field::content_type, res.content_type);
    }
    for (const auto& [name, value] : res.headers) {
        out.erase(name);
    }
    for (const auto& [name, value] : res.headers) {
        out.insert(name, value);
    }
}

// Builds the wire response: the head plus framing and connection management.
BeastResponse ToBeast(
    Response&& res, unsigned version, std::string_view request_id, bool keep_alive, bool head) {
    BeastResponse out;
    SetHead(out, res, version, request_id);
    out.keep_alive(keep_alive);
    if (HasBody(res.status)) {
        out.content_length(res.body.size());
        if (!head) {
            out.body() = std::move(res.body);
        }
    } else {
        out.erase(bhttp::field::content_length);
    }
    return out;
}

bool IsHttpParseError(const error_code& ec) {
    static const auto& category = bhttp::make_error_code(bhttp::error::bad_target).category();
    return ec.category() == category;
}

// A connection: the socket, the deadline timer that guards the current phase, and whether it
// waits for a new request (so a shutdown may close it). Everything is used on the connection's
// strand only.
struct Conn {
    Conn(tcp::socket s, std::uint64_t conn_id)
        : socket(std::move(s)),
          timer(socket.get_executor()),
          stream_timer(socket.get_executor()),
          id(conn_id) {}

    tcp::socket socket;
    asio::steady_timer timer;
    asio::steady_timer stream_timer;  // an open stream waits on it for a wake-up or heartbeat
    std::uint64_t id;
    std::uint64_t timer_generation = 0;
    bool timed_out = false;
    bool idle = false;
    bool streaming = false;
    std::string remote;
};

// What wakes a stream. `pending` is set from any thread; `gone` only on the connection's strand.
struct StreamSignal {
    std::atomic<bool> pending{true};
    bool gone = false;
};

// Cancels the pending I/O of `c` after `d` and marks it timed out. Replaces any earlier deadline.
void Arm(const std::shared_ptr<Conn>& c, Clock::duration d) {
    const std::uint64_t generation = ++c->timer_generation;
    c->timed_out = false;
    c->timer.expires_after(d);
    // The generation check drops a completion that was already queued when the deadline moved.
    c->timer.async_wait([weak = std::weak_ptr<Conn>(c), generation](error_code ec) {
        auto conn = weak.lock();
        if (ec || !conn || conn->timer_generation != generation) {
            return;
        }
        conn->timed_out = true;
        error_code ignored;
        conn->socket.cancel(ignored);
    });
}

void Disarm(Conn& c) {
    ++c.timer_generation;
    c.timer.cancel();
}

// Why a request could not be read, and how to answer. nullopt: the client went away or the
// connection was closed on purpose; close silently.
struct ReadFailure {
    int status;
    std::string_view code;
    std::string message;
};

struct AccessRecord {
    std::string_view request_id;
    std::string_view method;
    std::string_view path;
    std::string_view route;
    int status = 0;
    Clock::time_point started;
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
    std::string_view remote;
    std::string_view user;
};

void LogCoroutineFailure(std::exception_ptr e) {
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        LogError("connection task failed", {{"error", ex.what()}});
    } catch (...) {
        LogError("connection task failed", {{"error", "unknown exception"}});
    }
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions o, Handler h, Metrics& m)
        : options(std::move(o)),
          handler(std::move(h)),
          metrics(m),
          thread_count(options.threads > 0
                           ? options.threads
                           : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
          ioc(thread_count),
          control(asio::make_strand(ioc)),
          acceptor(control),
          signals(control) {}

    asio::awaitable<void> AcceptLoop();
    asio::awaitable<void> Session(std::shared_ptr<Conn> c);
    asio::awaitable<void> Reject(std::shared_ptr<Conn> c);
    asio::awaitable<void> Drain();
    asio::awaitable<std::pair<error_code, std::size_t>> Write(const std::shared_ptr<Conn>& c,
                                                              BeastResponse& res);
    // Writes raw bytes (a chunk of a stream) under the same deadline as an answer.
    template <class Buffers>
    asio::awaitable<std::pair<error_code, std::size_t>> WriteBuffers(const std::shared_ptr<Conn>& c,
                                                                     const Buffers& buffers) {
        Arm(c, WriteTimeout());
        auto [ec, n] = co_await asio::async_write(c->socket, buffers, kTuple);
        Disarm(*c);
        co_return std::pair{ec, n};
    }
    // Writing an answer may take longer than receiving a request (static files to slow links).
    Clock::duration WriteTimeout() const {
        return std::max<Clock::duration>(options.read_timeout, kMinWriteTimeout);
    }
    asio::awaitable<void> LingeringClose(std::shared_ptr<Conn> c);
    // Sends a streaming answer until it ends, the client leaves, or the server stops.
    asio::awaitable<void> ServeStream(std::shared_ptr<Conn> c,
                                      const Request& req,
                                      Response res,
                                      unsigned version,
                                      Clock::time_point started,
                                      std::size_t bytes_in);
    std::optional<ReadFailure> Classify(const error_code& ec, bool timed_out) const;
    // Counts the request in the metrics. Called when the answer is ready and before it is
    // written, so a client that reads /metrics after its own request always sees it.
    void Measure(std::string_view route, int status, Clock::time_point started);
    // The access-log line, once the answer is written (it reports the bytes sent).
    void Account(const AccessRecord& r);
    void Unregister(std::uint64_t id);
    // Runs on `control`.
    void BeginShutdown();

    ServerOptions options;
    Handler handler;
    Metrics& metrics;
    int thread_count;

    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> open{0};  // registered connections
    std::mutex conns_mu;
    std::unordered_map<std::uint64_t, std::shared_ptr<Conn>> conns;
    std::uint64_t next_conn_id = 0;  // `control` only

    // Declared after everything the coroutines use: destroying the io_context destroys the
    // suspended coroutine frames, whose destructors still touch the members above.
    asio::io_context ioc;
    asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, shutdown
    tcp::acceptor acceptor;
    asio::signal_set signals;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    bool shutdown_started = false;  // `control` only
};

std::optional<ReadFailure> Server::Impl::Classify(const error_code& ec, bool timed_out) const {
    if (timed_out) {
        return ReadFailure{408, "request_timeout", "the request was not received in time"};
    }
    if (ec == bhttp::error::header_limit) {
        return ReadFailure{
            431,
            "request_header_fields_too_large",
            "the request header exceeds " + std::to_string(options.header_limit) + " bytes"};
    }
    if (ec == bhttp::error::body_limit) {
        return ReadFailure{
            413,
            "payload_too_large",
            "the request body exceeds " + std::to_string(options.body_limit) + " bytes"};
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
        return std::nullopt;
    }
    if (IsHttpParseError(ec)) {
        return ReadFailure{400, "bad_request", "malformed HTTP request"};
    }
    return std::nullopt;
}

void Server::Impl::Measure(std::string_view route, int status, Clock::time_point started) {
    metrics.Record(route, status, std::chrono::duration<double>(Clock::now() - started).count());
}

void Server::Impl::Account(const AccessRecord& r) {
    const double seconds = std::chrono::duration<double>(Clock::now() - r.started).count();
    if (!options.access_log) {
        return;
    }
    boost::json::object line;
    line.reserve(13);
    line["level"] = "info";
    line["msg"] = "request";
    line["request_id"] = r.request_id;
    line["method"] = r.method;
    line["path"] = r.path;
    line["route"] = r.route;
    line["status"] = r.status;
    line["duration_ms"] = seconds * 1000.0;
    line["bytes_in"] = r.bytes_in;
    line["bytes_out"] = r.bytes_out;
    line["remote"] = r.remote;
    if (!r.user.empty()) {
        line["user"] = r.user;
    }
    LogLine(line);
}

void Server::Impl::Unregister(std::uint64_t id) {
    {
        std::lock_guard lock(conns_mu);
        conns.erase(id);
    }
    open.fetch_sub(1);
    metrics.ConnectionClosed();
}

asio::awaitable<std::pair<error_code, std::size_t>> Server::Impl::Write(
    const std::shared_ptr<Conn>& c, BeastResponse& res) {
    Arm(c, WriteTimeout());
    auto [ec, n] = co_await bhttp::async_write(c->socket, res, kTuple);
    Disarm(*c);
    co_return std::pair{ec, n};
}

asio::awaitable<void> Server::Impl::LingeringClose(std::shared_ptr<Conn> c) {
    error_code ignored;
    c->socket.shutdown(tcp::socket::shutdown_send, ignored);
    Arm(c, kLingerTime);
    std::array<char, 8192> sink;
    std::size_t total = 0;
    while (total < kLingerBytes) {
        auto [ec, n] = co_await c->socket.async_read_some(asio::buffer(sink), kTuple);
        if (ec) {
            break;
        }
        total += n;
    }
    Disarm(*c);
    c->socket.close(ignored);
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Conn> c) {
    struct Registration {
        Impl& impl;
        std::uint64_t id;
        ~Registration() { impl.Unregister(id); }
    } registration{*this, c->id};

    beast::flat_buffer buffer;
    for (;;) {
        if (stopping.load()) {
            break;
        }
        // Idle: wait for the first byte of the next request (unless one is already buffered).
        if (buffer.size() == 0) {
            c->idle = true;
            Arm(c, options.idle_timeout);
            auto [ec] = co_await c->socket.async_wait(tcp::socket::wait_read, kTuple);
            Disarm(*c);
            c->idle = false;
            if (ec) {
                break;  // idle timeout or shutdown: close without an answer
            }
        }

        // Reading: the whole request must arrive within read_timeout of its first byte.
        const Clock::time_point started = Clock::now();
        Arm(c, options.read_timeout);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
            options.header_limit, std::numeric_limits<std::uint32_t>::max())));
        // Beast also checks Content-Length against this as soon as the header is complete,
        // so an oversized body is refused before it is sent.
        parser.body_limit(options.body_limit);
        std::size_t bytes_in = 0;
        auto [ec, n] = co_await bhttp::async_read_header(c->socket, buffer, parser, kTuple);
        bytes_in += n;
        if (!ec && !parser.is_done()) {
            const auto expect = parser.get()[bhttp::field::expect];
            if (beast::iequals(expect, "100-continue")) {
                bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_,
                                                        parser.get().version()};
                auto [wec, wn] = co_await bhttp::async_write(c->socket, cont, kTuple);
                ec = wec;
            }
            if (!ec) {
                auto [rec, rn] = co_await bhttp::async_read(c->socket, buffer, parser, kTuple);
                ec = rec;
                bytes_in += rn;
            }
        }
        const bool timed_out = c->timed_out;
        Disarm(*c);

        auto& msg = parser.get();
        std::optional<boost::urls::url_view> url;
        if (!ec) {
            auto parsed = boost::urls::parse_origin_form(msg.target());
            if (parsed) {
                url = *parsed;
            }
        }
        if (ec || !url) {
            std::optional<ReadFailure> failure =
                ec ? Classify(ec, timed_out)
                   : ReadFailure{400, "bad_request", "malformed request target"};
            if (!failure) {
                break;
            }
            const std::string request_id = NewRequestId();
            BeastResponse out =
                ToBeast(Response::Json(failure->status, ErrorBody(failure->code, failure->message)),
                        11,
                        request_id,
                        false,
                        false);
            Measure(kUnmatchedRoute, failure->status, started);
            auto [wec, wn] = co_await Write(c, out);
            Account({request_id,
                     msg.method_string(),
                     PathOf(msg.target()),
                     kUnmatchedRoute,
                     failure->status,
                     started,
                     bytes_in,
                     wn,
                     c->remote,
                     {}});
            if (!wec) {
                co_await LingeringClose(c);
            }
            break;
        }

        Request req;
        req.method = msg.method_string();
        req.target = msg.target();
        req.path = url->path();
        for (const auto& param : url->params()) {
            req.query.emplace_back(param.key, param.value);
        }
        req.headers.reserve(16);
        for (const auto& field : msg) {
            req.headers.emplace_back(ToLower(field.name_string()), std::string(field.value()));
        }
        req.body = std::move(msg.body());
        req.remote_address = options.trusted_proxies.ClientAddress(c->remote, req.headers);
        const auto incoming_id = req.Header("x-request-id");
        req.request_id = incoming_id && IsValidRequestId(*incoming_id) ? std::string(*incoming_id)
                                                                       : NewRequestId();

        Response res;
        try {
            res = handler(req);
            if (res.status < 200 || res.status > 599) {
                LogError(
                    "handler returned an invalid status",
                    {{"request_id", req.request_id}, {"path", req.path}, {"status", res.status}});
                res = Response::Json(500, ErrorBody("internal", "internal error", req.request_id));
            }
        } catch (const std::exception& e) {
            // An exception is a bug or a broken environment: log it, keep serving.
            LogError("unhandled exception",
                     {{"request_id", req.request_id},
                      {"method", req.method},
                      {"path", req.path},
                      {"error", e.what()}});
            res = Response::Json(500, ErrorBody("internal", "internal error", req.request_id));
        } catch (...) {
            LogError("unhandled exception",
                     {{"request_id", req.request_id},
                      {"method", req.method},
                      {"path", req.path},
                      {"error", "unknown exception"}});
            res = Response::Json(500, ErrorBody("internal", "internal error", req.request_id));
        }

        if (res.stream && res.status == 200 && req.method == "GET") {
            co_await ServeStream(c, req, std::move(res), msg.version(), started, bytes_in);
            break;  // a stream ends its connection
        }
        res.stream.reset();

        const int status = res.status;
        const bool keep_alive = msg.keep_alive() && !stopping.load();
        BeastResponse out = ToBeast(
            std::move(res), msg.version(), req.request_id, keep_alive, req.method == "HEAD");
        Measure(req.route_label, status, started);
        auto [wec, wn] = co_await Write(c, out);
        Account({req.request_id,
                 req.method,
                 req.path,
                 req.route_label,
                 status,
                 started,
                 bytes_in,
                 wn,
                 req.remote_address,
                 req.user_id});
        if (wec || !keep_alive) {
            break;
        }
    }
    error_code ignored;
    c->socket.shutdown(tcp::socket::shutdown_send, ignored);
    c->socket.close(ignored);
}

// A client sends nothing on a stream, so the socket turning readable means it closed (or
// misbehaves): mark the stream gone and wake it. The reactor may report readiness that is not
// there (no byte, no end of file): then keep watching.
static void WatchPeer(const std::shared_ptr<Conn>& c, const std::shared_ptr<StreamSignal>& signal) {
    c->socket.async_wait(
        tcp::socket::wait_read, [signal, weak = std::weak_ptr<Conn>(c)](error_code ec) {
            auto conn = weak.lock();
            if (!conn) {
                return;
            }
            if (!ec) {
                char byte;
                const ssize_t n =
                    ::recv(conn->socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                    WatchPeer(conn, signal);
                    return;
                }
            }
            signal->gone = true;
            conn->stream_timer.cancel();
        });
}

asio::awaitable<void> Server::Impl::ServeStream(std::shared_ptr<Conn> c,
                                                const Request& req,
                                                Response res,
                                                unsigned version,
                                                Clock::time_point started,
                                                std::size_t bytes_in) {
    std::shared_ptr<Stream> stream = std::move(res.stream);
    bhttp::response<bhttp::empty_body> head;
    SetHead(head, res, version, req.request_id);
    head.keep_alive(false);
    head.chunked(true);
    Measure(req.route_label, res.status, started);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    Arm(c, WriteTimeout());
    auto [ec, written] = co_await bhttp::async_write_header(c->socket, serializer, kTuple);
    Disarm(*c);
    std::size_t bytes_out = written;

    if (!ec) {
        auto signal = std::make_shared<StreamSignal>();
        const std::weak_ptr<Conn> weak = c;
        c->streaming = true;
        stream->Start([signal, weak] {
            signal->pending.store(true);
            if (auto conn = weak.lock()) {
                asio::post(conn->socket.get_executor(), [conn] { conn->stream_timer.cancel(); });
            }
        });
        WatchPeer(c, signal);
        bool heartbeat = false;
        bool ended = false;
        while (!stopping.load() && !signal->gone) {
            // Everything between the check of `pending` and the start of the wait runs on the
            // strand without suspending, and wake-ups cancel the timer on the same strand: a
            // wake-up either is seen by the check or cancels the wait. None is lost.
            if (signal->pending.exchange(false) || heartbeat) {
                Stream::Chunk chunk = stream->Next(heartbeat);
                if (chunk.more) {
                    signal->pending.store(true);
                }
                if (!chunk.data.empty()) {
                    auto [wec, wn] =
                        co_await WriteBuffers(c, bhttp::make_chunk(asio::buffer(chunk.data)));
                    bytes_out += wn;
                    if (wec) {
                        break;
                    }
                }
                if (chunk.last) {
                    ended = true;
                    break;
                }
            }
            heartbeat = false;
            if (signal->pending.load() || stopping.load() || signal->gone) {
                continue;
            }
            c->stream_timer.expires_after(options.stream_heartbeat);
            auto [tec] = co_await c->stream_timer.async_wait(kTuple);
            heartbeat = !tec;
        }
        if (ended || (stopping.load() && !signal->gone)) {
            auto [lec, ln] = co_await WriteBuffers(c, bhttp::make_chunk_last());
            bytes_out += ln;
        }
    }
    stream.reset();  // ends its subscription before the connection goes
    Account({req.request_id,
             req.method,
             req.path,
             req.route_label,
             res.status,
             started,
             bytes_in,
             bytes_out,
             req.remote_address,
             req.user_id});
}

asio::awaitable<void> Server::Impl::Reject(std::shared_ptr<Conn> c) {
    const Clock::time_point started = Clock::now();
    const std::string request_id = NewRequestId();
    BeastResponse out = ToBeast(
        Response::Json(503, ErrorBody("unavailable", "too many open connections, retry later")),
        11,
        request_id,
        false,
        false);
    Measure(kUnmatchedRoute, 503, started);
    auto [ec, n] = co_await Write(c, out);
    Account({request_id, {}, {}, kUnmatchedRoute, 503, started, 0, n, c->remote, {}});
    if (!ec) {
        co_await LingeringClose(c);
    }
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
    for (;;) {
        auto [ec, accepted] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
        if (stopping.load() || !acceptor.is_open()) {
            break;  // a socket accepted meanwhile is closed by its destructor
        }
        if (ec) {
            LogError("accept failed", {{"error", ec.message()}});
            asio::steady_timer delay(control, kAcceptRetryDelay);
            co_await delay.async_wait(kTuple);
            continue;
        }
        error_code ignored;
        accepted.set_option(tcp::no_delay(true), ignored);
        auto c = std::make_shared<Conn>(tcp::socket(std::move(accepted)), ++next_conn_id);
        const auto peer = c->socket.remote_endpoint(ignored);
        c->remote = peer.address().to_string();
        auto executor = c->socket.get_executor();

        if (open.load() >= options.max_connections) {
            asio::co_spawn(executor, Reject(std::move(c)), LogCoroutineFailure);
            continue;
        }
        open.fetch_add(1);
        metrics.ConnectionOpened();
        {
            std::lock_guard lock(conns_mu);
            conns.emplace(c->id, c);
        }
        asio::co_spawn(executor, Session(std::move(c)), LogCoroutineFailure);
    }
}

void Server::Impl::BeginShutdown() {
    if (shutdown_started) {
        return;
    }
    shutdown_started = true;
    stopping.store(true);
    error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    // Back to the default action: a second signal ends the process at once.
    signals.clear(ignored);

    std::vector<std::shared_ptr<Conn>> snapshot;
    {
        std::lock_guard lock(conns_mu);
        snapshot.reserve(conns.size());
        for (const auto& [id, c] : conns) {
            snapshot.push_back(c);
        }
    }
    // Idle connections are closed now; busy ones see `stopping` after their current request;
    // open streams are woken to end.
    for (auto& c : snapshot) {
        asio::post(c->socket.get_executor(), [c] {
            if (c->idle) {
                error_code ec;
                c->socket.cancel(ec);
            }
            if (c->streaming) {
                c->stream_timer.cancel();
            }
        });
    }
    asio::co_spawn(control, Drain(), LogCoroutineFailure);
}

asio::awaitable<void> Server::Impl::Drain() {
    const Clock::time_point deadline = Clock::now() + options.shutdown_grace;
    asio::steady_timer timer(control);
    while (open.load() > 0 && Clock::now() < deadline) {
        timer.expires_after(std::min<Clock::duration>(kDrainPoll, deadline - Clock::now()));
        co_await timer.async_wait(kTuple);
    }
    if (const std::size_t left = open.load(); left > 0) {
        LogError("shutdown grace expired, dropping connections", {{"connections", left}});
    }
    work.reset();
    ioc.stop();
}

Server::Server(ServerOptions options, Handler handler, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), metrics)) {}

Server::~Server() = default;

Result<unsigned short> Server::Listen() {
    Impl& s = *impl_;
    const std::string where = s.options.bind + ":" + std::to_string(s.options.port);
    auto fail = [&](const error_code& ec) -> Result<unsigned short> {
        error_code ignored;
        s.acceptor.close(ignored);
        return Fail(
            MakeError(ErrorCode::kUnavailable, "cannot listen on " + where + ": " + ec.message()));
    };
    error_code ec;
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.options.bind,
                                    std::to_string(s.options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service,
                                    ec);
    if (ec) {
        return fail(ec);
    }
    if (results.empty()) {
        return fail(asio::error::host_not_found);
    }
    const tcp::endpoint endpoint = results.begin()->endpoint();
    s.acceptor.open(endpoint.protocol(), ec);
    if (ec) {
        return fail(ec);
    }
    s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) {
        return fail(ec);
    }
    s.acceptor.bind(endpoint, ec);
    if (ec) {
        return fail(ec);
    }
    s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(ec);
    }
    const tcp::endpoint local = s.acceptor.local_endpoint(ec);
    if (ec) {
        return fail(ec);
    }
    // Claim SIGINT and SIGTERM now: a signal that arrives before Run() is queued and starts
    // the graceful shutdown as soon as Run() waits for it, instead of killing the process.
    error_code ignored;
    s.signals.add(SIGINT, ignored);
    s.signals.add(SIGTERM, ignored);
    return local.port();
}

void Server::Run() {
    Impl& s = *impl_;
    if (!s.acceptor.is_open()) {
        auto listening = Listen();
        if (!listening) {
            LogError("server cannot start", {{"error", listening.error().message}});
            return;
        }
    }
    s.signals.async_wait(asio::bind_executor(s.control, [&s](error_code ec, int signal) {
        if (ec) {
            return;
        }
        LogInfo("shutting down", {{"signal", signal}});
        s.BeginShutdown();
    }));
    s.work.emplace(s.ioc.get_executor());
    asio::co_spawn(s.control, s.AcceptLoop(), LogCoroutineFailure);

    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(s.thread_count - 1));
    for (int i = 1; i < s.thread_count; ++i) {
        threads.emplace_back([&s] { s.ioc.run(); });
    }
    s.ioc.run();
    for (auto& t : threads) {
        t.join();
    }
}

void Server::Stop() {
    Impl* s = impl_.get();
    asio::post(s->control, [s] { s->BeginShutdown(); });
}

}  // namespace tl::http
