#include "domain/search_words.hpp"

#include <algorithm>

namespace tl::domain {
namespace {

// The length of the valid UTF-8 sequence of more than one byte starting at s[i], or 0.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = b(i);
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        lo = lead == 0xE0 ? 0xA0 : 0x80;
        hi = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        lo = lead == 0xF0 ? 0x90 : 0x80;
        hi = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + n > s.size() || b(i + 1) < lo || b(i + 1) > hi) {
        return 0;
    }
    for (std::size_t k = i + 2; k < i + n; ++k) {
        if (b(k) < 0x80 || b(k) > 0xBF) {
            return 0;
        }
    }
    return n;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text,
                                     std::size_t max_words,
                                     std::size_t max_word_bytes) {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && words.size() < max_words &&
            std::find(words.begin(), words.end(), word) == words.end()) {
            words.push_back(std::move(word));
        }
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        std::size_t n = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            n = 1;
        } else {
            n = Utf8SequenceLength(text, i);
        }
        if (n == 0) {
            flush();
            ++i;
            continue;
        }
        if (word.size() + n <= max_word_bytes) {
            word += text.substr(i, n);
        }
        i += n;
    }
    flush();
    return words;
}

}  // namespace tl::domain
