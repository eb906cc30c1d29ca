#include "app/demo_stakeholders.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/decisions/decisions.hpp"
#include "app/stakeholders/stakeholders.hpp"
#include "domain/sprint.hpp"

namespace tl::app {
namespace {

using domain::Channel;
using domain::StakeholderKind;

struct StakeholderSpec {
    const char* name;
    StakeholderKind kind;
    const char* organisation;
    const char* title;
    const char* email;
    int influence;
    int interest;
    Channel channel;
    const char* notes;
    const char* user;  // demo handle, or ""
};

struct CommunicationSpec {
    std::size_t stakeholder;  // index into the stakeholders
    int days_ago;
    Channel channel;
    const char* summary;
    const char* by;
};

const StakeholderSpec kStakeholders[] = {
    {"Priya Raman",
     StakeholderKind::kInternal,
     "SkyLift R&D",
     "Battery technology lead",
     "priya.raman@skylift.example",
     4,
     5,
     Channel::kMeeting,
     "Owns the battery roadmap: silicon-anode cells for the X2, solid-state for the AI line.",
     ""},
    {"Erin Walsh",
     StakeholderKind::kInternal,
     "SkyLift Marketing",
     "Marketing lead",
     "erin@skylift.example",
     3,
     4,
     Channel::kChat,
     "Plans the series launch; needs the flight-time figure for the campaign.",
     "erin"},
    {"Marco Ruiz",
     StakeholderKind::kInternal,
     "SkyLift Sales",
     "Head of sales",
     "marco.ruiz@skylift.example",
     2,
     4,
     Channel::kPhone,
     "Hears the inspection customers first; wants a date for the series release.",
     ""},
    {"Lena Holm",
     StakeholderKind::kExternal,
     "Nordic Grid Inspection",
     "Head of drone operations",
     "lena.holm@nordicgrid.example",
     3,
     5,
     Channel::kMeeting,
     "Our largest pilot customer: flies power-line inspections of 40 minutes and more.",
     ""},
    {"Hiro Tanaka",
     StakeholderKind::kExternal,
     "Kaito Motors",
     "Account manager",
     "hiro.tanaka@kaito-motors.example",
     2,
     2,
     Channel::kEmail,
     "Supplies the imported brushless motor part; a cheaper second source is being looked for.",
     ""},
    {"SkyLift board",
     StakeholderKind::kInternal,
     "SkyLift Drones",
     "Board of directors",
     "board@skylift.example",
     5,
     2,
     Channel::kReport,
     "Quarterly report; the chair (Frank Adeyemi) asks for the series margin and the AI line's "
     "business case.",
     "frank"},
};

const CommunicationSpec kCommunications[] = {
    {0,
     26,
     Channel::kMeeting,
     "Battery roadmap review: 45 minutes is reachable with the "
     "silicon-anode pack if the airframe loses 80 g.",
     "alice"},
    {3,
     24,
     Channel::kMeeting,
     "Pilot feedback: flight time matters more than image quality "
     "for line inspection; the current camera is good enough.",
     "alice"},
    {4,
     19,
     Channel::kEmail,
     "Asked for the motor part's price at 5,000 units and the lead "
     "time for the series.",
     "alice"},
    {5,
     14,
     Channel::kReport,
     "Quarterly report: pilot series shipped, series launch planned, "
     "flight time chosen over the camera upgrade.",
     "alice"},
    {1, 9, Channel::kChat, "Launch plan draft: campaign around '45 minutes in the air'.", "alice"},
    {2, 6, Channel::kPhone, "Two inspection prospects wait for the series date.", "alice"},
    {0, 3, Channel::kMeeting, "Pack prototype passed the cold test at -10 °C.", "alice"},
};

const domain::Item* FindItem(const std::vector<domain::Item>& items, std::string_view title) {
    for (const auto& i : items) {
        if (i.title == title) {
            return &i;
        }
    }
    return nullptr;
}

}  // namespace

Result<void> SeedDemoStakeholders(AppContext& ctx,
                                  const std::string& workspace_id,
                                  const domain::Product& product,
                                  const std::vector<domain::Item>& items,
                                  const std::map<std::string, std::string>& users) {
    const std::int64_t now = ctx.clock.NowMs();
    const domain::Day today = domain::DayOfMs(now);
    const auto user = [&](const char* handle) -> std::string {
        auto it = users.find(handle);
        return it == users.end() ? std::string() : it->second;
    };
    // A time on a past day: 10:00 UTC `days_ago` days before the seed, plus `minutes`.
    const auto at = [&](int days_ago, int minutes) {
        return (today - days_ago) * domain::kMsPerDay + 10 * 3'600'000 + minutes * 60'000;
    };
    const auto event = [&](storage::Tx& tx,
                           const std::string& type,
                           const std::string& id,
                           boost::json::object after) {
        return RecordEvent(
            tx, workspace_id, "", now, {type, id, product.id, "created", {}, std::move(after)});
    };

    const domain::Item* flight = FindItem(items, "45-minute flight time");
    const domain::Item* camera = FindItem(items, "Camera & imaging");
    const domain::Item* propulsion = FindItem(items, "Efficient propulsion");
    if (flight == nullptr || camera == nullptr || propulsion == nullptr) {
        return Fail(MakeError(ErrorCode::kInternal,
                              "the demo backlog lacks the epics the decision log links"));
    }

    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto releases, tx.ListReleases(workspace_id, product.id));
        std::string pilot;
        std::string series;
        for (const auto& r : releases) {
            if (r.version == "0.9") {
                pilot = r.id;
            } else if (r.version == "2.0") {
                series = r.id;
            }
        }
        if (pilot.empty() || series.empty()) {
            return Fail(MakeError(ErrorCode::kInternal,
                                  "the demo delivery seed has no releases 0.9 and 2.0"));
        }

