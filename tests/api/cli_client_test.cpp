// The command line as a client of a running server: `throughline items list|add|show|edit|move`
// and `throughline search`, pointed at the demo server by THROUGHLINE_URL and
// THROUGHLINE_TOKEN; its tables, its --json, its error lines and its exit codes.
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class CliClient : public DemoSuite<CliClient> {
protected:
    // The client's environment: the demo server's URL and `handle`'s token (none if empty).
    static std::vector<std::string> ClientEnv(const std::string& handle = "bob") {
        std::vector<std::string> env = {"THROUGHLINE_URL=http://127.0.0.1:" +
                                        std::to_string(env_->server().port())};
        if (!handle.empty()) {
            env.push_back("THROUGHLINE_TOKEN=" + Token(handle));
        }
        return env;
    }

    static CommandResult Tl(std::vector<std::string> args,
                            std::vector<std::string> env = ClientEnv()) {
        args.insert(args.begin(), ServerBinary());
        return RunCommand(std::move(args), std::chrono::seconds(60), std::move(env));
    }

    // The lines of `text`.
    static std::vector<std::string> Lines(const std::string& text) {
        std::vector<std::string> out;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            out.push_back(line);
        }
        return out;
    }

    // The first word of each table row after the header: the item keys, in printed order.
    static std::vector<std::string> Keys(const std::string& table) {
        std::vector<std::string> keys;
        const auto lines = Lines(table);
        for (std::size_t i = 1; i < lines.size(); ++i) {
            keys.push_back(lines[i].substr(0, lines[i].find(' ')));
        }
        return keys;
    }

    // Creates a story in X2 through the API and returns its key.
    static std::string NewStory(const std::string& title) {
        json::object body{{"type", "story"}, {"title", title}};
        const HttpResult r = client().Post(
            "/api/v1/products/" + Ids().x2 + "/items", json::serialize(body), Token("bob"));
        EXPECT_EQ(r.status, 201) << r.body;
        return StrAt(r.Json(), {"key"});
    }

    static json::value Item(const std::string& key) {
        const HttpResult r = client().Get("/api/v1/items/" + key, Token("bob"));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.Json();
    }
};

