// Response: what a handler answers; the server adds request id, security headers and
// connection management.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tl::http {

// A response body that stays open and is written piece by piece (server-sent events). The
// server sends the head (no length; chunked), then calls Next() whenever the stream was woken
// and at every heartbeat, writing what it returns, until Next() says `last`, the client goes
// away, or the server shuts down. Next() runs on an I/O thread, one call at a time.
class Stream {
public:
    struct Chunk {
        std::string data;   // may be empty: nothing to send now
        bool last = false;  // the stream ends after `data`
        bool more = false;  // call Next() again at once (a backlog is being sent)
    };
    virtual ~Stream() = default;
    // Called once before the first Next(); `wake` may be called from any thread, any time,
    // until the stream is destroyed.
    virtual void Start(std::function<void()> wake) = 0;
    // `heartbeat`: the call comes from the timer, not a wake-up; the stream should then send
    // something (a comment) so that idle connections and proxies stay open.
    virtual Chunk Next(bool heartbeat) = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers
    std::string body;
    std::shared_ptr<Stream> stream;  // set: `body` is ignored and the stream is sent instead

    static Response Json(int status, std::string body) {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static Response NoContent() {
        Response r;
        r.status = 204;
        r.content_type.clear();
        return r;
    }
    Response& SetHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

}  // namespace tl::http