        std::vector<domain::Stakeholder> stakeholders;
        int minute = 0;
        for (const auto& spec : kStakeholders) {
            domain::Stakeholder s;
            s.id = NewId("stk", now);
            s.workspace_id = workspace_id;
            s.product_id = product.id;
            s.name = spec.name;
            s.kind = spec.kind;
            s.organisation = spec.organisation;
            s.title = spec.title;
            s.email = spec.email;
            s.influence = spec.influence;
            s.interest = spec.interest;
            s.channel = spec.channel;
            s.notes = spec.notes;
            s.user_id = user(spec.user);
            s.created_by = user("alice");
            s.created_at = s.updated_at = at(30, minute++);
            TL_TRY(tx.InsertStakeholder(s));
            StakeholderView view;
            view.stakeholder = s;
            TL_TRY(event(tx, "stakeholder", s.id, ToJson(view, false)));
            stakeholders.push_back(std::move(s));
        }
        for (const auto& spec : kCommunications) {
            const auto& s = stakeholders.at(spec.stakeholder);
            domain::Communication c;
            c.id = NewId("com", now);
            c.workspace_id = workspace_id;
            c.product_id = product.id;
            c.stakeholder_id = s.id;
            c.date = domain::FormatDate(today - spec.days_ago);
            c.channel = spec.channel;
            c.summary = spec.summary;
            c.created_by = user(spec.by);
            c.created_at = at(spec.days_ago, 60);
            TL_TRY(tx.InsertCommunication(c));
            TL_TRY(RecordEvent(
                tx,
                workspace_id,
                "",
                now,
                {"stakeholder",
                 s.id,
                 product.id,
                 "updated",
                 {},
                 boost::json::object{{"communication", ToJson(CommunicationView{c, ""})}}}));
        }

        // The goal and initiative the series decision serves (demo_strategy.cpp).
        TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals(workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(workspace_id, product.id));
        const auto flight_goal = std::find_if(goals.begin(), goals.end(), [](const auto& g) {
            return g.objective == "45-minute flight time";
        });
        const auto battery =
            std::find_if(initiatives.begin(), initiatives.end(), [](const auto& i) {
                return i.name == "45-minute battery with R&D";
            });
        if (flight_goal == goals.end() || battery == initiatives.end()) {
            return Fail(MakeError(ErrorCode::kInternal,
                                  "the demo strategy lacks the goal the decision log links"));
        }

