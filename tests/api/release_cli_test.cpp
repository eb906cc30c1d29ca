// The command line's `throughline release notes VERSION --product KEY` against a running demo
// server: the Markdown exactly, --json, and the exit codes of a missing release or product, a
// bad flag and an unreachable server.
#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

class ReleaseCli : public DemoSuite<ReleaseCli> {
protected:
    static void SetUpTestSuite() {
        DemoSuite::SetUpTestSuite();
        if (!env().ok()) {
            return;
        }
        // A product of its own with a workflow that reaches done in one step, two accepted
        // items and an open one in release 1.0.
        const HttpResult created = client().Post(
            "/api/v1/products", R"({"key":"RCLI","name":"Release CLI"})", Token("admin"));
        ASSERT_EQ(created.status, 201) << created.body;
        const std::string p = StrAt(created.Json(), {"id"});
        const HttpResult role =
            client().Post("/api/v1/products/" + p + "/roles",
                          json::serialize(json::object{{"user_id", Ids().users.at("bob")},
                                                       {"role", "product_owner"}}),
                          Token("admin"));
        ASSERT_EQ(role.status, 201) << role.body;
        ASSERT_EQ(
            client()
                .Patch("/api/v1/products/" + p + "/backlog-settings",
                       R"({"transitions":[],"definition_of_ready":[],"definition_of_done":[]})",
                       Token("bob"))
                .status,
            200);
        std::vector<std::string> keys;
        for (const auto& [type, title] : std::vector<std::pair<std::string, std::string>>{
                 {"story", "Night mode"}, {"bug", "Gimbal drift"}, {"story", "Not yet"}}) {
            const HttpResult item =
                client().Post("/api/v1/products/" + p + "/items",
                              json::serialize(json::object{{"type", type}, {"title", title}}),
                              Token("bob"));
            ASSERT_EQ(item.status, 201) << item.body;
            keys.push_back(StrAt(item.Json(), {"key"}));
        }
        for (const auto& k : {keys[0], keys[1]}) {
            ASSERT_EQ(
                client().Patch("/api/v1/items/" + k, R"({"status":"done"})", Token("bob")).status,
                200);
        }
        const HttpResult release = client().Post("/api/v1/products/" + p + "/releases",
                                                 R"({"version":"1.0","name":"First light"})",
                                                 Token("bob"));
        ASSERT_EQ(release.status, 201) << release.body;
        json::array items;
        for (const auto& k : keys) {
            items.emplace_back(k);
        }
        ASSERT_EQ(client()
                      .Post("/api/v1/releases/" + StrAt(release.Json(), {"id"}) + "/items",
                            json::serialize(json::object{{"items", items}}),
                            Token("bob"))
                      .status,
                  200);
    }

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
};

TEST_F(ReleaseCli, NotesPrintTheMarkdown) {
    const auto r = Tl({"release", "notes", "1.0", "--product", "rcli"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output,
              "# Release 1.0: First light\n"
              "\n"
              "## New\n"
              "\n"
              "- RCLI-1 Night mode\n"
              "\n"
              "## Fixed\n"
              "\n"
              "- RCLI-2 Gimbal drift\n");
}

TEST_F(ReleaseCli, JsonPrintsTheGroups) {
    const auto r = Tl({"release", "notes", "1.0", "--product", "RCLI", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const json::value notes = json::parse(r.output);
    const json::array groups = ArrAt(notes, {"groups"});
    ASSERT_EQ(groups.size(), 3u) << r.output;
    EXPECT_EQ(StrAt(groups[0], {"heading"}), "New");
    ASSERT_EQ(ArrAt(groups[0], {"items"}).size(), 1u);
    EXPECT_EQ(StrAt(ArrAt(groups[0], {"items"})[0], {"key"}), "RCLI-1");
    EXPECT_TRUE(ArrAt(groups[2], {"items"}).empty());
    EXPECT_EQ(StrAt(notes, {"release", "version"}), "1.0");
}

TEST_F(ReleaseCli, MissingReleasesProductsAndFlagsAreRefused) {
    const auto version = Tl({"release", "notes", "9.9", "--product", "RCLI"});
    EXPECT_EQ(version.exit_code, 1) << version.output;
    EXPECT_NE(version.output.find("RCLI has no release 9.9 (it has 1.0)"), std::string::npos)
        << version.output;
    const auto product = Tl({"release", "notes", "1.0", "--product", "NOPE"});
    EXPECT_EQ(product.exit_code, 1) << product.output;
    EXPECT_NE(product.output.find("no product with the key or id \"NOPE\""), std::string::npos)
        << product.output;
    // Erin holds no role on RCLI: it is not hers to see.
    EXPECT_EQ(Tl({"release", "notes", "1.0", "--product", "RCLI"}, ClientEnv("erin")).exit_code, 1);
    const auto no_token = Tl({"release", "notes", "1.0", "--product", "RCLI"}, ClientEnv(""));
    EXPECT_EQ(no_token.exit_code, 1) << no_token.output;
    EXPECT_NE(no_token.output.find("401"), std::string::npos) << no_token.output;
    EXPECT_EQ(Tl({"release", "notes", "1.0"}).exit_code, 2);
    EXPECT_EQ(Tl({"release", "notes", "--product", "RCLI"}).exit_code, 2);
    const auto unreachable =
        Tl({"release", "notes", "1.0", "--product", "RCLI"},
           {"THROUGHLINE_URL=http://127.0.0.1:1", "THROUGHLINE_TOKEN=" + Token("bob")});
    EXPECT_EQ(unreachable.exit_code, 3) << unreachable.output;
}

}  // namespace
}  // namespace tl::test
