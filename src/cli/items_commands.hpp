// The client commands of the command line: `items list|add|show|edit|move` and `search`,
// spoken over the HTTP API of the server named by --url / THROUGHLINE_URL, as the user of
// --token / THROUGHLINE_TOKEN. Tables by default, the server's JSON with --json.
//
// Exit codes: 0 done, 1 the server said no (not found, invalid, forbidden, stale), 2 a bad
// flag or value, 3 the server cannot be reached. Server errors print one line
// `throughline: <status> <code>: <message>` and the details under it.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class ClientCommands {
public:
    // Adds `items` and `search` to `cli`; the object holds their flags, so it must outlive
    // the parse.
    explicit ClientCommands(CLI::App& cli);
    ~ClientCommands();
    ClientCommands(const ClientCommands&) = delete;
    ClientCommands& operator=(const ClientCommands&) = delete;

    // After the parse: runs the client command that was named and returns its exit code, or
    // nullopt when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