        using domain::DecisionStatus;
        using domain::LinkTarget;
        domain::Decision series_choice;
        series_choice.title = "Next series: longer flight time before camera upgrade";
        series_choice.context =
            "The X2 series has room for one major upgrade in its first release. Pilot customers "
            "fly power-line and pipeline inspections of 40 minutes and more and swap batteries "
            "mid-route; marketing and sales hear requests for sharper night images too.";
        series_choice.options = {
            {"Longer flight time (45 minutes)",
             "Fewer battery swaps on inspection routes; what the pilot customers asked for "
             "first; the silicon-anode pack is nearly ready.",
             "Needs a lighter airframe and more efficient propulsion; the camera stays at "
             "4K/60."},
            {"Camera upgrade (1-inch sensor, night imaging)",
             "Sharper inspection images and night work; a strong marketing story.",
             "A costlier sensor and a heavier gimbal cut the flight time by 4 minutes; the "
             "sensor supplier cannot deliver before next year."},
        };
        series_choice.decision =
            "The series launches with the 45-minute flight time; the camera upgrade follows in "
            "the next series.";
        series_choice.rationale =
            "Flight time decides how many poles a crew inspects per day; image quality of the "
            "current camera is good enough for the inspections our customers fly. R&D confirmed "
            "the pack; the camera sensor would not arrive in time.";
        series_choice.owner_id = user("bob");
        series_choice.date = domain::FormatDate(today - 22);
        series_choice.status = DecisionStatus::kDecided;
        series_choice.links = {{LinkTarget::kItem, flight->id},
                               {LinkTarget::kItem, camera->id},
                               {LinkTarget::kRelease, series},
                               {LinkTarget::kGoal, flight_goal->id},
                               {LinkTarget::kInitiative, battery->id}};
        series_choice.created_by = user("bob");
        series_choice.created_at = at(27, 0);
        series_choice.updated_at = at(22, 0);

        domain::Decision motor;
        motor.title = "Source the motor part from a second, cheaper supplier";
        motor.context =
            "The imported brushless motor part is the most expensive single part of the X2 "
            "and has one source, with a 14-week lead time.";
        motor.options = {
            {"Stay with Kaito Motors",
             "Known quality; no requalification.",
             "Price and "
             "lead time."},
            {"Qualify a second supplier",
             "About 18% cheaper at series volume; a second source for the launch.",
             "Qualification flights and an efficiency check take a sprint."},
        };
        motor.owner_id = user("alice");
        motor.status = DecisionStatus::kProposed;
        motor.links = {{LinkTarget::kItem, propulsion->id},
                       {LinkTarget::kRelease, series},
                       {LinkTarget::kInitiative, battery->id}};
        motor.created_by = user("alice");
        motor.created_at = motor.updated_at = at(18, 0);

        domain::Decision pilot_camera;
        pilot_camera.title = "Pilot series ships with 4K/30 video";
        pilot_camera.context = "The 4K/60 firmware was not stable in time for the pilot series.";
        pilot_camera.options = {{"4K/30 for the pilot", "Stable now.", "Below the spec sheet."},
                                {"Delay the pilot", "Full spec.", "Pilot customers wait."}};
        pilot_camera.decision = "Ship the pilot series with 4K/30; 4K/60 comes with the series.";
        pilot_camera.rationale =
            "Superseded once 4K/60 ran 30 minutes without a dropped frame in Sprint 2.";
        pilot_camera.owner_id = user("bob");
        pilot_camera.date = domain::FormatDate(today - 40);
        pilot_camera.status = DecisionStatus::kSuperseded;
        pilot_camera.links = {{LinkTarget::kRelease, pilot}, {LinkTarget::kItem, camera->id}};
        pilot_camera.created_by = user("bob");
        pilot_camera.created_at = at(42, 0);
        pilot_camera.updated_at = at(12, 0);

        for (domain::Decision* d : {&pilot_camera, &series_choice, &motor}) {
            d->id = NewId("dec", now);
            d->workspace_id = workspace_id;
            d->product_id = product.id;
            TL_TRY(tx.InsertDecision(*d));
            DecisionView view;
            view.decision = *d;
            TL_TRY(event(tx, "decision", d->id, ToJson(view)));
        }
        return {};
    });
}

}  // namespace tl::app
