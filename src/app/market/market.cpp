#include "app/market/market.hpp"

#include <algorithm>
#include <cctype>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"
#include "domain/search_words.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

namespace json = boost::json;
using domain::Action;

namespace {

constexpr std::size_t kFeedbackNameLength = 80;
constexpr std::size_t kMaxSearchWords = 20;

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

Result<void> Event(storage::Tx& tx,
                   const Actor& actor,
                   std::int64_t now,
                   std::string entity_type,
                   const std::string& id,
                   const std::string& product_id,
                   std::string action,
                   json::object before,
                   json::object after) {
    return RecordEvent(tx,
                       actor.workspace_id,
                       actor.user_id,
                       now,
                       {std::move(entity_type),
                        id,
                        product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

Error Stale(std::string_view what, std::int64_t version) {
    return MakeError(
        ErrorCode::kPreconditionFailed,
        "the " + std::string(what) + " was changed since version " + std::to_string(version));
}

// The first `max` code points of `text`.
std::string FirstCodePoints(std::string_view text, std::size_t max) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (count == max) {
                return std::string(text.substr(0, i));
            }
            ++count;
        }
    }
    return std::string(text);
}

json::array StringsJson(const std::vector<std::string>& list) {
    json::array out;
    for (const auto& s : list) {
        out.emplace_back(s);
    }
    return out;
}

json::array WebLinksJson(const std::vector<domain::WebLink>& links) {
    json::array out;
    for (const auto& l : links) {
        out.push_back(json::object{{"title", l.title}, {"url", l.url}});
    }
    return out;
}

json::value RefOrNull(const std::string& id, const std::string& name) {
    if (id.empty()) {
        return nullptr;
    }
    return json::object{{"id", id}, {"name", name}};
}

// ---- personas ----

Result<PersonaView> BuildPersonaView(storage::Tx& tx,
                                     const std::string& workspace_id,
                                     const domain::Product& product,
                                     domain::Persona p) {
    PersonaView v;
    UserNames names(tx, workspace_id);
    v.created_by_name = names.Of(p.created_by);
    std::vector<std::string> item_ids;
    for (const auto& l : p.links) {
        if (l.type == domain::PersonaLinkTarget::kItem) {
            item_ids.push_back(l.id);
        }
    }
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, item_ids));
    for (const auto& l : p.links) {
        PersonaLinkView lv;
        lv.link = l;
        bool found = false;
        if (l.type == domain::PersonaLinkTarget::kItem) {
            for (const auto& i : items) {
                if (i.id == l.id && i.product_id == product.id) {
                    lv.key = domain::ItemKey(product.key, i.number);
                    lv.name = i.title;
                    found = true;
                }
            }
        } else {
            auto f = tx.GetCustomerFeedback(workspace_id, l.id);
            if (!f && f.error().code != ErrorCode::kNotFound) {
                return Fail(f.error());
            }
            if (f && f->product_id == product.id) {
                lv.name = FirstCodePoints(f->text, kFeedbackNameLength);
                found = true;
            }
        }
        if (found) {
            v.links.push_back(std::move(lv));
        }
    }
    v.persona = std::move(p);
    return v;
}

// Resolves the input's links against the product (items by id or key); appends issues naming
// links.<i>.id and keeps the input's positions so the domain's checks name the same ones.
Result<std::vector<domain::PersonaLink>> ResolvePersonaLinks(
    storage::Tx& tx,
    const std::string& workspace_id,
    const domain::Product& product,
    const std::vector<PersonaLinkInput>& in,
    domain::Issues& issues) {
    std::vector<domain::PersonaLink> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string field = "links." + std::to_string(i) + ".id";
        if (!in[i].type) {
            out.push_back({domain::PersonaLinkTarget::kItem, "?" + std::to_string(i)});
            continue;
        }
        domain::PersonaLink link{*in[i].type, in[i].id};
        if (link.id.empty()) {
            out.push_back(std::move(link));
            continue;
        }
        if (link.type == domain::PersonaLinkTarget::kItem) {
            auto item = ResolveItem(tx, workspace_id, link.id);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (!item || item->product_id != product.id) {
                issues.push_back({field, "must be an item of the product"});
            } else {
                link.id = item->id;
            }
        } else {
            auto f = tx.GetCustomerFeedback(workspace_id, link.id);
            if (!f && f.error().code != ErrorCode::kNotFound) {
                return Fail(f.error());
            }
            if (!f || f->product_id != product.id) {
                issues.push_back({field, "must be feedback of the product"});
            }
        }
        out.push_back(std::move(link));
    }
    return out;
}

