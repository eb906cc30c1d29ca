// The Store's prioritisation against a real database: scorecards with their criteria in order,
// guarded by their version; item scores put (insert, then replace) and deleted, read per item
// and per product and model; score history newest first; the items the ranked comparison reads
// (types, status, done ones left out) in rank order; what deleting an item or a scorecard takes
// along; every read scoped to its workspace. Compiled into both storage suites.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class PrioritisationStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("prio-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            domain::Product p;
            p.id = "p1";
            p.workspace_id = "ws1";
            p.key = "DRN";
            p.name = "Drone";
            p.created_at = p.updated_at = 10;
            TL_TRY(tx.InsertProduct(p));
            p.id = "p2";
            p.workspace_id = "ws2";
            TL_TRY(tx.InsertProduct(p));
            for (int n = 1; n <= 5; ++n) {
                TL_TRY(tx.InsertItem(Item(n)));
            }
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    // Item n ranks in reverse of its number (item 5 first); item 4 is a task, item 5 is done,
    // item 2 is in progress.
    static domain::Item Item(int n) {
        domain::Item i;
        i.id = "i" + std::to_string(n);
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.number = n;
        i.title = "Item " + std::to_string(n);
        i.status = "new";
        i.type = n == 1 ? domain::ItemType::kEpic : domain::ItemType::kStory;
        i.rank = std::string(1, static_cast<char>('z' - n));
        if (n != 3) {
            i.points = n;
        }
        if (n == 2) {
            i.status = "in_progress";
            i.category = domain::StatusCategory::kInProgress;
        }
        if (n == 4) {
            i.type = domain::ItemType::kTask;
        }
        if (n == 5) {
            i.status = "done";
            i.category = domain::StatusCategory::kDone;
            i.done_at = 500;
        }
        i.created_at = i.updated_at = 10;
        return i;
    }
    static domain::Scorecard Card(std::string id) {
        domain::Scorecard c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = "p1";
        c.name = "Card " + c.id;
        c.criteria = {{"c1", "Revenue", 3}, {"c2", "Fit", 2}};
        c.created_by = "u1";
        c.created_at = c.updated_at = 20;
        return c;
    }
    static domain::ItemScore Score(std::string item, std::string model, double score) {
        domain::ItemScore s;
        s.workspace_id = "ws1";
        s.product_id = "p1";
        s.item_id = std::move(item);
        s.model = std::move(model);
        s.inputs = R"({"value":6,"effort":2})";
        s.score = score;
        s.updated_by = "u1";
        s.updated_at = 30;
        return s;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(PrioritisationStore, ScorecardsKeepTheirCriteriaInOrderAndTheirVersion) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertScorecard(Card("sc1")));
        auto second = Card("sc2");
        second.created_at = 25;
        return tx.InsertScorecard(second);
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, tx.GetScorecard("ws1", "sc1"));
        EXPECT_EQ(card.name, "Card sc1");
        EXPECT_EQ(card.created_by, "u1");
        EXPECT_EQ(
            card.criteria,
            (std::vector<domain::ScorecardCriterion>{{"c1", "Revenue", 3}, {"c2", "Fit", 2}}));
        card.name = "Renamed";
        card.criteria = {{"c3", "Risk", 1.5}, {"c1", "Revenue", 4}};
        card.version = 2;
        card.updated_at = 40;
        TL_TRY(tx.UpdateScorecard(card, 1));
        // Stale now.
        auto stale = tx.UpdateScorecard(card, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto card, tx.GetScorecard("ws1", "sc1"));
        EXPECT_EQ(card.name, "Renamed");
        EXPECT_EQ(card.version, 2);
        EXPECT_EQ(
            card.criteria,
            (std::vector<domain::ScorecardCriterion>{{"c3", "Risk", 1.5}, {"c1", "Revenue", 4}}));
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListScorecards("ws1", "p1"));
        EXPECT_EQ(cards.size(), 2u);
        EXPECT_EQ(cards[0].id, "sc1");
        EXPECT_EQ(cards[1].criteria.size(), 2u);
        EXPECT_FALSE(tx.GetScorecard("ws2", "sc1"));
        TL_ASSIGN_OR_RETURN(auto none, tx.ListScorecards("ws2", "p1"));
        EXPECT_TRUE(none.empty());
        return {};
    }));
}

