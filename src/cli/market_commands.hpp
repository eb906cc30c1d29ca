// The market client commands of the command line (docs/strategy.md, "Market and
// competition"), spoken over the HTTP API of --url / THROUGHLINE_URL as the user of --token /
// THROUGHLINE_TOKEN:
//
//   throughline market competitors --product X2 [--json]
//       prints the competitors: name, threat, positioning and their summary counts;
//   throughline market personas --product X2 [--json]
//       prints the personas: name, segment, role;
//   throughline market matrix --product X2 [--json]
//       prints the comparison matrix as a table: a row per capability, a column per
//       competitor, values has, part, miss, BETTER and ? (unknown).
//
// Exit codes as the other client commands: 0 done, 1 the server said no, 2 a bad flag or
// value, 3 the server cannot be reached.
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace tl::cli {

class MarketCommands {
public:
    // Adds `market` to `cli`; the object holds the flags, so it must outlive the parse.
    explicit MarketCommands(CLI::App& cli);
    ~MarketCommands();
    MarketCommands(const MarketCommands&) = delete;
    MarketCommands& operator=(const MarketCommands&) = delete;

    // After the parse: runs the command that was named and returns its exit code, or nullopt
    // when the command line named another subcommand.
    std::optional<int> RunIfParsed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tl::cli
