#include "app/prioritisation/prioritisation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"
#include "domain/item.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;
using domain::PrioritisationModel;

constexpr int kMaxHistory = 200;

// A number for JSON: whole values as integers (800, not 8E2).
json::value Number(double v) {
    if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15) {
        return static_cast<std::int64_t>(v);
    }
    return v;
}
json::value NumberOrNull(const std::optional<double>& v) {
    if (!v) {
        return nullptr;
    }
    return Number(*v);
}

std::string Fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    // Trim trailing zeros of the fraction ("2.50" → "2.5", "4.00" → "4").
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') {
            s.pop_back();
        }
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    return s;
}

// Reads one model's fields from a JSON object, naming them "<model>.<field>", and flags the
// fields it does not know.
class InputReader {
public:
    InputReader(const json::value& body, std::string prefix, domain::Issues& issues)
        : prefix_(std::move(prefix)), issues_(issues) {
        if (const auto* obj = body.if_object()) {
            obj_ = obj;
        } else {
            issues_.push_back({prefix_, "must be an object of the model's inputs"});
        }
    }
    bool ok() const { return obj_ != nullptr; }

    std::optional<double> Number(std::string_view field) {
        const json::value* v = Take(field);
        if (!v) {
            return std::nullopt;
        }
        if (v->is_int64()) {
            return static_cast<double>(v->as_int64());
        }
        if (v->is_uint64()) {
            return static_cast<double>(v->as_uint64());
        }
        if (v->is_double()) {
            return v->as_double();
        }
        issues_.push_back({Name(field), "must be a number"});
        return std::nullopt;
    }
    // A whole number; any other number is out of range (the caller's check says which).
    std::optional<int> Whole(std::string_view field) {
        auto n = Number(field);
        if (!n) {
            return std::nullopt;
        }
        if (std::floor(*n) != *n || std::fabs(*n) > 1e6) {
            return 0;  // out of every range: the model's check names it
        }
        return static_cast<int>(*n);
    }
    std::optional<std::string> String(std::string_view field) {
        const json::value* v = Take(field);
        if (!v) {
            return std::nullopt;
        }
        if (!v->is_string()) {
            issues_.push_back({Name(field), "must be a string"});
            return std::nullopt;
        }
        return std::string(v->as_string());
    }
    const json::value* Raw(std::string_view field) { return Take(field); }
    void Finish() {
        if (!obj_) {
            return;
        }
        for (const auto& [key, value] : *obj_) {
            if (!read_.contains(std::string(key))) {
                issues_.push_back({Name(key), "is not an input of this model"});
            }
        }
    }
    std::string Name(std::string_view field) const { return prefix_ + "." + std::string(field); }

private:
    const json::value* Take(std::string_view field) {
        if (!obj_) {
            return nullptr;
        }
        read_.insert(std::string(field));
        const json::value* v = obj_->if_contains(field);
        if (!v || v->is_null()) {
            issues_.push_back({Name(field), "is required"});
            return nullptr;
        }
        return v;
    }

    std::string prefix_;
    domain::Issues& issues_;
    const json::object* obj_ = nullptr;
    std::set<std::string> read_;
};

// What one model's inputs come to.
struct Evaluated {
    json::object inputs;  // canonical, as stored
    std::optional<double> score;
};

std::string ModelKind(const domain::ModelRef& ref) {
    return ref.model == PrioritisationModel::kScorecard ? "scorecard" : domain::ToString(ref);
}

