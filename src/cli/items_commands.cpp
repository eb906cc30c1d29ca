#include "cli/items_commands.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "cli/api_client.hpp"
#include "cli/client_support.hpp"
#include "cli/flags.hpp"

namespace tl::cli {

namespace json = boost::json;

namespace {

using namespace client;  // NOLINT: the client commands' shared helpers

// Page size when walking a whole backlog (the API's largest page).
constexpr int kWalkPage = 200;

struct ListFlags {
    std::string product;
    std::string query;
    int limit = 50;
    bool all = false;
};

struct AddFlags {
    std::string product;
    std::string type;
    std::string title;
    std::string description;
    std::string parent;
    double points = 0;
    std::vector<std::string> labels;
    std::vector<std::string> criteria;
    bool top = false;
    CLI::Option* points_opt = nullptr;
    CLI::Option* description_opt = nullptr;
    CLI::Option* parent_opt = nullptr;
};

struct EditFlags {
    std::string key;
    std::string title;
    std::string description;
    std::string status;
    double points = 0;
    bool no_points = false;
    std::string assignee;
    std::string parent;
    std::vector<std::string> labels;
    std::string priority;
    CLI::Option* title_opt = nullptr;
    CLI::Option* description_opt = nullptr;
    CLI::Option* status_opt = nullptr;
    CLI::Option* points_opt = nullptr;
    CLI::Option* assignee_opt = nullptr;
    CLI::Option* parent_opt = nullptr;
    CLI::Option* labels_opt = nullptr;
    CLI::Option* priority_opt = nullptr;
};

struct MoveFlags {
    std::string key;
    std::string before;
    std::string after;
    bool top = false;
    bool bottom = false;
};

struct SearchFlags {
    std::string text;
    std::string product;
    int limit = 20;
};

// ---- text ----

// The search's HTML (escaped text, <mark> around matches) as plain text with [matches].
std::string MarksToBrackets(std::string_view html) {
    static const std::pair<std::string_view, std::string_view> kReplace[] = {
        {"<mark>", "["},
        {"</mark>", "]"},
        {"&amp;", "&"},
        {"&lt;", "<"},
        {"&gt;", ">"},
        {"&quot;", "\""},
        {"&#39;", "'"},
    };
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        bool replaced = false;
        for (const auto& [from, to] : kReplace) {
            if (html.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out.push_back(html[i++]);
        }
    }
    return OneLine(out);
}

// A custom field's value as text: strings bare, lists comma-separated.
std::string Plain(const json::value& v) {
    if (v.is_string()) {
        return std::string(v.as_string());
    }
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v.as_array()) {
            out += (out.empty() ? "" : ", ") + Plain(e);
        }
        return out;
    }
    if (v.is_number()) {
        return Number(v);
    }
    return json::serialize(v);
}

std::string ItemsPath(const std::string& product_id,
                      const std::string& query,
                      int limit,
                      const std::string& cursor) {
    std::string path =
        "/api/v1/products/" + Encode(product_id) + "/items?limit=" + std::to_string(limit);
    if (!query.empty()) {
        path += "&query=" + Encode(query);
    }
    if (!cursor.empty()) {
        path += "&cursor=" + Encode(cursor);
    }
    return path;
}

// ---- output ----

void PrintItemTable(const json::array& items) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items) {
        rows.push_back({Str(item, "key"),
                        Str(item, "type"),
                        Str(item, "status"),
                        Number(Field(item, "points")),
                        Str(Field(item, "assignee"), "name"),
                        Str(item, "title")});
    }
    PrintTable({"KEY", "TYPE", "STATUS", "PTS", "ASSIGNEE", "TITLE"}, rows);
}

