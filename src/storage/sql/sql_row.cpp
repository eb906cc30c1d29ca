#include <charconv>

#include "storage/sql/connection.hpp"

namespace tl::storage {

std::int64_t SqlRow::Int(std::size_t i) const {
    if (const auto* v = std::get_if<std::int64_t>(&cols_[i])) {
        return *v;
    }
    if (const auto* d = std::get_if<double>(&cols_[i])) {
        return static_cast<std::int64_t>(*d);
    }
    if (const auto* s = std::get_if<std::string>(&cols_[i])) {
        return std::stoll(*s);
    }
    return 0;
}

std::optional<double> SqlRow::Real(std::size_t i) const {
    if (const auto* d = std::get_if<double>(&cols_[i])) {
        return *d;
    }
    if (const auto* v = std::get_if<std::int64_t>(&cols_[i])) {
        return static_cast<double>(*v);
    }
    if (const auto* s = std::get_if<std::string>(&cols_[i])) {
        double out = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc()) {
            return out;
        }
    }
    return std::nullopt;
}

const std::string& SqlRow::Text(std::size_t i) const {
    if (const auto* s = std::get_if<std::string>(&cols_[i])) {
        return *s;
    }
    static const std::string kEmpty;
    return kEmpty;
}

}  // namespace tl::storage
