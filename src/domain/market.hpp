// Market and competition (docs/strategy.md, "Market and competition"): who we build for
// (personas), whom we compete with (competitors), how our capabilities compare with theirs (the
// feature comparison matrix and its summary per competitor), and what we learn about the market
// (market notes: research, trends, news, analyst views).
//
// Personas link to items and feedback of their product; the caller checks that each exists in
// the product, this file that each is named once. Lists of strings (goals, pains, strengths,
// weaknesses, tags) hold one-line entries.
//
// Pure values and functions, no I/O; safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

// ---- shared pieces ----

// A competitor's threat and a market note's impact.
enum class MarketRating { kLow, kMedium, kHigh };
inline constexpr std::array<MarketRating, 3> kAllMarketRatings = {
    MarketRating::kLow, MarketRating::kMedium, MarketRating::kHigh};
std::string_view ToString(MarketRating rating);  // "low", "medium", "high"
std::optional<MarketRating> ParseMarketRating(std::string_view text);

// A titled web address (a competitor's links, a market note's sources).
struct WebLink {
    std::string title;
    std::string url;
};

inline constexpr std::size_t kMaxMarketListEntries = 30;  // goals, pains, strengths, links…
inline constexpr std::size_t kMaxMarketListEntryLength = 500;
inline constexpr std::size_t kMaxWebLinkTitleLength = 200;
inline constexpr std::size_t kMaxUrlLength = 2'000;

// Whether `text` is an http:// or https:// URL (scheme in any case) with a host, no spaces or
// control characters, at most 2,000 bytes.
bool IsWebUrl(std::string_view text);

// ---- personas ----

enum class PersonaLinkTarget { kItem, kFeedback };
inline constexpr std::array<PersonaLinkTarget, 2> kAllPersonaLinkTargets = {
    PersonaLinkTarget::kItem, PersonaLinkTarget::kFeedback};
std::string_view ToString(PersonaLinkTarget target);  // "item", "feedback"
std::optional<PersonaLinkTarget> ParsePersonaLinkTarget(std::string_view text);

struct PersonaLink {
    PersonaLinkTarget type = PersonaLinkTarget::kItem;
    std::string id;  // an item id (resolved from a key) or a feedback id
};