void PrintItem(const json::value& item) {
    std::cout << Str(item, "key") << "  " << Str(item, "title") << "\n";
    auto line = [](std::string_view label, const std::string& value) {
        std::cout << "  " << Pad(std::string(label) + ":", 11) << (value.empty() ? "-" : value)
                  << "\n";
    };
    line("type", Str(item, "type"));
    std::string status = Str(item, "status");
    if (const std::string category = Str(item, "category"); !category.empty()) {
        status += " (" + category + ")";
    }
    line("status", status);
    line("points", Number(Field(item, "points")));
    line("priority", Str(item, "priority"));
    line("assignee", Str(Field(item, "assignee"), "name"));
    const json::value& parent = Field(item, "parent");
    line("parent",
         parent.is_object() ? Str(parent, "key") + " " + Str(parent, "title") : std::string());
    line("labels", Plain(Field(item, "labels")));
    if (const auto* fields = Field(item, "fields").if_object()) {
        for (const auto& kv : *fields) {
            line(kv.key(), Plain(kv.value()));
        }
    }
    if (const auto* criteria = Field(item, "criteria").if_array(); criteria && !criteria->empty()) {
        std::cout << "Acceptance criteria:\n";
        for (const auto& c : *criteria) {
            const bool done = Field(c, "done").is_bool() && Field(c, "done").as_bool();
            std::cout << "  [" << (done ? "x" : " ") << "] " << Str(c, "text") << "\n";
        }
    }
    if (const auto* links = Field(item, "links").if_array(); links && !links->empty()) {
        std::cout << "Links:\n";
        for (const auto& l : *links) {
            const json::value& other = Field(l, "item");
            std::cout << "  " << Str(l, "kind") << " " << Str(other, "key") << " "
                      << Str(other, "title") << " (" << Str(other, "status") << ")\n";
        }
    }
    if (const std::string description = Str(item, "description"); !description.empty()) {
        std::cout << "\n" << description << (description.back() == '\n' ? "" : "\n");
    }
}

// ---- commands ----

int ListItems(Session& s, const ListFlags& f) {
    auto product = s.ProductId(f.product);
    if (!product) {
        return s.exit_code;
    }
    json::array items;
    std::string cursor;
    do {
        auto reply = s.Call("GET", ItemsPath(*product, f.query, f.limit, cursor), nullptr, f.query);
        if (!reply) {
            return s.exit_code;
        }
        for (const auto& item : Array(reply->json, "data")) {
            items.push_back(item);
        }
        cursor = Str(reply->json, "next_cursor");
    } while (f.all && !cursor.empty());
    if (s.JsonOut()) {
        std::cout << json::serialize(items) << "\n";
        return kExitOk;
    }
    PrintItemTable(items);
    if (!cursor.empty()) {
        std::cerr << "(more items: --all lists every page)\n";
    }
    return kExitOk;
}

int AddItem(Session& s, const AddFlags& f) {
    auto product = s.ProductId(f.product);
    if (!product) {
        return s.exit_code;
    }
    json::object body{{"type", f.type}, {"title", f.title}};
    if (f.description_opt->count() > 0) {
        body["description"] = f.description;
    }
    if (f.parent_opt->count() > 0) {
        body["parent_id"] = f.parent;
    }
    if (f.points_opt->count() > 0) {
        body["points"] = f.points;
    }
    if (!f.labels.empty()) {
        body["labels"] = json::value_from(f.labels);
    }
    if (!f.criteria.empty()) {
        body["criteria"] = json::value_from(f.criteria);
    }
    if (f.top) {
        body["position"] = "top";
    }
    auto reply = s.Call("POST", "/api/v1/products/" + Encode(*product) + "/items", body);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        PrintJson(*reply);
    } else {
        std::cout << Str(reply->json, "key") << "\n";
    }
    return kExitOk;
}

int ShowItem(Session& s, const std::string& key, bool json_out) {
    auto reply = s.Call("GET", "/api/v1/items/" + Encode(key));
    if (!reply) {
        return s.exit_code;
    }
    if (json_out) {
        PrintJson(*reply);
    } else {
        PrintItem(reply->json);
    }
    return kExitOk;
}

