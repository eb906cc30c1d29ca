#include "domain/rank.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>

namespace tl::domain {
namespace {

constexpr int kBase = 36;
constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";

bool IsRankChar(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

int ValueOf(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

char DigitOf(int value) { return kDigits[static_cast<std::size_t>(value)]; }

void StripTrailingZeros(std::string& key) {
    while (!key.empty() && key.back() == '0') {
        key.pop_back();
    }
}

// The digit at which a move to the top or bottom steps by one unit, given `edge`: the number of
// leading digits with no room left ('z' towards the bottom, '0' towards the top). Stepping up to
// two digits deeper than the first digit with room leaves 36^3 (then 36^4) moves before the next
// digit fills up, where halving the remaining space would add a character every ~5 moves.
std::size_t StepDigit(std::size_t edge) { return edge + 1 + std::min<std::size_t>(edge, 2); }

// A key after `before` with nothing below it: `before` up to the step digit, plus one unit there.
std::string AfterLast(std::string_view before) {
    std::size_t edge = 0;
    while (edge < before.size() && before[edge] == 'z') {
        ++edge;
    }
    const std::size_t step = StepDigit(edge);
    std::string key(before.substr(0, std::min(before.size(), step + 1)));
    key.resize(step + 1, '0');
    // The carry stops at `edge`, the first digit that is not 'z'.
    std::size_t i = step;
    while (key[i] == 'z') {
        key[i] = '0';
        --i;
    }
    key[i] = DigitOf(ValueOf(key[i]) + 1);
    StripTrailingZeros(key);
    return key;
}

// A key before `after` with nothing above it: `after` cut at the step digit when that drops
// something, else `after` minus one unit at the step digit.
std::string BeforeFirst(std::string_view after) {
    std::size_t edge = 0;
    while (after[edge] == '0') {  // a valid key has a non-zero digit
        ++edge;
    }
    const std::size_t step = StepDigit(edge);
    if (after.size() > step + 1) {
        std::string key(after.substr(0, step + 1));
        StripTrailingZeros(key);  // keeps the non-zero digit at `edge`
        return key;
    }
    std::string key(after);
    key.resize(step + 1, '0');
    // The borrow stops at `edge`, the first digit that is not '0'.
    std::size_t i = step;
    while (key[i] == '0') {
        key[i] = 'z';
        --i;
    }
    key[i] = DigitOf(ValueOf(key[i]) - 1);
    StripTrailingZeros(key);
    return key;
}

// The shortest key near the midpoint of `low` and `high` read as base-36 fractions, where an
// empty `low` is 0 and an empty `high` is 1. Requires low < high.
std::string Midpoint(std::string_view low, std::string_view high) {
    std::string key;
    while (true) {
        if (!high.empty()) {
            // Copy the digits both share (`low` padded with '0'); low < high, so they differ
            // before `high` ends.
            std::size_t n = 0;
            while (n < high.size() && (n < low.size() ? low[n] : '0') == high[n]) {
                ++n;
            }
            key.append(high.substr(0, n));
            low = low.substr(std::min(n, low.size()));
            high = high.substr(n);
        }
        const int lo = low.empty() ? 0 : ValueOf(low[0]);
        const int hi = high.empty() ? kBase : ValueOf(high[0]);
        if (hi - lo > 1) {
            key.push_back(DigitOf((lo + hi) / 2));
            return key;
        }
        if (high.size() > 1) {
            // high's first digit alone is below high and above anything starting with `lo`.
            key.push_back(high[0]);
            return key;
        }
        // No digit fits between: keep low's digit and go above the rest of low.
        key.push_back(DigitOf(lo));
        low = low.empty() ? low : low.substr(1);
        high = {};
    }
}

}  // namespace

bool IsValidRank(std::string_view key) {
    return !key.empty() && key.back() != '0' && std::all_of(key.begin(), key.end(), IsRankChar);
}

std::string RankBetween(std::string_view before, std::string_view after) {
    assert(before.empty() || IsValidRank(before));
    assert(after.empty() || IsValidRank(after));
    assert(before.empty() || after.empty() || before < after);
    if (!before.empty() && after.empty()) {
        return AfterLast(before);
    }
    if (before.empty() && !after.empty()) {
        return BeforeFirst(after);
    }
    return Midpoint(before, after);
}

std::optional<std::string> RankBetweenChecked(std::string_view before, std::string_view after) {
    if ((!before.empty() && !IsValidRank(before)) || (!after.empty() && !IsValidRank(after))) {
        return std::nullopt;
    }
    if (!before.empty() && !after.empty() && before >= after) {
        return std::nullopt;
    }
    return RankBetween(before, after);
}

std::vector<std::string> EvenlySpacedRanks(std::size_t count) {
    std::vector<std::string> keys;
    if (count == 0) {
        return keys;
    }
    const std::uint64_t slots = static_cast<std::uint64_t>(count) + 1;
    assert(slots <= std::uint64_t{131'621'703'842'267'136});  // 36^11
    std::size_t width = 1;
    std::uint64_t space = kBase;  // 36^width
    while (space < slots * kBase) {
        space *= kBase;
        ++width;
    }
    // Key i is floor((i + 1) * space / slots), kept as quotient and remainder so that nothing
    // overflows.
    const std::uint64_t step = space / slots;
    const std::uint64_t step_remainder = space % slots;
    std::uint64_t value = 0;
    std::uint64_t remainder = 0;
    keys.reserve(count);
    std::string key(width, '0');
    for (std::size_t i = 0; i < count; ++i) {
        value += step;
        remainder += step_remainder;
        if (remainder >= slots) {
            remainder -= slots;
            ++value;
        }
        // Neighbours are at least 36 apart, so moving off a trailing '0' keeps the order.
        std::uint64_t v = value % kBase == 0 ? value + 1 : value;
        for (std::size_t d = width; d-- > 0;) {
            key[d] = DigitOf(static_cast<int>(v % kBase));
            v /= kBase;
        }
        keys.push_back(key);
    }
    return keys;
}

}  // namespace tl::domain
