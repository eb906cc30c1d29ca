#include "cli/release_commands.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace json = boost::json;

namespace {

struct NotesFlags {
    std::string url;
    std::string token;
    bool json = false;
    std::string version;
    std::string product;
};

// Percent-encodes `s` for a path segment or a query value.
std::string Encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string Str(const json::value& v, std::string_view key) {
    const auto* o = v.if_object();
    const auto* f = o != nullptr ? o->if_contains(key) : nullptr;
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string();
}

const json::array& Data(const json::value& page) {
    static const json::array kEmpty;
    const auto* o = page.if_object();
    const auto* d = o != nullptr ? o->if_contains("data") : nullptr;
    return d != nullptr && d->is_array() ? d->as_array() : kEmpty;
}

bool SameKey(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::toupper(static_cast<unsigned char>(x)) ==
               std::toupper(static_cast<unsigned char>(y));
    });
}

// Sends one request; a reply only when the server answered 2xx, otherwise the failure is
// printed and `exit_code` says how the command ends.
std::optional<ApiReply> Call(ApiClient& client, const std::string& path, int& exit_code) {
    auto reply = client.Send("GET", path);
    if (!reply) {
        exit_code = ReportClientError(reply.error());
        return std::nullopt;
    }
    if (!reply->Ok()) {
        PrintServerError(*reply);
        exit_code = kExitRefused;
        return std::nullopt;
    }
    return std::move(*reply);
}

int Notes(const NotesFlags& f) {
    auto client = ApiClient::Open(f.url, f.token);
    if (!client) {
        return ReportClientError(client.error());
    }
    int exit_code = kExitOk;
    // The product by key (any case) or id, among those the user may see.
    std::string product_id;
    std::string cursor;
    do {
        auto page =
            Call(*client,
                 "/api/v1/products?limit=200" + (cursor.empty() ? "" : "&cursor=" + Encode(cursor)),
                 exit_code);
        if (!page) {
            return exit_code;
        }
        for (const auto& p : Data(page->json)) {
            if (Str(p, "id") == f.product || SameKey(Str(p, "key"), f.product)) {
                product_id = Str(p, "id");
            }
        }
        cursor = Str(page->json, "next_cursor");
    } while (product_id.empty() && !cursor.empty());
    if (product_id.empty()) {
        std::cerr << "throughline: no product with the key or id \"" << f.product
                  << "\" that you can see\n";
        return kExitRefused;
    }
    auto releases =
        Call(*client, "/api/v1/products/" + Encode(product_id) + "/releases", exit_code);
    if (!releases) {
        return exit_code;
    }
    std::string release_id;
    std::string known;
    for (const auto& r : Data(releases->json)) {
        if (Str(r, "version") == f.version) {
            release_id = Str(r, "id");
        }
        known += (known.empty() ? "" : ", ") + Str(r, "version");
    }
    if (release_id.empty()) {
        std::cerr << "throughline: " << f.product << " has no release " << f.version
                  << (known.empty() ? " (it has none)" : " (it has " + known + ")") << "\n";
        return kExitRefused;
    }
    auto notes = Call(*client,
                      "/api/v1/releases/" + Encode(release_id) +
                          "/notes?format=" + (f.json ? "json" : "markdown"),
                      exit_code);
    if (!notes) {
        return exit_code;
    }
    std::cout << notes->body << (notes->body.ends_with('\n') ? "" : "\n");
    return kExitOk;
}

}  // namespace

struct ReleaseCommands::State {
    NotesFlags notes;
    CLI::App* notes_cmd = nullptr;
};

ReleaseCommands::ReleaseCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* release = cli.add_subcommand("release", "Releases on a server (over HTTP)");
    release->require_subcommand(1);
    s.notes_cmd = release->add_subcommand(
        "notes", "Print a release's notes: its accepted items grouped as Markdown");
    Flag(*s.notes_cmd, "url", s.notes.url, "The server, http://host:port");
    Flag(*s.notes_cmd,
         "token",
         s.notes.token,
         "An API token (throughline token create) or session token");
    Switch(
        *s.notes_cmd, "json", s.notes.json, "Print the server's JSON groups instead of Markdown");
    s.notes_cmd->add_option("version", s.notes.version, "The release's version (2.1)")->required();
    Flag(*s.notes_cmd, "product", s.notes.product, "Product key (X2) or id")->required();
}

ReleaseCommands::~ReleaseCommands() = default;

std::optional<int> ReleaseCommands::RunIfParsed() {
    if (!state_->notes_cmd->parsed()) {
        return std::nullopt;
    }
    return Notes(state_->notes);
}

}  // namespace tl::cli
