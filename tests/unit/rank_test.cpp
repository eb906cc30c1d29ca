// Rank keys: order and validity under random, one-sided and adversarial inserts, growth figures,
// the caller's rebalance loop, evenly spaced keys, and edge cases.
#include "domain/rank.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

// Every valid key of 1..max_length characters, in increasing order.
std::vector<std::string> AllKeysUpTo(std::size_t max_length) {
    std::vector<std::string> keys;
    std::vector<std::string> prefixes{""};
    for (std::size_t length = 1; length <= max_length; ++length) {
        std::vector<std::string> longer;
        for (const auto& prefix : prefixes) {
            for (char c : kAlphabet) {
                longer.push_back(prefix + c);
            }
        }
        prefixes = longer;
        for (const auto& key : longer) {
            if (key.back() != '0') {
                keys.push_back(key);
            }
        }
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

// The key read as an integer in base 36.
std::uint64_t ValueOf(const std::string& key) {
    std::uint64_t value = 0;
    for (char c : key) {
        value = value * 36 + kAlphabet.find(c);
    }
    return value;
}

::testing::AssertionResult StrictlyBetween(const std::string& key,
                                           const std::string& before,
                                           const std::string& after) {
    if (!IsValidRank(key)) {
        return ::testing::AssertionFailure() << "invalid key \"" << key << "\"";
    }
    if ((!before.empty() && !(before < key)) || (!after.empty() && !(key < after))) {
        return ::testing::AssertionFailure()
               << "\"" << key << "\" is not between \"" << before << "\" and \"" << after << "\"";
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult StrictlyIncreasingAndValid(const std::vector<std::string>& keys) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!IsValidRank(keys[i])) {
            return ::testing::AssertionFailure() << "invalid key \"" << keys[i] << "\" at " << i;
        }
        if (i > 0 && !(keys[i - 1] < keys[i])) {
            return ::testing::AssertionFailure()
                   << "\"" << keys[i - 1] << "\" then \"" << keys[i] << "\" at " << i;
        }
    }
    return ::testing::AssertionSuccess();
}

std::size_t MaxLength(const std::vector<std::string>& keys) {
    std::size_t max = 0;
    for (const auto& key : keys) {
        max = std::max(max, key.size());
    }
    return max;
}

// A backlog as the caller keeps it: keys in list order. Insert() is the caller's loop from
// docs/backlog.md: when the new key is longer than kMaxRankLength, rewrite every key evenly
// spaced (order unchanged), then take the key between the new neighbours.
class Backlog {
public:
    explicit Backlog(std::vector<std::string> keys) : keys_(std::move(keys)) {}

    // Inserts a new item at `position` (0..size) and returns its key.
    std::string Insert(std::size_t position) {
        std::string key = RankBetween(Before(position), After(position));
        if (key.size() > kMaxRankLength) {
            keys_ = EvenlySpacedRanks(keys_.size());
            ++rebalances_;
            EXPECT_TRUE(StrictlyIncreasingAndValid(keys_)) << "after rebalance " << rebalances_;
            key = RankBetween(Before(position), After(position));
        }
        EXPECT_TRUE(StrictlyBetween(key, Before(position), After(position)));
        keys_.insert(keys_.begin() + static_cast<std::ptrdiff_t>(position), key);
        max_length_ = std::max(max_length_, key.size());
        return key;
    }

    const std::vector<std::string>& keys() const { return keys_; }
    std::size_t rebalances() const { return rebalances_; }
    std::size_t max_length() const { return max_length_; }

private:
    std::string Before(std::size_t position) const {
        return position > 0 ? keys_[position - 1] : std::string();
    }
    std::string After(std::size_t position) const {
        return position < keys_.size() ? keys_[position] : std::string();
    }

    std::vector<std::string> keys_;
    std::size_t rebalances_ = 0;
    std::size_t max_length_ = 0;
};

// The adversarial pattern: each insert goes between the two newest items, so the gap halves
// every time and alternates sides. Returns the insert (1-based) whose key first exceeded
// kMaxRankLength without rebalancing, or 0.
std::size_t AdversarialInsertsUntilTooLong(std::string low, std::string high, std::size_t inserts) {
    bool high_is_newest = true;
    for (std::size_t n = 1; n <= inserts; ++n) {
        std::string key = RankBetween(low, high);
        EXPECT_TRUE(StrictlyBetween(key, low, high)) << "insert " << n;
        if (key.size() > kMaxRankLength) {
            return n;
        }
        (high_is_newest ? low : high) = key;
        high_is_newest = !high_is_newest;
    }
    return 0;
}

TEST(RankTest, ValidKeys) {
    EXPECT_TRUE(IsValidRank("i"));
    EXPECT_TRUE(IsValidRank("1"));
    EXPECT_TRUE(IsValidRank("z"));
    EXPECT_TRUE(IsValidRank("0001"));
    EXPECT_TRUE(IsValidRank("a0i"));
    EXPECT_TRUE(IsValidRank("09azzz"));
    EXPECT_TRUE(IsValidRank(std::string(200, 'z')));  // long keys are valid; the caller rebalances

    EXPECT_FALSE(IsValidRank(""));
    EXPECT_FALSE(IsValidRank("0"));
    EXPECT_FALSE(IsValidRank("a0"));
    EXPECT_FALSE(IsValidRank("a00"));
    EXPECT_FALSE(IsValidRank("A"));
    EXPECT_FALSE(IsValidRank("aB"));
    EXPECT_FALSE(IsValidRank("a b"));
    EXPECT_FALSE(IsValidRank("a-1"));
    EXPECT_FALSE(IsValidRank("a/"));  // just below '0'
    EXPECT_FALSE(IsValidRank("a:"));  // just above '9'
    EXPECT_FALSE(IsValidRank("a`"));  // just below 'a'
    EXPECT_FALSE(IsValidRank("a{"));  // just above 'z'
    EXPECT_FALSE(IsValidRank(std::string("a\0b", 3)));
    EXPECT_FALSE(IsValidRank("\xc3\xa9"));
}

TEST(RankTest, KnownKeys) {
    EXPECT_EQ(RankBetween("", ""), "i");  // the first item of an empty backlog
    EXPECT_EQ(RankBetween("a", "c"), "b");
    EXPECT_EQ(RankBetween("a", "b"), "ai");
    EXPECT_EQ(RankBetween("a", "a1"), "a0i");
    EXPECT_EQ(RankBetween("a", "a2"), "a1");
    EXPECT_EQ(RankBetween("a1", "a2"), "a1i");
    EXPECT_EQ(RankBetween("ai", "b"), "ar");
    EXPECT_EQ(RankBetween("a", "b1"), "b");  // shorter than either neighbour
    EXPECT_EQ(RankBetween("az", "b"), "azi");
    EXPECT_EQ(RankBetween("a5k3", "a5k4"), "a5k3i");
    EXPECT_EQ(RankBetween("1", "z"), "i");

    // Bottom: one unit at the digit after the first digit with room.
    EXPECT_EQ(RankBetween("i", ""), "i1");
    EXPECT_EQ(RankBetween("iz", ""), "j");
    EXPECT_EQ(RankBetween("i5k3", ""), "i6");
    EXPECT_EQ(RankBetween("y", ""), "y1");
    EXPECT_EQ(RankBetween("z", ""), "z001");
    EXPECT_EQ(RankBetween("zz", ""), "zz0001");
    EXPECT_EQ(RankBetween("zzz", ""), "zzz0001");

    // Top: the mirror image.
    EXPECT_EQ(RankBetween("", "i"), "hz");
    EXPECT_EQ(RankBetween("", "h1"), "h");
    EXPECT_EQ(RankBetween("", "i5k3"), "i5");
    EXPECT_EQ(RankBetween("", "2"), "1z");
    EXPECT_EQ(RankBetween("", "1"), "0z");
    EXPECT_EQ(RankBetween("", "01"), "00zz");
    EXPECT_EQ(RankBetween("", "001"), "000zzz");
}

TEST(RankTest, EdgesOfTheKeySpace) {
    // Near the end: "z..." keys.
    for (const std::string key : {"z", "zz", "zzzz", "zy", "zzzy", "zyzz"}) {
        EXPECT_TRUE(StrictlyBetween(RankBetween(key, ""), key, "")) << key;
        EXPECT_TRUE(StrictlyBetween(RankBetween("", key), "", key)) << key;
    }
    EXPECT_EQ(RankBetween("zy", "zz"), "zyi");
    EXPECT_EQ(RankBetween("zyz", "zz"), "zyzi");
    EXPECT_EQ(RankBetween("zzzy", "zzzz"), "zzzyi");
    EXPECT_EQ(RankBetween("zzzz", "zzzz1"), "zzzz0i");
    const std::string longest_z(kMaxRankLength, 'z');
    EXPECT_TRUE(StrictlyBetween(RankBetween(longest_z, ""), longest_z, ""));
    EXPECT_EQ(RankBetween(longest_z, "").size(), kMaxRankLength + 4);

    // Near the start: "0...1" keys.
    for (const std::string key : {"1", "01", "0001", "00011", "0z", "1001"}) {
        EXPECT_TRUE(StrictlyBetween(RankBetween("", key), "", key)) << key;
        EXPECT_TRUE(StrictlyBetween(RankBetween(key, ""), key, "")) << key;
    }
    EXPECT_EQ(RankBetween("0001", "0002"), "0001i");
    EXPECT_EQ(RankBetween("0001", "00011"), "00010i");
    EXPECT_EQ(RankBetween("", "0001"), "0000zzz");
    const std::string smallest = std::string(kMaxRankLength - 1, '0') + "1";
    EXPECT_TRUE(StrictlyBetween(RankBetween("", smallest), "", smallest));

    // Adjacent keys: nothing of their length fits between, so the key is one longer.
    EXPECT_EQ(RankBetween("a", "a1"), "a0i");
    EXPECT_EQ(RankBetween("a0z", "a1"), "a0zi");
    EXPECT_EQ(RankBetween("a", "a01"), "a00i");
    EXPECT_EQ(RankBetween("ay", "az"), "ayi");
    EXPECT_EQ(RankBetween("9", "a"), "9i");  // across the gap between '9' and 'a' in ASCII
    EXPECT_EQ(RankBetween("9z", "a"), "9zi");
}

TEST(RankTest, CheckedRejectsWhatStorageMustNotHold) {
    EXPECT_EQ(RankBetweenChecked("", ""), "i");
    EXPECT_EQ(RankBetweenChecked("a", "c"), "b");
    EXPECT_EQ(RankBetweenChecked("a", ""), "a1");
    EXPECT_EQ(RankBetweenChecked("", "a"), "9z");

    EXPECT_EQ(RankBetweenChecked("b", "a"), std::nullopt);   // not sorted
    EXPECT_EQ(RankBetweenChecked("a", "a"), std::nullopt);   // equal
    EXPECT_EQ(RankBetweenChecked("a1", "a"), std::nullopt);  // prefix after the longer key
    EXPECT_EQ(RankBetweenChecked("a0", "b"), std::nullopt);  // trailing '0'
    EXPECT_EQ(RankBetweenChecked("a", "b0"), std::nullopt);  // trailing '0'
    EXPECT_EQ(RankBetweenChecked("0", ""), std::nullopt);    // '0' alone
    EXPECT_EQ(RankBetweenChecked("A", "b"), std::nullopt);   // upper case
    EXPECT_EQ(RankBetweenChecked("a", "B"), std::nullopt);   // upper case, and below "a"
    EXPECT_EQ(RankBetweenChecked("a-", ""), std::nullopt);   // not in the alphabet
    EXPECT_EQ(RankBetweenChecked("", "a b"), std::nullopt);  // not in the alphabet
    EXPECT_EQ(RankBetweenChecked("a\xc3\xa9", ""), std::nullopt);
}

// Every pair of valid keys of up to 2 characters (1,296 keys, about 840,000 pairs), and each
// key against both ends of the list.
TEST(RankTest, EveryPairOfShortKeys) {
    const std::vector<std::string> keys = AllKeysUpTo(2);
    ASSERT_EQ(keys.size(), 35u + 36u * 35u);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string& low = keys[i];
        for (std::size_t j = i + 1; j < keys.size(); ++j) {
            const std::string& high = keys[j];
            const std::string key = RankBetween(low, high);
            ASSERT_TRUE(StrictlyBetween(key, low, high));
            ASSERT_LE(key.size(), std::max(low.size(), high.size()) + 1) << low << " " << high;
            if (j == i + 1) {
                // Neighbours in this list have no key of up to 2 characters between them.
                ASSERT_EQ(key.size(), 3u) << low << " " << high;
            }
        }
        const std::string after = RankBetween(low, "");
        ASSERT_TRUE(StrictlyBetween(after, low, ""));
        ASSERT_LE(after.size(), low.size() + 4);
        const std::string before = RankBetween("", low);
        ASSERT_TRUE(StrictlyBetween(before, "", low));
        ASSERT_LE(before.size(), low.size() + 4);
        ASSERT_EQ(RankBetweenChecked(low, ""), after);
        ASSERT_EQ(RankBetweenChecked("", low), before);
    }
}