Result<Evaluated> Evaluate(const domain::ModelRef& ref,
                           const json::value& body,
                           const domain::Scorecard* card) {
    domain::Issues issues;
    InputReader in(body, ModelKind(ref), issues);
    Evaluated out;
    switch (ref.model) {
        case PrioritisationModel::kRice: {
            auto reach = in.Number("reach");
            auto impact = in.Number("impact");
            auto confidence = in.Number("confidence");
            auto effort = in.Number("effort");
            in.Finish();
            // Absent fields (already named) read as valid values, so the others are checked.
            domain::RiceInputs r{reach.value_or(0),
                                 impact.value_or(1),
                                 confidence.value_or(100),
                                 effort.value_or(1)};
            domain::Check(issues, r);
            if (issues.empty()) {
                out.inputs = {{"reach", Number(r.reach)},
                              {"impact", Number(r.impact)},
                              {"confidence", Number(r.confidence)},
                              {"effort", Number(r.effort)}};
                out.score = domain::Score(r);
            }
            break;
        }
        case PrioritisationModel::kWsjf: {
            auto bv = in.Whole("business_value");
            auto tc = in.Whole("time_criticality");
            auto rr = in.Whole("risk_reduction");
            auto js = in.Whole("job_size");
            in.Finish();
            domain::WsjfInputs w{bv.value_or(1), tc.value_or(1), rr.value_or(1), js.value_or(1)};
            domain::Check(issues, w);
            if (issues.empty()) {
                out.inputs = {{"business_value", w.business_value},
                              {"time_criticality", w.time_criticality},
                              {"risk_reduction", w.risk_reduction},
                              {"job_size", w.job_size}};
                out.score = domain::Score(w);
            }
            break;
        }
        case PrioritisationModel::kValueEffort: {
            auto value = in.Whole("value");
            auto effort = in.Whole("effort");
            in.Finish();
            domain::ValueEffortInputs v{value.value_or(1), effort.value_or(1)};
            domain::Check(issues, v);
            if (issues.empty()) {
                out.inputs = {{"value", v.value}, {"effort", v.effort}};
                out.score = domain::Score(v);
            }
            break;
        }
        case PrioritisationModel::kMoscow: {
            auto category = in.String("category");
            in.Finish();
            if (category) {
                if (auto m = domain::ParseMoscow(*category)) {
                    out.inputs = {{"category", domain::ToString(*m)}};
                    out.score = domain::Score(*m);
                } else {
                    issues.push_back(
                        {"moscow.category", "must be one of " + std::string(domain::kMoscowNames)});
                }
            }
            break;
        }
        case PrioritisationModel::kKano: {
            auto category = in.String("category");
            in.Finish();
            if (category) {
                if (auto k = domain::ParseKano(*category)) {
                    out.inputs = {{"category", domain::ToString(*k)}};
                    out.score = domain::Score(*k);
                } else {
                    issues.push_back(
                        {"kano.category", "must be one of " + std::string(domain::kKanoNames)});
                }
            }
            break;
        }
        case PrioritisationModel::kScorecard: {
            const json::value* raw = in.Raw("ratings");
            in.Finish();
            domain::Ratings ratings;
            if (raw) {
                if (const auto* obj = raw->if_object()) {
                    for (const auto& [key, value] : *obj) {
                        const std::string field = "scorecard.ratings." + std::string(key);
                        double n = 0;
                        if (value.is_int64()) {
                            n = static_cast<double>(value.as_int64());
                        } else if (value.is_double()) {
                            n = value.as_double();
                        } else {
                            issues.push_back({field, "must be a whole number from 1 to 5"});
                            continue;
                        }
                        ratings[std::string(key)] =
                            std::floor(n) == n && std::fabs(n) < 100 ? static_cast<int>(n) : 0;
                    }
                } else {
                    issues.push_back({"scorecard.ratings", "must be an object of ratings"});
                }
            }
            if (card) {
                domain::CheckRatings(issues, *card, ratings);
            }
            if (issues.empty() && card) {
                json::object r;
                for (const auto& [id, rating] : ratings) {
                    r[id] = rating;
                }
                out.inputs = {{"ratings", std::move(r)}};
                out.score = domain::Score(*card, ratings);
            }
            break;
        }
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    return out;
}

domain::Ratings RatingsOf(const json::object& inputs) {
    domain::Ratings out;
    if (const auto* r = inputs.if_contains("ratings"); r && r->is_object()) {
        for (const auto& [key, value] : r->as_object()) {
            if (value.is_int64()) {
                out[std::string(key)] = static_cast<int>(value.as_int64());
            }
        }
    }
    return out;
}

json::object ParseInputs(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object()) {
        return {};
    }
    return std::move(v.as_object());
}

