#include "app/reviews/reviews.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprints.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

constexpr const char* kFeedbackPrefix = "rfb";

Result<FeedbackView> LoadFeedbackView(storage::Tx& tx,
                                      const std::string& workspace_id,
                                      std::string_view product_key,
                                      UserNames& names,
                                      domain::ReviewFeedback f) {
    FeedbackView v;
    v.author_name = names.Of(f.author_id);
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, f.item_ids));
    std::map<std::string, const domain::Item*> by_id;
    for (const auto& i : items) {
        by_id.emplace(i.id, &i);
    }
    for (const auto& id : f.item_ids) {
        auto it = by_id.find(id);
        if (it != by_id.end()) {
            v.items.push_back(
                {id, domain::ItemKey(product_key, it->second->number), it->second->title});
        }
    }
    v.feedback = std::move(f);
    return v;
}

Result<ReviewView> LoadReview(storage::Tx& tx,
                              const std::string& workspace_id,
                              const domain::Sprint& sprint) {
    ReviewView v;
    v.sprint = sprint;
    if (auto team = tx.GetTeam(workspace_id, sprint.team_id)) {
        v.team_name = team->name;
    }
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(workspace_id, sprint.product_id));
    UserNames names(tx, workspace_id);
    TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems(workspace_id, sprint.id));
    for (auto& i : items) {
        if (i.category != domain::StatusCategory::kDone) {
            continue;
        }
        v.agenda_points += i.points.value_or(0);
        AgendaItem a;
        a.key = domain::ItemKey(product.key, i.number);
        a.accepted_by_name = names.Of(i.accepted_by);
        a.item = std::move(i);
        v.agenda.push_back(std::move(a));
    }
    TL_ASSIGN_OR_RETURN(auto saved, tx.GetSprintReview(workspace_id, sprint.id));
    if (saved) {
        v.review = std::move(*saved);
        v.updated_by_name = names.Of(v.review.updated_by);
    } else {
        v.review.workspace_id = workspace_id;
        v.review.product_id = sprint.product_id;
        v.review.sprint_id = sprint.id;
    }
    TL_ASSIGN_OR_RETURN(auto feedback, tx.ListReviewFeedback(workspace_id, sprint.id));
    for (auto& f : feedback) {
        TL_ASSIGN_OR_RETURN(auto view,
                            LoadFeedbackView(tx, workspace_id, product.key, names, std::move(f)));
        v.feedback.push_back(std::move(view));
    }
    return v;
}

json::object NotesSnapshot(const domain::SprintReview& r) {
    return json::object{{"notes", r.notes}, {"version", r.version}};
}

Result<void> ReviewEvent(storage::Tx& tx,
                         const Actor& actor,
                         std::int64_t now,
                         const domain::Sprint& sprint,
                         std::string action,
                         json::object before,
                         json::object after) {
    return RecordEvent(tx,
                       actor.workspace_id,
                       actor.user_id,
                       now,
                       {"review",
                        sprint.id,
                        sprint.product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

}  // namespace

json::object ToJson(const FeedbackView& v) {
    const auto& f = v.feedback;
    json::array ids;
    for (const auto& id : f.item_ids) {
        ids.emplace_back(id);
    }
    json::array items;
    for (const auto& i : v.items) {
        items.push_back(json::object{{"id", i.id}, {"key", i.key}, {"title", i.title}});
    }
    return json::object{{"id", f.id},
                        {"sprint_id", f.sprint_id},
                        {"text", f.text},
                        {"from", f.from},
                        {"sentiment", domain::ToString(f.sentiment)},
                        {"item_ids", std::move(ids)},
                        {"items", std::move(items)},
                        {"author", UserRefOrNull(f.author_id, v.author_name)},
                        {"created_at", f.created_at}};
}

json::object ToJson(const ReviewView& v) {
    const auto& s = v.sprint;
    json::array agenda;
    for (const auto& a : v.agenda) {
        const auto& i = a.item;
        json::array criteria;
        for (const auto& c : i.criteria) {
            criteria.push_back(json::object{{"id", c.id}, {"text", c.text}, {"done", c.done}});
        }
        agenda.push_back(
            json::object{{"id", i.id},
                         {"key", a.key},
                         {"title", i.title},
                         {"type", domain::ToString(i.type)},
                         {"status", i.status},
                         {"category", domain::ToString(i.category)},
                         {"points", FigureJson(i.points)},
                         {"accepted_at", MsOrNull(i.accepted_at)},
                         {"accepted_by", UserRefOrNull(i.accepted_by, a.accepted_by_name)},
                         {"criteria", std::move(criteria)}});
    }
    json::array feedback;
    for (const auto& f : v.feedback) {
        feedback.push_back(ToJson(f));
    }
    return json::object{
        {"sprint_id", s.id},
        {"sprint",
         json::object{{"id", s.id},
                      {"name", s.name},
                      {"goal", s.goal},
                      {"status", domain::ToString(s.status)},
                      {"start_date", s.start_date},
                      {"end_date", s.end_date},
                      {"team",
                       json::object{{"id", s.team_id},
                                    {"name",
                                     v.team_name.empty() ? json::value(nullptr)
                                                         : json::value(v.team_name)}}}}},
        {"agenda", std::move(agenda)},
        {"agenda_points", FigureJson(v.agenda_points)},
        {"notes", v.review.notes},
        {"version", v.review.version},
        {"updated_by", UserRefOrNull(v.review.updated_by, v.updated_by_name)},
        {"updated_at", MsOrNull(v.review.updated_at)},
        {"feedback", std::move(feedback)}};
}

Result<ReviewView> GetReview(AppContext& ctx, const Actor& actor, const std::string& sprint_id) {
    ReviewView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(view, LoadReview(tx, actor.workspace_id, sprint));
        return {};
    }));
    return view;
}

