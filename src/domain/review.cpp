#include "domain/review.hpp"

namespace tl::domain {

std::string_view ToString(Sentiment sentiment) {
    switch (sentiment) {
        case Sentiment::kPositive:
            return "positive";
        case Sentiment::kNeutral:
            return "neutral";
        case Sentiment::kNegative:
            return "negative";
    }
    return "neutral";
}

std::optional<Sentiment> ParseSentiment(std::string_view text) {
    for (auto s : kAllSentiments) {
        if (ToString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

void CheckRequiredText(Issues& issues,
                       std::string_view field,
                       std::string_view value,
                       std::size_t max) {
    if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        issues.push_back({std::string(field), "is required and may not be blank"});
        return;
    }
    CheckText(issues, field, value, max);
}

Issues ValidateReviewNotes(std::string_view notes) {
    Issues issues;
    CheckText(issues, "notes", notes, kMaxReviewNotesLength);
    return issues;
}

Issues ValidateFeedback(const ReviewFeedback& f) {
    Issues issues;
    CheckRequiredText(issues, "text", f.text, kMaxFeedbackTextLength);
    CheckLine(issues, "from", f.from, 0, kMaxFeedbackFromLength);
    if (f.item_ids.size() > kMaxFeedbackItems) {
        issues.push_back(
            {"item_ids", "name at most " + std::to_string(kMaxFeedbackItems) + " items"});
    }
    return issues;
}

}  // namespace tl::domain