TEST_P(PrioritisationStore, ScoresAreReplacedPerModelAndReadByItemAndByModel) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertScorecard(Card("sc1")));
        TL_TRY(tx.PutItemScore(Score("i1", "rice", 800)));
        TL_TRY(tx.PutItemScore(Score("i1", "wsjf", 4)));
        TL_TRY(tx.PutItemScore(Score("i2", "rice", 125)));
        auto unscored = Score("i3", "scorecard:sc1", 0);
        unscored.score.reset();
        TL_TRY(tx.PutItemScore(unscored));
        auto again = Score("i1", "rice", 900);
        again.version = 2;
        again.inputs = R"({"reach":1})";
        return tx.PutItemScore(again);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto of_item, tx.ListItemScores("ws1", "i1"));
        EXPECT_EQ(of_item.size(), 2u);
        EXPECT_EQ(of_item[0].model, "rice");
        EXPECT_EQ(of_item[0].score, 900);
        EXPECT_EQ(of_item[0].version, 2);
        EXPECT_EQ(of_item[0].inputs, R"({"reach":1})");
        EXPECT_EQ(of_item[0].updated_by, "u1");
        TL_ASSIGN_OR_RETURN(auto rice, tx.ListModelScores("ws1", "p1", "rice"));
        EXPECT_EQ(rice.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto card, tx.ListModelScores("ws1", "p1", "scorecard:sc1"));
        EXPECT_EQ(card.size(), 1u);
        EXPECT_FALSE(card[0].score);
        TL_ASSIGN_OR_RETURN(auto other, tx.ListModelScores("ws2", "p1", "rice"));
        EXPECT_TRUE(other.empty());
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto gone, tx.DeleteItemScore("ws1", "i1", "wsjf"));
        EXPECT_TRUE(gone);
        TL_ASSIGN_OR_RETURN(auto twice, tx.DeleteItemScore("ws1", "i1", "wsjf"));
        EXPECT_FALSE(twice);
        // A scorecard takes its scores along; deleting an item takes its scores along.
        TL_TRY(tx.DeleteScorecard("ws1", "sc1"));
        return tx.DeleteItem("ws1", "i2");
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto rice, tx.ListModelScores("ws1", "p1", "rice"));
        EXPECT_EQ(rice.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto card, tx.ListModelScores("ws1", "p1", "scorecard:sc1"));
        EXPECT_TRUE(card.empty());
        EXPECT_FALSE(tx.GetScorecard("ws1", "sc1"));
        return {};
    }));
}

TEST_P(PrioritisationStore, HistoryIsReadNewestFirst) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        for (int n = 1; n <= 3; ++n) {
            domain::ScoreChange c;
            c.id = "h" + std::to_string(n);
            c.workspace_id = "ws1";
            c.product_id = "p1";
            c.item_id = "i1";
            c.model = "rice";
            c.change = n == 3 ? "deleted" : "set";
            if (n != 3) {
                c.inputs = "{}";
                c.score = n * 10.0;
            }
            c.by = "u1";
            c.at = 100 + n;
            TL_TRY(tx.InsertScoreChange(c));
        }
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto all, tx.ListScoreChanges("ws1", "i1", "rice", 10));
        EXPECT_EQ(all.size(), 3u);
        EXPECT_EQ(all[0].id, "h3");
        EXPECT_EQ(all[0].change, "deleted");
        EXPECT_FALSE(all[0].score);
        EXPECT_EQ(all[0].inputs, "");
        EXPECT_EQ(all[1].score, 20);
        EXPECT_EQ(all[2].at, 101);
        TL_ASSIGN_OR_RETURN(auto two, tx.ListScoreChanges("ws1", "i1", "rice", 2));
        EXPECT_EQ(two.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto other, tx.ListScoreChanges("ws1", "i1", "wsjf", 10));
        EXPECT_TRUE(other.empty());
        return {};
    }));
}

TEST_P(PrioritisationStore, ItemsComeInRankOrderAsFiltered) {
    auto ids = [](const std::vector<PrioritisationItem>& items) {
        std::vector<std::string> out;
        for (const auto& i : items) {
            out.push_back(i.id);
        }
        return out;
    };
    const std::vector<domain::ItemType> kTypes = {domain::ItemType::kEpic,
                                                  domain::ItemType::kFeature,
                                                  domain::ItemType::kStory,
                                                  domain::ItemType::kBug};
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto open,
                            tx.ListPrioritisationItems("ws1", {"p1", kTypes, "", false}));
        EXPECT_EQ(ids(open), (std::vector<std::string>{"i3", "i2", "i1"}));
        EXPECT_EQ(open[1].status, "in_progress");
        EXPECT_EQ(open[1].points, 2);
        EXPECT_FALSE(open[0].points);
        EXPECT_EQ(open[2].type, domain::ItemType::kEpic);
        EXPECT_EQ(open[2].number, 1);
        TL_ASSIGN_OR_RETURN(auto all, tx.ListPrioritisationItems("ws1", {"p1", kTypes, "", true}));
        EXPECT_EQ(ids(all), (std::vector<std::string>{"i5", "i3", "i2", "i1"}));
        EXPECT_EQ(all[0].category, domain::StatusCategory::kDone);
        TL_ASSIGN_OR_RETURN(
            auto epics,
            tx.ListPrioritisationItems("ws1", {"p1", {domain::ItemType::kEpic}, "", false}));
        EXPECT_EQ(ids(epics), (std::vector<std::string>{"i1"}));
        TL_ASSIGN_OR_RETURN(
            auto doing, tx.ListPrioritisationItems("ws1", {"p1", kTypes, "in_progress", false}));
        EXPECT_EQ(ids(doing), (std::vector<std::string>{"i2"}));
        TL_ASSIGN_OR_RETURN(auto other,
                            tx.ListPrioritisationItems("ws2", {"p1", kTypes, "", true}));
        EXPECT_TRUE(other.empty());
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         PrioritisationStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
