// AppContext: what every use case needs (the store, the clock, the settings), and Actor:
// who is asking.
#pragma once

#include <chrono>
#include <cstdint>
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
};

}  // namespace tl::app
