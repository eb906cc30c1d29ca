// The demo workspace "SkyLift Drones" (SPEC.md's drone maker), seeded on first start with
// `serve --demo`. Every demo login has the password "demo": only ever set here.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"

namespace tl::app {

struct DemoLogin {
    std::string email;
    std::string who;  // "Product Manager", ...
};

inline constexpr std::string_view kDemoPassword = "demo";

// Seeds when the database has no workspace yet; returns false (and changes nothing) when it
// already has one.
Result<bool> SeedDemo(AppContext& ctx);

// The demo logins, for the start-up banner.
std::vector<DemoLogin> DemoLogins();

}  // namespace tl::app
