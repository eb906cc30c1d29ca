#include "cli/prio_commands.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/client_support.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace {

namespace json = boost::json;
using client::Array;
using client::Encode;
using client::Field;
using client::Str;

struct RankFlags {
    client::ConnectionFlags connection;
    std::string product;
    std::string model = "rice";
    std::string type;
    bool include_done = false;
};

bool IsBuiltin(const std::string& model) {
    for (const char* m : {"rice", "wsjf", "value_effort", "moscow", "kano"}) {
        if (model == m) {
            return true;
        }
    }
    return false;
}

std::string Lower(std::string s) {
    for (auto& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

// A position, or "-" for an unscored item.
std::string Position(const json::value& v) {
    const std::string n = client::Number(v);
    return n.empty() ? "-" : n;
}

// A score to two decimals at most, without trailing zeros; "-" unscored.
std::string Score(const json::value& v) {
    if (!v.is_number()) {
        return "-";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::round(v.to_number<double>() * 100) / 100);
    std::string s = buf;
    while (s.ends_with('0')) {
        s.pop_back();
    }
    if (s.ends_with('.')) {
        s.pop_back();
    }
    return s;
}

int Rank(const RankFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    std::string model = f.model;
    if (!IsBuiltin(model) && !model.starts_with("scorecard:")) {
        // A scorecard by its name (any case).
        auto cards = s.Call("GET", "/api/v1/products/" + Encode(*product_id) + "/scorecards");
        if (!cards) {
            return s.exit_code;
        }
        std::string found;
        for (const auto& c : Array(cards->json, "data")) {
            if (Lower(Str(c, "name")) == Lower(model) || Str(c, "id") == model) {
                found = Str(c, "model");
            }
        }
        if (found.empty()) {
            std::cerr << "throughline: " << f.product << " has no model or scorecard \"" << model
                      << "\" (rice, wsjf, value_effort, moscow, kano or a scorecard's name)\n";
            return kExitRefused;
        }
        model = found;
    }
    std::string target =
        "/api/v1/products/" + Encode(*product_id) + "/prioritisation?model=" + Encode(model);
    if (!f.type.empty()) {
        target += "&type=" + Encode(f.type);
    }
    if (f.include_done) {
        target += "&include_done=true";
    }
    auto reply = s.Call("GET", target);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    const json::value& view = reply->json;
    const std::string name = Field(view, "scorecard").is_object()
                                 ? "scorecard \"" + Str(Field(view, "scorecard"), "name") + "\""
                                 : Str(view, "model");
    const auto& items = Array(view, "items");
    if (items.empty()) {
        std::cout << "No items to prioritise in " << f.product << "\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : items) {
        const bool disagrees = Field(i, "disagrees").is_bool() && Field(i, "disagrees").as_bool();
        rows.push_back({disagrees ? "!" : "",
                        Position(Field(i, "model_position")),
                        Position(Field(i, "manual_position")),
                        Str(i, "key"),
                        Str(i, "type"),
                        Str(i, "status"),
                        Score(Field(i, "score")),
                        Str(i, "summary"),
                        Str(i, "title")});
    }
    std::cout << f.product << " by " << name << "\n";
    client::PrintTable({"", "MODEL", "MANUAL", "KEY", "TYPE", "STATUS", "SCORE", "INPUTS", "TITLE"},
                       rows);
    const auto& counts = Field(view, "counts");
    std::cout << client::Number(Field(counts, "scored")) << " scored, "
              << client::Number(Field(counts, "unscored")) << " unscored, "
              << client::Number(Field(counts, "disagreements"))
              << " disagreeing with the manual rank (!: a move of "
              << client::Number(Field(view, "threshold")) << " or more places)\n";
    return kExitOk;
}

}  // namespace

struct PrioCommands::State {
    RankFlags rank;
    CLI::App* rank_cmd = nullptr;
};

PrioCommands::PrioCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* prio = cli.add_subcommand("prio", "Prioritisation on a server (over HTTP)");
    prio->require_subcommand(1);

    s.rank_cmd = prio->add_subcommand(
        "rank",
        "The items in a scoring model's order beside the manual rank, disagreements marked");
    client::AddConnectionFlags(*s.rank_cmd, s.rank.connection);
    Flag(*s.rank_cmd, "product", s.rank.product, "Product key (X2) or id")->required();
    Flag(*s.rank_cmd,
         "model",
         s.rank.model,
         "rice (default), wsjf, value_effort, moscow, kano, or a scorecard's name or "
         "scorecard:<id>");
    Flag(*s.rank_cmd, "type", s.rank.type, "Only epics, features, stories or bugs: epic, ...")
        ->check(CLI::IsMember({"epic", "feature", "story", "bug"}));
    Switch(*s.rank_cmd, "include-done", s.rank.include_done, "Include items in a done status");
}

PrioCommands::~PrioCommands() = default;

std::optional<int> PrioCommands::RunIfParsed() {
    if (state_->rank_cmd->parsed()) {
        return Rank(state_->rank);
    }
    return std::nullopt;
}

}  // namespace tl::cli
