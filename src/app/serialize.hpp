// The JSON form of domain objects, used both for API answers and for audit snapshots, so
// what history shows is exactly what the API shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "domain/audit_event.hpp"
#include "domain/auth_token.hpp"
#include "domain/product.hpp"
#include "domain/role_assignment.hpp"
#include "domain/team.hpp"
#include "domain/user.hpp"
#include "domain/workspace.hpp"

namespace tl::app {

// "2026-11-22T15:04:05.123Z"; 0 becomes null in JSON via TimeOrNull.
std::string FormatTime(std::int64_t ms);
boost::json::value TimeOrNull(std::int64_t ms);

// Nulls for absent values: milliseconds since the epoch (0 is absent), a string (empty is
// absent), a user reference {"id","name"} (an empty id is absent), story points (nullopt).
boost::json::value MsOrNull(std::int64_t ms);
boost::json::value StringOrNull(const std::string& s);
boost::json::value UserRefOrNull(const std::string& id, const std::string& name);
// A number of points for JSON: whole values as integers (5, not 5.0).
boost::json::value PointsJson(double points);
boost::json::value PointsOrNull(const std::optional<double>& points);

boost::json::object ToJson(const domain::Workspace& w);
boost::json::object ToJson(const domain::User& u);  // never the password hash
boost::json::object ToJson(const domain::Product& p);
boost::json::object ToJson(const domain::Team& t);
boost::json::object ToJson(const domain::RoleAssignment& a);
boost::json::object ToJson(const domain::AuthToken& t);  // never the secret or its hash

// {"field": {"before": x, "after": y}} for each field that differs; `version` and
// `updated_at` are left out (they change with every write). A field missing on one side
// appears as null there.
boost::json::object Diff(const boost::json::object& before, const boost::json::object& after);

}  // namespace tl::app
