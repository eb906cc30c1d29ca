#include "app/demo_delivery.hpp"

#include <algorithm>
#include <optional>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/releases/releases.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/sprints/sprints.hpp"
#include "app/testing/test_planning.hpp"
#include "app/user_names.hpp"
#include "domain/release.hpp"
#include "domain/sprint.hpp"
#include "domain/test_plan.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;
using domain::Day;

// The demo backlog's items this seed plans, by a short name.
const std::map<std::string, std::string> kTitles = {
    {"pack", "Integrate the 6S 8,000 mAh solid-state pack"},
    {"pack-cad", "Update the battery bay CAD for the new pack"},
    {"pack-order", "Order 20 pre-series packs from the supplier"},
    {"minutes", "Show remaining flight time in minutes, not only percent"},
    {"calibrate", "Calibrate the discharge curve on 10 test flights"},
    {"silicon", "Evaluate silicon-anode cells from the second supplier"},
    {"cold", "Battery percentage jumps from 18 % to 5 % in cold weather"},
    {"arms", "Carbon-fibre arms replace the aluminium ones"},
    {"gear", "Drop the landing-gear weight below 120 g"},
    {"endurance", "Endurance test: 45 minutes of hover with a 500 g payload"},
    {"4k", "Record 4K at 60 fps to the SD card"},
    {"sd-cards", "Bench-test SD cards for sustained 100 MB/s writes"},
    {"horizon", "Three-axis gimbal keeps the horizon level within 0.5°"},
    {"drift", "Gimbal drifts to the left after 20 minutes of flight"},
    {"switch", "Switch between photo and video without landing"},
    {"sensors", "Compare 1-inch sensors for low-light noise"},
    {"geotag", "Geotag every photo with the RTK position"},
    {"interval", "Interval shooting by distance for photogrammetry"},
    {"stereo", "Stereo cameras or time-of-flight sensors for forward sensing?"},
    {"stop", "Stop 5 m before an obstacle in the flight path"},
    {"sensor-log", "Log sensor distances during test flights"},
    {"overlay", "Show detected obstacles as an overlay in the live view"},
    {"remote-id", "Broadcast Remote ID per ASTM F3411"},
    {"no-fly", "No-fly zones from the official database block take-off"},
    {"home", "Return home when the battery reaches the reserve for the way back"},
    {"ceiling", "Return-to-home climbs into the geofence ceiling"},
    {"signed", "Drone refuses firmware without a valid signature"},
    {"live-view", "Live view with 200 ms latency over 2 km"},
    {"tiles", "Map tiles stay blank offline"},
};

// A moment of a calendar day (UTC).
std::int64_t At(Day day, int hour, int minute = 0) {
    return day * domain::kMsPerDay + (hour * 60LL + minute) * 60'000;
}

// The n-th working day (1..10) of a two-week sprint starting on a Monday.
Day WorkDay(Day monday, int n) { return monday + (n - 1) + (n > 5 ? 2 : 0); }

struct SprintSpec {
    std::string name;
    std::string goal;
    Day monday = 0;
    bool require_approval = false;
    std::vector<domain::MemberCapacity> capacity;
    std::vector<std::string> items;  // short names
};

struct CaseSpec {
    std::string item;
    std::string title;
    std::vector<std::size_t> criteria;  // indices into the item's criteria
    std::string preconditions;
    std::string steps;
    std::string expected;
};

struct RunSpec {
    std::size_t test_case;  // index into the cases
    domain::TestResult result;
    std::string by;  // a demo handle
    std::int64_t at;
    std::string notes;
};

// Replays the delivery history in one transaction: the sprints' rows, capacities, baselines,
// scope changes, change requests and outcomes, the releases and the test plan are written as
// the use cases would write them, each with its events; the items are changed in a working
// copy and written once at the end (their sprint, release, points and when they were done).
class DeliverySeed {
public:
    DeliverySeed(storage::Tx& tx,
                 const std::string& workspace_id,
                 const domain::Product& product,
                 const std::string& team_id,
                 const std::map<std::string, std::string>& users,
                 std::int64_t now)
        : tx_(tx),
          ws_(workspace_id),
          product_(product),
          team_id_(team_id),
          users_(users),
          now_(now),
          names_(tx, workspace_id) {}

    // Finds the named items among the backlog's; kInternal when one is missing.
    Result<void> Load(const std::vector<domain::Item>& items) {
        for (const auto& i : items) {
            original_.emplace(i.id, i);
        }
        for (const auto& [name, title] : kTitles) {
            auto it = std::find_if(
                items.begin(), items.end(), [&](const auto& i) { return i.title == title; });
            if (it == items.end()) {
                return Fail(MakeError(ErrorCode::kInternal,
                                      "the demo backlog has no item titled \"" + title + "\""));
            }
            ids_[name] = it->id;
            working_.emplace(it->id, *it);
        }
        return {};
    }

