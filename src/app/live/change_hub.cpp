#include "app/live/change_hub.hpp"

namespace tl::app {

std::unique_ptr<ChangeHub::Subscription> ChangeHub::Subscribe(const std::string& workspace_id,
                                                              Waker wake) {
    std::lock_guard lock(mu_);
    const std::uint64_t id = ++next_id_;
    subscribers_.emplace(id, Entry{workspace_id, std::move(wake)});
    return std::make_unique<Subscription>(*this, id);
}

void ChangeHub::Unsubscribe(std::uint64_t id) {
    std::lock_guard lock(mu_);
    subscribers_.erase(id);
}

void ChangeHub::Notify(const std::string& workspace_id) {
    // Wakers only flag their stream and post to its connection: cheap enough to call under
    // the lock, which also guarantees none runs after its Subscription is gone.
    std::lock_guard lock(mu_);
    for (const auto& [id, entry] : subscribers_) {
        if (workspace_id.empty() || entry.workspace_id == workspace_id) {
            entry.wake();
        }
    }
}

std::size_t ChangeHub::SubscriberCount() const {
    std::lock_guard lock(mu_);
    return subscribers_.size();
}

}  // namespace tl::app
