// The strategy client commands of the command line (docs/strategy.md), spoken over the HTTP
// API of --url / THROUGHLINE_URL as the user of --token / THROUGHLINE_TOKEN:
//
//   throughline stakeholders update --product X2 [--from D] [--to D] [--format markdown|html|json]
//       prints the stakeholder update for the period (Markdown by default);
//   throughline decisions list --product X2 [--status S] [--q WORDS] [--linked TYPE:ID] [--json]
//       prints the decision log, one decision a line (or the API's JSON).
//
// Exit codes as the other client commands: 0 done, 1 the server said no, 2 a bad flag or
// value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class StrategyCommands {
public:
    // Adds `stakeholders` and `decisions` to `cli`; the object holds the flags, so it must
    // outlive the parse.
    explicit StrategyCommands(CLI::App& cli);
    ~StrategyCommands();
    StrategyCommands(const StrategyCommands&) = delete;
    StrategyCommands& operator=(const StrategyCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
