// Store: the persistence interface. app/ sees storage only through this header.
//
// Read() and Write() run a callback with a Tx. A Write is one transaction, committed when
// the callback returns success and rolled back when it returns an error (or throws). A Read
// sees committed data only; it is one snapshot on SQLite, but on PostgreSQL (READ COMMITTED,
// no BEGIN) each statement sees its own, so do not rely on a snapshot across a Read's
// queries. Every query is scoped by workspace_id. Driver failures come back as kUnavailable
// (busy, gone) or kInternal; uniqueness violations as kConflict. No driver type leaks out.
//
// Thread-safety: a Store is shared by all server threads; a Tx belongs to one thread for the
// duration of the callback.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_event.hpp"
#include "domain/auth_token.hpp"
#include "domain/backlog.hpp"
#include "domain/customer_voice.hpp"
#include "domain/decision.hpp"
#include "domain/item.hpp"
#include "domain/market.hpp"
#include "domain/prioritisation.hpp"
#include "domain/product.hpp"
#include "domain/release.hpp"
#include "domain/result.hpp"
#include "domain/retro.hpp"
#include "domain/review.hpp"
#include "domain/roadmap.hpp"
#include "domain/role_assignment.hpp"
#include "domain/sprint.hpp"
#include "domain/stakeholder.hpp"
#include "domain/strategy.hpp"
#include "domain/team.hpp"
#include "domain/test_plan.hpp"
#include "domain/user.hpp"
#include "domain/workspace.hpp"

namespace tl::storage {

// Keyset pagination: rows after `after` (an id, exclusive), at most `limit`.
struct Page {
    std::string after;
    int limit = 50;
};

struct EventFilter {
    std::string product_id;   // events of anything in this product
    std::string entity_type;  // with entity_id: the events of one object
    std::string entity_id;
    std::int64_t before_seq = 0;  // 0: newest first from the top
    int limit = 50;
    // With product_id: leaves out the events of these entity types (those the reader may not see).
    std::vector<std::string> hidden_entity_types;
};

// Backlog settings as the app stores them: a JSON document and its version.
struct StoredSettings {
    std::string json;
    std::int64_t version = 0;
};

// Which items ListItems returns: `filter` is query-language text (docs/query-language.md),
// parsed and compiled to SQL by the storage layer; empty means all items in rank order. A bad
// filter is kInvalidQuery with its position.
struct ItemQuery {
    std::string product_id;
    std::string filter;  // query-language text; parsed and compiled by the storage layer
    domain::ItemQueryContext context;
    std::string cursor;  // from the previous page's next_cursor
    int limit = 50;

    // Board: narrowings besides the filter (empty: none).
    std::vector<domain::ItemType> types;  // only items of these types
    std::string sprint_id;                // only the items planned in this sprint
};

struct RankedId {
    std::string id;
    std::string rank;
};

struct ItemPage {
    std::vector<domain::Item> items;
    std::string next_cursor;  // "" on the last page
};

struct SearchQuery {
    std::vector<std::string> product_ids;  // the products searched (those the caller may read)
    std::vector<std::string> terms;        // words, matched by prefix, all required
    int limit = 20;
};

struct SearchHit {
    std::string item_id;
    double score = 0;     // higher is better
    std::string title;    // with \x02 ... \x03 around matches
    std::string snippet;  // likewise
};

// A role assignment with the person holding it.
struct RoleHolder {
    domain::RoleAssignment assignment;
    domain::User user;
};

struct LoginFailures {
    int count = 0;
    std::int64_t oldest_at = 0;  // of the failures counted
};

// Which sprints ListSprints returns: a product's (every product's when empty), optionally of
// one team and one status.
struct SprintFilter {
    std::string product_id;
    std::string team_id;  // "" for every team
    std::optional<domain::SprintStatus> status;
};

// What a sprint holds now: its items, their points, those of the done ones, and how many
// have no estimate.
struct SprintTotals {
    std::int64_t items = 0;
    double points = 0;
    double done_points = 0;
    std::int64_t unestimated = 0;
};

// A page of a product's customer feedback, newest first (by created_at, then id).
struct CustomerFeedbackFilter {
    std::string product_id;
    std::optional<domain::FeedbackStatus> status;
    std::string customer_id;  // "" for any
    std::optional<domain::FeedbackSource> source;
    // Only feedback before this position (the previous page's last); before_at 0: from the top.
    std::int64_t before_at = 0;
    std::string before_id;
    int limit = 50;  // at most this many; 0 for all
};

// The work below an initiative (docs/strategy.md, "Work"): items, points (null counts 0), and
// those of the items in a done status.
struct WorkTotals {
    std::int64_t items = 0;
    double points = 0;
    std::int64_t done_items = 0;
    double done_points = 0;
};

// What ListWork reads below (docs/strategy.md, "Work"): with a goal, the items naming it (via
// "goal") and those naming no goal but one of the initiatives (via "initiative", the goal's
// initiatives); without, the items naming one of the initiatives (via "initiative").
struct WorkScope {
    std::string goal_id;
    std::vector<std::string> initiative_ids;
};
// An item of the work, with the way its aligning item (itself or an ancestor) got in.
struct WorkEntry {
    domain::Item item;
    std::string via;  // "goal" or "initiative"
};

// Prioritisation: which of a product's items the ranked comparison reads, and each one as it
// reads it (no criteria, labels or fields).
struct PrioritisationFilter {
    std::string product_id;
    std::vector<domain::ItemType> types;  // these types only (never empty)
    std::string status;                   // "" for every status
    bool include_done = false;            // items in a done-category status
};

struct PrioritisationItem {
    std::string id;
    std::int64_t number = 0;
    domain::ItemType type = domain::ItemType::kStory;
    std::string title;
    std::string status;
    domain::StatusCategory category = domain::StatusCategory::kToDo;
    std::optional<double> points;
};

// Market notes (docs/strategy.md, "Market and competition"): a page of a product's notes,
// newest date first, then newest created, then id (all descending).
struct MarketNoteFilter {
    std::string product_id;
    std::optional<domain::MarketNoteKind> kind;
    std::string competitor_id;        // "" for any
    std::string persona_id;           // "" for any
    std::string tag;                  // "" for any; else notes holding this (lower-case) tag
    std::vector<std::string> words;   // each in the title, the body or a tag (case-insensitive)
    // Only notes after this position (the previous page's last); before_date "": from the top.
    std::string before_date;
    std::int64_t before_at = 0;
    std::string before_id;
    int limit = 50;  // at most this many; 0 for all
};

class Tx {
public:
    virtual ~Tx() = default;

