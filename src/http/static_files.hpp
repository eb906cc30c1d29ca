// StaticFiles: serves the built single-page web app from a directory.
//
// Only GET and HEAD are served (the server drops the body of a HEAD answer). A request path is
// refused (nullopt) if it contains "..", "//", a NUL, a backslash or a segment starting with
// '.', or if it resolves (following symlinks) outside the root. Paths under /api/ are never served.
// Files under /assets/ (content-hashed by the build) get
// `Cache-Control: public, max-age=31536000, immutable`, everything else `no-cache`.
// SPA fallback: a path whose last segment has no extension and that names no file gets
// root/index.html, so client-side routes survive a reload; a missing file with an extension
// gives nullopt and the caller answers 404.
//
// File contents are read once and cached in memory (the app is small and immutable while the
// server runs). Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "http/request.hpp"
#include "http/response.hpp"

namespace tl::http {

class StaticFiles {
public:
    // `root` may be empty or missing: then Enabled() is false and Serve() gives nullopt.
    explicit StaticFiles(std::filesystem::path root);

    bool Enabled() const;
    // The file (or the SPA fallback) for `req`, or nullopt if there is nothing to serve.
    std::optional<Response> Serve(const Request& req) const;

private:
    struct File {
        std::string content_type;
        std::string body;
    };
    // Requires: `canonical` is a regular file under root_. nullptr if it cannot be read.
    std::shared_ptr<const File> Load(const std::filesystem::path& canonical) const;
    // The canonical path of `relative` if it is a regular file inside root_.
    std::optional<std::filesystem::path> Resolve(const std::filesystem::path& relative) const;

    std::filesystem::path root_;  // canonical, empty when disabled
    mutable std::shared_mutex mu_;
    mutable std::unordered_map<std::string, std::shared_ptr<const File>> cache_;
};

}  // namespace tl::http
