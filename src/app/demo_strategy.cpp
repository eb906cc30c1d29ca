#include "app/demo_strategy.hpp"

#include <vector>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/sprint.hpp"
#include "domain/strategy.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;
using domain::Day;

struct CheckInSpec {
    int days_ago;
    double value;
    std::string note;
};

struct KeyResultSpec {
    std::string title;
    std::string metric;
    std::string unit;
    double baseline;
    double target;
    std::vector<CheckInSpec> check_ins;
};

// The first day of the month holding `day`.
Day MonthStart(Day day) {
    const std::string text = domain::FormatDate(day);
    return *domain::ParseDate(text.substr(0, 8) + "01");
}

class StrategySeed {
public:
    StrategySeed(storage::Tx& tx,
                 const std::string& workspace_id,
                 const domain::Product& product,
                 const std::map<std::string, std::string>& users,
                 std::int64_t now)
        : tx_(tx), ws_(workspace_id), product_(product), users_(users), now_(now) {}

    Result<void> Vision() {
        domain::Vision v;
        v.workspace_id = ws_;
        v.product_id = product_.id;
        v.version = 1;
        v.statement =
            "Every inspection of a bridge, a wind turbine or a power line is flown by a drone "
            "that sees, decides and comes home on its own: the SkyLift X2.";
        v.target_customers =
            "Infrastructure inspection companies and the survey teams of utilities and "
            "construction firms, in Europe first.";
        v.customer_needs =
            "- Long flights: a whole inspection on one battery\n"
            "- Safe flights close to structures, with no crash and no lost drone\n"
            "- Data that goes straight into their reports";
        v.value_proposition =
            "The longest-flying inspection drone in its class, with AI obstacle avoidance and a "
            "survey workflow that ends in the customer's software.";
        v.business_goals =
            "Lead AI-powered inspection drones in Europe within three years; 60 inspection "
            "customers; break even on the X2 line in its second year.";
        v.updated_by = users_.at("alice");
        v.updated_at = now_ - 40 * domain::kMsPerDay;
        TL_TRY(tx_.InsertVisionVersion(v));
        return Event("vision",
                     product_.id,
                     "created",
                     json::object{{"statement", v.statement}, {"version", v.version}});
    }

    Result<domain::Goal> Goal(std::string objective,
                              std::string description,
                              domain::Horizon horizon,
                              Day start,
                              std::string end,
                              const std::vector<KeyResultSpec>& krs) {
        domain::Goal g;
        g.created_at = Stamp();
        g.id = NewId("gol", g.created_at);
        g.workspace_id = ws_;
        g.product_id = product_.id;
        g.objective = std::move(objective);
        g.description = std::move(description);
        g.horizon = horizon;
        g.start_date = domain::FormatDate(start);
        g.end_date = end.empty() ? *domain::DefaultEndDate(horizon, g.start_date) : end;
        g.owner_id = users_.at("alice");
        g.created_by = users_.at("alice");
        g.updated_at = g.created_at;
        TL_TRY(tx_.InsertGoal(g));
        TL_TRY(Event("goal", g.id, "created", json::object{{"objective", g.objective}}));
        for (const auto& spec : krs) {
            domain::KeyResult kr;
            kr.created_at = Stamp();
            kr.id = NewId("kr", kr.created_at);
            kr.workspace_id = ws_;
            kr.product_id = product_.id;
            kr.goal_id = g.id;
            kr.title = spec.title;
            kr.metric = spec.metric;
            kr.unit = spec.unit;
            kr.baseline = spec.baseline;
            kr.target = spec.target;
            kr.updated_at = kr.created_at;
            TL_TRY(tx_.InsertKeyResult(kr));
            TL_TRY(Event("key_result", kr.id, "created", json::object{{"title", kr.title}}));
            for (const auto& c : spec.check_ins) {
                domain::CheckIn check;
                const Day day = domain::DayOfMs(now_) - c.days_ago;
                check.created_at = day * domain::kMsPerDay + 16 * 3'600'000LL;
                check.id = NewId("chk", check.created_at);
                check.workspace_id = ws_;
                check.product_id = product_.id;
                check.goal_id = g.id;
                check.key_result_id = kr.id;
                check.value = c.value;
                check.date = domain::FormatDate(day);
                check.note = c.note;
                check.created_by = users_.at("alice");
                TL_TRY(tx_.InsertCheckIn(check));
                TL_TRY(Event("key_result",
                             kr.id,
                             "checked_in",
                             json::object{{"value", check.value}, {"date", check.date}}));
            }
        }
        return g;
    }