Result<void> ApplyPersona(storage::Tx& tx,
                          const std::string& workspace_id,
                          const domain::Product& product,
                          const PersonaInput& in,
                          domain::Persona& p,
                          domain::Issues& issues) {
    if (in.name) {
        p.name = *in.name;
    }
    if (in.segment) {
        p.segment = *in.segment;
    }
    if (in.role) {
        p.role = *in.role;
    }
    if (in.description) {
        p.description = *in.description;
    }
    if (in.goals) {
        p.goals = *in.goals;
    }
    if (in.pains) {
        p.pains = *in.pains;
    }
    if (in.quote) {
        p.quote = *in.quote;
    }
    if (in.links) {
        TL_ASSIGN_OR_RETURN(p.links,
                            ResolvePersonaLinks(tx, workspace_id, product, *in.links, issues));
    }
    MergeIssues(issues, domain::ValidatePersona(p));
    return {};
}

bool SamePersona(const domain::Persona& a, const domain::Persona& b) {
    const bool same_links =
        std::equal(a.links.begin(),
                   a.links.end(),
                   b.links.begin(),
                   b.links.end(),
                   [](const auto& x, const auto& y) { return x.type == y.type && x.id == y.id; });
    return a.name == b.name && a.segment == b.segment && a.role == b.role &&
           a.description == b.description && a.goals == b.goals && a.pains == b.pains &&
           a.quote == b.quote && same_links;
}

Result<std::pair<domain::Persona, domain::Product>> LoadPersona(storage::Tx& tx,
                                                                const Actor& actor,
                                                                const std::string& id,
                                                                Action action) {
    TL_ASSIGN_OR_RETURN(auto p, tx.GetPersona(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, p.product_id, action, "persona"));
    return std::make_pair(std::move(p), std::move(product));
}

// ---- competitors ----

Result<std::pair<domain::Competitor, domain::Product>> LoadCompetitor(storage::Tx& tx,
                                                                      const Actor& actor,
                                                                      const std::string& id,
                                                                      Action action) {
    TL_ASSIGN_OR_RETURN(auto c, tx.GetCompetitor(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, c.product_id, action, "competitor"));
    return std::make_pair(std::move(c), std::move(product));
}

void ApplyCompetitor(const CompetitorInput& in, domain::Competitor& c, domain::Issues& issues) {
    if (in.name) {
        c.name = *in.name;
    }
    if (in.website) {
        c.website = *in.website;
    }
    if (in.positioning) {
        c.positioning = *in.positioning;
    }
    if (in.pricing) {
        c.pricing = *in.pricing;
    }
    if (in.strengths) {
        c.strengths = *in.strengths;
    }
    if (in.weaknesses) {
        c.weaknesses = *in.weaknesses;
    }
    if (in.links) {
        c.links = *in.links;
    }
    if (in.threat) {
        c.threat = *in.threat;
    }
    if (in.notes) {
        c.notes = *in.notes;
    }
    MergeIssues(issues, domain::ValidateCompetitor(c));
}

bool SameCompetitor(const domain::Competitor& a, const domain::Competitor& b) {
    const bool same_links = std::equal(
        a.links.begin(), a.links.end(), b.links.begin(), b.links.end(), [](auto& x, auto& y) {
            return x.title == y.title && x.url == y.url;
        });
    return a.name == b.name && a.website == b.website && a.positioning == b.positioning &&
           a.pricing == b.pricing && a.strengths == b.strengths && a.weaknesses == b.weaknesses &&
           same_links && a.threat == b.threat && a.notes == b.notes;
}

// kConflict when another competitor of the product has the name (any case).
Result<void> CheckNameFree(storage::Tx& tx, const domain::Competitor& c) {
    TL_ASSIGN_OR_RETURN(auto all, tx.ListCompetitors(c.workspace_id, c.product_id));
    const std::string key = domain::CompetitorNameKey(c.name);
    for (const auto& other : all) {
        if (other.id != c.id && domain::CompetitorNameKey(other.name) == key) {
            return Fail(Conflict("the product has a competitor named \"" + other.name + "\""));
        }
    }
    return {};
}

// A write that may hit the unique name index concurrently: its kConflict gets the same words.
Result<void> NameConflictWords(Result<void> written, const domain::Competitor& c) {
    if (!written && written.error().code == ErrorCode::kConflict) {
        return Fail(Conflict("the product has a competitor named \"" + c.name + "\""));
    }
    return written;
}

// ---- the comparison matrix ----

// The rows of a product with their items, where we stand, and their cells.
Result<std::vector<ComparisonRowView>> BuildRowViews(storage::Tx& tx,
                                                     const std::string& workspace_id,
                                                     const domain::Product& product,
                                                     std::vector<domain::ComparisonRow> rows,
                                                     const std::string& only_row_id) {
    std::vector<std::string> item_ids;
    for (const auto& r : rows) {
        if (!r.item_id.empty()) {
            item_ids.push_back(r.item_id);
        }
    }
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, item_ids));
    TL_ASSIGN_OR_RETURN(auto cells, tx.ListComparisonCells(workspace_id, product.id, only_row_id));
    std::vector<ComparisonRowView> out;
    for (auto& r : rows) {
        ComparisonRowView v;
        for (const auto& i : items) {
            if (i.id == r.item_id && i.product_id == product.id) {
                v.item = ComparisonItemRef{
                    i.id, domain::ItemKey(product.key, i.number), i.title, i.type, i.status};
                v.ours = domain::OurStatusOf(i);
            }
        }
        for (const auto& c : cells) {
            if (c.row_id == r.id) {
                v.cells.emplace(c.competitor_id, c);
            }
        }
        v.row = std::move(r);
        out.push_back(std::move(v));
    }
    return out;
}

