// Customer voice: /api/v1/products/{id}/customers|feedback|ideas|demand, /api/v1/customers/{id}
// (and its contacts), /api/v1/contacts/{id}, /api/v1/feedback/{id} (and its links),
// /api/v1/feedback-links/{id}, /api/v1/ideas/{id} (and its votes), /api/v1/idea-votes/{id} and
// /api/v1/items/{id}/demand. docs/strategy.md ("Customer voice") is the contract.
#include "app/customer_voice/customer_voice.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;
using domain::Action;

namespace {

constexpr std::string_view kSources =
    "interview, survey, support_ticket, sales_call, trade_fair, review, other";
constexpr std::string_view kStatuses = "new, triaged, archived";
constexpr std::string_view kIdeaStatuses = "new, under_review, planned, declined";

app::CustomerInput ReadCustomer(JsonInput& in) {
    app::CustomerInput input;
    input.name = in.String("name", domain::kMaxCustomerNameLength);
    input.segment = in.String("segment", domain::kMaxSegmentLength);
    input.revenue_per_year = in.NullableNumber("revenue_per_year", 0, domain::kMaxRevenuePerYear);
    input.region = in.String("region", domain::kMaxRegionLength);
    input.notes = in.String("notes", domain::kMaxCustomerNotesLength);
    input.issues = in.Finish();
    return input;
}

app::ContactInput ReadContact(JsonInput& in) {
    app::ContactInput input;
    input.name = in.String("name", domain::kMaxCustomerNameLength);
    input.email = in.NullableString("email");
    input.role = in.String("role", domain::kMaxContactRoleLength);
    input.issues = in.Finish();
    return input;
}

app::CustomerFeedbackInput ReadFeedback(JsonInput& in, bool with_status) {
    app::CustomerFeedbackInput input;
    input.text = in.String("text", domain::kMaxCustomerFeedbackTextLength);
    input.source = in.Enum("source", domain::ParseFeedbackSource, kSources);
    input.kind = in.Enum("kind", domain::ParseFeedbackKind, "qualitative, quantitative");
    input.sentiment = in.Enum("sentiment", domain::ParseSentiment, "positive, neutral, negative");
    input.date = in.String("date", 10);
    input.customer_id = in.NullableString("customer_id");
    input.contact_id = in.NullableString("contact_id");
    input.score = in.NullableNumber("score", domain::kMinFeedbackScore, domain::kMaxFeedbackScore);
    if (with_status) {
        input.status = in.Enum("status", domain::ParseFeedbackStatus, kStatuses);
    }
    input.issues = in.Finish();
    return input;
}

app::IdeaInput ReadIdea(JsonInput& in) {
    app::IdeaInput input;
    input.title = in.String("title", domain::kMaxIdeaTitleLength);
    input.problem = in.String("problem", domain::kMaxIdeaProblemLength);
    input.customer_id = in.NullableString("customer_id");
    input.status = in.Enum("status", domain::ParseIdeaStatus, kIdeaStatuses);
    input.decline_reason = in.NullableString("decline_reason");
    input.item_id = in.NullableString("item_id");
    input.issues = in.Finish();
    return input;
}

Response CustomerAnswer(int status, const app::CustomerView& v) {
    return Versioned(status, app::ToJson(v), v.customer.version);
}
Response FeedbackAnswer(int status, const app::CustomerFeedbackView& v) {
    return Versioned(status, app::ToJson(v), v.feedback.version);
}
Response IdeaAnswer(int status, const app::IdeaView& v) {
    return Versioned(status, app::ToJson(v), v.idea.version);
}

// A query value that must be one of an enum's spellings.
template <typename Parse>
Result<decltype(std::declval<Parse>()(std::string_view{}))> QueryEnum(const Request& req,
                                                                      std::string_view name,
                                                                      Parse parse,
                                                                      std::string_view allowed) {
    auto text = req.Query(name);
    if (!text || text->empty()) {
        return decltype(parse(std::string_view{})){};
    }
    auto value = parse(*text);
    if (!value) {
        return Fail(
            ValidationFailed({{std::string(name), "must be one of " + std::string(allowed)}}));
    }
    return value;
}

}  // namespace

