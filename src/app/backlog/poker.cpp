#include "app/backlog/poker.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>

#include "app/audit.hpp"
#include "app/backlog/backlog_settings.hpp"
#include "app/backlog/comments.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/user_names.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;

using domain::PokerState;

// Writes the round from `expected_version`; a concurrent change (a reveal, a finish, a vote
// that rewrote it first) is a conflict to reload, not a stale If-Match.
Result<void> SaveRound(storage::Tx& tx,
                       const domain::PokerRound& round,
                       std::int64_t expected_version) {
    auto saved = tx.UpdatePokerRound(round, expected_version);
    if (!saved && saved.error().code == ErrorCode::kPreconditionFailed) {
        return Fail(Conflict("the round changed meanwhile; reload it"));
    }
    return saved;
}

// The round, with `action` checked on its product (an unreadable one stays unseen).
Result<domain::PokerRound> LoadRound(storage::Tx& tx,
                                     const Actor& actor,
                                     const std::string& round_id,
                                     domain::Action action) {
    TL_ASSIGN_OR_RETURN(auto round, tx.GetPokerRound(actor.workspace_id, round_id));
    TL_TRY(AuthorizeItem(tx, actor, round.item_id, action));
    return round;
}

Result<PokerView> ViewOf(storage::Tx& tx, const Actor& actor, domain::PokerRound round) {
    PokerView v;
    TL_ASSIGN_OR_RETURN(auto item, tx.GetItem(actor.workspace_id, round.item_id));
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, round.product_id));
    v.item = ItemRef{
        item.id, domain::ItemKey(product.key, item.number), item.title, item.type, item.status};
    UserNames names(tx, actor.workspace_id);
    v.names.emplace(round.started_by, names.Of(round.started_by));
    for (const auto& vote : round.votes) {
        v.names.emplace(vote.user_id, names.Of(vote.user_id));
    }
    v.round = std::move(round);
    return v;
}

json::array VotesJson(const domain::PokerRound& round) {
    json::array votes;
    for (const auto& vote : round.votes) {
        votes.push_back(
            json::object{{"user_id", vote.user_id}, {"points", PointsJson(vote.points)}});
    }
    return votes;
}

Result<void> RecordPokerEvent(storage::Tx& tx,
                              const Actor& actor,
                              std::int64_t now,
                              const domain::PokerRound& round,
                              std::string action,
                              json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"item", round.item_id, round.product_id, std::move(action), {}, std::move(after)});
}

// Issues with `points`: required, and a value of the product's point scale.
Result<double> CheckPoints(storage::Tx& tx,
                           const Actor& actor,
                           const std::string& product_id,
                           std::optional<double> points,
                           domain::Issues issues) {
    if (!points) {
        if (issues.empty()) {
            issues.push_back({"points", "is required"});
        }
        return Fail(ValidationFailed(std::move(issues)));
    }
    TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, actor.workspace_id, product_id));
    const auto& scale = settings.point_scale;
    if (std::find(scale.begin(), scale.end(), *points) == scale.end()) {
        std::string allowed;
        for (double p : scale) {
            allowed += (allowed.empty() ? "" : ", ") + json::serialize(PointsJson(p));
        }
        issues.push_back({"points", "must be a value of the point scale: " + allowed});
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    return *points;
}

Result<PokerView> Read(AppContext& ctx,
                       const Actor& actor,
                       const std::function<Result<domain::PokerRound>(storage::Tx&)>& load) {
    PokerView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto round, load(tx));
        TL_ASSIGN_OR_RETURN(view, ViewOf(tx, actor, std::move(round)));
        return {};
    }));
    return view;
}

}  // namespace