Result<ComparisonRowView> BuildRowView(storage::Tx& tx,
                                       const std::string& workspace_id,
                                       const domain::Product& product,
                                       domain::ComparisonRow row) {
    const std::string id = row.id;
    TL_ASSIGN_OR_RETURN(auto views, BuildRowViews(tx, workspace_id, product, {std::move(row)}, id));
    return std::move(views.at(0));
}

Result<std::pair<domain::ComparisonRow, domain::Product>> LoadRow(storage::Tx& tx,
                                                                  const Actor& actor,
                                                                  const std::string& id,
                                                                  Action action) {
    TL_ASSIGN_OR_RETURN(auto r, tx.GetComparisonRow(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, r.product_id, action, "comparison row"));
    return std::make_pair(std::move(r), std::move(product));
}

std::vector<domain::SummaryRow> SummaryRows(const std::vector<ComparisonRowView>& rows) {
    std::vector<domain::SummaryRow> out;
    for (const auto& r : rows) {
        domain::SummaryRow s;
        s.ours = r.ours;
        for (const auto& [competitor, cell] : r.cells) {
            s.cells.emplace(competitor, cell.value);
        }
        out.push_back(std::move(s));
    }
    return out;
}

// Applies the input to `row`: the item (an epic or feature of the product, by id or key) and
// the capability it defaults to, the position.
Result<void> ApplyRow(storage::Tx& tx,
                      const std::string& workspace_id,
                      const domain::Product& product,
                      const ComparisonRowInput& in,
                      domain::ComparisonRow& row,
                      domain::Issues& issues) {
    std::string item_title;
    if (in.item_id) {
        row.item_id = "";
        if (!in.item_id->empty()) {
            auto item = ResolveItem(tx, workspace_id, *in.item_id);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (!item || item->product_id != product.id) {
                issues.push_back({"item_id", "must be an item of the product"});
            } else if (!domain::ComparableItemType(item->type)) {
                issues.push_back({"item_id", "must be an epic or feature"});
            } else {
                row.item_id = item->id;
                item_title = item->title;
            }
        }
    }
    if (in.capability) {
        row.capability = *in.capability;
    } else if (row.capability.empty() && !item_title.empty()) {
        row.capability = FirstCodePoints(item_title, domain::kMaxCapabilityLength);
    }
    if (in.position) {
        row.position = *in.position;
    }
    MergeIssues(issues, domain::ValidateComparisonRow(row));
    return {};
}

// ---- market notes ----

Result<MarketNoteView> BuildNoteView(storage::Tx& tx,
                                     const std::string& workspace_id,
                                     domain::MarketNote n,
                                     UserNames& names) {
    MarketNoteView v;
    v.created_by_name = names.Of(n.created_by);
    if (!n.competitor_id.empty()) {
        auto c = tx.GetCompetitor(workspace_id, n.competitor_id);
        if (!c && c.error().code != ErrorCode::kNotFound) {
            return Fail(c.error());
        }
        if (c) {
            v.competitor_name = c->name;
        } else {
            n.competitor_id.clear();
        }
    }
    if (!n.persona_id.empty()) {
        auto p = tx.GetPersona(workspace_id, n.persona_id);
        if (!p && p.error().code != ErrorCode::kNotFound) {
            return Fail(p.error());
        }
        if (p) {
            v.persona_name = p->name;
        } else {
            n.persona_id.clear();
        }
    }
    v.note = std::move(n);
    return v;
}

Result<std::pair<domain::MarketNote, domain::Product>> LoadNote(storage::Tx& tx,
                                                                const Actor& actor,
                                                                const std::string& id,
                                                                Action action) {
    TL_ASSIGN_OR_RETURN(auto n, tx.GetMarketNote(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, n.product_id, action, "market note"));
    return std::make_pair(std::move(n), std::move(product));
}