    domain::Item& Item(const std::string& name) { return working_.at(ids_.at(name)); }
    const std::string& User(const std::string& handle) const { return users_.at(handle); }

    // ---- sprints ----

    Result<domain::Sprint> CreateSprint(const SprintSpec& spec, const std::string& by) {
        domain::Sprint s;
        s.created_at = At(spec.monday - 3, 14);  // planned on the Friday before
        s.id = NewId("spr", s.created_at);
        s.workspace_id = ws_;
        s.product_id = product_.id;
        s.team_id = team_id_;
        s.name = spec.name;
        s.goal = spec.goal;
        s.start_date = domain::FormatDate(spec.monday);
        s.end_date = domain::FormatDate(WorkDay(spec.monday, 10));
        s.working_days = domain::kDefaultWorkingDays;
        s.require_approval = spec.require_approval;
        s.created_by = User(by);
        s.updated_at = s.created_at;
        TL_TRY(tx_.InsertSprint(s));
        TL_TRY(SprintEvent(s, "created", {}, ToJson(s)));
        TL_TRY(tx_.PutSprintCapacity(ws_, s.id, spec.capacity));
        json::array members;
        for (const auto& m : spec.capacity) {
            json::array off;
            for (const auto& d : m.days_off) {
                off.emplace_back(d);
            }
            members.push_back(json::object{{"user_id", m.user_id},
                                           {"capacity", FigureJson(m.capacity)},
                                           {"days_off", std::move(off)}});
        }
        TL_TRY(SprintEvent(s,
                           "capacity_set",
                           json::object{{"members", json::array()}},
                           json::object{{"members", std::move(members)}}));
        json::array planned;
        for (const auto& name : spec.items) {
            Item(name).sprint_id = s.id;
            planned.emplace_back(Item(name).id);
        }
        TL_TRY(SprintEvent(
            s, "items_added", {}, json::object{{"items", std::move(planned)}, {"reason", ""}}));
        return s;
    }

    // The baseline: the sprint's items in rank order with their points now.
    Result<void> Start(domain::Sprint& s, std::int64_t at) {
        std::vector<const domain::Item*> in;
        for (const auto& [id, i] : working_) {
            if (i.sprint_id == s.id) {
                in.push_back(&i);
            }
        }
        std::sort(
            in.begin(), in.end(), [](const auto* a, const auto* b) { return a->rank < b->rank; });
        std::vector<domain::BaselineEntry> baseline;
        double committed = 0;
        for (const auto* i : in) {
            baseline.push_back({i->id, i->points});
            committed += i->points.value_or(0);
        }
        const domain::Sprint before = s;
        s.status = domain::SprintStatus::kActive;
        s.started_at = at;
        s.committed_points = committed;
        s.version = before.version + 1;
        s.updated_at = at;
        TL_TRY(tx_.UpdateSprint(s, before.version));
        TL_TRY(tx_.InsertSprintBaseline(ws_, s.id, baseline));
        json::object after = ToJson(s);
        after["baseline_items"] = static_cast<std::int64_t>(baseline.size());
        return SprintEvent(s, "started", ToJson(before), std::move(after));
    }

    // An add or remove after the start, as the planning routes record it.
    Result<void> ChangeScope(const domain::Sprint& s,
                             const std::string& name,
                             bool adding,
                             const std::string& by,
                             std::int64_t at,
                             const std::string& reason) {
        domain::Item& item = Item(name);
        item.sprint_id = adding ? s.id : "";
        TL_TRY(InsertScopeChange(s,
                                 adding ? domain::ScopeKind::kAdded : domain::ScopeKind::kRemoved,
                                 item,
                                 adding ? std::nullopt : item.points,
                                 adding ? item.points : std::nullopt,
                                 by,
                                 at,
                                 reason));
        return SprintEvent(
            s,
            adding ? "items_added" : "items_removed",
            {},
            json::object{{"items", json::array{json::value(item.id)}}, {"reason", reason}});
    }

    // A new estimate of an item of the active sprint, as the item's PATCH records it.
    Result<void> Reestimate(const domain::Sprint& s,
                            const std::string& name,
                            double points,
                            const std::string& by,
                            std::int64_t at,
                            const std::string& reason) {
        domain::Item& item = Item(name);
        const auto before = item.points;
        item.points = points;
        TL_TRY(InsertScopeChange(
            s, domain::ScopeKind::kReEstimated, item, before, item.points, by, at, reason));
        return SprintEvent(s,
                           "scope_changed",
                           json::object{{"item_id", item.id}, {"points", FigureJson(before)}},
                           json::object{{"item_id", item.id}, {"points", FigureJson(item.points)}});
    }

