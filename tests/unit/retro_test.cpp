// Reviews, retrospectives and release commitment, the pure rules: sentiments and columns, the
// checks on feedback, notes, cards and actions, which actions a retrospective carries from the
// team's earlier ones, when a release records scope changes, and the roles of
// docs/delivery.md's table for these objects.
#include "domain/retro.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/release.hpp"
#include "domain/review.hpp"
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

Sprint MakeSprint(std::string id,
                  std::string start,
                  std::string team = "tem_falcon",
                  std::string product = "prd_x2",
                  std::int64_t created_at = 1) {
    Sprint s;
    s.id = std::move(id);
    s.name = "Sprint " + s.id;
    s.team_id = std::move(team);
    s.product_id = std::move(product);
    s.start_date = std::move(start);
    s.end_date = s.start_date;
    s.created_at = created_at;
    return s;
}

RetroAction MakeAction(std::string id,
                       const Sprint& sprint,
                       std::int64_t created_at,
                       bool done = false) {
    RetroAction a;
    a.id = std::move(id);
    a.sprint_id = sprint.id;
    a.team_id = sprint.team_id;
    a.product_id = sprint.product_id;
    a.text = "Action " + a.id;
    a.created_at = created_at;
    a.done = done;
    return a;
}

std::vector<std::string> Ids(const std::vector<RetroAction>& actions,
                             const std::vector<std::size_t>& picked) {
    std::vector<std::string> out;
    for (auto k : picked) {
        out.push_back(actions[k].id);
    }
    return out;
}

TEST(Retro, ColumnsAndSentimentsRoundTrip) {
    for (auto c : kAllRetroColumns) {
        EXPECT_EQ(ParseRetroColumn(ToString(c)), c);
    }
    EXPECT_EQ(ToString(RetroColumn::kWentWell), "went_well");
    EXPECT_EQ(ToString(RetroColumn::kToImprove), "to_improve");
    EXPECT_EQ(ToString(RetroColumn::kAction), "action");
    EXPECT_FALSE(ParseRetroColumn("went well"));
    EXPECT_FALSE(ParseRetroColumn("WENT_WELL"));
    EXPECT_FALSE(ParseRetroColumn(""));
    for (auto s : kAllSentiments) {
        EXPECT_EQ(ParseSentiment(ToString(s)), s);
    }
    EXPECT_FALSE(ParseSentiment("angry"));
}

TEST(Retro, CardAndActionTextIsRequiredNotBlankAndBounded) {
    RetroCard c;
    c.text = "Pairing on the gimbal driver paid off";
    EXPECT_TRUE(ValidateRetroCard(c).empty());
    for (const std::string bad : {"", "   ", "\n\t "}) {
        c.text = bad;
        EXPECT_TRUE(Names(ValidateRetroCard(c), "text")) << "[" << bad << "]";
    }
    c.text = std::string(kMaxRetroTextLength, 'a');
    EXPECT_TRUE(ValidateRetroCard(c).empty());
    c.text += "a";
    EXPECT_TRUE(Names(ValidateRetroCard(c), "text"));
    c.text = "two\nlines";
    EXPECT_TRUE(ValidateRetroCard(c).empty());
    c.text = std::string("bell\x07");
    EXPECT_TRUE(Names(ValidateRetroCard(c), "text"));
    // Code points, not bytes: 2,000 two-byte characters fit.
    c.text.clear();
    for (std::size_t k = 0; k < kMaxRetroTextLength; ++k) {
        c.text += "é";
    }
    EXPECT_TRUE(ValidateRetroCard(c).empty());

    RetroAction a;
    a.text = "Book the wind tunnel a week ahead";
    EXPECT_TRUE(ValidateRetroAction(a).empty());
    a.text = " ";
    EXPECT_TRUE(Names(ValidateRetroAction(a), "text"));
    a.text = std::string(kMaxRetroTextLength + 1, 'x');
    EXPECT_TRUE(Names(ValidateRetroAction(a), "text"));
}