Result<void> ApplyNote(storage::Tx& tx,
                       const std::string& workspace_id,
                       const domain::Product& product,
                       const MarketNoteInput& in,
                       domain::MarketNote& n,
                       domain::Issues& issues) {
    if (in.title) {
        n.title = *in.title;
    }
    if (in.kind) {
        n.kind = *in.kind;
    }
    if (in.body) {
        n.body = *in.body;
    }
    if (in.date) {
        n.date = *in.date;
    }
    if (in.sources) {
        n.sources = *in.sources;
    }
    if (in.impact) {
        n.impact = *in.impact;
    }
    if (in.tags) {
        n.tags = domain::NormalizeTags(*in.tags);
    }
    if (in.competitor_id) {
        n.competitor_id = *in.competitor_id;
        if (!n.competitor_id.empty()) {
            auto c = tx.GetCompetitor(workspace_id, n.competitor_id);
            if (!c && c.error().code != ErrorCode::kNotFound) {
                return Fail(c.error());
            }
            if (!c || c->product_id != product.id) {
                issues.push_back({"competitor_id", "must be a competitor of the product"});
            }
        }
    }
    if (in.persona_id) {
        n.persona_id = *in.persona_id;
        if (!n.persona_id.empty()) {
            auto p = tx.GetPersona(workspace_id, n.persona_id);
            if (!p && p.error().code != ErrorCode::kNotFound) {
                return Fail(p.error());
            }
            if (!p || p->product_id != product.id) {
                issues.push_back({"persona_id", "must be a persona of the product"});
            }
        }
    }
    MergeIssues(issues, domain::ValidateMarketNote(n));
    return {};
}

bool SameNote(const domain::MarketNote& a, const domain::MarketNote& b) {
    const bool same_sources =
        std::equal(a.sources.begin(),
                   a.sources.end(),
                   b.sources.begin(),
                   b.sources.end(),
                   [](auto& x, auto& y) { return x.title == y.title && x.url == y.url; });
    return a.title == b.title && a.kind == b.kind && a.body == b.body && a.date == b.date &&
           same_sources && a.impact == b.impact && a.competitor_id == b.competitor_id &&
           a.persona_id == b.persona_id && a.tags == b.tags;
}

// A notes cursor: "<date>.<created_at>.<id>".
struct NoteCursor {
    std::string date;
    std::int64_t at = 0;
    std::string id;
};

std::optional<NoteCursor> ParseNoteCursor(const std::string& text) {
    const auto first = text.find('.');
    if (first == std::string::npos) {
        return std::nullopt;
    }
    const auto second = text.find('.', first + 1);
    if (second == std::string::npos || second + 1 >= text.size()) {
        return std::nullopt;
    }
    NoteCursor c;
    c.date = text.substr(0, first);
    const std::string at = text.substr(first + 1, second - first - 1);
    if (!domain::IsCalendarDate(c.date) || at.empty() || at.size() > 18 ||
        !std::all_of(at.begin(), at.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) != 0;
        })) {
        return std::nullopt;
    }
    c.at = std::stoll(at);
    c.id = text.substr(second + 1);
    return c;
}

}  // namespace

// ---- JSON ----

json::object ToJson(const PersonaView& v) {
    const auto& p = v.persona;
    json::array links;
    for (const auto& l : v.links) {
        links.push_back(json::object{{"type", domain::ToString(l.link.type)},
                                     {"id", l.link.id},
                                     {"key", StringOrNull(l.key)},
                                     {"name", l.name}});
    }
    return json::object{{"id", p.id},
                        {"product_id", p.product_id},
                        {"name", p.name},
                        {"segment", p.segment},
                        {"role", p.role},
                        {"description", p.description},
                        {"goals", StringsJson(p.goals)},
                        {"pains", StringsJson(p.pains)},
                        {"quote", p.quote},
                        {"links", std::move(links)},
                        {"version", p.version},
                        {"created_by", UserRefOrNull(p.created_by, v.created_by_name)},
                        {"created_at", p.created_at},
                        {"updated_at", p.updated_at}};
}

json::object ToJson(const CompetitorView& v, bool detail) {
    const auto& c = v.competitor;
    json::object o{{"id", c.id},
                   {"product_id", c.product_id},
                   {"name", c.name},
                   {"website", c.website},
                   {"positioning", c.positioning},
                   {"pricing", c.pricing},
                   {"strengths", StringsJson(c.strengths)},
                   {"weaknesses", StringsJson(c.weaknesses)},
                   {"links", WebLinksJson(c.links)},
                   {"threat", domain::ToString(c.threat)},
                   {"notes", c.notes},
                   {"version", c.version},
                   {"created_at", c.created_at},
                   {"updated_at", c.updated_at}};
    if (detail) {
        const domain::ComparisonSummary s = v.comparison.value_or(domain::ComparisonSummary{});
        o["comparison"] = json::object{{"has", s.has},
                                       {"partial", s.partial},
                                       {"missing", s.missing},
                                       {"better", s.better},
                                       {"unknown", s.unknown}};
        o["notes_count"] = v.notes_count;
    }
    return o;
}

