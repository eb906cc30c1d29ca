// Release: a version of a product with a target date and a plan (the items whose release_id
// names it); and the rules read from a release: its notes, where the items blocking its items
// are planned, and whether it is ready to ship.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/test_plan.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

enum class ReleaseStatus { kPlanned, kInProgress, kReleased };

inline constexpr std::array<ReleaseStatus, 3> kAllReleaseStatuses = {
    ReleaseStatus::kPlanned, ReleaseStatus::kInProgress, ReleaseStatus::kReleased};

std::string_view ToString(ReleaseStatus status);  // "planned", "in_progress", "released"
std::optional<ReleaseStatus> ParseReleaseStatus(std::string_view text);

struct Release {
    std::string id;  // "rel_…"
    std::string workspace_id;
    std::string product_id;
    std::string version;      // "2.1": unique per product
    std::string name;         // may be empty
    std::string target_date;  // YYYY-MM-DD, or "" when none
    std::string description;  // Markdown
    ReleaseStatus status = ReleaseStatus::kPlanned;
    std::int64_t released_at = 0;  // when it became released; 0 otherwise
    std::string created_by;
    std::int64_t revision = 1;  // the concurrency counter (the JSON's "version" is the name)
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    // When the plan's baseline was taken (0 until committed) and by whom: from then on the
    // release's scope changes are recorded.
    std::int64_t committed_at = 0;
    std::string committed_by;
};

// Whether changes to the release's scope are recorded now: committed and not released.
bool RecordsScopeChanges(const Release& release);

inline constexpr std::size_t kMaxReleaseVersionLength = 40;
inline constexpr std::size_t kMaxReleaseNameLength = 200;
inline constexpr std::size_t kMaxReleaseDescriptionLength = 20'000;

// Field checks: version (1–40, one line), name (up to 200, one line), target date (a calendar
// day or none), description (up to 20,000).
Issues ValidateRelease(const Release& release);

// "YYYY-MM-DD" of the UTC day holding `ms` (milliseconds since the epoch).
std::string DayOf(std::int64_t ms);

// ---- Notes ----

// The sections of release notes, in this order.
enum class NotesGroup { kNew, kFixed, kImproved };
inline constexpr std::array<NotesGroup, 3> kAllNotesGroups = {
    NotesGroup::kNew, NotesGroup::kFixed, NotesGroup::kImproved};

std::string_view ToString(NotesGroup group);  // "new", "fixed", "improved"
std::string_view Heading(NotesGroup group);   // "New", "Fixed", "Improved"
// Features and stories are new, bugs fixed, tech debt improved; epics, spikes and tasks are
// left out (nullopt).
std::optional<NotesGroup> NotesGroupOf(ItemType type);

struct NotesLine {
    std::string item_id;
    std::string key;  // DRN-12
    std::string title;
    ItemType type = ItemType::kStory;
};

struct NotesSection {
    NotesGroup group = NotesGroup::kNew;
    std::vector<NotesLine> lines;
};

// The accepted items (in a done-category status) of `items` (the release's, in rank order)
// grouped into the three sections, every section present (possibly empty), each keeping the
// items' order.
std::vector<NotesSection> GroupReleaseNotes(const std::vector<Item>& items,
                                            std::string_view product_key);

// The notes as Markdown:
//
//   # Release 2.1: Spring flight          (": name" only when the release has one)
//   <blank>
//   Released on 2026-06-01.               (or "Planned for 2026-06-01." while not released
//   <blank>                                and dated; neither line without a date)
//   <description, when there is one, then a blank line>
//   ## New
//   <blank>
//   - DRN-12 Title
//   <blank>
//   ## Fixed ...
//
// Empty sections are left out; without any accepted item the body is "No accepted items yet.".
// The text ends with exactly one newline.
std::string RenderReleaseNotes(const Release& release, const std::vector<NotesSection>& sections);

// ---- Dependencies ----

// Where an item blocking one of the release's items is planned.
enum class BlockerPlace { kThisRelease, kEarlier, kLater, kNone };
std::string_view ToString(BlockerPlace place);  // "this_release", "earlier", "later", "none"

// The place of a blocker planned in `blocker_release` (nullptr: in no release) relative to
// `release`. Another release is earlier when it is released, or when both have target dates
// and its date is on or before this one's; otherwise (later, or no date to compare) it is later.
BlockerPlace PlaceOf(const Release& release, const Release* blocker_release);

// A blocker not done that is not planned in this or an earlier release is a problem.
bool IsDependencyProblem(BlockerPlace place, bool blocker_done);

// ---- Readiness ----

struct Readiness {
    std::int64_t items_total = 0;
    std::int64_t items_done = 0;
    std::int64_t criteria_total = 0;
    std::int64_t criteria_covered = 0;
    std::int64_t criteria_passing = 0;
    std::vector<std::string> open_blockers;  // ids of blockers not done, each once, in order
    std::vector<TestRun> failing_cases;      // the latest run of each case that failed or was
                                             // blocked, in the order of `cases`
    bool ready = false;
};

// The readiness of a release holding `items`: `cases` are the test cases of those items,
// `latest` the latest run of each case among the runs that count (those in plans of the
// release, or every run when the release has no plan), `blockers` the items blocking any of
// `items` (in any order, repeats allowed). Ready: at least one item, every item done, every
// criterion passing, no open blocker.
Readiness ComputeReadiness(const std::vector<Item>& items,
                           const std::vector<TestCase>& cases,
                           const std::map<std::string, TestRun>& latest,
                           const std::vector<Item>& blockers);

}  // namespace tl::domain
