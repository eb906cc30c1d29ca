// Market and competition: /api/v1/products/{id}/personas, /competitors, /comparison (with its
// rows and cells) and /market-notes, and the single resources under /api/v1/personas,
// /competitors, /comparison-rows and /market-notes. docs/strategy.md ("Market and
// competition") is the contract.
#include "app/market/market.hpp"

#include "http/json_input.hpp"
#include "http/routes/common.hpp"
#include "http/routes/json_members.hpp"

namespace tl::http {

namespace json = boost::json;
using domain::Action;

namespace {

constexpr std::string_view kRatings = "low, medium, high";
constexpr std::string_view kLinkTargets = "item, feedback";
constexpr std::string_view kValues = "has, partial, missing, better";
constexpr std::string_view kKinds = "research, trend, news, analyst";

// A list of strings (null: empty); the domain checks the entries' lengths and count.
std::optional<std::vector<std::string>> ReadStrings(JsonInput& in, std::string_view field) {
    const json::value* raw = in.Raw(field);
    if (raw == nullptr) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    if (raw->is_null()) {
        return out;
    }
    if (!raw->is_array()) {
        in.AddIssue(std::string(field), "must be an array of strings");
        return std::nullopt;
    }
    const auto& arr = raw->as_array();
    bool ok = true;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string()) {
            in.AddIssue(std::string(field) + "." + std::to_string(i), "must be a string");
            ok = false;
            continue;
        }
        out.emplace_back(arr[i].as_string());
    }
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

// A list of {title, url} (null: empty).
std::optional<std::vector<domain::WebLink>> ReadWebLinks(JsonInput& in, std::string_view field) {
    return ReadObjectList<domain::WebLink>(
        in, field, "{title, url}", [&](const json::object& o, const std::string& base) {
            UnknownMembers(in, o, base, {"title", "url"});
            domain::WebLink link;
            link.title = Member(in, o, base + "title", "title", false).value_or("");
            link.url = Member(in, o, base + "url", "url", true).value_or("");
            return link;
        });
}

std::optional<std::vector<app::PersonaLinkInput>> ReadPersonaLinks(JsonInput& in) {
    return ReadTypedLinks<app::PersonaLinkInput>(
        in, [](std::string_view t) { return domain::ParsePersonaLinkTarget(t); }, kLinkTargets);
}

app::PersonaInput ReadPersona(JsonInput& in) {
    app::PersonaInput input;
    input.name = in.String("name", domain::kMaxPersonaNameLength);
    input.segment = in.String("segment", domain::kMaxPersonaLineLength);
    input.role = in.String("role", domain::kMaxPersonaLineLength);
    input.description = in.String("description", domain::kMaxPersonaDescriptionLength);
    input.goals = ReadStrings(in, "goals");
    input.pains = ReadStrings(in, "pains");
    input.quote = in.String("quote", domain::kMaxPersonaQuoteLength);
    input.links = ReadPersonaLinks(in);
    input.issues = in.Finish();
    return input;
}

app::CompetitorInput ReadCompetitor(JsonInput& in) {
    app::CompetitorInput input;
    input.name = in.String("name", domain::kMaxCompetitorNameLength);
    input.website = in.NullableString("website");
    input.positioning = in.String("positioning", domain::kMaxPositioningLength);
    input.pricing = in.String("pricing", domain::kMaxPricingLength);
    input.strengths = ReadStrings(in, "strengths");
    input.weaknesses = ReadStrings(in, "weaknesses");
    input.links = ReadWebLinks(in, "links");
    input.threat = in.Enum("threat", domain::ParseMarketRating, kRatings);
    input.notes = in.String("notes", domain::kMaxCompetitorNotesLength);
    input.issues = in.Finish();
    return input;
}

app::ComparisonRowInput ReadRow(JsonInput& in) {
    app::ComparisonRowInput input;
    input.capability = in.String("capability", domain::kMaxCapabilityLength);
    input.item_id = in.NullableString("item_id");
    input.position = in.Int("position", 0, domain::kMaxRowPosition);
    input.issues = in.Finish();
    return input;
}

app::ComparisonCellInput ReadCell(JsonInput& in) {
    app::ComparisonCellInput input;
    input.value = in.Enum("value", domain::ParseComparisonValue, kValues);
    input.note = in.NullableString("note");
    input.issues = in.Finish();
    return input;
}

app::MarketNoteInput ReadNote(JsonInput& in) {
    app::MarketNoteInput input;
    input.title = in.String("title", domain::kMaxMarketNoteTitleLength);
    input.kind = in.Enum("kind", domain::ParseMarketNoteKind, kKinds);
    input.body = in.String("body", domain::kMaxMarketNoteBodyLength);
    input.date = in.String("date", 10);
    input.sources = ReadWebLinks(in, "sources");
    if (const json::value* impact = in.Raw("impact")) {
        if (impact->is_null()) {
            input.impact = std::optional<domain::MarketRating>{};
        } else if (!impact->is_string()) {
            in.AddIssue("impact", "must be one of " + std::string(kRatings) + " or null");
        } else if (auto rating = domain::ParseMarketRating(impact->as_string())) {
            input.impact = rating;
        } else {
            in.AddIssue("impact", "must be one of " + std::string(kRatings) + " or null");
        }
    }
    input.competitor_id = in.NullableString("competitor_id");
    input.persona_id = in.NullableString("persona_id");
    input.tags = ReadStrings(in, "tags");
    input.issues = in.Finish();
    return input;
}

Response PersonaAnswer(int status, const app::PersonaView& v) {
    return Versioned(status, app::ToJson(v), v.persona.version);
}

Response CompetitorAnswer(int status, const app::CompetitorView& v) {
    return Versioned(status, app::ToJson(v, true), v.competitor.version);
}

Response RowAnswer(int status, const app::ComparisonRowView& v) {
    return Versioned(status, app::ToJson(v), v.row.version);
}

Response NoteAnswer(int status, const app::MarketNoteView& v) {
    return Versioned(status, app::ToJson(v), v.note.version);
}

void AddPersonaRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/products/{id}/personas",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadPersona(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreatePersona(call.app, call.actor, req.Param("id"), input));
                   return PersonaAnswer(201, view);
               });
    router.Add("GET",
               "/api/v1/products/{id}/personas",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::PersonaFilter filter;
                   filter.segment = std::string(req.Query("segment").value_or(""));
                   filter.q = std::string(req.Query("q").value_or(""));
                   filter.item = std::string(req.Query("item").value_or(""));
                   TL_ASSIGN_OR_RETURN(
                       auto list, app::ListPersonas(call.app, call.actor, req.Param("id"), filter));
                   json::array data;
                   for (const auto& p : list) {
                       data.push_back(app::ToJson(p));
                   }
                   return PageAnswer(std::move(data), "");
               });
    router.Add("GET",
               "/api/v1/personas/{id}",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetPersona(call.app, call.actor, req.Param("id")));
                   return PersonaAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/personas/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadPersona(in);
                   auto view =
                       app::UpdatePersona(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetPersona(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return PersonaAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/personas/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeletePersona(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

void AddCompetitorRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/products/{id}/competitors",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCompetitor(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateCompetitor(call.app, call.actor, req.Param("id"), input));
                   return CompetitorAnswer(201, view);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/competitors",
        Action::kMarketRead,
        [](Request& req, Call& call) -> Result<Response> {
            app::CompetitorFilter filter;
            filter.q = std::string(req.Query("q").value_or(""));
            if (auto t = req.Query("threat"); t && !t->empty()) {
                filter.threat = domain::ParseMarketRating(*t);
                if (!filter.threat) {
                    // Authorise before reporting a bad filter.
                    TL_TRY(app::ListCompetitors(call.app, call.actor, req.Param("id"), {}));
                    return Fail(
                        ValidationFailed({{"threat", "must be one of " + std::string(kRatings)}}));
                }
            }
            TL_ASSIGN_OR_RETURN(
                auto list, app::ListCompetitors(call.app, call.actor, req.Param("id"), filter));
            json::array data;
            for (const auto& c : list) {
                data.push_back(app::ToJson(c, false));
            }
            return PageAnswer(std::move(data), "");
        });
    router.Add("GET",
               "/api/v1/competitors/{id}",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetCompetitor(call.app, call.actor, req.Param("id")));
                   return CompetitorAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/competitors/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadCompetitor(in);
                   auto view = app::UpdateCompetitor(
                       call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetCompetitor(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current, true));
                   }
                   TL_TRY(view);
                   return CompetitorAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/competitors/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteCompetitor(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

void AddComparisonRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/comparison",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetComparison(call.app, call.actor, req.Param("id")));
                   return JsonAnswer(200, app::ToJson(view));
               });
    router.Add("POST",
               "/api/v1/products/{id}/comparison/rows",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadRow(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateComparisonRow(call.app, call.actor, req.Param("id"), input));
                   return RowAnswer(201, view);
               });
    router.Add(
        "PATCH",
        "/api/v1/comparison-rows/{id}",
        Action::kMarketWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            auto input = ReadRow(in);
            auto view =
                app::UpdateComparisonRow(call.app, call.actor, req.Param("id"), input, if_match);
            if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(auto current,
                                    app::GetComparisonRow(call.app, call.actor, req.Param("id")));
                return StaleVersion(view.error(), app::ToJson(current));
            }
            TL_TRY(view);
            return RowAnswer(200, *view);
        });
    router.Add("DELETE",
               "/api/v1/comparison-rows/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteComparisonRow(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add(
        "PUT",
        "/api/v1/comparison-rows/{id}/cells/{competitor_id}",
        Action::kMarketWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            auto input = ReadCell(in);
            TL_ASSIGN_OR_RETURN(
                auto view,
                app::SetComparisonCell(
                    call.app, call.actor, req.Param("id"), req.Param("competitor_id"), input));
            return RowAnswer(200, view);
        });
    router.Add("DELETE",
               "/api/v1/comparison-rows/{id}/cells/{competitor_id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::ClearComparisonCell(
                           call.app, call.actor, req.Param("id"), req.Param("competitor_id")));
                   return RowAnswer(200, view);
               });
}