json::object ToJson(const ComparisonRowView& v) {
    json::object cells;
    for (const auto& [competitor, cell] : v.cells) {
        cells[competitor] = json::object{{"value", domain::ToString(cell.value)},
                                         {"note", cell.note},
                                         {"updated_at", cell.updated_at}};
    }
    json::value item = nullptr;
    if (v.item) {
        item = json::object{{"id", v.item->id},
                            {"key", v.item->key},
                            {"title", v.item->title},
                            {"type", domain::ToString(v.item->type)},
                            {"status", v.item->status}};
    }
    return json::object{
        {"id", v.row.id},
        {"capability", v.row.capability},
        {"position", v.row.position},
        {"item", std::move(item)},
        {"ours", v.ours ? json::value(domain::ToString(*v.ours)) : json::value(nullptr)},
        {"cells", std::move(cells)},
        {"version", v.row.version}};
}

json::object ToJson(const ComparisonView& v) {
    json::array competitors;
    for (const auto& c : v.competitors) {
        competitors.push_back(
            json::object{{"id", c.id}, {"name", c.name}, {"threat", domain::ToString(c.threat)}});
    }
    json::array rows;
    for (const auto& r : v.rows) {
        rows.push_back(ToJson(r));
    }
    json::array summary;
    for (const auto& s : v.summary) {
        summary.push_back(json::object{{"competitor_id", s.competitor_id},
                                       {"has", s.has},
                                       {"partial", s.partial},
                                       {"missing", s.missing},
                                       {"better", s.better},
                                       {"unknown", s.unknown},
                                       {"edge", s.edge},
                                       {"gap", s.gap}});
    }
    return json::object{{"competitors", std::move(competitors)},
                        {"rows", std::move(rows)},
                        {"summary", std::move(summary)}};
}

json::object ToJson(const MarketNoteView& v) {
    const auto& n = v.note;
    return json::object{
        {"id", n.id},
        {"product_id", n.product_id},
        {"title", n.title},
        {"kind", domain::ToString(n.kind)},
        {"body", n.body},
        {"date", n.date},
        {"sources", WebLinksJson(n.sources)},
        {"impact", n.impact ? json::value(domain::ToString(*n.impact)) : json::value(nullptr)},
        {"competitor", RefOrNull(n.competitor_id, v.competitor_name)},
        {"persona", RefOrNull(n.persona_id, v.persona_name)},
        {"tags", StringsJson(n.tags)},
        {"created_by", UserRefOrNull(n.created_by, v.created_by_name)},
        {"version", n.version},
        {"created_at", n.created_at},
        {"updated_at", n.updated_at}};
}

// ---- personas ----

Result<PersonaView> CreatePersona(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const PersonaInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    PersonaView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketWrite));
        domain::Issues issues = input.issues;
        domain::Persona p;
        p.id = NewId("per", now);
        p.workspace_id = actor.workspace_id;
        p.product_id = product.id;
        p.created_by = actor.user_id;
        p.created_at = now;
        p.updated_at = now;
        if (!input.name && !Names(issues, "name")) {
            issues.push_back({"name", "is required"});
        }
        TL_TRY(ApplyPersona(tx, actor.workspace_id, product, input, p, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertPersona(p));
        TL_ASSIGN_OR_RETURN(view, BuildPersonaView(tx, actor.workspace_id, product, p));
        return Event(tx, actor, now, "persona", p.id, p.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<std::vector<PersonaView>> ListPersonas(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id,
                                              const PersonaFilter& filter) {
    std::vector<PersonaView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketRead));
        std::optional<domain::PersonaLink> linked;
        if (!filter.item.empty()) {
            auto item = ResolveItem(tx, actor.workspace_id, filter.item);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (!item || item->product_id != product.id) {
                return {};  // no persona links to an item the product does not have
            }
            linked = domain::PersonaLink{domain::PersonaLinkTarget::kItem, item->id};
        }
        TL_ASSIGN_OR_RETURN(auto all, tx.ListPersonas(actor.workspace_id, product.id, linked));
        const std::string segment = Lower(filter.segment);
        for (auto& p : all) {
            if (!segment.empty() && Lower(p.segment) != segment) {
                continue;
            }
            if (!domain::MatchesText(p, filter.q)) {
                continue;
            }
            TL_ASSIGN_OR_RETURN(auto v,
                                BuildPersonaView(tx, actor.workspace_id, product, std::move(p)));
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<PersonaView> GetPersona(AppContext& ctx, const Actor& actor, const std::string& id) {
    PersonaView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadPersona(tx, actor, id, Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(
            view, BuildPersonaView(tx, actor.workspace_id, loaded.second, std::move(loaded.first)));
        return {};
    }));
    return view;
}