TEST(Review, FeedbackChecksTextFromAndItemCount) {
    ReviewFeedback f;
    f.text = "The night preview is what our inspectors asked for";
    f.from = "Acme Logistics";
    EXPECT_TRUE(ValidateFeedback(f).empty());
    f.from = "";
    EXPECT_TRUE(ValidateFeedback(f).empty()) << "from may be empty";
    f.text = "  ";
    EXPECT_TRUE(Names(ValidateFeedback(f), "text"));
    f.text = std::string(kMaxFeedbackTextLength, 'x');
    EXPECT_TRUE(ValidateFeedback(f).empty());
    f.text += "x";
    EXPECT_TRUE(Names(ValidateFeedback(f), "text"));
    f.text = "fine";
    f.from = std::string(kMaxFeedbackFromLength + 1, 'n');
    EXPECT_TRUE(Names(ValidateFeedback(f), "from"));
    f.from = "two\nlines";
    EXPECT_TRUE(Names(ValidateFeedback(f), "from")) << "from is one line";
    f.from = "ok";
    f.item_ids.assign(kMaxFeedbackItems, "itm");
    EXPECT_TRUE(ValidateFeedback(f).empty());
    f.item_ids.push_back("itm");
    EXPECT_TRUE(Names(ValidateFeedback(f), "item_ids"));
}

TEST(Review, NotesMayBeEmptyAndAreBounded) {
    EXPECT_TRUE(ValidateReviewNotes("").empty());
    EXPECT_TRUE(ValidateReviewNotes("## Demo\n\n- night mode\n").empty());
    EXPECT_TRUE(ValidateReviewNotes(std::string(kMaxReviewNotesLength, 'n')).empty());
    EXPECT_TRUE(Names(ValidateReviewNotes(std::string(kMaxReviewNotesLength + 1, 'n')), "notes"));
}

TEST(Retro, SprintsAreOrderedByStartThenCreationThenId) {
    const Sprint a = MakeSprint("spr_a", "2026-11-02", "t", "p", 5);
    const Sprint b = MakeSprint("spr_b", "2026-11-16", "t", "p", 1);
    EXPECT_TRUE(SprintBefore(a, b));
    EXPECT_FALSE(SprintBefore(b, a));
    const Sprint c = MakeSprint("spr_c", "2026-11-02", "t", "p", 6);
    EXPECT_TRUE(SprintBefore(a, c)) << "same start: the earlier created first";
    const Sprint d = MakeSprint("spr_d", "2026-11-02", "t", "p", 5);
    EXPECT_TRUE(SprintBefore(a, d)) << "same start and creation: by id";
    EXPECT_FALSE(SprintBefore(a, a));
}

TEST(Retro, OpenActionsOfEarlierSprintsAreCarriedInSprintThenCreationOrder) {
    const Sprint s1 = MakeSprint("spr_1", "2026-10-05");
    const Sprint s2 = MakeSprint("spr_2", "2026-10-19");
    const Sprint s3 = MakeSprint("spr_3", "2026-11-02");
    const Sprint s4 = MakeSprint("spr_4", "2026-11-16");
    const std::vector<Sprint> sprints = {s4, s2, s1, s3};  // any order
    const std::vector<RetroAction> actions = {
        MakeAction("rac_2b", s2, 200),
        MakeAction("rac_1a", s1, 120),
        MakeAction("rac_2a", s2, 100),
        MakeAction("rac_1done", s1, 110, /*done=*/true),
        MakeAction("rac_3a", s3, 300),  // the current sprint's own: not carried
        MakeAction("rac_4a", s4, 400),  // a later sprint's: not carried
        MakeAction("rac_1b", s1, 130),
    };
    EXPECT_EQ(Ids(actions, CarriedActions(s3, sprints, actions)),
              (std::vector<std::string>{"rac_1a", "rac_1b", "rac_2a", "rac_2b"}));
    // The first sprint carries nothing; the last carries everything open before it.
    EXPECT_TRUE(CarriedActions(s1, sprints, actions).empty());
    EXPECT_EQ(Ids(actions, CarriedActions(s4, sprints, actions)),
              (std::vector<std::string>{"rac_1a", "rac_1b", "rac_2a", "rac_2b", "rac_3a"}));
}

