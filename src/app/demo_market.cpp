#include "app/demo_market.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/market/market.hpp"
#include "domain/sprint.hpp"

namespace tl::app {
namespace {

using domain::ComparisonValue;
using domain::MarketNoteKind;
using domain::MarketRating;

struct PersonaSpec {
    const char* name;
    const char* segment;
    const char* role;
    const char* description;
    std::vector<std::string> goals;
    std::vector<std::string> pains;
    const char* quote;
    std::vector<std::string_view> items;     // titles of X2 items
    std::vector<std::string_view> feedback;  // the start of a demo feedback's text
};

const std::vector<PersonaSpec>& Personas() {
    static const std::vector<PersonaSpec> kPersonas = {
        {"Ines, grid inspection lead",
         "Energy utilities",
         "Head of overhead-line inspection",
         "Runs the inspection of 4,000 km of high-voltage lines with six drone crews. Buys the "
         "drones, answers to the regulator for the inspection records, and measures her crews "
         "in kilometres of line per day.",
         {"Inspect a whole line section in one flight",
          "Records the regulator and the insurer accept without rework",
          "One fleet, updated and logged in one place"},
         {"Three landings per span for battery swaps",
          "Insurers start to ask for the EU C2 class label",
          "Drones updated one by one before every season"},
         "Give me 45 minutes in the air and my crews finish a section before lunch.",
         {"High-density battery pack", "Flight logs", "Fleet updates", "EU C2 class label"},
         {"At INTERGEO: a 30-minute flight covers too little line",
          "Updating 30 drones one by one"}},
        {"Martin, field pilot",
         "Inspection services",
         "Senior drone pilot at an inspection service provider",
         "Flies wind turbines, dams and bridges for several clients, often in wind and cold, "
         "close to the structure. Plans on the tablet, flies manually near the object.",
         {"Fly close to blades and towers without a collision",
          "Keep the flight time in winter",
          "Read insulator numbers from 30 m"},
         {"Batteries lose a third of their flight time below 0 °C",
          "No obstacle sensing near the tower",
          "The camera is not sharp enough at distance"},
         "Near the tower I fly with my heart in my mouth; the drone should see the blade "
         "before I do.",
         {"Forward and downward sensing", "Obstacle avoidance in the app", "4K/60 gimbal camera"},
         {"Batteries lose a third of their flight time",
          "Happy with the X1's stability",
          "At INTERGEO: their pilots need to read insulator numbers"}},
        {"Sofia, search and rescue coordinator",
         "Public safety",
         "Operations coordinator of a mountain rescue service",
         "Sends a drone ahead of the team at night and in bad weather. Needs the drone in the "
         "air within two minutes and a picture the team can act on.",
         {"Find a person at night from 100 m", "In the air within two minutes"},
         {"Visible-light cameras are blind at night", "Long set-up before the first flight"},
         "At night the drone is our only eye on the slope.",
         {"Low-light and night imaging", "Live flight view"},
         {"Several visitors at the booth asked about night flights"}},
    };
    return kPersonas;
}

struct CompetitorSpec {
    const char* name;
    const char* website;
    const char* positioning;
    const char* pricing;
    std::vector<std::string> strengths;
    std::vector<std::string> weaknesses;
    std::vector<domain::WebLink> links;
    MarketRating threat;
    const char* notes;
};

const std::vector<CompetitorSpec>& Competitors() {
    static const std::vector<CompetitorSpec> kCompetitors = {
        {"DJI Matrice 350 RTK",
         "https://enterprise.dji.com/matrice-350-rtk",
         "The default enterprise platform: long flight time, interchangeable payloads, a large "
         "ecosystem of software and service partners.",
         "About 11,000 EUR for the airframe; payloads and the care plan on top.",
         {"Flight time up to 55 minutes without payload",
          "Payload choice (zoom, thermal, lidar)",
          "Dealer and service network everywhere"},
         {"Public utilities and agencies restrict drones from its maker",
          "Cloud services are a concern in tenders with data sovereignty clauses",
          "Heavy: 6.5 kg with batteries"},
         {{"Product page", "https://enterprise.dji.com/matrice-350-rtk"},
          {"Specifications", "https://enterprise.dji.com/matrice-350-rtk/specs"}},
         MarketRating::kHigh,
         "Wins on price per flight minute. Loses where tenders ask for data kept in the EU."},
        {"Skydio X10",
         "https://www.skydio.com/x10",
         "Autonomy first: AI flight that avoids obstacles in every direction, for inspection "
         "close to structures and for public safety at night.",
         "Sold as a package with software subscriptions; quoted on request.",
         {"Obstacle avoidance in every direction, also at night",
          "Autonomous inspection close to structures",
          "Accepted in public-sector tenders"},
         {"Flight time around 40 minutes",
          "Subscription pricing adds up over a fleet",
          "Small presence and service in Europe"},
         {{"Product page", "https://www.skydio.com/x10"}},
         MarketRating::kHigh,
         "The benchmark for our obstacle avoidance initiative."},
        {"Parrot ANAFI USA",
         "https://www.parrot.com/us/drones/anafi-usa",
         "A light, foldable drone with a zoom and thermal camera, made in Europe and the US, "
         "for public safety and defence.",
         "About 7,000 EUR in the government edition.",
         {"Light and quick to deploy (about 500 g)",
          "32x zoom with a thermal camera",
          "Encrypted data, no cloud needed"},
         {"Flight time about 32 minutes",
          "No obstacle sensing",
          "Small payload, no interchangeable cameras"},
         {{"Product page", "https://www.parrot.com/us/drones/anafi-usa"}},
         MarketRating::kMedium,
         "Meets public safety buyers; rarely in utility tenders."},
    };
    return kCompetitors;
}

struct CellSpec {
    std::size_t competitor;  // index into Competitors()
    ComparisonValue value;
    const char* note;
};

struct RowSpec {
    const char* capability;
    std::string_view item;  // an X2 epic or feature's title, or "" for none
    std::vector<CellSpec> cells;
};

const std::vector<RowSpec>& Rows() {
    static const std::vector<RowSpec> kRows = {
        {"45 minutes flight time with an inspection camera",
         "High-density battery pack",
         {{0, ComparisonValue::kBetter, "Up to 55 minutes without payload, about 40 with one."},
          {1, ComparisonValue::kPartial, "About 40 minutes."},
          {2, ComparisonValue::kMissing, "About 32 minutes."}}},
        {"4K/60 gimbal camera",
         "4K/60 gimbal camera",
         {{0, ComparisonValue::kHas, "With the zoom payload."},
          {1, ComparisonValue::kBetter, "Interchangeable sensor packages with a long zoom."},
          {2, ComparisonValue::kHas, "4K with a 32x zoom."}}},
        {"Night and low-light imaging",
         "Low-light and night imaging",
         {{0, ComparisonValue::kHas, "Thermal payload."},
          {1, ComparisonValue::kBetter, "Flies autonomously at night."},
          {2, ComparisonValue::kHas, "Thermal camera built in."}}},
        {"Obstacle sensing near structures",
         "Forward and downward sensing",
         {{0, ComparisonValue::kHas, "Sensing in six directions."},
          {1, ComparisonValue::kBetter, "AI avoidance in every direction."},
          {2, ComparisonValue::kMissing, ""}}},
        {"Remote ID",
         "Remote ID",
         {{0, ComparisonValue::kHas, ""}, {1, ComparisonValue::kHas, ""}}},
        {"EU C2 class label",
         "EU C2 class label",
         {{0, ComparisonValue::kPartial, "Class label for some configurations only."},
          {2, ComparisonValue::kMissing, ""}}},
        {"Fleet firmware updates",
         "Fleet updates",
         {{0, ComparisonValue::kHas, "Through its cloud fleet service."},
          {1, ComparisonValue::kHas, "Through its cloud fleet service."},
          {2, ComparisonValue::kPartial, "One drone at a time from the app."}}},
        {"Automatic survey missions",
         "Mission planner",
         {{0, ComparisonValue::kHas, ""},
          {1, ComparisonValue::kHas, ""},
          {2, ComparisonValue::kHas, ""}}},
        {"Flight logs the insurer accepts",
         "Flight logs",
         {{0, ComparisonValue::kHas, ""}, {2, ComparisonValue::kPartial, "Export only as CSV."}}},
        {"Data kept in the EU, no cloud required",
         "",
         {{0, ComparisonValue::kMissing, "Fleet features need its cloud."},
          {1, ComparisonValue::kPartial, "An offline mode without the fleet features."},
          {2, ComparisonValue::kHas, ""}}},
    };
    return kRows;
}

struct NoteSpec {
    const char* title;
    MarketNoteKind kind;
    int days_ago;
    const char* body;
    std::vector<domain::WebLink> sources;
    std::optional<MarketRating> impact;
    std::optional<std::size_t> competitor;  // index into Competitors()
    std::optional<std::size_t> persona;     // index into Personas()
    std::vector<std::string> tags;
    const char* by;
};

const std::vector<NoteSpec>& Notes() {
    static const std::vector<NoteSpec> kNotes = {
        {"INTERGEO: flight time first, camera second",
         MarketNoteKind::kResearch,
         58,
         "Twenty-three conversations at the booth, eleven of them with utilities.\n\n"
         "- **Flight time** came up in 15 conversations, camera resolution in 6.\n"
         "- Utilities compare flight minutes per euro; the DJI Matrice was named in 9.\n"
         "- Four visitors asked for night flights (search and rescue, police).\n\n"
         "Conclusion: the 45-minute pack is the story for the series launch.",
         {{"Trade fair report (internal)", "https://skylift.example/intranet/intergeo-2026"}},
         MarketRating::kHigh,
         std::nullopt,
         0,
         {"intergeo", "flight-time", "utilities"},
         "alice"},
        {"EU rules open beyond-visual-line-of-sight inspection",
         MarketNoteKind::kTrend,
         40,
         "National authorities approve more long-range inspection flights in the *specific* "
         "category under the SORA risk assessment. Longer routes make **flight time** and "
         "**fleet logging** count more; the C2 class label eases operations near people.",
         {{"EASA: civil drones", "https://www.easa.europa.eu/en/domains/civil-drones"}},
         MarketRating::kHigh,
         std::nullopt,
         std::nullopt,
         {"regulation", "bvlos"},
         "alice"},
        {"Tenders ask for data sovereignty",
         MarketNoteKind::kTrend,
         25,
         "Three utility tenders this autumn require flight data and images stored in the EU "
         "and no mandatory cloud service. This excludes the DJI fleet service and favours "
         "European makers.",
         {{"EU tenders portal", "https://ted.europa.eu"}},
         MarketRating::kMedium,
         0,
         0,
         {"tenders", "data-sovereignty"},
         "alice"},
        {"Skydio X10 sells on autonomy, not flight time",
         MarketNoteKind::kAnalyst,
         17,
         "Skydio positions the X10 for close inspection and night operations with obstacle "
         "avoidance in every direction. Its flight time of about 40 minutes is the weak spot "
         "we can attack with the 45-minute X2.",
         {{"Skydio X10", "https://www.skydio.com/x10"}},
         MarketRating::kMedium,
         1,
         1,
         {"obstacle-avoidance", "autonomy"},
         "alice"},
        {"Matrice 350 RTK: 55 minutes on the spec sheet",
         MarketNoteKind::kNews,
         9,
         "The spec sheet names up to 55 minutes without payload; customers report about 40 "
         "minutes with a zoom and thermal payload. Our 45 minutes are with the camera.",
         {{"Matrice 350 RTK specifications", "https://enterprise.dji.com/matrice-350-rtk/specs"}},
         std::nullopt,
         0,
         std::nullopt,
         {"flight-time"},
         "bob"},
    };
    return kNotes;
}

const domain::Item* FindItem(const std::vector<domain::Item>& items, std::string_view title) {
    for (const auto& i : items) {
        if (i.title == title) {
            return &i;
        }
    }
    return nullptr;
}

}  // namespace

Result<void> SeedDemoMarket(AppContext& ctx,
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
    const auto missing = [](std::string what) {
        return Fail(
            MakeError(ErrorCode::kInternal,
                      "the demo market seed names " + what + ", which the demo does not have"));
    };

    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        storage::CustomerFeedbackFilter all_feedback;
        all_feedback.product_id = product.id;
        all_feedback.limit = 0;
        TL_ASSIGN_OR_RETURN(auto feedback, tx.ListCustomerFeedback(workspace_id, all_feedback));
        const auto find_feedback = [&](std::string_view start) -> const domain::CustomerFeedback* {
            for (const auto& f : feedback) {
                if (std::string_view(f.text).substr(0, start.size()) == start) {
                    return &f;
                }
            }
            return nullptr;
        };

        std::vector<domain::Persona> personas;
        int minute = 0;
        for (const auto& spec : Personas()) {
            domain::Persona p;
            p.id = NewId("per", now);
            p.workspace_id = workspace_id;
            p.product_id = product.id;
            p.name = spec.name;
            p.segment = spec.segment;
            p.role = spec.role;
            p.description = spec.description;
            p.goals = spec.goals;
            p.pains = spec.pains;
            p.quote = spec.quote;
            for (auto title : spec.items) {
                const domain::Item* item = FindItem(items, title);
                if (item == nullptr) {
                    return missing("the item \"" + std::string(title) + "\"");
                }
                p.links.push_back({domain::PersonaLinkTarget::kItem, item->id});
            }
            for (auto start : spec.feedback) {
                const domain::CustomerFeedback* f = find_feedback(start);
                if (f == nullptr) {
                    return missing("the feedback \"" + std::string(start) + "…\"");
                }
                p.links.push_back({domain::PersonaLinkTarget::kFeedback, f->id});
            }
            p.created_by = user("alice");
            p.created_at = p.updated_at = at(50, minute++);
            TL_TRY(tx.InsertPersona(p));
            PersonaView view;
            view.persona = p;
            TL_TRY(event(tx, "persona", p.id, ToJson(view)));
            personas.push_back(std::move(p));
        }

        std::vector<domain::Competitor> competitors;
        for (const auto& spec : Competitors()) {
            domain::Competitor c;
            c.id = NewId("cmp", now);
            c.workspace_id = workspace_id;
            c.product_id = product.id;
            c.name = spec.name;
            c.website = spec.website;
            c.positioning = spec.positioning;
            c.pricing = spec.pricing;
            c.strengths = spec.strengths;
            c.weaknesses = spec.weaknesses;
            c.links = spec.links;
            c.threat = spec.threat;
            c.notes = spec.notes;
            c.created_by = user("alice");
            c.created_at = c.updated_at = at(45, minute++);
            TL_TRY(tx.InsertCompetitor(c));
            TL_TRY(
                event(tx, "competitor", c.id, ToJson(CompetitorView{c, std::nullopt, 0}, false)));
            competitors.push_back(std::move(c));
        }

        std::int64_t position = 0;
        for (const auto& spec : Rows()) {
            domain::ComparisonRow row;
            row.id = NewId("cmr", now);
            row.workspace_id = workspace_id;
            row.product_id = product.id;
            row.capability = spec.capability;
            if (!spec.item.empty()) {
                const domain::Item* item = FindItem(items, spec.item);
                if (item == nullptr) {
                    return missing("the item \"" + std::string(spec.item) + "\"");
                }
                row.item_id = item->id;
            }
            row.position = ++position;
            row.created_by = user("alice");
            row.created_at = row.updated_at = at(44, minute++);
            TL_TRY(tx.InsertComparisonRow(row));
            ComparisonRowView view;
            view.row = row;
            for (const auto& cell_spec : spec.cells) {
                domain::ComparisonCell cell;
                cell.workspace_id = workspace_id;
                cell.product_id = product.id;
                cell.row_id = row.id;
                cell.competitor_id = competitors.at(cell_spec.competitor).id;
                cell.value = cell_spec.value;
                cell.note = cell_spec.note;
                cell.updated_by = user("alice");
                cell.updated_at = row.updated_at;
                TL_TRY(tx.PutComparisonCell(cell));
                view.cells.emplace(cell.competitor_id, cell);
            }
            TL_TRY(event(tx, "comparison_row", row.id, ToJson(view)));
        }

        for (const auto& spec : Notes()) {
            domain::MarketNote n;
            n.id = NewId("mkn", now);
            n.workspace_id = workspace_id;
            n.product_id = product.id;
            n.title = spec.title;
            n.kind = spec.kind;
            n.body = spec.body;
            n.date = domain::FormatDate(today - spec.days_ago);
            n.sources = spec.sources;
            n.impact = spec.impact;
            MarketNoteView view;
            if (spec.competitor) {
                n.competitor_id = competitors.at(*spec.competitor).id;
                view.competitor_name = competitors.at(*spec.competitor).name;
            }
            if (spec.persona) {
                n.persona_id = personas.at(*spec.persona).id;
                view.persona_name = personas.at(*spec.persona).name;
            }
            n.tags = spec.tags;
            n.created_by = user(spec.by);
            n.created_at = n.updated_at = at(spec.days_ago, minute++);
            TL_TRY(tx.InsertMarketNote(n));
            view.note = n;
            TL_TRY(event(tx, "market_note", n.id, ToJson(view)));
        }
        return {};
    });
}

}  // namespace tl::app
