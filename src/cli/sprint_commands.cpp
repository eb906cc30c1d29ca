#include "cli/sprint_commands.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/client_support.hpp"

namespace tl::cli {

namespace json = boost::json;
using client::Array;
using client::Encode;
using client::Field;
using client::Number;
using client::Pad;
using client::Session;
using client::Str;

namespace {

struct ListFlags {
    std::string product;
    std::string team;
    std::string status;
};

struct PlanFlags {
    std::string sprint;
    std::string product;
    std::vector<std::string> add;
    std::vector<std::string> remove;
    std::string reason;
};

struct CompleteFlags {
    std::string sprint;
    std::string product;
    std::string carry_over = "backlog";
    std::string next;
};

struct SprintFlags {
    std::string sprint;
    std::string product;
};

bool SameText(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// The products a command looks at: the one named, or every one the user may see.
std::optional<json::array> ProductsOf(Session& s, const std::string& product) {
    if (product.empty()) {
        return s.Products();
    }
    auto one = s.Product(product);
    if (!one) {
        return std::nullopt;
    }
    return json::array{*one};
}

// The id of the sprint named by `name_or_id`: an id as it is, a name looked up among the
// sprints of `product` (or of every product).
std::optional<std::string> SprintId(Session& s,
                                    const std::string& name_or_id,
                                    const std::string& product) {
    if (name_or_id.starts_with("spr_")) {
        return name_or_id;
    }
    auto products = ProductsOf(s, product);
    if (!products) {
        return std::nullopt;
    }
    std::vector<json::value> found;
    for (const auto& p : *products) {
        auto reply = s.Call("GET", "/api/v1/products/" + Encode(Str(p, "id")) + "/sprints");
        if (!reply) {
            return std::nullopt;
        }
        for (const auto& sprint : Array(reply->json, "data")) {
            if (SameText(Str(sprint, "name"), name_or_id)) {
                found.push_back(sprint);
            }
        }
    }
    if (found.size() == 1) {
        return Str(found[0], "id");
    }
    s.exit_code = kExitRefused;
    if (found.empty()) {
        std::cerr << "throughline: no sprint named \"" << name_or_id << "\""
                  << (product.empty() ? "" : " in " + product) << " that you can see\n";
        return std::nullopt;
    }
    std::cerr << "throughline: several sprints are named \"" << name_or_id
              << "\"; give its id (or --product):\n";
    for (const auto& f : found) {
        std::cerr << "  " << Str(f, "id") << "  " << Str(f, "start_date") << "  "
                  << Str(Field(f, "team"), "name") << "\n";
    }
    return std::nullopt;
}

std::string Points(const json::value& v) {
    const std::string n = Number(v);
    return n.empty() ? "-" : n;
}

// "Sprint 14 (active, 2026-11-02 to 2026-11-13, team Falcon)"
std::string Title(const json::value& sprint) {
    return Str(sprint, "name") + " (" + Str(sprint, "status") + ", " + Str(sprint, "start_date") +
           " to " + Str(sprint, "end_date") + ", team " + Str(Field(sprint, "team"), "name") + ")";
}

void PrintPlanning(const json::value& sprint) {
    const json::value& p = Field(sprint, "planning");
    std::cout << "  " << Number(Field(p, "items")) << " items, "
              << Points(Field(p, "committed_points")) << " points planned";
    const std::string unit = Str(p, "capacity_unit");
    std::cout << "; capacity " << Points(Field(p, "capacity")) << " " << unit;
    if (Field(p, "velocity").is_null()) {
        std::cout << "; no velocity yet\n";
    } else {
        std::cout << "; velocity " << Points(Field(p, "velocity")) << " (last "
                  << Number(Field(p, "velocity_window")) << " sprints)\n";
    }
    for (const auto& w : Array(p, "warnings")) {
        std::cout << "  warning: " << Str(w, "message") << "\n";
    }
}

int List(Session& s, const ListFlags& f) {
    auto products = ProductsOf(s, f.product);
    if (!products) {
        return s.exit_code;
    }
    json::array all;
    std::vector<std::string> product_keys;
    for (const auto& p : *products) {
        std::string path = "/api/v1/products/" + Encode(Str(p, "id")) + "/sprints";
        std::string sep = "?";
        if (!f.team.empty()) {
            path += sep + "team=" + Encode(f.team);
            sep = "&";
        }
        if (!f.status.empty()) {
            path += sep + "status=" + Encode(f.status);
        }
        auto reply = s.Call("GET", path);
        if (!reply) {
            return s.exit_code;
        }
        for (const auto& sprint : Array(reply->json, "data")) {
            all.push_back(sprint);
            product_keys.push_back(Str(p, "key"));
        }
    }
    if (s.JsonOut()) {
        std::cout << json::serialize(all) << "\n";
        return kExitOk;
    }
    const bool many = f.product.empty();
    std::vector<std::string> header = {
        "ID", "STATUS", "START", "END", "TEAM", "ITEMS", "PTS", "DONE"};
    if (many) {
        header.insert(header.begin() + 1, "PRODUCT");
    }
    header.push_back("NAME");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& sprint = all[i];
        std::vector<std::string> row = {Str(sprint, "id"),
                                        Str(sprint, "status"),
                                        Str(sprint, "start_date"),
                                        Str(sprint, "end_date"),
                                        Str(Field(sprint, "team"), "name"),
                                        Number(Field(sprint, "item_count")),
                                        Points(Field(sprint, "planned_points")),
                                        Points(Field(sprint, "done_points")),
                                        Str(sprint, "name")};
        if (many) {
            row.insert(row.begin() + 1, product_keys[i]);
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        std::cout << "No sprints.\n";
        return kExitOk;
    }
    client::PrintTable(header, rows);
    return kExitOk;
}

// Sends one planning request; prints what happened unless --json. False when refused.
bool SendPlan(Session& s,
              const std::string& id,
              const std::vector<std::string>& items,
              const std::string& reason,
              bool remove,
              json::value& last_sprint) {
    json::array list;
    for (const auto& i : items) {
        list.emplace_back(i);
    }
    auto reply = s.Call("POST",
                        "/api/v1/sprints/" + Encode(id) + (remove ? "/items/remove" : "/items"),
                        json::object{{"items", std::move(list)}, {"reason", reason}});
    if (!reply) {
        return false;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return true;
    }
    if (reply->status == 202) {
        std::cout << "Asked the Product Owner (the sprint requires approval):\n";
        for (const auto& r : Array(reply->json, "change_requests")) {
            std::cout << "  " << Str(r, "id") << "  " << Str(r, "kind") << " "
                      << Str(Field(r, "item"), "key") << "  (" << Str(r, "status") << ")\n";
        }
        return true;
    }
    std::string joined;
    for (const auto& i : items) {
        joined += (joined.empty() ? "" : ", ") + i;
    }
    std::cout << (remove ? "Removed " : "Planned ") << joined << (remove ? " from " : " into ")
              << Str(reply->json, "name") << "\n";
    last_sprint = reply->json;
    return true;
}

int PlanSprint(Session& s, const PlanFlags& f) {
    if (f.add.empty() && f.remove.empty()) {
        std::cerr << "throughline: nothing to plan: give --add KEYS and/or --remove KEYS (see "
                     "throughline sprint plan --help)\n";
        return kExitUsage;
    }
    auto id = SprintId(s, f.sprint, f.product);
    if (!id) {
        return s.exit_code;
    }
    json::value sprint;
    if (!f.add.empty() && !SendPlan(s, *id, f.add, f.reason, false, sprint)) {
        return s.exit_code;
    }
    if (!f.remove.empty() && !SendPlan(s, *id, f.remove, f.reason, true, sprint)) {
        return s.exit_code;
    }
    if (!s.JsonOut() && sprint.is_object()) {
        PrintPlanning(sprint);
    }
    return kExitOk;
}

int StartSprint(Session& s, const SprintFlags& f) {
    auto id = SprintId(s, f.sprint, f.product);
    if (!id) {
        return s.exit_code;
    }
    auto reply = s.Call("POST", "/api/v1/sprints/" + Encode(*id) + "/start");
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    std::cout << "Started " << Title(reply->json) << ": baseline of "
              << Number(Field(reply->json, "item_count")) << " items, "
              << Points(Field(reply->json, "committed_points")) << " points committed\n";
    return kExitOk;
}

int CompleteSprint(Session& s, const CompleteFlags& f) {
    const bool to_next = f.carry_over == "next";
    if (to_next == f.next.empty()) {
        std::cerr << "throughline: "
                  << (to_next ? "--carry-over next needs --next SPRINT"
                              : "--next goes with --carry-over next")
                  << " (see throughline sprint complete --help)\n";
        return kExitUsage;
    }
    auto id = SprintId(s, f.sprint, f.product);
    if (!id) {
        return s.exit_code;
    }
    json::object body{{"carry_over", to_next ? "next_sprint" : "backlog"}};
    if (to_next) {
        auto next = SprintId(s, f.next, f.product);
        if (!next) {
            return s.exit_code;
        }
        body["next_sprint_id"] = *next;
    }
    auto reply = s.Call("POST", "/api/v1/sprints/" + Encode(*id) + "/complete", body);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    auto report = s.Call("GET", "/api/v1/sprints/" + Encode(*id) + "/report");
    if (!report) {
        return s.exit_code;
    }
    const auto& carried = Array(report->json, "carried_over");
    std::cout << "Completed " << Str(reply->json, "name") << ": "
              << Points(Field(reply->json, "completed_points")) << " of "
              << Points(Field(reply->json, "committed_points")) << " committed points done; "
              << carried.size() << (carried.size() == 1 ? " item " : " items ")
              << (to_next ? "carried over to the next sprint"
                          : "returned to the top of the backlog")
              << "\n";
    return kExitOk;
}

void PrintSection(const std::string& title,
                  const json::array& entries,
                  const std::function<std::string(const json::value&)>& points,
                  const std::function<std::string(const json::value&)>& note) {
    std::cout << title << " (" << entries.size() << ")";
    if (entries.empty()) {
        std::cout << ": none\n";
        return;
    }
    std::cout << ":\n";
    std::size_t key_width = 3;
    std::size_t points_width = 1;
    for (const auto& e : entries) {
        key_width = std::max(key_width, client::Width(Str(e, "key")));
        points_width = std::max(points_width, client::Width(points(e)));
    }
    for (const auto& e : entries) {
        std::string line = "  " + Pad(Str(e, "key").empty() ? "-" : Str(e, "key"), key_width) +
                           "  " + Pad(points(e), points_width) + "  ";
        std::string text = Str(e, "title");
        const std::string extra = note(e);
        if (!extra.empty()) {
            text += "  (" + extra + ")";
        }
        std::cout << line
                  << client::Cut(client::OneLine(text), client::LastColumnWidth(line.size()))
                  << "\n";
    }
}

int Report(Session& s, const SprintFlags& f) {
    auto id = SprintId(s, f.sprint, f.product);
    if (!id) {
        return s.exit_code;
    }
    auto reply = s.Call("GET", "/api/v1/sprints/" + Encode(*id) + "/report");
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    const json::value& r = reply->json;
    std::cout << Str(r, "name") << " (" << Str(r, "status") << ")";
    if (const std::string goal = Str(r, "goal"); !goal.empty()) {
        std::cout << ": " << client::OneLine(goal);
    }
    std::cout << "\nCommitted " << Points(Field(r, "committed")) << " points, completed "
              << Points(Field(r, "completed")) << ".\n";
    auto plain = [](const json::value& e) { return Points(Field(e, "points")); };
    auto none = [](const json::value&) { return std::string(); };
    auto who = [](const json::value& e) {
        std::string out = Str(e, "by_name");
        if (const std::string reason = Str(e, "reason"); !reason.empty()) {
            out += (out.empty() ? "" : ": ") + reason;
        }
        return out;
    };
    PrintSection("Done", Array(r, "done"), plain, none);
    PrintSection("Not done", Array(r, "not_done"), plain, none);
    PrintSection("Added after the start", Array(r, "added_after_start"), plain, who);
    PrintSection("Removed", Array(r, "removed"), plain, who);
    PrintSection(
        "Re-estimated",
        Array(r, "re_estimated"),
        [](const json::value& e) {
            return Points(Field(e, "points_before")) + " → " + Points(Field(e, "points_after"));
        },
        who);
    PrintSection("Carried over", Array(r, "carried_over"), plain, [](const json::value& e) {
        return Str(e, "outcome") == "carried_over" ? "to the next sprint" : "to the backlog";
    });
    return kExitOk;
}

// Splits "A,B , C" into its non-empty parts.
std::vector<std::string> SplitList(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        std::size_t start = 0;
        while (start <= v.size()) {
            auto end = v.find(',', start);
            if (end == std::string::npos) {
                end = v.size();
            }
            std::string part = v.substr(start, end - start);
            part.erase(0, part.find_first_not_of(' '));
            part.erase(part.find_last_not_of(' ') + 1);
            if (!part.empty()) {
                out.push_back(part);
            }
            start = end + 1;
        }
    }
    return out;
}

}  // namespace

struct SprintCommands::State {
    client::ConnectionFlags connection;
    ListFlags list;
    PlanFlags plan;
    CompleteFlags complete;
    SprintFlags start;
    SprintFlags report;
    CLI::App* list_cmd = nullptr;
    CLI::App* plan_cmd = nullptr;
    CLI::App* start_cmd = nullptr;
    CLI::App* complete_cmd = nullptr;
    CLI::App* report_cmd = nullptr;
};

SprintCommands::SprintCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* sprint = cli.add_subcommand("sprint", "Sprints on a server (over HTTP)");
    sprint->require_subcommand(1);
    const std::string sprint_help = "Sprint id, or its name";
    const std::string product_help = "Product key (X2) or id";

