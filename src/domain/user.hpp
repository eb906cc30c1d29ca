// User: a person in one workspace. E-mail addresses are unique across the installation
// (they are the login name) and stored lower-case.
#pragma once

#include <cstdint>
#include <string>

#include "domain/validation.hpp"

namespace tl::domain {

struct User {
    std::string id;
    std::string workspace_id;
    std::string email;
    std::string name;
    std::string password_hash;  // argon2id string; never leaves the server
    bool is_admin = false;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxNameLength = 120;

// The editable fields: e-mail and name.
Issues ValidateUser(const User& user);

}  // namespace tl::domain