// A few words for a table cell: "R 2000 · I 2 · C 80% · E 4".
std::string Summary(const domain::ModelRef& ref,
                    const json::object& inputs,
                    const domain::Scorecard* card) {
    auto num = [&](std::string_view k) -> std::string {
        const auto* v = inputs.if_contains(k);
        if (!v) {
            return "?";
        }
        if (v->is_int64()) {
            return std::to_string(v->as_int64());
        }
        if (v->is_double()) {
            return Fixed(v->as_double(), 2);
        }
        return "?";
    };
    switch (ref.model) {
        case PrioritisationModel::kRice:
            return "R " + num("reach") + " · I " + num("impact") + " · C " + num("confidence") +
                   "% · E " + num("effort");
        case PrioritisationModel::kWsjf:
            return "BV " + num("business_value") + " · TC " + num("time_criticality") + " · RR " +
                   num("risk_reduction") + " · JS " + num("job_size");
        case PrioritisationModel::kValueEffort:
            return "V " + num("value") + " · E " + num("effort");
        case PrioritisationModel::kMoscow:
        case PrioritisationModel::kKano: {
            const auto* c = inputs.if_contains("category");
            return c && c->is_string() ? std::string(c->as_string()) : "";
        }
        case PrioritisationModel::kScorecard: {
            std::string out;
            const auto ratings = RatingsOf(inputs);
            if (card) {
                for (const auto& c : card->criteria) {
                    auto it = ratings.find(c.id);
                    out += (out.empty() ? "" : " · ") + c.name + " " +
                           (it == ratings.end() ? "–" : std::to_string(it->second));
                }
            }
            return out;
        }
    }
    return "";
}

// Model-specific figures beside the score.
void AddDerived(json::object& out,
                const domain::ModelRef& ref,
                const json::object& inputs,
                const domain::Scorecard* card) {
    auto whole = [&](std::string_view k) {
        const auto* v = inputs.if_contains(k);
        return v && v->is_int64() ? static_cast<int>(v->as_int64()) : 0;
    };
    switch (ref.model) {
        case PrioritisationModel::kWsjf:
            out["cost_of_delay"] =
                whole("business_value") + whole("time_criticality") + whole("risk_reduction");
            break;
        case PrioritisationModel::kValueEffort:
            out["quadrant"] =
                domain::ToString(domain::QuadrantOf({whole("value"), whole("effort")}));
            break;
        case PrioritisationModel::kMoscow:
        case PrioritisationModel::kKano:
            if (const auto* c = inputs.if_contains("category")) {
                out["category"] = *c;
            }
            break;
        case PrioritisationModel::kScorecard:
            if (card) {
                out["scorecard"] = {{"id", card->id}, {"name", card->name}};
            }
            break;
        case PrioritisationModel::kRice:
            break;
    }
}

json::object ScoreJson(const domain::ItemScore& s,
                       const domain::ModelRef& ref,
                       const domain::Scorecard* card,
                       const std::string& by_name) {
    json::object inputs = ParseInputs(s.inputs);
    json::object out{{"item_id", s.item_id},
                     {"model", s.model},
                     {"inputs", inputs},
                     {"score", NumberOrNull(s.score)}};
    AddDerived(out, ref, inputs, card);
    out["summary"] = Summary(ref, inputs, card);
    out["version"] = s.version;
    out["updated_by"] = UserRefOrNull(s.updated_by, by_name);
    out["updated_at"] = s.updated_at;
    return out;
}

// The model named in a path, for the item's product: a scorecard must be one of its.
Result<std::pair<domain::ModelRef, std::optional<domain::Scorecard>>> ResolveModel(
    storage::Tx& tx, const domain::Item& item, const std::string& model) {
    auto ref = domain::ParseModelRef(model);
    if (!ref) {
        return Fail(
            ValidationFailed({{"model", "must be one of " + std::string(domain::kModelNames)}}));
    }
    std::optional<domain::Scorecard> card;
    if (ref->model == PrioritisationModel::kScorecard) {
        auto found = tx.GetScorecard(item.workspace_id, ref->scorecard_id);
        if (!found || found->product_id != item.product_id) {
            return Fail(NotFound("scorecard"));
        }
        card = std::move(*found);
    }
    return std::make_pair(*ref, std::move(card));
}

