#include "http/log.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include <boost/json/serialize.hpp>

#include "app/serialize.hpp"

namespace tl::http {
namespace {

// stdout is process-wide, so is the lock that keeps its lines whole.
std::mutex& OutputMutex() {
    static std::mutex m;
    return m;
}

// Serialises field by field rather than building a new object: the access log calls this once
// per request.
void Write(std::string_view level, const boost::json::object& fields) {
    std::string text;
    text.reserve(256);
    text += "{\"ts\":\"";
    text += app::FormatTime(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
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