json::object ToJson(const PokerView& view, const std::string& viewer_id) {
    const auto& r = view.round;
    const bool open_values = r.state != PokerState::kVoting;
    auto name_of = [&](const std::string& id) {
        auto it = view.names.find(id);
        return it == view.names.end() ? std::string() : it->second;
    };
    json::array votes;
    json::value my_vote = nullptr;
    for (const auto& vote : r.votes) {
        json::object v{
            {"user", json::object{{"id", vote.user_id}, {"name", name_of(vote.user_id)}}},
            {"voted", true}};
        if (open_values) {
            v["points"] = PointsJson(vote.points);
        }
        if (vote.user_id == viewer_id) {
            my_vote = PointsJson(vote.points);
        }
        votes.push_back(std::move(v));
    }
    return json::object{
        {"id", r.id},
        {"item",
         json::object{{"id", view.item.id}, {"key", view.item.key}, {"title", view.item.title}}},
        {"state", domain::ToString(r.state)},
        {"started_by", json::object{{"id", r.started_by}, {"name", name_of(r.started_by)}}},
        {"votes", std::move(votes)},
        {"my_vote", std::move(my_vote)},
        {"final_points", r.final_points ? PointsJson(*r.final_points) : json::value(nullptr)},
        {"created_at", FormatTime(r.created_at)},
        {"revealed_at", TimeOrNull(r.revealed_at)},
        {"closed_at", TimeOrNull(r.closed_at)},
        {"version", r.version}};
}

Result<PokerView> StartPoker(AppContext& ctx, const Actor& actor, const std::string& item) {
    PokerView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kEstimateRun));
        // Serialises concurrent starts on the same item, so only one round opens.
        TL_TRY(tx.LockScope("poker:" + it.id));
        TL_ASSIGN_OR_RETURN(auto latest, tx.LatestPokerRound(actor.workspace_id, it.id));
        if (latest && latest->state != PokerState::kClosed) {
            return Fail(Conflict("the item already has an open poker round (" + latest->id + ", " +
                                 std::string(domain::ToString(latest->state)) + ")"));
        }
        domain::PokerRound round;
        round.id = NewId("pkr", now);
        round.workspace_id = actor.workspace_id;
        round.product_id = it.product_id;
        round.item_id = it.id;
        round.state = PokerState::kVoting;
        round.started_by = actor.user_id;
        round.created_at = now;
        TL_TRY(tx.InsertPokerRound(round));
        TL_TRY(RecordPokerEvent(
            tx,
            actor,
            now,
            round,
            "poker_started",
            {{"round_id", round.id}, {"state", "voting"}, {"started_by", actor.user_id}}));
        TL_ASSIGN_OR_RETURN(view, ViewOf(tx, actor, std::move(round)));
        return {};
    }));
    return view;
}

Result<PokerView> GetPoker(AppContext& ctx, const Actor& actor, const std::string& round_id) {
    return Read(ctx, actor, [&](storage::Tx& tx) -> Result<domain::PokerRound> {
        return LoadRound(tx, actor, round_id, domain::Action::kProductRead);
    });
}

Result<PokerView> LatestPoker(AppContext& ctx, const Actor& actor, const std::string& item) {
    return Read(ctx, actor, [&](storage::Tx& tx) -> Result<domain::PokerRound> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto latest, tx.LatestPokerRound(actor.workspace_id, it.id));
        if (!latest) {
            return Fail(NotFound("poker round"));
        }
        return std::move(*latest);
    });
}

Result<PokerView> VotePoker(AppContext& ctx,
                            const Actor& actor,
                            const std::string& round_id,
                            std::optional<double> points,
                            domain::Issues issues) {
    PokerView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto round,
                            LoadRound(tx, actor, round_id, domain::Action::kEstimateVote));
        TL_ASSIGN_OR_RETURN(auto value,
                            CheckPoints(tx, actor, round.product_id, points, std::move(issues)));
        if (round.state != PokerState::kVoting) {
            return Fail(Conflict("the round is " + std::string(domain::ToString(round.state)) +
                                 "; votes are taken only while voting"));
        }
        // Rewriting the round unchanged takes its row lock, so a vote cannot slip in after a
        // concurrent reveal or finish: that one bumped the version, and this fails as stale.
        TL_TRY(SaveRound(tx, round, round.version));
        TL_TRY(tx.PutPokerVote(actor.workspace_id, {round.id, actor.user_id, value, now}));
        // Who voted, never the value: the event log is readable by everyone on the product.
        TL_TRY(RecordPokerEvent(tx,
                                actor,
                                now,
                                round,
                                "poker_voted",
                                {{"round_id", round.id}, {"user_id", actor.user_id}}));
        TL_ASSIGN_OR_RETURN(auto updated, tx.GetPokerRound(actor.workspace_id, round.id));
        TL_ASSIGN_OR_RETURN(view, ViewOf(tx, actor, std::move(updated)));
        return {};
    }));
    return view;
}

