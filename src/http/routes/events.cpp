// GET /api/v1/events: the workspace's changes as server-sent events, live.
//
// The stream opens at the newest event, or after the sequence number in Last-Event-ID (sent
// by EventSource when it reconnects) or ?after=. Each event is
//
//   id: <seq>
//   event: change
//   data: {"id": "<seq>", "at", "actor", "entity_type", "entity_id", "product_id", "action",
//          "changes"}
//
// (the shape of a history entry), filtered to what the user may read; ?product_id= narrows it
// to one product. The first message, `ready`, carries the cursor. A comment line is sent at
// every heartbeat. The credentials are checked again at every wake-up and heartbeat: when
// the session ends, an `error` event closes the stream.
#include <algorithm>
#include <memory>

#include "app/accounts/sessions.hpp"
#include "app/live/change_hub.hpp"
#include "app/live/event_feed.hpp"
#include "http/error_response.hpp"
#include "http/json_input.hpp"
#include "http/log.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

// Events read per query; a longer backlog is sent in several writes.
constexpr int kBatchSize = 200;
// EventSource waits this long before reconnecting after the connection drops.
constexpr std::string_view kRetryMs = "2000";

std::string Message(std::string_view event, std::string_view id, const json::value& data) {
    std::string out;
    if (!id.empty()) {
        out.append("id: ").append(id).append("\n");
    }
    out.append("event: ").append(event).append("\ndata: ");
    out.append(json::serialize(data));
    out.append("\n\n");
    return out;
}

class EventFeedStream final : public Stream {
public:
    EventFeedStream(app::AppContext& app,
                    std::string secret,
                    app::Actor actor,
                    std::string product_id,
                    std::int64_t cursor)
        : app_(app),
          secret_(std::move(secret)),
          actor_(std::move(actor)),
          product_id_(std::move(product_id)),
          cursor_(cursor) {}

    void Start(std::function<void()> wake) override {
        if (app_.changes) {
            subscription_ = app_.changes->Subscribe(actor_.workspace_id, std::move(wake));
        }
    }

    Chunk Next(bool heartbeat) override {
        Chunk out;
        if (!opened_) {
            opened_ = true;
            out.data.append("retry: ").append(kRetryMs).append("\n");
            out.data += Message("ready",
                                std::to_string(cursor_),
                                json::object{{"cursor", std::to_string(cursor_)}});
        }
        AppendChanges(out);
        if (out.data.empty() && heartbeat) {
            out.data = ": keep-alive\n\n";
        }
        return out;
    }

private:
    // Adds the changes after the cursor, or the `error` that ends the stream when the session
    // has ended. While the store is unavailable it adds nothing: the next wake-up or heartbeat
    // reads again from the same cursor.
    void AppendChanges(Chunk& out) {
        // The session may have ended (log-out, revocation, expiry) since the stream opened;
        // the check does not count as activity, so an open page alone keeps no session alive.
        auto actor = app::Authenticate(app_, secret_, false);
        if (!actor) {
            if (actor.error().code == ErrorCode::kUnauthenticated) {
                out.data += Message("error", {}, ErrorBody(actor.error()));
                out.last = true;
            } else {
                LogError("event stream cannot check its session",
                         {{"error", actor.error().message}});
            }
            return;
        }
        actor_ = std::move(*actor);
        auto batch = app::ReadFeed(app_, actor_, product_id_, cursor_, kBatchSize);
        if (!batch) {
            LogError("event stream read failed", {{"error", batch.error().message}});
            return;
        }
        for (const auto& entry : batch->entries) {
            out.data += Message("change", std::to_string(entry.event.seq), HistoryEntryJson(entry));
        }
        cursor_ = batch->cursor;
        out.more = batch->more;
    }

    app::AppContext& app_;
    std::string secret_;
    app::Actor actor_;
    std::string product_id_;
    std::int64_t cursor_;
    bool opened_ = false;
    std::unique_ptr<app::ChangeHub::Subscription> subscription_;
};

// Last-Event-ID, else ?after=; nullopt when neither is given.
Result<std::optional<std::int64_t>> ResumeFrom(const Request& req) {
    std::string_view field = "Last-Event-ID";
    auto text = req.Header("last-event-id");
    if (!text) {
        field = "after";
        text = req.Query("after");
    }
    if (!text) {
        return std::optional<std::int64_t>();
    }
    const auto seq = ParseInteger(*text);
    if (!seq || *seq < 0) {
        return Fail(
            ValidationFailed({{std::string(field),
                               "must be an event id (a non-negative integer) from this stream"}}));
    }
    return seq;
}

}  // namespace

void AddEventRoutes(Router& router) {
    router.Add(
        "GET",
        "/api/v1/events",
        domain::Action::kAuthenticated,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto resume, ResumeFrom(req));
            const std::string product_id(req.Query("product_id").value_or(""));
            TL_ASSIGN_OR_RETURN(auto head, app::OpenFeed(call.app, call.actor, product_id));
            // A cursor ahead of the log (a restored database) would wait forever.
            const std::int64_t cursor = resume ? std::min(*resume, head) : head;
            Response r;
            r.content_type = "text/event-stream";
            r.SetHeader("Cache-Control", "no-store");
            r.SetHeader("X-Accel-Buffering", "no");  // nginx: pass events at once
            r.stream = std::make_shared<EventFeedStream>(
                call.app, std::string(RequestCredentials(req)), call.actor, product_id, cursor);
            return r;
        });
}

}  // namespace tl::http
