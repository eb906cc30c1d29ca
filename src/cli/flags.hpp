// Flag helpers shared by the command line's subcommands: every flag also reads
// THROUGHLINE_<NAME> from the environment (--data-dir → THROUGHLINE_DATA_DIR).
#pragma once

#include <cctype>
#include <string>

#include <CLI/CLI.hpp>

namespace tl::cli {

// THROUGHLINE_<NAME> for the flag `name` ("data-dir" → "THROUGHLINE_DATA_DIR").
inline std::string FlagEnvName(const std::string& name) {
    std::string env = "THROUGHLINE_";
    for (char c : name) {
        env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return env;
}

// Adds the flag with its THROUGHLINE_<NAME> environment variable.
template <typename T>
CLI::Option* Flag(CLI::App& cmd, const std::string& name, T& target, const std::string& help) {
    const std::string env = FlagEnvName(name);
    return cmd.add_option("--" + name, target, help + " [env " + env + "]")
        ->envname(env)
        ->capture_default_str();
}

inline CLI::Option* Switch(CLI::App& cmd,
                           const std::string& name,
                           bool& target,
                           const std::string& help) {
    const std::string env = FlagEnvName(name);
    return cmd.add_flag("--" + name, target, help + " [env " + env + "]")->envname(env);
}

}  // namespace tl::cli