TEST(Retro, DoneActionsOtherTeamsAndOtherProductsAreNotCarried) {
    const Sprint s1 = MakeSprint("spr_1", "2026-10-05");
    const Sprint other_team = MakeSprint("spr_k", "2026-10-05", "tem_kestrel");
    const Sprint other_product = MakeSprint("spr_ai", "2026-10-05", "tem_falcon", "prd_ai");
    const Sprint s2 = MakeSprint("spr_2", "2026-10-19");
    const std::vector<Sprint> sprints = {s1, other_team, other_product, s2};
    std::vector<RetroAction> actions = {
        MakeAction("rac_open", s1, 1),
        MakeAction("rac_done", s1, 2, /*done=*/true),
        MakeAction("rac_kestrel", other_team, 3),
        MakeAction("rac_ai", other_product, 4),
    };
    // An action whose sprint is unknown (not among the team's sprints) is left out.
    RetroAction orphan = MakeAction("rac_orphan", s1, 5);
    orphan.sprint_id = "spr_gone";
    actions.push_back(orphan);
    EXPECT_EQ(Ids(actions, CarriedActions(s2, sprints, actions)),
              (std::vector<std::string>{"rac_open"}));
    // Done, it is gone; made not done again, it is back.
    actions[0].done = true;
    EXPECT_TRUE(CarriedActions(s2, sprints, actions).empty());
    actions[0].done = false;
    EXPECT_EQ(CarriedActions(s2, sprints, actions).size(), 1u);
}

TEST(Retro, SprintsStartingTheSameDayAreOrderedByCreation) {
    // Two sprints of one team may share a start date (one planned, then replaced): the one
    // created first is the earlier.
    const Sprint first = MakeSprint("spr_z", "2026-11-02", "tem_falcon", "prd_x2", 10);
    const Sprint second = MakeSprint("spr_a", "2026-11-02", "tem_falcon", "prd_x2", 20);
    const std::vector<Sprint> sprints = {first, second};
    const std::vector<RetroAction> actions = {MakeAction("rac_first", first, 1),
                                              MakeAction("rac_second", second, 2)};
    EXPECT_EQ(Ids(actions, CarriedActions(second, sprints, actions)),
              (std::vector<std::string>{"rac_first"}));
    EXPECT_TRUE(CarriedActions(first, sprints, actions).empty());
}

TEST(ReleaseCommitment, ScopeChangesAreRecordedFromTheCommitUntilTheRelease) {
    Release r;
    EXPECT_FALSE(RecordsScopeChanges(r)) << "not committed";
    r.committed_at = 1'767'225'600'000;
    EXPECT_TRUE(RecordsScopeChanges(r));
    r.status = ReleaseStatus::kInProgress;
    EXPECT_TRUE(RecordsScopeChanges(r));
    r.status = ReleaseStatus::kReleased;
    EXPECT_FALSE(RecordsScopeChanges(r)) << "a released plan is final";
}

// docs/delivery.md's "Who may do what", the rows of this part, transcribed from the document.
TEST(DeliveryRoles, ReviewRetroAndReleaseRowsMatchTheDocument) {
    struct Row {
        Action action;
        const char* cells;  // PM, PO, SM, team, stakeholder, executive
    };
    const Row rows[] = {
        {Action::kProductRead, "WWWWWW"},    // read reviews, retros, releases
        {Action::kBacklogWrite, "-W----"},   // releases: create, edit, plan, commit, release
        {Action::kSprintWrite, "-WW---"},    // review notes
        {Action::kFeedbackWrite, "WWWWWW"},  // feedback captured in the review
        {Action::kRetroWrite, "-WWW--"},     // retrospective cards, votes and actions
    };
    for (const auto& row : rows) {
        for (std::size_t k = 0; k < kAllRoles.size(); ++k) {
            EXPECT_EQ(RoleAllows(kAllRoles[k], row.action), row.cells[k] == 'W')
                << ToString(kAllRoles[k]) << " × " << ToString(row.action);
        }
        EXPECT_FALSE(AdminAllows(row.action) && row.action != Action::kProductRead)
            << "the workspace admin writes no product content";
    }
}

}  // namespace
}  // namespace tl::domain
