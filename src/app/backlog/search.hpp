// Full-text search over backlog items (titles, descriptions, acceptance criteria, comments),
// ranked by relevance, in the products the caller may read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/item.hpp"

namespace tl::app {

// Of a search box, the first kMaxSearchTerms words count, each cut to kMaxSearchTermBytes
// (words match by prefix, so a cut word still finds the longer one).
inline constexpr std::size_t kMaxSearchTerms = 10;
inline constexpr std::size_t kMaxSearchTermBytes = 50;
inline constexpr int kMaxSearchLimit = 50;

struct SearchResult {
    domain::Item item;
    std::string key;
    double score = 0;
    std::string title;    // the matches between \x02 and \x03
    std::string snippet;  // likewise
};

// In `product_id` (product.read checked) or, when empty, in every product the actor may read.
// kValidationFailed naming "q" when it holds no word.
Result<std::vector<SearchResult>> SearchItems(AppContext& ctx,
                                              const Actor& actor,
                                              std::string_view q,
                                              const std::string& product_id,
                                              int limit);

}  // namespace tl::app
