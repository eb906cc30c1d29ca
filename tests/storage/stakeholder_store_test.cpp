// The Store's stakeholders and decision log against a real database: stakeholders with
// versions, the communication log newest first and the last contacts of a product in one
// query, what deleting a stakeholder takes along, the items accepted in a period, and
// decisions written and read whole (options and links in order) with the linked filter.
// Compiled into both storage suites; the backend is the suite's.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class StakeholderStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("stakeholder-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            TL_TRY(tx.InsertProduct(Product("p1", "ws1", "DRN")));
            TL_TRY(tx.InsertProduct(Product("p2", "ws1", "OTH")));
            TL_TRY(tx.InsertProduct(Product("p3", "ws2", "DRN")));
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
    static domain::Stakeholder Stakeholder(std::string id, std::string product, std::string name) {
        domain::Stakeholder s;
        s.id = std::move(id);
        s.workspace_id = "ws1";
        s.product_id = std::move(product);
        s.name = std::move(name);
        s.kind = domain::StakeholderKind::kExternal;
        s.organisation = "Motors Ltd";
        s.title = "Account manager";
        s.email = "sam@motors.example";
        s.influence = 4;
        s.interest = 2;
        s.channel = domain::Channel::kPhone;
        s.notes = "Supplies the motor part";
        s.created_at = s.updated_at = 10;
        return s;
    }
    static domain::Communication Communication(std::string id,
                                               std::string stakeholder,
                                               std::string product,
                                               std::string date,
                                               std::int64_t at) {
        domain::Communication c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = std::move(product);
        c.stakeholder_id = std::move(stakeholder);
        c.date = std::move(date);
        c.channel = domain::Channel::kMeeting;
        c.summary = "Talked " + c.id;
        c.created_by = "u1";
        c.created_at = at;
        return c;
    }
    static domain::Item Item(std::string id, std::int64_t n, std::int64_t accepted_at) {
        domain::Item i;
        i.id = std::move(id);
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.number = n;
        i.title = "Item " + std::to_string(n);
        i.status = accepted_at > 0 ? "done" : "new";
        i.rank = "r" + std::to_string(n);
        i.accepted_at = accepted_at;
        i.created_at = i.updated_at = 10;
        return i;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(StakeholderStore, StakeholdersWithVersionsAndTheirLog) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertStakeholder(Stakeholder("s2", "p1", "Zoe")));
        auto sam = Stakeholder("s1", "p1", "Sam");
        sam.user_id = "u9";
        TL_TRY(tx.InsertStakeholder(sam));
        TL_TRY(tx.InsertStakeholder(Stakeholder("s3", "p2", "Other")));
        TL_TRY(tx.InsertCommunication(Communication("c1", "s1", "p1", "2026-09-01", 100)));
        TL_TRY(tx.InsertCommunication(Communication("c2", "s1", "p1", "2026-10-05", 200)));
        TL_TRY(tx.InsertCommunication(Communication("c3", "s1", "p1", "2026-10-05", 300)));
        TL_TRY(tx.InsertCommunication(Communication("c4", "s3", "p2", "2026-11-01", 400)));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto list, tx.ListStakeholders("ws1", "p1"));
        EXPECT_EQ(list.size(), 2u);
        if (list.size() == 2) {
            EXPECT_EQ(list[0].name, "Sam");  // by name
            EXPECT_EQ(list[1].name, "Zoe");
        }
        TL_ASSIGN_OR_RETURN(auto sam, tx.GetStakeholder("ws1", "s1"));
        EXPECT_EQ(sam.kind, domain::StakeholderKind::kExternal);
        EXPECT_EQ(sam.organisation, "Motors Ltd");
        EXPECT_EQ(sam.email, "sam@motors.example");
        EXPECT_EQ(sam.influence, 4);
        EXPECT_EQ(sam.interest, 2);
        EXPECT_EQ(sam.channel, domain::Channel::kPhone);
        EXPECT_EQ(sam.user_id, "u9");
        EXPECT_EQ(sam.version, 1);
        EXPECT_FALSE(tx.GetStakeholder("ws2", "s1"));  // another workspace: absent
        TL_ASSIGN_OR_RETURN(auto log, tx.ListCommunications("ws1", "s1"));
        EXPECT_EQ(log.size(), 3u);
        if (log.size() == 3) {
            EXPECT_EQ(log[0].id, "c3");  // newest date, then latest recorded
            EXPECT_EQ(log[1].id, "c2");
            EXPECT_EQ(log[2].id, "c1");
            EXPECT_EQ(log[0].channel, domain::Channel::kMeeting);
        }
        TL_ASSIGN_OR_RETURN(auto last, tx.LastContactsOf("ws1", "p1"));
        EXPECT_EQ(last.size(), 1u);
        EXPECT_EQ(last["s1"], "2026-10-05");
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCommunication("ws1", "c2"));
        EXPECT_EQ(c.stakeholder_id, "s1");
        EXPECT_EQ(c.summary, "Talked c2");
        return {};
    }));

    // Versions guard updates.
    auto stale = store_->Write([&](Tx& tx) -> Result<void> {
        auto s = Stakeholder("s1", "p1", "Sam B.");
        s.version = 3;
        return tx.UpdateStakeholder(s, 2);
    });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        auto s = Stakeholder("s1", "p1", "Sam B.");
        s.influence = 2;
        s.channel = domain::Channel::kEmail;
        s.version = 2;
        s.updated_at = 20;
        return tx.UpdateStakeholder(s, 1);
    }));
    auto missing = store_->Write([&](Tx& tx) -> Result<void> {
        auto s = Stakeholder("s404", "p1", "Nobody");
        s.version = 2;
        return tx.UpdateStakeholder(s, 1);
    });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

    // Deleting a communication, then a stakeholder with its log.
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.DeleteCommunication("ws1", "c3"));
        TL_ASSIGN_OR_RETURN(auto log, tx.ListCommunications("ws1", "s1"));
        EXPECT_EQ(log.size(), 2u);
        TL_TRY(tx.DeleteStakeholder("ws1", "s1"));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        auto gone = tx.GetStakeholder("ws1", "s1");
        EXPECT_FALSE(gone);
        TL_ASSIGN_OR_RETURN(auto log, tx.ListCommunications("ws1", "s1"));
        EXPECT_TRUE(log.empty());
        EXPECT_FALSE(tx.GetCommunication("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(auto last, tx.LastContactsOf("ws1", "p1"));
        EXPECT_TRUE(last.empty());
        TL_ASSIGN_OR_RETURN(auto other, tx.ListCommunications("ws1", "s3"));
        EXPECT_EQ(other.size(), 1u);
        return {};
    }));
}

