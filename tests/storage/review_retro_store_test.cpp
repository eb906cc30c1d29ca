// The Store's release commitment, sprint reviews and retrospectives against a real database:
// a release's committed_at / committed_by and its baseline in order, its scope changes apart
// from a sprint's; review notes saved from version 0 and guarded by their version; feedback
// newest first with its items; cards with their versions and votes toggled; actions of a
// sprint and a team's open ones; what deleting a card or a sprint takes along; every read
// scoped to its workspace. Compiled into both storage suites; the backend is the suite's.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class ReviewRetroStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("retro-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            for (const auto& [id, ws, key] :
                 std::vector<std::tuple<std::string, std::string, std::string>>{
                     {"p1", "ws1", "DRN"}, {"p2", "ws1", "OTH"}, {"p3", "ws2", "DRN"}}) {
                domain::Product p;
                p.id = id;
                p.workspace_id = ws;
                p.key = key;
                p.name = "Product " + key;
                p.created_at = p.updated_at = 10;
                TL_TRY(tx.InsertProduct(p));
            }
            TL_TRY(tx.InsertSprint(Sprint("s1", "t1", "2026-10-05")));
            TL_TRY(tx.InsertSprint(Sprint("s2", "t1", "2026-10-19")));
            TL_TRY(tx.InsertSprint(Sprint("s3", "t2", "2026-10-05")));
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    static domain::Sprint Sprint(std::string id, std::string team, std::string start) {
        domain::Sprint s;
        s.id = std::move(id);
        s.workspace_id = "ws1";
        s.product_id = "p1";
        s.team_id = std::move(team);
        s.name = "Sprint " + s.id;
        s.start_date = std::move(start);
        s.end_date = "2026-12-31";
        s.working_days = {1, 2, 3, 4, 5};
        s.created_at = s.updated_at = 10;
        return s;
    }
    static domain::RetroCard Card(std::string id,
                                  std::string sprint,
                                  domain::RetroColumn column,
                                  std::int64_t at) {
        domain::RetroCard c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = "p1";
        c.sprint_id = std::move(sprint);
        c.column = column;
        c.text = "Card " + c.id;
        c.author_id = "u1";
        c.created_at = c.updated_at = at;
        return c;
    }
    static domain::RetroAction Action(std::string id,
                                      std::string sprint,
                                      std::string team,
                                      std::int64_t at) {
        domain::RetroAction a;
        a.id = std::move(id);
        a.workspace_id = "ws1";
        a.product_id = "p1";
        a.sprint_id = std::move(sprint);
        a.team_id = std::move(team);
        a.text = "Action " + a.id;
        a.created_by = "u1";
        a.created_at = a.updated_at = at;
        return a;
    }
    static std::vector<std::string> CardIds(const std::vector<domain::RetroCard>& cards) {
        std::vector<std::string> out;
        for (const auto& c : cards) {
            out.push_back(c.id);
        }
        return out;
    }
    static std::vector<std::string> ActionIds(const std::vector<domain::RetroAction>& actions) {
        std::vector<std::string> out;
        for (const auto& a : actions) {
            out.push_back(a.id);
        }
        return out;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(ReviewRetroStore, AReleaseKeepsItsCommitmentAndBaselineInOrder) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        domain::Release r;
        r.id = "r1";
        r.workspace_id = "ws1";
        r.product_id = "p1";
        r.version = "2.1";
        r.created_at = r.updated_at = 10;
        TL_TRY(tx.InsertRelease(r));
        TL_ASSIGN_OR_RETURN(auto fresh, tx.GetRelease("ws1", "r1"));
        EXPECT_EQ(fresh.committed_at, 0);
        EXPECT_EQ(fresh.committed_by, "");
        TL_ASSIGN_OR_RETURN(auto none, tx.ListReleaseBaseline("ws1", "r1"));
        EXPECT_TRUE(none.empty());

        r.committed_at = 1'000;
        r.committed_by = "u1";
        r.revision = 2;
        TL_TRY(tx.UpdateRelease(r, 1));
        TL_TRY(tx.InsertReleaseBaseline(
            "ws1", "r1", {{"i9", 8.0}, {"i2", std::nullopt}, {"i5", 0.5}}));
        TL_ASSIGN_OR_RETURN(auto got, tx.GetRelease("ws1", "r1"));
        EXPECT_EQ(got.committed_at, 1'000);
        EXPECT_EQ(got.committed_by, "u1");
        TL_ASSIGN_OR_RETURN(auto listed, tx.ListReleases("ws1", "p1"));
        EXPECT_EQ(listed.size(), 1u);
        if (!listed.empty()) {
            EXPECT_EQ(listed[0].committed_at, 1'000);
        }
        TL_ASSIGN_OR_RETURN(auto baseline, tx.ListReleaseBaseline("ws1", "r1"));
        EXPECT_EQ(baseline.size(), 3u);
        if (baseline.size() == 3) {
            EXPECT_EQ(baseline[0].item_id, "i9");
            EXPECT_EQ(baseline[0].points, 8.0);
            EXPECT_EQ(baseline[1].item_id, "i2");
            EXPECT_FALSE(baseline[1].points.has_value());
            EXPECT_EQ(baseline[2].points, 0.5);
        }
        TL_ASSIGN_OR_RETURN(auto elsewhere, tx.ListReleaseBaseline("ws2", "r1"));
        EXPECT_TRUE(elsewhere.empty());

        // A release's scope changes are apart from a sprint's with the same id.
        for (const auto& [id, type] : std::vector<std::pair<std::string, std::string>>{
                 {"c1", "release"}, {"c2", "sprint"}}) {
            domain::ScopeChange c;
            c.id = id;
            c.workspace_id = "ws1";
            c.product_id = "p1";
            c.scope_type = type;
            c.scope_id = "r1";
            c.kind = domain::ScopeKind::kReEstimated;
            c.item_id = "i9";
            c.points_before = 8;
            c.points_after = 13;
            c.by = "u1";
            c.at = type == "release" ? 2'000 : 3'000;
            c.reason = "planning poker";
            TL_TRY(tx.InsertScopeChange(c));
        }
        TL_ASSIGN_OR_RETURN(auto latest, tx.LatestScopeChangeAt("ws1", "release", "r1"));
        EXPECT_EQ(latest, 2'000);
        TL_ASSIGN_OR_RETURN(auto none_yet, tx.LatestScopeChangeAt("ws1", "release", "r9"));
        EXPECT_EQ(none_yet, 0);
        TL_ASSIGN_OR_RETURN(auto elsewhere_at, tx.LatestScopeChangeAt("ws2", "release", "r1"));
        EXPECT_EQ(elsewhere_at, 0);
        TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges("ws1", "release", "r1"));
        EXPECT_EQ(changes.size(), 1u);
        if (!changes.empty()) {
            EXPECT_EQ(changes[0].id, "c1");
            EXPECT_EQ(changes[0].points_after, 13.0);
            EXPECT_EQ(changes[0].reason, "planning poker");
        }
        return {};
    }));
}