    Result<domain::Initiative> Initiative(std::string name,
                                          std::string description,
                                          std::vector<std::string> goal_ids,
                                          domain::InitiativeStatus status,
                                          std::string expected_outcome) {
        domain::Initiative i;
        i.created_at = Stamp();
        i.id = NewId("ini", i.created_at);
        i.workspace_id = ws_;
        i.product_id = product_.id;
        i.name = std::move(name);
        i.description = std::move(description);
        i.goal_ids = std::move(goal_ids);
        i.owner_id = users_.at("alice");
        i.expected_outcome = std::move(expected_outcome);
        i.status = status;
        i.created_by = users_.at("alice");
        i.updated_at = i.created_at;
        TL_TRY(tx_.InsertInitiative(i));
        TL_TRY(Event("initiative", i.id, "created", json::object{{"name", i.name}}));
        return i;
    }

    // Names the goal or initiative on the item of this title.
    Result<void> Align(const std::string& title,
                       const std::string& goal_id,
                       const std::string& initiative_id) {
        if (items_.empty()) {
            TL_ASSIGN_OR_RETURN(auto order, tx_.ListRankOrder(ws_, product_.id));
            std::vector<std::string> ids;
            for (const auto& r : order) {
                ids.push_back(r.id);
            }
            TL_ASSIGN_OR_RETURN(items_, tx_.GetItems(ws_, ids));
        }
        for (auto& item : items_) {
            if (item.title != title) {
                continue;
            }
            const std::int64_t version = item.version;
            item.goal_id = goal_id;
            item.initiative_id = initiative_id;
            item.version = version + 1;
            item.updated_at = now_;
            TL_TRY(tx_.UpdateItem(item, version));
            return Event("item",
                         item.id,
                         "updated",
                         json::object{{"goal_id", StringOrNull(goal_id)},
                                      {"initiative_id", StringOrNull(initiative_id)}});
        }
        return Fail(MakeError(ErrorCode::kInternal, "the demo backlog has no item " + title));
    }

private:
    // Creation times a millisecond apart, in the order of writing, before the seed's time.
    std::int64_t Stamp() { return now_ - 30 * domain::kMsPerDay + (++counter_); }

    Result<void> Event(const std::string& entity_type,
                       const std::string& entity_id,
                       const std::string& action,
                       json::object after) {
        return RecordEvent(tx_,
                           ws_,
                           "",
                           now_,
                           {entity_type, entity_id, product_.id, action, {}, std::move(after)});
    }

    storage::Tx& tx_;
    std::string ws_;
    const domain::Product& product_;
    const std::map<std::string, std::string>& users_;
    std::int64_t now_;
    std::int64_t counter_ = 0;
    std::vector<domain::Item> items_;
};

}  // namespace

