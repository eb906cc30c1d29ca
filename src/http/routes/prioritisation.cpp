// Prioritisation (docs/strategy.md, "Prioritisation"): /api/v1/items/{id}/scores,
// /api/v1/products/{id}/scorecards, /api/v1/scorecards/{id} and
// /api/v1/products/{id}/prioritisation.
#include "app/prioritisation/prioritisation.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

Result<json::value> ParseBody(std::string_view body) {
    json::error_code ec;
    json::parse_options opts;
    opts.max_depth = 32;
    json::value v = json::parse(body, ec, {}, opts);
    if (ec) {
        return Fail(MakeError(ErrorCode::kMalformedJson,
                              "the request body is not valid JSON: " + ec.message()));
    }
    if (!v.is_object()) {
        return Fail(ValidationFailed({{"(body)", "must be a JSON object"}}));
    }
    return v;
}

app::ScorecardInput ReadScorecard(JsonInput& in) {
    app::ScorecardInput input;
    input.name = in.String("name", domain::kMaxScorecardNameLength);
    if (const json::value* raw = in.Raw("criteria")) {
        if (!raw->is_array()) {
            in.AddIssue("criteria", "must be a list of criteria");
        } else {
            std::vector<app::ScorecardCriterionInput> criteria;
            const auto& list = raw->as_array();
            if (list.size() > domain::kMaxScorecardCriteria) {
                in.AddIssue("criteria", "must hold 1 to 12 criteria");
            }
            for (std::size_t i = 0; i < list.size() && i < domain::kMaxScorecardCriteria; ++i) {
                const std::string at = "criteria." + std::to_string(i);
                const auto* obj = list[i].if_object();
                if (!obj) {
                    in.AddIssue(at, "must be an object with a name and a weight");
                    continue;
                }
                app::ScorecardCriterionInput c;
                for (const auto& [key, value] : *obj) {
                    if (key == "id") {
                        if (value.is_string()) {
                            c.id = std::string(value.as_string());
                        } else if (!value.is_null()) {
                            in.AddIssue(at + ".id", "must be a string");
                        }
                    } else if (key == "name") {
                        if (value.is_string() &&
                            value.as_string().size() <= 4 * domain::kMaxCriterionNameLength) {
                            c.name = std::string(value.as_string());
                        } else {
                            in.AddIssue(at + ".name", "must be a string of 1 to 100 characters");
                        }
                    } else if (key == "weight") {
                        if (value.is_int64()) {
                            c.weight = static_cast<double>(value.as_int64());
                        } else if (value.is_double()) {
                            c.weight = value.as_double();
                        } else {
                            in.AddIssue(at + ".weight", "must be a number above 0 and at most 100");
                            c.weight = 1;
                        }
                    } else {
                        in.AddIssue(at + "." + std::string(key), "is not a field of a criterion");
                    }
                }
                if (!obj->contains("name")) {
                    in.AddIssue(at + ".name", "is required");
                    c.name = "?";
                }
                if (!obj->contains("weight")) {
                    in.AddIssue(at + ".weight", "is required");
                    c.weight = 1;
                }
                criteria.push_back(std::move(c));
            }
            input.criteria = std::move(criteria);
        }
    }
    input.issues = in.Finish();
    return input;
}

json::object ScorecardJson(const app::ScorecardView& v) {
    return app::ToJson(v.card, v.created_by_name);
}

}  // namespace

void AddPrioritisationRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/items/{id}/scores",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto scores,
                                       app::GetItemScores(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, scores);
               });
    router.Add(
        "PUT",
        "/api/v1/items/{id}/scores/{model}",
        domain::Action::kBacklogPropose,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto body, ParseBody(req.body));
            TL_ASSIGN_OR_RETURN(
                auto score,
                app::PutItemScore(call.app, call.actor, req.Param("id"), req.Param("model"), body));
            const std::int64_t version = score.at("version").as_int64();
            return Versioned(200, score, version);
        });
    router.Add(
        "DELETE",
        "/api/v1/items/{id}/scores/{model}",
        domain::Action::kBacklogPropose,
        [](Request& req, Call& call) -> Result<Response> {
            TL_TRY(app::DeleteItemScore(call.app, call.actor, req.Param("id"), req.Param("model")));
            return Response::NoContent();
        });
    router.Add("GET",
               "/api/v1/items/{id}/scores/{model}/history",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   // A bad limit is reported after the item is authorised (limit 0).
                   int limit = 50;
                   if (auto text = req.Query("limit")) {
                       auto n = ParseInteger(*text);
                       limit = n && *n >= 1 && *n <= 200 ? static_cast<int>(*n) : 0;
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto history,
                       app::ScoreHistory(
                           call.app, call.actor, req.Param("id"), req.Param("model"), limit));
                   return JsonAnswer(200, history);
               });

    router.Add("GET",
               "/api/v1/products/{id}/scorecards",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto cards,
                                       app::ListScorecards(call.app, call.actor, req.Param("id")));
                   json::array data;
                   for (const auto& c : cards) {
                       data.push_back(ScorecardJson(c));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("POST",
               "/api/v1/products/{id}/scorecards",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadScorecard(in);
                   TL_ASSIGN_OR_RETURN(
                       auto card,
                       app::CreateScorecard(call.app, call.actor, req.Param("id"), input));
                   return Versioned(201, ScorecardJson(card), card.card.version);
               });
    router.Add("GET",
               "/api/v1/scorecards/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto card,
                                       app::GetScorecard(call.app, call.actor, req.Param("id")));
                   return Versioned(200, ScorecardJson(card), card.card.version);
               });
    router.Add("PATCH",
               "/api/v1/scorecards/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadScorecard(in);
                   auto card =
                       app::UpdateScorecard(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!card && card.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetScorecard(call.app, call.actor, req.Param("id")));
                       return StaleVersion(card.error(), ScorecardJson(current));
                   }
                   TL_TRY(card);
                   return Versioned(200, ScorecardJson(*card), card->card.version);
               });
    router.Add("DELETE",
               "/api/v1/scorecards/{id}",
               domain::Action::kStrategyWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteScorecard(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });

    router.Add("GET",
               "/api/v1/products/{id}/prioritisation",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::PrioritisationQuery query;
                   query.model = std::string(req.Query("model").value_or("rice"));
                   query.type = std::string(req.Query("type").value_or(""));
                   query.status = std::string(req.Query("status").value_or(""));
                   const auto done = req.Query("include_done").value_or("false");
                   if (done != "true" && done != "false") {
                       query.issues.push_back({"include_done", "must be true or false"});
                   }
                   query.include_done = done == "true";
                   TL_ASSIGN_OR_RETURN(
                       auto report,
                       app::Prioritisation(call.app, call.actor, req.Param("id"), query));
                   return JsonAnswer(200, report);
               });
}

}  // namespace tl::http
