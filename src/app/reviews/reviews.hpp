// Sprint reviews (docs/delivery.md, "Sprint review"): the agenda (the sprint's accepted items
// in rank order with their points and acceptance criteria), the review's Markdown notes and the
// feedback stakeholders gave during the demo.
//
// Authorisation: reading needs product.read on the sprint's product; the notes are
// sprint.write (Product Owner, Scrum Master); feedback is feedback.write (everyone with a
// role), and deleting it is for its author or the Product Owner. A sprint or feedback of a
// product the actor has no role on is kNotFound. Every write appends a `review` event (the
// sprint's id) with the product, in the write's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/item.hpp"
#include "domain/review.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

struct AgendaItem {
    domain::Item item;
    std::string key;  // DRN-12
    std::string accepted_by_name;
};

struct FeedbackItemRef {
    std::string id;
    std::string key;
    std::string title;
};

struct FeedbackView {
    domain::ReviewFeedback feedback;
    std::string author_name;
    std::vector<FeedbackItemRef> items;  // the linked items that still exist, in the given order
};

struct ReviewView {
    domain::Sprint sprint;
    std::string team_name;
    std::vector<AgendaItem> agenda;  // rank order
    double agenda_points = 0;
    domain::SprintReview review;  // version 0 and empty notes until first saved
    std::string updated_by_name;
    std::vector<FeedbackView> feedback;  // newest first
};

// {sprint_id, sprint:{id,name,goal,status,start_date,end_date,team:{id,name}}, agenda:[{id,key,
// title,type,status,category,points,accepted_at,accepted_by,criteria}], agenda_points, notes,
// version, updated_by, updated_at, feedback:[…]}.
boost::json::object ToJson(const ReviewView& view);
// {id, sprint_id, text, from, sentiment, item_ids, items:[{id,key,title}], author:{id,name},
// created_at}.
boost::json::object ToJson(const FeedbackView& view);

Result<ReviewView> GetReview(AppContext& ctx, const Actor& actor, const std::string& sprint_id);

struct ReviewNotesInput {
    std::optional<std::string> notes;  // required
    domain::Issues issues;
};
// Replaces the notes; kPreconditionFailed when `if_match` is not the current version. The
// same notes again change nothing (no new version, no event).
Result<ReviewView> UpdateReviewNotes(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& sprint_id,
                                     const ReviewNotesInput& input,
                                     std::optional<std::int64_t> if_match);

struct FeedbackInput {
    std::optional<std::string> text;  // required
    std::string from;
    std::optional<domain::Sentiment> sentiment;  // neutral when absent
    std::vector<std::string> item_ids;           // ids or keys
    domain::Issues issues;
};
// Records feedback by the actor; kValidationFailed naming item_ids.<i> for an item that is
// not the product's.
Result<FeedbackView> AddReviewFeedback(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& sprint_id,
                                       const FeedbackInput& input);
// Its author or the product's Product Owner (kForbidden for anyone else).
Result<void> DeleteReviewFeedback(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& feedback_id);

}  // namespace tl::app
