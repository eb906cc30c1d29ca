// UserNames: the names of users by id for one answer, each looked up once (a page of history,
// an inbox, a backlog page or a poker round names the same few people again and again).
#pragma once

#include <map>
#include <string>

#include "storage/store.hpp"

namespace tl::app {

class UserNames {
public:
    UserNames(storage::Tx& tx, std::string workspace_id)
        : tx_(tx), workspace_id_(std::move(workspace_id)) {}

    // The user's name; empty when there is no such user (or the id is empty).
    const std::string& Of(const std::string& user_id);

private:
    storage::Tx& tx_;
    std::string workspace_id_;
    std::map<std::string, std::string, std::less<>> names_;
};

}  // namespace tl::app
