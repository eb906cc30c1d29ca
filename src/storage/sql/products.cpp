// Products, role assignments and teams.
#include <algorithm>

#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kInsertProduct =
    "INSERT INTO products (id, workspace_id, product_key, name, description, stage, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateProduct =
    "UPDATE products SET product_key = ?, name = ?, description = ?, stage = ?, version = ?, "
    "updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kSelectProduct =
    "SELECT id, workspace_id, product_key, name, description, stage, version, created_at, "
    "updated_at FROM products WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kListProducts =
    "SELECT id, workspace_id, product_key, name, description, stage, version, created_at, "
    "updated_at FROM products WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?";
constexpr std::string_view kListProductsOfUser =
    "SELECT p.id, p.workspace_id, p.product_key, p.name, p.description, p.stage, p.version, "
    "p.created_at, p.updated_at FROM products p WHERE p.workspace_id = ? AND p.id > ? "
    "AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.product_id = p.id "
    "AND r.workspace_id = p.workspace_id AND r.user_id = ?) ORDER BY p.id LIMIT ?";

constexpr std::string_view kInsertRole =
    "INSERT INTO role_assignments (id, workspace_id, product_id, user_id, role, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteRole =
    "DELETE FROM role_assignments WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kSelectRole =
    "SELECT id, workspace_id, product_id, user_id, role, created_at FROM role_assignments "
    "WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kListRolesOfProduct =
    "SELECT id, workspace_id, product_id, user_id, role, created_at FROM role_assignments "
    "WHERE workspace_id = ? AND product_id = ? ORDER BY created_at, id";
constexpr std::string_view kListRolesOfUser =
    "SELECT id, workspace_id, product_id, user_id, role, created_at FROM role_assignments "
    "WHERE workspace_id = ? AND user_id = ? ORDER BY created_at, id";

constexpr std::string_view kListRoleHolders =
    "SELECT r.id, r.workspace_id, r.product_id, r.user_id, r.role, r.created_at, "
    "u.id, u.workspace_id, u.email, u.name, u.password_hash, u.is_admin, u.version, "
    "u.created_at, u.updated_at "
    "FROM role_assignments r JOIN users u ON u.id = r.user_id AND u.workspace_id = r.workspace_id "
    "WHERE r.workspace_id = ? AND r.product_id = ? ORDER BY r.created_at, r.id";
constexpr std::string_view kCountProductsOwnedBy =
    "SELECT COUNT(*) FROM role_assignments WHERE workspace_id = ? AND user_id = ? "
    "AND role = 'product_owner'";

constexpr std::string_view kInsertTeam =
    "INSERT INTO teams (id, workspace_id, name, product_id, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateTeam =
    "UPDATE teams SET name = ?, product_id = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kDeleteTeamMembers =
    "DELETE FROM team_members WHERE workspace_id = ? AND team_id = ?";
constexpr std::string_view kDeleteTeam = "DELETE FROM teams WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kInsertTeamMember =
    "INSERT INTO team_members (workspace_id, team_id, user_id, position) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectTeamMembers =
    "SELECT user_id FROM team_members WHERE workspace_id = ? AND team_id = ? ORDER BY position";
constexpr std::string_view kSelectTeam =
    "SELECT id, workspace_id, name, product_id, version, created_at, updated_at FROM teams "
    "WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kListTeams =
    "SELECT id, workspace_id, name, product_id, version, created_at, updated_at FROM teams "
    "WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?";

domain::Product ProductFromRow(const SqlRow& r) {
    domain::Product p;
    p.id = r.Text(0);
    p.workspace_id = r.Text(1);
    p.key = r.Text(2);
    p.name = r.Text(3);
    p.description = r.Text(4);
    p.stage = domain::ParseStage(r.Text(5)).value_or(domain::LifecycleStage::kConception);
    p.version = r.Int(6);
    p.created_at = r.Int(7);
    p.updated_at = r.Int(8);
    return p;
}