struct Persona {
    std::string id;  // "per_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    std::string segment;      // free text ("Energy utilities")
    std::string role;         // job title
    std::string description;  // Markdown
    std::vector<std::string> goals;
    std::vector<std::string> pains;
    std::string quote;
    std::vector<PersonaLink> links;
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxPersonaNameLength = 200;
inline constexpr std::size_t kMaxPersonaLineLength = 200;  // segment, role
inline constexpr std::size_t kMaxPersonaDescriptionLength = 10'000;
inline constexpr std::size_t kMaxPersonaQuoteLength = 2'000;
inline constexpr std::size_t kMaxPersonaLinks = 50;

// name (1–200, one line, not blank), segment and role (up to 200, one line), description (up
// to 10,000), goals and pains (at most 30, each 1–500, one line), quote (up to 2,000), links
// (at most 50, no repeats; links.<i>.id not empty).
Issues ValidatePersona(const Persona& persona);

// Whether every word of `q` (case-insensitive) is in the persona's name, segment, role,
// description, a goal or a pain. An empty q matches.
bool MatchesText(const Persona& persona, std::string_view q);

// ---- competitors ----

struct Competitor {
    std::string id;  // "cmp_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;     // unique in the product, case-insensitive
    std::string website;  // "" or an http(s) URL
    std::string positioning;
    std::string pricing;  // free text ("from 12,000 EUR per airframe")
    std::vector<std::string> strengths;
    std::vector<std::string> weaknesses;
    std::vector<WebLink> links;
    MarketRating threat = MarketRating::kMedium;
    std::string notes;  // Markdown
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxCompetitorNameLength = 200;
inline constexpr std::size_t kMaxPositioningLength = 5'000;
inline constexpr std::size_t kMaxPricingLength = 500;
inline constexpr std::size_t kMaxCompetitorNotesLength = 10'000;

// The key a competitor's name is unique by: its ASCII letters lower-cased.
std::string CompetitorNameKey(std::string_view name);

// name (1–200, one line, not blank), website (empty or a URL), positioning (up to 5,000),
// pricing (up to 500, one line), strengths and weaknesses (as a persona's goals), links (at
// most 30; links.<i>.title up to 200, one line; links.<i>.url a URL), notes (up to 10,000).
Issues ValidateCompetitor(const Competitor& competitor);

// Whether every word of `q` is in the competitor's name, positioning, pricing, a strength, a
// weakness or its notes. An empty q matches.
bool MatchesText(const Competitor& competitor, std::string_view q);

// ---- the comparison matrix ----

// How a competitor's offer compares with ours on one capability; no cell is "unknown".
enum class ComparisonValue { kHas, kPartial, kMissing, kBetter };
inline constexpr std::array<ComparisonValue, 4> kAllComparisonValues = {ComparisonValue::kHas,
                                                                        ComparisonValue::kPartial,
                                                                        ComparisonValue::kMissing,
                                                                        ComparisonValue::kBetter};
std::string_view ToString(ComparisonValue value);  // "has", "partial", "missing", "better"
std::optional<ComparisonValue> ParseComparisonValue(std::string_view text);

// Where we stand on a row's linked item.
enum class OurStatus { kShipped, kInProgress, kPlanned };
std::string_view ToString(OurStatus status);  // "shipped", "in_progress", "planned"
// shipped: in a done status or accepted; in_progress: in a sprint or in an in-progress status;
// planned: otherwise (in the backlog).
OurStatus OurStatusOf(const Item& item);

// Whether an item of this type may be a row's item: epics and features.
bool ComparableItemType(ItemType type);

struct ComparisonRow {
    std::string id;  // "cmr_…"
    std::string workspace_id;
    std::string product_id;
    std::string capability;
    std::string item_id;  // "" for none
    std::int64_t position = 0;
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct ComparisonCell {
    std::string workspace_id;
    std::string product_id;
    std::string row_id;
    std::string competitor_id;
    ComparisonValue value = ComparisonValue::kHas;
    std::string note;
    std::string updated_by;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxCapabilityLength = 200;
inline constexpr std::size_t kMaxCellNoteLength = 500;
inline constexpr std::int64_t kMaxRowPosition = 1'000'000'000;

// capability (1–200, one line, not blank), position (0 to 1,000,000,000).
Issues ValidateComparisonRow(const ComparisonRow& row);
// note (up to 500, one line).
Issues ValidateComparisonCell(const ComparisonCell& cell);

// One row as the summary reads it: where we stand (nullopt: the row has no item) and the
// values of its cells by competitor id.
struct SummaryRow {
    std::optional<OurStatus> ours;
    std::map<std::string, ComparisonValue> cells;
};

struct ComparisonSummary {
    std::string competitor_id;
    std::int64_t has = 0;
    std::int64_t partial = 0;
    std::int64_t missing = 0;
    std::int64_t better = 0;
    std::int64_t unknown = 0;  // rows without a cell of the competitor
    std::int64_t edge = 0;     // rows where we lead
    std::int64_t gap = 0;      // rows where they lead
};

// The summary of one competitor over `rows`: each value counted; edge counts the rows where
// the competitor is `missing` or `partial` and we have shipped (or the row has no item); gap
// counts the rows where the competitor is `better`, or `has` it while the row's item is not
// shipped.
ComparisonSummary Summarize(const std::string& competitor_id, const std::vector<SummaryRow>& rows);

// ---- market notes ----

enum class MarketNoteKind { kResearch, kTrend, kNews, kAnalyst };
inline constexpr std::array<MarketNoteKind, 4> kAllMarketNoteKinds = {MarketNoteKind::kResearch,
                                                                      MarketNoteKind::kTrend,
                                                                      MarketNoteKind::kNews,
                                                                      MarketNoteKind::kAnalyst};
std::string_view ToString(MarketNoteKind kind);  // "research", "trend", "news", "analyst"
std::optional<MarketNoteKind> ParseMarketNoteKind(std::string_view text);

struct MarketNote {
    std::string id;  // "mkn_…"
    std::string workspace_id;
    std::string product_id;
    std::string title;
    MarketNoteKind kind = MarketNoteKind::kResearch;
    std::string body;  // Markdown
    std::string date;  // YYYY-MM-DD
    std::vector<WebLink> sources;
    std::optional<MarketRating> impact;
    std::string competitor_id;      // "" for none
    std::string persona_id;         // "" for none
    std::vector<std::string> tags;  // lower-case, unique, in the order first given
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxMarketNoteTitleLength = 200;
inline constexpr std::size_t kMaxMarketNoteBodyLength = 20'000;
inline constexpr std::size_t kMaxMarketNoteTags = 20;
inline constexpr std::size_t kMaxMarketTagLength = 40;

// Tags lower-cased (ASCII letters) and with repeats dropped, in the order first given.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags);

// title (1–200, one line, not blank), body (up to 20,000), date (a calendar day), sources (as a
// competitor's links), tags (at most 20, each 1–40, one line).
Issues ValidateMarketNote(const MarketNote& note);

// Whether every word of `q` (case-insensitive) is in `text`. An empty q matches.
bool ContainsEveryWord(std::string_view text, std::string_view q);

}  // namespace tl::domain
