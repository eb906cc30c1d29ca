// Market and competition (docs/strategy.md, "Market and competition"): a product's personas
// (with links to its items and feedback), competitors, the feature comparison matrix with its
// summary per competitor, and market notes.
//
// Authorisation: reading needs market.read on the product (every role but the stakeholder);
// creating, changing and deleting needs market.write (the Product Manager). Authorisation comes
// before validation: without the right, kForbidden whatever the input holds. An object of a
// product the actor holds no role on is kNotFound. Every write appends an event with the
// product in the write's transaction: `persona`, `competitor`, `comparison_row` (setting or
// clearing a cell is an `updated` of its row) or `market_note`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/market.hpp"

namespace tl::app {

// ---- personas ----

struct PersonaLinkView {
    domain::PersonaLink link;
    std::string key;   // the item's key; "" for feedback
    std::string name;  // the item's title, the first 80 characters of the feedback's text
};

struct PersonaView {
    domain::Persona persona;
    std::vector<PersonaLinkView> links;  // those whose object still exists
    std::string created_by_name;
};

// {id, product_id, name, segment, role, description, goals, pains, quote,
// links:[{type, id, key|null, name}], version, created_by:{id,name}|null, created_at,
// updated_at}.
boost::json::object ToJson(const PersonaView& view);

struct PersonaLinkInput {
    std::optional<domain::PersonaLinkTarget> type;  // nullopt: the input flagged it already
    std::string id;                                 // for items: an id or a key
};

struct PersonaInput {
    std::optional<std::string> name;
    std::optional<std::string> segment;
    std::optional<std::string> role;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> goals;
    std::optional<std::vector<std::string>> pains;
    std::optional<std::string> quote;
    std::optional<std::vector<PersonaLinkInput>> links;  // replace the whole list
    domain::Issues issues;
};

// name is required. links.<i>.id must name an item (any type, by id or key) or feedback of the
// product ("must be an item of the product", "must be feedback of the product").
Result<PersonaView> CreatePersona(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& product_id,
                                  const PersonaInput& input);

struct PersonaFilter {
    std::string segment;  // "" for any; else equal, case-insensitive
    std::string q;        // every word in name, segment, role, description, goals or pains
    std::string item;     // "" for any; else personas linked to this item (id or key)
};
// The product's personas by name.
Result<std::vector<PersonaView>> ListPersonas(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id,
                                              const PersonaFilter& filter);
Result<PersonaView> GetPersona(AppContext& ctx, const Actor& actor, const std::string& id);
// kPreconditionFailed when `if_match` names another version. A change to nothing writes nothing.
Result<PersonaView> UpdatePersona(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& id,
                                  const PersonaInput& input,
                                  std::optional<std::int64_t> if_match);
// Removes the persona and its links, and clears it from the notes naming it.
Result<void> DeletePersona(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- competitors ----

struct CompetitorView {
    domain::Competitor competitor;
    // GET one only: its summary over the matrix and the notes about it.
    std::optional<domain::ComparisonSummary> comparison;
    std::int64_t notes_count = 0;
};

// {id, product_id, name, website, positioning, pricing, strengths, weaknesses,
// links:[{title,url}], threat, notes, version, created_at, updated_at}; with `detail` also
// comparison:{has, partial, missing, better, unknown} and notes_count.
boost::json::object ToJson(const CompetitorView& view, bool detail);

struct CompetitorInput {
    std::optional<std::string> name;
    std::optional<std::string> website;
    std::optional<std::string> positioning;
    std::optional<std::string> pricing;
    std::optional<std::vector<std::string>> strengths;
    std::optional<std::vector<std::string>> weaknesses;
    std::optional<std::vector<domain::WebLink>> links;  // replace the whole list
    std::optional<domain::MarketRating> threat;
    std::optional<std::string> notes;
    domain::Issues issues;
};

// name is required (kConflict when the product has a competitor of that name, in any case);
// threat defaults to medium.
Result<CompetitorView> CreateCompetitor(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const CompetitorInput& input);

struct CompetitorFilter {
    std::optional<domain::MarketRating> threat;
    std::string q;
};
// The product's competitors by name.
Result<std::vector<CompetitorView>> ListCompetitors(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    const CompetitorFilter& filter);
// The competitor with its summary and notes count.
Result<CompetitorView> GetCompetitor(AppContext& ctx, const Actor& actor, const std::string& id);
Result<CompetitorView> UpdateCompetitor(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const CompetitorInput& input,
                                        std::optional<std::int64_t> if_match);
// Removes the competitor and its cells, and clears it from the notes about it.
Result<void> DeleteCompetitor(AppContext& ctx, const Actor& actor, const std::string& id);

// ---- the comparison matrix ----

struct ComparisonItemRef {
    std::string id;
    std::string key;
    std::string title;
    domain::ItemType type = domain::ItemType::kFeature;
    std::string status;
};

struct ComparisonRowView {
    domain::ComparisonRow row;
    std::optional<ComparisonItemRef> item;  // nullopt without an item (or once it is deleted)
    std::optional<domain::OurStatus> ours;
    std::map<std::string, domain::ComparisonCell> cells;  // by competitor id
};

struct ComparisonView {
    std::vector<domain::Competitor> competitors;     // by name
    std::vector<ComparisonRowView> rows;             // by position
    std::vector<domain::ComparisonSummary> summary;  // one per competitor, in their order
};

// {id, capability, position, item:{id,key,title,type,status}|null, ours|null,
// cells:{"<competitor id>":{value, note, updated_at}}, version}.
boost::json::object ToJson(const ComparisonRowView& view);
// {competitors:[{id,name,threat}], rows:[…], summary:[{competitor_id, has, partial, missing,
// better, unknown, edge, gap}]}.
boost::json::object ToJson(const ComparisonView& view);

Result<ComparisonView> GetComparison(AppContext& ctx,
                                     const Actor& actor,
                                     const std::string& product_id);

struct ComparisonRowInput {
    std::optional<std::string> capability;
    std::optional<std::string> item_id;  // by id or key; "" clears
    std::optional<std::int64_t> position;
    domain::Issues issues;
};
// capability is required unless an item is given (it defaults to the item's title); item_id
// must be an epic or feature of the product; position defaults to after the last row.
Result<ComparisonRowView> CreateComparisonRow(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id,
                                              const ComparisonRowInput& input);
Result<ComparisonRowView> UpdateComparisonRow(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              const ComparisonRowInput& input,
                                              std::optional<std::int64_t> if_match);
// One row as the matrix answers it.
Result<ComparisonRowView> GetComparisonRow(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& id);
// Removes the row and its cells.
Result<void> DeleteComparisonRow(AppContext& ctx, const Actor& actor, const std::string& id);

struct ComparisonCellInput {
    std::optional<domain::ComparisonValue> value;
    std::optional<std::string> note;
    domain::Issues issues;
};
// Sets the cell of the row and competitor (value required; last write wins) and answers the
// whole row. The competitor must be of the row's product (kNotFound otherwise).
Result<ComparisonRowView> SetComparisonCell(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& row_id,
                                            const std::string& competitor_id,
                                            const ComparisonCellInput& input);
// Clears the cell (it reads `unknown` again) and answers the whole row.
Result<ComparisonRowView> ClearComparisonCell(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& row_id,
                                              const std::string& competitor_id);

// ---- market notes ----

struct MarketNoteView {
    domain::MarketNote note;
    std::string competitor_name;  // "" when none (or no longer there)
    std::string persona_name;
    std::string created_by_name;
};

// {id, product_id, title, kind, body, date, sources:[{title,url}], impact|null,
// competitor:{id,name}|null, persona:{id,name}|null, tags, created_by:{id,name}|null, version,
// created_at, updated_at}.
boost::json::object ToJson(const MarketNoteView& view);

struct MarketNoteInput {
    std::optional<std::string> title;
    std::optional<domain::MarketNoteKind> kind;
    std::optional<std::string> body;
    std::optional<std::string> date;
    std::optional<std::vector<domain::WebLink>> sources;
    std::optional<std::optional<domain::MarketRating>> impact;  // inner nullopt clears
    std::optional<std::string> competitor_id;                   // "" clears
    std::optional<std::string> persona_id;                      // "" clears
    std::optional<std::vector<std::string>> tags;
    domain::Issues issues;
};

// title is required; kind defaults to research, date to today (UTC). competitor_id and
// persona_id must be of the product ("must be a competitor of the product", …).
Result<MarketNoteView> CreateMarketNote(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        const MarketNoteInput& input);

struct MarketNoteQuery {
    std::optional<domain::MarketNoteKind> kind;
    std::string competitor_id;
    std::string persona_id;
    std::string tag;
    std::string q;
    std::string cursor;
    int limit = 50;
};
struct MarketNotePage {
    std::vector<MarketNoteView> notes;
    std::string next_cursor;  // "" on the last page
};
// Newest date first, then newest created. kValidationFailed (field "cursor") for a cursor that
// is not one.
Result<MarketNotePage> ListMarketNotes(AppContext& ctx,
                                       const Actor& actor,
                                       const std::string& product_id,
                                       const MarketNoteQuery& query);
Result<MarketNoteView> GetMarketNote(AppContext& ctx, const Actor& actor, const std::string& id);
Result<MarketNoteView> UpdateMarketNote(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const MarketNoteInput& input,
                                        std::optional<std::int64_t> if_match);
Result<void> DeleteMarketNote(AppContext& ctx, const Actor& actor, const std::string& id);

}  // namespace tl::app