// 10,000 inserts at random positions, three fixed seeds; each key lands strictly between its
// neighbours, so the list stays strictly increasing.
TEST(RankTest, RandomInsertsKeepOrder) {
    for (std::uint64_t seed : {1u, 2u, 20240601u}) {
        std::mt19937_64 random(seed);
        std::vector<std::string> keys;
        for (int n = 0; n < 10'000; ++n) {
            const std::size_t position = random() % (keys.size() + 1);
            const std::string before = position > 0 ? keys[position - 1] : "";
            const std::string after = position < keys.size() ? keys[position] : "";
            const std::string key = RankBetween(before, after);
            ASSERT_TRUE(StrictlyBetween(key, before, after)) << "seed " << seed << " insert " << n;
            ASSERT_EQ(RankBetweenChecked(before, after), key);
            keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(position), key);
            if (n % 1'000 == 0) {
                ASSERT_TRUE(StrictlyIncreasingAndValid(keys)) << "seed " << seed;
            }
        }
        ASSERT_TRUE(StrictlyIncreasingAndValid(keys)) << "seed " << seed;
        // Measured: 8 characters at most for each seed.
        EXPECT_LE(MaxLength(keys), 8u) << "seed " << seed;
    }
}

TEST(RankTest, AppendsAtTheBottomStayShort) {
    Backlog backlog({});
    for (int n = 0; n < 1'000; ++n) {
        backlog.Insert(backlog.keys().size());
    }
    EXPECT_TRUE(StrictlyIncreasingAndValid(backlog.keys()));
    EXPECT_EQ(backlog.max_length(), 4u);  // measured
    EXPECT_EQ(backlog.keys().back(), "z0ar");

    for (int n = 1'000; n < 100'000; ++n) {
        backlog.Insert(backlog.keys().size());
    }
    EXPECT_EQ(backlog.max_length(), 6u);  // measured: 100,000 appends
    EXPECT_EQ(backlog.rebalances(), 0u);
    EXPECT_TRUE(StrictlyIncreasingAndValid(backlog.keys()));
}

