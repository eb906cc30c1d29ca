#include "cli/cli.hpp"

#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <termios.h>
#include <unistd.h>

#include "app/accounts/api_tokens.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/users.hpp"
#include "app/crypto.hpp"
#include "app/demo_seed.hpp"
#include "app/live/change_hub.hpp"
#include "app/serialize.hpp"
#include "cli/duration.hpp"
#include "cli/feedback_commands.hpp"
#include "cli/flags.hpp"
#include "cli/goal_commands.hpp"
#include "cli/items_commands.hpp"
#include "cli/market_commands.hpp"
#include "cli/prio_commands.hpp"
#include "cli/release_commands.hpp"
#include "cli/sprint_commands.hpp"
#include "cli/store_opener.hpp"
#include "cli/strategy_commands.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

#ifndef TL_VERSION
#define TL_VERSION "0.0.0"
#endif

namespace tl::cli {
namespace {

constexpr int kUsageError = 2;

struct StoreFlags {
    std::string data_dir = "./data";
    std::string db;  // empty: sqlite under data_dir
    std::string durability = "normal";
    int db_pool = 16;
    std::string db_statement_timeout = "30s";
};

struct ServeFlags {
    std::string bind = "127.0.0.1";
    int port = 8080;
    bool demo = false;
    std::string web_dir = "web/dist";
    int threads = 0;
    std::string session_ttl = "12h";
    std::string session_idle = "30m";
    std::string read_timeout = "10s";
    std::string idle_timeout = "60s";
    std::string shutdown_grace = "10s";
    std::string event_heartbeat = "15s";
    std::string trusted_proxies;
    std::int64_t body_limit = 1024 * 1024;
    std::int64_t max_connections = 4096;
    int login_max_failures = 5;
    bool secure_cookies = false;
    bool access_log = true;
};

const CLI::Validator kDuration(
    [](std::string& value) -> std::string {
        return ParseDurationMs(value) ? ""
                                      : "must be a duration such as 500ms, 45s, 30m, 12h or 2d";
    },
    "DURATION");

void AddStoreFlags(CLI::App& cmd, StoreFlags& flags) {
    Flag(cmd, "data-dir", flags.data_dir, "Directory for the embedded database");
    Flag(cmd,
         "db",
         flags.db,
         "Database URL: sqlite:///path/file.db or postgres://user@host:5432/db; "
         "default: SQLite under --data-dir");
    Flag(cmd,
         "durability",
         flags.durability,
         "normal (survives a process crash) or full (fsync each commit, survives power loss)")
        ->check(CLI::IsMember({"normal", "full"}));
    Flag(cmd, "db-pool", flags.db_pool, "Most connections to PostgreSQL from this process")
        ->check(CLI::Range(1, 1000));
    Flag(cmd,
         "db-statement-timeout",
         flags.db_statement_timeout,
         "Longest a PostgreSQL statement may run before it is cancelled (503)")
        ->check(kDuration);
}

Result<std::unique_ptr<storage::Store>> OpenAndMigrate(const StoreOpener& open,
                                                       const StoreFlags& flags) {
    StoreSettings settings;
    settings.db_url = flags.db;
    settings.data_dir = flags.data_dir;
    settings.durability_full = flags.durability == "full";
    settings.pool_size = flags.db_pool;
    settings.statement_timeout_ms = *ParseDurationMs(flags.db_statement_timeout);
    TL_ASSIGN_OR_RETURN(auto store, open(settings));
    TL_TRY(store->Migrate());
    return store;
}

int Failed(const Error& e) {
    std::cerr << "throughline: " << e.message << "\n";
    return 1;
}

std::string ReadPassword() {
    std::string password;
    if (isatty(STDIN_FILENO)) {
        std::cerr << "Password: " << std::flush;
        termios old{};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::getline(std::cin, password);
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, password);
    }
    return password;
}

void PrintIssues(const Error& e) {
    std::cerr << "throughline: " << e.message << "\n";
    for (const auto& d : e.details) {
        std::cerr << "  " << d.field << ": " << d.issue << "\n";
    }
}

int Serve(const StoreOpener& open, const StoreFlags& store_flags, const ServeFlags& f) {
    app::InitCrypto();
    auto store = OpenAndMigrate(open, store_flags);
    if (!store) {
        return Failed(store.error());
    }
    app::SystemClock clock;
    app::AppContext ctx{**store, clock, {}};
    ctx.config.session_ttl_ms = *ParseDurationMs(f.session_ttl);
    ctx.config.session_idle_ms = *ParseDurationMs(f.session_idle);
    ctx.config.login_max_failures_account = f.login_max_failures;
    ctx.config.login_max_failures_address = f.login_max_failures * 4;
    (void)app::PurgeOldTokens(ctx);  // housekeeping: a failure must not stop the start

    bool seeded = false;
    if (f.demo) {
        auto r = app::SeedDemo(ctx);
        if (!r) {
            return Failed(r.error());
        }
        seeded = *r;
    }

    http::Metrics metrics;
    http::StaticFiles web(f.web_dir);
    http::Api api(ctx, metrics, web, {f.secure_cookies});
    http::ServerOptions options;
    options.bind = f.bind;
    options.port = static_cast<unsigned short>(f.port);
    options.threads = f.threads;
    options.body_limit = static_cast<std::size_t>(f.body_limit);
    options.read_timeout = std::chrono::milliseconds(*ParseDurationMs(f.read_timeout));
    options.idle_timeout = std::chrono::milliseconds(*ParseDurationMs(f.idle_timeout));
    options.shutdown_grace = std::chrono::milliseconds(*ParseDurationMs(f.shutdown_grace));
    options.max_connections = static_cast<std::size_t>(f.max_connections);
    options.access_log = f.access_log;
    options.stream_heartbeat = std::chrono::milliseconds(*ParseDurationMs(f.event_heartbeat));
    options.trusted_proxies = *http::TrustedProxies::Parse(f.trusted_proxies);
    // Live events: the store reports committed changes (from every node, on PostgreSQL) and
    // the hub wakes the open streams of that workspace.
    app::ChangeHub changes;
    ctx.changes = &changes;
    (*store)->SetChangeListener(
        [&changes](const std::string& workspace_id) { changes.Notify(workspace_id); });
    struct StopListening {
        storage::Store& store;
        ~StopListening() { store.SetChangeListener({}); }
    } stop_listening{**store};
    http::Server server(
        options, [&api](http::Request& req) { return api.Handle(req); }, metrics);
    auto port = server.Listen();
    if (!port) {
        return Failed(port.error());
    }
    std::string host = f.bind == "0.0.0.0" || f.bind == "::" ? "localhost" : f.bind;
    std::cout << "Throughline " << TL_VERSION << " (" << (*store)->Backend() << ")"
              << " listening on http://" << host << ":" << *port << "\n";
    if (!web.Enabled()) {
        std::cout << "  (no web app at " << f.web_dir << ": build it with `make build`)\n";
    }
    if (f.demo) {
        std::cout << "  Demo workspace \"SkyLift Drones\" "
                  << (seeded ? "seeded" : "already present")
                  << "; logins (password: " << app::kDemoPassword << "):\n";
        for (const auto& login : app::DemoLogins()) {
            std::cout << "    " << login.email << "  " << login.who << "\n";
        }
    }
    std::cout << std::flush;
    server.Run();
    std::cout << "Throughline stopped\n" << std::flush;
    return 0;
}

}  // namespace

