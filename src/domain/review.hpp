// Review: the sprint review (docs/delivery.md, "Sprint review"): its Markdown notes and the
// feedback stakeholders gave during the demo, linked to items; and the checks on them.
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

// The notes of one sprint's review. A sprint without saved notes has empty ones at version 0.
struct SprintReview {
    std::string workspace_id;
    std::string product_id;
    std::string sprint_id;
    std::string notes;  // Markdown
    std::string updated_by;
    std::int64_t version = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxReviewNotesLength = 50'000;

enum class Sentiment { kPositive, kNeutral, kNegative };
inline constexpr std::array<Sentiment, 3> kAllSentiments = {
    Sentiment::kPositive, Sentiment::kNeutral, Sentiment::kNegative};
std::string_view ToString(Sentiment sentiment);  // "positive", "neutral", "negative"
std::optional<Sentiment> ParseSentiment(std::string_view text);

// What a stakeholder said during the demo. `from` is free text (a name or an organisation);
// the author is who recorded it.
struct ReviewFeedback {
    std::string id;  // "rfb_…"
    std::string workspace_id;
    std::string product_id;
    std::string sprint_id;
    std::string text;
    std::string from;
    Sentiment sentiment = Sentiment::kNeutral;
    std::vector<std::string> item_ids;  // in the order given, each once
    std::string author_id;
    std::int64_t created_at = 0;
};

inline constexpr std::size_t kMaxFeedbackTextLength = 5'000;
inline constexpr std::size_t kMaxFeedbackFromLength = 200;
inline constexpr std::size_t kMaxFeedbackItems = 50;

// Notes: up to kMaxReviewNotesLength code points of text (field "notes").
Issues ValidateReviewNotes(std::string_view notes);
// text (1–5,000, not blank), from (a line of up to 200), item_ids (at most 50).
Issues ValidateFeedback(const ReviewFeedback& feedback);

// Multi-line text of 1..max code points that is not only white space.
void CheckRequiredText(Issues& issues,
                       std::string_view field,
                       std::string_view value,
                       std::size_t max);

}  // namespace tl::domain
