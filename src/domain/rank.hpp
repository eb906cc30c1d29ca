// Rank keys: the backlog's order is the byte order of its items' keys (docs/backlog.md, Ranking).
//
// A key is a non-empty string over `0-9a-z` (base 36) that does not end in '0'; read as the
// base-36 fraction 0.k1k2k3..., byte order is numeric order and there is always room between two
// keys. Moving an item writes one key between its new neighbours'. Keys grow when one gap is
// split again and again; once a produced key is longer than kMaxRankLength the caller rewrites
// the product's keys with EvenlySpacedRanks, in the same order.
//
// Pure functions of their arguments, no I/O; safe to call from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::domain {

// A key longer than this means the caller rebalances the product's keys.
inline constexpr std::size_t kMaxRankLength = 64;

// True when `key` is non-empty, only `0-9a-z`, and does not end in '0'.
bool IsValidRank(std::string_view key);

// A valid key strictly between `before` and `after`. An empty `before` is the top of the list,
// an empty `after` the bottom; both empty gives the first key of an empty list.
// Between two keys it takes the shortest key near the midpoint, so splitting one gap from one
// side adds a character every ~5 inserts. At the top or bottom it steps one unit a digit or more
// below the first digit that has room, so repeated moves to the top or bottom stay short (1,000
// appends: 4 characters). The result is at most 4 characters longer than the longer argument.
// Requires: each argument is empty or IsValidRank, and before < after when both are non-empty.
std::string RankBetween(std::string_view before, std::string_view after);

// RankBetween for keys read from storage or a request: nullopt when an argument is neither empty
// nor a valid key, or when both are non-empty and before >= after.
std::optional<std::string> RankBetweenChecked(std::string_view before, std::string_view after);

// `count` valid keys of one width in increasing order, spread evenly over the key space: read as
// integers of that width, neighbours (and the ends of the key space) are at least 35 apart.
// The width is the smallest w with 36^w >= (count + 1) * 36: 2 characters up to 35 items,
// 5 up to 1.6 million. Linear time.
// Requires: count < 36^11.
std::vector<std::string> EvenlySpacedRanks(std::size_t count);

}  // namespace tl::domain