int Run(int argc, char** argv, const StoreOpener& open) {
    CLI::App cli{"Throughline: product management from vision to story"};
    cli.require_subcommand(1);
    cli.failure_message([](const CLI::App*, const CLI::Error& e) {
        return std::string(e.what()) + " (see throughline --help)";
    });

    StoreFlags store_flags;
    ServeFlags serve;
    auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server and the web app");
    AddStoreFlags(*serve_cmd, store_flags);
    Flag(*serve_cmd, "bind", serve.bind, "Address to listen on");
    Flag(*serve_cmd, "port", serve.port, "Port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535));
    Switch(*serve_cmd, "demo", serve.demo, "Seed the demo workspace on first start");
    Flag(*serve_cmd, "web-dir", serve.web_dir, "Directory of the built web app");
    Flag(*serve_cmd, "threads", serve.threads, "I/O threads (0: one per core)")
        ->check(CLI::Range(0, 256));
    Flag(*serve_cmd, "session-ttl", serve.session_ttl, "Session lifetime")->check(kDuration);
    Flag(*serve_cmd, "session-idle", serve.session_idle, "Idle time that ends a session")
        ->check(kDuration);
    Flag(*serve_cmd, "read-timeout", serve.read_timeout, "Time to receive a whole request")
        ->check(kDuration);
    Flag(*serve_cmd, "idle-timeout", serve.idle_timeout, "Idle keep-alive connection timeout")
        ->check(kDuration);
    Flag(*serve_cmd,
         "shutdown-grace",
         serve.shutdown_grace,
         "Time in-flight requests get to finish on shutdown")
        ->check(kDuration);
    Flag(*serve_cmd,
         "event-heartbeat",
         serve.event_heartbeat,
         "How often an idle event stream sends a keep-alive comment")
        ->check(kDuration);
    Flag(*serve_cmd,
         "trusted-proxies",
         serve.trusted_proxies,
         "Load balancers whose X-Forwarded-For names the client (addresses or CIDR, "
         "comma-separated)")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                auto parsed = http::TrustedProxies::Parse(value);
                return parsed ? "" : parsed.error().details.at(0).issue;
            },
            "ADDRESSES"));
    Flag(*serve_cmd, "body-limit", serve.body_limit, "Largest request body in bytes")
        ->check(CLI::Range(std::int64_t{1024}, std::int64_t{1} << 30));
    Flag(*serve_cmd, "max-connections", serve.max_connections, "Most open connections")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000}));
    Flag(*serve_cmd,
         "login-max-failures",
         serve.login_max_failures,
         "Failed logins per account in 15 minutes before 429 (per address: 4x)")
        ->check(CLI::Range(1, 1000));
    Switch(*serve_cmd,
           "secure-cookies",
           serve.secure_cookies,
           "Mark the session cookie Secure (serve behind HTTPS)");
    Flag(*serve_cmd, "access-log", serve.access_log, "One JSON line per request on stdout");

    StoreFlags migrate_flags;
    auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations and exit");
    AddStoreFlags(*migrate_cmd, migrate_flags);

    auto* user_cmd = cli.add_subcommand("user", "Manage users");
    user_cmd->require_subcommand(1);
    StoreFlags user_flags;
    std::string email, name, password, workspace, new_workspace;
    bool admin = false;
    auto* user_add =
        user_cmd->add_subcommand("add", "Add a user (password from stdin if not given)");
    AddStoreFlags(*user_add, user_flags);
    Flag(*user_add, "email", email, "E-mail address (the login)")->required();
    Flag(*user_add, "name", name, "Full name")->required();
    Flag(*user_add, "password", password, "Password (prefer stdin)");
    Flag(*user_add,
         "workspace",
         workspace,
         "Workspace id or name (default: the only one; created if none)");
    Flag(*user_add,
         "new-workspace",
         new_workspace,
         "Create a workspace of this name and add the user to it")
        ->excludes("--workspace");
    Switch(*user_add, "admin", admin, "Make the user a workspace administrator");

    auto* token_cmd = cli.add_subcommand("token", "Manage personal API tokens");
    token_cmd->require_subcommand(1);
    StoreFlags token_flags;
    std::string token_email, token_name = "command line";
    std::int64_t token_days = 90;
    auto* token_create = token_cmd->add_subcommand("create", "Create an API token for a user");
    AddStoreFlags(*token_create, token_flags);
    Flag(*token_create, "email", token_email, "The user's e-mail address")->required();
    Flag(*token_create, "name", token_name, "What the token is for");
    Flag(*token_create, "expires-in-days", token_days, "Days until it expires (0: never)")
        ->check(CLI::Range(std::int64_t{0}, app::kMaxTokenDays));

    ClientCommands client(cli);
    ReleaseCommands releases(cli);
    SprintCommands sprints(cli);
    FeedbackCommands feedback(cli);
    PrioCommands prio(cli);
    StrategyCommands strategy(cli);
    GoalCommands goals(cli);
    MarketCommands market(cli);

    cli.add_subcommand("version", "Print the version");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        for (char& c : what) {
            if (c == '\n') {
                c = ' ';
            }
        }
        std::cerr << "throughline: " << what << " (see throughline --help)\n";
        return kUsageError;
    }

    if (cli.got_subcommand("version")) {
        std::cout << "throughline " << TL_VERSION << "\n";
        return 0;
    }
    if (serve_cmd->parsed()) {
        return Serve(open, store_flags, serve);
    }
    if (migrate_cmd->parsed()) {
        app::InitCrypto();
        auto store = OpenAndMigrate(open, migrate_flags);
        if (!store) {
            return Failed(store.error());
        }
        auto applied = (*store)->AppliedMigrations();
        if (!applied) {
            return Failed(applied.error());
        }
        std::cout << "Database is at schema version " << (applied->empty() ? 0 : applied->back())
                  << "\n";
        return 0;
    }
    if (user_add->parsed()) {
        app::InitCrypto();
        auto store = OpenAndMigrate(open, user_flags);
        if (!store) {
            return Failed(store.error());
        }
        app::SystemClock clock;
        app::AppContext ctx{**store, clock, {}};
        auto ws = new_workspace.empty() ? app::ResolveWorkspace(ctx, workspace, "Workspace")
                                        : app::CreateWorkspace(ctx, new_workspace);
        if (!ws) {
            return Failed(ws.error());
        }
        if (password.empty()) {
            password = ReadPassword();
        }
        app::NewUser input{email, name, password, admin, {}, {}};
        auto user = app::CreateUserAsSystem(ctx, ws->id, input, true);
        if (!user) {
            PrintIssues(user.error());
            return 1;
        }
        std::cout << "Added " << user->email << " (" << user->id << ") to workspace \"" << ws->name
                  << "\"" << (user->is_admin ? " as administrator" : "") << "\n";
        return 0;
    }
    if (auto code = client.RunIfParsed()) {
        return *code;
    }
    if (auto code = releases.RunIfParsed()) {
        return *code;
    }
    if (auto code = sprints.RunIfParsed()) {
        return *code;
    }
    if (auto code = feedback.RunIfParsed()) {
        return *code;
    }
    if (auto code = prio.RunIfParsed()) {
        return *code;
    }
    if (auto code = strategy.RunIfParsed()) {
        return *code;
    }
    if (auto code = goals.RunIfParsed()) {
        return *code;
    }
    if (auto code = market.RunIfParsed()) {
        return *code;
    }
    if (token_create->parsed()) {
        app::InitCrypto();
        auto store = OpenAndMigrate(open, token_flags);
        if (!store) {
            return Failed(store.error());
        }
        app::SystemClock clock;
        app::AppContext ctx{**store, clock, {}};
        auto created = app::CreateApiTokenForEmail(ctx, token_email, {token_name, token_days, {}});
        if (!created) {
            PrintIssues(created.error());
            return 1;
        }
        std::cerr << "Token \"" << created->token.name << "\" for " << token_email
                  << (created->token.expires_at ? ", expires " : ", never expires")
                  << (created->token.expires_at ? app::FormatTime(created->token.expires_at) : "")
                  << ". It is shown only once:\n";
        std::cout << created->secret << "\n";
        return 0;
    }
    return kUsageError;
}

}  // namespace tl::cli
