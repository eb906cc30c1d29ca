// The Store's customer voice against a real database: customers with contacts and revenue
// that may be absent, versioned updates, feedback pages newest first with their filters and
// cursor, links once per target, votes once per user and once per customer, and what deleting
// a customer, contact, feedback or idea takes with it. Compiled into both storage suites; the
// backend is the suite's.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class CustomerVoiceStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("voice-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            TL_TRY(tx.InsertProduct(Product("p1", "ws1", "DRN")));
            TL_TRY(tx.InsertProduct(Product("p2", "ws1", "OTH")));
            TL_TRY(tx.InsertProduct(Product("p3", "ws2", "DRN")));
            TL_TRY(tx.InsertCustomer(Customer("c1", "p1", "Nordic Grid", 120'000.0)));
            TL_TRY(tx.InsertCustomer(Customer("c2", "p1", "Alpine Inspect", std::nullopt)));
            TL_TRY(tx.InsertCustomer(Customer("c3", "p2", "Elsewhere", 1.0)));
            TL_TRY(tx.InsertContact(Contact("k1", "c1", "Ines")));
            TL_TRY(tx.InsertContact(Contact("k2", "c2", "Jon")));
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    static domain::Product Product(std::string id, std::string ws, std::string key) {
        domain::Product p;
        p.id = std::move(id);
        p.workspace_id = std::move(ws);
        p.key = std::move(key);
        p.name = "Product " + p.key;
        p.created_at = p.updated_at = 10;
        return p;
    }
    static domain::Customer Customer(std::string id,
                                     std::string product,
                                     std::string name,
                                     std::optional<double> revenue) {
        domain::Customer c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = std::move(product);
        c.name = std::move(name);
        c.segment = "inspection";
        c.revenue_per_year = revenue;
        c.region = "Nordics";
        c.created_at = c.updated_at = 10;
        return c;
    }
    static domain::CustomerContact Contact(std::string id, std::string customer, std::string name) {
        domain::CustomerContact k;
        k.id = std::move(id);
        k.workspace_id = "ws1";
        k.product_id = "p1";
        k.customer_id = std::move(customer);
        k.name = std::move(name);
        k.created_at = k.updated_at = 10;
        return k;
    }
    static domain::CustomerFeedback Feedback(
        std::string id,
        std::int64_t at,
        std::string customer = "",
        domain::FeedbackSource source = domain::FeedbackSource::kTradeFair) {
        domain::CustomerFeedback f;
        f.id = std::move(id);
        f.workspace_id = "ws1";
        f.product_id = "p1";
        f.text = "Feedback " + f.id;
        f.source = source;
        f.date = "2026-10-14";
        f.customer_id = std::move(customer);
        f.author_id = "u1";
        f.created_at = f.updated_at = at;
        return f;
    }
    static domain::Idea Idea(std::string id) {
        domain::Idea i;
        i.id = std::move(id);
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.title = "Idea " + i.id;
        i.proposer_id = "u1";
        i.created_at = i.updated_at = 10;
        return i;
    }
    static domain::IdeaVote Vote(std::string id,
                                 std::string idea,
                                 std::string user,
                                 std::string customer = "") {
        domain::IdeaVote v;
        v.id = std::move(id);
        v.workspace_id = "ws1";
        v.product_id = "p1";
        v.idea_id = std::move(idea);
        v.user_id = std::move(user);
        v.customer_id = std::move(customer);
        v.created_at = 10;
        return v;
    }
    template <typename Fn>
    void Write(Fn fn) {
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> { return fn(tx); }));
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(CustomerVoiceStore, CustomersReadBackWithAbsentRevenueAndStayInTheirProduct) {
    Write([](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto list, tx.ListCustomers("ws1", "p1"));
        EXPECT_EQ(list.size(), 2u);
        EXPECT_EQ(list[0].name, "Alpine Inspect");  // by name
        EXPECT_FALSE(list[0].revenue_per_year.has_value());
        EXPECT_EQ(list[1].revenue_per_year, 120'000.0);
        EXPECT_EQ(list[1].region, "Nordics");
        EXPECT_FALSE(tx.GetCustomer("ws2", "c1"));
        TL_ASSIGN_OR_RETURN(auto contacts, tx.ListContacts("ws1", "p1"));
        EXPECT_EQ(contacts.size(), 2u);
        return {};
    });
}

TEST_P(CustomerVoiceStore, UpdatesAreVersioned) {
    Write([](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCustomer("ws1", "c1"));
        c.revenue_per_year.reset();
        c.version = 2;
        TL_TRY(tx.UpdateCustomer(c, 1));
        auto stale = tx.UpdateCustomer(c, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        c.id = "c_missing";
        auto missing = tx.UpdateCustomer(c, 2);
        EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
        TL_ASSIGN_OR_RETURN(auto back, tx.GetCustomer("ws1", "c1"));
        EXPECT_EQ(back.version, 2);
        EXPECT_FALSE(back.revenue_per_year.has_value());
        TL_ASSIGN_OR_RETURN(auto k, tx.GetContact("ws1", "k1"));
        k.role = "Head of inspections";
        k.version = 2;
        TL_TRY(tx.UpdateContact(k, 1));
        TL_ASSIGN_OR_RETURN(auto k2, tx.GetContact("ws1", "k1"));
        EXPECT_EQ(k2.role, "Head of inspections");
        return {};
    });
}

TEST_P(CustomerVoiceStore, FeedbackPagesNewestFirstWithFilters) {
    Write([](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertCustomerFeedback(Feedback("f1", 100, "c1")));
        TL_TRY(tx.InsertCustomerFeedback(
            Feedback("f2", 200, "c2", domain::FeedbackSource::kSalesCall)));
        TL_TRY(tx.InsertCustomerFeedback(Feedback("f3", 300, "c1")));
        auto f4 = Feedback("f4", 400);
        f4.status = domain::FeedbackStatus::kArchived;
        f4.kind = domain::FeedbackKind::kQuantitative;
        f4.score = 7.5;
        TL_TRY(tx.InsertCustomerFeedback(f4));
        CustomerFeedbackFilter all;
        all.product_id = "p1";
        all.limit = 0;
        TL_ASSIGN_OR_RETURN(auto every, tx.ListCustomerFeedback("ws1", all));
        EXPECT_EQ(every.size(), 4u);
        EXPECT_EQ(every[0].id, "f4");
        EXPECT_EQ(every[0].score, 7.5);
        EXPECT_EQ(every[0].kind, domain::FeedbackKind::kQuantitative);
        CustomerFeedbackFilter inbox = all;
        inbox.status = domain::FeedbackStatus::kNew;
        inbox.limit = 2;
        TL_ASSIGN_OR_RETURN(auto first, tx.ListCustomerFeedback("ws1", inbox));
        EXPECT_EQ(first.size(), 2u);
        EXPECT_EQ(first[0].id, "f3");
        EXPECT_EQ(first[1].id, "f2");
        inbox.before_at = first[1].created_at;
        inbox.before_id = first[1].id;
        TL_ASSIGN_OR_RETURN(auto second, tx.ListCustomerFeedback("ws1", inbox));
        EXPECT_EQ(second.size(), 1u);
        EXPECT_EQ(second[0].id, "f1");
        CustomerFeedbackFilter by_customer = all;
        by_customer.customer_id = "c1";
        TL_ASSIGN_OR_RETURN(auto of_c1, tx.ListCustomerFeedback("ws1", by_customer));
        EXPECT_EQ(of_c1.size(), 2u);
        CustomerFeedbackFilter by_source = all;
        by_source.source = domain::FeedbackSource::kSalesCall;
        TL_ASSIGN_OR_RETURN(auto calls, tx.ListCustomerFeedback("ws1", by_source));
        EXPECT_EQ(calls.size(), 1u);
        EXPECT_FALSE(tx.GetCustomerFeedback("ws2", "f1"));
        return {};
    });
}

TEST_P(CustomerVoiceStore, LinksAndVotesCountOnce) {
    domain::FeedbackLink l;
    l.id = "l1";
    l.workspace_id = "ws1";
    l.product_id = "p1";
    l.feedback_id = "f1";
    l.target_type = domain::FeedbackTarget::kIdea;
    l.target_id = "i1";
    l.importance = domain::Importance::kCritical;
    l.created_at = 10;
    Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertCustomerFeedback(Feedback("f1", 100, "c1")));
        TL_TRY(tx.InsertIdea(Idea("i1")));
        TL_TRY(tx.InsertFeedbackLink(l));
        TL_TRY(tx.InsertIdeaVote(Vote("v1", "i1", "u1")));
        TL_TRY(tx.InsertIdeaVote(Vote("v2", "i1", "u2")));
        TL_TRY(tx.InsertIdeaVote(Vote("v3", "i1", "u1", "c1")));  // u1 records c1's vote
        return {};
    });
    // Each refused insert in a transaction of its own (PostgreSQL ends a transaction at the
    // first error).
    auto refused = [&](auto fn) {
        auto r = store_->Write([&](Tx& tx) -> Result<void> { return fn(tx); });
        return r ? ErrorCode::kInternal : r.error().code;
    };
    l.id = "l2";
    EXPECT_EQ(refused([&](Tx& tx) { return tx.InsertFeedbackLink(l); }), ErrorCode::kConflict);
    EXPECT_EQ(refused([&](Tx& tx) { return tx.InsertIdeaVote(Vote("v4", "i1", "u1")); }),
              ErrorCode::kConflict);
    EXPECT_EQ(refused([&](Tx& tx) { return tx.InsertIdeaVote(Vote("v5", "i1", "u2", "c1")); }),
              ErrorCode::kConflict);
    Write([](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto links, tx.ListFeedbackLinks("ws1", "p1"));
        EXPECT_EQ(links.size(), 1u);
        EXPECT_EQ(links[0].importance, domain::Importance::kCritical);
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListIdeaVotes("ws1", "p1"));
        EXPECT_EQ(votes.size(), 3u);
        TL_ASSIGN_OR_RETURN(auto vote, tx.GetIdeaVote("ws1", "v3"));
        EXPECT_EQ(vote.customer_id, "c1");
        return {};
    });
}

