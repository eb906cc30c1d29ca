// /api/v1/products, their role assignments and history.
#include "app/products/products.hpp"

#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kStages =
    "conception, development, launch, growth, maturity, decline, retired";
constexpr std::string_view kRoles =
    "product_manager, product_owner, scrum_master, team_member, stakeholder, executive";

json::object AssignmentJson(const app::AssignmentView& a) {
    return json::object{
        {"id", a.assignment.id},
        {"product_id", a.assignment.product_id},
        {"user", json::object{{"id", a.user.id}, {"name", a.user.name}, {"email", a.user.email}}},
        {"role", domain::ToString(a.assignment.role)},
        {"created_at", app::FormatTime(a.assignment.created_at)}};
}

json::object ProductJson(const app::ProductView& v) {
    json::object o = app::ToJson(v.product);
    json::array mine;
    for (auto r : v.my_roles) {
        mine.emplace_back(domain::ToString(r));
    }
    json::array roles;
    for (const auto& a : v.roles) {
        roles.push_back(AssignmentJson(a));
    }
    json::array warnings;
    for (const auto& w : v.warnings) {
        warnings.push_back(
            json::object{{"code", w.code}, {"user_id", w.user_id}, {"message", w.message}});
    }
    o["my_roles"] = std::move(mine);
    o["roles"] = std::move(roles);
    o["warnings"] = std::move(warnings);
    return o;
}

app::ProductInput ReadProduct(JsonInput& in) {
    app::ProductInput input;
    input.key = in.String("key", 100);
    input.name = in.String("name", 500);
    input.description = in.String("description", 100'000);
    input.stage = in.Enum("stage", domain::ParseStage, kStages);
    input.issues = in.Finish();
    return input;
}

}  // namespace

void AddProductRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products",
               domain::Action::kAuthenticated,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   TL_ASSIGN_OR_RETURN(
                       auto views,
                       app::ListProducts(call.app, call.actor, {page.cursor, page.limit + 1}));
                   std::string next;
                   if (static_cast<int>(views.size()) > page.limit) {
                       views.resize(page.limit);
                       next = views.back().product.id;
                   }
                   json::array data;
                   for (const auto& v : views) {
                       data.push_back(ProductJson(v));
                   }
                   return PageAnswer(std::move(data), next);
               });
    router.Add("POST",
               "/api/v1/products",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadProduct(in);
                   TL_ASSIGN_OR_RETURN(auto view, app::CreateProduct(call.app, call.actor, input));
                   return Versioned(201, ProductJson(view), view.product.version);
               });
    router.Add("GET",
               "/api/v1/products/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetProduct(call.app, call.actor, req.Param("id")));
                   return Versioned(200, ProductJson(view), view.product.version);
               });
    router.Add("PATCH",
               "/api/v1/products/{id}",
               domain::Action::kProductEdit,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadProduct(in);
                   auto view =
                       app::UpdateProduct(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetProduct(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), ProductJson(current));
                   }
                   TL_TRY(view);
                   return Versioned(200, ProductJson(*view), view->product.version);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/history",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto q, ReadHistoryQuery(req));
            TL_ASSIGN_OR_RETURN(
                auto page,
                app::ProductHistory(call.app, call.actor, req.Param("id"), q.before, q.limit));
            return HistoryAnswer(page);
        });
    router.Add("GET",
               "/api/v1/products/{id}/roles",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto roles,
                                       app::ListRoles(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& a : roles) {
                       data.push_back(AssignmentJson(a));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/products/{id}/roles",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::RoleInput input;
                   input.user_id = in.String("user_id", 200).value_or("");
                   input.role = in.Enum("role", domain::ParseRole, kRoles);
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::AssignRole(call.app, call.actor, req.Param("id"), input));
                   return JsonAnswer(201, AssignmentJson(view));
               });
    router.Add("DELETE",
               "/api/v1/products/{id}/roles/{assignment_id}",
               domain::Action::kWorkspaceAdmin,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::RemoveRole(
                       call.app, call.actor, req.Param("id"), req.Param("assignment_id")));
                   return Response::NoContent();
               });
}

}  // namespace tl::http
