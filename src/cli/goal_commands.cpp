#include "cli/goal_commands.hpp"

#include <cmath>
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

struct ListFlags {
    client::ConnectionFlags connection;
    std::string product;
    std::string as_of;
};

struct CheckInFlags {
    client::ConnectionFlags connection;
    std::string key_result;
    double value = 0;
    std::string date;
    std::string note;
};

// A share as a whole percentage ("35%"); "-" for null.
std::string Percent(const json::value& v) {
    if (!v.is_number()) {
        return "-";
    }
    return std::to_string(static_cast<long long>(std::lround(v.to_number<double>() * 100))) + "%";
}

std::string StatusText(const json::value& v) {
    if (!v.is_string()) {
        return "-";
    }
    std::string s(v.as_string());
    for (char& c : s) {
        c = c == '_' ? ' ' : c;
    }
    return s;
}

int List(const ListFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    std::string path = "/api/v1/products/" + Encode(*product_id) + "/goals";
    if (!f.as_of.empty()) {
        path += "?as_of=" + Encode(f.as_of);
    }
    auto goals = s.Call("GET", path);
    if (!goals) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*goals);
        return kExitOk;
    }
    if (Array(goals->json, "data").empty()) {
        std::cout << f.product << " has no goals yet\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : Array(goals->json, "data")) {
        rows.push_back(
            {Str(g, "id"),
             Str(g, "horizon"),
             Str(g, "start_date") + " – " + Str(g, "end_date"),
             Percent(Field(g, "progress")),
             Percent(Field(g, "expected")),
             Str(g, "state") == "open" ? StatusText(Field(g, "status")) : Str(g, "state"),
             Str(g, "objective")});
        for (const auto& kr : Array(g, "key_results")) {
            const std::string unit = Str(kr, "unit");
            rows.push_back({"  " + Str(kr, "id"),
                            "",
                            "",
                            Percent(Field(kr, "progress")),
                            "",
                            "",
                            "  " + Str(kr, "title") + ": " + client::Number(Field(kr, "current")) +
                                " (" + client::Number(Field(kr, "baseline")) + " → " +
                                client::Number(Field(kr, "target")) +
                                (unit.empty() ? "" : " " + unit) + ")"});
        }
    }
    client::PrintTable({"ID", "HORIZON", "PERIOD", "PROGRESS", "EXPECTED", "STATUS", "OBJECTIVE"},
                       rows);
    return kExitOk;
}

int CheckIn(const CheckInFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    json::object body{{"value", f.value}};
    if (!f.date.empty()) {
        body["date"] = f.date;
    }
    if (!f.note.empty()) {
        body["note"] = f.note;
    }
    auto reply = s.Call("POST", "/api/v1/key-results/" + Encode(f.key_result) + "/check-ins", body);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    const auto& kr = Field(reply->json, "key_result");
    const std::string unit = Str(kr, "unit");
    std::cout << "Checked in " << client::Number(Field(reply->json, "value"))
              << (unit.empty() ? "" : " " + unit) << " on " << Str(reply->json, "date") << " for \""
              << Str(kr, "title") << "\": now " << client::Number(Field(kr, "current"))
              << (unit.empty() ? "" : " " + unit) << ", progress " << Percent(Field(kr, "progress"))
              << "\n";
    return kExitOk;
}

}  // namespace

struct GoalCommands::State {
    ListFlags list;
    CheckInFlags check_in;
    CLI::App* list_cmd = nullptr;
    CLI::App* check_in_cmd = nullptr;
};

GoalCommands::GoalCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* goals = cli.add_subcommand("goals", "Goals (OKRs) on a server (over HTTP)");
    goals->require_subcommand(1);
    s.list_cmd = goals->add_subcommand(
        "list", "List a product's goals with progress, expected progress, status and key results");
    client::AddConnectionFlags(*s.list_cmd, s.list.connection);
    Flag(*s.list_cmd, "product", s.list.product, "Product key (X2) or id")->required();
    Flag(*s.list_cmd, "as-of", s.list.as_of, "The day the figures are for (YYYY-MM-DD)");

    s.check_in_cmd = goals->add_subcommand("check-in", "Record a key result's value");
    client::AddConnectionFlags(*s.check_in_cmd, s.check_in.connection);
    s.check_in_cmd->add_option("key_result", s.check_in.key_result, "The key result's id")
        ->required();
    s.check_in_cmd->add_option("value", s.check_in.value, "Its value now")->required();
    Flag(*s.check_in_cmd, "date", s.check_in.date, "The day of the value (default today)");
    Flag(*s.check_in_cmd, "note", s.check_in.note, "What the value comes from");
}

GoalCommands::~GoalCommands() = default;

std::optional<int> GoalCommands::RunIfParsed() {
    if (state_->list_cmd->parsed()) {
        return List(state_->list);
    }
    if (state_->check_in_cmd->parsed()) {
        return CheckIn(state_->check_in);
    }
    return std::nullopt;
}

}  // namespace tl::cli