Result<PersonaView> UpdatePersona(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const PersonaInput& input,
                                  std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    PersonaView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadPersona(tx, actor, id, Action::kMarketWrite));
        auto& [current, product] = loaded;
        domain::Issues issues = input.issues;
        domain::Persona next = current;
        TL_TRY(ApplyPersona(tx, actor.workspace_id, product, input, next, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(Stale("persona", *if_match));
        }
        if (SamePersona(current, next)) {
            TL_ASSIGN_OR_RETURN(view, BuildPersonaView(tx, actor.workspace_id, product, current));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdatePersona(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before,
                            BuildPersonaView(tx, actor.workspace_id, product, current));
        TL_ASSIGN_OR_RETURN(view, BuildPersonaView(tx, actor.workspace_id, product, next));
        return Event(tx,
                     actor,
                     now,
                     "persona",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<void> DeletePersona(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadPersona(tx, actor, id, Action::kMarketWrite));
        auto& [p, product] = loaded;
        TL_ASSIGN_OR_RETURN(auto before, BuildPersonaView(tx, actor.workspace_id, product, p));
        TL_TRY(tx.DeletePersona(actor.workspace_id, p.id));
        return Event(tx, actor, now, "persona", p.id, p.product_id, "deleted", ToJson(before), {});
    });
}

// ---- competitors ----

Result<CompetitorView> CreateCompetitor(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const CompetitorInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    CompetitorView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketWrite));
        domain::Issues issues = input.issues;
        domain::Competitor c;
        c.id = NewId("cmp", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = product.id;
        c.created_by = actor.user_id;
        c.created_at = now;
        c.updated_at = now;
        if (!input.name && !Names(issues, "name")) {
            issues.push_back({"name", "is required"});
        }
        ApplyCompetitor(input, c, issues);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(CheckNameFree(tx, c));
        TL_TRY(NameConflictWords(tx.InsertCompetitor(c), c));
        view.competitor = c;
        view.comparison = domain::ComparisonSummary{};
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListComparisonRows(actor.workspace_id, product.id));
        view.comparison->competitor_id = c.id;
        view.comparison->unknown = static_cast<std::int64_t>(rows.size());
        return Event(
            tx, actor, now, "competitor", c.id, c.product_id, "created", {}, ToJson(view, false));
    }));
    return view;
}

Result<std::vector<CompetitorView>> ListCompetitors(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    const CompetitorFilter& filter) {
    std::vector<CompetitorView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(auto all, tx.ListCompetitors(actor.workspace_id, product.id));
        for (auto& c : all) {
            if (filter.threat && c.threat != *filter.threat) {
                continue;
            }
            if (!domain::MatchesText(c, filter.q)) {
                continue;
            }
            CompetitorView v;
            v.competitor = std::move(c);
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<CompetitorView> GetCompetitor(AppContext& ctx, const Actor& actor, const std::string& id) {
    CompetitorView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadCompetitor(tx, actor, id, Action::kMarketRead));
        auto& [c, product] = loaded;
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListComparisonRows(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto views,
                            BuildRowViews(tx, actor.workspace_id, product, std::move(rows), ""));
        view.comparison = domain::Summarize(c.id, SummaryRows(views));
        TL_ASSIGN_OR_RETURN(view.notes_count, tx.CountMarketNotesAbout(actor.workspace_id, c.id));
        view.competitor = std::move(c);
        return {};
    }));
    return view;
}

Result<CompetitorView> UpdateCompetitor(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const CompetitorInput& input,
                                        std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadCompetitor(tx, actor, id, Action::kMarketWrite));
        auto& current = loaded.first;
        domain::Issues issues = input.issues;
        domain::Competitor next = current;
        ApplyCompetitor(input, next, issues);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(Stale("competitor", *if_match));
        }
        if (SameCompetitor(current, next)) {
            return {};
        }
        TL_TRY(CheckNameFree(tx, next));
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(NameConflictWords(tx.UpdateCompetitor(next, current.version), next));
        return Event(tx,
                     actor,
                     now,
                     "competitor",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(CompetitorView{current, std::nullopt, 0}, false),
                     ToJson(CompetitorView{next, std::nullopt, 0}, false));
    }));
    return GetCompetitor(ctx, actor, id);
}

Result<void> DeleteCompetitor(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadCompetitor(tx, actor, id, Action::kMarketWrite));
        const auto& c = loaded.first;
        TL_TRY(tx.DeleteCompetitor(actor.workspace_id, c.id));
        return Event(tx,
                     actor,
                     now,
                     "competitor",
                     c.id,
                     c.product_id,
                     "deleted",
                     ToJson(CompetitorView{c, std::nullopt, 0}, false),
                     {});
    });
}

// ---- the comparison matrix ----

Result<ComparisonView> GetComparison(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& product_id) {
    ComparisonView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(view.competitors, tx.ListCompetitors(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListComparisonRows(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(view.rows,
                            BuildRowViews(tx, actor.workspace_id, product, std::move(rows), ""));
        const auto summary_rows = SummaryRows(view.rows);
        for (const auto& c : view.competitors) {
            view.summary.push_back(domain::Summarize(c.id, summary_rows));
        }
        return {};
    }));
    return view;
}