Result<void> SeedDemoStrategy(AppContext& ctx,
                              const std::string& workspace_id,
                              const domain::Product& product,
                              const std::map<std::string, std::string>& users) {
    const std::int64_t now = ctx.clock.NowMs();
    const Day today = domain::DayOfMs(now);
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        StrategySeed seed(tx, workspace_id, product, users, now);
        TL_TRY(seed.Vision());

        // Three years from the month eleven months ago: behind its schedule (at risk).
        const Day lead_start = MonthStart(today - 330);
        TL_ASSIGN_OR_RETURN(
            auto lead,
            seed.Goal("Become the leader in AI-powered inspection drones",
                      "The drone inspection companies choose first, because it flies longest and "
                      "never hits the structure it inspects.",
                      domain::Horizon::kMultiYear,
                      lead_start,
                      domain::PeriodEnd(domain::FormatDate(lead_start), 36),
                      {{"Inspection customers flying the X2",
                        "Paying inspection customers",
                        "customers",
                        12,
                        60,
                        {{200, 14, "Two utilities signed after the trade fair."},
                         {20, 16, "Alpine Survey Group converted from the trial."}}},
                       {"Inspection flights with AI assistance",
                        "Share of inspection flights with obstacle avoidance on",
                        "%",
                        10,
                        80,
                        {{30, 20, "Beta firmware with forward sensing."}}}}));
        // A year from the month five months ago: on track.
        TL_ASSIGN_OR_RETURN(
            auto flight,
            seed.Goal("45-minute flight time",
                      "A whole bridge inspection on one battery.",
                      domain::Horizon::kYear,
                      MonthStart(today - 150),
                      "",
                      {{"Hover flight time",
                        "Hover flight time at 20 °C with the standard camera",
                        "min",
                        38,
                        45,
                        {{120, 39, "Lighter arms."},
                         {60, 40.5, "First solid-state pack."},
                         {10, 41.5, "Pack and airframe together."}}},
                       {"Take-off weight",
                        "Take-off weight with battery and camera",
                        "g",
                        720,
                        650,
                        {{90, 700, "Carbon-fibre arms."}, {25, 690, "New landing gear."}}}}));
        // Half a year from the month a hundred days ago: well behind (off track).
        TL_ASSIGN_OR_RETURN(
            auto c2,
            seed.Goal("Certified for EU C2 operations",
                      "The C2 class label, so customers fly in the open category near people.",
                      domain::Horizon::kHalf,
                      MonthStart(today - 100),
                      "",
                      {{"Certification steps complete",
                        "Steps of the C2 conformity assessment passed",
                        "steps",
                        0,
                        5,
                        {{40, 1, "Remote ID broadcast accepted."}}}}));

        TL_ASSIGN_OR_RETURN(
            auto avoidance,
            seed.Initiative("AI obstacle avoidance",
                            "Forward and downward sensing with an on-board model that decides "
                            "before the pilot does.",
                            {lead.id},
                            domain::InitiativeStatus::kInProgress,
                            "No collision in 1,000 inspection flights; avoidance on by default."));
        TL_ASSIGN_OR_RETURN(
            auto battery,
            seed.Initiative("45-minute battery with R&D",
                            "A solid-state pack with the battery R&D group, in a lighter "
                            "airframe.",
                            {flight.id},
                            domain::InitiativeStatus::kInProgress,
                            "45 minutes of hover with the standard camera."));
        TL_ASSIGN_OR_RETURN(
            auto certification,
            seed.Initiative("EU C2 class label",
                            "Remote ID, geo-awareness and the conformity assessment.",
                            {c2.id},
                            domain::InitiativeStatus::kPlanned,
                            "The C2 label on every X2 sold in the EU."));
        TL_TRY(seed.Initiative("Enterprise fleet management",
                               "Fleet updates, pilot roles and reports for customers with many "
                               "drones.",
                               {lead.id},
                               domain::InitiativeStatus::kProposed,
                               "Three enterprise customers with ten or more drones each."));

        TL_TRY(seed.Align("Obstacle avoidance", "", avoidance.id));
        TL_TRY(seed.Align("45-minute flight time", "", battery.id));
        TL_TRY(seed.Align("EU C2 class label", "", certification.id));
        TL_TRY(seed.Align("Survey photo workflow", lead.id, ""));
        TL_TRY(seed.Align("4K/60 gimbal camera", lead.id, ""));
        TL_TRY(seed.Align("Geofencing", "", certification.id));
        return {};
    });
}

}  // namespace tl::app