TEST_P(ReviewRetroStore, ReviewNotesAreSavedFromVersionZeroAndGuardedByTheirVersion) {
    domain::SprintReview v;
    v.workspace_id = "ws1";
    v.product_id = "p1";
    v.sprint_id = "s1";
    v.notes = "## Demo";
    v.updated_by = "u1";
    v.version = 1;
    v.updated_at = 100;
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto none, tx.GetSprintReview("ws1", "s1"));
        EXPECT_FALSE(none.has_value());
        return tx.SaveSprintReview(v, 0);
    }));
    // A second first save lost a race: stale.
    auto again = store_->Write([&](Tx& tx) -> Result<void> { return tx.SaveSprintReview(v, 0); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kPreconditionFailed);
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        domain::SprintReview next = v;
        next.notes = "## Demo\n\n- night mode";
        next.version = 2;
        next.updated_at = 200;
        TL_TRY(tx.SaveSprintReview(next, 1));
        auto stale = tx.SaveSprintReview(next, 1);
        EXPECT_FALSE(stale);
        if (!stale) {
            EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        }
        TL_ASSIGN_OR_RETURN(auto got, tx.GetSprintReview("ws1", "s1"));
        EXPECT_TRUE(got.has_value());
        if (got) {
            EXPECT_EQ(got->notes, "## Demo\n\n- night mode");
            EXPECT_EQ(got->version, 2);
            EXPECT_EQ(got->updated_by, "u1");
            EXPECT_EQ(got->updated_at, 200);
            EXPECT_EQ(got->product_id, "p1");
        }
        TL_ASSIGN_OR_RETURN(auto other, tx.GetSprintReview("ws2", "s1"));
        EXPECT_FALSE(other.has_value());
        TL_ASSIGN_OR_RETURN(auto unsaved, tx.GetSprintReview("ws1", "s2"));
        EXPECT_FALSE(unsaved.has_value());
        return {};
    }));
}

