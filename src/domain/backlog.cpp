#include "domain/backlog.hpp"

#include <algorithm>
#include <cctype>

namespace tl::domain {

std::vector<std::string> Mentions(std::string_view body) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '@') {
            continue;
        }
        if (i > 0) {
            const unsigned char before = static_cast<unsigned char>(body[i - 1]);
            if (std::isalnum(before) || before == '.' || before == '_' || before == '-') {
                continue;  // inside a word: an e-mail address, not a mention
            }
        }
        std::size_t end = i + 1;
        while (end < body.size()) {
            const unsigned char c = static_cast<unsigned char>(body[end]);
            if (std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '+') {
                ++end;
            } else {
                break;
            }
        }
        std::string word(body.substr(i + 1, end - i - 1));
        while (!word.empty() && (word.back() == '.' || word.back() == '-')) {
            word.pop_back();  // sentence punctuation after the name
        }
        for (char& c : word) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (!word.empty() && std::find(out.begin(), out.end(), word) == out.end()) {
            out.push_back(std::move(word));
        }
        i = end > i ? end - 1 : i;
    }
    return out;
}

std::string_view ToString(PokerState state) {
    switch (state) {
        case PokerState::kVoting:
            return "voting";
        case PokerState::kRevealed:
            return "revealed";
        case PokerState::kClosed:
            break;
    }
    return "closed";
}

std::optional<PokerState> ParsePokerState(std::string_view text) {
    if (text == "voting") {
        return PokerState::kVoting;
    }
    if (text == "revealed") {
        return PokerState::kRevealed;
    }
    if (text == "closed") {
        return PokerState::kClosed;
    }
    return std::nullopt;
}

}  // namespace tl::domain
