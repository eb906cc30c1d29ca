#include "app/demo_retro.hpp"

#include <vector>

#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/retros/retros.hpp"
#include "app/user_names.hpp"
#include "domain/retro.hpp"
#include "domain/sprint.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;
using domain::RetroColumn;

struct CardSpec {
    RetroColumn column;
    std::string author;  // a demo handle
    std::string text;
    std::vector<std::string> voters;  // demo handles
};

struct ActionSpec {
    std::string text;
    std::string owner;         // a demo handle
    std::size_t card;          // index into the retrospective's cards
    std::int64_t done_at = 0;  // 0: still open
    std::string done_by;       // a demo handle, when done
};

struct RetroSpec {
    std::vector<CardSpec> cards;
    std::vector<ActionSpec> actions;
};

// A moment of a calendar day (UTC).
std::int64_t At(domain::Day day, int hour, int minute = 0) {
    return day * domain::kMsPerDay + (hour * 60LL + minute) * 60'000;
}

// The seed's events have no actor and carry the seed's time; the cards, votes and actions
// keep their demo people and the afternoon of the retrospective.
class RetroSeed {
public:
    RetroSeed(storage::Tx& tx,
              const std::string& workspace_id,
              const std::map<std::string, std::string>& users,
              std::int64_t now)
        : tx_(tx), ws_(workspace_id), users_(users), now_(now), names_(tx, workspace_id) {}

    // The retrospective of `sprint`, held from 13:00 on its last day.
    Result<void> Write(const domain::Sprint& sprint, const RetroSpec& spec) {
        const auto last = domain::ParseDate(sprint.end_date);
        if (!last) {
            return Fail(MakeError(ErrorCode::kInternal, "the demo sprint has no end date"));
        }
        std::vector<domain::RetroCard> cards;
        for (std::size_t k = 0; k < spec.cards.size(); ++k) {
            const CardSpec& c = spec.cards[k];
            domain::RetroCard card;
            card.created_at = At(*last, 13, static_cast<int>(k));
            card.id = NewId("rcd", card.created_at);
            card.workspace_id = ws_;
            card.product_id = sprint.product_id;
            card.sprint_id = sprint.id;
            card.column = c.column;
            card.text = c.text;
            card.author_id = users_.at(c.author);
            card.updated_at = card.created_at;
            TL_TRY(tx_.InsertRetroCard(card));
            TL_TRY(
                Event("retro_card", card.id, sprint.product_id, "created", {}, Snapshot(card, 0)));
            cards.push_back(std::move(card));
        }
        int minute = 20;
        for (std::size_t k = 0; k < spec.cards.size(); ++k) {
            std::int64_t votes = 0;
            for (const auto& voter : spec.cards[k].voters) {
                TL_TRY(
                    tx_.ToggleRetroVote(ws_, cards[k], users_.at(voter), At(*last, 13, minute++)));
                ++votes;
                TL_TRY(Event("retro_card",
                             cards[k].id,
                             sprint.product_id,
                             "voted",
                             {},
                             json::object{{"sprint_id", sprint.id}, {"votes", votes}}));
            }
        }
        for (std::size_t k = 0; k < spec.actions.size(); ++k) {
            const ActionSpec& a = spec.actions[k];
            domain::RetroAction action;
            action.created_at = At(*last, 13, 45 + static_cast<int>(k));
            action.id = NewId("rac", action.created_at);
            action.workspace_id = ws_;
            action.product_id = sprint.product_id;
            action.sprint_id = sprint.id;
            action.team_id = sprint.team_id;
            action.text = a.text;
            action.owner_id = users_.at(a.owner);
            action.card_id = cards.at(a.card).id;
            action.created_by = users_.at("carol");  // the Scrum Master notes them down
            action.updated_at = action.created_at;
            TL_TRY(tx_.InsertRetroAction(action));
            TL_TRY(Event("retro_action",
                         action.id,
                         sprint.product_id,
                         "created",
                         {},
                         Snapshot(action, sprint)));
            if (a.done_at == 0) {
                continue;
            }
            domain::RetroAction done = action;
            done.done = true;
            done.done_at = a.done_at;
            done.done_by = users_.at(a.done_by);
            done.version = action.version + 1;
            done.updated_at = a.done_at;
            TL_TRY(tx_.UpdateRetroAction(done, action.version));
            TL_TRY(Event("retro_action",
                         done.id,
                         sprint.product_id,
                         "updated",
                         Snapshot(action, sprint),
                         Snapshot(done, sprint)));
        }
        return {};
    }

private:
    Result<void> Event(const std::string& entity_type,
                       const std::string& entity_id,
                       const std::string& product_id,
                       const std::string& action,
                       json::object before,
                       json::object after) {
        return RecordEvent(
            tx_,
            ws_,
            "",
            now_,
            {entity_type, entity_id, product_id, action, std::move(before), std::move(after)});
    }

