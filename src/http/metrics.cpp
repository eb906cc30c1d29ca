#include "http/metrics.hpp"

#include <array>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>

namespace tl::http {
namespace {

// Upper bounds of the latency histogram, in seconds; a last, implicit bucket is +Inf.
constexpr std::array<double, 13> kBounds = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
constexpr std::array<const char*, 14> kBoundLabels = {"0.0005",
                                                      "0.001",
                                                      "0.0025",
                                                      "0.005",
                                                      "0.01",
                                                      "0.025",
                                                      "0.05",
                                                      "0.1",
                                                      "0.25",
                                                      "0.5",
                                                      "1",
                                                      "2.5",
                                                      "5",
                                                      "+Inf"};
constexpr int kMinStatus = 100;
constexpr int kMaxStatus = 599;

// Counters of one route. Updated with relaxed atomics under a shared lock of the route map;
// the buckets are not cumulative here, Render() sums them.
struct RouteStats {
    std::array<std::atomic<std::uint64_t>, kMaxStatus - kMinStatus + 1> codes{};
    std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets{};
    std::atomic<double> sum{0.0};
};

std::string EscapeLabel(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

void AppendNumber(std::string& out, double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void AppendNumber(std::string& out, std::uint64_t v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

}  // namespace

struct Metrics::Impl {
    // Routes are few and fixed (route labels, not paths), so the map only grows at warm-up;
    // afterwards Record() takes the shared lock and touches atomics only.
    mutable std::shared_mutex mu;
    std::map<std::string, std::unique_ptr<RouteStats>, std::less<>> routes;
    std::atomic<std::int64_t> connections_open{0};

    RouteStats& Stats(std::string_view route) {
        {
            std::shared_lock lock(mu);
            auto it = routes.find(route);
            if (it != routes.end()) {
                return *it->second;
            }
        }
        std::unique_lock lock(mu);
        auto it = routes.find(route);
        if (it == routes.end()) {
            it = routes.emplace(std::string(route), std::make_unique<RouteStats>()).first;
        }
        return *it->second;
    }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::Record(std::string_view route, int status, double seconds) {
    // The map never erases, so a RouteStats outlives the lock that found it.
    RouteStats& stats = impl_->Stats(route);
    // HTTP cannot carry a status outside 1xx–5xx; count one as a server error.
    if (status < kMinStatus || status > kMaxStatus) {
        status = 500;
    }
    stats.codes[static_cast<std::size_t>(status - kMinStatus)].fetch_add(1,
                                                                         std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < kBounds.size() && seconds > kBounds[bucket]) {
        ++bucket;
    }
    stats.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    stats.sum.fetch_add(seconds, std::memory_order_relaxed);
}

void Metrics::ConnectionOpened() {
    impl_->connections_open.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionClosed() {
    impl_->connections_open.fetch_sub(1, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
    std::string out;
    std::shared_lock lock(impl_->mu);
    out.reserve(512 + impl_->routes.size() * 1536);

    out +=
        "# HELP throughline_http_requests_total HTTP requests answered, by route and status "
        "code.\n"
        "# TYPE throughline_http_requests_total counter\n";
    for (const auto& [route, stats] : impl_->routes) {
        const std::string label = EscapeLabel(route);
        for (std::size_t i = 0; i < stats->codes.size(); ++i) {
            const std::uint64_t n = stats->codes[i].load(std::memory_order_relaxed);
            if (n == 0) {
                continue;
            }
            out += "throughline_http_requests_total{route=\"";
            out += label;
            out += "\",code=\"";
            AppendNumber(out, static_cast<std::uint64_t>(i + kMinStatus));
            out += "\"} ";
            AppendNumber(out, n);
            out.push_back('\n');
        }
    }

    out +=
        "# HELP throughline_http_request_duration_seconds Time from the first byte of a request "
        "to the last byte of its response.\n"
        "# TYPE throughline_http_request_duration_seconds histogram\n";
    for (const auto& [route, stats] : impl_->routes) {
        const std::string label = EscapeLabel(route);
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < stats->buckets.size(); ++i) {
            cumulative += stats->buckets[i].load(std::memory_order_relaxed);
            out += "throughline_http_request_duration_seconds_bucket{route=\"";
            out += label;
            out += "\",le=\"";
            out += kBoundLabels[i];
            out += "\"} ";
            AppendNumber(out, cumulative);
            out.push_back('\n');
        }
        out += "throughline_http_request_duration_seconds_sum{route=\"";
        out += label;
        out += "\"} ";
        AppendNumber(out, stats->sum.load(std::memory_order_relaxed));
        out += "\nthroughline_http_request_duration_seconds_count{route=\"";
        out += label;
        out += "\"} ";
        // The +Inf bucket, so that _count always equals it even while requests are recorded.
        AppendNumber(out, cumulative);
        out.push_back('\n');
    }

    out +=
        "# HELP throughline_http_connections_open Client connections currently open.\n"
        "# TYPE throughline_http_connections_open gauge\n"
        "throughline_http_connections_open ";
    const std::int64_t open = impl_->connections_open.load(std::memory_order_relaxed);
    AppendNumber(out, static_cast<std::uint64_t>(open < 0 ? 0 : open));
    out.push_back('\n');
    return out;
}

}  // namespace tl::http