TEST(RankTest, InsertsAtTheTopStayShort) {
    Backlog backlog({});
    for (int n = 0; n < 1'000; ++n) {
        backlog.Insert(0);
    }
    EXPECT_TRUE(StrictlyIncreasingAndValid(backlog.keys()));
    EXPECT_EQ(backlog.max_length(), 4u);  // measured
    EXPECT_EQ(backlog.keys().front(), "0ypa");
}

// Splitting one gap from one side halves it each time: a character every ~5 inserts.
TEST(RankTest, OneSidedInsertsIntoOneGapGrowLinearly) {
    const std::string first = RankBetween("", "");
    const std::string last = RankBetween(first, "");

    // Always just after the first item.
    std::string next = last;
    std::size_t too_long_at = 0;
    for (std::size_t n = 1; n <= 1'000 && too_long_at == 0; ++n) {
        const std::string key = RankBetween(first, next);
        ASSERT_TRUE(StrictlyBetween(key, first, next));
        if (key.size() > kMaxRankLength) {
            too_long_at = n;
        }
        next = key;
    }
    EXPECT_EQ(too_long_at, 311u);  // measured

    // Always just before the last item.
    std::string previous = first;
    too_long_at = 0;
    for (std::size_t n = 1; n <= 1'000 && too_long_at == 0; ++n) {
        const std::string key = RankBetween(previous, last);
        ASSERT_TRUE(StrictlyBetween(key, previous, last));
        if (key.size() > kMaxRankLength) {
            too_long_at = n;
        }
        previous = key;
    }
    EXPECT_EQ(too_long_at, 373u);  // measured
}

