#include "cli/duration.hpp"

#include <charconv>

namespace tl::cli {

std::optional<std::int64_t> ParseDurationMs(std::string_view text) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr == text.data() || n <= 0) {
        return std::nullopt;
    }
    std::string_view unit(ptr, text.data() + text.size() - ptr);
    std::int64_t scale = 0;
    if (unit == "ms") {
        scale = 1;
    } else if (unit == "s") {
        scale = 1000;
    } else if (unit == "m") {
        scale = 60'000;
    } else if (unit == "h") {
        scale = 3'600'000;
    } else if (unit == "d") {
        scale = 86'400'000;
    } else {
        return std::nullopt;
    }
    if (n > INT64_MAX / scale) {
        return std::nullopt;
    }
    return n * scale;
}

}  // namespace tl::cli
