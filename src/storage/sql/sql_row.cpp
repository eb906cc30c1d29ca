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

const std::string& SqlRow::Text(std::size_t i) const {
    if (const auto* s = std::get_if<std::string>(&cols_[i])) {
        return *s;
    }
    static const std::string kEmpty;
    return kEmpty;
}

}  // namespace tl::storage
