// The `goals` client commands of the command line (docs/strategy.md, "Goals (OKRs)"):
// `goals list --product KEY [--as-of DATE]` prints the product's goals with progress, expected
// progress and status, each followed by its key results (with their ids); `goals check-in
// KR_ID VALUE [--date DATE] [--note TEXT]` records a key result's value. Spoken over the HTTP
// API of --url / THROUGHLINE_URL as the user of --token / THROUGHLINE_TOKEN; --json prints the
// server's JSON.
//
// Exit codes as the other client commands: 0 done, 1 the server said no, 2 a bad flag or
// value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class GoalCommands {
public:
    // Adds `goals` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit GoalCommands(CLI::App& cli);
    ~GoalCommands();
    GoalCommands(const GoalCommands&) = delete;
    GoalCommands& operator=(const GoalCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