    // A change request to add `name` to the sprint, decided by the Product Owner when
    // `decided_at` is set (accepted: the item joins with an `added` scope change by them).
    Result<void> RequestAdd(const domain::Sprint& s,
                            const std::string& name,
                            const std::string& by,
                            std::int64_t at,
                            const std::string& reason,
                            std::int64_t decided_at = 0,
                            const std::string& note = "") {
        domain::ChangeRequest r;
        r.id = NewId("crq", at);
        r.workspace_id = ws_;
        r.product_id = product_.id;
        r.sprint_id = s.id;
        r.kind = domain::ChangeRequestKind::kAdd;
        r.item_id = Item(name).id;
        r.reason = reason;
        r.requested_by = User(by);
        r.requested_at = at;
        TL_TRY(tx_.InsertChangeRequest(r));
        TL_TRY(RecordEvent(
            tx_,
            ws_,
            kSystem,
            now_,
            {"change_request", r.id, product_.id, "requested", {}, ChangeRequestJson(r)}));
        if (decided_at == 0) {
            return {};
        }
        domain::ChangeRequest accepted = r;
        accepted.status = domain::ChangeRequestStatus::kAccepted;
        accepted.decided_by = User("bob");
        accepted.decided_at = decided_at;
        accepted.note = note;
        accepted.version = r.version + 1;
        TL_TRY(ChangeScope(s, name, true, "bob", decided_at, reason));
        TL_TRY(tx_.UpdateChangeRequest(accepted, r.version));
        return RecordEvent(tx_,
                           ws_,
                           kSystem,
                           now_,
                           {"change_request",
                            r.id,
                            product_.id,
                            "accepted",
                            ChangeRequestJson(r),
                            ChangeRequestJson(accepted)});
    }

    // The item (already in a done status in the backlog) was accepted at `at`.
    void Done(const std::string& name, std::int64_t at) { done_at_[ids_.at(name)] = at; }

    // Done items stay; the others join `next` (a planned sprint of the team).
    Result<void> Complete(domain::Sprint& s, std::int64_t at, const domain::Sprint& next) {
        std::vector<domain::Item*> in;
        for (auto& [id, i] : working_) {
            if (i.sprint_id == s.id) {
                in.push_back(&i);
            }
        }
        std::sort(
            in.begin(), in.end(), [](const auto* a, const auto* b) { return a->rank < b->rank; });
        std::vector<domain::SprintOutcome> outcomes;
        json::array carried;
        double completed = 0;
        for (auto* i : in) {
            domain::SprintOutcome o;
            o.item_id = i->id;
            o.points = i->points;
            auto done = done_at_.find(i->id);
            if (done != done_at_.end() && done->second <= at) {
                o.outcome = domain::ItemOutcome::kDone;
                o.done_at = done->second;
                completed += i->points.value_or(0);
            } else {
                o.outcome = domain::ItemOutcome::kCarriedOver;
                o.next_sprint_id = next.id;
                i->sprint_id = next.id;
                carried.emplace_back(i->id);
            }
            outcomes.push_back(std::move(o));
        }
        TL_TRY(tx_.InsertSprintOutcomes(ws_, s.id, outcomes));
        const domain::Sprint before = s;
        s.status = domain::SprintStatus::kCompleted;
        s.completed_at = at;
        s.completed_points = completed;
        s.version = before.version + 1;
        s.updated_at = at;
        TL_TRY(tx_.UpdateSprint(s, before.version));
        json::object after = ToJson(s);
        after["carry_over"] = "next_sprint";
        after["next_sprint_id"] = next.id;
        after["unfinished_items"] = static_cast<std::int64_t>(carried.size());
        TL_TRY(SprintEvent(s, "completed", ToJson(before), std::move(after)));
        if (carried.empty()) {
            return {};
        }
        return SprintEvent(
            next,
            "items_added",
            {},
            json::object{{"items", std::move(carried)}, {"reason", "carried over from " + s.name}});
    }

    // ---- releases and tests ----

    Result<domain::Release> CreateRelease(const std::string& version,
                                          const std::string& name,
                                          const std::string& target_date,
                                          const std::string& description,
                                          domain::ReleaseStatus status,
                                          std::int64_t created_at,
                                          const std::vector<std::string>& items) {
        domain::Release r;
        r.id = NewId("rel", created_at);
        r.workspace_id = ws_;
        r.product_id = product_.id;
        r.version = version;
        r.name = name;
        r.target_date = target_date;
        r.description = description;
        r.status = status;
        r.created_by = User("bob");
        r.created_at = created_at;
        r.updated_at = created_at;
        TL_TRY(tx_.InsertRelease(r));
        TL_TRY(ReleaseEvent(r, "created", {}, ReleaseSnapshot(r)));
        json::array keys;
        for (const auto& n : items) {
            Item(n).release_id = r.id;
            keys.emplace_back(domain::ItemKey(product_.key, Item(n).number));
        }
        TL_TRY(ReleaseEvent(r, "items_added", {}, json::object{{"items", std::move(keys)}}));
        return r;
    }

