// Scope changes of a committed release (docs/delivery.md, "Commitment and scope changes"):
// once a release's plan is committed and while it is not released, adding, removing,
// re-estimating, deleting and splitting its items are recorded against its baseline, in the
// scope_changes table sprints use (scope_type "release"), each with a release
// `scope_changed` event. Called inside the edit's own transaction; each is a no-op unless the
// item's release records scope changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/item.hpp"
#include "domain/release.hpp"
#include "domain/sprint.hpp"
#include "storage/store.hpp"

namespace tl::app {

// One scope change of `release` (which must record them) for `item`, written by
// InsertScopeChange (sprint_scope.hpp), with the release's `scope_changed` event. (The planning
// routes write theirs with InsertScopeChange alone: their own events name the items.)
Result<void> RecordReleaseScopeChange(storage::Tx& tx,
                                      const domain::Release& release,
                                      domain::ScopeKind kind,
                                      const domain::Item& item,
                                      std::optional<double> before,
                                      std::optional<double> after,
                                      const std::string& actor_id,
                                      std::int64_t now,
                                      const std::string& reason);

// `before` → `after` changed the item's points: `re_estimated` in its release.
Result<void> RecordReleaseReestimate(storage::Tx& tx,
                                     const std::string& actor_id,
                                     const domain::Item& before,
                                     const domain::Item& after,
                                     std::int64_t now,
                                     const std::string& reason);

// The item is being deleted: `removed` (reason "deleted") from its release.
Result<void> RecordReleaseItemDeleted(storage::Tx& tx,
                                      const std::string& actor_id,
                                      const domain::Item& item,
                                      std::int64_t now);

// Stories split off `original` join its release when that is not released (with an `item`
// event each, and an `added` scope change each when the release records them); `parts` are
// the new items as stored.
Result<void> JoinReleaseOfOriginal(storage::Tx& tx,
                                   const std::string& actor_id,
                                   const domain::Item& original,
                                   const std::vector<domain::Item>& parts,
                                   const std::string& original_key,
                                   std::int64_t now);

}  // namespace tl::app
