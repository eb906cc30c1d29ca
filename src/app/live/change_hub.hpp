// ChangeHub: wakes the open live-event streams of a workspace when its event log grows.
//
// The store reports each commit that appended events (on PostgreSQL from every node, through
// LISTEN/NOTIFY; on SQLite from this process). The hub only says "look again": each stream
// then reads the durable event log after its own cursor, so a missed or doubled wake-up
// costs a query, never an event.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tl::app {

class ChangeHub {
public:
    using Waker = std::function<void()>;

    // Ends the subscription when destroyed.
    class Subscription {
    public:
        Subscription(ChangeHub& hub, std::uint64_t id) : hub_(hub), id_(id) {}
        ~Subscription() { hub_.Unsubscribe(id_); }
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;

    private:
        ChangeHub& hub_;
        std::uint64_t id_;
    };

    // `wake` is called from any thread, must be quick, and must not call back into the hub.
    // The hub must outlive the subscription.
    std::unique_ptr<Subscription> Subscribe(const std::string& workspace_id, Waker wake);

    // Wakes the workspace's subscribers; an empty id wakes everyone. Thread-safe.
    void Notify(const std::string& workspace_id);

    std::size_t SubscriberCount() const;

private:
    void Unsubscribe(std::uint64_t id);

    struct Entry {
        std::string workspace_id;
        Waker wake;
    };
    mutable std::mutex mu_;
    std::uint64_t next_id_ = 0;
    std::unordered_map<std::uint64_t, Entry> subscribers_;
};

}  // namespace tl::app