int EditItem(Session& s, const EditFlags& f) {
    json::object patch;
    if (f.title_opt->count() > 0) {
        patch["title"] = f.title;
    }
    if (f.description_opt->count() > 0) {
        patch["description"] = f.description;
    }
    if (f.status_opt->count() > 0) {
        patch["status"] = f.status;
    }
    if (f.points_opt->count() > 0) {
        patch["points"] = f.points;
    }
    if (f.no_points) {
        patch["points"] = nullptr;
    }
    auto id_or_none = [](const std::string& v) {
        return v == "none" ? json::value(nullptr) : json::value(v);
    };
    if (f.assignee_opt->count() > 0) {
        patch["assignee_id"] = id_or_none(f.assignee);
    }
    if (f.parent_opt->count() > 0) {
        patch["parent_id"] = id_or_none(f.parent);
    }
    if (f.labels_opt->count() > 0) {
        patch["labels"] = json::value_from(f.labels);
    }
    if (f.priority_opt->count() > 0) {
        patch["priority"] = f.priority;
    }
    if (patch.empty()) {
        std::cerr << "throughline: nothing to change: give --title, --description, --status, "
                     "--points, --no-points, --priority, --assignee, --parent or --label (see "
                     "throughline items edit --help)\n";
        return kExitUsage;
    }
    // Read first, so the edit is checked against the version the user's command saw a moment
    // ago; a change by someone else in between is refused (412) rather than overwritten.
    const std::string path = "/api/v1/items/" + Encode(f.key);
    auto current = s.Call("GET", path);
    if (!current) {
        return s.exit_code;
    }
    const std::string version = Number(Field(current->json, "version"));
    auto reply = s.Raw("PATCH", path, patch, {{"If-Match", "\"" + version + "\""}});
    if (!reply) {
        return s.exit_code;
    }
    if (reply->status == 412) {
        std::cerr << "throughline: " << f.key
                  << " was changed by someone else meanwhile; run again\n";
        return kExitRefused;
    }
    if (!reply->Ok()) {
        PrintServerError(*reply);
        return kExitRefused;
    }
    if (s.JsonOut()) {
        PrintJson(*reply);
        return kExitOk;
    }
    const json::value& item = reply->json;
    std::string points = Number(Field(item, "points"));
    std::cout << "Updated " << Str(item, "key") << ": " << Str(item, "type") << ", "
              << Str(item, "status") << ", " << (points.empty() ? "no" : points) << " points, "
              << Str(item, "title") << "\n";
    return kExitOk;
}

int MoveItem(Session& s, const MoveFlags& f) {
    json::object body;
    int given = 0;
    if (!f.before.empty()) {
        body["before"] = f.before;
        ++given;
    }
    if (!f.after.empty()) {
        body["after"] = f.after;
        ++given;
    }
    if (f.top) {
        body["position"] = "top";
        ++given;
    }
    if (f.bottom) {
        body["position"] = "bottom";
        ++given;
    }
    if (given != 1) {
        std::cerr << "throughline: give exactly one of --before KEY, --after KEY, --top or "
                     "--bottom (see throughline items move --help)\n";
        return kExitUsage;
    }
    auto reply = s.Call("POST", "/api/v1/items/" + Encode(f.key) + "/move", body);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        PrintJson(*reply);
        return kExitOk;
    }
    // The new neighbours: walk the backlog in rank order until the item and the one after it.
    const std::string id = Str(reply->json, "id");
    const std::string product = Str(reply->json, "product_id");
    json::value previous;
    json::value moved;
    json::value next;
    std::size_t position = 0;
    std::size_t seen = 0;
    std::string cursor;
    do {
        auto page = s.Call("GET", ItemsPath(product, "", kWalkPage, cursor));
        if (!page) {
            return s.exit_code;
        }
        for (const auto& item : Array(page->json, "data")) {
            ++seen;
            if (!moved.is_null()) {
                next = item;
                break;
            }
            if (Str(item, "id") == id) {
                moved = item;
                position = seen;
            } else {
                previous = item;
            }
        }
        cursor = Str(page->json, "next_cursor");
    } while (next.is_null() && !cursor.empty());
    std::cout << "Moved " << Str(reply->json, "key") << " to position " << position << "\n";
    auto row = [](std::string_view mark, const json::value& item) {
        std::cout << mark << Pad(Str(item, "key"), 8) << " "
                  << Cut(OneLine(Str(item, "title")), LastColumnWidth(11)) << "\n";
    };
    if (position <= 1) {
        std::cout << "  (top of the backlog)\n";
    } else {
        row("  ", previous);
    }
    row("> ", moved.is_null() ? reply->json : moved);
    if (next.is_null()) {
        std::cout << "  (bottom of the backlog)\n";
    } else {
        row("  ", next);
    }
    return kExitOk;
}