TEST_P(CustomerVoiceStore, DeletingTakesDependentsWithIt) {
    Write([](Tx& tx) -> Result<void> {
        auto f = Feedback("f1", 100, "c1");
        f.contact_id = "k1";
        TL_TRY(tx.InsertCustomerFeedback(f));
        auto idea = Idea("i1");
        idea.customer_id = "c1";
        TL_TRY(tx.InsertIdea(idea));
        TL_TRY(tx.InsertIdea(Idea("i2")));
        TL_TRY(tx.InsertIdeaVote(Vote("v1", "i1", "u1", "c1")));
        TL_TRY(tx.InsertIdeaVote(Vote("v2", "i1", "u1")));
        domain::FeedbackLink l;
        l.id = "l1";
        l.workspace_id = "ws1";
        l.product_id = "p1";
        l.feedback_id = "f1";
        l.target_type = domain::FeedbackTarget::kIdea;
        l.target_id = "i2";
        l.created_at = 10;
        TL_TRY(tx.InsertFeedbackLink(l));
        return {};
    });
    Write([](Tx& tx) -> Result<void> {
        TL_TRY(tx.DeleteContact("ws1", "k1"));
        TL_ASSIGN_OR_RETURN(auto f, tx.GetCustomerFeedback("ws1", "f1"));
        EXPECT_EQ(f.contact_id, "");
        EXPECT_EQ(f.customer_id, "c1");
        TL_TRY(tx.DeleteCustomer("ws1", "c1"));
        EXPECT_FALSE(tx.GetCustomer("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(auto after, tx.GetCustomerFeedback("ws1", "f1"));
        EXPECT_EQ(after.customer_id, "");
        TL_ASSIGN_OR_RETURN(auto idea, tx.GetIdea("ws1", "i1"));
        EXPECT_EQ(idea.customer_id, "");
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListIdeaVotes("ws1", "p1"));
        EXPECT_EQ(votes.size(), 1u);  // the customer's vote went, the user's stays
        TL_TRY(tx.DeleteIdea("ws1", "i2"));
        TL_ASSIGN_OR_RETURN(auto links, tx.ListFeedbackLinks("ws1", "p1"));
        EXPECT_TRUE(links.empty());
        TL_TRY(tx.DeleteIdea("ws1", "i1"));
        TL_ASSIGN_OR_RETURN(auto none, tx.ListIdeaVotes("ws1", "p1"));
        EXPECT_TRUE(none.empty());
        TL_TRY(tx.DeleteCustomerFeedback("ws1", "f1"));
        EXPECT_FALSE(tx.GetCustomerFeedback("ws1", "f1"));
        return {};
    });
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         CustomerVoiceStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