void AddCustomerVoiceRoutes(Router& router) {
    // ---- customers and contacts ----
    router.Add("POST",
               "/api/v1/products/{id}/customers",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCustomer(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateCustomer(call.app, call.actor, req.Param("id"), input));
                   return CustomerAnswer(201, view);
               });
    router.Add("GET",
               "/api/v1/products/{id}/customers",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto list,
                       app::ListCustomers(call.app,
                                          call.actor,
                                          req.Param("id"),
                                          std::string(req.Query("segment").value_or("")),
                                          std::string(req.Query("q").value_or(""))));
                   json::array data;
                   for (const auto& v : list) {
                       data.push_back(app::ToJson(v));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("GET",
               "/api/v1/customers/{id}",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetCustomer(call.app, call.actor, req.Param("id")));
                   return CustomerAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/customers/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCustomer(in);
                   auto view =
                       app::UpdateCustomer(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetCustomer(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return CustomerAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/customers/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteCustomer(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/customers/{id}/contacts",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadContact(in);
                   TL_ASSIGN_OR_RETURN(
                       auto contact, app::AddContact(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, app::ToJson(contact), contact.version);
               });
    router.Add("PATCH",
               "/api/v1/contacts/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadContact(in);
                   auto contact =
                       app::UpdateContact(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!contact && contact.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetContact(call.app, call.actor, req.Param("id")));
                       return StaleVersion(contact.error(), app::ToJson(current));
                   }
                   TL_TRY(contact);
                   return Versioned(200, app::ToJson(*contact), contact->version);
               });
    router.Add("DELETE",
               "/api/v1/contacts/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteContact(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- feedback ----
    router.Add("POST",
               "/api/v1/products/{id}/feedback",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadFeedback(in, /*with_status=*/true);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateCustomerFeedback(call.app, call.actor, req.Param("id"), input));
                   return FeedbackAnswer(201, view);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/feedback",
        Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto page_params, ReadPageParams(req));
            app::CustomerFeedbackQuery query;
            TL_ASSIGN_OR_RETURN(query.status,
                                QueryEnum(req, "status", domain::ParseFeedbackStatus, kStatuses));
            TL_ASSIGN_OR_RETURN(query.source,
                                QueryEnum(req, "source", domain::ParseFeedbackSource, kSources));
            query.customer_id = std::string(req.Query("customer").value_or(""));
            query.cursor = page_params.cursor;
            query.limit = page_params.limit;
            TL_ASSIGN_OR_RETURN(
                auto page, app::ListCustomerFeedback(call.app, call.actor, req.Param("id"), query));
            json::array data;
            for (const auto& v : page.feedback) {
                data.push_back(app::ToJson(v));
            }
            return PageAnswer(std::move(data), page.next_cursor);
        });
    router.Add("GET",
               "/api/v1/feedback/{id}",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::GetCustomerFeedback(call.app, call.actor, req.Param("id")));
                   return FeedbackAnswer(200, view);
               });
    router.Add(
        "PATCH",
        "/api/v1/feedback/{id}",
        Action::kFeedbackWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            auto input = ReadFeedback(in, /*with_status=*/true);
            auto view =
                app::UpdateCustomerFeedback(call.app, call.actor, req.Param("id"), input, if_match);
            if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(
                    auto current, app::GetCustomerFeedback(call.app, call.actor, req.Param("id")));
                return StaleVersion(view.error(), app::ToJson(current));
            }
            TL_TRY(view);
            return FeedbackAnswer(200, *view);
        });
    router.Add("DELETE",
               "/api/v1/feedback/{id}",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteCustomerFeedback(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/feedback/{id}/links",
               Action::kBacklogPropose,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::FeedbackLinkInput input;
                   input.target_type =
                       in.Enum("target_type", domain::ParseFeedbackTarget, "item, idea");
                   input.target_id = in.String("target_id", 200);
                   input.importance = in.Enum(
                       "importance", domain::ParseImportance, "nice_to_have, important, critical");
                   input.issues = in.Finish();
                   app::CustomerFeedbackView feedback;
                   TL_ASSIGN_OR_RETURN(
                       auto link,
                       app::LinkFeedback(call.app, call.actor, req.Param("id"), input, &feedback));
                   json::object body = app::ToJson(link);
                   body["feedback"] = app::ToJson(feedback);
                   return JsonAnswer(201, body);
               });
    router.Add("DELETE",
               "/api/v1/feedback-links/{id}",
               Action::kBacklogPropose,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::UnlinkFeedback(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- ideas and votes ----
    router.Add("POST",
               "/api/v1/products/{id}/ideas",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadIdea(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreateIdea(call.app, call.actor, req.Param("id"), input));
                   return IdeaAnswer(201, view);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/ideas",
        Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto status,
                                QueryEnum(req, "status", domain::ParseIdeaStatus, kIdeaStatuses));
            const auto sort = req.Query("sort").value_or("newest");
            if (sort != "newest" && sort != "votes") {
                return Fail(ValidationFailed({{"sort", "must be one of votes, newest"}}));
            }
            TL_ASSIGN_OR_RETURN(
                auto list,
                app::ListIdeas(call.app, call.actor, req.Param("id"), status, sort == "votes"));
            json::array data;
            for (const auto& v : list) {
                data.push_back(app::ToJson(v));
            }
            return PageAnswer(std::move(data), "");
        });
    router.Add("GET",
               "/api/v1/ideas/{id}",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetIdea(call.app, call.actor, req.Param("id")));
                   return IdeaAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/ideas/{id}",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadIdea(in);
                   auto view =
                       app::UpdateIdea(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetIdea(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return IdeaAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/ideas/{id}",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteIdea(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/ideas/{id}/votes",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   std::string customer_id;
                   if (!req.body.empty()) {
                       TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                       customer_id = in.NullableString("customer_id").value_or("");
                       auto issues = in.Finish();
                       if (!issues.empty()) {
                           return Fail(ValidationFailed(std::move(issues)));
                       }
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::VoteForIdea(call.app, call.actor, req.Param("id"), customer_id));
                   return JsonAnswer(201, app::ToJson(view));
               });
    router.Add("DELETE",
               "/api/v1/idea-votes/{id}",
               Action::kFeedbackWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteIdeaVote(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    // ---- demand ----
    router.Add("GET",
               "/api/v1/items/{id}/demand",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::ItemDemand(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, app::ToJson(view));
               });
    router.Add("GET",
               "/api/v1/products/{id}/demand",
               Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto list,
                                       app::ProductDemand(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& v : list) {
                       data.push_back(app::ToJson(v));
                   }
                   return JsonAnswer(200, json::object{{"data", std::move(data)}});
               });
}

}  // namespace tl::http
