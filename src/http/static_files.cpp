#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string_view>
#include <system_error>
#include <utility>

namespace tl::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

struct MimeType {
    std::string_view extension;
    std::string_view content_type;
};
constexpr std::array<MimeType, 12> kMimeTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
}};

std::string ContentTypeFor(const fs::path& file) {
    const std::string ext = file.extension().string();
    for (const auto& m : kMimeTypes) {
        if (m.extension == ext) {
            return std::string(m.content_type);
        }
    }
    return "application/octet-stream";
}

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// True if the decoded request path may name something under the root at all.
bool IsSafePath(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return false;
    }
    if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos ||
        path.find("..") != std::string_view::npos || path.find("//") != std::string_view::npos) {
        return false;
    }
    // No dot-files or dot-directories (".git", ".env", "/./x").
    return path.find("/.") == std::string_view::npos;
}

bool LastSegmentHasExtension(std::string_view path) {
    const auto slash = path.rfind('/');
    const std::string_view last = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
    return last.find('.') != std::string_view::npos;
}

bool IsInside(const fs::path& root, const fs::path& p) {
    auto r = root.begin();
    auto q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (q == p.end() || *r != *q) {
            return false;
        }
    }
    return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) {
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) {
        return;
    }
    fs::path canonical = fs::canonical(root, ec);
    if (!ec) {
        root_ = std::move(canonical);
    }
}

bool StaticFiles::Enabled() const { return !root_.empty(); }

std::optional<fs::path> StaticFiles::Resolve(const fs::path& relative) const {
    std::error_code ec;
    // canonical() fails for missing files and resolves symlinks, so a link pointing out of the
    // root is caught by IsInside below.
    fs::path canonical = fs::canonical(root_ / relative, ec);
    if (ec || !IsInside(root_, canonical) || !fs::is_regular_file(canonical, ec)) {
        return std::nullopt;
    }
    return canonical;
}

std::shared_ptr<const StaticFiles::File> StaticFiles::Load(const fs::path& canonical) const {
    const std::string key = canonical.string();
    {
        std::shared_lock lock(mu_);
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            return it->second;
        }
    }
    std::ifstream in(canonical, std::ios::binary);
    if (!in) {
        return nullptr;
    }
    auto file = std::make_shared<File>();
    file->content_type = ContentTypeFor(canonical);
    file->body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return nullptr;
    }
    std::unique_lock lock(mu_);
    // Another thread may have loaded it meanwhile; keep the first so all answers agree.
    auto [it, inserted] = cache_.emplace(key, std::move(file));
    return it->second;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
    if (!Enabled() || (req.method != "GET" && req.method != "HEAD")) {
        return std::nullopt;
    }
    const std::string_view path = req.path;
    if (!IsSafePath(path) || path == "/api" || StartsWith(path, "/api/")) {
        return std::nullopt;
    }

    std::optional<fs::path> file;
    bool fallback = false;
    if (path == "/") {
        file = Resolve("index.html");
    } else {
        file = Resolve(fs::path(path.substr(1)));
        if (!file && !LastSegmentHasExtension(path)) {
            file = Resolve("index.html");
            fallback = true;
        }
    }
    if (!file) {
        return std::nullopt;
    }
    std::shared_ptr<const File> content = Load(*file);
    if (!content) {
        return std::nullopt;
    }

    Response res;
    res.status = 200;
    res.content_type = content->content_type;
    res.body = content->body;
    const bool immutable = !fallback && StartsWith(path, "/assets/");
    res.SetHeader("Cache-Control", std::string(immutable ? kImmutable : kNoCache));
    return res;
}

}  // namespace tl::http
