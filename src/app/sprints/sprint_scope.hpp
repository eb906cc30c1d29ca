// Scope changes caused by backlog edits (docs/delivery.md, "Scope changes and change
// requests"): after a sprint's start, a new estimate of one of its items, its deletion and the
// stories split off it are recorded against the sprint's baseline. Called inside the edit's
// own transaction by the backlog use cases; each is a no-op unless the item is in an active
// sprint.
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

// Which sprint or release a scope change belongs to (`type` "sprint" or "release").
struct ScopeOf {
    std::string workspace_id;
    std::string product_id;
    std::string type;
    std::string id;

    static ScopeOf Of(const domain::Sprint& s) {
        return {s.workspace_id, s.product_id, "sprint", s.id};
    }
    static ScopeOf Of(const domain::Release& r) {
        return {r.workspace_id, r.product_id, "release", r.id};
    }
};

// Writes one scope change of `scope`, stamped after the scope's latest change so that the
// list's order by time is the order of recording even within one millisecond. Sprints and
// releases record theirs through this; it appends no event.
Result<void> InsertScopeChange(storage::Tx& tx,
                               const ScopeOf& scope,
                               domain::ScopeKind kind,
                               const domain::Item& item,
                               std::optional<double> before,
                               std::optional<double> after,
                               const std::string& actor_id,
                               std::int64_t now,
                               const std::string& reason);

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
