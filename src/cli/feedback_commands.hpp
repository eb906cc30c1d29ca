// The `feedback` client commands of the command line (docs/strategy.md, "Customer voice"):
// `feedback add TEXT --product KEY --source SOURCE [--customer NAME|ID] [--sentiment S]
// [--date YYYY-MM-DD]` records customer feedback; `feedback inbox --product KEY` lists the new
// feedback, newest first. Spoken over the HTTP API of --url / THROUGHLINE_URL as the user of
// --token / THROUGHLINE_TOKEN; --json prints the server's JSON.
//
// Exit codes as the other client commands: 0 done, 1 the server said no (or no such product
// or customer), 2 a bad flag or value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class FeedbackCommands {
public:
    // Adds `feedback` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit FeedbackCommands(CLI::App& cli);
    ~FeedbackCommands();
    FeedbackCommands(const FeedbackCommands&) = delete;
    FeedbackCommands& operator=(const FeedbackCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