Result<void> RecordScoreEvent(storage::Tx& tx,
                              const Actor& actor,
                              std::int64_t now,
                              const domain::Item& item,
                              std::string action,
                              json::object before,
                              json::object after) {
    return RecordEvent(tx,
                       actor,
                       now,
                       {"item_score",
                        item.id,
                        item.product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

Result<void> RecordChange(storage::Tx& tx,
                          const std::string& actor_id,
                          std::int64_t now,
                          const domain::ItemScore& s,
                          std::string change,
                          bool deleted) {
    // Changes within one millisecond keep their order (the history reads newest first).
    TL_ASSIGN_OR_RETURN(auto latest, tx.ListScoreChanges(s.workspace_id, s.item_id, s.model, 1));
    now = StampAfter(now, latest, &domain::ScoreChange::at);
    domain::ScoreChange c;
    c.id = NewId("sch", now);
    c.workspace_id = s.workspace_id;
    c.product_id = s.product_id;
    c.item_id = s.item_id;
    c.model = s.model;
    c.change = std::move(change);
    if (!deleted) {
        c.inputs = s.inputs;
        c.score = s.score;
    }
    c.by = actor_id;
    c.at = now;
    return tx.InsertScoreChange(c);
}

Result<domain::Item> AuthorizeScoredItem(storage::Tx& tx,
                                         const Actor& actor,
                                         const std::string& id_or_key,
                                         domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id_or_key, action));
    return item;
}

std::optional<domain::Scorecard> FindCard(const std::vector<domain::Scorecard>& cards,
                                          const std::string& id) {
    for (const auto& c : cards) {
        if (c.id == id) {
            return c;
        }
    }
    return std::nullopt;
}

// ---- Scorecards ----

Result<domain::Scorecard> LoadCard(storage::Tx& tx,
                                   const Actor& actor,
                                   const std::string& id,
                                   domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto card, tx.GetScorecard(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, card.product_id, action, "scorecard"));
    return card;
}

// Applies the input; new criteria get ids, known ids keep theirs. An id the card does not have
// is named.
void Apply(const ScorecardInput& input,
           domain::Scorecard& card,
           domain::Issues& issues,
           std::int64_t now) {
    if (input.name) {
        card.name = *input.name;
    }
    if (input.criteria) {
        std::vector<domain::ScorecardCriterion> next;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < input.criteria->size(); ++i) {
            const auto& c = (*input.criteria)[i];
            domain::ScorecardCriterion out{c.id, c.name, c.weight};
            if (out.id.empty()) {
                out.id = NewId("crt", now);
            } else {
                const bool known = std::any_of(card.criteria.begin(),
                                               card.criteria.end(),
                                               [&](const auto& k) { return k.id == c.id; });
                if (!known || !seen.insert(c.id).second) {
                    issues.push_back({"criteria." + std::to_string(i) + ".id",
                                      "is not a criterion of the scorecard"});
                }
            }
            next.push_back(std::move(out));
        }
        card.criteria = std::move(next);
    }
}

// The card's checks, leaving out fields the input already named (a missing name is not also
// too short).
void CheckCard(domain::Issues& issues, const domain::Scorecard& card) {
    domain::Issues found;
    domain::Check(found, card);
    for (auto& f : found) {
        const bool named = std::any_of(
            issues.begin(), issues.end(), [&](const auto& i) { return i.field == f.field; });
        if (!named) {
            issues.push_back(std::move(f));
        }
    }
}

Result<ScorecardView> ViewOf(storage::Tx& tx, domain::Scorecard card) {
    ScorecardView v;
    if (!card.created_by.empty()) {
        if (auto u = tx.GetUser(card.workspace_id, card.created_by)) {
            v.created_by_name = u->name;
        }
    }
    v.card = std::move(card);
    return v;
}