TEST_P(ReviewRetroStore, FeedbackIsListedNewestFirstWithItsItems) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        for (int n = 1; n <= 3; ++n) {
            domain::ReviewFeedback f;
            f.id = "f" + std::to_string(n);
            f.workspace_id = "ws1";
            f.product_id = "p1";
            f.sprint_id = n == 3 ? "s2" : "s1";
            f.text = "Said " + std::to_string(n);
            f.from = n == 1 ? "Acme" : "";
            f.sentiment = n == 1 ? domain::Sentiment::kPositive : domain::Sentiment::kNegative;
            if (n == 1) {
                f.item_ids = {"i2", "i1"};
            }
            f.author_id = "u" + std::to_string(n);
            f.created_at = 100 * n;
            TL_TRY(tx.InsertReviewFeedback(f));
        }
        TL_ASSIGN_OR_RETURN(auto list, tx.ListReviewFeedback("ws1", "s1"));
        EXPECT_EQ(list.size(), 2u);
        if (list.size() == 2) {
            EXPECT_EQ(list[0].id, "f2");
            EXPECT_EQ(list[1].id, "f1");
            EXPECT_EQ(list[1].item_ids, (std::vector<std::string>{"i2", "i1"}));
            EXPECT_EQ(list[1].from, "Acme");
            EXPECT_EQ(list[1].sentiment, domain::Sentiment::kPositive);
            EXPECT_TRUE(list[0].item_ids.empty());
        }
        TL_ASSIGN_OR_RETURN(auto f1, tx.GetReviewFeedback("ws1", "f1"));
        EXPECT_EQ(f1.author_id, "u1");
        EXPECT_EQ(f1.sprint_id, "s1");
        auto elsewhere = tx.GetReviewFeedback("ws2", "f1");
        EXPECT_FALSE(elsewhere);
        if (!elsewhere) {
            EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
        }
        TL_TRY(tx.DeleteReviewFeedback("ws2", "f1"));  // another workspace: nothing
        TL_ASSIGN_OR_RETURN(auto still, tx.GetReviewFeedback("ws1", "f1"));
        EXPECT_EQ(still.id, "f1");
        TL_TRY(tx.DeleteReviewFeedback("ws1", "f1"));
        auto gone = tx.GetReviewFeedback("ws1", "f1");
        EXPECT_FALSE(gone);
        TL_ASSIGN_OR_RETURN(auto after, tx.ListReviewFeedback("ws1", "s1"));
        EXPECT_EQ(after.size(), 1u);
        return {};
    }));
}