int Search(Session& s, const SearchFlags& f) {
    std::string path = "/api/v1/search?q=" + Encode(f.text) + "&limit=" + std::to_string(f.limit);
    if (!f.product.empty()) {
        auto product = s.ProductId(f.product);
        if (!product) {
            return s.exit_code;
        }
        path += "&product_id=" + Encode(*product);
    }
    auto reply = s.Call("GET", path);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        PrintJson(*reply);
        return kExitOk;
    }
    const json::array& results = Array(reply->json, "data");
    if (results.empty()) {
        std::cout << "No items match \"" << f.text << "\".\n";
        return kExitOk;
    }
    std::size_t key_width = 3;
    for (const auto& r : results) {
        key_width = std::max(key_width, Width(Str(Field(r, "item"), "key")));
    }
    const std::size_t text_width = LastColumnWidth(key_width + 2);
    std::cout << Pad("KEY", key_width) << "  TITLE\n";
    for (const auto& r : results) {
        std::cout << Pad(Str(Field(r, "item"), "key"), key_width) << "  "
                  << Cut(MarksToBrackets(Str(r, "title")), text_width) << "\n";
        // The snippet is the title again when only the title matched; print it once.
        const std::string snippet = MarksToBrackets(Str(r, "snippet"));
        if (!snippet.empty() && snippet != MarksToBrackets(Str(r, "title"))) {
            std::cout << std::string(key_width + 2, ' ') << Cut(snippet, text_width) << "\n";
        }
    }
    return kExitOk;
}

}  // namespace

struct ClientCommands::State {
    ConnectionFlags connection;
    ListFlags list;
    AddFlags add;
    EditFlags edit;
    MoveFlags move;
    SearchFlags search;
    std::string show_key;
    CLI::App* list_cmd = nullptr;
    CLI::App* add_cmd = nullptr;
    CLI::App* show_cmd = nullptr;
    CLI::App* edit_cmd = nullptr;
    CLI::App* move_cmd = nullptr;
    CLI::App* search_cmd = nullptr;
};

