// The command line's sprint commands against the demo server: `throughline sprint
// list|plan|start|complete|report`, pointed at it by THROUGHLINE_URL and THROUGHLINE_TOKEN;
// their tables, --json, sprints named by name, error lines and exit codes.
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class CliSprint : public DemoSuite<CliSprint> {
protected:
    static std::vector<std::string> ClientEnv(const std::string& handle = "carol") {
        return {"THROUGHLINE_URL=http://127.0.0.1:" + std::to_string(env_->server().port()),
                "THROUGHLINE_TOKEN=" + Token(handle)};
    }

    static CommandResult Tl(std::vector<std::string> args, const std::string& handle = "carol") {
        args.insert(args.begin(), ServerBinary());
        return RunCommand(std::move(args), std::chrono::seconds(60), ClientEnv(handle));
    }

    static std::vector<std::string> Lines(const std::string& text) {
        std::vector<std::string> out;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            out.push_back(line);
        }
        return out;
    }

    // A team of its own on X2 (so each test may start a sprint) and a planned sprint of it.
    static std::string NewSprint(const std::string& name) {
        const HttpResult team = client().Post(
            "/api/v1/teams",
            json::serialize(json::object{{"name", "Team of " + name},
                                         {"product_id", Ids().x2},
                                         {"member_ids", json::array{Ids().users.at("dave")}}}),
            Token("admin"));
        EXPECT_EQ(team.status, 201) << team.body;
        const HttpResult sprint =
            client().Post("/api/v1/products/" + Ids().x2 + "/sprints",
                          json::serialize(json::object{{"team_id", StrAt(team.Json(), {"id"})},
                                                       {"name", name},
                                                       {"goal", "Longer flights"},
                                                       {"start_date", "2026-11-02"},
                                                       {"end_date", "2026-11-13"}}),
                          Token("carol"));
        EXPECT_EQ(sprint.status, 201) << sprint.body;
        return StrAt(sprint.Json(), {"id"});
    }

    static std::string NewStory(const std::string& title, int points) {
        const HttpResult r = client().Post(
            "/api/v1/products/" + Ids().x2 + "/items",
            json::serialize(json::object{{"type", "story"}, {"title", title}, {"points", points}}),
            Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }
};