TEST_P(ReviewRetroStore, CardsKeepTheirVersionsAndVotesToggle) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertRetroCard(Card("c2", "s1", domain::RetroColumn::kToImprove, 200)));
        TL_TRY(tx.InsertRetroCard(Card("c1", "s1", domain::RetroColumn::kWentWell, 100)));
        TL_TRY(tx.InsertRetroCard(Card("c3", "s2", domain::RetroColumn::kAction, 50)));
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListRetroCards("ws1", "s1"));
        EXPECT_EQ(CardIds(cards), (std::vector<std::string>{"c1", "c2"}));
        TL_ASSIGN_OR_RETURN(auto c2, tx.GetRetroCard("ws1", "c2"));
        EXPECT_EQ(c2.column, domain::RetroColumn::kToImprove);
        EXPECT_EQ(c2.text, "Card c2");
        EXPECT_EQ(c2.author_id, "u1");
        EXPECT_EQ(c2.version, 1);

        c2.text = "Flaky hardware-in-the-loop rig";
        c2.column = domain::RetroColumn::kAction;
        c2.version = 2;
        c2.updated_at = 300;
        TL_TRY(tx.UpdateRetroCard(c2, 1));
        auto stale = tx.UpdateRetroCard(c2, 1);
        EXPECT_FALSE(stale);
        if (!stale) {
            EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        }
        auto missing = tx.UpdateRetroCard(Card("nope", "s1", domain::RetroColumn::kAction, 1), 1);
        EXPECT_FALSE(missing);
        if (!missing) {
            EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
        }
        TL_ASSIGN_OR_RETURN(auto changed, tx.GetRetroCard("ws1", "c2"));
        EXPECT_EQ(changed.text, "Flaky hardware-in-the-loop rig");
        EXPECT_EQ(changed.column, domain::RetroColumn::kAction);
        EXPECT_EQ(changed.updated_at, 300);
        auto elsewhere = tx.GetRetroCard("ws2", "c2");
        EXPECT_FALSE(elsewhere);

        // Votes: on, on by another, off again.
        TL_ASSIGN_OR_RETURN(bool on, tx.ToggleRetroVote("ws1", changed, "u1", 400));
        EXPECT_TRUE(on);
        TL_ASSIGN_OR_RETURN(bool other, tx.ToggleRetroVote("ws1", changed, "u2", 401));
        EXPECT_TRUE(other);
        TL_ASSIGN_OR_RETURN(auto c1, tx.GetRetroCard("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(bool on_c1, tx.ToggleRetroVote("ws1", c1, "u1", 402));
        EXPECT_TRUE(on_c1);
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListRetroVotes("ws1", "s1"));
        EXPECT_EQ(votes.size(), 3u);
        TL_ASSIGN_OR_RETURN(bool off, tx.ToggleRetroVote("ws1", changed, "u1", 403));
        EXPECT_FALSE(off);
        TL_ASSIGN_OR_RETURN(votes, tx.ListRetroVotes("ws1", "s1"));
        int on_c2 = 0;
        for (const auto& v : votes) {
            on_c2 += v.card_id == "c2" ? 1 : 0;
            if (v.card_id == "c2") {
                EXPECT_EQ(v.user_id, "u2");
            }
        }
        EXPECT_EQ(on_c2, 1);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListRetroVotes("ws1", "s2"));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto foreign, tx.ListRetroVotes("ws2", "s1"));
        EXPECT_TRUE(foreign.empty());
        return {};
    }));
}

