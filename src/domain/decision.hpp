// Decision: an entry of a product's decision log (docs/strategy.md, "Decision log"): the
// context, the options weighed (each with pros and cons), what was decided and why, its owner
// and date, and links to the objects of the product it concerns.
//
// Links are typed references to objects of the same product (items, goals, initiatives,
// releases, ideas); the caller checks that each exists in the product, this file that each is
// named once.
//
// Pure values and functions, no I/O; safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/validation.hpp"

namespace tl::domain {

enum class DecisionStatus { kProposed, kDecided, kSuperseded };
inline constexpr std::array<DecisionStatus, 3> kAllDecisionStatuses = {
    DecisionStatus::kProposed, DecisionStatus::kDecided, DecisionStatus::kSuperseded};
std::string_view ToString(DecisionStatus status);  // "proposed", "decided", "superseded"
std::optional<DecisionStatus> ParseDecisionStatus(std::string_view text);

enum class LinkTarget { kItem, kGoal, kInitiative, kRelease, kIdea };
inline constexpr std::array<LinkTarget, 5> kAllLinkTargets = {LinkTarget::kItem,
                                                              LinkTarget::kGoal,
                                                              LinkTarget::kInitiative,
                                                              LinkTarget::kRelease,
                                                              LinkTarget::kIdea};
std::string_view ToString(LinkTarget target);  // "item", "goal", "initiative", "release", "idea"
std::optional<LinkTarget> ParseLinkTarget(std::string_view text);

struct DecisionOption {
    std::string title;
    std::string pros;  // Markdown
    std::string cons;  // Markdown
};

struct DecisionLink {
    LinkTarget type = LinkTarget::kItem;
    std::string id;  // the object's id (items by id once resolved from a key)
};

struct Decision {
    std::string id;  // "dec_…"
    std::string workspace_id;
    std::string product_id;
    std::string title;
    std::string context;  // Markdown
    std::vector<DecisionOption> options;
    std::string decision;   // what was decided; "" while proposed
    std::string rationale;  // Markdown
    std::string owner_id;   // "" when nobody owns it
    std::string date;       // YYYY-MM-DD of the decision; "" while proposed
    DecisionStatus status = DecisionStatus::kProposed;
    std::vector<DecisionLink> links;
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxDecisionTitleLength = 300;
inline constexpr std::size_t kMaxDecisionTextLength = 20'000;  // context, rationale
inline constexpr std::size_t kMaxDecisionLength = 5'000;       // the decision itself
inline constexpr std::size_t kMaxDecisionOptions = 20;
inline constexpr std::size_t kMaxOptionTitleLength = 300;
inline constexpr std::size_t kMaxOptionTextLength = 5'000;  // pros, cons
inline constexpr std::size_t kMaxDecisionLinks = 50;

// title (1–300, one line, not blank), context and rationale (up to 20,000), decision (up to
// 5,000), date (empty or a calendar day), options (at most 20; options.<i>.title 1–300 one
// line, pros and cons up to 5,000), links (at most 50, no repeats; links.<i>.id not empty).
// Once decided or superseded, `decision` and `date` are required.
Issues ValidateDecision(const Decision& decision);

// "item:DRN-1" or "release:rel_…" as in ?linked=: nullopt unless "<type>:<id>" with a known
// type and a non-empty id.
std::optional<DecisionLink> ParseLinkFilter(std::string_view text);

// Whether the decision matches the words of `q` (case-insensitive, every word in its title,
// context, decision, rationale or an option's title, pros or cons). An empty q matches.
bool MatchesText(const Decision& decision, std::string_view q);

}  // namespace tl::domain
