// The command line: bad flags and values give one clear line and exit code 2; every flag
// reads THROUGHLINE_<NAME>; user add and token create work against a live server's database.
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "api/api_support.hpp"
#include "api/test_client.hpp"

namespace tl::test {
namespace {

// Runs the binary with `args`; `env` adds "NAME=value" entries.
CommandResult RunCli(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), ServerBinary());
    return RunCommand(std::move(args), std::chrono::seconds(30), std::move(env));
}

int Lines(const std::string& text) {
    int n = 0;
    for (char c : text) {
        n += c == '\n';
    }
    return n;
}

TEST(Cli, VersionPrintsTheVersion) {
    auto r = RunCli({"version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(r.output.starts_with("throughline ")) << r.output;
}

TEST(Cli, UnknownFlagIsOneLineAndExitCode2) {
    auto r = RunCli({"serve", "--frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(Lines(r.output), 1) << r.output;
    EXPECT_NE(r.output.find("--frobnicate"), std::string::npos) << r.output;
}

TEST(Cli, BadValuesNameTheFlag) {
    const std::vector<std::vector<std::string>> cases = {
        {"serve", "--port", "abc"},
        {"serve", "--port", "70000"},
        {"serve", "--session-idle", "5y"},
        {"serve", "--durability", "sometimes"},
        {"serve", "--body-limit", "-1"},
    };
    for (const auto& args : cases) {
        auto r = RunCli(args);
        EXPECT_EQ(r.exit_code, 2) << args[1] << ": " << r.output;
        EXPECT_EQ(Lines(r.output), 1) << args[1] << ": " << r.output;
        EXPECT_NE(r.output.find(args[1]), std::string::npos) << args[1] << ": " << r.output;
    }
}

TEST(Cli, MissingSubcommandIsAUsageError) {
    auto r = RunCli({});
    EXPECT_EQ(r.exit_code, 2);
    auto u = RunCli({"user", "add", "--name", "X"});
    EXPECT_EQ(u.exit_code, 2);
    EXPECT_NE(u.output.find("--email"), std::string::npos) << u.output;
}

TEST(Cli, FlagsReadTheEnvironment) {
    auto r = RunCli({"serve"}, {"THROUGHLINE_PORT=notaport"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.output.find("port"), std::string::npos) << r.output;
}

TEST(Cli, MigrateCreatesTheDatabaseAndIsRepeatable) {
    TestDatabase db;
    ASSERT_TRUE(db.ok());
    auto version = [](const std::string& output) {
        std::smatch m;
        return std::regex_search(output, m, std::regex(R"(schema version (\d+))"))
                   ? std::stoi(m[1].str())
                   : -1;
    };
    std::vector<std::string> migrate = {"migrate"};
    for (const auto& flag : db.Flags()) {
        migrate.push_back(flag);
    }
    auto first = RunCli(migrate);
    EXPECT_EQ(first.exit_code, 0) << first.output;
    EXPECT_GT(version(first.output), 0) << first.output;
    if (!kOnPostgres) {
        EXPECT_TRUE(std::filesystem::exists(db.data_dir() + "/throughline.db"));
    }
    auto second = RunCli({"migrate"}, {db.Env()});
    EXPECT_EQ(second.exit_code, 0) << second.output;
    EXPECT_EQ(version(second.output), version(first.output)) << second.output;
}

TEST(Cli, AUnusableDatabaseIsAClearFailure) {
    auto r = RunCli({"migrate", "--db", "sqlite:///nonexistent-dir/sub/x.db"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("cannot open database"), std::string::npos) << r.output;
    auto pg = RunCli({"migrate", "--db", "postgres://u@127.0.0.1:1/x"});
    EXPECT_EQ(pg.exit_code, 1);
    EXPECT_NE(pg.output.find("PostgreSQL"), std::string::npos) << pg.output;
}

TEST(Cli, UserAddAndTokenCreateWorkAgainstARunningServer) {
    ServerProcess server;
    const std::vector<std::string> user_add = WithDbFlags({"user", "add"}, server);
    auto with = [](std::vector<std::string> base, std::vector<std::string> more) {
        base.insert(base.end(), more.begin(), more.end());
        return base;
    };
    auto weak = RunCli(
        with(user_add, {"--email", "gil@skylift.example", "--name", "Gil", "--password", "x"}));
    EXPECT_EQ(weak.exit_code, 1) << weak.output;
    EXPECT_NE(weak.output.find("password"), std::string::npos) << weak.output;

    auto added = RunCli(with(user_add,
                             {"--email",
                              "gil@skylift.example",
                              "--name",
                              "Gil Tanaka",
                              "--password",
                              "a long password"}));
    ASSERT_EQ(added.exit_code, 0) << added.output;
    EXPECT_NE(added.output.find("SkyLift Drones"), std::string::npos) << added.output;

    auto token = RunCli(WithDbFlags(
        {"token", "create"}, server, {"--email", "gil@skylift.example", "--name", "ci"}));
    ASSERT_EQ(token.exit_code, 0) << token.output;
    auto pos = token.output.find("tlp_");
    ASSERT_NE(pos, std::string::npos) << token.output;
    std::string secret = token.output.substr(pos, token.output.find('\n', pos) - pos);

    HttpClient client(server.port());
    auto me = client.Get("/api/v1/me", secret);
    EXPECT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json().at("user").at("name").as_string(), "Gil Tanaka");

    auto login = client.Post("/api/v1/auth/login",
                             R"({"email":"gil@skylift.example","password":"a long password"})");
    EXPECT_EQ(login.status, 200) << login.body;

    auto other = RunCli(with(user_add,
                             {"--new-workspace",
                              "Rival Rotors",
                              "--email",
                              "ivy@rival.example",
                              "--name",
                              "Ivy",
                              "--password",
                              "another long one"}));
    ASSERT_EQ(other.exit_code, 0) << other.output;
    EXPECT_NE(other.output.find("Rival Rotors"), std::string::npos) << other.output;
}

}  // namespace
}  // namespace tl::test
