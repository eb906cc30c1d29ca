#include "app/releases/release_scope.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/sprints/sprints.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

// The item's release when it records scope changes; nullopt otherwise (none, gone, not
// committed, released).
Result<std::optional<domain::Release>> RecordingReleaseOf(storage::Tx& tx,
                                                          const domain::Item& item) {
    if (item.release_id.empty()) {
        return std::optional<domain::Release>();
    }
    auto release = tx.GetRelease(item.workspace_id, item.release_id);
    if (!release) {
        if (release.error().code == ErrorCode::kNotFound) {
            return std::optional<domain::Release>();
        }
        return Fail(release.error());
    }
    if (!domain::RecordsScopeChanges(*release)) {
        return std::optional<domain::Release>();
    }
    return std::optional<domain::Release>(std::move(*release));
}

}  // namespace

Result<void> RecordReleaseScopeChange(storage::Tx& tx,
                                      const domain::Release& release,
                                      domain::ScopeKind kind,
                                      const domain::Item& item,
                                      std::optional<double> before,
                                      std::optional<double> after,
                                      const std::string& actor_id,
                                      std::int64_t now,
                                      const std::string& reason) {
    TL_TRY(InsertScopeChange(
        tx, ScopeOf::Of(release), kind, item, before, after, actor_id, now, reason));
    return RecordEvent(tx,
                       release.workspace_id,
                       actor_id,
                       now,
                       {"release",
                        release.id,
                        release.product_id,
                        "scope_changed",
                        {},
                        json::object{{"kind", domain::ToString(kind)},
                                     {"item_id", item.id},
                                     {"points_before", FigureJson(before)},
                                     {"points_after", FigureJson(after)},
                                     {"reason", reason}}});
}

Result<void> RecordReleaseReestimate(storage::Tx& tx,
                                     const std::string& actor_id,
                                     const domain::Item& before,
                                     const domain::Item& after,
                                     std::int64_t now,
                                     const std::string& reason) {
    if (before.points == after.points) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto release, RecordingReleaseOf(tx, after));
    if (!release) {
        return {};
    }
    return RecordReleaseScopeChange(tx,
                                    *release,
                                    domain::ScopeKind::kReEstimated,
                                    after,
                                    before.points,
                                    after.points,
                                    actor_id,
                                    now,
                                    reason);
}

Result<void> RecordReleaseItemDeleted(storage::Tx& tx,
                                      const std::string& actor_id,
                                      const domain::Item& item,
                                      std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto release, RecordingReleaseOf(tx, item));
    if (!release) {
        return {};
    }
    return RecordReleaseScopeChange(tx,
                                    *release,
                                    domain::ScopeKind::kRemoved,
                                    item,
                                    item.points,
                                    std::nullopt,
                                    actor_id,
                                    now,
                                    "deleted");
}

Result<void> JoinReleaseOfOriginal(storage::Tx& tx,
                                   const std::string& actor_id,
                                   const domain::Item& original,
                                   const std::vector<domain::Item>& parts,
                                   const std::string& original_key,
                                   std::int64_t now) {
    if (original.release_id.empty() || parts.empty()) {
        return {};
    }
    auto release = tx.GetRelease(original.workspace_id, original.release_id);
    if (!release) {
        return release.error().code == ErrorCode::kNotFound ? Result<void>()
                                                            : Result<void>(release.error());
    }
    if (release->status == domain::ReleaseStatus::kReleased) {
        return {};
    }
    std::vector<std::string> ids;
    for (const auto& p : parts) {
        ids.push_back(p.id);
    }
    TL_TRY(tx.SetItemsRelease(original.workspace_id, ids, release->id, now));
    for (const auto& p : parts) {
        TL_TRY(RecordEvent(tx,
                           original.workspace_id,
                           actor_id,
                           now,
                           {"item",
                            p.id,
                            p.product_id,
                            "updated",
                            json::object{{"release_id", nullptr}},
                            json::object{{"release_id", release->id}}}));
        if (domain::RecordsScopeChanges(*release)) {
            TL_TRY(RecordReleaseScopeChange(tx,
                                            *release,
                                            domain::ScopeKind::kAdded,
                                            p,
                                            std::nullopt,
                                            p.points,
                                            actor_id,
                                            now,
                                            "split from " + original_key));
        }
    }
    return {};
}

}  // namespace tl::app