Result<PokerView> RevealPoker(AppContext& ctx, const Actor& actor, const std::string& round_id) {
    PokerView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto round,
                            LoadRound(tx, actor, round_id, domain::Action::kEstimateRun));
        if (round.state != PokerState::kVoting) {
            return Fail(
                Conflict("the round is already " + std::string(domain::ToString(round.state))));
        }
        if (round.votes.empty()) {
            return Fail(Conflict("nobody has voted yet"));
        }
        domain::PokerRound next = round;
        next.state = PokerState::kRevealed;
        next.revealed_at = now;
        next.version = round.version + 1;
        TL_TRY(SaveRound(tx, next, round.version));
        // Re-read: a vote may have committed between our read and the lock.
        TL_ASSIGN_OR_RETURN(next, tx.GetPokerRound(actor.workspace_id, round.id));
        TL_TRY(RecordPokerEvent(
            tx,
            actor,
            now,
            next,
            "poker_revealed",
            {{"round_id", next.id}, {"state", "revealed"}, {"votes", VotesJson(next)}}));
        TL_ASSIGN_OR_RETURN(view, ViewOf(tx, actor, std::move(next)));
        return {};
    }));
    return view;
}

Result<PokerView> FinishPoker(AppContext& ctx,
                              const Actor& actor,
                              const std::string& round_id,
                              std::optional<double> points,
                              domain::Issues issues) {
    PokerView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto round,
                            LoadRound(tx, actor, round_id, domain::Action::kEstimateRun));
        TL_ASSIGN_OR_RETURN(auto value,
                            CheckPoints(tx, actor, round.product_id, points, std::move(issues)));
        if (round.state == PokerState::kClosed) {
            return Fail(Conflict("the round is already closed"));
        }
        domain::PokerRound next = round;
        next.state = PokerState::kClosed;
        next.final_points = value;
        next.closed_at = now;
        next.version = round.version + 1;
        TL_TRY(SaveRound(tx, next, round.version));
        TL_ASSIGN_OR_RETURN(next, tx.GetPokerRound(actor.workspace_id, round.id));

        // The estimate is an ordinary change of the item, with its own event.
        TL_ASSIGN_OR_RETURN(auto item, tx.GetItem(actor.workspace_id, round.item_id));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, round.product_id));
        TL_ASSIGN_OR_RETURN(auto settings,
                            LoadBacklogSettings(tx, actor.workspace_id, round.product_id));
        if (item.points != value) {
            domain::Item changed = item;
            changed.points = value;
            changed.version = item.version + 1;
            changed.updated_at = now;
            TL_TRY(tx.UpdateItem(changed, item.version));
            TL_TRY(RecordReestimate(tx, actor.user_id, item, changed, now, "planning poker"));
            TL_TRY(RecordEvent(tx,
                               actor.workspace_id,
                               actor.user_id,
                               now,
                               {"item",
                                item.id,
                                item.product_id,
                                "updated",
                                ToJson(item, product.key, settings),
                                ToJson(changed, product.key, settings)}));
            const std::string key = domain::ItemKey(product.key, item.number);
            TL_TRY(NotifyWatchers(tx,
                                  actor,
                                  changed,
                                  product.key,
                                  actor.name + " estimated " + key + " at " +
                                      json::serialize(PointsJson(value)) +
                                      " points in planning poker",
                                  now));
        }
        json::object after{{"round_id", next.id},
                           {"state", "closed"},
                           {"final_points", PointsJson(value)},
                           {"votes", VotesJson(next)}};
        TL_TRY(RecordPokerEvent(tx, actor, now, next, "poker_finished", std::move(after)));
        TL_ASSIGN_OR_RETURN(view, ViewOf(tx, actor, std::move(next)));
        return {};
    }));
    return view;
}

}  // namespace tl::app
