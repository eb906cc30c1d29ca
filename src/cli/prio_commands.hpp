// The `prio` client commands of the command line (docs/strategy.md, "Prioritisation"):
// `prio rank --product KEY [--model rice|wsjf|value_effort|moscow|kano|scorecard:<id>|NAME]
// [--type T] [--include-done]` prints the ranked view: the items in the model's order beside the
// Product Owner's manual rank, a `!` on each item whose places disagree. A scorecard may be
// named by its name (any case). Spoken over the HTTP API of --url / THROUGHLINE_URL as the user
// of --token / THROUGHLINE_TOKEN; --json prints the server's JSON.
//
// Exit codes as the other client commands: 0 done, 1 the server said no (or no such product
// or scorecard), 2 a bad flag or value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class PrioCommands {
public:
    // Adds `prio` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit PrioCommands(CLI::App& cli);
    ~PrioCommands();
    PrioCommands(const PrioCommands&) = delete;
    PrioCommands& operator=(const PrioCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
