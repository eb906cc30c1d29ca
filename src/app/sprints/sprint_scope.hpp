// Scope changes caused by backlog edits (docs/delivery.md, "Scope changes and change
// requests"): after a sprint's start, a new estimate of one of its items, its deletion and the
// stories split off it are recorded against the sprint's baseline. Called inside the edit's
// own transaction by the backlog use cases; each is a no-op unless the item is in an active
// sprint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/item.hpp"
#include "storage/store.hpp"

namespace tl::app {

// `before` → `after` changed the item's points: a `re_estimated` scope change (and a sprint
// event) when the item is in an active sprint, and one of its release (with a release event)
// when that release is committed and not released (release_scope.hpp).
Result<void> RecordReestimate(storage::Tx& tx,
                              const std::string& actor_id,
                              const domain::Item& before,
                              const domain::Item& after,
                              std::int64_t now,
                              const std::string& reason);

// The item is being deleted: a `removed` scope change when it is in an active sprint.
Result<void> RecordSprintItemDeleted(storage::Tx& tx,
                                     const std::string& actor_id,
                                     const domain::Item& item,
                                     std::int64_t now);

// Stories split off `original` join its sprint when that is planned or active (an `added`
// scope change each in an active one); `parts` are the new items as stored.
Result<void> JoinSprintOfOriginal(storage::Tx& tx,
                                  const std::string& actor_id,
                                  const domain::Item& original,
                                  const std::vector<domain::Item>& parts,
                                  const std::string& original_key,
                                  std::int64_t now);

}  // namespace tl::app