TEST_P(StakeholderStore, ItemsAcceptedInAPeriod) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertItem(Item("i1", 1, 1'000)));
        TL_TRY(tx.InsertItem(Item("i2", 2, 500)));
        TL_TRY(tx.InsertItem(Item("i3", 3, 2'000)));  // at the end: excluded
        TL_TRY(tx.InsertItem(Item("i4", 4, 0)));      // not accepted
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto items, tx.ListItemsAcceptedBetween("ws1", "p1", 500, 2'000));
        EXPECT_EQ(items.size(), 2u);
        if (items.size() == 2) {
            EXPECT_EQ(items[0].id, "i2");  // by acceptance
            EXPECT_EQ(items[1].id, "i1");
        }
        TL_ASSIGN_OR_RETURN(auto none, tx.ListItemsAcceptedBetween("ws1", "p2", 0, 10'000));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto all, tx.ListItemsAcceptedBetween("ws1", "p1", 0, 10'000));
        EXPECT_EQ(all.size(), 3u);
        return {};
    }));
}

TEST_P(StakeholderStore, DecisionsAreWrittenAndReadWhole) {
    domain::Decision d;
    d.id = "d1";
    d.workspace_id = "ws1";
    d.product_id = "p1";
    d.title = "Longer flight time first";
    d.context = "Context";
    d.options = {{"Flight time", "Fewer swaps", "Heavier"}, {"Camera", "Sharper", "Costly"}};
    d.owner_id = "u1";
    d.created_by = "u1";
    d.links = {{domain::LinkTarget::kItem, "i1"},
               {domain::LinkTarget::kGoal, "gol_1"},
               {domain::LinkTarget::kRelease, "rel_1"}};
    d.created_at = d.updated_at = 100;
    domain::Decision later = d;
    later.id = "d2";
    later.title = "Supplier";
    later.options = {};
    later.links = {{domain::LinkTarget::kIdea, "ida_9"}};
    later.created_at = later.updated_at = 200;
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertDecision(d));
        TL_TRY(tx.InsertDecision(later));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto got, tx.GetDecision("ws1", "d1"));
        EXPECT_EQ(got.title, "Longer flight time first");
        EXPECT_EQ(got.status, domain::DecisionStatus::kProposed);
        EXPECT_EQ(got.date, "");
        EXPECT_EQ(got.options.size(), 2u);
        if (got.options.size() == 2) {
            EXPECT_EQ(got.options[0].title, "Flight time");
            EXPECT_EQ(got.options[1].cons, "Costly");
        }
        EXPECT_EQ(got.links.size(), 3u);
        if (got.links.size() == 3) {
            EXPECT_EQ(got.links[1].type, domain::LinkTarget::kGoal);
            EXPECT_EQ(got.links[1].id, "gol_1");
        }
        EXPECT_FALSE(tx.GetDecision("ws2", "d1"));
        TL_ASSIGN_OR_RETURN(auto all, tx.ListDecisions("ws1", "p1", std::nullopt));
        EXPECT_EQ(all.size(), 2u);
        if (all.size() == 2) {
            EXPECT_EQ(all[0].id, "d2");  // newest first
            EXPECT_EQ(all[1].links.size(), 3u);
        }
        TL_ASSIGN_OR_RETURN(
            auto linked,
            tx.ListDecisions("ws1", "p1", domain::DecisionLink{domain::LinkTarget::kItem, "i1"}));
        EXPECT_EQ(linked.size(), 1u);
        TL_ASSIGN_OR_RETURN(
            auto idea,
            tx.ListDecisions(
                "ws1", "p1", domain::DecisionLink{domain::LinkTarget::kIdea, "ida_9"}));
        EXPECT_EQ(idea.size(), 1u);
        TL_ASSIGN_OR_RETURN(
            auto none,
            tx.ListDecisions("ws1", "p1", domain::DecisionLink{domain::LinkTarget::kGoal, "i1"}));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto other, tx.ListDecisions("ws1", "p2", std::nullopt));
        EXPECT_TRUE(other.empty());
        return {};
    }));

    // An update replaces the options and links; versions guard it.
    d.status = domain::DecisionStatus::kDecided;
    d.decision = "Flight time";
    d.date = "2026-10-14";
    d.options = {{"Only one", "", ""}};
    d.links = {{domain::LinkTarget::kRelease, "rel_2"}};
    d.version = 2;
    auto stale = store_->Write([&](Tx& tx) -> Result<void> { return tx.UpdateDecision(d, 5); });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> { return tx.UpdateDecision(d, 1); }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto got, tx.GetDecision("ws1", "d1"));
        EXPECT_EQ(got.status, domain::DecisionStatus::kDecided);
        EXPECT_EQ(got.date, "2026-10-14");
        EXPECT_EQ(got.version, 2);
        EXPECT_EQ(got.options.size(), 1u);
        EXPECT_EQ(got.links.size(), 1u);
        TL_ASSIGN_OR_RETURN(
            auto linked,
            tx.ListDecisions("ws1", "p1", domain::DecisionLink{domain::LinkTarget::kItem, "i1"}));
        EXPECT_TRUE(linked.empty());
        return {};
    }));
    ASSERT_TRUE(
        store_->Write([&](Tx& tx) -> Result<void> { return tx.DeleteDecision("ws1", "d1"); }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        EXPECT_FALSE(tx.GetDecision("ws1", "d1"));
        TL_ASSIGN_OR_RETURN(auto all, tx.ListDecisions("ws1", "p1", std::nullopt));
        EXPECT_EQ(all.size(), 1u);
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         StakeholderStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
