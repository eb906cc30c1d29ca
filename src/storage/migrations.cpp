#include "storage/migrations.hpp"

namespace tl::storage {

std::string DialectSql(std::string_view sql, std::string_view backend) {
    constexpr std::string_view kMarker = "-- dialect ";
    std::string out;
    out.reserve(sql.size());
    bool keep = true;
    while (!sql.empty()) {
        const auto end = sql.find('\n');
        const std::string_view line =
            sql.substr(0, end == std::string_view::npos ? sql.size() : end + 1);
        sql.remove_prefix(line.size());
        if (line.starts_with(kMarker)) {
            std::string_view name = line.substr(kMarker.size());
            while (!name.empty() &&
                   (name.back() == '\n' || name.back() == '\r' || name.back() == ' ')) {
                name.remove_suffix(1);
            }
            keep = name == "all" || name == backend;
            continue;
        }
        if (keep) {
            out.append(line);
        }
    }
    return out;
}

}  // namespace tl::storage