// Recomputes every stored score under the card after its criteria changed; each changed score
// gets a "recomputed" history entry and event.
Result<void> Recompute(storage::Tx& tx,
                       const Actor& actor,
                       std::int64_t now,
                       const domain::Scorecard& card) {
    const domain::ModelRef ref{PrioritisationModel::kScorecard, card.id};
    const std::string model = domain::ToString(ref);
    TL_ASSIGN_OR_RETURN(auto scores, tx.ListModelScores(card.workspace_id, card.product_id, model));
    if (scores.empty()) {
        return {};
    }
    std::vector<std::string> ids;
    for (const auto& s : scores) {
        ids.push_back(s.item_id);
    }
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(card.workspace_id, ids));
    std::map<std::string, domain::Item> by_id;
    for (auto& i : items) {
        by_id.emplace(i.id, std::move(i));
    }
    for (auto& s : scores) {
        const auto ratings = domain::KeepCardRatings(card, RatingsOf(ParseInputs(s.inputs)));
        json::object r;
        for (const auto& [id, rating] : ratings) {
            r[id] = rating;
        }
        domain::ItemScore next = s;
        next.inputs = json::serialize(json::object{{"ratings", std::move(r)}});
        next.score = domain::Score(card, ratings);
        if (next.inputs == s.inputs && next.score == s.score) {
            continue;
        }
        next.version = s.version + 1;
        next.updated_by = actor.user_id;
        next.updated_at = now;
        TL_TRY(tx.PutItemScore(next));
        TL_TRY(RecordChange(tx, actor.user_id, now, next, "recomputed", false));
        auto it = by_id.find(s.item_id);
        if (it != by_id.end()) {
            TL_TRY(RecordScoreEvent(tx,
                                    actor,
                                    now,
                                    it->second,
                                    "recomputed",
                                    ScoreJson(s, ref, &card, ""),
                                    ScoreJson(next, ref, &card, actor.name)));
        }
    }
    return {};
}

}  // namespace

bool IsPrioritised(domain::ItemType type) {
    return type == domain::ItemType::kEpic || type == domain::ItemType::kFeature ||
           type == domain::ItemType::kStory || type == domain::ItemType::kBug;
}

Result<json::object> GetItemScores(AppContext& ctx,
                                   const Actor& actor,
                                   const std::string& item_id_or_key) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto item,
            AuthorizeScoredItem(tx, actor, item_id_or_key, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto scores, tx.ListItemScores(actor.workspace_id, item.id));
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListScorecards(actor.workspace_id, item.product_id));
        UserNames names(tx, actor.workspace_id);
        json::array data;
        for (const auto& s : scores) {
            auto ref = domain::ParseModelRef(s.model);
            if (!ref) {
                continue;
            }
            std::optional<domain::Scorecard> card;
            if (ref->model == PrioritisationModel::kScorecard) {
                card = FindCard(cards, ref->scorecard_id);
            }
            data.push_back(ScoreJson(s, *ref, card ? &*card : nullptr, names.Of(s.updated_by)));
        }
        out = {{"item_id", item.id}, {"product_id", item.product_id}, {"scores", std::move(data)}};
        return {};
    }));
    return out;
}

