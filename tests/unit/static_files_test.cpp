#include "http/static_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace tl::http {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

Request Get(std::string path, std::string method = "GET") {
    Request r;
    r.method = std::move(method);
    r.target = path;
    r.path = std::move(path);
    return r;
}

std::string CacheControl(const Response& r) {
    for (const auto& [k, v] : r.headers) {
        if (k == "Cache-Control") {
            return v;
        }
    }
    return {};
}

// A built SPA in a fresh temporary directory, with a secret file next to (outside) the root.
class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "tl-static-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        base_ = tmpl;
        root_ = base_ / "dist";
        WriteFile(root_ / "index.html", "<!doctype html><title>app</title>");
        WriteFile(root_ / "assets" / "app.1a2b.js", "console.log(1)");
        WriteFile(root_ / "assets" / "app.1a2b.css", "body{}");
        WriteFile(root_ / "favicon.ico", "ico");
        WriteFile(root_ / ".env", "SECRET=1");
        WriteFile(base_ / "secret.txt", "top secret");
        fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
        fs::create_directory_symlink(base_, root_ / "up");
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(base_, ec);
    }

    fs::path base_;
    fs::path root_;
};

TEST_F(StaticFilesTest, ServesIndexAtRoot) {
    StaticFiles files(root_);
    ASSERT_TRUE(files.Enabled());
    auto r = files.Serve(Get("/"));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r->body, "<!doctype html><title>app</title>");
    EXPECT_EQ(CacheControl(*r), "no-cache");
}

TEST_F(StaticFilesTest, AssetsAreImmutableOtherFilesNoCache) {
    StaticFiles files(root_);
    auto js = files.Serve(Get("/assets/app.1a2b.js"));
    ASSERT_TRUE(js.has_value());
    EXPECT_EQ(js->body, "console.log(1)");
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(CacheControl(*js), "public, max-age=31536000, immutable");

    auto ico = files.Serve(Get("/favicon.ico"));
    ASSERT_TRUE(ico.has_value());
    EXPECT_EQ(ico->content_type, "image/x-icon");
    EXPECT_EQ(CacheControl(*ico), "no-cache");
}

TEST_F(StaticFilesTest, ContentTypesByExtension) {
    const std::pair<const char*, const char*> cases[] = {
        {"a.html", "text/html; charset=utf-8"},
        {"a.js", "text/javascript; charset=utf-8"},
        {"a.mjs", "text/javascript; charset=utf-8"},
        {"a.css", "text/css; charset=utf-8"},
        {"a.json", "application/json"},
        {"a.svg", "image/svg+xml"},
        {"a.png", "image/png"},
        {"a.ico", "image/x-icon"},
        {"a.woff2", "font/woff2"},
        {"a.txt", "text/plain; charset=utf-8"},
        {"a.js.map", "application/json"},
        {"site.webmanifest", "application/manifest+json"},
        {"a.bin", "application/octet-stream"},
    };
    for (const auto& [name, type] : cases) {
        WriteFile(root_ / name, "x");
    }
    StaticFiles files(root_);
    for (const auto& [name, type] : cases) {
        auto r = files.Serve(Get(std::string("/") + name));
        ASSERT_TRUE(r.has_value()) << name;
        EXPECT_EQ(r->content_type, type) << name;
    }
}

TEST_F(StaticFilesTest, SpaFallbackForExtensionlessPaths) {
    StaticFiles files(root_);
    for (const char* path : {"/items/42", "/settings", "/assets/missing", "/board/"}) {
        auto r = files.Serve(Get(path));
        ASSERT_TRUE(r.has_value()) << path;
        EXPECT_EQ(r->body, "<!doctype html><title>app</title>") << path;
        EXPECT_EQ(r->content_type, "text/html; charset=utf-8") << path;
        EXPECT_EQ(CacheControl(*r), "no-cache") << path;
    }
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIsNotFound) {
    StaticFiles files(root_);
    EXPECT_FALSE(files.Serve(Get("/assets/old.9f9f.js")).has_value());
    EXPECT_FALSE(files.Serve(Get("/robots.txt")).has_value());
}

TEST_F(StaticFilesTest, ApiPathsAreNeverServed) {
    WriteFile(root_ / "api" / "v1" / "thing.json", "{}");
    StaticFiles files(root_);
    EXPECT_FALSE(files.Serve(Get("/api/v1/products")).has_value());
    EXPECT_FALSE(files.Serve(Get("/api/v1/thing.json")).has_value());
    EXPECT_FALSE(files.Serve(Get("/api")).has_value());
}

TEST_F(StaticFilesTest, TraversalAttemptsAreRefused) {
    StaticFiles files(root_);
    for (std::string path : {std::string("/../secret.txt"),
                             std::string("/assets/../../secret.txt"),
                             std::string("/..%2fsecret.txt"),
                             std::string("/..\\secret.txt"),
                             std::string("/assets\\..\\..\\secret.txt"),
                             std::string("/index.html\0.js", 15),
                             std::string("/x\0/../../secret", 16),
                             std::string("/leak.txt"),
                             std::string("/up/secret.txt"),
                             std::string("/.env"),
                             std::string("//etc/passwd"),
                             std::string("secret.txt")}) {
        auto r = files.Serve(Get(path));
        EXPECT_FALSE(r.has_value()) << "served " << path;
    }
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
    StaticFiles files(root_);
    EXPECT_TRUE(files.Serve(Get("/favicon.ico", "HEAD")).has_value());
    EXPECT_FALSE(files.Serve(Get("/favicon.ico", "POST")).has_value());
    EXPECT_FALSE(files.Serve(Get("/items/1", "DELETE")).has_value());
}

TEST_F(StaticFilesTest, ContentIsReadOnce) {
    StaticFiles files(root_);
    ASSERT_EQ(files.Serve(Get("/favicon.ico"))->body, "ico");
    WriteFile(root_ / "favicon.ico", "changed");
    EXPECT_EQ(files.Serve(Get("/favicon.ico"))->body, "ico");
}

TEST_F(StaticFilesTest, DisabledWithoutRoot) {
    StaticFiles none(base_ / "does-not-exist");
    EXPECT_FALSE(none.Enabled());
    EXPECT_FALSE(none.Serve(Get("/")).has_value());
    StaticFiles empty{fs::path()};
    EXPECT_FALSE(empty.Enabled());
}

}  // namespace
}  // namespace tl::http