    Result<void> Ship(domain::Release& r, std::int64_t at) {
        const domain::Release before = r;
        r.status = domain::ReleaseStatus::kReleased;
        r.released_at = at;
        r.revision = before.revision + 1;
        r.updated_at = at;
        TL_TRY(tx_.UpdateRelease(r, before.revision));
        return ReleaseEvent(r, "updated", ReleaseSnapshot(before), ReleaseSnapshot(r));
    }

    // The cases on their items' criteria, a plan of the release holding them all, the runs.
    Result<void> TestRelease(const domain::Release& release,
                             const std::string& plan_name,
                             std::int64_t planned_at,
                             const std::vector<CaseSpec>& cases,
                             const std::vector<RunSpec>& runs) {
        domain::TestPlan plan;
        plan.id = NewId("tpl", planned_at);
        plan.workspace_id = ws_;
        plan.product_id = product_.id;
        plan.name = plan_name;
        plan.release_id = release.id;
        plan.created_by = User("bob");
        plan.created_at = planned_at;
        plan.updated_at = planned_at;
        for (std::size_t k = 0; k < cases.size(); ++k) {
            const CaseSpec& spec = cases[k];
            const domain::Item& item = Item(spec.item);
            domain::TestCase c;
            c.created_at = planned_at - 3'600'000 + static_cast<std::int64_t>(k) * 60'000;
            c.id = NewId("tcs", c.created_at);
            c.workspace_id = ws_;
            c.product_id = product_.id;
            c.item_id = item.id;
            c.title = spec.title;
            c.preconditions = spec.preconditions;
            c.steps = spec.steps;
            c.expected_result = spec.expected;
            for (std::size_t n : spec.criteria) {
                c.criteria.push_back(item.criteria.at(n).id);
            }
            c.created_by = User("dave");
            c.updated_at = c.created_at;
            TL_TRY(tx_.InsertTestCase(c));
            TestCaseView view{c,
                              {item.id,
                               domain::ItemKey(product_.key, item.number),
                               item.title,
                               item.type,
                               item.status},
                              std::nullopt};
            TL_TRY(RecordEvent(tx_,
                               ws_,
                               kSystem,
                               now_,
                               {"test_case", c.id, product_.id, "created", {}, ToJson(view)}));
            plan.case_ids.push_back(c.id);
        }
        TL_TRY(tx_.InsertTestPlan(plan));
        TL_TRY(RecordEvent(tx_,
                           ws_,
                           kSystem,
                           now_,
                           {"test_plan",
                            plan.id,
                            product_.id,
                            "created",
                            {},
                            json::object{{"id", plan.id},
                                         {"name", plan.name},
                                         {"sprint_id", nullptr},
                                         {"release_id", plan.release_id},
                                         {"case_ids", [&] {
                                              json::array ids;
                                              for (const auto& id : plan.case_ids) {
                                                  ids.emplace_back(id);
                                              }
                                              return ids;
                                          }()}}}));
        for (const auto& spec : runs) {
            domain::TestRun run;
            run.id = NewId("trn", spec.at);
            run.workspace_id = ws_;
            run.product_id = product_.id;
            run.plan_id = plan.id;
            run.case_id = plan.case_ids.at(spec.test_case);
            run.result = spec.result;
            run.notes = spec.notes;
            run.run_by = User(spec.by);
            run.run_at = spec.at;
            TL_TRY(tx_.InsertTestRun(run));
            TestRunView view{run, names_.Of(run.run_by), std::nullopt};
            TL_TRY(RecordEvent(tx_,
                               ws_,
                               kSystem,
                               now_,
                               {"test_run", run.id, product_.id, "recorded", {}, ToJson(view)}));
        }
        return {};
    }

    // ---- the items ----

