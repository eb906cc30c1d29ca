#include "http/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

#include <boost/json/serialize.hpp>

namespace tl::http {
namespace {

// stdout is process-wide, so is the lock that keeps its lines whole.
std::mutex& OutputMutex() {
    static std::mutex m;
    return m;
}

std::string Timestamp() {
    const auto now = std::chrono::system_clock::now();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                  tm.tm_year + 1900,
                  tm.tm_mon + 1,
                  tm.tm_mday,
                  tm.tm_hour,
                  tm.tm_min,
                  tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

// Serialises field by field rather than building a new object: the access log calls this once
// per request.
void Write(std::string_view level, const boost::json::object& fields) {
    std::string text;
    text.reserve(256);
    text += "{\"ts\":\"";
    text += Timestamp();
    text += "\",\"level\":";
    const auto* given = fields.if_contains("level");
    text += given != nullptr ? boost::json::serialize(*given)
                             : boost::json::serialize(boost::json::string_view(level));
    for (const auto& kv : fields) {
        if (kv.key() == "ts" || kv.key() == "level") {
            continue;
        }
        text.push_back(',');
        text += boost::json::serialize(kv.key());
        text.push_back(':');
        text += boost::json::serialize(kv.value());
    }
    text += "}\n";
    std::lock_guard lock(OutputMutex());
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

boost::json::object WithMessage(std::string_view msg, boost::json::object fields) {
    boost::json::object out;
    out.reserve(fields.size() + 1);
    out["msg"] = msg;
    for (auto& kv : fields) {
        if (kv.key() != "msg") {
            out[kv.key()] = std::move(kv.value());
        }
    }
    return out;
}

}  // namespace

void LogLine(const boost::json::object& fields) { Write("info", fields); }

void LogInfo(std::string_view msg, boost::json::object fields) {
    Write("info", WithMessage(msg, std::move(fields)));
}

void LogError(std::string_view msg, boost::json::object fields) {
    boost::json::object line = WithMessage(msg, std::move(fields));
    line.erase("level");
    Write("error", line);
}

}  // namespace tl::http
