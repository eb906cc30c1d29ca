// Metrics: request counters and latency histograms per route, rendered as Prometheus text.
// Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace tl::http {

class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // `route` is a route label such as "GET /api/v1/products/{id}".
    void Record(std::string_view route, int status, double seconds);
    void ConnectionOpened();
    void ConnectionClosed();
    // The Prometheus text exposition format (version 0.0.4).
    std::string Render() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tl::http
