// Item: one backlog entry (epic, feature, story, bug, spike, tech-debt, task) with its
// acceptance criteria, labels, custom field values and hierarchy rules.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/backlog_settings.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

enum class ItemType { kEpic, kFeature, kStory, kBug, kSpike, kTechDebt, kTask };

inline constexpr std::array<ItemType, 7> kAllItemTypes = {ItemType::kEpic,
                                                          ItemType::kFeature,
                                                          ItemType::kStory,
                                                          ItemType::kBug,
                                                          ItemType::kSpike,
                                                          ItemType::kTechDebt,
                                                          ItemType::kTask};

std::string_view ToString(ItemType type);  // "epic", ..., "tech-debt", "task"
std::optional<ItemType> ParseItemType(std::string_view text);

// The hierarchy epic → feature → story | bug | spike | tech-debt → task: the level of a type
// (epic 0 ... task 3).
int Level(ItemType type);
// Whether `parent` may be the parent of `child` (exactly one level up).
bool MayParent(ItemType parent, ItemType child);
// Whether an item of this type must have a parent (tasks).
bool NeedsParent(ItemType type);

// How urgent an item is, besides its rank: a field for boards and queries. Ordered from the
// most urgent; kMedium is the default.
enum class Priority { kHighest, kHigh, kMedium, kLow, kLowest };

inline constexpr std::array<Priority, 5> kAllPriorities = {
    Priority::kHighest, Priority::kHigh, Priority::kMedium, Priority::kLow, Priority::kLowest};

std::string_view ToString(Priority priority);  // "highest", "high", "medium", "low", "lowest"
std::optional<Priority> ParsePriority(std::string_view text);
// The priority's weight for sorting: lowest 1 ... highest 5 (higher is more urgent).
int Weight(Priority priority);

struct Criterion {
    std::string id;  // "acc_…"
    std::string text;
    bool done = false;
};

// A custom field's value: text values (text, date as YYYY-MM-DD, select options, user id) or
// a number. Multi-select holds several texts.
struct FieldValue {
    std::vector<std::string> texts;
    std::optional<double> number;
};

struct Item {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    std::int64_t number = 0;  // DRN-<number>
    ItemType type = ItemType::kStory;
    std::string title;
    std::string description;  // Markdown
    std::string status;
    StatusCategory category = StatusCategory::kToDo;
    std::optional<double> points;
    Priority priority = Priority::kMedium;
    std::string assignee_id;  // "" when unassigned
    std::string parent_id;
    std::string goal_id;
    std::string initiative_id;
    std::string sprint_id;
    std::string release_id;
    std::string rank;
    std::vector<std::string> ready_checks;  // DoR entry ids ticked
    std::vector<std::string> done_checks;   // DoD entry ids ticked
    std::int64_t accepted_at = 0;
    std::string accepted_by;
    // When the item last entered a done-category status; 0 while it is not in one.
    std::int64_t done_at = 0;
    std::string created_by;
    std::vector<Criterion> criteria;
    std::vector<std::string> labels;           // sorted, lower-case
    std::map<std::string, FieldValue> fields;  // by field id
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxTitleLength = 300;
inline constexpr std::size_t kMaxItemDescriptionLength = 20'000;
inline constexpr std::size_t kMaxCriteria = 50;
inline constexpr std::size_t kMaxCriterionLength = 2'000;
inline constexpr std::size_t kMaxLabels = 20;

// "DRN-12" from a product key and a number; and back (nullopt unless KEY-<digits>).
std::string ItemKey(std::string_view product_key, std::int64_t number);
struct ParsedKey {
    std::string product_key;
    std::int64_t number = 0;
};
std::optional<ParsedKey> ParseItemKey(std::string_view text);

// Whether `text` is a calendar day YYYY-MM-DD (year 1900 or later) that exists.
bool IsCalendarDate(std::string_view text);

// Normalises a label (lower-case) and reports whether it is well-formed.
std::optional<std::string> NormalizeLabel(std::string_view label);

// Field-level checks of an item against the product's settings (title, description,
// criteria, labels, points on the scale, status known, checks naming DoR/DoD entries, custom
// field values and required ones). Hierarchy and authorisation are checked by the caller.
Issues ValidateItem(const Item& item, const BacklogSettings& settings);

// Checks one custom field value against its definition; appends to `issues` under
// "fields.<key>". `user_exists` answers for user fields.
void CheckFieldValue(Issues& issues,
                     const CustomField& field,
                     const FieldValue& value,
                     bool user_exists);

// Refinement flags of an item ("no_criteria", "no_estimate", "too_big", "no_alignment").
// `aligned_above`: whether an ancestor has a goal or initiative.
std::vector<std::string> RefinementFlags(const Item& item,
                                         const BacklogSettings& settings,
                                         bool aligned_above);

// Whether every DoR entry is ticked.
bool IsReady(const Item& item, const BacklogSettings& settings);

enum class LinkKind { kBlocks, kRelates, kDuplicates };
std::string_view ToString(LinkKind kind);  // "blocks", "relates", "duplicates"

struct ItemLink {
    std::string id;
    std::string workspace_id;
    std::string product_id;
    LinkKind kind = LinkKind::kRelates;
    std::string source_id;
    std::string target_id;
    std::int64_t created_at = 0;
};

// A link as written from one item's side: "blocks", "blocked_by", "relates", "duplicates",
// "duplicated_by". `inverse` is true for the "…_by" spellings (the stored row runs from the
// other item).
struct LinkSpelling {
    LinkKind kind;
    bool inverse = false;
};
std::optional<LinkSpelling> ParseLinkSpelling(std::string_view text);
std::string_view LinkSpellingFor(LinkKind kind, bool seen_from_target);

// The path (item ids, from `to` back to `from`) that adding "from blocks to" would close
// into a cycle, given the existing "blocks" edges (source → target); empty if none.
std::vector<std::string> BlocksCyclePath(
    const std::vector<std::pair<std::string, std::string>>& edges,
    const std::string& from,
    const std::string& to);

}  // namespace tl::domain