domain::RoleAssignment RoleFromRow(const SqlRow& r) {
    domain::RoleAssignment a;
    a.id = r.Text(0);
    a.workspace_id = r.Text(1);
    a.product_id = r.Text(2);
    a.user_id = r.Text(3);
    a.role = domain::ParseRole(r.Text(4)).value_or(domain::Role::kStakeholder);
    a.created_at = r.Int(5);
    return a;
}

domain::Team TeamFromRow(const SqlRow& r) {
    domain::Team t;
    t.id = r.Text(0);
    t.workspace_id = r.Text(1);
    t.name = r.Text(2);
    t.product_id = r.Text(3);
    t.version = r.Int(4);
    t.created_at = r.Int(5);
    t.updated_at = r.Int(6);
    return t;
}

Error KeyTaken() {
    Error e = Conflict("another product of this workspace already uses this key");
    e.details.push_back({"key", "is already used by another product"});
    return e;
}

}  // namespace

Result<void> SqlTx::InsertProduct(const domain::Product& p) {
    auto r = conn_.Execute(kInsertProduct,
                           {p.id,
                            p.workspace_id,
                            p.key,
                            p.name,
                            p.description,
                            std::string(domain::ToString(p.stage)),
                            p.version,
                            p.created_at,
                            p.updated_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(KeyTaken());
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::UpdateProduct(const domain::Product& p, std::int64_t expected_version) {
    auto changed = conn_.Execute(kUpdateProduct,
                                 {p.key,
                                  p.name,
                                  p.description,
                                  std::string(domain::ToString(p.stage)),
                                  p.version,
                                  p.updated_at,
                                  p.workspace_id,
                                  p.id,
                                  expected_version});
    if (!changed && changed.error().code == ErrorCode::kConflict) {
        return Fail(KeyTaken());
    }
    TL_TRY(changed);
    if (*changed == 1) {
        return {};
    }
    return CheckVersionedUpdate(*changed, GetProduct(p.workspace_id, p.id).has_value(), "product");
}

Result<domain::Product> SqlTx::GetProduct(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectProduct, {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("product"));
    }
    return ProductFromRow(rows[0]);
}

Result<std::vector<domain::Product>> SqlTx::ListProducts(const std::string& workspace_id,
                                                         const std::string& user_id,
                                                         const Page& page) {
    auto rows =
        user_id.empty()
            ? conn_.Query(kListProducts, {workspace_id, page.after, std::int64_t{page.limit}})
            : conn_.Query(kListProductsOfUser,
                          {workspace_id, page.after, user_id, std::int64_t{page.limit}});
    TL_TRY(rows);
    std::vector<domain::Product> products;
    for (const auto& r : *rows) {
        products.push_back(ProductFromRow(r));
    }
    return products;
}

Result<void> SqlTx::InsertRoleAssignment(const domain::RoleAssignment& a) {
    auto r = conn_.Execute(kInsertRole,
                           {a.id,
                            a.workspace_id,
                            a.product_id,
                            a.user_id,
                            std::string(domain::ToString(a.role)),
                            a.created_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        Error e = Conflict(a.role == domain::Role::kProductOwner
                               ? "the product already has a Product Owner"
                               : "this person already holds that role on the product");
        e.details.push_back({"role", e.message});
        return Fail(std::move(e));
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::DeleteRoleAssignment(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto changed, conn_.Execute(kDeleteRole, {workspace_id, id}));
    if (changed == 0) {
        return Fail(NotFound("role assignment"));
    }
    return {};
}

Result<domain::RoleAssignment> SqlTx::GetRoleAssignment(const std::string& workspace_id,
                                                        const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectRole, {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("role assignment"));
    }
    return RoleFromRow(rows[0]);
}

Result<std::vector<domain::RoleAssignment>> SqlTx::ListRolesOfProduct(
    const std::string& workspace_id, const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListRolesOfProduct, {workspace_id, product_id}));
    std::vector<domain::RoleAssignment> out;
    for (const auto& r : rows) {
        out.push_back(RoleFromRow(r));
    }
    return out;
}

Result<std::vector<domain::RoleAssignment>> SqlTx::ListRolesOfUser(const std::string& workspace_id,
                                                                   const std::string& user_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListRolesOfUser, {workspace_id, user_id}));
    std::vector<domain::RoleAssignment> out;
    for (const auto& r : rows) {
        out.push_back(RoleFromRow(r));
    }
    return out;
}