Result<ReviewView> UpdateReviewNotes(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& sprint_id,
                                     const ReviewNotesInput& input,
                                     std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    ReviewView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kSprintWrite));
        domain::Issues issues = input.issues;
        if (!input.notes) {
            if (std::none_of(issues.begin(), issues.end(), [](const auto& i) {
                    return i.field == "notes";
                })) {
                issues.push_back({"notes", "is required"});
            }
        } else {
            for (auto& i : domain::ValidateReviewNotes(*input.notes)) {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto saved, tx.GetSprintReview(actor.workspace_id, sprint.id));
        domain::SprintReview current;
        if (saved) {
            current = std::move(*saved);
        } else {
            current.workspace_id = actor.workspace_id;
            current.product_id = sprint.product_id;
            current.sprint_id = sprint.id;
        }
        if (if_match && *if_match != current.version) {
            return Fail(MakeError(
                ErrorCode::kPreconditionFailed,
                "the review notes were changed since version " + std::to_string(*if_match)));
        }
        if (*input.notes != current.notes) {
            domain::SprintReview next = current;
            next.notes = *input.notes;
            next.updated_by = actor.user_id;
            next.updated_at = now;
            next.version = current.version + 1;
            TL_TRY(tx.SaveSprintReview(next, current.version));
            TL_TRY(ReviewEvent(tx,
                               actor,
                               now,
                               sprint,
                               "notes_updated",
                               NotesSnapshot(current),
                               NotesSnapshot(next)));
        }
        TL_ASSIGN_OR_RETURN(view, LoadReview(tx, actor.workspace_id, sprint));
        return {};
    }));
    return view;
}

Result<FeedbackView> AddReviewFeedback(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& sprint_id,
                                       const FeedbackInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    FeedbackView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto sprint,
                            AuthorizeSprint(tx, actor, sprint_id, domain::Action::kFeedbackWrite));
        domain::Issues issues = input.issues;
        domain::ReviewFeedback f;
        f.id = NewId(kFeedbackPrefix, now);
        f.workspace_id = actor.workspace_id;
        f.product_id = sprint.product_id;
        f.sprint_id = sprint.id;
        f.text = input.text.value_or("");
        f.from = input.from;
        f.sentiment = input.sentiment.value_or(domain::Sentiment::kNeutral);
        f.author_id = actor.user_id;
        f.created_at = now;
        const bool text_reported = std::any_of(
            issues.begin(), issues.end(), [](const auto& i) { return i.field == "text"; });
        for (auto& i : domain::ValidateFeedback(f)) {
            if (!(text_reported && i.field == "text")) {
                issues.push_back(std::move(i));
            }
        }
        if (input.item_ids.size() > domain::kMaxFeedbackItems) {
            issues.push_back(
                {"item_ids",
                 "name at most " + std::to_string(domain::kMaxFeedbackItems) + " items"});
        } else {
            std::set<std::string> seen;
            for (std::size_t k = 0; k < input.item_ids.size(); ++k) {
                const std::string at = "item_ids." + std::to_string(k);
                auto item = ResolveItem(tx, actor.workspace_id, input.item_ids[k]);
                if (!item && item.error().code != ErrorCode::kNotFound) {
                    return Fail(item.error());
                }
                if (!item || item->product_id != sprint.product_id) {
                    issues.push_back({at, "no such item in this product"});
                    continue;
                }
                if (seen.insert(item->id).second) {
                    f.item_ids.push_back(item->id);
                }
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        // After the sprint's latest feedback, so "newest first" is the order of recording even
        // within one millisecond.
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListReviewFeedback(actor.workspace_id, sprint.id));
        f.created_at = StampAfter(f.created_at, earlier, &domain::ReviewFeedback::created_at);
        TL_TRY(tx.InsertReviewFeedback(f));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, sprint.product_id));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, LoadFeedbackView(tx, actor.workspace_id, product.key, names, f));
        return ReviewEvent(tx, actor, now, sprint, "feedback_added", {}, ToJson(view));
    }));
    return view;
}

Result<void> DeleteReviewFeedback(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& feedback_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto f, tx.GetReviewFeedback(actor.workspace_id, feedback_id));
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeObjectIn(tx, actor, f.product_id, domain::Action::kFeedbackWrite, "feedback"));
        TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, f.product_id));
        const bool owner =
            std::find(roles.begin(), roles.end(), domain::Role::kProductOwner) != roles.end();
        if (f.author_id != actor.user_id && !owner) {
            return Fail(Forbidden("only its author or the Product Owner may delete feedback"));
        }
        TL_ASSIGN_OR_RETURN(auto sprint, tx.GetSprint(actor.workspace_id, f.sprint_id));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto view,
                            LoadFeedbackView(tx, actor.workspace_id, product.key, names, f));
        TL_TRY(tx.DeleteReviewFeedback(actor.workspace_id, f.id));
        return ReviewEvent(tx, actor, now, sprint, "feedback_deleted", ToJson(view), {});
    });
}

}  // namespace tl::app