Result<ComparisonRowView> CreateComparisonRow(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id,
                                              const ComparisonRowInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    ComparisonRowView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketWrite));
        domain::Issues issues = input.issues;
        domain::ComparisonRow row;
        row.id = NewId("cmr", now);
        row.workspace_id = actor.workspace_id;
        row.product_id = product.id;
        row.created_by = actor.user_id;
        row.created_at = now;
        row.updated_at = now;
        TL_ASSIGN_OR_RETURN(auto existing, tx.ListComparisonRows(actor.workspace_id, product.id));
        for (const auto& r : existing) {
            row.position = std::max(row.position, r.position + 1);
        }
        row.position = std::min(row.position, domain::kMaxRowPosition);
        TL_TRY(ApplyRow(tx, actor.workspace_id, product, input, row, issues));
        if (!input.capability && row.capability.empty() && !Names(input.issues, "capability")) {
            issues.erase(std::remove_if(issues.begin(),
                                        issues.end(),
                                        [](const auto& i) { return i.field == "capability"; }),
                         issues.end());
            issues.push_back({"capability", "is required without an item"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertComparisonRow(row));
        TL_ASSIGN_OR_RETURN(view, BuildRowView(tx, actor.workspace_id, product, row));
        return Event(
            tx, actor, now, "comparison_row", row.id, row.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<ComparisonRowView> UpdateComparisonRow(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              const ComparisonRowInput& input,
                                              std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    ComparisonRowView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadRow(tx, actor, id, Action::kMarketWrite));
        auto& [current, product] = loaded;
        domain::Issues issues = input.issues;
        domain::ComparisonRow next = current;
        TL_TRY(ApplyRow(tx, actor.workspace_id, product, input, next, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(Stale("comparison row", *if_match));
        }
        if (next.capability == current.capability && next.item_id == current.item_id &&
            next.position == current.position) {
            TL_ASSIGN_OR_RETURN(view, BuildRowView(tx, actor.workspace_id, product, current));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateComparisonRow(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, BuildRowView(tx, actor.workspace_id, product, current));
        TL_ASSIGN_OR_RETURN(view, BuildRowView(tx, actor.workspace_id, product, next));
        return Event(tx,
                     actor,
                     now,
                     "comparison_row",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<ComparisonRowView> GetComparisonRow(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& id) {
    ComparisonRowView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadRow(tx, actor, id, Action::kMarketRead));
        TL_ASSIGN_OR_RETURN(
            view, BuildRowView(tx, actor.workspace_id, loaded.second, std::move(loaded.first)));
        return {};
    }));
    return view;
}

Result<void> DeleteComparisonRow(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadRow(tx, actor, id, Action::kMarketWrite));
        auto& [row, product] = loaded;
        TL_ASSIGN_OR_RETURN(auto before, BuildRowView(tx, actor.workspace_id, product, row));
        TL_TRY(tx.DeleteComparisonRow(actor.workspace_id, row.id));
        return Event(tx,
                     actor,
                     now,
                     "comparison_row",
                     row.id,
                     row.product_id,
                     "deleted",
                     ToJson(before),
                     {});
    });
}

