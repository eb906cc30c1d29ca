#include "app/demo_voice.hpp"

#include "app/customer_voice/customer_voice.hpp"

namespace tl::app {
namespace {

using domain::FeedbackSource;
using domain::Importance;
using domain::Sentiment;

struct ContactSpec {
    std::string name;
    std::string email;
    std::string role;
};

struct CustomerSpec {
    std::string handle;  // how the feedback below names it
    std::string name;
    std::string segment;
    double revenue;
    std::string region;
    std::string notes;
    std::vector<ContactSpec> contacts;
};

struct LinkSpec {
    std::string item_title;  // an X2 epic, feature or story
    Importance importance;
};

struct FeedbackSpec {
    std::string by;        // demo handle
    std::string customer;  // CustomerSpec::handle, "" for none
    FeedbackSource source;
    Sentiment sentiment;
    std::string date;
    std::string text;
    std::vector<LinkSpec> links;                 // made by bob (the PO triages)
    std::optional<double> score = std::nullopt;  // quantitative feedback
    bool archived = false;
};

struct IdeaSpec {
    std::string by;
    std::string customer;
    std::string title;
    std::string problem;
    std::string item_title;  // "" for none
    domain::IdeaStatus status;
    std::string decline_reason;
    std::vector<std::string> voters;           // demo handles
    std::vector<std::string> customer_voters;  // CustomerSpec handles
};

const std::vector<CustomerSpec>& Customers() {
    static const std::vector<CustomerSpec> kCustomers = {
        {"nordgrid",
         "Nordic Grid Inspection AS",
         "inspection",
         420'000,
         "Nordics",
         "Inspects 9,000 km of power lines a year; flies 14 SkyLift X1s.",
         {{"Ines Berg", "ines.berg@nordicgrid.example", "Head of flight operations"},
          {"Lars Holm", "lars.holm@nordicgrid.example", "Chief pilot"}}},
        {"alpine",
         "Alpine Survey GmbH",
         "inspection",
         180'000,
         "DACH",
         "Bridge and dam inspections in the Alps; cold-weather flying.",
         {{"Katrin Maier", "k.maier@alpinesurvey.example", "Managing director"}}},
        {"rhein",
         "Rhein Energie Netze",
         "utility",
         650'000,
         "DACH",
         "Grid operator; runs its own inspection team of 30 pilots.",
         {{"Jonas Keller", "jonas.keller@rheinnetze.example", "Asset management lead"},
          {"Mara Vogt", "mara.vogt@rheinnetze.example", "Procurement"}}},
        {"atlantic",
         "Atlantic Wind Services",
         "utility",
         310'000,
         "UK & Ireland",
         "Offshore wind-turbine blade inspections.",
         {{"Siobhan Walsh", "s.walsh@atlanticwind.example", "Operations manager"}}},
        {"skyview",
         "SkyView Roof Checks",
         "inspection",
         45'000,
         "Benelux",
         "Small firm, roof and facade inspections for insurers.",
         {{"Pieter de Vries", "pieter@skyviewroof.example", "Owner"}}},
    };
    return kCustomers;
}

const std::vector<FeedbackSpec>& Feedback() {
    static const std::vector<FeedbackSpec> kFeedback = {
        {"alice",
         "nordgrid",
         FeedbackSource::kTradeFair,
         Sentiment::kNegative,
         "2026-09-23",
         "At INTERGEO: a 30-minute flight covers too little line; they land three times per "
         "span. 45 minutes would let them finish a section in one flight.",
         {{"45-minute flight time", Importance::kCritical},
          {"High-density battery pack", Importance::kCritical}}},
        {"alice",
         "rhein",
         FeedbackSource::kTradeFair,
         Sentiment::kNeutral,
         "2026-09-24",
         "At INTERGEO: their pilots need to read insulator numbers from 30 m; the X1 camera "
         "is not sharp enough at that distance.",
         {{"4K/60 gimbal camera", Importance::kImportant}}},
        {"bob",
         "alpine",
         FeedbackSource::kSalesCall,
         Sentiment::kNegative,
         "2026-10-06",
         "Batteries lose a third of their flight time below 0 °C; winter dam inspections are "
         "cut short.",
         {{"High-density battery pack", Importance::kImportant}}},
        {"alice",
         "atlantic",
         FeedbackSource::kSalesCall,
         Sentiment::kPositive,
         "2026-10-09",
         "Happy with the X1's stability in wind. For blades they would pay for obstacle "
         "sensing close to the tower.",
         {{"Obstacle avoidance", Importance::kImportant}}},
        {"erin",
         "rhein",
         FeedbackSource::kInterview,
         Sentiment::kNegative,
         "2026-10-13",
         "Updating 30 drones one by one before each season takes a whole day; they want fleet "
         "updates.",
         {{"Fleet updates", Importance::kImportant}}},
        {"alice",
         "rhein",
         FeedbackSource::kSalesCall,
         Sentiment::kNeutral,
         "2026-11-05",
         "A longer flight would save one battery swap per tower section; they would trade "
         "camera resolution for it.",
         {{"High-density battery pack", Importance::kImportant}}},
        {"bob",
         "skyview",
         FeedbackSource::kSupportTicket,
         Sentiment::kNeutral,
         "2026-10-15",
         "Asks whether the X2 will carry the EU C2 label; insurers start to ask for it.",
         {{"EU C2 class label", Importance::kNiceToHave}}},
        {"alice",
         "nordgrid",
         FeedbackSource::kSurvey,
         Sentiment::kPositive,
         "2026-10-20",
         "Customer survey: how likely are you to recommend SkyLift (0–10)?",
         {},
         9.0},
        {"dave",
         "",
         FeedbackSource::kTradeFair,
         Sentiment::kNeutral,
         "2026-09-24",
         "Several visitors at the booth asked about night flights for search and rescue.",
         {}},
        {"erin",
         "atlantic",
         FeedbackSource::kSalesCall,
         Sentiment::kNeutral,
         "2026-11-03",
         "Would like flight logs exported in the format their insurer accepts.",
         {}},
        {"bob",
         "",
         FeedbackSource::kOther,
         Sentiment::kNeutral,
         "2026-09-30",
         "Forum post asking for a cheaper X2 variant without the gimbal; not our segment.",
         {},
         std::nullopt,
         true},
    };
    return kFeedback;
}

const std::vector<IdeaSpec>& Ideas() {
    static const std::vector<IdeaSpec> kIdeas = {
        {"erin",
         "rhein",
         "Fleet firmware rollout with staged waves",
         "Grid operators with dozens of drones update them one by one before each season.",
         "Fleet updates",
         domain::IdeaStatus::kPlanned,
         "",
         {"alice", "bob", "erin"},
         {"rhein", "nordgrid"}},
        {"dave",
         "alpine",
         "Self-heating battery for winter flights",
         "Batteries lose a third of their capacity below 0 °C.",
         "High-density battery pack",
         domain::IdeaStatus::kUnderReview,
         "",
         {"dave", "carol"},
         {"alpine", "nordgrid"}},
        {"alice",
         "",
         "Thermal camera module",
         "Night search and rescue and hot-spot detection on power lines.",
         "",
         domain::IdeaStatus::kNew,
         "",
         {"alice", "dave"},
         {"atlantic"}},
        {"erin",
         "",
         "Cheaper X2 variant without a gimbal",
         "Hobby pilots ask for a lower price.",
         "",
         domain::IdeaStatus::kDeclined,
         "The X2 is for professional survey and inspection work; a hobby variant is not in "
         "the strategy.",
         {"erin"},
         {}},
    };
    return kIdeas;
}

Result<void> Check(bool ok, const std::string& what) {
    if (!ok) {
        return Fail(MakeError(ErrorCode::kInternal, "the voice seed refers to " + what));
    }
    return {};
}

}  // namespace

Result<void> SeedDemoVoice(AppContext& ctx,
                           const std::string& workspace_id,
                           const domain::Product& product,
                           const std::vector<domain::Item>& items,
                           const std::map<std::string, std::string>& users) {
    auto actor = [&](const std::string& handle) {
        Actor a;
        a.user_id = users.at(handle);
        a.workspace_id = workspace_id;
        a.seed = true;  // the seed's events carry no actor
        return a;
    };
    auto item_id = [&](const std::string& title) -> Result<std::string> {
        for (const auto& i : items) {
            if (i.title == title) {
                return i.id;
            }
        }
        TL_TRY(Check(false, "a missing item: " + title));
        return std::string();
    };

    const Actor alice = actor("alice");
    const Actor bob = actor("bob");
    std::map<std::string, std::string> customers;  // handle → id
    for (const auto& spec : Customers()) {
        CustomerInput in;
        in.name = spec.name;
        in.segment = spec.segment;
        in.revenue_per_year = std::optional<double>(spec.revenue);
        in.region = spec.region;
        in.notes = spec.notes;
        TL_ASSIGN_OR_RETURN(auto c, CreateCustomer(ctx, alice, product.id, in));
        customers[spec.handle] = c.customer.id;
        for (const auto& k : spec.contacts) {
            ContactInput contact;
            contact.name = k.name;
            contact.email = k.email;
            contact.role = k.role;
            TL_TRY(AddContact(ctx, alice, c.customer.id, contact));
        }
    }

    for (const auto& spec : Feedback()) {
        CustomerFeedbackInput in;
        in.text = spec.text;
        in.source = spec.source;
        in.sentiment = spec.sentiment;
        in.date = spec.date;
        if (!spec.customer.empty()) {
            in.customer_id = customers.at(spec.customer);
        }
        if (spec.score) {
            in.kind = domain::FeedbackKind::kQuantitative;
            in.score = spec.score;
        }
        TL_ASSIGN_OR_RETURN(auto f, CreateCustomerFeedback(ctx, actor(spec.by), product.id, in));
        for (const auto& link : spec.links) {
            FeedbackLinkInput l;
            l.target_type = domain::FeedbackTarget::kItem;
            TL_ASSIGN_OR_RETURN(l.target_id, item_id(link.item_title));
            l.importance = link.importance;
            TL_TRY(LinkFeedback(ctx, bob, f.feedback.id, l, nullptr));
        }
        if (spec.archived) {
            CustomerFeedbackInput archive;
            archive.status = domain::FeedbackStatus::kArchived;
            TL_TRY(UpdateCustomerFeedback(ctx, bob, f.feedback.id, archive, std::nullopt));
        }
    }

    for (const auto& spec : Ideas()) {
        IdeaInput in;
        in.title = spec.title;
        in.problem = spec.problem;
        if (!spec.customer.empty()) {
            in.customer_id = customers.at(spec.customer);
        }
        TL_ASSIGN_OR_RETURN(auto idea, CreateIdea(ctx, actor(spec.by), product.id, in));
        if (spec.status != domain::IdeaStatus::kNew || !spec.item_title.empty()) {
            IdeaInput decide;
            decide.status = spec.status;
            if (!spec.decline_reason.empty()) {
                decide.decline_reason = spec.decline_reason;
            }
            if (!spec.item_title.empty()) {
                TL_ASSIGN_OR_RETURN(auto id, item_id(spec.item_title));
                decide.item_id = id;
            }
            TL_TRY(UpdateIdea(ctx, bob, idea.idea.id, decide, std::nullopt));
        }
        for (const auto& voter : spec.voters) {
            TL_TRY(VoteForIdea(ctx, actor(voter), idea.idea.id, ""));
        }
        for (const auto& c : spec.customer_voters) {
            TL_TRY(VoteForIdea(ctx, alice, idea.idea.id, customers.at(c)));
        }
    }
    return {};
}

}  // namespace tl::app
