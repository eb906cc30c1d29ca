// Stakeholder: a person or group the product must keep informed (docs/strategy.md,
// "Stakeholders"): internal or external, rated by influence and interest (1–5 each) on the
// power/interest grid, reached by a preferred channel, optionally a user of the workspace; and
// the communication log kept with each.
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

enum class StakeholderKind { kInternal, kExternal };
inline constexpr std::array<StakeholderKind, 2> kAllStakeholderKinds = {StakeholderKind::kInternal,
                                                                        StakeholderKind::kExternal};
std::string_view ToString(StakeholderKind kind);  // "internal", "external"
std::optional<StakeholderKind> ParseStakeholderKind(std::string_view text);

// How a stakeholder is reached, and how a communication went.
enum class Channel { kEmail, kMeeting, kChat, kPhone, kReport };
inline constexpr std::array<Channel, 5> kAllChannels = {
    Channel::kEmail, Channel::kMeeting, Channel::kChat, Channel::kPhone, Channel::kReport};
std::string_view ToString(Channel channel);  // "email", "meeting", "chat", "phone", "report"
std::optional<Channel> ParseChannel(std::string_view text);

// The quadrant of the power/interest grid.
enum class Quadrant { kManageClosely, kKeepSatisfied, kKeepInformed, kMonitor };
inline constexpr std::array<Quadrant, 4> kAllQuadrants = {Quadrant::kManageClosely,
                                                          Quadrant::kKeepSatisfied,
                                                          Quadrant::kKeepInformed,
                                                          Quadrant::kMonitor};
// "manage_closely", "keep_satisfied", "keep_informed", "monitor"
std::string_view ToString(Quadrant quadrant);
std::optional<Quadrant> ParseQuadrant(std::string_view text);

// Influence or interest of 3 or more is high.
inline constexpr int kHighRating = 3;

// manage_closely (both high), keep_satisfied (high influence only), keep_informed (high
// interest only), monitor (neither).
Quadrant QuadrantOf(int influence, int interest);

struct Stakeholder {
    std::string id;  // "stk_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    StakeholderKind kind = StakeholderKind::kInternal;
    std::string organisation;
    std::string title;
    std::string email;  // "" when unknown
    int influence = 3;
    int interest = 3;
    Channel channel = Channel::kEmail;  // the preferred channel
    std::string notes;                  // Markdown
    std::string user_id;                // "" when not a user of the workspace
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// One entry of a stakeholder's communication log. Never edited; deleted whole.
struct Communication {
    std::string id;  // "com_…"
    std::string workspace_id;
    std::string product_id;
    std::string stakeholder_id;
    std::string date;  // YYYY-MM-DD
    Channel channel = Channel::kEmail;
    std::string summary;
    std::string created_by;
    std::int64_t created_at = 0;
};

inline constexpr std::size_t kMaxStakeholderNameLength = 200;
inline constexpr std::size_t kMaxStakeholderLineLength = 200;  // organisation, title
inline constexpr std::size_t kMaxStakeholderNotesLength = 10'000;
inline constexpr std::size_t kMaxCommunicationSummaryLength = 5'000;

// name (1–200, one line), organisation and title (up to 200, one line), email (empty or an
// address), influence and interest (1–5), notes (up to 10,000).
Issues ValidateStakeholder(const Stakeholder& stakeholder);
// date (a calendar day), summary (1–5,000, not blank).
Issues ValidateCommunication(const Communication& communication);

// The latest date of `log` (any order); "" when it is empty.
std::string LastContact(const std::vector<Communication>& log);

// Newest first: by date, then by when recorded, then by id (all descending).
void SortNewestFirst(std::vector<Communication>& log);

}  // namespace tl::domain
