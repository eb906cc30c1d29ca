// The sprint commands of the command line: `sprint list|plan|start|complete|report`, spoken
// over the HTTP API of the server named by --url / THROUGHLINE_URL as the user of --token /
// THROUGHLINE_TOKEN (docs/delivery.md, "Sprints"). Tables by default, the server's JSON with
// --json. A sprint is named by its id, or by its name (with --product when names repeat
// across products).
//
// Exit codes: 0 done, 1 the server said no (not found, invalid, forbidden), 2 a bad flag or
// value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class SprintCommands {
public:
    // Adds `sprint` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit SprintCommands(CLI::App& cli);
    ~SprintCommands();
    SprintCommands(const SprintCommands&) = delete;
    SprintCommands& operator=(const SprintCommands&) = delete;

    // After the parse: runs the sprint command that was named and returns its exit code, or
    // nullopt when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
