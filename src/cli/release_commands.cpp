#include "cli/release_commands.hpp"

#include <iostream>
#include <string>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/client_support.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace {

using client::Array;
using client::Encode;
using client::Str;

struct NotesFlags {
    client::ConnectionFlags connection;
    std::string version;
    std::string product;
};

int Notes(const NotesFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    auto releases = s.Call("GET", "/api/v1/products/" + Encode(*product_id) + "/releases");
    if (!releases) {
        return s.exit_code;
    }
    std::string release_id;
    std::string known;
    for (const auto& r : Array(releases->json, "data")) {
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
    auto notes = s.Call("GET",
                        "/api/v1/releases/" + Encode(release_id) +
                            "/notes?format=" + (s.JsonOut() ? "json" : "markdown"));
    if (!notes) {
        return s.exit_code;
    }
    client::PrintJson(*notes);  // the body as received: Markdown, or the JSON groups
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
    Flag(*s.notes_cmd, "url", s.notes.connection.url, "The server, http://host:port");
    Flag(*s.notes_cmd,
         "token",
         s.notes.connection.token,
         "An API token (throughline token create) or session token");
    Switch(*s.notes_cmd,
           "json",
           s.notes.connection.json,
           "Print the server's JSON groups instead of Markdown");
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