TEST_F(CliSprint, ListShowsTheProductsSprintsUnderAHeader) {
    const std::string id = NewSprint("Cli list sprint");
    const auto r = Tl({"sprint", "list", "--product", "x2"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto lines = Lines(r.output);
    ASSERT_GE(lines.size(), 2u) << r.output;
    EXPECT_TRUE(std::regex_search(
        lines[0], std::regex("^ID +STATUS +START +END +TEAM +ITEMS +PTS +DONE +NAME$")))
        << lines[0];
    bool found = false;
    for (const auto& line : lines) {
        if (line.starts_with(id)) {
            found = true;
            EXPECT_TRUE(std::regex_search(
                line,
                std::regex(" planned +2026-11-02 +2026-11-13 +Team of Cli list sprint +0 +0 +0 "
                           "+Cli list sprint$")))
                << line;
        }
    }
    EXPECT_TRUE(found) << r.output;

    const auto json_out =
        Tl({"sprint", "list", "--product", "X2", "--status", "planned", "--json"});
    ASSERT_EQ(json_out.exit_code, 0) << json_out.output;
    EXPECT_TRUE(json_out.output.starts_with("[")) << json_out.output;
    EXPECT_NE(json_out.output.find(id), std::string::npos);
    EXPECT_EQ(Tl({"sprint", "list", "--status", "someday"}).exit_code, 2);
}

TEST_F(CliSprint, PlanStartReportAndCompleteBySprintName) {
    const std::string id = NewSprint("Cli sprint 7");
    const std::string a = NewStory("Cli story A", 5);
    const std::string b = NewStory("Cli story B", 3);
    const std::string c = NewStory("Cli story C", 2);

    const auto plan = Tl({"sprint",
                          "plan",
                          "Cli sprint 7",
                          "--product",
                          "X2",
                          "--add",
                          a + "," + b,
                          "--add",
                          c,
                          "--remove",
                          c,
                          "--reason",
                          "too much"});
    ASSERT_EQ(plan.exit_code, 0) << plan.output;
    const auto lines = Lines(plan.output);
    ASSERT_GE(lines.size(), 3u) << plan.output;
    EXPECT_EQ(lines[0], "Planned " + a + ", " + b + ", " + c + " into Cli sprint 7");
    EXPECT_EQ(lines[1], "Removed " + c + " from Cli sprint 7");
    EXPECT_EQ(lines[2], "  2 items, 8 points planned; capacity 0 points; no velocity yet")
        << plan.output;

    const auto start = Tl({"sprint", "start", id});
    ASSERT_EQ(start.exit_code, 0) << start.output;
    EXPECT_NE(start.output.find("Started Cli sprint 7 (active, 2026-11-02 to 2026-11-13"),
              std::string::npos)
        << start.output;
    EXPECT_NE(start.output.find("baseline of 2 items, 8 points committed"), std::string::npos);

    // A re-estimate after the start shows in the report.
    ASSERT_EQ(client().Patch("/api/v1/items/" + a, R"({"points":8})", Token("bob")).status, 200);
    const auto report = Tl({"sprint", "report", "cli SPRINT 7"}, "erin");
    ASSERT_EQ(report.exit_code, 0) << report.output;
    EXPECT_NE(report.output.find("Cli sprint 7 (active): Longer flights"), std::string::npos)
        << report.output;
    EXPECT_NE(report.output.find("Committed 8 points, completed 0."), std::string::npos);
    EXPECT_NE(report.output.find("Not done (2):"), std::string::npos);
    EXPECT_TRUE(std::regex_search(
        report.output,
        std::regex("Re-estimated \\(1\\):\n  " + a + " +5 → 8 +Cli story A +\\(Bob Okafor\\)")))
        << report.output;
    const auto report_json = Tl({"sprint", "report", id, "--json"});
    ASSERT_EQ(report_json.exit_code, 0);
    EXPECT_TRUE(report_json.output.starts_with("{\"sprint_id\":\"" + id)) << report_json.output;

    // Completing needs a next sprint for --carry-over next.
    EXPECT_EQ(Tl({"sprint", "complete", id, "--carry-over", "next"}).exit_code, 2);
    const auto done = Tl({"sprint", "complete", "Cli sprint 7", "--product", "X2"});
    ASSERT_EQ(done.exit_code, 0) << done.output;
    EXPECT_EQ(done.output,
              "Completed Cli sprint 7: 0 of 8 committed points done; 2 items returned to the top "
              "of the backlog\n");
}

TEST_F(CliSprint, RefusalsAndUnknownSprintsExitWithOne) {
    const std::string id = NewSprint("Cli refused sprint");
    const auto dave = Tl({"sprint", "start", id}, "dave");
    EXPECT_EQ(dave.exit_code, 1) << dave.output;
    EXPECT_NE(dave.output.find("throughline: 403 forbidden"), std::string::npos) << dave.output;
    const auto missing = Tl({"sprint", "report", "No such sprint", "--product", "X2"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("no sprint named \"No such sprint\" in X2"), std::string::npos)
        << missing.output;
    const auto nothing = Tl({"sprint", "plan", id});
    EXPECT_EQ(nothing.exit_code, 2) << nothing.output;
    const auto invalid = Tl({"sprint", "plan", id, "--add", "X2-1"});
    EXPECT_EQ(invalid.exit_code, 1);
    EXPECT_NE(invalid.output.find("items.0: epics and features are not planned"), std::string::npos)
        << invalid.output;
}

}  // namespace
}  // namespace tl::test
