#include "app/demo_seed.hpp"

#include <map>

#include "app/accounts/users.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/demo_backlog.hpp"
#include "app/demo_delivery.hpp"
#include "app/demo_market.hpp"
#include "app/demo_prioritisation.hpp"
#include "app/demo_retro.hpp"
#include "app/demo_stakeholders.hpp"
#include "app/demo_strategy.hpp"
#include "app/demo_voice.hpp"
#include "app/products/products.hpp"
#include "app/serialize.hpp"
#include "app/teams/teams.hpp"

namespace tl::app {
namespace {

struct Person {
    const char* handle;
    const char* name;
    const char* who;
    bool admin;
};

constexpr Person kPeople[] = {
    {"alice", "Alice Moreau", "Product Manager (both products; also PO of SkyLift AI)", false},
    {"bob", "Bob Okafor", "Product Owner of SkyLift X2", false},
    {"carol", "Carol Jensen", "Scrum Master", false},
    {"dave", "Dave Kim", "developer (team member)", false},
    {"erin", "Erin Walsh", "marketing (stakeholder)", false},
    {"frank", "Frank Adeyemi", "executive", false},
    {"admin", "Workspace Admin", "workspace administrator", true},
};

std::string EmailOf(std::string_view handle) { return std::string(handle) + "@skylift.example"; }

}  // namespace

std::vector<DemoLogin> DemoLogins() {
    std::vector<DemoLogin> out;
    for (const auto& p : kPeople) {
        out.push_back({EmailOf(p.handle), p.who});
    }
    return out;
}

Result<bool> SeedDemo(AppContext& ctx) {
    const std::int64_t now = ctx.clock.NowMs();
    domain::Workspace ws{NewId("wsp", now), "SkyLift Drones", now};
    bool fresh = false;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto count, tx.CountWorkspaces());
        if (count > 0) {
            return {};
        }
        fresh = true;
        TL_TRY(tx.InsertWorkspace(ws));
        return RecordEvent(tx, ws.id, "", now, {"workspace", ws.id, "", "created", {}, ToJson(ws)});
    }));
    if (!fresh) {
        return false;
    }

    // The demo password is public; one hash (with its own salt) serves every demo login.
    TL_ASSIGN_OR_RETURN(auto demo_hash, HashPassword(kDemoPassword));
    std::map<std::string, std::string> ids;
    for (const auto& p : kPeople) {
        NewUser u{EmailOf(p.handle), p.name, std::string(kDemoPassword), p.admin, {}, demo_hash};
        TL_ASSIGN_OR_RETURN(auto user, CreateUserAsSystem(ctx, ws.id, u, false));
        ids[p.handle] = user.id;
    }

    ProductInput x2;
    x2.key = "X2";
    x2.name = "SkyLift X2";
    x2.stage = domain::LifecycleStage::kDevelopment;
    x2.description =
        "The next SkyLift drone series for survey and inspection work. The open question for "
        "this series: better camera quality, or longer flight time?";
    TL_ASSIGN_OR_RETURN(auto x2_product, CreateProductAsSystem(ctx, ws.id, x2));

    ProductInput ai;
    ai.key = "AI";
    ai.name = "SkyLift AI";
    ai.stage = domain::LifecycleStage::kConception;
    ai.description =
        "The AI-powered drone line: on-board obstacle recognition and autonomous inspection "
        "flights. A multi-year move, in conception; battery technology is being worked out "
        "with R&D.";
    TL_ASSIGN_OR_RETURN(auto ai_product, CreateProductAsSystem(ctx, ws.id, ai));

    using domain::Role;
    const std::pair<const char*, Role> x2_roles[] = {
        {"alice", Role::kProductManager},
        {"bob", Role::kProductOwner},
        {"carol", Role::kScrumMaster},
        {"dave", Role::kTeamMember},
        {"erin", Role::kStakeholder},
        {"frank", Role::kExecutive},
    };
    for (const auto& [who, role] : x2_roles) {
        TL_TRY(AssignRoleAsSystem(ctx, ws.id, x2_product.id, ids[who], role));
    }
    // In the AI line's start-up phase one person holds both product roles (the API warns).
    const std::pair<const char*, Role> ai_roles[] = {
        {"alice", Role::kProductManager},
        {"alice", Role::kProductOwner},
        {"carol", Role::kScrumMaster},
        {"dave", Role::kTeamMember},
        {"erin", Role::kStakeholder},
        {"frank", Role::kExecutive},
    };
    for (const auto& [who, role] : ai_roles) {
        TL_TRY(AssignRoleAsSystem(ctx, ws.id, ai_product.id, ids[who], role));
    }

    Actor system{ids["admin"], ws.id, "Workspace Admin", EmailOf("admin"), true, ""};
    TeamInput falcon;
    falcon.name = "Falcon";
    falcon.product_id = x2_product.id;
    falcon.member_ids = std::vector<std::string>{ids["carol"], ids["dave"]};
    TL_ASSIGN_OR_RETURN(auto falcon_team, CreateTeam(ctx, system, falcon));
    TeamInput kestrel;
    kestrel.name = "Kestrel";
    kestrel.product_id = ai_product.id;
    kestrel.member_ids = std::vector<std::string>{ids["carol"], ids["dave"]};
    TL_TRY(CreateTeam(ctx, system, kestrel));
    TL_ASSIGN_OR_RETURN(auto x2_items, SeedDemoBacklog(ctx, ws.id, x2_product, ids));
    TL_TRY(SeedDemoDelivery(ctx, ws.id, x2_product, falcon_team.id, x2_items, ids));
    TL_TRY(SeedDemoRetros(ctx, ws.id, x2_product, ids));
    // The strategy before the decision log, which links its goal and initiative.
    TL_TRY(SeedDemoStrategy(ctx, ws.id, x2_product, ids));
    TL_TRY(SeedDemoVoice(ctx, ws.id, x2_product, x2_items, ids));
    TL_TRY(SeedDemoPrioritisation(ctx, ws.id, x2_product, x2_items, ids));
    TL_TRY(SeedDemoStakeholders(ctx, ws.id, x2_product, x2_items, ids));
    // After the customer voice, whose feedback the personas link.
    TL_TRY(SeedDemoMarket(ctx, ws.id, x2_product, x2_items, ids));
    return true;
}

}  // namespace tl::app