    // Writes each item whose sprint, release, points or done time changed, with an event: those
    // that only moved into a sprint or release in one statement per sprint and release, the
    // others whole. Every done item of the backlog must have been given the moment it was done.
    Result<void> WriteItems(const std::map<std::string, std::int64_t>& done_before) {
        for (const auto& [name, at] : done_before) {
            Done(name, at);
        }
        for (const auto& [id, i] : original_) {
            if (i.category == domain::StatusCategory::kDone && working_.count(id) == 0) {
                return Fail(MakeError(
                    ErrorCode::kInternal,
                    "the demo delivery seed does not say when \"" + i.title + "\" was done"));
            }
        }
        std::map<std::string, std::vector<std::string>> to_sprint;   // sprint id → item ids
        std::map<std::string, std::vector<std::string>> to_release;  // release id → item ids
        for (auto& [id, item] : working_) {
            const domain::Item& before = original_.at(id);
            const bool done = item.category == domain::StatusCategory::kDone;
            auto at = done_at_.find(id);
            if (done != (at != done_at_.end())) {
                return Fail(
                    MakeError(ErrorCode::kInternal,
                              "the demo seeds disagree on whether \"" + item.title + "\" is done"));
            }
            if (done) {
                item.done_at = at->second;
                if (item.accepted_at > 0) {
                    item.accepted_at = at->second;
                }
            }
            json::object was;
            json::object is;
            auto field = [&](const char* key, json::value a, json::value b) {
                if (a != b) {
                    was[key] = std::move(a);
                    is[key] = std::move(b);
                }
            };
            field("sprint_id", StringOrNull(before.sprint_id), StringOrNull(item.sprint_id));
            field("release_id", StringOrNull(before.release_id), StringOrNull(item.release_id));
            const std::size_t placement = is.size();
            field("points", PointsOrNull(before.points), PointsOrNull(item.points));
            field("done_at", TimeOrNull(before.done_at), TimeOrNull(item.done_at));
            field("accepted_at", TimeOrNull(before.accepted_at), TimeOrNull(item.accepted_at));
            if (is.empty()) {
                continue;
            }
            if (is.size() == placement) {
                if (item.sprint_id != before.sprint_id) {
                    to_sprint[item.sprint_id].push_back(id);
                }
                if (item.release_id != before.release_id) {
                    to_release[item.release_id].push_back(id);
                }
            } else {
                item.version = before.version + 1;
                item.updated_at = now_;
                TL_TRY(tx_.UpdateItem(item, before.version));
            }
            TL_TRY(
                RecordEvent(tx_,
                            ws_,
                            kSystem,
                            now_,
                            {"item", id, product_.id, "updated", std::move(was), std::move(is)}));
        }
        for (const auto& [sprint, ids] : to_sprint) {
            TL_TRY(tx_.SetItemsSprint(ws_, ids, sprint, now_));
        }
        for (const auto& [release, ids] : to_release) {
            TL_TRY(tx_.SetItemsRelease(ws_, ids, release, now_));
        }
        return {};
    }

private:
    // The seed's events have no actor and carry the seed's time.
    inline static const std::string kSystem;

    Result<void> SprintEvent(const domain::Sprint& s,
                             const std::string& action,
                             json::object before,
                             json::object after) {
        return RecordEvent(
            tx_,
            ws_,
            kSystem,
            now_,
            {"sprint", s.id, s.product_id, action, std::move(before), std::move(after)});
    }

    Result<void> ReleaseEvent(const domain::Release& r,
                              const std::string& action,
                              json::object before,
                              json::object after) {
        return RecordEvent(
            tx_,
            ws_,
            kSystem,
            now_,
            {"release", r.id, r.product_id, action, std::move(before), std::move(after)});
    }

    Result<void> InsertScopeChange(const domain::Sprint& s,
                                   domain::ScopeKind kind,
                                   const domain::Item& item,
                                   std::optional<double> before,
                                   std::optional<double> after,
                                   const std::string& by,
                                   std::int64_t at,
                                   const std::string& reason) {
        return app::InsertScopeChange(
            tx_, ScopeOf::Of(s), kind, item, before, after, User(by), at, reason);
    }

    storage::Tx& tx_;
    std::string ws_;
    const domain::Product& product_;
    std::string team_id_;
    const std::map<std::string, std::string>& users_;
    std::int64_t now_;
    UserNames names_;
    std::map<std::string, std::string> ids_;        // short name → item id
    std::map<std::string, domain::Item> original_;  // by id: as the backlog wrote them
    std::map<std::string, domain::Item> working_;   // by id: the named items, as changed
    std::map<std::string, std::int64_t> done_at_;   // by id: when the item was done
};

std::vector<domain::MemberCapacity> Capacity(const std::map<std::string, std::string>& users,
                                             const std::vector<std::string>& dave_off,
                                             const std::vector<std::string>& carol_off) {
    // Dave develops full time; Carol, the Scrum Master, pairs on test flights a day a week.
    return {{users.at("dave"), 18, dave_off}, {users.at("carol"), 6, carol_off}};
}

}  // namespace

