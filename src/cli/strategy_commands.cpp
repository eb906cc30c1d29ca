#include "cli/strategy_commands.hpp"

#include <iostream>
#include <string>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/client_support.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace {

using client::Array;
using client::Encode;
using client::Str;

struct UpdateFlags {
    client::ConnectionFlags connection;
    std::string product;
    std::string from;
    std::string to;
    std::string format = "markdown";
};

struct DecisionFlags {
    client::ConnectionFlags connection;
    std::string product;
    std::string status;
    std::string q;
    std::string linked;
};

void AddConnection(CLI::App& cmd, client::ConnectionFlags& c) {
    Flag(cmd, "url", c.url, "The server, http://host:port");
    Flag(cmd, "token", c.token, "An API token (throughline token create) or session token");
}

int Update(UpdateFlags f) {
    f.connection.json = f.format == "json";
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    std::string path =
        "/api/v1/products/" + Encode(*product_id) + "/stakeholder-update?format=" + f.format;
    if (!f.from.empty()) {
        path += "&from=" + Encode(f.from);
    }
    if (!f.to.empty()) {
        path += "&to=" + Encode(f.to);
    }
    auto update = s.Call("GET", path);
    if (!update) {
        return s.exit_code;
    }
    client::PrintJson(*update);  // the body as received: Markdown, HTML or JSON
    return kExitOk;
}

int ListDecisions(const DecisionFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    std::string query;
    const std::pair<const char*, const std::string*> params[] = {
        {"status", &f.status}, {"q", &f.q}, {"linked", &f.linked}};
    for (const auto& [name, value] : params) {
        if (!value->empty()) {
            query += std::string(query.empty() ? "?" : "&") + name + "=" + Encode(*value);
        }
    }
    auto list = s.Call("GET", "/api/v1/products/" + Encode(*product_id) + "/decisions" + query);
    if (!list) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*list);
        return kExitOk;
    }
    const auto data = Array(list->json, "data");
    if (data.empty()) {
        std::cout << "No decisions.\n";
    }
    for (const auto& d : data) {
        std::string date = Str(d, "date");
        std::cout << Str(d, "status") << "\t" << (date.empty() ? "-" : date) << "\t"
                  << Str(d, "title") << "\n";
    }
    return kExitOk;
}

}  // namespace

struct StrategyCommands::State {
    UpdateFlags update;
    DecisionFlags decisions;
    CLI::App* update_cmd = nullptr;
    CLI::App* decisions_list_cmd = nullptr;
};

StrategyCommands::StrategyCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* stakeholders = cli.add_subcommand("stakeholders", "Stakeholders on a server (over HTTP)");
    stakeholders->require_subcommand(1);
    s.update_cmd = stakeholders->add_subcommand(
        "update", "Print the stakeholder update for a period: shipped, next, risks");
    AddConnection(*s.update_cmd, s.update.connection);
    Flag(*s.update_cmd, "product", s.update.product, "Product key (X2) or id")->required();
    Flag(*s.update_cmd, "from", s.update.from, "First day, YYYY-MM-DD (default: 30 days back)");
    Flag(*s.update_cmd, "to", s.update.to, "Last day, YYYY-MM-DD (default: today)");
    Flag(*s.update_cmd, "format", s.update.format, "markdown (default), html or json")
        ->check(CLI::IsMember({"markdown", "html", "json"}));

    auto* decisions = cli.add_subcommand("decisions", "The decision log on a server (over HTTP)");
    decisions->require_subcommand(1);
    s.decisions_list_cmd =
        decisions->add_subcommand("list", "Print a product's decisions, newest first");
    AddConnection(*s.decisions_list_cmd, s.decisions.connection);
    Switch(*s.decisions_list_cmd,
           "json",
           s.decisions.connection.json,
           "Print the server's JSON instead of one line per decision");
    Flag(*s.decisions_list_cmd, "product", s.decisions.product, "Product key (X2) or id")
        ->required();
    Flag(*s.decisions_list_cmd, "status", s.decisions.status, "proposed, decided or superseded");
    Flag(*s.decisions_list_cmd, "q", s.decisions.q, "Words the decisions must contain");
    Flag(*s.decisions_list_cmd, "linked", s.decisions.linked, "Only those linked to TYPE:ID");
}

StrategyCommands::~StrategyCommands() = default;

std::optional<int> StrategyCommands::RunIfParsed() {
    if (state_->update_cmd->parsed()) {
        return Update(state_->update);
    }
    if (state_->decisions_list_cmd->parsed()) {
        return ListDecisions(state_->decisions);
    }
    return std::nullopt;
}

}  // namespace tl::cli
