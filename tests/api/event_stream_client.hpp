// EventStreamClient: a test client for GET /api/v1/events (server-sent events over a chunked
// HTTP/1.1 answer). It reads the head, then decodes chunks and parses events as they arrive.
// Every wait has a timeout; nothing here hangs a test.
#pragma once

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tl::test {

struct ServerSentEvent {
    std::string id;     // "" when the event had no id line
    std::string event;  // "message" when the event had no event line
    std::string data;
};

class EventStreamClient {
public:
    // Connects and sends the request; `target` may carry a query ("/api/v1/events?after=3").
    EventStreamClient(unsigned short port,
                      std::string_view token,
                      std::string target = "/api/v1/events",
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ADD_FAILURE() << "connect to port " << port << ": " << std::strerror(errno);
            Close();
            return;
        }
        std::string request =
            "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Accept: text/event-stream\r\n";
        if (!token.empty()) {
            request += "Authorization: Bearer " + std::string(token) + "\r\n";
        }
        for (const auto& [k, v] : headers) {
            request += k + ": " + v + "\r\n";
        }
        request += "\r\n";
        std::string_view rest = request;
        while (!rest.empty()) {
            const ssize_t n = ::send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                ADD_FAILURE() << "send: " << std::strerror(errno);
                Close();
                return;
            }
            rest.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    ~EventStreamClient() { Close(); }
    EventStreamClient(const EventStreamClient&) = delete;
    EventStreamClient& operator=(const EventStreamClient&) = delete;

    // Waits for the answer's head; the status (0 if none came within `timeout`).
    int Status(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto deadline = Clock::now() + timeout;
        while (status_ == 0 && Pump(deadline)) {
        }
        return status_;
    }
    // The head as received ("HTTP/1.1 200 OK\r\n...").
    const std::string& head() const { return head_; }
    // For a non-streaming answer (an error): the body received so far.
    const std::string& raw_body() const { return raw_; }

    // The next event (comments skipped), or nullopt if none arrived within `timeout`.
    std::optional<ServerSentEvent> Next(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            if (auto e = ParseOne()) {
                return e;
            }
            if (!Pump(deadline)) {
                return std::nullopt;
            }
        }
    }

    // The next event named `event` (others are skipped), or nullopt within `timeout`.
    std::optional<ServerSentEvent> NextOf(std::string_view event,
                                          std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                return std::nullopt;
            }
            auto e = Next(left);
            if (!e || e->event == event) {
                return e;
            }
            skipped_ += e->event + " " + e->id + " " + e->data.substr(0, 300) + "\n";
        }
    }

    // Waits until the server ends the stream (last chunk or close); false after `timeout`.
    bool WaitEnd(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (!ended_ && Pump(deadline)) {
        }
        return ended_;
    }

    // What the client saw, for failure messages.
    std::string Describe() const {
        return "status " + std::to_string(status_) + (ended_ ? ", ended" : ", open") +
               ", unparsed body: " + body_.substr(0, 500) + ", raw: " + raw_.substr(0, 500) +
               ", skipped events:\n" + skipped_;
    }

    // Comment lines (": keep-alive") seen so far.
    int comments() const { return comments_; }

    void Close() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

private:
    using Clock = std::chrono::steady_clock;

    // Reads what is available before `deadline`; false on timeout or end of stream.
    bool Pump(Clock::time_point deadline) {
        if (fd_ < 0 || ended_) {
            return false;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready <= 0) {
            return ready < 0 && errno == EINTR;
        }
        char buf[8192];
        const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            ended_ = true;
            return false;
        }
        raw_.append(buf, static_cast<std::size_t>(n));
        Decode();
        return true;
    }

    // Moves the head out of raw_, then de-chunks raw_ into body_.
    void Decode() {
        if (status_ == 0) {
            const auto end = raw_.find("\r\n\r\n");
            if (end == std::string::npos) {
                return;
            }
            head_ = raw_.substr(0, end + 4);
            raw_.erase(0, end + 4);
            status_ = std::stoi(head_.substr(9, 3));
            chunked_ = head_.find("Transfer-Encoding: chunked") != std::string::npos;
        }
        while (chunked_ && !ended_) {
            const auto line_end = raw_.find("\r\n");
            if (line_end == std::string::npos) {
                return;
            }
            const std::size_t size = std::stoul(raw_.substr(0, line_end), nullptr, 16);
            if (raw_.size() < line_end + 2 + size + 2) {
                return;
            }
            if (size == 0) {
                ended_ = true;
                return;
            }
            body_.append(raw_, line_end + 2, size);
            raw_.erase(0, line_end + 2 + size + 2);
        }
    }

    std::optional<ServerSentEvent> ParseOne() {
        for (;;) {
            const auto end = body_.find("\n\n");
            if (end == std::string::npos) {
                return std::nullopt;
            }
            const std::string block = body_.substr(0, end);
            body_.erase(0, end + 2);
            ServerSentEvent e;
            e.event = "message";
            bool has_field = false;
            std::string_view rest = block;
            while (!rest.empty()) {
                const auto nl = rest.find('\n');
                std::string_view line = rest.substr(0, nl);
                rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
                if (line.starts_with(":")) {
                    ++comments_;
                    continue;
                }
                const auto colon = line.find(':');
                std::string_view field = line.substr(0, colon);
                std::string_view value =
                    colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
                if (value.starts_with(" ")) {
                    value.remove_prefix(1);
                }
                if (field == "id") {
                    e.id = value;
                    has_field = true;
                } else if (field == "event") {
                    e.event = value;
                    has_field = true;
                } else if (field == "data") {
                    e.data += e.data.empty() ? std::string(value) : "\n" + std::string(value);
                    has_field = true;
                }
            }
            if (has_field && (!e.data.empty() || !e.id.empty())) {
                return e;
            }
        }
    }

    int fd_ = -1;
    int status_ = 0;
    bool chunked_ = false;
    bool ended_ = false;
    int comments_ = 0;
    std::string head_;
    std::string raw_;
    std::string body_;
    std::string skipped_;  // events NextOf passed over
};

}  // namespace tl::test
