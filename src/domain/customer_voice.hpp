// Customer voice (docs/strategy.md, "Customer voice"): customers with contacts, feedback from
// customers (not a sprint review's ReviewFeedback), its links to items and ideas, ideas with
// votes by users and for customers, and the demand they add up to on epics and features.
//
// Pure values and functions, no I/O; safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/review.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

// ---- customers ----

struct Customer {
    std::string id;  // "cus_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    std::string segment;                     // free text ("inspection", "utility")
    std::optional<double> revenue_per_year;  // ≥ 0, in the workspace's currency
    std::string region;
    std::string notes;  // Markdown
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct CustomerContact {
    std::string id;  // "cct_…"
    std::string workspace_id;
    std::string product_id;
    std::string customer_id;
    std::string name;
    std::string email;  // "" when unknown
    std::string role;   // their job ("Head of inspections")
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxCustomerNameLength = 200;
inline constexpr std::size_t kMaxSegmentLength = 100;
inline constexpr std::size_t kMaxRegionLength = 100;
inline constexpr std::size_t kMaxCustomerNotesLength = 10'000;
inline constexpr std::size_t kMaxContactRoleLength = 200;
inline constexpr double kMaxRevenuePerYear = 1e15;

// name: 1–200 code points; segment, region: up to 100; notes up to 10,000; revenue_per_year
// ≥ 0 (fields by their API names).
Issues ValidateCustomer(const Customer& customer);
// name: 1–200; email: empty or an address; role: up to 200.
Issues ValidateContact(const CustomerContact& contact);

// ---- feedback ----

enum class FeedbackSource {
    kInterview,
    kSurvey,
    kSupportTicket,
    kSalesCall,
    kTradeFair,
    kReview,
    kOther,
};
inline constexpr std::array<FeedbackSource, 7> kAllFeedbackSources = {
    FeedbackSource::kInterview,
    FeedbackSource::kSurvey,
    FeedbackSource::kSupportTicket,
    FeedbackSource::kSalesCall,
    FeedbackSource::kTradeFair,
    FeedbackSource::kReview,
    FeedbackSource::kOther};
std::string_view ToString(FeedbackSource source);  // "interview", "support_ticket", ...
std::optional<FeedbackSource> ParseFeedbackSource(std::string_view text);

enum class FeedbackKind { kQualitative, kQuantitative };
std::string_view ToString(FeedbackKind kind);  // "qualitative", "quantitative"
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view text);

enum class FeedbackStatus { kNew, kTriaged, kArchived };
inline constexpr std::array<FeedbackStatus, 3> kAllFeedbackStatuses = {
    FeedbackStatus::kNew, FeedbackStatus::kTriaged, FeedbackStatus::kArchived};
std::string_view ToString(FeedbackStatus status);  // "new", "triaged", "archived"
std::optional<FeedbackStatus> ParseFeedbackStatus(std::string_view text);

struct CustomerFeedback {
    std::string id;  // "cfb_…"
    std::string workspace_id;
    std::string product_id;
    std::string text;
    FeedbackSource source = FeedbackSource::kOther;
    FeedbackKind kind = FeedbackKind::kQualitative;
    Sentiment sentiment = Sentiment::kNeutral;
    std::optional<double> score;  // quantitative feedback only
    std::string date;             // YYYY-MM-DD, the day it was heard
    std::string customer_id;      // "" for none
    std::string contact_id;       // "" for none; a contact of customer_id
    FeedbackStatus status = FeedbackStatus::kNew;
    std::string author_id;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxCustomerFeedbackTextLength = 10'000;
inline constexpr double kMinFeedbackScore = 0;
inline constexpr double kMaxFeedbackScore = 100;

// text: 1–10,000 code points, not blank; date a real YYYY-MM-DD; score only for quantitative
// feedback, 0–100.
Issues ValidateCustomerFeedback(const CustomerFeedback& feedback);

enum class Importance { kNiceToHave, kImportant, kCritical };
inline constexpr std::array<Importance, 3> kAllImportances = {
    Importance::kNiceToHave, Importance::kImportant, Importance::kCritical};
std::string_view ToString(Importance importance);  // "nice_to_have", "important", "critical"
std::optional<Importance> ParseImportance(std::string_view text);

enum class FeedbackTarget { kItem, kIdea };
std::string_view ToString(FeedbackTarget target);  // "item", "idea"
std::optional<FeedbackTarget> ParseFeedbackTarget(std::string_view text);

struct FeedbackLink {
    std::string id;  // "cfl_…"
    std::string workspace_id;
    std::string product_id;
    std::string feedback_id;
    FeedbackTarget target_type = FeedbackTarget::kItem;
    std::string target_id;  // an item id or an idea id
    Importance importance = Importance::kImportant;
    std::string created_by;
    std::int64_t created_at = 0;
};

// Whether feedback may be linked to an item of this type: epics, features and stories.
bool LinkableItemType(ItemType type);

// ---- ideas ----

enum class IdeaStatus { kNew, kUnderReview, kPlanned, kDeclined };
inline constexpr std::array<IdeaStatus, 4> kAllIdeaStatuses = {
    IdeaStatus::kNew, IdeaStatus::kUnderReview, IdeaStatus::kPlanned, IdeaStatus::kDeclined};
std::string_view ToString(IdeaStatus status);  // "new", "under_review", "planned", "declined"
std::optional<IdeaStatus> ParseIdeaStatus(std::string_view text);

struct Idea {
    std::string id;  // "ide_…"
    std::string workspace_id;
    std::string product_id;
    std::string title;
    std::string problem;  // Markdown
    std::string proposer_id;
    std::string customer_id;  // "" for none
    IdeaStatus status = IdeaStatus::kNew;
    std::string decline_reason;  // "" unless declined
    std::string item_id;         // "" for none
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxIdeaTitleLength = 300;
inline constexpr std::size_t kMaxIdeaProblemLength = 10'000;
inline constexpr std::size_t kMaxDeclineReasonLength = 2'000;

// title: 1–300 code points; problem up to 10,000; a declined idea needs a decline_reason
// (up to 2,000), and only a declined one has one.
Issues ValidateIdea(const Idea& idea);

// A vote on an idea: the user's own (customer_id ""), or one the user recorded for a customer.
struct IdeaVote {
    std::string id;  // "ivt_…"
    std::string workspace_id;
    std::string product_id;
    std::string idea_id;
    std::string user_id;
    std::string customer_id;  // "" for the user's own vote
    std::int64_t created_at = 0;
};

// ---- tallies and demand ----

// An idea's figures: `votes` the users' own votes, `customer_votes` the customers' votes,
// `revenue_at_stake` the revenue (absent counts 0) of the distinct customers behind it — its
// own customer, those voting for it and those of feedback linked to it — `voted` whether
// `user_id` has voted for it themself, `feedback_count` the feedback linked to it.
struct IdeaTally {
    std::int64_t votes = 0;
    std::int64_t customer_votes = 0;
    std::set<std::string> customers;
    double revenue_at_stake = 0;
    bool voted = false;
    std::int64_t feedback_count = 0;
};

// Everything demand is computed from: a product's feedback, links, ideas, votes, the revenue
// of its customers (by id), and for each item a link or idea names, the epics and features its
// demand counts toward (the item itself when it is one, and its ancestors that are).
struct DemandInputs {
    std::vector<CustomerFeedback> feedback;
    std::vector<FeedbackLink> links;
    std::vector<Idea> ideas;
    std::vector<IdeaVote> votes;
    std::map<std::string, std::optional<double>> revenue;  // customer id → revenue per year
    std::map<std::string, std::vector<std::string>> counts_toward;  // item id → epic/feature ids
};

IdeaTally TallyIdea(const Idea& idea, const DemandInputs& inputs, const std::string& user_id);

// The demand on one epic or feature.
//
// - feedback: the distinct feedback linked to the item or an item below it, or linked to an
//   idea whose item_id is the item or an item below it;
// - customers: the distinct customers of that feedback and those voting (customer votes) for
//   those ideas; revenue_at_stake the sum of their revenue (absent counts 0);
// - votes: every vote (users' and customers') on those ideas;
// - by_importance: each feedback counted once, at the highest importance of the links that
//   bring it in (a link to an idea brings in the idea's feedback at that link's importance),
//   so the three add up to feedback_count.
struct Demand {
    std::set<std::string> customers;
    double revenue_at_stake = 0;
    std::int64_t feedback_count = 0;
    std::int64_t votes = 0;
    std::array<std::int64_t, 3> by_importance{};  // by Importance
};

// Demand of every epic or feature something counts toward, by item id (those with none are
// absent).
std::map<std::string, Demand> AggregateDemand(const DemandInputs& inputs);

// The ids of `demand` ordered by demand: more distinct customers first, then (when `by_revenue`)
// more revenue at stake, then more feedback, then more votes, then by item number.
std::vector<std::string> RankByDemand(const std::map<std::string, Demand>& demand,
                                      const std::map<std::string, std::int64_t>& item_numbers,
                                      bool by_revenue);

// For each item of `items` (id → item, holding every ancestor of the ones asked about), the
// epics and features its demand counts toward: itself if it is one, then its ancestors that
// are, nearest first. A parent chain that loops or leaves `items` stops there.
std::map<std::string, std::vector<std::string>> DemandTargets(
    const std::map<std::string, Item>& items);

}  // namespace tl::domain
