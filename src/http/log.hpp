// Structured logging: one JSON object per line on stdout.
//
// Every line carries "ts" (UTC, RFC 3339 with milliseconds, "2026-11-22T15:04:05.123Z") and
// "level", followed by the caller's fields in their order. Lines from concurrent threads never
// interleave, and each line is flushed before the call returns. Thread-safe.
//
// Never pass secrets (passwords, tokens, query strings that may hold tokens) as fields.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace tl::http {

// Writes `fields` as one line. Adds "ts" (always the current time, first) and "level"
// ("info" unless `fields` has one).
void LogLine(const boost::json::object& fields);
// Writes {"ts", "level":"info", "msg":msg, fields...}.
void LogInfo(std::string_view msg, boost::json::object fields = {});
// Writes {"ts", "level":"error", "msg":msg, fields...}.
void LogError(std::string_view msg, boost::json::object fields = {});

}  // namespace tl::http