    s.list_cmd = sprint->add_subcommand("list", "List sprints by start date");
    client::AddConnectionFlags(*s.list_cmd, s.connection);
    Flag(*s.list_cmd, "product", s.list.product, product_help + "; every product without it");
    Flag(*s.list_cmd, "team", s.list.team, "Only this team's sprints (team id)");
    Flag(*s.list_cmd, "status", s.list.status, "planned, active or completed")
        ->check(CLI::IsMember({"planned", "active", "completed"}));

    s.plan_cmd = sprint->add_subcommand("plan", "Add items to a sprint or take them out");
    client::AddConnectionFlags(*s.plan_cmd, s.connection);
    s.plan_cmd->add_option("sprint", s.plan.sprint, sprint_help)->required();
    s.plan_cmd->add_option("--add", s.plan.add, "Item keys to add: X2-1,X2-2 (repeat or list)");
    s.plan_cmd->add_option("--remove", s.plan.remove, "Item keys to take out (repeat or list)");
    s.plan_cmd->add_option(
        "--reason", s.plan.reason, "Why (recorded with a change after the start)");
    Flag(*s.plan_cmd, "product", s.plan.product, product_help + ", to find the sprint by name");

    s.start_cmd = sprint->add_subcommand("start", "Start a planned sprint (takes the baseline)");
    client::AddConnectionFlags(*s.start_cmd, s.connection);
    s.start_cmd->add_option("sprint", s.start.sprint, sprint_help)->required();
    Flag(*s.start_cmd, "product", s.start.product, product_help + ", to find the sprint by name");

