// Customer voice, the pure rules (docs/strategy.md, "Customer voice"): the spellings of
// sources, statuses and importances, the checks on customers, contacts, feedback and ideas,
// an idea's tally, and demand on epics and features worked by hand: distinct customers,
// revenue at stake, feedback counted once at its highest importance, votes, and the ranking.
#include "domain/customer_voice.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/role.hpp"

namespace tl::domain {
namespace {

bool Names(const Issues& issues, std::string_view field) {
    for (const auto& i : issues) {
        if (i.field == field) {
            return true;
        }
    }
    return false;
}

TEST(CustomerVoice, SpellingsRoundTrip) {
    for (auto s : kAllFeedbackSources) {
        EXPECT_EQ(ParseFeedbackSource(ToString(s)), s);
    }
    EXPECT_EQ(ToString(FeedbackSource::kTradeFair), "trade_fair");
    EXPECT_EQ(ToString(FeedbackSource::kSupportTicket), "support_ticket");
    EXPECT_FALSE(ParseFeedbackSource("fair"));
    for (auto s : kAllFeedbackStatuses) {
        EXPECT_EQ(ParseFeedbackStatus(ToString(s)), s);
    }
    for (auto s : kAllIdeaStatuses) {
        EXPECT_EQ(ParseIdeaStatus(ToString(s)), s);
    }
    EXPECT_EQ(ToString(IdeaStatus::kUnderReview), "under_review");
    for (auto i : kAllImportances) {
        EXPECT_EQ(ParseImportance(ToString(i)), i);
    }
    EXPECT_EQ(ToString(Importance::kNiceToHave), "nice_to_have");
    EXPECT_EQ(ParseFeedbackKind("quantitative"), FeedbackKind::kQuantitative);
    EXPECT_EQ(ParseFeedbackTarget("idea"), FeedbackTarget::kIdea);
    EXPECT_FALSE(ParseFeedbackTarget("goal"));
}

TEST(CustomerVoice, CustomerChecksNameRevenueAndLengths) {
    Customer c;
    c.name = "Nordic Grid Inspection";
    c.revenue_per_year = 120'000;
    EXPECT_TRUE(ValidateCustomer(c).empty());
    c.revenue_per_year = 0;
    EXPECT_TRUE(ValidateCustomer(c).empty());
    c.revenue_per_year = -1;
    EXPECT_TRUE(Names(ValidateCustomer(c), "revenue_per_year"));
    c.revenue_per_year.reset();
    c.name = "";
    EXPECT_TRUE(Names(ValidateCustomer(c), "name"));
    c.name = "X";
    c.segment = std::string(101, 's');
    c.region = "line\nbreak";
    const auto issues = ValidateCustomer(c);
    EXPECT_TRUE(Names(issues, "segment"));
    EXPECT_TRUE(Names(issues, "region"));
}

TEST(CustomerVoice, ContactNeedsANameAndAnAddressWhenGiven) {
    CustomerContact k;
    k.name = "Ines Berg";
    EXPECT_TRUE(ValidateContact(k).empty());
    k.email = "ines@nordicgrid.example";
    EXPECT_TRUE(ValidateContact(k).empty());
    k.email = "not an address";
    EXPECT_TRUE(Names(ValidateContact(k), "email"));
    k.name = "";
    EXPECT_TRUE(Names(ValidateContact(k), "name"));
}

TEST(CustomerVoice, FeedbackChecksTextDateAndScore) {
    CustomerFeedback f;
    f.text = "Battery swap takes too long in the cold";
    f.date = "2026-10-14";
    EXPECT_TRUE(ValidateCustomerFeedback(f).empty());
    f.text = "   ";
    EXPECT_TRUE(Names(ValidateCustomerFeedback(f), "text"));
    f.text = "ok";
    f.date = "2026-02-30";
    EXPECT_TRUE(Names(ValidateCustomerFeedback(f), "date"));
    f.date = "2026-02-28";
    // A score only for quantitative feedback, from 0 to 100.
    f.score = 8;
    EXPECT_TRUE(Names(ValidateCustomerFeedback(f), "score"));
    f.kind = FeedbackKind::kQuantitative;
    EXPECT_TRUE(ValidateCustomerFeedback(f).empty());
    f.score = 101;
    EXPECT_TRUE(Names(ValidateCustomerFeedback(f), "score"));
    f.score.reset();
    EXPECT_TRUE(ValidateCustomerFeedback(f).empty());
}

TEST(CustomerVoice, DeclinedIdeasNeedAReasonAndOnlyThey) {
    Idea idea;
    idea.title = "Thermal camera for night inspections";
    EXPECT_TRUE(ValidateIdea(idea).empty());
    idea.status = IdeaStatus::kDeclined;
    EXPECT_TRUE(Names(ValidateIdea(idea), "decline_reason"));
    idea.decline_reason = "Out of the X2's payload";
    EXPECT_TRUE(ValidateIdea(idea).empty());
    idea.status = IdeaStatus::kPlanned;
    EXPECT_TRUE(Names(ValidateIdea(idea), "decline_reason"));
    idea.decline_reason.clear();
    idea.title = "";
    EXPECT_TRUE(Names(ValidateIdea(idea), "title"));
}

TEST(CustomerVoice, OnlyEpicsFeaturesAndStoriesTakeLinks) {
    EXPECT_TRUE(LinkableItemType(ItemType::kEpic));
    EXPECT_TRUE(LinkableItemType(ItemType::kFeature));
    EXPECT_TRUE(LinkableItemType(ItemType::kStory));
    EXPECT_FALSE(LinkableItemType(ItemType::kBug));
    EXPECT_FALSE(LinkableItemType(ItemType::kTask));
}

// The role table of docs/strategy.md for this section.
TEST(CustomerVoice, RolesFollowTheStrategyTable) {
    const std::vector<Role> pm = {Role::kProductManager};
    const std::vector<Role> po = {Role::kProductOwner};
    const std::vector<Role> team = {Role::kTeamMember};
    const std::vector<Role> stakeholder = {Role::kStakeholder};
    EXPECT_TRUE(Allows(pm, false, Action::kMarketWrite));
    EXPECT_FALSE(Allows(po, false, Action::kMarketWrite));
    EXPECT_TRUE(Allows(stakeholder, false, Action::kFeedbackWrite));
    EXPECT_TRUE(Allows(team, false, Action::kFeedbackWrite));
    EXPECT_TRUE(Allows(po, false, Action::kBacklogPropose));
    EXPECT_FALSE(Allows(team, false, Action::kBacklogPropose));
    EXPECT_TRUE(Allows(team, false, Action::kMarketRead));
    EXPECT_FALSE(Allows(stakeholder, false, Action::kMarketRead));
}

// A hand-built product: epic E1 with feature F1 (stories S1, S2) and feature F2; epic E2.
// Customers A (100k), B (50k), C (no revenue given), D (30k).
class DemandTest : public ::testing::Test {
protected:
    static Item MakeItem(std::string id, ItemType type, std::string parent, std::int64_t number) {
        Item i;
        i.id = std::move(id);
        i.type = type;
        i.parent_id = std::move(parent);
        i.number = number;
        return i;
    }
    static CustomerFeedback Feedback(std::string id, std::string customer) {
        CustomerFeedback f;
        f.id = std::move(id);
        f.customer_id = std::move(customer);
        return f;
    }
    static FeedbackLink Link(std::string feedback,
                             FeedbackTarget type,
                             std::string target,
                             Importance importance) {
        FeedbackLink l;
        l.feedback_id = std::move(feedback);
        l.target_type = type;
        l.target_id = std::move(target);
        l.importance = importance;
        return l;
    }
    static IdeaVote Vote(std::string idea, std::string user, std::string customer = "") {
        IdeaVote v;
        v.idea_id = std::move(idea);
        v.user_id = std::move(user);
        v.customer_id = std::move(customer);
        return v;
    }