TEST(RankTest, AdversarialInsertsOutgrowTheBoundAfterAMeasuredCount) {
    const std::string first = RankBetween("", "");
    EXPECT_EQ(AdversarialInsertsUntilTooLong(first, RankBetween(first, ""), 1'000), 311u);
    // From evenly spaced neighbours of width 3 the count is about the same.
    const std::vector<std::string> spaced = EvenlySpacedRanks(1'000);
    EXPECT_EQ(AdversarialInsertsUntilTooLong(spaced[499], spaced[500], 1'000), 312u);
}

// The caller's loop keeps every key within kMaxRankLength: it rebalances whenever a new key is
// longer, and the order survives each rebalance.
TEST(RankTest, RebalancingKeepsKeysWithinTheBound) {
    // Adversarial: between the two newest items, starting in the middle of ten.
    Backlog adversarial(EvenlySpacedRanks(10));
    std::size_t newest = 5;
    std::size_t previous = 4;
    for (int n = 0; n < 1'000; ++n) {
        const std::size_t position = std::max(newest, previous);
        adversarial.Insert(position);
        previous = newest >= position ? newest + 1 : newest;
        newest = position;
    }
    EXPECT_TRUE(StrictlyIncreasingAndValid(adversarial.keys()));
    EXPECT_EQ(adversarial.keys().size(), 1'010u);
    EXPECT_LE(adversarial.max_length(), kMaxRankLength);
    EXPECT_EQ(adversarial.rebalances(), 3u);  // measured

    // Always just after the first item.
    Backlog after_first(EvenlySpacedRanks(10));
    for (int n = 0; n < 1'000; ++n) {
        after_first.Insert(1);
    }
    EXPECT_TRUE(StrictlyIncreasingAndValid(after_first.keys()));
    EXPECT_LE(after_first.max_length(), kMaxRankLength);
    EXPECT_EQ(after_first.rebalances(), 3u);  // measured

    // Always just before the last item.
    Backlog before_last(EvenlySpacedRanks(10));
    for (int n = 0; n < 1'000; ++n) {
        before_last.Insert(before_last.keys().size() - 1);
    }
    EXPECT_TRUE(StrictlyIncreasingAndValid(before_last.keys()));
    EXPECT_LE(before_last.max_length(), kMaxRankLength);
    EXPECT_EQ(before_last.rebalances(), 2u);  // measured
}

TEST(RankTest, EvenlySpacedRanksForSeveralCounts) {
    EXPECT_TRUE(EvenlySpacedRanks(0).empty());
    EXPECT_EQ(EvenlySpacedRanks(1), std::vector<std::string>{"i1"});
    EXPECT_EQ(EvenlySpacedRanks(2), (std::vector<std::string>{"c1", "o1"}));

    for (std::size_t count :
         {1u, 2u, 3u, 34u, 35u, 36u, 37u, 100u, 1'000u, 1'294u, 1'295u, 1'296u, 46'655u}) {
        const std::vector<std::string> keys = EvenlySpacedRanks(count);
        ASSERT_EQ(keys.size(), count);
        ASSERT_TRUE(StrictlyIncreasingAndValid(keys)) << count;

        // One width, the smallest with 36^width >= (count + 1) * 36.
        const std::size_t width = keys.front().size();
        std::uint64_t space = 1;
        for (std::size_t i = 0; i < width; ++i) {
            space *= 36;
        }
        EXPECT_GE(space, (count + 1) * 36) << count;
        EXPECT_LT(space / 36, (count + 1) * 36) << count;

        // At least 35 apart, and from both ends of the key space.
        std::uint64_t previous_value = 0;
        for (const auto& key : keys) {
            ASSERT_EQ(key.size(), width) << count;
            ASSERT_GE(ValueOf(key) - previous_value, 35u) << count << " " << key;
            previous_value = ValueOf(key);
        }
        EXPECT_GE(space - previous_value, 35u) << count;

        // Between neighbours a key is one character longer at most; at the ends the step
        // digit is deeper, to leave room for many moves to the top or bottom.
        EXPECT_LE(RankBetween("", keys.front()).size(), width + 4);
        EXPECT_LE(RankBetween(keys.back(), "").size(), width + 4);
        for (std::size_t i = 1; i < keys.size(); ++i) {
            ASSERT_LE(RankBetween(keys[i - 1], keys[i]).size(), width + 1) << count;
        }
    }
}

TEST(RankTest, EvenlySpacedRanksForAMillionItems) {
    const std::vector<std::string> keys = EvenlySpacedRanks(1'000'000);
    ASSERT_EQ(keys.size(), 1'000'000u);
    EXPECT_TRUE(StrictlyIncreasingAndValid(keys));
    EXPECT_EQ(keys.front().size(), 5u);
    EXPECT_EQ(MaxLength(keys), 5u);
    EXPECT_EQ(keys.front(), "0001o");
    EXPECT_EQ(keys.back(), "zzzyb");
}

}  // namespace
}  // namespace tl::domain
