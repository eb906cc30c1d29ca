#include "cli/feedback_commands.hpp"

#include <cctype>
#include <iostream>
#include <string>

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

struct AddFlags {
    client::ConnectionFlags connection;
    std::string product;
    std::string text;
    std::string source;
    std::string customer;
    std::string sentiment;
    std::string date;
};

struct InboxFlags {
    client::ConnectionFlags connection;
    std::string product;
    int limit = 50;
};

std::string Lower(std::string s) {
    for (auto& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

int Add(const AddFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    json::object body{{"text", f.text}, {"source", f.source}};
    if (!f.sentiment.empty()) {
        body["sentiment"] = f.sentiment;
    }
    if (!f.date.empty()) {
        body["date"] = f.date;
    }
    if (!f.customer.empty()) {
        // A customer by id, or by its name (any case).
        auto customers = s.Call("GET", "/api/v1/products/" + Encode(*product_id) + "/customers");
        if (!customers) {
            return s.exit_code;
        }
        std::string id;
        for (const auto& c : Array(customers->json, "data")) {
            if (Str(c, "id") == f.customer || Lower(Str(c, "name")) == Lower(f.customer)) {
                id = Str(c, "id");
            }
        }
        if (id.empty()) {
            std::cerr << "throughline: " << f.product << " has no customer \"" << f.customer
                      << "\"\n";
            return kExitRefused;
        }
        body["customer_id"] = id;
    }
    auto reply = s.Call("POST", "/api/v1/products/" + Encode(*product_id) + "/feedback", body);
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    std::cout << "Added feedback " << Str(reply->json, "id") << " (" << Str(reply->json, "source")
              << ", " << Str(reply->json, "date") << ") to the " << f.product << " inbox\n";
    return kExitOk;
}

int Inbox(const InboxFlags& f) {
    client::Session s(f.connection);
    if (!s.Open()) {
        return s.exit_code;
    }
    auto product_id = s.ProductId(f.product);
    if (!product_id) {
        return s.exit_code;
    }
    auto reply = s.Call("GET",
                        "/api/v1/products/" + Encode(*product_id) +
                            "/feedback?status=new&limit=" + std::to_string(f.limit));
    if (!reply) {
        return s.exit_code;
    }
    if (s.JsonOut()) {
        client::PrintJson(*reply);
        return kExitOk;
    }
    const auto& data = Array(reply->json, "data");
    if (data.empty()) {
        std::cout << "No new feedback for " << f.product << "\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& fb : data) {
        rows.push_back({Str(fb, "id"),
                        Str(fb, "date"),
                        Str(fb, "source"),
                        Str(fb, "sentiment"),
                        Str(Field(fb, "customer"), "name"),
                        Str(fb, "text")});
    }
    client::PrintTable({"ID", "DATE", "SOURCE", "SENTIMENT", "CUSTOMER", "TEXT"}, rows);
    return kExitOk;
}

}  // namespace

struct FeedbackCommands::State {
    AddFlags add;
    InboxFlags inbox;
    CLI::App* add_cmd = nullptr;
    CLI::App* inbox_cmd = nullptr;
};

FeedbackCommands::FeedbackCommands(CLI::App& cli) : state_(std::make_unique<State>()) {
    State& s = *state_;
    auto* feedback = cli.add_subcommand("feedback", "Customer feedback on a server (over HTTP)");
    feedback->require_subcommand(1);

    s.add_cmd = feedback->add_subcommand("add", "Record customer feedback (it lands in the inbox)");
    client::AddConnectionFlags(*s.add_cmd, s.add.connection);
    s.add_cmd->add_option("text", s.add.text, "What the customer said")->required();
    Flag(*s.add_cmd, "product", s.add.product, "Product key (X2) or id")->required();
    Flag(*s.add_cmd,
         "source",
         s.add.source,
         "interview, survey, support_ticket, sales_call, trade_fair, review or other")
        ->required();
    Flag(*s.add_cmd, "customer", s.add.customer, "The customer's name or id");
    Flag(*s.add_cmd, "sentiment", s.add.sentiment, "positive, neutral (default) or negative");
    Flag(*s.add_cmd, "date", s.add.date, "When it was heard, YYYY-MM-DD (default today)");

    s.inbox_cmd = feedback->add_subcommand("inbox", "List the new feedback, newest first");
    client::AddConnectionFlags(*s.inbox_cmd, s.inbox.connection);
    Flag(*s.inbox_cmd, "product", s.inbox.product, "Product key (X2) or id")->required();
    Flag(*s.inbox_cmd, "limit", s.inbox.limit, "At most this many (1..200)")
        ->check(CLI::Range(1, 200));
}

FeedbackCommands::~FeedbackCommands() = default;

std::optional<int> FeedbackCommands::RunIfParsed() {
    if (state_->add_cmd->parsed()) {
        return Add(state_->add);
    }
    if (state_->inbox_cmd->parsed()) {
        return Inbox(state_->inbox);
    }
    return std::nullopt;
}

}  // namespace tl::cli
