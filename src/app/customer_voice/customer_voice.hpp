// Customer voice (docs/strategy.md, "Customer voice"): customers and their contacts, feedback
// from customers with its inbox and its links to items and ideas, ideas with votes by users
// and for customers, and the demand on epics and features.
//
// Authorisation: reading needs product.read on the product; revenue reads null without
// market.read. Customers and contacts are market.write; feedback, ideas and votes
// feedback.write; a feedback's status, its links, and an idea's status, decline_reason and
// item_id are backlog.propose (the PM and the PO). Feedback and ideas are otherwise changed or
// deleted by their author or by the PM and the PO. An object of a product the actor holds no
// role on is kNotFound. Every write appends a `customer`, `feedback` or `idea` event with the
// product in the write's transaction (without revenue figures, which not every reader of the
// product's events may see).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/customer_voice.hpp"

namespace tl::app {

struct CustomerView {
    domain::Customer customer;
    std::vector<domain::CustomerContact> contacts;  // oldest first
    bool show_revenue = false;                      // the reader holds market.read
};

// A brief of what a link or an idea names: {id, key, title, type} of an item, {id, title} of
// an idea; `exists` false once it is gone.
struct TargetBrief {
    bool exists = false;
    std::string id;
    std::string key;
    std::string title;
    std::string type;
};

struct FeedbackLinkView {
    domain::FeedbackLink link;
    TargetBrief target;
};

struct CustomerFeedbackView {
    domain::CustomerFeedback feedback;
    std::string author_name;
    std::string customer_name;
    std::string contact_name;
    std::vector<FeedbackLinkView> links;  // oldest first
};

struct IdeaView {
    domain::Idea idea;
    std::string proposer_name;
    std::string customer_name;
    TargetBrief item;
    domain::IdeaTally tally;
    std::string my_vote_id;  // the reader's own vote (not one cast for a customer); empty: none
    bool show_revenue = false;
};

struct IdeaVoteView {
    domain::IdeaVote vote;
    std::string user_name;
    std::string customer_name;
    IdeaView idea;
};

struct CustomerRef {
    std::string id;
    std::string name;
    std::optional<double> revenue_per_year;
};

struct DemandView {
    TargetBrief item;
    domain::Demand demand;
    std::vector<CustomerRef> customers;  // by revenue (when shown), then name
    bool show_revenue = false;
};

struct CustomerFeedbackPage {
    std::vector<CustomerFeedbackView> feedback;
    std::string next_cursor;  // "" on the last page
};

// {id, product_id, name, segment, revenue_per_year|null, region, notes, contacts:[…], version,
// created_at, updated_at}.
boost::json::object ToJson(const CustomerView& view);
// {id, customer_id, name, email, role, version, created_at, updated_at}.
boost::json::object ToJson(const domain::CustomerContact& contact);
// {id, product_id, text, source, kind, sentiment, score, date, customer:{id,name}|null,
// contact:{id,name}|null, status, author:{id,name}, links:[…], version, created_at, updated_at}.
boost::json::object ToJson(const CustomerFeedbackView& view);
// {id, feedback_id, target_type, target_id, target:{…}|null, importance, created_at}.
boost::json::object ToJson(const FeedbackLinkView& view);
// The idea as docs/strategy.md shapes it.
boost::json::object ToJson(const IdeaView& view);
// {id, idea_id, user:{id,name}, customer:{id,name}|null, created_at, idea:{…}}.
boost::json::object ToJson(const IdeaVoteView& view);
// {item, customers, revenue_at_stake, feedback_count, votes, by_importance, customer_list}.
boost::json::object ToJson(const DemandView& view);

// ---- customers ----

struct CustomerInput {
    std::optional<std::string> name;
    std::optional<std::string> segment;
    std::optional<std::optional<double>> revenue_per_year;  // inner nullopt clears it
    std::optional<std::string> region;
    std::optional<std::string> notes;
    domain::Issues issues;
};
Result<CustomerView> CreateCustomer(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const CustomerInput& input);
// `segment` and `q` (a part of the name, any case) narrow the list; "" for any.
Result<std::vector<CustomerView>> ListCustomers(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const std::string& segment,
                                                const std::string& q);
Result<CustomerView> GetCustomer(AppContext& ctx, const Actor& actor, const std::string& id);
Result<CustomerView> UpdateCustomer(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const CustomerInput& input,
                                    std::optional<std::int64_t> if_match);
Result<void> DeleteCustomer(AppContext& ctx, const Actor& actor, const std::string& id);

struct ContactInput {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> role;
    domain::Issues issues;
};
Result<domain::CustomerContact> AddContact(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& customer_id,
                                           const ContactInput& input);
Result<domain::CustomerContact> UpdateContact(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              const ContactInput& input,
                                              std::optional<std::int64_t> if_match);
Result<domain::CustomerContact> GetContact(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& id);
Result<void> DeleteContact(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- feedback ----

struct CustomerFeedbackInput {
    std::optional<std::string> text;
    std::optional<domain::FeedbackSource> source;
    std::optional<domain::FeedbackKind> kind;
    std::optional<domain::Sentiment> sentiment;
    std::optional<std::string> date;
    std::optional<std::string> customer_id;  // "" clears
    std::optional<std::string> contact_id;   // "" clears
    std::optional<std::optional<double>> score;
    std::optional<domain::FeedbackStatus> status;  // changes only
    domain::Issues issues;
};
// text and source are required; kind defaults to qualitative (quantitative when a score is
// given), sentiment to neutral, date to today (UTC).
Result<CustomerFeedbackView> CreateCustomerFeedback(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    const CustomerFeedbackInput& input);
struct CustomerFeedbackQuery {
    std::optional<domain::FeedbackStatus> status;
    std::string customer_id;
    std::optional<domain::FeedbackSource> source;
    std::string cursor;
    int limit = 50;
};
// Newest first. kValidationFailed (field "cursor") for a cursor that is not one.
Result<CustomerFeedbackPage> ListCustomerFeedback(AppContext& ctx,
                                                  const Actor& actor,
                                                  const std::string& product_id,
                                                  const CustomerFeedbackQuery& query);
Result<CustomerFeedbackView> GetCustomerFeedback(AppContext& ctx,
                                                 const Actor& actor,
                                                 const std::string& id);
Result<CustomerFeedbackView> UpdateCustomerFeedback(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& id,
                                                    const CustomerFeedbackInput& input,
                                                    std::optional<std::int64_t> if_match);
Result<void> DeleteCustomerFeedback(AppContext& ctx, const Actor& actor, const std::string& id);

struct FeedbackLinkInput {
    std::optional<domain::FeedbackTarget> target_type;
    std::optional<std::string> target_id;  // an idea id, or an item id or key
    std::optional<domain::Importance> importance;
    domain::Issues issues;
};
// Links the feedback (target_type and target_id required; importance defaults to important)
// and sets new feedback triaged. kConflict when it is linked there already.
Result<FeedbackLinkView> LinkFeedback(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& feedback_id,
                                      const FeedbackLinkInput& input,
                                      CustomerFeedbackView* feedback_out);
Result<void> UnlinkFeedback(AppContext& ctx, const Actor& actor, const std::string& link_id);

// ---- ideas ----

struct IdeaInput {
    std::optional<std::string> title;
    std::optional<std::string> problem;
    std::optional<std::string> customer_id;  // "" clears
    std::optional<domain::IdeaStatus> status;
    std::optional<std::string> decline_reason;
    std::optional<std::string> item_id;  // "" clears; an id or key
    domain::Issues issues;
};
Result<IdeaView> CreateIdea(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const IdeaInput& input);
// `sort`: "votes" (users' and customers' votes, most first) or "newest" (the default).
Result<std::vector<IdeaView>> ListIdeas(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        std::optional<domain::IdeaStatus> status,
                                        bool by_votes);
Result<IdeaView> GetIdea(AppContext& ctx, const Actor& actor, const std::string& id);
Result<IdeaView> UpdateIdea(AppContext& ctx,
                            const Actor& actor,
                            const std::string& id,
                            const IdeaInput& input,
                            std::optional<std::int64_t> if_match);
Result<void> DeleteIdea(AppContext& ctx, const Actor& actor, const std::string& id);
// The caller's own vote (customer_id empty) or a customer's; kConflict when cast already.
Result<IdeaVoteView> VoteForIdea(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& idea_id,
                                 const std::string& customer_id);
// One's own vote; a customer's vote by the PM or the PO.
Result<void> DeleteIdeaVote(AppContext& ctx, const Actor& actor, const std::string& vote_id);

// ---- demand ----

// An epic's or feature's demand (kValidationFailed naming "id" for another type).
Result<DemandView> ItemDemand(AppContext& ctx, const Actor& actor, const std::string& item);
// The product's epics and features with any demand, by demand (domain::RankByDemand).
Result<std::vector<DemandView>> ProductDemand(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id);

}  // namespace tl::app