TEST_P(ReviewRetroStore, ActionsOfASprintAndATeamsOpenOnes) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertRetroCard(Card("c1", "s1", domain::RetroColumn::kAction, 100)));
        domain::RetroAction a1 = Action("a1", "s1", "t1", 100);
        a1.owner_id = "u2";
        a1.card_id = "c1";
        TL_TRY(tx.InsertRetroAction(a1));
        TL_TRY(tx.InsertRetroAction(Action("a2", "s1", "t1", 50)));
        TL_TRY(tx.InsertRetroAction(Action("a3", "s2", "t1", 10)));
        TL_TRY(tx.InsertRetroAction(Action("a4", "s3", "t2", 20)));  // another team

        TL_ASSIGN_OR_RETURN(auto s1, tx.ListRetroActions("ws1", "s1"));
        EXPECT_EQ(ActionIds(s1), (std::vector<std::string>{"a2", "a1"}));
        TL_ASSIGN_OR_RETURN(auto got, tx.GetRetroAction("ws1", "a1"));
        EXPECT_EQ(got.owner_id, "u2");
        EXPECT_EQ(got.card_id, "c1");
        EXPECT_EQ(got.team_id, "t1");
        EXPECT_FALSE(got.done);
        TL_ASSIGN_OR_RETURN(auto plain, tx.GetRetroAction("ws1", "a2"));
        EXPECT_EQ(plain.owner_id, "");
        EXPECT_EQ(plain.card_id, "");

        TL_ASSIGN_OR_RETURN(auto open, tx.ListOpenRetroActions("ws1", "p1", "t1"));
        EXPECT_EQ(ActionIds(open), (std::vector<std::string>{"a3", "a2", "a1"}));
        TL_ASSIGN_OR_RETURN(auto other_product, tx.ListOpenRetroActions("ws1", "p2", "t1"));
        EXPECT_TRUE(other_product.empty());

        // Done: no longer open; the done fields round-trip.
        got.done = true;
        got.done_at = 500;
        got.done_by = "u3";
        got.owner_id = "";
        got.version = 2;
        got.updated_at = 500;
        TL_TRY(tx.UpdateRetroAction(got, 1));
        auto stale = tx.UpdateRetroAction(got, 1);
        EXPECT_FALSE(stale);
        if (!stale) {
            EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        }
        TL_ASSIGN_OR_RETURN(auto done, tx.GetRetroAction("ws1", "a1"));
        EXPECT_TRUE(done.done);
        EXPECT_EQ(done.done_at, 500);
        EXPECT_EQ(done.done_by, "u3");
        EXPECT_EQ(done.owner_id, "");
        EXPECT_EQ(done.version, 2);
        TL_ASSIGN_OR_RETURN(open, tx.ListOpenRetroActions("ws1", "p1", "t1"));
        EXPECT_EQ(ActionIds(open), (std::vector<std::string>{"a3", "a2"}));
        auto elsewhere = tx.GetRetroAction("ws2", "a2");
        EXPECT_FALSE(elsewhere);

        // Deleting a card takes its votes and leaves the actions made from it without one.
        TL_ASSIGN_OR_RETURN(auto card, tx.GetRetroCard("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(bool voted, tx.ToggleRetroVote("ws1", card, "u1", 600));
        EXPECT_TRUE(voted);
        TL_TRY(tx.DeleteRetroCard("ws1", "c1"));
        auto gone = tx.GetRetroCard("ws1", "c1");
        EXPECT_FALSE(gone);
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListRetroVotes("ws1", "s1"));
        EXPECT_TRUE(votes.empty());
        TL_ASSIGN_OR_RETURN(auto orphaned, tx.GetRetroAction("ws1", "a1"));
        EXPECT_EQ(orphaned.card_id, "");
        return {};
    }));
}

TEST_P(ReviewRetroStore, DeletingASprintTakesItsReviewAndRetrospective) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        domain::SprintReview v;
        v.workspace_id = "ws1";
        v.product_id = "p1";
        v.sprint_id = "s2";
        v.notes = "notes";
        v.version = 1;
        TL_TRY(tx.SaveSprintReview(v, 0));
        domain::ReviewFeedback f;
        f.id = "f1";
        f.workspace_id = "ws1";
        f.product_id = "p1";
        f.sprint_id = "s2";
        f.text = "ok";
        f.author_id = "u1";
        TL_TRY(tx.InsertReviewFeedback(f));
        TL_TRY(tx.InsertRetroCard(Card("c1", "s2", domain::RetroColumn::kWentWell, 1)));
        TL_ASSIGN_OR_RETURN(auto card, tx.GetRetroCard("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(bool voted, tx.ToggleRetroVote("ws1", card, "u1", 2));
        EXPECT_TRUE(voted);
        TL_TRY(tx.InsertRetroAction(Action("a1", "s2", "t1", 3)));
        TL_TRY(tx.InsertRetroAction(Action("a0", "s1", "t1", 3)));  // another sprint: stays
        return tx.DeleteSprint("ws1", "s2");
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto review, tx.GetSprintReview("ws1", "s2"));
        EXPECT_FALSE(review.has_value());
        TL_ASSIGN_OR_RETURN(auto feedback, tx.ListReviewFeedback("ws1", "s2"));
        EXPECT_TRUE(feedback.empty());
        TL_ASSIGN_OR_RETURN(auto cards, tx.ListRetroCards("ws1", "s2"));
        EXPECT_TRUE(cards.empty());
        TL_ASSIGN_OR_RETURN(auto votes, tx.ListRetroVotes("ws1", "s2"));
        EXPECT_TRUE(votes.empty());
        TL_ASSIGN_OR_RETURN(auto actions, tx.ListRetroActions("ws1", "s2"));
        EXPECT_TRUE(actions.empty());
        TL_ASSIGN_OR_RETURN(auto open, tx.ListOpenRetroActions("ws1", "p1", "t1"));
        EXPECT_EQ(ActionIds(open), (std::vector<std::string>{"a0"}));
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ReviewRetroStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
