// Durations on the command line: "500ms", "45s", "30m", "12h", "2d".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tl::cli {

// Milliseconds, or nullopt when the text is not a positive duration with a unit.
std::optional<std::int64_t> ParseDurationMs(std::string_view text);

}  // namespace tl::cli