ClientCommands::ClientCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* items = cli.add_subcommand("items", "Backlog items on a server (over HTTP)");
    items->require_subcommand(1);

    s.list_cmd = items->add_subcommand("list", "List a product's backlog in rank order");
    AddConnectionFlags(*s.list_cmd, s.connection);
    Flag(*s.list_cmd, "product", s.list.product, "Product key (X2) or id")->required();
    Flag(*s.list_cmd, "query", s.list.query, "A query: type = story AND points >= 3");
    Flag(*s.list_cmd, "limit", s.list.limit, "Items per page")->check(CLI::Range(1, 200));
    Switch(*s.list_cmd, "all", s.list.all, "Every page, not only the first");

    s.add_cmd = items->add_subcommand("add", "Add an item to a product's backlog");
    AddConnectionFlags(*s.add_cmd, s.connection);
    Flag(*s.add_cmd, "product", s.add.product, "Product key (X2) or id")->required();
    Flag(*s.add_cmd, "type", s.add.type, "epic, feature, story, bug, spike, tech-debt or task")
        ->required();
    Flag(*s.add_cmd, "title", s.add.title, "Title")->required();
    s.add.description_opt = s.add_cmd->add_option("--description", s.add.description, "Markdown");
    s.add.parent_opt = s.add_cmd->add_option("--parent", s.add.parent, "Parent item key or id");
    s.add.points_opt = s.add_cmd->add_option("--points", s.add.points, "Story points");
    s.add_cmd->add_option("--label", s.add.labels, "A label (repeat for more)");
    s.add_cmd->add_option("--criterion", s.add.criteria, "An acceptance criterion (repeat)");
    s.add_cmd->add_flag("--top", s.add.top, "Rank it first instead of last");

    s.show_cmd = items->add_subcommand("show", "Show one item");
    AddConnectionFlags(*s.show_cmd, s.connection);
    s.show_cmd->add_option("key", s.show_key, "Item key (X2-12) or id")->required();

    s.edit_cmd = items->add_subcommand("edit", "Change an item's fields");
    AddConnectionFlags(*s.edit_cmd, s.connection);
    s.edit_cmd->add_option("key", s.edit.key, "Item key (X2-12) or id")->required();
    s.edit.title_opt = s.edit_cmd->add_option("--title", s.edit.title, "New title");
    s.edit.description_opt =
        s.edit_cmd->add_option("--description", s.edit.description, "New description");
    s.edit.status_opt = s.edit_cmd->add_option("--status", s.edit.status, "A workflow status");
    s.edit.points_opt = s.edit_cmd->add_option("--points", s.edit.points, "Story points");
    s.edit_cmd->add_flag("--no-points", s.edit.no_points, "Remove the estimate")
        ->excludes(s.edit.points_opt);
    s.edit.assignee_opt =
        s.edit_cmd->add_option("--assignee", s.edit.assignee, "A user id, or none");
    s.edit.parent_opt =
        s.edit_cmd->add_option("--parent", s.edit.parent, "Parent item key or id, or none");
    s.edit.labels_opt =
        s.edit_cmd->add_option("--label", s.edit.labels, "A label (repeat; replaces the labels)");
    s.edit.priority_opt = s.edit_cmd->add_option(
        "--priority", s.edit.priority, "highest, high, medium, low or lowest");

    s.move_cmd = items->add_subcommand("move", "Move an item in the backlog's rank order");
    AddConnectionFlags(*s.move_cmd, s.connection);
    s.move_cmd->add_option("key", s.move.key, "Item key (X2-12) or id")->required();
    s.move_cmd->add_option("--before", s.move.before, "Put it just above this item");
    s.move_cmd->add_option("--after", s.move.after, "Put it just below this item");
    s.move_cmd->add_flag("--top", s.move.top, "Put it first");
    s.move_cmd->add_flag("--bottom", s.move.bottom, "Put it last");

    s.search_cmd = cli.add_subcommand("search", "Full-text search over backlog items (over HTTP)");
    AddConnectionFlags(*s.search_cmd, s.connection);
    s.search_cmd->add_option("text", s.search.text, "Words to find (prefixes match)")->required();
    Flag(*s.search_cmd, "product", s.search.product, "Only this product (key or id)");
    Flag(*s.search_cmd, "limit", s.search.limit, "Most results")->check(CLI::Range(1, 200));
}

ClientCommands::~ClientCommands() = default;

std::optional<int> ClientCommands::RunIfParsed() {
    State& s = *state_;
    const CLI::App* commands[] = {
        s.list_cmd, s.add_cmd, s.show_cmd, s.edit_cmd, s.move_cmd, s.search_cmd};
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
        return ListItems(session, s.list);
    }
    if (s.add_cmd->parsed()) {
        return AddItem(session, s.add);
    }
    if (s.show_cmd->parsed()) {
        return ShowItem(session, s.show_key, s.connection.json);
    }
    if (s.edit_cmd->parsed()) {
        return EditItem(session, s.edit);
    }
    if (s.move_cmd->parsed()) {
        return MoveItem(session, s.move);
    }
    return Search(session, s.search);
}

}  // namespace tl::cli