    // As the retrospective use cases record them: without the reader's own vote or where an
    // action is carried from.
    json::object Snapshot(const domain::RetroCard& card, std::int64_t votes) {
        RetroCardView view;
        view.card = card;
        view.author_name = names_.Of(card.author_id);
        view.votes = votes;
        json::object o = ToJson(view);
        o.erase("voted");
        return o;
    }
    json::object Snapshot(const domain::RetroAction& action, const domain::Sprint& sprint) {
        RetroActionView view;
        view.action = action;
        view.sprint = {sprint.id, sprint.name};
        view.owner_name = names_.Of(action.owner_id);
        view.done_by_name = names_.Of(action.done_by);
        view.created_by_name = names_.Of(action.created_by);
        json::object o = ToJson(view);
        o.erase("carried_from");
        return o;
    }

    storage::Tx& tx_;
    std::string ws_;
    const std::map<std::string, std::string>& users_;
    std::int64_t now_;
    UserNames names_;
};

}  // namespace

Result<void> SeedDemoRetros(AppContext& ctx,
                            const std::string& workspace_id,
                            const domain::Product& product,
                            const std::map<std::string, std::string>& users) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto sprints,
            tx.ListSprints(workspace_id, {product.id, "", domain::SprintStatus::kCompleted}));
        const auto find = [&](const std::string& name) -> const domain::Sprint* {
            for (const auto& s : sprints) {
                if (s.name == name) {
                    return &s;
                }
            }
            return nullptr;
        };
        const domain::Sprint* sprint1 = find("Sprint 1");
        const domain::Sprint* sprint2 = find("Sprint 2");
        if (sprint1 == nullptr || sprint2 == nullptr) {
            return Fail(MakeError(ErrorCode::kInternal,
                                  "the demo delivery seed has no completed Sprint 1 and Sprint 2"));
        }
        // Sprint 1's open supplier action was done on Sprint 2's first morning; the change
        // requests were turned on when Sprint 3 was planned, on Sprint 2's last afternoon.
        const auto s2_start = domain::ParseDate(sprint2->start_date);
        const auto s2_end = domain::ParseDate(sprint2->end_date);
        if (!s2_start || !s2_end) {
            return Fail(MakeError(ErrorCode::kInternal, "the demo sprint has no dates"));
        }

        RetroSeed seed(tx, workspace_id, users, now);
        TL_TRY(seed.Write(
            *sprint1,
            {{{RetroColumn::kWentWell,
               "dave",
               "The new pack went in on the first try: the battery bay CAD was right.",
               {"carol", "bob"}},
              {RetroColumn::kWentWell,
               "bob",
               "The silicon-anode spike kept to its three days and ended with a clear answer.",
               {"dave"}},
              {RetroColumn::kToImprove,
               "carol",
               "We planned the landing gear before its parts were ordered and lost it on day 4.",
               {"dave", "bob", "carol"}},
              {RetroColumn::kToImprove,
               "dave",
               "Two test flights fell through because someone else had booked the field.",
               {"carol", "dave"}},
              {RetroColumn::kAction, "carol", "Book the test field a week ahead.", {"dave"}}},
             {{"Book the test-flight field a week ahead, every sprint", "carol", 4, 0, ""},
              {"Ask the supplier for delivery dates before we plan a hardware story",
               "bob",
               2,
               At(*s2_start, 9, 15),
               "bob"}}}));
        TL_TRY(seed.Write(
            *sprint2,
            {{{RetroColumn::kWentWell,
               "carol",
               "Pairing on the Thursday test flights: every flight had a second pair of eyes.",
               {"dave", "bob"}},
              {RetroColumn::kWentWell,
               "dave",
               "4K/60 ran 30 minutes without a dropped frame on the first try.",
               {"carol"}},
              {RetroColumn::kToImprove,
               "dave",
               "The camera-mode switch came into the sprint on the board, and nobody saw what "
               "it pushed out.",
               {"carol", "bob", "dave"}},
              {RetroColumn::kToImprove,
               "carol",
               "The drift bug sat in progress for a week before we saw it was a temperature "
               "problem.",
               {"dave"}},
              {RetroColumn::kToImprove,
               "bob",
               "The remaining-minutes story has carried over twice now.",
               {"carol", "dave"}},
              {RetroColumn::kAction,
               "carol",
               "Changes to a running sprint go through the Product Owner.",
               {"bob", "dave"}}},
             {{"Turn on change requests for Sprint 3, so the Product Owner decides every change",
               "carol",
               5,
               At(*s2_end, 14, 5),
               "carol"},
              {"Split the remaining-minutes story: the display first, the current-draw "
               "estimate after",
               "bob",
               4,
               0,
               ""},
              {"Measure the motor temperature curve before the gimbal firmware is touched again",
               "dave",
               3,
               0,
               ""}}}));
        return {};
    });
}

}  // namespace tl::app
