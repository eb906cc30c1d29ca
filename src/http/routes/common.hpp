// Helpers shared by the route files: JSON answers, ETag / If-Match, pages, cookies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "app/history.hpp"
#include "domain/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace tl::app {
struct ItemView;
struct ItemBrief;
struct ScopeChangeView;
}  // namespace tl::app

namespace tl::http {

inline constexpr std::string_view kSessionCookie = "tl_session";

Response JsonAnswer(int status, const boost::json::value& body);
// A single versioned resource: the JSON with an ETag of its version.
Response Versioned(int status, const boost::json::object& body, std::int64_t version);
// A collection page: {"data": [...], "next_cursor": "..." | null}.
Response PageAnswer(boost::json::array data, const std::string& next_cursor);
// 412 with the error shape and the current object under "current".
Response StaleVersion(const Error& error, const boost::json::object& current);

// The version named by If-Match ("3", W/"3", 3); nullopt when absent or "*".
// kValidationFailed when present but not a version.
Result<std::optional<std::int64_t>> IfMatchVersion(const Request& req);

// One history entry: {id, at, actor, entity_type, entity_id, product_id, action, changes}.
boost::json::object HistoryEntryJson(const app::HistoryEntry& entry);
// A page of history entries, newest first.
Response HistoryAnswer(const app::HistoryPage& page);
// Reads limit and cursor for a history page (the cursor is a sequence number).
struct HistoryQuery {
    std::int64_t before = 0;
    int limit = 50;
};
Result<HistoryQuery> ReadHistoryQuery(const Request& req);

// The secret a request presents: the bearer token, else the session cookie; empty if none.
std::string_view RequestCredentials(const Request& req);

// The value of cookie `name` in a Cookie header, or empty.
std::string_view CookieValue(std::string_view header, std::string_view name);

// Route registration, one function per resource file.
void AddSystemRoutes(Router& router, class Metrics& metrics);
void AddAuthRoutes(Router& router, bool secure_cookies);
void AddUserRoutes(Router& router);
void AddTokenRoutes(Router& router);
void AddProductRoutes(Router& router);
void AddTeamRoutes(Router& router);
void AddEventRoutes(Router& router);
void AddItemRoutes(Router& router);
void AddCommentRoutes(Router& router);
void AddInboxRoutes(Router& router);
void AddPokerRoutes(Router& router);
void AddViewRoutes(Router& router);
void AddSearchRoutes(Router& router);
// The board (docs/delivery.md, "Board").
void AddBoardRoutes(Router& router);
// Releases and test planning (docs/delivery.md).
void AddReleaseRoutes(Router& router);
void AddTestPlanningRoutes(Router& router);

// Sprints (routes/sprints.cpp) and the item JSON they embed (routes/items.cpp).
void AddSprintRoutes(Router& router);
boost::json::object ItemViewJson(const app::ItemView& view);

// A sprint's item brief and one scope change with its item and author, as the sprint routes
// answer them; releases answer their scope changes in the same shape (routes/sprints.cpp).
boost::json::object ItemBriefJson(const app::ItemBrief& brief);
boost::json::object ScopeChangeViewJson(const app::ScopeChangeView& view);

// Sprint reviews and retrospectives (docs/delivery.md, "Sprint review", "Retrospectives").
void AddReviewRoutes(Router& router);
void AddRetroRoutes(Router& router);

// Customer voice (docs/strategy.md, "Customer voice").
void AddCustomerVoiceRoutes(Router& router);
// Stakeholders and the decision log (docs/strategy.md, "Stakeholders", "Decision log").
void AddStakeholderRoutes(Router& router);
void AddDecisionRoutes(Router& router);
// Strategy: vision, goals (OKRs), initiatives, trace and alignment (docs/strategy.md).
void AddStrategyRoutes(Router& router);
// The roadmap and its published links (docs/strategy.md, "Roadmap").
void AddRoadmapRoutes(Router& router);
// Prioritisation (docs/strategy.md, "Prioritisation"): item scores, scorecards, the ranked view.
void AddPrioritisationRoutes(Router& router);
// Market and competition (docs/strategy.md, "Market and competition"): personas, competitors,
// the comparison matrix and market notes.
void AddMarketRoutes(Router& router);

// The OpenAPI document, compiled in from src/http/openapi.json.
extern const std::string_view kOpenApiDocument;

}  // namespace tl::http