    s.complete_cmd = sprint->add_subcommand("complete", "Complete the active sprint");
    client::AddConnectionFlags(*s.complete_cmd, s.connection);
    s.complete_cmd->add_option("sprint", s.complete.sprint, sprint_help)->required();
    s.complete_cmd
        ->add_option("--carry-over",
                     s.complete.carry_over,
                     "Where unfinished items go: backlog (its top) or next (--next)")
        ->check(CLI::IsMember({"backlog", "next"}))
        ->capture_default_str();
    s.complete_cmd->add_option("--next", s.complete.next, "The next sprint (id or name)");
    Flag(
        *s.complete_cmd, "product", s.complete.product, product_help + ", to find sprints by name");

    s.report_cmd = sprint->add_subcommand("report", "The sprint report");
    client::AddConnectionFlags(*s.report_cmd, s.connection);
    s.report_cmd->add_option("sprint", s.report.sprint, sprint_help)->required();
    Flag(*s.report_cmd, "product", s.report.product, product_help + ", to find the sprint by name");
}

SprintCommands::~SprintCommands() = default;

std::optional<int> SprintCommands::RunIfParsed() {
    State& s = *state_;
    const CLI::App* commands[] = {
        s.list_cmd, s.plan_cmd, s.start_cmd, s.complete_cmd, s.report_cmd};
    if (std::none_of(std::begin(commands), std::end(commands), [](const CLI::App* c) {
            return c->parsed();
        })) {
        return std::nullopt;
    }
    Session session(s.connection);
    if (!session.Open()) {
        return session.exit_code;
    }
    if (s.list_cmd->parsed()) {
        return List(session, s.list);
    }
    if (s.plan_cmd->parsed()) {
        PlanFlags plan = s.plan;
        plan.add = SplitList(plan.add);
        plan.remove = SplitList(plan.remove);
        return PlanSprint(session, plan);
    }
    if (s.start_cmd->parsed()) {
        return StartSprint(session, s.start);
    }
    if (s.complete_cmd->parsed()) {
        return CompleteSprint(session, s.complete);
    }
    return Report(session, s.report);
}

}  // namespace tl::cli
