// /api/v1/auth/login, /api/v1/auth/logout, /api/v1/me.
#include "app/accounts/sessions.hpp"
#include "app/accounts/users.hpp"
#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

void AddAuthRoutes(Router& router, bool secure_cookies) {
    router.Add("POST",
               "/api/v1/auth/login",
               domain::Action::kPublic,
               [secure_cookies](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   in.Require("email");
                   in.Require("password");
                   app::LoginInput login;
                   login.email = in.String("email", 254).value_or("");
                   login.password = in.String("password", 256).value_or("");
                   login.address = req.remote_address;
                   if (auto issues = in.Finish(); !issues.empty()) {
                       return Fail(ValidationFailed(std::move(issues)));
                   }
                   TL_ASSIGN_OR_RETURN(auto result, app::Login(call.app, login));
                   req.user_id = result.user.id;
                   const std::int64_t max_age = call.app.config.session_ttl_ms / 1000;
                   Response r = JsonAnswer(
                       200,
                       json::object{{"token", result.secret},
                                    {"expires_at", app::FormatTime(result.session.expires_at)},
                                    {"user", app::ToJson(result.user)}});
                   r.SetHeader("Set-Cookie",
                               std::string(kSessionCookie) + "=" + result.secret +
                                   "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                   std::to_string(max_age) + (secure_cookies ? "; Secure" : ""));
                   r.SetHeader("Cache-Control", "no-store");
                   return r;
               });
    router.Add("POST",
               "/api/v1/auth/logout",
               domain::Action::kAuthenticated,
               [secure_cookies](Request&, Call& call) -> Result<Response> {
                   TL_TRY(app::Logout(call.app, call.actor));
                   Response r = Response::NoContent();
                   r.SetHeader("Set-Cookie",
                               std::string(kSessionCookie) +
                                   "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                   (secure_cookies ? "; Secure" : ""));
                   return r;
               });
    router.Add(
        "GET",
        "/api/v1/me",
        domain::Action::kAuthenticated,
        [](Request&, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto me, app::Me(call.app, call.actor));
            json::array products;
            for (const auto& pr : me.products) {
                json::array roles;
                for (auto role : pr.roles) {
                    roles.emplace_back(domain::ToString(role));
                }
                products.push_back(json::object{{"id", pr.product.id},
                                                {"key", pr.product.key},
                                                {"name", pr.product.name},
                                                {"stage", domain::ToString(pr.product.stage)},
                                                {"my_roles", std::move(roles)}});
            }
            json::object home{{"product_id",
                               me.home_product_id.empty() ? json::value(nullptr)
                                                          : json::value(me.home_product_id)},
                              {"page", me.home_page}};
            return JsonAnswer(200,
                              json::object{{"user", app::ToJson(me.user)},
                                           {"workspace", app::ToJson(me.workspace)},
                                           {"products", std::move(products)},
                                           {"home", std::move(home)}});
        });
}

}  // namespace tl::http