Result<std::vector<RoleHolder>> SqlTx::ListRoleHolders(const std::string& workspace_id,
                                                       const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kListRoleHolders, {workspace_id, product_id}));
    std::vector<RoleHolder> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({RoleFromRow(r), UserFromRow(r, 6)});
    }
    std::stable_sort(out.begin(), out.end(), [](const RoleHolder& a, const RoleHolder& b) {
        return a.assignment.role < b.assignment.role;
    });
    return out;
}

Result<std::int64_t> SqlTx::CountProductsOwnedBy(const std::string& workspace_id,
                                                 const std::string& user_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountProductsOwnedBy, {workspace_id, user_id}));
    return rows.at(0).Int(0);
}

Result<void> SqlTx::WriteTeamMembers(const domain::Team& t) {
    TL_TRY(conn_.Execute(kDeleteTeamMembers, {t.workspace_id, t.id}));
    std::int64_t position = 0;
    for (const auto& user_id : t.member_ids) {
        TL_TRY(conn_.Execute(kInsertTeamMember, {t.workspace_id, t.id, user_id, position++}));
    }
    return {};
}

Result<void> SqlTx::LoadTeamMembers(const std::string& workspace_id, domain::Team& t) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectTeamMembers, {workspace_id, t.id}));
    t.member_ids.clear();
    for (const auto& r : rows) {
        t.member_ids.push_back(r.Text(0));
    }
    return {};
}

Result<void> SqlTx::InsertTeam(const domain::Team& t) {
    TL_TRY(conn_.Execute(kInsertTeam,
                         {t.id,
                          t.workspace_id,
                          t.name,
                          NullIfEmpty(t.product_id),
                          t.version,
                          t.created_at,
                          t.updated_at}));
    return WriteTeamMembers(t);
}

Result<void> SqlTx::UpdateTeam(const domain::Team& t, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateTeam,
                                      {t.name,
                                       NullIfEmpty(t.product_id),
                                       t.version,
                                       t.updated_at,
                                       t.workspace_id,
                                       t.id,
                                       expected_version}));
    TL_TRY(CheckVersionedUpdate(changed, GetTeam(t.workspace_id, t.id).has_value(), "team"));
    return WriteTeamMembers(t);
}

Result<void> SqlTx::DeleteTeam(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute(kDeleteTeamMembers, {workspace_id, id}));
    TL_ASSIGN_OR_RETURN(auto changed, conn_.Execute(kDeleteTeam, {workspace_id, id}));
    if (changed == 0) {
        return Fail(NotFound("team"));
    }
    return {};
}

Result<domain::Team> SqlTx::GetTeam(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectTeam, {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("team"));
    }
    auto team = TeamFromRow(rows[0]);
    TL_TRY(LoadTeamMembers(workspace_id, team));
    return team;
}

Result<std::vector<domain::Team>> SqlTx::ListTeams(const std::string& workspace_id,
                                                   const Page& page) {
    TL_ASSIGN_OR_RETURN(
        auto rows, conn_.Query(kListTeams, {workspace_id, page.after, std::int64_t{page.limit}}));
    std::vector<domain::Team> teams;
    for (const auto& r : rows) {
        auto team = TeamFromRow(r);
        TL_TRY(LoadTeamMembers(workspace_id, team));
        teams.push_back(std::move(team));
    }
    return teams;
}

}  // namespace tl::storage