TEST_F(CliClient, ListShowsTheBacklogInRankOrderUnderAHeader) {
    const auto r = Tl({"items", "list", "--product", "X2", "--limit", "200"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto lines = Lines(r.output);
    ASSERT_FALSE(lines.empty());
    EXPECT_TRUE(
        std::regex_search(lines[0], std::regex("^KEY +TYPE +STATUS +PTS +ASSIGNEE +TITLE$")))
        << lines[0];

    const HttpResult api =
        client().Get("/api/v1/products/" + Ids().x2 + "/items?limit=200", Token("bob"));
    ASSERT_EQ(api.status, 200) << api.body;
    std::vector<std::string> expected;
    for (const auto& item : ArrAt(api.Json(), {"data"})) {
        expected.push_back(StrAt(item, {"key"}));
    }
    EXPECT_GT(expected.size(), 50u);
    EXPECT_EQ(Keys(r.output), expected);
}

TEST_F(CliClient, ListFollowsPagesWithAllAndTakesAProductId) {
    const auto first = Tl({"items", "list", "--product", "x2", "--limit", "10"});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_EQ(Keys(first.output.substr(0, first.output.find("(more"))).size(), 10u) << first.output;
    const auto all = Tl({"items", "list", "--product", Ids().x2, "--limit", "10", "--all"});
    ASSERT_EQ(all.exit_code, 0) << all.output;
    EXPECT_GT(Keys(all.output).size(), 50u) << all.output;
}

TEST_F(CliClient, QueryFilters) {
    const auto r = Tl({"items",
                       "list",
                       "--product",
                       "X2",
                       "--query",
                       "type = story AND points >= 3",
                       "--all",
                       "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const json::value items = json::parse(r.output);
    ASSERT_TRUE(items.is_array()) << r.output;
    ASSERT_FALSE(items.as_array().empty());
    for (const auto& item : items.as_array()) {
        EXPECT_EQ(StrAt(item, {"type"}), "story");
        EXPECT_GE(item.at("points").to_number<double>(), 3.0);
    }
    const auto table = Tl({"items", "list", "--product", "X2", "--query", "type = story", "--all"});
    ASSERT_EQ(table.exit_code, 0) << table.output;
    for (const auto& line : Lines(table.output)) {
        if (line.starts_with("KEY")) {
            continue;
        }
        EXPECT_TRUE(std::regex_search(line, std::regex("^X2-[0-9]+ +story "))) << line;
    }
}

TEST_F(CliClient, AMalformedQueryExits1WithACaretUnderThePosition) {
    const auto r =
        Tl({"items", "list", "--product", "X2", "--query", "type = story ANDD status = x"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("throughline: 400 invalid_query: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\n  type = story ANDD status = x\n  " + std::string(13, ' ') + "^\n"),
              std::string::npos)
        << r.output;
}

TEST_F(CliClient, AddThenShowRoundTrips) {
    const auto added = Tl({"items",         "add",
                           "--product",     "X2",
                           "--type",        "story",
                           "--title",       "Hover hold in gusty wind",
                           "--description", "Keep position within 1 m.",
                           "--points",      "5",
                           "--label",       "flight",
                           "--label",       "Wind",
                           "--criterion",   "Given 10 m/s gusts, the drone holds within 1 m",
                           "--criterion",   "Then the pilot sees a wind warning"});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(added.output, m, std::regex("(X2-[0-9]+)\n"))) << added.output;
    const std::string key = m[1].str();

    const json::value item = Item(key);
    EXPECT_EQ(StrAt(item, {"title"}), "Hover hold in gusty wind");
    EXPECT_EQ(ArrAt(item, {"criteria"}).size(), 2u);

    const auto shown = Tl({"items", "show", key});
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    const std::string& out = shown.output;
    EXPECT_TRUE(out.starts_with(key + "  Hover hold in gusty wind\n")) << out;
    EXPECT_TRUE(std::regex_search(out, std::regex("\n  type: +story\n"))) << out;
    EXPECT_TRUE(std::regex_search(out, std::regex("\n  points: +5\n"))) << out;
    EXPECT_TRUE(std::regex_search(out, std::regex("\n  labels: +flight, wind\n"))) << out;
    EXPECT_NE(out.find("  [ ] Given 10 m/s gusts, the drone holds within 1 m\n"), std::string::npos)
        << out;
    EXPECT_NE(out.find("  [ ] Then the pilot sees a wind warning\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\nKeep position within 1 m.\n"), std::string::npos) << out;
}

TEST_F(CliClient, AddAtTheTopUnderAParent) {
    const HttpResult features = client().Get(
        "/api/v1/products/" + Ids().x2 + "/items?limit=1&query=type%20%3D%20feature", Token("bob"));
    ASSERT_EQ(features.status, 200) << features.body;
    const std::string feature = StrAt(ArrAt(features.Json(), {"data"}).at(0), {"key"});
    const auto added = Tl({"items",
                           "add",
                           "--product",
                           "X2",
                           "--type",
                           "story",
                           "--title",
                           "Top of the list",
                           "--parent",
                           feature,
                           "--top",
                           "--json"});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    const json::value item = json::parse(added.output);
    EXPECT_EQ(StrAt(item, {"parent", "key"}), feature) << added.output;
    const auto list = Tl({"items", "list", "--product", "X2", "--limit", "1"});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_EQ(Keys(list.output.substr(0, list.output.find("(more"))),
              std::vector<std::string>{StrAt(item, {"key"})});
}

TEST_F(CliClient, AValidationFailureNamesTheField) {
    const auto r =
        Tl({"items", "add", "--product", "X2", "--type", "story", "--title", "x", "--points", "7"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("throughline: 400 validation_failed: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\n  points: "), std::string::npos) << r.output;
}

TEST_F(CliClient, EditChangesStatusAndPointsAfterAnotherChange) {
    const std::string key = NewStory("Edit me from the command line");
    const auto edited = Tl({"items", "edit", key, "--status", "ready", "--points", "3"});
    ASSERT_EQ(edited.exit_code, 0) << edited.output;
    EXPECT_NE(edited.output.find("Updated " + key), std::string::npos) << edited.output;
    json::value item = Item(key);
    EXPECT_EQ(StrAt(item, {"status"}), "ready");
    EXPECT_EQ(item.at("points").to_number<double>(), 3.0);

    // Someone else changes it; the command reads the new version first, so it still applies.
    const HttpResult other = client().Patch("/api/v1/items/" + key,
                                            R"({"title":"Edited elsewhere"})",
                                            Token("bob"),
                                            "\"" + std::to_string(IntAt(item, {"version"})) + "\"");
    ASSERT_EQ(other.status, 200) << other.body;
    const auto again =
        Tl({"items", "edit", key, "--no-points", "--label", "cli", "--assignee", "none"});
    ASSERT_EQ(again.exit_code, 0) << again.output;
    item = Item(key);
    EXPECT_TRUE(item.at("points").is_null()) << item;
    EXPECT_EQ(StrAt(item, {"title"}), "Edited elsewhere");
    ASSERT_EQ(ArrAt(item, {"labels"}).size(), 1u);
    EXPECT_EQ(ArrAt(item, {"labels"}).at(0).as_string(), "cli");
}

TEST_F(CliClient, EditWithNothingToChangeIsAUsageError) {
    const auto r = Tl({"items", "edit", "X2-1"});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("nothing to change"), std::string::npos) << r.output;
}

TEST_F(CliClient, ShowOfAnUnknownItemExits1) {
    const auto r = Tl({"items", "show", "X2-99999"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("throughline: 404 not_found: "), std::string::npos) << r.output;
}

TEST_F(CliClient, MoveToTheTopThenListShowsItFirst) {
    const std::string key = NewStory("Rank me first");
    const auto moved = Tl({"items", "move", key, "--top"});
    ASSERT_EQ(moved.exit_code, 0) << moved.output;
    EXPECT_NE(moved.output.find("Moved " + key + " to position 1\n"), std::string::npos)
        << moved.output;
    EXPECT_NE(moved.output.find("(top of the backlog)"), std::string::npos) << moved.output;
    EXPECT_NE(moved.output.find("> " + key), std::string::npos) << moved.output;

    const auto list = Tl({"items", "list", "--product", "X2", "--limit", "3"});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const auto keys = Keys(list.output.substr(0, list.output.find("(more")));
    ASSERT_EQ(keys.size(), 3u) << list.output;
    EXPECT_EQ(keys[0], key);

    const auto after = Tl({"items", "move", keys[0], "--after", keys[2]});
    ASSERT_EQ(after.exit_code, 0) << after.output;
    EXPECT_NE(after.output.find("to position 3\n  " + keys[2]), std::string::npos) << after.output;
}

TEST_F(CliClient, MoveNeedsExactlyOnePlace) {
    const auto none = Tl({"items", "move", "X2-1"});
    EXPECT_EQ(none.exit_code, 2) << none.output;
    const auto two = Tl({"items", "move", "X2-1", "--top", "--bottom"});
    EXPECT_EQ(two.exit_code, 2) << two.output;
}

TEST_F(CliClient, SearchShowsMatchesInBrackets) {
    const auto r = Tl({"search", "camera", "--product", "X2"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(r.output.starts_with("KEY")) << r.output;
    EXPECT_NE(r.output.find("[Camera] & imaging"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("<mark>"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("&amp;"), std::string::npos) << r.output;
}

TEST_F(CliClient, JsonPrintsTheServersAnswer) {
    const auto list = Tl({"items", "list", "--product", "X2", "--limit", "5", "--json"});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const json::value items = json::parse(list.output);
    ASSERT_TRUE(items.is_array());
    EXPECT_EQ(items.as_array().size(), 5u);

    const auto shown = Tl({"items", "show", "X2-1", "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    EXPECT_EQ(StrAt(json::parse(shown.output), {"key"}), "X2-1");

    const auto found = Tl({"search", "camera", "--json"});
    ASSERT_EQ(found.exit_code, 0) << found.output;
    EXPECT_FALSE(ArrAt(json::parse(found.output), {"data"}).empty()) << found.output;
}

TEST_F(CliClient, FlagsStandInForTheEnvironment) {
    const auto r = Tl({"items",
                       "show",
                       "X2-1",
                       "--url",
                       "http://127.0.0.1:" + std::to_string(env().server().port()),
                       "--token",
                       Token("bob")},
                      {});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(r.output.starts_with("X2-1  ")) << r.output;
}

TEST_F(CliClient, NoTokenIsUnauthenticated) {
    const auto r = Tl({"items", "list", "--product", "X2"}, ClientEnv(""));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("401 unauthenticated"), std::string::npos) << r.output;
}

TEST_F(CliClient, AnUnreachableServerExits3) {
    const auto r = Tl({"items", "show", "X2-1"},
                      {"THROUGHLINE_URL=http://127.0.0.1:1", "THROUGHLINE_TOKEN=x"});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("cannot reach http://127.0.0.1:1"), std::string::npos) << r.output;
}

TEST_F(CliClient, AnHttpsUrlIsAClearUsageError) {
    const auto r = Tl({"search", "camera"},
                      {"THROUGHLINE_URL=https://throughline.example", "THROUGHLINE_TOKEN=x"});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("https"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("tunnel"), std::string::npos) << r.output;
    const auto none = Tl({"search", "camera"}, {});
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_NE(none.output.find("THROUGHLINE_URL"), std::string::npos) << none.output;
}

}  // namespace
}  // namespace tl::test