Result<json::object> PutItemScore(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& item_id_or_key,
                                  const std::string& model,
                                  const json::value& body) {
    json::object out;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto item,
            AuthorizeScoredItem(tx, actor, item_id_or_key, domain::Action::kBacklogPropose));
        if (!IsPrioritised(item.type)) {
            return Fail(ValidationFailed(
                {{"item", "only epics, features, stories and bugs are prioritised"}}));
        }
        TL_ASSIGN_OR_RETURN(auto resolved, ResolveModel(tx, item, model));
        const auto& [ref, card] = resolved;
        const domain::Scorecard* card_ptr = card ? &*card : nullptr;
        TL_ASSIGN_OR_RETURN(auto evaluated, Evaluate(ref, body, card_ptr));

        const std::string model_name = domain::ToString(ref);
        TL_ASSIGN_OR_RETURN(auto existing, tx.ListItemScores(actor.workspace_id, item.id));
        std::optional<domain::ItemScore> before;
        for (auto& s : existing) {
            if (s.model == model_name) {
                before = std::move(s);
            }
        }
        domain::ItemScore next;
        next.workspace_id = actor.workspace_id;
        next.item_id = item.id;
        next.product_id = item.product_id;
        next.model = model_name;
        next.inputs = json::serialize(evaluated.inputs);
        next.score = evaluated.score;
        next.updated_by = actor.user_id;
        next.updated_at = now;
        if (before && before->inputs == next.inputs) {
            UserNames names(tx, actor.workspace_id);
            out = ScoreJson(*before, ref, card_ptr, names.Of(before->updated_by));
            return {};  // nothing changes: no new version, no history, no event
        }
        next.version = before ? before->version + 1 : 1;
        TL_TRY(tx.PutItemScore(next));
        TL_TRY(RecordChange(tx, actor.user_id, now, next, "set", false));
        out = ScoreJson(next, ref, card_ptr, actor.name);
        json::object prior;
        if (before) {
            UserNames names(tx, actor.workspace_id);
            prior = ScoreJson(*before, ref, card_ptr, names.Of(before->updated_by));
        }
        return RecordScoreEvent(
            tx, actor, now, item, before ? "updated" : "created", std::move(prior), out);
    }));
    return out;
}

Result<void> DeleteItemScore(AppContext& ctx,
                             const Actor& actor,
                             const std::string& item_id_or_key,
                             const std::string& model) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto item,
            AuthorizeScoredItem(tx, actor, item_id_or_key, domain::Action::kBacklogPropose));
        auto ref = domain::ParseModelRef(model);
        if (!ref) {
            return Fail(ValidationFailed(
                {{"model", "must be one of " + std::string(domain::kModelNames)}}));
        }
        const std::string model_name = domain::ToString(*ref);
        TL_ASSIGN_OR_RETURN(auto existing, tx.ListItemScores(actor.workspace_id, item.id));
        auto it = std::find_if(
            existing.begin(), existing.end(), [&](const auto& s) { return s.model == model_name; });
        if (it == existing.end()) {
            return Fail(NotFound("score"));
        }
        TL_TRY(tx.DeleteItemScore(actor.workspace_id, item.id, model_name));
        TL_TRY(RecordChange(tx, actor.user_id, now, *it, "deleted", true));
        UserNames names(tx, actor.workspace_id);
        return RecordScoreEvent(tx,
                                actor,
                                now,
                                item,
                                "deleted",
                                ScoreJson(*it, *ref, nullptr, names.Of(it->updated_by)),
                                {});
    });
}

Result<json::object> ScoreHistory(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& item_id_or_key,
                                  const std::string& model,
                                  int limit) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto item,
            AuthorizeScoredItem(tx, actor, item_id_or_key, domain::Action::kProductRead));
        domain::Issues issues;
        auto ref = domain::ParseModelRef(model);
        if (!ref) {
            issues.push_back({"model", "must be one of " + std::string(domain::kModelNames)});
        }
        if (limit < 1 || limit > kMaxHistory) {
            issues.push_back({"limit", "must be a whole number from 1 to 200"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(
            auto changes,
            tx.ListScoreChanges(actor.workspace_id, item.id, domain::ToString(*ref), limit));
        UserNames names(tx, actor.workspace_id);
        json::array data;
        for (const auto& c : changes) {
            json::object entry{{"id", c.id},
                               {"change", c.change},
                               {"model", c.model},
                               {"inputs", nullptr},
                               {"score", NumberOrNull(c.score)},
                               {"by", UserRefOrNull(c.by, names.Of(c.by))},
                               {"at", c.at}};
            if (!c.inputs.empty()) {
                entry["inputs"] = ParseInputs(c.inputs);
            }
            data.push_back(std::move(entry));
        }
        out = {{"data", std::move(data)}, {"next_cursor", nullptr}};
        return {};
    }));
    return out;
}

