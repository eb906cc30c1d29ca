// The `release` client commands of the command line: `release notes VERSION --product KEY`
// prints a release's notes as Markdown (or, with --json, the API's JSON groups), spoken over
// the HTTP API of --url / THROUGHLINE_URL as the user of --token / THROUGHLINE_TOKEN.
//
// Exit codes as the other client commands: 0 done, 1 the server said no (or no such release),
// 2 a bad flag or value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class ReleaseCommands {
public:
    // Adds `release` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit ReleaseCommands(CLI::App& cli);
    ~ReleaseCommands();
    ReleaseCommands(const ReleaseCommands&) = delete;
    ReleaseCommands& operator=(const ReleaseCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