Result<void> SeedDemoDelivery(AppContext& ctx,
                              const std::string& workspace_id,
                              const domain::Product& product,
                              const std::string& team_id,
                              const std::vector<domain::Item>& items,
                              const std::map<std::string, std::string>& users) {
    const std::int64_t now = ctx.clock.NowMs();
    const Day today = domain::DayOfMs(now);
    // Sprint 3 started on the Monday at least three days ago, so it has a past to show (its
    // first three working days) and ends in the future (on the Friday of the next week).
    const Day three_days_ago = today - 3;
    const Day s3 = three_days_ago - (domain::IsoWeekday(three_days_ago) - 1);
    const Day s2 = s3 - 14;
    const Day s1 = s3 - 28;
    const auto date = [](Day d) { return domain::FormatDate(d); };

    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        DeliverySeed seed(tx, workspace_id, product, team_id, users, now);
        TL_TRY(seed.Load(items));

        // Sprint 1: the new pack and the carbon arms. The landing gear leaves on day 4 (its
        // parts are late); the remaining-minutes story is not finished and carries over.
        TL_ASSIGN_OR_RETURN(
            auto sprint1,
            seed.CreateSprint({"Sprint 1",
                               "Fly the new solid-state pack in the lighter airframe",
                               s1,
                               false,
                               Capacity(users, {}, {}),
                               {"pack", "minutes", "silicon", "arms", "gear"}},
                              "carol"));
        TL_TRY(seed.Start(sprint1, At(s1, 9, 30)));
        seed.Done("pack-order", At(s1 - 10, 11));
        seed.Done("silicon", At(WorkDay(s1, 2), 15, 10));
        seed.Done("pack-cad", At(WorkDay(s1, 3), 12));
        TL_TRY(seed.ChangeScope(sprint1,
                                "gear",
                                false,
                                "bob",
                                At(WorkDay(s1, 4), 11, 5),
                                "The carbon-fibre gear parts arrive after the sprint; back to "
                                "the backlog until they are here."));
        seed.Done("pack", At(WorkDay(s1, 6), 16, 40));
        seed.Done("arms", At(WorkDay(s1, 9), 14, 20));

        // Sprint 2: the camera for the pilot customers. A camera-mode switch the pilot
        // customer asked for comes in on day 3; the drift bug leaves on day 6 (its cause is
        // the motor temperature, not the gimbal); the minutes story carries over again.
        TL_ASSIGN_OR_RETURN(
            auto sprint2,
            seed.CreateSprint({"Sprint 2",
                               "4K/60 on a level gimbal and a safe way home for the pilot series",
                               s2,
                               false,
                               Capacity(users, {date(WorkDay(s2, 5))}, {}),
                               {"4k", "horizon", "drift", "home"}},
                              "carol"));
        TL_TRY(seed.Complete(sprint1, At(WorkDay(s1, 10), 16, 30), sprint2));
        TL_TRY(seed.Start(sprint2, At(s2, 9, 30)));
        seed.Done("horizon", At(WorkDay(s2, 3), 11, 45));
        TL_TRY(seed.ChangeScope(sprint2,
                                "switch",
                                true,
                                "bob",
                                At(WorkDay(s2, 3), 14, 10),
                                "Alpine Survey Group's trial: they lose a battery cycle every time "
                                "they change the camera mode."));
        seed.Done("home", At(WorkDay(s2, 4), 15, 30));
        TL_TRY(seed.ChangeScope(sprint2,
                                "drift",
                                false,
                                "bob",
                                At(WorkDay(s2, 6), 10, 20),
                                "The drift follows the motor temperature, not the gimbal; back to "
                                "the backlog until the compensation table is measured."));
        seed.Done("sd-cards", At(WorkDay(s2, 7), 13));
        seed.Done("switch", At(WorkDay(s2, 8), 16, 15));
        seed.Done("4k", At(WorkDay(s2, 9), 15, 50));

        // Sprint 3, active: obstacle stops and Remote ID. Scope changes need the Product
        // Owner's approval (the team's action from the last retrospective): an urgent safety
        // bug joins through an accepted request on day 2, Remote ID is re-estimated the same
        // day, and a request to add interval shooting waits for the Product Owner.
        TL_ASSIGN_OR_RETURN(
            auto sprint3,
            seed.CreateSprint(
                {"Sprint 3",
                 "Stop before obstacles and broadcast Remote ID for the series launch",
                 s3,
                 true,
                 Capacity(users, {}, {date(WorkDay(s3, 5))}),
                 {"stop", "sensor-log", "remote-id", "cold", "tiles", "calibrate"}},
                "carol"));
        TL_TRY(seed.Complete(sprint2, At(WorkDay(s2, 10), 16, 30), sprint3));
        TL_TRY(seed.Start(sprint3, At(s3, 9, 30)));
        seed.Done("tiles", At(WorkDay(s3, 1), 15, 20));
        TL_TRY(seed.RequestAdd(sprint3,
                               "ceiling",
                               "carol",
                               At(WorkDay(s3, 2), 9, 40),
                               "Found on Monday's test flight: with a 50 m altitude limit the "
                               "drone climbed to 60 m on its way home.",
                               At(WorkDay(s3, 2), 10, 15),
                               "Safety first; it goes in now."));
        TL_TRY(seed.Reestimate(sprint3,
                               "remote-id",
                               13,
                               "dave",
                               At(WorkDay(s3, 2), 14, 20),
                               "The test lab wants the Wi-Fi beacon as well, not only "
                               "Bluetooth."));
        seed.Done("cold", At(WorkDay(s3, 3), 11, 5));
        TL_TRY(seed.RequestAdd(sprint3,
                               "interval",
                               "dave",
                               At(WorkDay(s3, 3), 16),
                               "Alpine Survey Group flies its first photogrammetry job next "
                               "week."));

        // Release 0.9 went to the pilot customers on Sprint 3's second day.
        TL_ASSIGN_OR_RETURN(
            auto pilot,
            seed.CreateRelease(
                "0.9",
                "Pilot series",
                date(WorkDay(s2, 10)),
                "Twelve pre-series drones for Alpine Survey Group and Nordwind "
                "Energy: the solid-state pack, carbon arms, 4K/60 on a level "
                "gimbal and the 2 km live view.",
                domain::ReleaseStatus::kPlanned,
                At(s1 - 7, 10),
                {"pack", "arms", "4k", "horizon", "switch", "home", "live-view", "tiles"}));
        // Its acceptance tests, every criterion covered and passing before it shipped.
        const std::vector<CaseSpec> pilot_cases = {
            {"pack",
             "Pack locks, reports its charge and stays below 60 °C",
             {0, 1, 2},
             "A charged pack; a 500 g payload.",
             "1. Insert the pack.\n2. Hover with the payload until 20 %.\n3. Pull the pack in "
             "flight mode and try to arm.",
             "One click, the charge shown within 2 seconds, at most 60 °C, and no arming "
             "without the pack."},
            {"arms",
             "Carbon arms are lighter and as stiff",
             {0, 1},
             "An airframe with aluminium arms as the reference.",
             "1. Weigh both airframes.\n2. Measure the arm deflection in a 5 m/s gust in the "
             "wind tunnel.",
             "At least 180 g lighter; no more deflection than the reference."},
            {"4k",
             "30 minutes of 4K/60 without a dropped frame",
             {0, 1},
             "A V60 SD card with 10 minutes of space left after 20 minutes.",
             "Record 4K/60 until the card is full.",
             "No frame dropped; the file plays to its end."},
            {"horizon",
             "Level horizon in banked turns and gusts",
             {0, 1},
             "The gimbal calibrated; wind at 5 m/s.",
             "Fly turns at a 30° bank, then hover across the wind.",
             "The horizon tilts by at most 0.5° and settles within 0.3 seconds."},
            {"switch",
             "Camera mode switch in flight",
             {0},
             "The drone hovering at 20 m.",
             "Tap the mode switch five times.",
             "The camera changes mode within 1 second each time."},
            {"home",
             "Return home on the battery reserve",
             {0, 1},
             "The drone 2 km from home.",
             "1. Hover until the reserve for the way back is reached.\n2. Cancel the return "
             "once.",
             "The return starts with the reserve plus 10 %; one cancel is allowed."},
            {"live-view",
             "Live view latency at 2 km",
             {0, 1},
             "Open field, the drone 2 km away.",
             "1. Film a stopwatch next to the pilot.\n2. Fly behind a tree line.",
             "At most 200 ms behind; the resolution drops before the image freezes."},
            {"tiles",
             "Offline map tiles",
             {0},
             "The survey area viewed online the day before; the phone in flight mode.",
             "Open the map of the area.",
             "The map tiles are shown."},
        };
        std::vector<RunSpec> pilot_runs;
        for (std::size_t k = 0; k + 1 < pilot_cases.size(); ++k) {
            pilot_runs.push_back(
                {k,
                 domain::TestResult::kPass,
                 k % 3 == 2 ? "bob" : "dave",
                 At(WorkDay(s2, 9 + static_cast<int>(k) / 4), 10 + static_cast<int>(k % 4)),
                 ""});
        }
        pilot_runs.push_back({pilot_cases.size() - 1,
                              domain::TestResult::kPass,
                              "dave",
                              At(WorkDay(s3, 2), 9, 30),
                              "Tiles from the day before shown in flight mode."});
        TL_TRY(seed.TestRelease(
            pilot, "0.9 acceptance tests", At(WorkDay(s2, 8), 9), pilot_cases, pilot_runs));
        TL_TRY(seed.Ship(pilot, At(WorkDay(s3, 2), 16)));

        // Release 2.0, the series for sale, about a month ahead: most of it still in work.
        TL_ASSIGN_OR_RETURN(
            auto launch,
            seed.CreateRelease("2.0",
                               "Series launch",
                               date(WorkDay(s3, 10) + 21),
                               "The X2 series for sale in the EU: longer flights, obstacle "
                               "stops, Remote ID and signed firmware.",
                               domain::ReleaseStatus::kInProgress,
                               At(s2 - 3, 11),
                               {"minutes",
                                "cold",
                                "endurance",
                                "geotag",
                                "stop",
                                "overlay",
                                "remote-id",
                                "no-fly",
                                "ceiling",
                                "signed"}));

        // Its test plan: every case of its stories and bugs, run during Sprint 3. The cold
        // bug's case failed before the fix and passes since; one case of the minutes story
        // fails, so the release is not ready.
        const std::vector<CaseSpec> cases = {
            {"cold",
             "Cold soak: the percentage declines steadily at -10 °C",
             {0},
             "A full pack, cooled to -10 °C in the climate chamber for 2 hours.",
             "1. Hover in the chamber at -10 °C.\n2. Log the reported percentage every second "
             "until 20 %.",
             "No step of more than 2 percentage points."},
            {"minutes",
             "Remaining flight time in whole minutes, red below 5",
             {0, 2},
             "A pack at 100 %, the app connected.",
             "1. Take off and hover.\n2. Watch the remaining time until it falls below 5 "
             "minutes.",
             "Whole minutes throughout; the figure turns red below 5 minutes."},
            {"minutes",
             "The estimate follows a change in current draw within 10 seconds",
             {1},
             "A 500 g payload; the app connected.",
             "1. Hover for 2 minutes.\n2. Climb at full throttle for 30 seconds.\n3. Note when "
             "the estimate changes.",
             "The estimate changes within 10 seconds of the climb's start."},
            {"stop",
             "Stop at least 5 m before a wall at 10 m/s",
             {0},
             "The obstacle course, avoidance on.",
             "Fly at the wall at 10 m/s without braking.",
             "The drone stops on its own at least 5 m before the wall."},
            {"stop",
             "Detect a 2 cm power line at 15 m",
             {1},
             "The power-line rig of the obstacle course.",
             "Approach the line at 5 m/s.",
             "The app reports the line at 15 m or more."},
            {"remote-id",
             "Broadcast identity and position every second",
             {0},
             "A Remote ID receiver app on a phone 50 m away.",
             "Arm the drone and fly for 5 minutes.",
             "Serial number and position arrive every second over Bluetooth and Wi-Fi."},
            {"remote-id",
             "No take-off without a working broadcast",
             {1},
             "The Remote ID module disconnected.",
             "Try to take off.",
             "Take-off is refused with a message naming Remote ID."},
            {"signed",
             "Signed firmware installs; a changed byte is refused",
             {0, 1},
             "A signed package and a copy with one byte changed.",
             "1. Install the changed copy.\n2. Install the signed package.",
             "The changed copy is refused and the old firmware keeps running; the signed one "
             "installs."},
            {"geotag",
             "Photo positions within 3 cm with RTK, marked without",
             {0, 1},
             "The RTK base station on the survey marker.",
             "1. Photograph the marker with an RTK fix.\n2. Switch the base station off and "
             "photograph it again.",
             "The first photo's position is within 3 cm of the marker; the second is tagged "
             "with the GPS position and marked as such."},
            {"ceiling",
             "Return height capped at the altitude limit",
             {0},
             "Altitude limit 50 m, return height 60 m.",
             "Fly 500 m away and start the return home.",
             "The drone climbs to 50 m at most."},
        };
        const std::vector<RunSpec> runs = {
            {0,
             domain::TestResult::kFail,
             "dave",
             At(WorkDay(s3, 1), 11),
             "Dropped from 17 % to 9 % after 14 minutes in the chamber."},
            {8, domain::TestResult::kPass, "dave", At(WorkDay(s3, 1), 14, 30), ""},
            {5, domain::TestResult::kPass, "bob", At(WorkDay(s3, 2), 10), ""},
            {6, domain::TestResult::kPass, "bob", At(WorkDay(s3, 2), 10, 20), ""},
            {1, domain::TestResult::kPass, "dave", At(WorkDay(s3, 2), 11), ""},
            {3, domain::TestResult::kPass, "dave", At(WorkDay(s3, 2), 15), "Stopped at 6.2 m."},
            {0,
             domain::TestResult::kPass,
             "dave",
             At(WorkDay(s3, 3), 10, 30),
             "Steady decline; the largest step was 1 point."},
            {2,
             domain::TestResult::kFail,
             "dave",
             At(WorkDay(s3, 3), 14),
             "After a full-throttle climb the estimate took 25 seconds to change: the current "
             "draw is still averaged over 30 seconds."},
            {4,
             domain::TestResult::kPass,
             "dave",
             At(WorkDay(s3, 3), 15),
             "Detected at 17 m in daylight."},
            {7, domain::TestResult::kPass, "bob", At(WorkDay(s3, 3), 15, 40), ""},
        };
        TL_TRY(seed.TestRelease(launch, "2.0 release tests", At(s3, 10), cases, runs));

        // The backlog's other done items were done before Sprint 1.
        return seed.WriteItems({{"sensors", At(s1 - 6, 15)},
                                {"stereo", At(s1 - 4, 11, 30)},
                                {"live-view", At(s1 - 3, 16)}});
    });
}

}  // namespace tl::app