    void SetUp() override {
        for (auto item : {MakeItem("e1", ItemType::kEpic, "", 1),
                          MakeItem("f1", ItemType::kFeature, "e1", 2),
                          MakeItem("s1", ItemType::kStory, "f1", 3),
                          MakeItem("s2", ItemType::kStory, "f1", 4),
                          MakeItem("f2", ItemType::kFeature, "e1", 5),
                          MakeItem("e2", ItemType::kEpic, "", 6)}) {
            items_.emplace(item.id, item);
        }
        in_.counts_toward = DemandTargets(items_);
        in_.revenue = {{"A", 100'000.0}, {"B", 50'000.0}, {"C", std::nullopt}, {"D", 30'000.0}};
        // fb1 (A) on S1 nice-to-have and on F1 critical: once for F1 and E1, as critical.
        // fb2 (B) on S2 important. fb3 (A again) on F2 important. fb4 (C) on idea I1
        // (item F1) important. fb5 (no customer) on E2 nice-to-have.
        in_.feedback = {Feedback("fb1", "A"),
                        Feedback("fb2", "B"),
                        Feedback("fb3", "A"),
                        Feedback("fb4", "C"),
                        Feedback("fb5", "")};
        in_.links = {Link("fb1", FeedbackTarget::kItem, "s1", Importance::kNiceToHave),
                     Link("fb1", FeedbackTarget::kItem, "f1", Importance::kCritical),
                     Link("fb2", FeedbackTarget::kItem, "s2", Importance::kImportant),
                     Link("fb3", FeedbackTarget::kItem, "f2", Importance::kImportant),
                     Link("fb4", FeedbackTarget::kIdea, "i1", Importance::kImportant),
                     Link("fb5", FeedbackTarget::kItem, "e2", Importance::kNiceToHave)};
        Idea i1;
        i1.id = "i1";
        i1.item_id = "f1";
        i1.customer_id = "B";
        Idea i2;
        i2.id = "i2";  // not linked to an item: counts nowhere
        in_.ideas = {i1, i2};
        // I1: two users' votes and customer D's; I2: one customer vote by A.
        in_.votes = {
            Vote("i1", "u1"), Vote("i1", "u2"), Vote("i1", "u1", "D"), Vote("i2", "u1", "A")};
    }

    std::map<std::string, Item> items_;
    DemandInputs in_;
};

TEST_F(DemandTest, TargetsAreTheItemAndItsEpicsAndFeaturesUpTheChain) {
    EXPECT_EQ(in_.counts_toward.at("s1"), (std::vector<std::string>{"f1", "e1"}));
    EXPECT_EQ(in_.counts_toward.at("f2"), (std::vector<std::string>{"f2", "e1"}));
    EXPECT_EQ(in_.counts_toward.at("e2"), (std::vector<std::string>{"e2"}));
}

TEST_F(DemandTest, FeatureDemandCountsDistinctCustomersRevenueAndImportances) {
    const auto demand = AggregateDemand(in_);
    const Demand& f1 = demand.at("f1");
    // fb1 (A), fb2 (B), fb4 (C, through I1), and D's vote on I1: A, B, C, D.
    EXPECT_EQ(f1.customers, (std::set<std::string>{"A", "B", "C", "D"}));
    EXPECT_DOUBLE_EQ(f1.revenue_at_stake, 180'000);  // 100k + 50k + 0 + 30k
    EXPECT_EQ(f1.feedback_count, 3);
    EXPECT_EQ(f1.votes, 3);  // u1, u2 and D on I1
    EXPECT_EQ(f1.by_importance[static_cast<int>(Importance::kNiceToHave)], 0);
    EXPECT_EQ(f1.by_importance[static_cast<int>(Importance::kImportant)], 2);  // fb2, fb4
    EXPECT_EQ(f1.by_importance[static_cast<int>(Importance::kCritical)], 1);   // fb1
}

TEST_F(DemandTest, EpicDemandAddsItsFeaturesWithoutCountingTwice) {
    const auto demand = AggregateDemand(in_);
    const Demand& e1 = demand.at("e1");
    EXPECT_EQ(e1.customers, (std::set<std::string>{"A", "B", "C", "D"}));  // A once
    EXPECT_DOUBLE_EQ(e1.revenue_at_stake, 180'000);
    EXPECT_EQ(e1.feedback_count, 4);  // fb1, fb2, fb3, fb4
    EXPECT_EQ(e1.votes, 3);
    EXPECT_EQ(demand.at("f2").customers.size(), 1u);
    EXPECT_DOUBLE_EQ(demand.at("f2").revenue_at_stake, 100'000);
    // Feedback without a customer counts as feedback, not as a customer.
    EXPECT_EQ(demand.at("e2").feedback_count, 1);
    EXPECT_TRUE(demand.at("e2").customers.empty());
    EXPECT_EQ(demand.count("s1"), 0u);  // stories are not demand targets
}

TEST_F(DemandTest, RankingPutsMoreCustomersFirstThenRevenue) {
    const auto demand = AggregateDemand(in_);
    std::map<std::string, std::int64_t> numbers;
    for (const auto& [id, item] : items_) {
        numbers[id] = item.number;
    }
    // e1 and f1 both have 4 customers and 180k: e1 has more feedback. Then f2 (1 customer),
    // then e2 (none).
    EXPECT_EQ(RankByDemand(demand, numbers, true),
              (std::vector<std::string>{"e1", "f1", "f2", "e2"}));
    EXPECT_EQ(RankByDemand(demand, numbers, false),
              (std::vector<std::string>{"e1", "f1", "f2", "e2"}));
}

TEST_F(DemandTest, RevenueBreaksTiesOnlyWhenShown) {
    std::map<std::string, Demand> demand;
    demand["x"].customers = {"A"};
    demand["x"].revenue_at_stake = 10;
    demand["y"].customers = {"B"};
    demand["y"].revenue_at_stake = 20;
    const std::map<std::string, std::int64_t> numbers = {{"x", 1}, {"y", 2}};
    EXPECT_EQ(RankByDemand(demand, numbers, true), (std::vector<std::string>{"y", "x"}));
    EXPECT_EQ(RankByDemand(demand, numbers, false), (std::vector<std::string>{"x", "y"}));
}

TEST_F(DemandTest, IdeaTallySeparatesUserAndCustomerVotes) {
    const auto t = TallyIdea(in_.ideas[0], in_, "u2");
    EXPECT_EQ(t.votes, 2);
    EXPECT_EQ(t.customer_votes, 1);
    EXPECT_TRUE(t.voted);
    EXPECT_EQ(t.feedback_count, 1);
    // Its own customer B, voter D and fb4's C: 50k + 30k + 0.
    EXPECT_EQ(t.customers, (std::set<std::string>{"B", "C", "D"}));
    EXPECT_DOUBLE_EQ(t.revenue_at_stake, 80'000);
    const auto other = TallyIdea(in_.ideas[1], in_, "u2");
    EXPECT_EQ(other.votes, 0);
    EXPECT_EQ(other.customer_votes, 1);
    EXPECT_FALSE(other.voted);
    EXPECT_DOUBLE_EQ(other.revenue_at_stake, 100'000);
}

TEST(CustomerVoice, ParentLoopsStop) {
    std::map<std::string, Item> items;
    Item a;
    a.id = "a";
    a.type = ItemType::kFeature;
    a.parent_id = "b";
    Item b;
    b.id = "b";
    b.type = ItemType::kEpic;
    b.parent_id = "a";
    items.emplace("a", a);
    items.emplace("b", b);
    EXPECT_EQ(DemandTargets(items).at("a"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace tl::domain
