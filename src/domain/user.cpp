#include "domain/user.hpp"

namespace tl::domain {

Issues ValidateUser(const User& user) {
    Issues issues;
    CheckEmail(issues, "email", user.email);
    CheckLine(issues, "name", user.name, 1, kMaxNameLength);
    return issues;
}

}  // namespace tl::domain
