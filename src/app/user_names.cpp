#include "app/user_names.hpp"

namespace tl::app {

const std::string& UserNames::Of(const std::string& user_id) {
    static const std::string kNone;
    if (user_id.empty()) {
        return kNone;
    }
    auto it = names_.find(user_id);
    if (it == names_.end()) {
        auto user = tx_.GetUser(workspace_id_, user_id);
        it = names_.emplace(user_id, user ? user->name : std::string()).first;
    }
    return it->second;
}

}  // namespace tl::app