// ---- Scorecards ----

json::object ToJson(const domain::Scorecard& card, const std::string& created_by_name) {
    json::array criteria;
    for (const auto& c : card.criteria) {
        criteria.push_back(
            json::object{{"id", c.id}, {"name", c.name}, {"weight", Number(c.weight)}});
    }
    return json::object{
        {"id", card.id},
        {"product_id", card.product_id},
        {"name", card.name},
        {"model", domain::ToString(domain::ModelRef{PrioritisationModel::kScorecard, card.id})},
        {"criteria", std::move(criteria)},
        {"version", card.version},
        {"created_by", UserRefOrNull(card.created_by, created_by_name)},
        {"created_at", card.created_at},
        {"updated_at", card.updated_at}};
}

Result<std::vector<ScorecardView>> ListScorecards(AppContext& ctx,
                                                  const Actor& actor,
                                                  const std::string& product_id) {
    std::vector<ScorecardView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListScorecards(actor.workspace_id, product_id));
        UserNames names(tx, actor.workspace_id);
        for (auto& c : cards) {
            ScorecardView v;
            v.created_by_name = names.Of(c.created_by);
            v.card = std::move(c);
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<ScorecardView> CreateScorecard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& product_id,
                                      const ScorecardInput& input) {
    ScorecardView out;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        if (!input.name) {
            issues.push_back({"name", "is required"});
        }
        if (!input.criteria) {
            issues.push_back({"criteria", "is required"});
        }
        domain::Scorecard card;
        card.workspace_id = actor.workspace_id;
        card.product_id = product_id;
        Apply(input, card, issues, now);
        CheckCard(issues, card);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        card.id = NewId("scd", now);
        card.created_by = actor.user_id;
        card.created_at = now;
        card.updated_at = now;
        TL_TRY(tx.InsertScorecard(card));
        out.card = card;
        out.created_by_name = actor.name;
        return RecordEvent(
            tx,
            actor,
            now,
            {"scorecard", card.id, product_id, "created", {}, ToJson(card, actor.name)});
    }));
    return out;
}

Result<ScorecardView> GetScorecard(AppContext& ctx, const Actor& actor, const std::string& id) {
    ScorecardView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, LoadCard(tx, actor, id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(out, ViewOf(tx, std::move(card)));
        return {};
    }));
    return out;
}

Result<ScorecardView> UpdateScorecard(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& id,
                                      const ScorecardInput& input,
                                      std::optional<std::int64_t> if_match) {
    ScorecardView out;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, LoadCard(tx, actor, id, domain::Action::kStrategyWrite));
        domain::Issues issues = input.issues;
        domain::Scorecard next = current;
        Apply(input, next, issues, now);
        CheckCard(issues, next);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the scorecard was changed since version " + std::to_string(*if_match)));
        }
        TL_ASSIGN_OR_RETURN(auto before, ViewOf(tx, current));
        if (next.name == current.name && next.criteria == current.criteria) {
            out = std::move(before);
            return {};  // nothing changes: no new version, no event
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateScorecard(next, current.version));
        out.card = next;
        out.created_by_name = before.created_by_name;
        TL_TRY(RecordEvent(tx,
                           actor,
                           now,
                           {"scorecard",
                            next.id,
                            next.product_id,
                            "updated",
                            ToJson(current, before.created_by_name),
                            ToJson(next, before.created_by_name)}));
        if (next.criteria != current.criteria) {
            TL_TRY(Recompute(tx, actor, now, next));
        }
        return {};
    }));
    return out;
}

Result<void> DeleteScorecard(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, LoadCard(tx, actor, id, domain::Action::kStrategyWrite));
        TL_ASSIGN_OR_RETURN(auto view, ViewOf(tx, current));
        TL_TRY(tx.DeleteScorecard(actor.workspace_id, id));
        return RecordEvent(tx,
                           actor,
                           now,
                           {"scorecard",
                            id,
                            current.product_id,
                            "deleted",
                            ToJson(current, view.created_by_name),
                            {}});
    });
}