    // Workspaces.
    virtual Result<void> InsertWorkspace(const domain::Workspace& w) = 0;
    virtual Result<domain::Workspace> GetWorkspace(const std::string& id) = 0;
    virtual Result<std::int64_t> CountWorkspaces() = 0;
    virtual Result<std::vector<domain::Workspace>> ListWorkspaces() = 0;

    // Users. E-mail is unique across the installation (kConflict).
    virtual Result<void> InsertUser(const domain::User& u) = 0;
    // Writes u with version u.version, where the stored version is `expected_version`;
    // kPreconditionFailed if it is not.
    virtual Result<void> UpdateUser(const domain::User& u, std::int64_t expected_version) = 0;
    virtual Result<domain::User> GetUser(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<std::optional<domain::User>> FindUserByEmail(const std::string& email) = 0;
    virtual Result<std::vector<domain::User>> ListUsers(const std::string& workspace_id,
                                                        const Page& page) = 0;

    // Sessions and API tokens.
    virtual Result<void> InsertToken(const domain::AuthToken& t) = 0;
    virtual Result<std::optional<domain::AuthToken>> FindTokenBySecretHash(
        const std::string& secret_hash) = 0;
    virtual Result<void> TouchToken(const std::string& id, std::int64_t now) = 0;
    virtual Result<void> RevokeToken(const std::string& workspace_id,
                                     const std::string& id,
                                     std::int64_t now) = 0;
    virtual Result<domain::AuthToken> GetToken(const std::string& workspace_id,
                                               const std::string& id) = 0;
    virtual Result<std::vector<domain::AuthToken>> ListApiTokens(const std::string& workspace_id,
                                                                 const std::string& user_id) = 0;
    // Revokes the user's live sessions except `keep_id` (may be empty); returns how many.
    virtual Result<std::int64_t> RevokeSessionsOfUser(const std::string& workspace_id,
                                                      const std::string& user_id,
                                                      const std::string& keep_id,
                                                      std::int64_t now) = 0;
    // Removes expired and revoked tokens older than `before`; returns how many.
    virtual Result<std::int64_t> PurgeTokens(std::int64_t before) = 0;

    // Failed logins, per key ("account:<email>", "address:<ip>"); shared by all nodes.
    virtual Result<void> RecordLoginFailure(const std::string& key, std::int64_t at) = 0;
    virtual Result<LoginFailures> CountLoginFailures(const std::string& key,
                                                     std::int64_t since) = 0;
    virtual Result<void> ClearLoginFailures(const std::string& key) = 0;

    // Products. The key is unique per workspace (kConflict).
    virtual Result<void> InsertProduct(const domain::Product& p) = 0;
    virtual Result<void> UpdateProduct(const domain::Product& p, std::int64_t expected_version) = 0;
    virtual Result<domain::Product> GetProduct(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // All products of the workspace, or (user_id set) those the user holds a role on.
    virtual Result<std::vector<domain::Product>> ListProducts(const std::string& workspace_id,
                                                              const std::string& user_id,
                                                              const Page& page) = 0;

    // Role assignments.
    virtual Result<void> InsertRoleAssignment(const domain::RoleAssignment& a) = 0;
    virtual Result<void> DeleteRoleAssignment(const std::string& workspace_id,
                                              const std::string& id) = 0;
    virtual Result<domain::RoleAssignment> GetRoleAssignment(const std::string& workspace_id,
                                                             const std::string& id) = 0;
    virtual Result<std::vector<domain::RoleAssignment>> ListRolesOfProduct(
        const std::string& workspace_id, const std::string& product_id) = 0;
    virtual Result<std::vector<domain::RoleAssignment>> ListRolesOfUser(
        const std::string& workspace_id, const std::string& user_id) = 0;
    // The assignments of a product with their users, in one query; ordered by role.
    virtual Result<std::vector<RoleHolder>> ListRoleHolders(const std::string& workspace_id,
                                                            const std::string& product_id) = 0;
    // How many products of the workspace the user is Product Owner of.
    virtual Result<std::int64_t> CountProductsOwnedBy(const std::string& workspace_id,
                                                      const std::string& user_id) = 0;

    // Teams, with their members.
    virtual Result<void> InsertTeam(const domain::Team& t) = 0;
    virtual Result<void> UpdateTeam(const domain::Team& t, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteTeam(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Team> GetTeam(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<std::vector<domain::Team>> ListTeams(const std::string& workspace_id,
                                                        const Page& page) = 0;

    // Backlog settings: nullopt while the product uses the defaults. SaveBacklogSettings
    // inserts when `expected_version` is 0, else updates from that version
    // (kPreconditionFailed when stale).
    virtual Result<std::optional<StoredSettings>> GetBacklogSettings(
        const std::string& workspace_id, const std::string& product_id) = 0;
    virtual Result<void> SaveBacklogSettings(const std::string& workspace_id,
                                             const std::string& product_id,
                                             const StoredSettings& settings,
                                             std::int64_t expected_version,
                                             std::int64_t now) = 0;

    // Items, with their criteria, labels and custom field values, written and read whole.
    // The next number of a product's item keys (DRN-<n>), never handed out twice.
    virtual Result<std::int64_t> TakeItemNumber(const std::string& workspace_id,
                                                const std::string& product_id) = 0;
    // kConflict when the rank key is taken (a concurrent move or insert won the race).
    virtual Result<void> InsertItem(const domain::Item& item) = 0;
    virtual Result<void> UpdateItem(const domain::Item& item, std::int64_t expected_version) = 0;
    // Writes the one row's rank (and version, updated_at): what a move writes.
    virtual Result<void> UpdateItemRank(const domain::Item& item,
                                        std::int64_t expected_version) = 0;
    // Removes the item with its criteria, labels, values, links, comments, watchers, poker
    // rounds, test cases (with their runs), search document and prioritisation scores.
    virtual Result<void> DeleteItem(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Item> GetItem(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<std::optional<domain::Item>> FindItemByKey(const std::string& workspace_id,
                                                              const std::string& product_key,
                                                              std::int64_t number) = 0;
    // The items with these ids (any order; missing ones left out).
    virtual Result<std::vector<domain::Item>> GetItems(const std::string& workspace_id,
                                                       const std::vector<std::string>& ids) = 0;
    virtual Result<std::vector<domain::Item>> ListChildren(const std::string& workspace_id,
                                                           const std::string& parent_id) = 0;
    // A page of a product's items: filtered and ordered as `query` says.
    virtual Result<ItemPage> ListItems(const std::string& workspace_id, const ItemQuery& query) = 0;
    // Sums over every descendant of each of `item_ids`, by item id (items without
    // descendants are left out), in one query.
    virtual Result<std::map<std::string, domain::Rollup>> RollupsOf(
        const std::string& workspace_id, const std::vector<std::string>& item_ids) = 0;
    virtual Result<std::int64_t> CountItemsInStatus(const std::string& workspace_id,
                                                    const std::string& product_id,
                                                    const std::string& status) = 0;
    // Removes every value of a custom field (when its definition is removed).
    virtual Result<void> DeleteFieldValues(const std::string& workspace_id,
                                           const std::string& field_id) = 0;
    virtual Result<std::int64_t> CountItemsWithField(const std::string& workspace_id,
                                                     const std::string& product_id,
                                                     const std::string& field) = 0;

    // Rank keys of a product's backlog. The neighbour of `rank` after (or before) it; "" at
    // the end. First/Last: "" when the backlog is empty.
    virtual Result<std::string> NeighbourRank(const std::string& workspace_id,
                                              const std::string& product_id,
                                              const std::string& rank,
                                              bool after) = 0;
    virtual Result<std::string> EdgeRank(const std::string& workspace_id,
                                         const std::string& product_id,
                                         bool last) = 0;
    // Every item id of the product in rank order (for rebalancing).
    virtual Result<std::vector<RankedId>> ListRankOrder(const std::string& workspace_id,
                                                        const std::string& product_id) = 0;
    // Rewrites the ranks of `ids` (in this order) to `ranks`, without touching versions.
    virtual Result<void> RewriteRanks(const std::string& workspace_id,
                                      const std::string& product_id,
                                      const std::vector<std::string>& ids,
                                      const std::vector<std::string>& ranks) = 0;

    // Links. kConflict when the same link exists.
    virtual Result<void> InsertLink(const domain::ItemLink& link) = 0;
    virtual Result<void> DeleteLink(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::ItemLink> GetLink(const std::string& workspace_id,
                                             const std::string& id) = 0;
    // The links with the item at either end.
    virtual Result<std::vector<domain::ItemLink>> ListLinksOf(const std::string& workspace_id,
                                                              const std::string& item_id) = 0;
    // Every "blocks" edge of a product: (source, target).
    virtual Result<std::vector<std::pair<std::string, std::string>>> ListBlocksEdges(
        const std::string& workspace_id, const std::string& product_id) = 0;

    // Comments.
    virtual Result<void> InsertComment(const domain::Comment& c) = 0;
    virtual Result<void> UpdateComment(const domain::Comment& c, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteComment(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Comment> GetComment(const std::string& workspace_id,
                                               const std::string& id) = 0;
    virtual Result<std::vector<domain::Comment>> ListComments(const std::string& workspace_id,
                                                              const std::string& item_id) = 0;

    // Watchers (adding twice is fine) and the inbox.
    virtual Result<void> AddWatcher(const std::string& workspace_id,
                                    const std::string& item_id,
                                    const std::string& user_id) = 0;
    virtual Result<void> RemoveWatcher(const std::string& workspace_id,
                                       const std::string& item_id,
                                       const std::string& user_id) = 0;
    virtual Result<std::vector<std::string>> ListWatchers(const std::string& workspace_id,
                                                          const std::string& item_id) = 0;
    virtual Result<void> InsertNotification(const domain::Notification& n) = 0;
    // A user's notifications, newest first, after cursor `page.after` (an id).
    virtual Result<std::vector<domain::Notification>> ListNotifications(
        const std::string& workspace_id,
        const std::string& user_id,
        bool unread_only,
        const Page& page) = 0;
    // kNotFound unless the notification exists and is `user_id`'s own.
    virtual Result<domain::Notification> GetNotification(const std::string& workspace_id,
                                                         const std::string& user_id,
                                                         const std::string& id) = 0;
    virtual Result<std::int64_t> CountUnreadNotifications(const std::string& workspace_id,
                                                          const std::string& user_id) = 0;
    // Marks one (id set) or all of a user's notifications read; returns how many changed.
    virtual Result<std::int64_t> MarkNotificationsRead(const std::string& workspace_id,
                                                       const std::string& user_id,
                                                       const std::string& id,
                                                       std::int64_t now) = 0;

    // Planning poker.
    virtual Result<void> InsertPokerRound(const domain::PokerRound& r) = 0;
    virtual Result<void> UpdatePokerRound(const domain::PokerRound& r,
                                          std::int64_t expected_version) = 0;
    virtual Result<domain::PokerRound> GetPokerRound(const std::string& workspace_id,
                                                     const std::string& id) = 0;
    virtual Result<std::optional<domain::PokerRound>> LatestPokerRound(
        const std::string& workspace_id, const std::string& item_id) = 0;
    // Inserts or replaces the user's vote.
    virtual Result<void> PutPokerVote(const std::string& workspace_id,
                                      const domain::PokerVote& vote) = 0;

    // Saved views: a user's own and the product's shared ones, by name.
    virtual Result<void> InsertView(const domain::SavedView& v) = 0;
    virtual Result<void> UpdateView(const domain::SavedView& v, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteView(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::SavedView> GetView(const std::string& workspace_id,
                                              const std::string& id) = 0;
    virtual Result<std::vector<domain::SavedView>> ListViews(const std::string& workspace_id,
                                                             const std::string& product_id,
                                                             const std::string& user_id) = 0;

    // Full-text search. ReindexItem rewrites the item's document from its title,
    // description, criteria and comments (call it after changing any of them).
    virtual Result<void> ReindexItem(const std::string& workspace_id,
                                     const std::string& item_id) = 0;
    virtual Result<std::vector<SearchHit>> SearchItems(const std::string& workspace_id,
                                                       const SearchQuery& query) = 0;

    // Serialises the writers that lock the same `scope` (e.g. "ranks:<product id>" while
    // rebalancing a backlog's rank keys) until this transaction ends, across every node: on
    // PostgreSQL a transaction advisory lock, on SQLite nothing more than the write
    // transaction, which already excludes every other writer.
    virtual Result<void> LockScope(const std::string& scope) = 0;

    // The event log. AppendEvent assigns e.seq. Within a workspace, sequence numbers become
    // visible in increasing order: a reader that has seen seq N never later finds a new event
    // below N (on PostgreSQL the append takes a per-workspace lock held until commit).
    virtual Result<void> AppendEvent(domain::AuditEvent& e) = 0;
    virtual Result<std::vector<domain::AuditEvent>> ListEvents(const std::string& workspace_id,
                                                               const EventFilter& filter) = 0;
    // The workspace's events after `after_seq`, oldest first, at most `limit`.
    virtual Result<std::vector<domain::AuditEvent>> ListEventsAfter(const std::string& workspace_id,
                                                                    std::int64_t after_seq,
                                                                    int limit) = 0;
    // The newest sequence number of the workspace's events; 0 when there are none.
    virtual Result<std::int64_t> LatestEventSeq(const std::string& workspace_id) = 0;

    // Board.
    // How many of the product's items are in each status (statuses without items left out),
    // in one query.
    virtual Result<std::map<std::string, std::int64_t>> CountItemsByStatus(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // ---- Releases and test planning (docs/delivery.md, "Releases", "Test planning") ----
    // Releases. The version is unique per product: kConflict when it is taken.
    virtual Result<void> InsertRelease(const domain::Release& r) = 0;
    // Writes r (with revision r.revision) where the stored revision is `expected_revision`;
    // kPreconditionFailed if it is not, kConflict when the version is taken.
    virtual Result<void> UpdateRelease(const domain::Release& r,
                                       std::int64_t expected_revision) = 0;
    virtual Result<domain::Release> GetRelease(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // A product's releases: by target date (undated ones last), then version.
    virtual Result<std::vector<domain::Release>> ListReleases(const std::string& workspace_id,
                                                              const std::string& product_id) = 0;
    // The items planned in the release, in rank order, found through the items' release index.
    virtual Result<std::vector<domain::Item>> ListReleaseItems(const std::string& workspace_id,
                                                               const std::string& release_id) = 0;
    // Sets the release of these items ("" clears it), raising their version and updated_at.
    virtual Result<void> SetItemsRelease(const std::string& workspace_id,
                                         const std::vector<std::string>& item_ids,
                                         const std::string& release_id,
                                         std::int64_t now) = 0;

    // Test cases, with the ids of the criteria they cover.
    virtual Result<void> InsertTestCase(const domain::TestCase& c) = 0;
    virtual Result<void> UpdateTestCase(const domain::TestCase& c,
                                        std::int64_t expected_version) = 0;
    // Removes the case with its criteria links, its places in plans and its runs.
    virtual Result<void> DeleteTestCase(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::TestCase> GetTestCase(const std::string& workspace_id,
                                                 const std::string& id) = 0;
    // The cases with these ids (any order; missing ones left out).
    virtual Result<std::vector<domain::TestCase>> GetTestCases(
        const std::string& workspace_id, const std::vector<std::string>& ids) = 0;
    // The cases of these items, by creation.
    virtual Result<std::vector<domain::TestCase>> ListTestCasesOfItems(
        const std::string& workspace_id, const std::vector<std::string>& item_ids) = 0;

    // Test plans, with their case ids in order.
    virtual Result<void> InsertTestPlan(const domain::TestPlan& p) = 0;
    virtual Result<void> UpdateTestPlan(const domain::TestPlan& p,
                                        std::int64_t expected_version) = 0;
    // Removes the plan with its case list and its runs.
    virtual Result<void> DeleteTestPlan(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::TestPlan> GetTestPlan(const std::string& workspace_id,
                                                 const std::string& id) = 0;
    // A product's plans, newest first; only those of one release when `release_id` is set.
    virtual Result<std::vector<domain::TestPlan>> ListTestPlans(const std::string& workspace_id,
                                                                const std::string& product_id,
                                                                const std::string& release_id) = 0;

    // Test runs. Never edited, except SetTestRunBug.
    virtual Result<void> InsertTestRun(const domain::TestRun& r) = 0;
    virtual Result<domain::TestRun> GetTestRun(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // A plan's runs, newest first.
    virtual Result<std::vector<domain::TestRun>> ListTestRunsOfPlan(const std::string& workspace_id,
                                                                    const std::string& plan_id) = 0;
    // Every run of these cases, in any plan, oldest first.
    virtual Result<std::vector<domain::TestRun>> ListTestRunsOfCases(
        const std::string& workspace_id, const std::vector<std::string>& case_ids) = 0;
    virtual Result<void> SetTestRunBug(const std::string& workspace_id,
                                       const std::string& run_id,
                                       const std::string& bug_id) = 0;
    // ---- Sprints (docs/delivery.md, "Sprints") ----
    // A team has at most one active sprint: writing a second is kConflict with specific_code
    // "sprint_active" (a unique index decides, so two nodes cannot both start one).
    virtual Result<void> InsertSprint(const domain::Sprint& s) = 0;
    virtual Result<void> UpdateSprint(const domain::Sprint& s, std::int64_t expected_version) = 0;
    // Removes the sprint with its capacity, baseline, outcomes, scope changes, change
    // requests, review (notes and feedback) and retrospective (cards, votes, actions); its
    // items' sprint_id is the caller's to clear first.
    virtual Result<void> DeleteSprint(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Sprint> GetSprint(const std::string& workspace_id,
                                             const std::string& id) = 0;
    // By start date, then id.
    virtual Result<std::vector<domain::Sprint>> ListSprints(const std::string& workspace_id,
                                                            const SprintFilter& filter) = 0;
    // The team's completed sprints on the product, latest completion first, at most `limit`.
    virtual Result<std::vector<domain::Sprint>> ListCompletedSprints(
        const std::string& workspace_id,
        const std::string& team_id,
        const std::string& product_id,
        int limit) = 0;
    // Totals of each of `sprint_ids` that holds items (others are left out), in one query per
    // batch through the items' sprint index.
    virtual Result<std::map<std::string, SprintTotals>> SprintTotalsOf(
        const std::string& workspace_id, const std::vector<std::string>& sprint_ids) = 0;
    // The items whose sprint_id is `sprint_id`, in rank order, read through the sprint index
    // (never a scan of the product's backlog).
    virtual Result<std::vector<domain::Item>> ListSprintItems(const std::string& workspace_id,
                                                              const std::string& sprint_id) = 0;
    // Sets the sprint of these items ("" clears it), raising their version and updated_at, in
    // batched statements.
    virtual Result<void> SetItemsSprint(const std::string& workspace_id,
                                        const std::vector<std::string>& item_ids,
                                        const std::string& sprint_id,
                                        std::int64_t now) = 0;
    // Replaces the sprint's member capacities.
    virtual Result<void> PutSprintCapacity(const std::string& workspace_id,
                                           const std::string& sprint_id,
                                           const std::vector<domain::MemberCapacity>& members) = 0;
    virtual Result<std::vector<domain::MemberCapacity>> ListSprintCapacity(
        const std::string& workspace_id, const std::string& sprint_id) = 0;
    // The baseline taken at the start, kept in the given (rank) order.
    virtual Result<void> InsertSprintBaseline(const std::string& workspace_id,
                                              const std::string& sprint_id,
                                              const std::vector<domain::BaselineEntry>& items) = 0;
    virtual Result<std::vector<domain::BaselineEntry>> ListSprintBaseline(
        const std::string& workspace_id, const std::string& sprint_id) = 0;
    // The outcomes recorded at completion, kept in the given order.
    virtual Result<void> InsertSprintOutcomes(
        const std::string& workspace_id,
        const std::string& sprint_id,
        const std::vector<domain::SprintOutcome>& outcomes) = 0;
    virtual Result<std::vector<domain::SprintOutcome>> ListSprintOutcomes(
        const std::string& workspace_id, const std::string& sprint_id) = 0;
    // Scope changes of a sprint or a release (scope_type "sprint" or "release"), oldest first.
    virtual Result<void> InsertScopeChange(const domain::ScopeChange& c) = 0;
    virtual Result<std::vector<domain::ScopeChange>> ListScopeChanges(
        const std::string& workspace_id,
        const std::string& scope_type,
        const std::string& scope_id) = 0;
    // Change requests of a sprint, oldest first; `status` narrows them.
    virtual Result<void> InsertChangeRequest(const domain::ChangeRequest& r) = 0;
    virtual Result<void> UpdateChangeRequest(const domain::ChangeRequest& r,
                                             std::int64_t expected_version) = 0;
    virtual Result<domain::ChangeRequest> GetChangeRequest(const std::string& workspace_id,
                                                           const std::string& id) = 0;
    virtual Result<std::vector<domain::ChangeRequest>> ListChangeRequests(
        const std::string& workspace_id,
        const std::string& sprint_id,
        std::optional<domain::ChangeRequestStatus> status) = 0;

    // ---- Release commitment, sprint reviews, retrospectives (docs/delivery.md) ----
    // A release's baseline (its committed_at / committed_by are the release row's, written by
    // UpdateRelease), kept in the given (rank) order.
    virtual Result<void> InsertReleaseBaseline(const std::string& workspace_id,
                                               const std::string& release_id,
                                               const std::vector<domain::BaselineEntry>& items) = 0;
    virtual Result<std::vector<domain::BaselineEntry>> ListReleaseBaseline(
        const std::string& workspace_id, const std::string& release_id) = 0;
    // The latest `at` of a sprint's or release's scope changes; 0 when it has none. A new
    // change is stamped after it, so the list's order (by time) is the order of recording.
    virtual Result<std::int64_t> LatestScopeChangeAt(const std::string& workspace_id,
                                                     const std::string& scope_type,
                                                     const std::string& scope_id) = 0;

    // A sprint review's notes: nullopt until first saved. SaveSprintReview inserts when
    // `expected_version` is 0, else updates from that version; kPreconditionFailed when the
    // stored version is another (or, inserting, when a row exists).
    virtual Result<std::optional<domain::SprintReview>> GetSprintReview(
        const std::string& workspace_id, const std::string& sprint_id) = 0;
    virtual Result<void> SaveSprintReview(const domain::SprintReview& review,
                                          std::int64_t expected_version) = 0;
    // Feedback captured in reviews.
    virtual Result<void> InsertReviewFeedback(const domain::ReviewFeedback& f) = 0;
    virtual Result<domain::ReviewFeedback> GetReviewFeedback(const std::string& workspace_id,
                                                             const std::string& id) = 0;
    virtual Result<void> DeleteReviewFeedback(const std::string& workspace_id,
                                              const std::string& id) = 0;
    // A sprint's feedback, newest first.
    virtual Result<std::vector<domain::ReviewFeedback>> ListReviewFeedback(
        const std::string& workspace_id, const std::string& sprint_id) = 0;

    // Retrospective cards. DeleteRetroCard removes its votes too and clears the card_id of
    // actions made from it.
    virtual Result<void> InsertRetroCard(const domain::RetroCard& c) = 0;
    virtual Result<void> UpdateRetroCard(const domain::RetroCard& c,
                                         std::int64_t expected_version) = 0;
    virtual Result<void> DeleteRetroCard(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<domain::RetroCard> GetRetroCard(const std::string& workspace_id,
                                                   const std::string& id) = 0;
    // A sprint's cards, oldest first.
    virtual Result<std::vector<domain::RetroCard>> ListRetroCards(const std::string& workspace_id,
                                                                  const std::string& sprint_id) = 0;
    // Adds the user's vote on the card, or removes it when there is one; answers whether the
    // user votes for it afterwards.
    virtual Result<bool> ToggleRetroVote(const std::string& workspace_id,
                                         const domain::RetroCard& card,
                                         const std::string& user_id,
                                         std::int64_t now) = 0;
    // Every vote on a sprint's cards.
    virtual Result<std::vector<domain::RetroVote>> ListRetroVotes(const std::string& workspace_id,
                                                                  const std::string& sprint_id) = 0;

    // Retrospective action items.
    virtual Result<void> InsertRetroAction(const domain::RetroAction& a) = 0;
    virtual Result<void> UpdateRetroAction(const domain::RetroAction& a,
                                           std::int64_t expected_version) = 0;
    virtual Result<domain::RetroAction> GetRetroAction(const std::string& workspace_id,
                                                       const std::string& id) = 0;
    // The actions created in a sprint's retrospective, oldest first.
    virtual Result<std::vector<domain::RetroAction>> ListRetroActions(
        const std::string& workspace_id, const std::string& sprint_id) = 0;
    // The team's actions on the product that are not done, from any of its sprints, oldest
    // first (through the open-actions index).
    virtual Result<std::vector<domain::RetroAction>> ListOpenRetroActions(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::string& team_id) = 0;

    // ---- Customer voice (docs/strategy.md, "Customer voice") ----
    // Customers. DeleteCustomer removes its contacts and the votes cast for it, and clears it
    // (and its contacts) from feedback and ideas.
    virtual Result<void> InsertCustomer(const domain::Customer& c) = 0;
    virtual Result<void> UpdateCustomer(const domain::Customer& c,
                                        std::int64_t expected_version) = 0;
    virtual Result<void> DeleteCustomer(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Customer> GetCustomer(const std::string& workspace_id,
                                                 const std::string& id) = 0;
    // A product's customers by name.
    virtual Result<std::vector<domain::Customer>> ListCustomers(const std::string& workspace_id,
                                                                const std::string& product_id) = 0;
    // Contacts. DeleteContact clears it from feedback.
    virtual Result<void> InsertContact(const domain::CustomerContact& c) = 0;
    virtual Result<void> UpdateContact(const domain::CustomerContact& c,
                                       std::int64_t expected_version) = 0;
    virtual Result<void> DeleteContact(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::CustomerContact> GetContact(const std::string& workspace_id,
                                                       const std::string& id) = 0;
    // Every contact of a product's customers, oldest first.
    virtual Result<std::vector<domain::CustomerContact>> ListContacts(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // Customer feedback. DeleteCustomerFeedback removes its links.
    virtual Result<void> InsertCustomerFeedback(const domain::CustomerFeedback& f) = 0;
    virtual Result<void> UpdateCustomerFeedback(const domain::CustomerFeedback& f,
                                                std::int64_t expected_version) = 0;
    virtual Result<void> DeleteCustomerFeedback(const std::string& workspace_id,
                                                const std::string& id) = 0;
    virtual Result<domain::CustomerFeedback> GetCustomerFeedback(const std::string& workspace_id,
                                                                 const std::string& id) = 0;
    virtual Result<std::vector<domain::CustomerFeedback>> ListCustomerFeedback(
        const std::string& workspace_id, const CustomerFeedbackFilter& filter) = 0;
    // Links of feedback to items and ideas; kConflict when the feedback already links there.
    virtual Result<void> InsertFeedbackLink(const domain::FeedbackLink& l) = 0;
    virtual Result<void> DeleteFeedbackLink(const std::string& workspace_id,
                                            const std::string& id) = 0;
    virtual Result<domain::FeedbackLink> GetFeedbackLink(const std::string& workspace_id,
                                                         const std::string& id) = 0;
    // Every link of a product's feedback, oldest first.
    virtual Result<std::vector<domain::FeedbackLink>> ListFeedbackLinks(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // Ideas. DeleteIdea removes its votes and the feedback links to it.
    virtual Result<void> InsertIdea(const domain::Idea& idea) = 0;
    virtual Result<void> UpdateIdea(const domain::Idea& idea, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteIdea(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Idea> GetIdea(const std::string& workspace_id,
                                         const std::string& id) = 0;
    // A product's ideas, oldest first.
    virtual Result<std::vector<domain::Idea>> ListIdeas(const std::string& workspace_id,
                                                        const std::string& product_id) = 0;
    // Votes; kConflict when the user (own vote) or the customer already voted for the idea.
    virtual Result<void> InsertIdeaVote(const domain::IdeaVote& v) = 0;
    virtual Result<void> DeleteIdeaVote(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::IdeaVote> GetIdeaVote(const std::string& workspace_id,
                                                 const std::string& id) = 0;
    // Every vote on a product's ideas, oldest first.
    virtual Result<std::vector<domain::IdeaVote>> ListIdeaVotes(const std::string& workspace_id,
                                                                const std::string& product_id) = 0;
    // ---- Stakeholders and decisions (docs/strategy.md, "Stakeholders", "Decision log") ----
    virtual Result<void> InsertStakeholder(const domain::Stakeholder& s) = 0;
    // kPreconditionFailed when the stored version is not `expected_version`.
    virtual Result<void> UpdateStakeholder(const domain::Stakeholder& s,
                                           std::int64_t expected_version) = 0;
    // Removes the stakeholder with its communication log.
    virtual Result<void> DeleteStakeholder(const std::string& workspace_id,
                                           const std::string& id) = 0;
    virtual Result<domain::Stakeholder> GetStakeholder(const std::string& workspace_id,
                                                       const std::string& id) = 0;
    // A product's stakeholders by name, then id.
    virtual Result<std::vector<domain::Stakeholder>> ListStakeholders(
        const std::string& workspace_id, const std::string& product_id) = 0;
    virtual Result<void> InsertCommunication(const domain::Communication& c) = 0;
    virtual Result<domain::Communication> GetCommunication(const std::string& workspace_id,
                                                           const std::string& id) = 0;
    virtual Result<void> DeleteCommunication(const std::string& workspace_id,
                                             const std::string& id) = 0;
    // A stakeholder's log, newest first (by date, then when recorded).
    virtual Result<std::vector<domain::Communication>> ListCommunications(
        const std::string& workspace_id, const std::string& stakeholder_id) = 0;
    // The latest communication date of each of a product's stakeholders that has one, by
    // stakeholder id, in one query.
    virtual Result<std::map<std::string, std::string>> LastContactsOf(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // A product's items accepted at or after `from_ms` and before `to_ms`, by acceptance.
    virtual Result<std::vector<domain::Item>> ListItemsAcceptedBetween(
        const std::string& workspace_id,
        const std::string& product_id,
        std::int64_t from_ms,
        std::int64_t to_ms) = 0;

    // Decisions, with their options and links in order, written and read whole.
    virtual Result<void> InsertDecision(const domain::Decision& d) = 0;
    virtual Result<void> UpdateDecision(const domain::Decision& d,
                                        std::int64_t expected_version) = 0;
    virtual Result<void> DeleteDecision(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Decision> GetDecision(const std::string& workspace_id,
                                                 const std::string& id) = 0;
    // A product's decisions, newest first; only those linked to `linked` when it is set.
    virtual Result<std::vector<domain::Decision>> ListDecisions(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::optional<domain::DecisionLink>& linked) = 0;
    // ---- Strategy: vision, goals, key results, check-ins, initiatives (docs/strategy.md) ----
    // The vision's latest version; nullopt before the first save.
    virtual Result<std::optional<domain::Vision>> GetVision(const std::string& workspace_id,
                                                            const std::string& product_id) = 0;
    // Adds version v.version; kConflict when that version exists (a concurrent save won).
    virtual Result<void> InsertVisionVersion(const domain::Vision& v) = 0;
    // The versions below `before_version` (0: from the newest), newest first, at most `limit`.
    virtual Result<std::vector<domain::Vision>> ListVisionHistory(const std::string& workspace_id,
                                                                  const std::string& product_id,
                                                                  std::int64_t before_version,
                                                                  int limit) = 0;

    virtual Result<void> InsertGoal(const domain::Goal& g) = 0;
    // kPreconditionFailed when the stored version is not `expected_version`.
    virtual Result<void> UpdateGoal(const domain::Goal& g, std::int64_t expected_version) = 0;
    // Removes the goal with its key results and check-ins, and clears the goal_id of the items
    // naming it (raising their version and updated_at to `now`). Initiatives are the caller's.
    virtual Result<void> DeleteGoal(const std::string& workspace_id,
                                    const std::string& id,
                                    std::int64_t now) = 0;
    virtual Result<domain::Goal> GetGoal(const std::string& workspace_id,
                                         const std::string& id) = 0;
    // A product's goals by start date, then creation.
    virtual Result<std::vector<domain::Goal>> ListGoals(const std::string& workspace_id,
                                                        const std::string& product_id) = 0;

    virtual Result<void> InsertKeyResult(const domain::KeyResult& kr) = 0;
    virtual Result<void> UpdateKeyResult(const domain::KeyResult& kr,
                                         std::int64_t expected_version) = 0;
    // Removes the key result with its check-ins.
    virtual Result<void> DeleteKeyResult(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<domain::KeyResult> GetKeyResult(const std::string& workspace_id,
                                                   const std::string& id) = 0;
    // The key results of a product's goals (of one goal when `goal_id` is set), by creation.
    virtual Result<std::vector<domain::KeyResult>> ListKeyResults(const std::string& workspace_id,
                                                                  const std::string& product_id,
                                                                  const std::string& goal_id) = 0;

    virtual Result<void> InsertCheckIn(const domain::CheckIn& c) = 0;
    virtual Result<void> DeleteCheckIn(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::CheckIn> GetCheckIn(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // The check-ins of a product's key results (of one goal's when `goal_id` is set), by date,
    // then creation.
    virtual Result<std::vector<domain::CheckIn>> ListCheckIns(const std::string& workspace_id,
                                                              const std::string& product_id,
                                                              const std::string& goal_id) = 0;

    virtual Result<void> InsertInitiative(const domain::Initiative& i) = 0;
    virtual Result<void> UpdateInitiative(const domain::Initiative& i,
                                          std::int64_t expected_version) = 0;
    // Removes the initiative and clears the initiative_id of the items naming it (raising
    // their version and updated_at to `now`).
    virtual Result<void> DeleteInitiative(const std::string& workspace_id,
                                          const std::string& id,
                                          std::int64_t now) = 0;
    virtual Result<domain::Initiative> GetInitiative(const std::string& workspace_id,
                                                     const std::string& id) = 0;
    // A product's initiatives by creation.
    virtual Result<std::vector<domain::Initiative>> ListInitiatives(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // The product's items naming a goal or an initiative, in rank order.
    virtual Result<std::vector<domain::Item>> ListAlignedItems(const std::string& workspace_id,
                                                               const std::string& product_id) = 0;
    // The work of a scope in one recursive query: the product's items the scope names and their
    // descendants (four levels down) that name no goal or initiative of their own, each with
    // the `via` of the item it descends from, in rank order. The items are read without their
    // criteria, labels and custom field values.
    virtual Result<std::vector<WorkEntry>> ListWork(const std::string& workspace_id,
                                                    const std::string& product_id,
                                                    const WorkScope& scope) = 0;

    // ---- Roadmap (docs/strategy.md, "Roadmap") ----
    // The work below each initiative of the products (a product's roadmap, or the portfolio's),
    // in one query per 100 products: the items naming it and their descendants (four levels
    // down) that name no goal or initiative of their own. Initiatives without work are absent.
    virtual Result<std::map<std::string, WorkTotals>> InitiativeWorkTotals(
        const std::string& workspace_id, const std::vector<std::string>& product_ids) = 0;
    // Published links. The token hash is unique (kConflict).
    virtual Result<void> InsertRoadmapShare(const domain::RoadmapShare& s) = 0;
    virtual Result<domain::RoadmapShare> GetRoadmapShare(const std::string& workspace_id,
                                                         const std::string& id) = 0;
    // Across workspaces, like FindTokenBySecretHash: the link a token opens.
    virtual Result<std::optional<domain::RoadmapShare>> FindRoadmapShareByTokenHash(
        const std::string& token_hash) = 0;
    // A product's links, oldest first.
    virtual Result<std::vector<domain::RoadmapShare>> ListRoadmapShares(
        const std::string& workspace_id, const std::string& product_id) = 0;
    virtual Result<void> DeleteRoadmapShare(const std::string& workspace_id,
                                            const std::string& id) = 0;
    // ---- Prioritisation (docs/strategy.md, "Prioritisation") ----
    // Scorecards with their criteria (in order).
    virtual Result<void> InsertScorecard(const domain::Scorecard& card) = 0;
    // Rewrites the name and the criteria; kPreconditionFailed when stale.
    virtual Result<void> UpdateScorecard(const domain::Scorecard& card,
                                         std::int64_t expected_version) = 0;
    // Removes the scorecard with its criteria and the item scores under it (their history stays).
    virtual Result<void> DeleteScorecard(const std::string& workspace_id,
                                         const std::string& id) = 0;
    virtual Result<domain::Scorecard> GetScorecard(const std::string& workspace_id,
                                                   const std::string& id) = 0;
    // A product's scorecards, oldest first.
    virtual Result<std::vector<domain::Scorecard>> ListScorecards(
        const std::string& workspace_id, const std::string& product_id) = 0;

    // Writes an item's score under its model, inserting or replacing the row.
    virtual Result<void> PutItemScore(const domain::ItemScore& score) = 0;
    // Removes it; false when there was none.
    virtual Result<bool> DeleteItemScore(const std::string& workspace_id,
                                         const std::string& item_id,
                                         const std::string& model) = 0;
    // An item's scores under every model, by model name.
    virtual Result<std::vector<domain::ItemScore>> ListItemScores(const std::string& workspace_id,
                                                                  const std::string& item_id) = 0;
    // Every score of a product's items under one model, in one query (any order).
    virtual Result<std::vector<domain::ItemScore>> ListModelScores(const std::string& workspace_id,
                                                                   const std::string& product_id,
                                                                   const std::string& model) = 0;
    // Score history: appended, never changed; read newest first, at most `limit`.
    virtual Result<void> InsertScoreChange(const domain::ScoreChange& change) = 0;
    virtual Result<std::vector<domain::ScoreChange>> ListScoreChanges(
        const std::string& workspace_id,
        const std::string& item_id,
        const std::string& model,
        int limit) = 0;
    // The product's items the filter selects, in rank order, in one query.
    virtual Result<std::vector<PrioritisationItem>> ListPrioritisationItems(
        const std::string& workspace_id, const PrioritisationFilter& filter) = 0;

    // ---- Market and competition (docs/strategy.md, "Market and competition") ----
    // Personas, with their links in order, written and read whole. kPreconditionFailed when
    // the stored version is not `expected_version`.
    virtual Result<void> InsertPersona(const domain::Persona& p) = 0;
    virtual Result<void> UpdatePersona(const domain::Persona& p,
                                       std::int64_t expected_version) = 0;
    // Removes the persona with its links and clears persona_id of the notes naming it.
    virtual Result<void> DeletePersona(const std::string& workspace_id, const std::string& id) = 0;
    virtual Result<domain::Persona> GetPersona(const std::string& workspace_id,
                                               const std::string& id) = 0;
    // A product's personas by name, then id; only those linked to `linked` when it is set.
    virtual Result<std::vector<domain::Persona>> ListPersonas(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::optional<domain::PersonaLink>& linked) = 0;

    // Competitors. A name already used in the product (case-insensitive) is kConflict.
    virtual Result<void> InsertCompetitor(const domain::Competitor& c) = 0;
    virtual Result<void> UpdateCompetitor(const domain::Competitor& c,
                                          std::int64_t expected_version) = 0;
    // Removes the competitor with its cells and clears competitor_id of the notes about it.
    virtual Result<void> DeleteCompetitor(const std::string& workspace_id,
                                          const std::string& id) = 0;
    virtual Result<domain::Competitor> GetCompetitor(const std::string& workspace_id,
                                                     const std::string& id) = 0;
    // A product's competitors by name, then id.
    virtual Result<std::vector<domain::Competitor>> ListCompetitors(
        const std::string& workspace_id, const std::string& product_id) = 0;

    // Rows of the comparison matrix.
    virtual Result<void> InsertComparisonRow(const domain::ComparisonRow& row) = 0;
    virtual Result<void> UpdateComparisonRow(const domain::ComparisonRow& row,
                                             std::int64_t expected_version) = 0;
    // Removes the row with its cells.
    virtual Result<void> DeleteComparisonRow(const std::string& workspace_id,
                                             const std::string& id) = 0;
    virtual Result<domain::ComparisonRow> GetComparisonRow(const std::string& workspace_id,
                                                           const std::string& id) = 0;
    // A product's rows by position, then creation, then id.
    virtual Result<std::vector<domain::ComparisonRow>> ListComparisonRows(
        const std::string& workspace_id, const std::string& product_id) = 0;
    // Cells: written whole (inserted or replaced); DeleteComparisonCell answers whether there
    // was one.
    virtual Result<void> PutComparisonCell(const domain::ComparisonCell& cell) = 0;
    virtual Result<bool> DeleteComparisonCell(const std::string& workspace_id,
                                              const std::string& row_id,
                                              const std::string& competitor_id) = 0;
    // Every cell of a product's matrix (of one row when `row_id` is set), by row, then
    // competitor.
    virtual Result<std::vector<domain::ComparisonCell>> ListComparisonCells(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::string& row_id) = 0;

    // Market notes.
    virtual Result<void> InsertMarketNote(const domain::MarketNote& n) = 0;
    virtual Result<void> UpdateMarketNote(const domain::MarketNote& n,
                                          std::int64_t expected_version) = 0;
    virtual Result<void> DeleteMarketNote(const std::string& workspace_id,
                                          const std::string& id) = 0;
    virtual Result<domain::MarketNote> GetMarketNote(const std::string& workspace_id,
                                                     const std::string& id) = 0;
    virtual Result<std::vector<domain::MarketNote>> ListMarketNotes(
        const std::string& workspace_id, const MarketNoteFilter& filter) = 0;
    // How many notes name the competitor.
    virtual Result<std::int64_t> CountMarketNotesAbout(const std::string& workspace_id,
                                                       const std::string& competitor_id) = 0;
};

// Called with a workspace id after a transaction that appended events to that workspace
// commits, on this process or (PostgreSQL) on any node sharing the database. An empty id
// means "anything may have changed" (the notification channel was re-established and may
// have missed some). Called from a store thread: must be quick and must not throw.
using ChangeListener = std::function<void(const std::string& workspace_id)>;

class Store {
public:
    virtual ~Store() = default;

    // Applies the migrations this binary knows and the database lacks, each in its own
    // transaction, recording them in schema_migrations. Safe to run repeatedly.
    virtual Result<void> Migrate() = 0;
    // The schema versions applied, in order.
    virtual Result<std::vector<int>> AppliedMigrations() = 0;

    virtual Result<void> Read(const std::function<Result<void>(Tx&)>& fn) = 0;
    virtual Result<void> Write(const std::function<Result<void>(Tx&)>& fn) = 0;

    // "sqlite" or "postgres".
    virtual std::string Backend() const = 0;

    // Starts delivering change notifications to `listener`; an empty function stops them
    // (and waits until no call is in progress). Set it once before serving.
    virtual void SetChangeListener(ChangeListener listener) = 0;
};

}  // namespace tl::storage
