// AppContext: what every use case needs (the store, the clock, the settings), and Actor:
// who is asking.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "storage/store.hpp"

namespace tl::app {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t NowMs() const = 0;  // ms since the Unix epoch, UTC
};

class SystemClock final : public Clock {
public:
    std::int64_t NowMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

// The time of a new entry in a list ordered by time: `now`, or 1 ms after the latest earlier
// entry when that is not before `now`. Entries written within one millisecond then keep the
// order of writing (their ids are random past the time, so they cannot break the tie).
inline std::int64_t StampAfter(std::int64_t now, std::int64_t latest) {
    return std::max(now, latest + 1);
}
template <class Entries, class At>
std::int64_t StampAfter(std::int64_t now, const Entries& earlier, At at) {
    for (const auto& e : earlier) {
        now = StampAfter(now, std::invoke(at, e));
    }
    return now;
}

struct AppConfig {
    std::int64_t session_ttl_ms = 12LL * 3600 * 1000;  // absolute session lifetime
    std::int64_t session_idle_ms = 30LL * 60 * 1000;   // idle session expiry
    int login_max_failures_account = 5;                // per e-mail, per window
    int login_max_failures_address = 20;               // per client address, per window
    std::int64_t login_window_ms = 15LL * 60 * 1000;
    // Writes of last_used_at are skipped when the last one is more recent than this.
    std::int64_t token_touch_interval_ms = 60 * 1000;
};

class ChangeHub;

struct AppContext {
    storage::Store& store;
    const Clock& clock;
    AppConfig config;
    // Wakes live event streams on changes; null where nothing streams (CLI commands).
    ChangeHub* changes = nullptr;
};

// The authenticated user a request acts for.
struct Actor {
    std::string user_id;
    std::string workspace_id;
    std::string name;
    std::string email;
    bool is_admin = false;
    std::string token_id;  // the session or API token used
    bool seed = false;     // demo seeding: the events written carry no actor
};

}  // namespace tl::app
