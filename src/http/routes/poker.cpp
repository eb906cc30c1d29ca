// /api/v1/items/{id}/poker and /api/v1/poker/{round}: planning poker rounds.
#include "app/backlog/poker.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

// {"points": <number>}; a null or absent value is reported as required by the use case.
struct PointsInput {
    std::optional<double> points;
    domain::Issues issues;
};

Result<PointsInput> ReadPoints(std::string_view body) {
    TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(body));
    PointsInput out;
    if (auto points = in.NullableNumber("points", 0, 1e6)) {
        out.points = *points;
    }
    out.issues = in.Finish();
    return out;
}

Response RoundAnswer(int status, const app::PokerView& view, const Call& call) {
    return Versioned(status, app::ToJson(view, call.actor.user_id), view.round.version);
}

}  // namespace

void AddPokerRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/items/{id}/poker",
               domain::Action::kEstimateRun,
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
        domain::Action::kEstimateVote,
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
               domain::Action::kEstimateRun,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::RevealPoker(call.app, call.actor, req.Param("round")));
                   return RoundAnswer(200, view, call);
               });
    router.Add(
        "POST",
        "/api/v1/poker/{round}/finish",
        domain::Action::kEstimateRun,
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
