// Releases (docs/delivery.md, "Releases"): a product's versions with target dates, the items
// planned in each (the item's release_id), where the items blocking them are planned, the
// release's readiness (items done, criteria covered and passing by their latest test runs,
// open blockers, failing cases) and its notes.
//
// Reading needs any role on the product; creating, editing and planning is `backlog.write`
// (the Product Owner). A released release accepts no more items. Every write appends a
// `release` event with the product (and an `item` event per item whose release changes), in
// the same transaction. A release of a product the actor holds no role on is kNotFound.
//
// Committing a plan takes its baseline (`backlog.write`); from then on, until the release is
// released, the changes to its scope are recorded with the scope-change records of sprints
// (release_scope.hpp records those made by backlog edits).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "app/sprints/sprints.hpp"
#include "app/testing/test_planning.hpp"
#include "domain/release.hpp"

namespace tl::app {

// An item blocking one of the release's items, and where it is planned.
struct BlockerView {
    domain::Item blocker;
    domain::BlockerPlace place = domain::BlockerPlace::kNone;
    std::optional<domain::Release> release;  // the release the blocker is planned in
    bool problem = false;
};

// One item of the release and the items blocking it.
struct DependencyView {
    domain::Item item;
    std::vector<BlockerView> blocked_by;
};

struct ReleaseView {
    domain::Release release;
    std::string product_key;
    std::string created_by_name;
    std::vector<domain::Item> items;           // rank order
    std::vector<DependencyView> dependencies;  // the items that have blockers, rank order
    domain::Readiness readiness;
    std::map<std::string, BlockerView> blockers;  // by blocker id: every blocker of the items
    std::map<std::string, TestCaseView> failing;  // by case id: the failing cases
    // Once committed: who committed it, the baseline's size and points, and how many scope
    // changes followed.
    std::string committed_by_name;
    std::int64_t baseline_items = 0;
    double baseline_points = 0;
    std::int64_t scope_change_count = 0;
};

// The release's own fields: {id, product_id, version, name, target_date, description, status,
// released_at, created_by:{id,name}, revision, created_at, updated_at, committed_at,
// committed_by:{id,name}|null, baseline:{items,points,changes}|null}, with `readiness`
// ({items_total, items_done, criteria_total, criteria_covered, criteria_passing, open_blockers,
// failing_cases, ready}); with `detail` also `items` and `dependencies`.
boost::json::object ToJson(const ReleaseView& view, bool detail);
// The release's own fields as its events and history record them.
boost::json::object ReleaseSnapshot(const domain::Release& release);

struct ReleaseInput {
    std::optional<std::string> version;
    std::optional<std::string> name;
    std::optional<std::string> target_date;  // "" clears
    std::optional<std::string> description;
    std::optional<domain::ReleaseStatus> status;
    domain::Issues issues;
};

// version required and unique in the product (kConflict naming `version`); status starts
// `planned` unless given.
Result<ReleaseView> CreateRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const ReleaseInput& input);
// The product's releases by target date (undated last), each with its readiness.
Result<std::vector<ReleaseView>> ListReleases(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id);
// The release with its items, dependencies and readiness.
Result<ReleaseView> GetRelease(AppContext& ctx, const Actor& actor, const std::string& id);
// version, name, target_date, description, status; becoming `released` records released_at,
// leaving it clears it. kPreconditionFailed when `if_match` names another revision.
Result<ReleaseView> UpdateRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const ReleaseInput& input,
                                  std::optional<std::int64_t> if_match);

struct ReleaseItemsInput {
    std::vector<std::string> items;  // ids or keys
    std::string reason;              // kept with the scope changes of a committed release
    domain::Issues issues;
};

// Plans the items into the release (moving them from another release that is not released)
// or, with `remove`, takes them out of it. kConflict once the release is released;
// kValidationFailed naming items.<i> for an item of another product, one shipped in a released
// release, or (removing) one not in this release. In a committed release each item added or
// removed is a scope change (and one moved from another committed release is `removed` there).
Result<ReleaseView> PlanReleaseItems(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& id,
                                     const ReleaseItemsInput& input,
                                     bool remove);

// Takes the plan's baseline (its items with their points, in rank order) and records
// committed_at / committed_by. kConflict (specific code "already_committed") when it was
// committed before, kConflict when it is released.
// `issues` are the caller's findings in the body, reported after authorisation.
Result<ReleaseView> CommitRelease(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const domain::Issues& issues = {});

struct ReleaseScopeView {
    domain::Release release;
    std::string committed_by_name;
    std::vector<std::pair<ItemBrief, std::optional<double>>> baseline;  // points at the commit
    double committed_points = 0;
    std::vector<ScopeChangeView> changes;  // oldest first
};
// The baseline and the scope changes since the commit (both empty before it).
Result<ReleaseScopeView> GetReleaseScopeChanges(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& id);

struct ReleaseNotesView {
    domain::Release release;
    std::vector<domain::NotesSection> sections;
};

Result<ReleaseNotesView> GetReleaseNotes(AppContext& ctx,
                                         const Actor& actor,
                                         const std::string& id);
// {release:{id,version,name,target_date,status}, groups:[{group, heading, items:[{id,key,
// title,type}]}]}, every group present.
boost::json::object ToJson(const ReleaseNotesView& notes);

}  // namespace tl::app