// ---- The ranked comparison ----

Result<json::object> Prioritisation(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const PrioritisationQuery& query) {
    json::object out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        domain::Issues issues = query.issues;
        auto ref = domain::ParseModelRef(query.model);
        if (!ref) {
            issues.push_back({"model", "must be one of " + std::string(domain::kModelNames)});
        }
        storage::PrioritisationFilter filter;
        filter.product_id = product_id;
        filter.status = query.status;
        filter.include_done = query.include_done;
        if (query.type.empty()) {
            filter.types = {domain::ItemType::kEpic,
                            domain::ItemType::kFeature,
                            domain::ItemType::kStory,
                            domain::ItemType::kBug};
        } else if (auto t = domain::ParseItemType(query.type); t && IsPrioritised(*t)) {
            filter.types = {*t};
        } else {
            issues.push_back({"type", "must be one of epic, feature, story, bug"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        std::optional<domain::Scorecard> card;
        if (ref->model == PrioritisationModel::kScorecard) {
            auto found = tx.GetScorecard(actor.workspace_id, ref->scorecard_id);
            if (!found || found->product_id != product_id) {
                return Fail(NotFound("scorecard"));
            }
            card = std::move(*found);
        }
        const domain::Scorecard* card_ptr = card ? &*card : nullptr;
        const std::string model_name = domain::ToString(*ref);
        TL_ASSIGN_OR_RETURN(auto items, tx.ListPrioritisationItems(actor.workspace_id, filter));
        TL_ASSIGN_OR_RETURN(auto scores,
                            tx.ListModelScores(actor.workspace_id, product_id, model_name));
        std::map<std::string, const domain::ItemScore*> score_of;
        for (const auto& s : scores) {
            score_of.emplace(s.item_id, &s);
        }
        std::vector<domain::RankCandidate> candidates;
        candidates.reserve(items.size());
        std::map<std::string, const storage::PrioritisationItem*> item_of;
        for (const auto& i : items) {
            auto it = score_of.find(i.id);
            candidates.push_back({i.id, it == score_of.end() ? std::nullopt : it->second->score});
            item_of.emplace(i.id, &i);
        }
        const auto ranked = domain::CompareRanks(candidates);
        json::array rows;
        for (const auto& e : ranked.entries) {
            const auto& i = *item_of.at(e.id);
            json::object row{
                {"id", i.id},
                {"key", domain::ItemKey(product.key, i.number)},
                {"title", i.title},
                {"type", domain::ToString(i.type)},
                {"status", i.status},
                {"points", PointsOrNull(i.points)},
                {"backlog_position", e.backlog_position},
                {"manual_position",
                 e.manual_position ? json::value(e.manual_position) : json::value(nullptr)},
                {"model_position",
                 e.model_position ? json::value(e.model_position) : json::value(nullptr)},
                {"score", NumberOrNull(e.score)},
                {"disagrees", e.disagrees}};
            auto it = score_of.find(i.id);
            if (it != score_of.end()) {
                json::object inputs = ParseInputs(it->second->inputs);
                AddDerived(row, *ref, inputs, card_ptr);
                row["summary"] = Summary(*ref, inputs, card_ptr);
                row["inputs"] = std::move(inputs);
            } else {
                row["inputs"] = nullptr;
                row["summary"] = nullptr;
                if (ref->model == PrioritisationModel::kValueEffort) {
                    row["quadrant"] = nullptr;
                }
            }
            rows.push_back(std::move(row));
        }
        out = {{"product_id", product_id},
               {"model", model_name},
               {"scorecard",
                card_ptr ? json::value(json::object{{"id", card_ptr->id}, {"name", card_ptr->name}})
                         : json::value(nullptr)},
               {"threshold", ranked.threshold},
               {"items", std::move(rows)},
               {"counts",
                {{"items", static_cast<std::int64_t>(items.size())},
                 {"scored", ranked.scored},
                 {"unscored", ranked.unscored},
                 {"disagreements", ranked.disagreements}}}};
        return {};
    }));
    return out;
}

}  // namespace tl::app