namespace {

// Sets (`input` given) or clears a cell of a row, as an `updated` event of the row.
Result<ComparisonRowView> WriteCell(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& row_id,
                                    const std::string& competitor_id,
                                    const ComparisonCellInput* input) {
    const std::int64_t now = ctx.clock.NowMs();
    ComparisonRowView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadRow(tx, actor, row_id, Action::kMarketWrite));
        auto& [row, product] = loaded;
        auto competitor = tx.GetCompetitor(actor.workspace_id, competitor_id);
        if (!competitor && competitor.error().code != ErrorCode::kNotFound) {
            return Fail(competitor.error());
        }
        if (!competitor || competitor->product_id != row.product_id) {
            return Fail(NotFound("competitor"));
        }
        TL_ASSIGN_OR_RETURN(auto before, BuildRowView(tx, actor.workspace_id, product, row));
        if (input != nullptr) {
            domain::Issues issues = input->issues;
            domain::ComparisonCell cell;
            cell.workspace_id = actor.workspace_id;
            cell.product_id = row.product_id;
            cell.row_id = row.id;
            cell.competitor_id = competitor->id;
            cell.note = input->note.value_or("");
            cell.updated_by = actor.user_id;
            cell.updated_at = now;
            if (input->value) {
                cell.value = *input->value;
            } else if (!Names(issues, "value")) {
                issues.push_back({"value", "is required"});
            }
            MergeIssues(issues, domain::ValidateComparisonCell(cell));
            if (!issues.empty()) {
                return Fail(ValidationFailed(std::move(issues)));
            }
            TL_TRY(tx.PutComparisonCell(cell));
        } else {
            TL_ASSIGN_OR_RETURN(
                auto cleared, tx.DeleteComparisonCell(actor.workspace_id, row.id, competitor->id));
            if (!cleared) {
                view = std::move(before);
                return {};
            }
        }
        TL_ASSIGN_OR_RETURN(view, BuildRowView(tx, actor.workspace_id, product, row));
        return Event(tx,
                     actor,
                     now,
                     "comparison_row",
                     row.id,
                     row.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

}  // namespace

Result<ComparisonRowView> SetComparisonCell(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& row_id,
                                            const std::string& competitor_id,
                                            const ComparisonCellInput& input) {
    return WriteCell(ctx, actor, row_id, competitor_id, &input);
}

Result<ComparisonRowView> ClearComparisonCell(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& row_id,
                                              const std::string& competitor_id) {
    return WriteCell(ctx, actor, row_id, competitor_id, nullptr);
}

// ---- market notes ----

Result<MarketNoteView> CreateMarketNote(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const MarketNoteInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    MarketNoteView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketWrite));
        domain::Issues issues = input.issues;
        domain::MarketNote n;
        n.id = NewId("mkn", now);
        n.workspace_id = actor.workspace_id;
        n.product_id = product.id;
        n.date = domain::FormatDate(domain::DayOfMs(now));
        n.created_by = actor.user_id;
        n.created_at = now;
        n.updated_at = now;
        if (!input.title && !Names(issues, "title")) {
            issues.push_back({"title", "is required"});
        }
        TL_TRY(ApplyNote(tx, actor.workspace_id, product, input, n, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertMarketNote(n));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, BuildNoteView(tx, actor.workspace_id, n, names));
        return Event(
            tx, actor, now, "market_note", n.id, n.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<MarketNotePage> ListMarketNotes(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& product_id,
                                       const MarketNoteQuery& query) {
    MarketNotePage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketRead));
        storage::MarketNoteFilter filter;
        filter.product_id = product.id;
        filter.kind = query.kind;
        filter.competitor_id = query.competitor_id;
        filter.persona_id = query.persona_id;
        filter.tag = domain::NormalizeTags({query.tag}).front();
        filter.words = domain::SearchWords(query.q, kMaxSearchWords);
        filter.limit = query.limit + 1;
        if (!query.cursor.empty()) {
            const auto cursor = ParseNoteCursor(query.cursor);
            if (!cursor) {
                return Fail(ValidationFailed({{"cursor", "is not a cursor of this list"}}));
            }
            filter.before_date = cursor->date;
            filter.before_at = cursor->at;
            filter.before_id = cursor->id;
        }
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListMarketNotes(actor.workspace_id, filter));
        if (rows.size() > static_cast<std::size_t>(query.limit)) {
            rows.resize(static_cast<std::size_t>(query.limit));
            const auto& last = rows.back();
            page.next_cursor = last.date + "." + std::to_string(last.created_at) + "." + last.id;
        }
        UserNames names(tx, actor.workspace_id);
        for (auto& n : rows) {
            TL_ASSIGN_OR_RETURN(auto v, BuildNoteView(tx, actor.workspace_id, std::move(n), names));
            page.notes.push_back(std::move(v));
        }
        return {};
    }));
    return page;
}

Result<MarketNoteView> GetMarketNote(AppContext& ctx, const Actor& actor, const std::string& id) {
    MarketNoteView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadNote(tx, actor, id, Action::kMarketRead));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view,
                            BuildNoteView(tx, actor.workspace_id, std::move(loaded.first), names));
        return {};
    }));
    return view;
}

Result<MarketNoteView> UpdateMarketNote(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const MarketNoteInput& input,
                                        std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    MarketNoteView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadNote(tx, actor, id, Action::kMarketWrite));
        auto& [current, product] = loaded;
        domain::Issues issues = input.issues;
        domain::MarketNote next = current;
        TL_TRY(ApplyNote(tx, actor.workspace_id, product, input, next, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(Stale("market note", *if_match));
        }
        UserNames names(tx, actor.workspace_id);
        if (SameNote(current, next)) {
            TL_ASSIGN_OR_RETURN(view, BuildNoteView(tx, actor.workspace_id, current, names));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateMarketNote(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, BuildNoteView(tx, actor.workspace_id, current, names));
        TL_ASSIGN_OR_RETURN(view, BuildNoteView(tx, actor.workspace_id, next, names));
        return Event(tx,
                     actor,
                     now,
                     "market_note",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<void> DeleteMarketNote(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto loaded, LoadNote(tx, actor, id, Action::kMarketWrite));
        auto& n = loaded.first;
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before, BuildNoteView(tx, actor.workspace_id, n, names));
        TL_TRY(tx.DeleteMarketNote(actor.workspace_id, n.id));
        return Event(
            tx, actor, now, "market_note", n.id, n.product_id, "deleted", ToJson(before), {});
    });
}

}  // namespace tl::app
