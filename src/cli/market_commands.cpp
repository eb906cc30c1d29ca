#include "cli/market_commands.hpp"

#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/client_support.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace {

using client::Array;
using client::Encode;
using client::Str;

struct MarketFlags {
    client::ConnectionFlags connection;
    std::string product;
};

// A count of a summary ("has": 2 → "2").
std::string Count(const boost::json::value& summary, std::string_view key) {
    return client::Number(client::Field(summary, key));
}

// How the matrix prints a cell's value.
std::string CellText(const std::string& value) {
    if (value == "has") {
        return "has";
    }
    if (value == "partial") {
        return "part";
    }
    if (value == "missing") {
        return "miss";
    }
    if (value == "better") {
        return "BETTER";
    }
    return "?";
}

// Reads GET /api/v1/products/{id}/<path> for the product of `f`; nullopt (with the session's
// exit code) on failure.
std::optional<ApiReply> Read(client::Session& s, const MarketFlags& f, const std::string& path) {
    if (!s.Open()) {
        return std::nullopt;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return std::nullopt;
    }
    return s.Call("GET", "/api/v1/products/" + Encode(*product_id) + "/" + path);
}

int Competitors(const MarketFlags& f) {
    client::Session s(f.connection);
    auto list = Read(s, f, "competitors");
    if (!list) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        // With each competitor's summary, as GET one answers it.
        boost::json::array data;
        for (const auto& c : Array(list->json, "data")) {
            auto one = s.Call("GET", "/api/v1/competitors/" + Encode(Str(c, "id")));
            if (!one) {
                return s.exit_code;
            }
            data.push_back(one->json);
        }
        std::cout << boost::json::serialize(boost::json::object{{"data", std::move(data)}}) << "\n";
        return kExitOk;
    }
    const auto data = Array(list->json, "data");
    if (data.empty()) {
        std::cout << "No competitors.\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : data) {
        auto one = s.Call("GET", "/api/v1/competitors/" + Encode(Str(c, "id")));
        if (!one) {
            return s.exit_code;
        }
        const auto& summary = client::Field(one->json, "comparison");
        rows.push_back({Str(c, "name"),
                        Str(c, "threat"),
                        Count(summary, "has"),
                        Count(summary, "partial"),
                        Count(summary, "missing"),
                        Count(summary, "better"),
                        Count(summary, "unknown"),
                        Str(c, "positioning")});
    }
    client::PrintTable(
        {"NAME", "THREAT", "HAS", "PART", "MISS", "BETTER", "UNKNOWN", "POSITIONING"}, rows);
    return kExitOk;
}

int Personas(const MarketFlags& f) {
    client::Session s(f.connection);
    auto list = Read(s, f, "personas");
    if (!list) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*list);
        return kExitOk;
    }
    const auto data = Array(list->json, "data");
    if (data.empty()) {
        std::cout << "No personas.\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : data) {
        rows.push_back({Str(p, "name"), Str(p, "segment"), Str(p, "role")});
    }
    client::PrintTable({"NAME", "SEGMENT", "ROLE"}, rows);
    return kExitOk;
}

int Matrix(const MarketFlags& f) {
    client::Session s(f.connection);
    auto matrix = Read(s, f, "comparison");
    if (!matrix) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*matrix);
        return kExitOk;
    }
    const auto competitors = Array(matrix->json, "competitors");
    const auto rows = Array(matrix->json, "rows");
    if (rows.empty()) {
        std::cout << "No capabilities.\n";
        return kExitOk;
    }
    std::vector<std::string> header = {"CAPABILITY"};
    for (const auto& c : competitors) {
        header.push_back(Str(c, "name"));
    }
    std::vector<std::vector<std::string>> table;
    for (const auto& r : rows) {
        std::vector<std::string> line = {client::OneLine(Str(r, "capability"))};
        const auto& cells = client::Field(r, "cells");
        for (const auto& c : competitors) {
            line.push_back(CellText(Str(client::Field(cells, Str(c, "id")), "value")));
        }
        table.push_back(std::move(line));
    }
    client::PrintTable(header, table);
    return kExitOk;
}

}  // namespace

struct MarketCommands::State {
    MarketFlags competitors;
    MarketFlags personas;
    MarketFlags matrix;
    CLI::App* competitors_cmd = nullptr;
    CLI::App* personas_cmd = nullptr;
    CLI::App* matrix_cmd = nullptr;
};

MarketCommands::MarketCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* market = cli.add_subcommand("market", "Market and competition on a server (over HTTP)");
    market->require_subcommand(1);
    const auto add = [&](const char* name, const char* what, MarketFlags& flags) {
        CLI::App* cmd = market->add_subcommand(name, what);
        client::AddConnectionFlags(*cmd, flags.connection);
        Flag(*cmd, "product", flags.product, "Product key (X2) or id")->required();
        return cmd;
    };
    s.competitors_cmd = add(
        "competitors", "Print the competitors: threat, summary counts, positioning", s.competitors);
    s.personas_cmd = add("personas", "Print the personas: segment and role", s.personas);
    s.matrix_cmd = add("matrix",
                       "Print the comparison matrix: a row per capability, a column per "
                       "competitor (has, part, miss, BETTER, ?)",
                       s.matrix);
}

MarketCommands::~MarketCommands() = default;

std::optional<int> MarketCommands::RunIfParsed() {
    if (state_->competitors_cmd->parsed()) {
        return Competitors(state_->competitors);
    }
    if (state_->personas_cmd->parsed()) {
        return Personas(state_->personas);
    }
    if (state_->matrix_cmd->parsed()) {
        return Matrix(state_->matrix);
    }
    return std::nullopt;
}

}  // namespace tl::cli