void AddMarketNoteRoutes(Router& router) {
    router.Add("POST",
               "/api/v1/products/{id}/market-notes",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadNote(in);
                   TL_ASSIGN_OR_RETURN(
                       auto view,
                       app::CreateMarketNote(call.app, call.actor, req.Param("id"), input));
                   return NoteAnswer(201, view);
               });
    router.Add("GET",
               "/api/v1/products/{id}/market-notes",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   app::MarketNoteQuery query;
                   domain::Issues issues;
                   auto page_params = ReadPageParams(req);
                   if (!page_params) {
                       issues = page_params.error().details;
                   } else {
                       query.limit = page_params->limit;
                       query.cursor = page_params->cursor;
                   }
                   if (auto k = req.Query("kind"); k && !k->empty()) {
                       query.kind = domain::ParseMarketNoteKind(*k);
                       if (!query.kind) {
                           issues.push_back({"kind", "must be one of " + std::string(kKinds)});
                       }
                   }
                   query.competitor_id = std::string(req.Query("competitor").value_or(""));
                   query.persona_id = std::string(req.Query("persona").value_or(""));
                   query.tag = std::string(req.Query("tag").value_or(""));
                   query.q = std::string(req.Query("q").value_or(""));
                   if (!issues.empty()) {
                       // Authorise before reporting bad parameters.
                       app::MarketNoteQuery probe;
                       probe.limit = 1;
                       TL_TRY(app::ListMarketNotes(call.app, call.actor, req.Param("id"), probe));
                       return Fail(ValidationFailed(std::move(issues)));
                   }
                   TL_ASSIGN_OR_RETURN(
                       auto page,
                       app::ListMarketNotes(call.app, call.actor, req.Param("id"), query));
                   json::array data;
                   for (const auto& n : page.notes) {
                       data.push_back(app::ToJson(n));
                   }
                   return PageAnswer(std::move(data), page.next_cursor);
               });
    router.Add("GET",
               "/api/v1/market-notes/{id}",
               Action::kMarketRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetMarketNote(call.app, call.actor, req.Param("id")));
                   return NoteAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/market-notes/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadNote(in);
                   auto view = app::UpdateMarketNote(
                       call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(
                           auto current, app::GetMarketNote(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), app::ToJson(current));
                   }
                   TL_TRY(view);
                   return NoteAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/market-notes/{id}",
               Action::kMarketWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteMarketNote(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
}

}  // namespace

void AddMarketRoutes(Router& router) {
    AddPersonaRoutes(router);
    AddCompetitorRoutes(router);
    AddComparisonRoutes(router);
    AddMarketNoteRoutes(router);
}

}  // namespace tl::http
