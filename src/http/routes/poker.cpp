// /api/v1/items/{id}/poker and /api/v1/poker/{round}: planning poker rounds.
#include "app/backlog/poker.hpp"

#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

// {"points": <number>}: JsonInput reads whole numbers only, and the point scale has halves.
struct PointsInput {
    std::optional<double> points;
    domain::Issues issues;
};

Result<PointsInput> ReadPoints(std::string_view body) {
    json::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) {
        return Fail(MakeError(ErrorCode::kMalformedJson,
                              "the request body is not valid JSON: " + ec.message()));
    }
    if (!v.is_object()) {
        return Fail(ValidationFailed({{"(body)", "must be a JSON object"}}));
    }
    PointsInput in;
    for (const auto& [k, value] : v.as_object()) {
        if (k != "points") {
            in.issues.push_back({std::string(k), "is not a known field"});
        } else if (value.is_number()) {
            in.points = value.to_number<double>();
        } else {
            in.issues.push_back({"points", "must be a number"});
        }
    }
    return in;
}

Response RoundAnswer(int status, const app::PokerView& view, const Call& call) {
    return Versioned(status, app::ToJson(view, call.actor.user_id), view.round.version);
}

}  // namespace

void AddPokerRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/items/{id}/poker",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::StartPoker(call.app, call.actor, req.Param("id")));
                   return RoundAnswer(201, view, call);
               });
    router.Add("GET",
               "/api/v1/items/{id}/poker",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::LatestPoker(call.app, call.actor, req.Param("id")));
                   return RoundAnswer(200, view, call);
               });
    router.Add("GET",
               "/api/v1/poker/{round}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetPoker(call.app, call.actor, req.Param("round")));
                   return RoundAnswer(200, view, call);
               });
    router.Add(
        "POST",
        "/api/v1/poker/{round}/vote",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, ReadPoints(req.body));
            TL_ASSIGN_OR_RETURN(
                auto view,
                app::VotePoker(
                    call.app, call.actor, req.Param("round"), in.points, std::move(in.issues)));
            return RoundAnswer(200, view, call);
        });
    router.Add("POST",
               "/api/v1/poker/{round}/reveal",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::RevealPoker(call.app, call.actor, req.Param("round")));
                   return RoundAnswer(200, view, call);
               });
    router.Add(
        "POST",
        "/api/v1/poker/{round}/finish",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, ReadPoints(req.body));
            TL_ASSIGN_OR_RETURN(
                auto view,
                app::FinishPoker(
                    call.app, call.actor, req.Param("round"), in.points, std::move(in.issues)));
            return RoundAnswer(200, view, call);
        });
}

}  // namespace tl::http
