// SearchWords: the words of a search text, as full-text search (the search endpoint and the
// query language's `text ~`) matches them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tl::domain {

// The runs of ASCII letters and digits and of complete UTF-8 sequences above ASCII; anything
// else (punctuation, operators of a full-text syntax, invalid bytes) separates words. Each word
// once, the first `max_words`, each cut to `max_word_bytes` without splitting a character.
std::vector<std::string> SearchWords(std::string_view text,
                                     std::size_t max_words,
                                     std::size_t max_word_bytes = 50);

}  // namespace tl::domain
