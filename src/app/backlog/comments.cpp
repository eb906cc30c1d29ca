#include "app/backlog/comments.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/validation.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;

constexpr std::size_t kSummaryQuote = 120;

// The people holding a role on a product, by id; others (former members) are looked up
// once when named.
class People {
public:
    static Result<People> Of(storage::Tx& tx,
                             const std::string& workspace_id,
                             const std::string& product_id) {
        People p;
        p.workspace_id_ = workspace_id;
        TL_ASSIGN_OR_RETURN(auto holders, tx.ListRoleHolders(workspace_id, product_id));
        for (auto& h : holders) {
            p.members_.insert(h.user.id);
            p.users_.emplace(h.user.id, std::move(h.user));
        }
        return p;
    }

    bool IsMember(const std::string& user_id) const { return members_.count(user_id) > 0; }

    // The user, or nullptr when there is none by that id.
    const domain::User* Find(storage::Tx& tx, const std::string& user_id) {
        auto it = users_.find(user_id);
        if (it == users_.end()) {
            auto user = tx.GetUser(workspace_id_, user_id);
            if (!user) {
                return nullptr;
            }
            it = users_.emplace(user_id, std::move(*user)).first;
        }
        return &it->second;
    }

    std::string Name(storage::Tx& tx, const std::string& user_id) {
        const domain::User* u = Find(tx, user_id);
        return u ? u->name : std::string();
    }

    // Members named by the body's @mentions (full e-mail or its local part), in order.
    std::vector<UserRef> Mentioned(std::string_view body) const {
        std::vector<UserRef> out;
        for (const auto& word : domain::Mentions(body)) {
            for (const auto& id : members_) {
                const domain::User& u = users_.at(id);
                const std::string email = domain::NormalizeEmail(u.email);
                const std::string local = email.substr(0, email.find('@'));
                const bool named = word == email || word == local;
                const bool listed = std::any_of(
                    out.begin(), out.end(), [&](const UserRef& r) { return r.id == u.id; });
                if (named && !listed) {
                    out.push_back({u.id, u.name});
                }
            }
        }
        return out;
    }

    // Whether the user may still read the product: a role on it, or the admin flag.
    bool MayRead(storage::Tx& tx, const std::string& user_id) {
        if (IsMember(user_id)) {
            return true;
        }
        const domain::User* u = Find(tx, user_id);
        return u != nullptr && u->is_admin;
    }

private:
    std::string workspace_id_;
    std::set<std::string> members_;
    std::map<std::string, domain::User> users_;
};

Result<void> Notify(storage::Tx& tx,
                    const Actor& actor,
                    const domain::Item& item,
                    const std::string& user_id,
                    std::string_view kind,
                    const std::string& comment_id,
                    const std::string& summary,
                    std::int64_t now) {
    domain::Notification n;
    n.id = NewId("ntf", now);
    n.workspace_id = actor.workspace_id;
    n.user_id = user_id;
    n.kind = std::string(kind);
    n.product_id = item.product_id;
    n.item_id = item.id;
    n.comment_id = comment_id;
    n.actor_id = actor.user_id;
    n.summary = summary;
    n.created_at = now;
    return tx.InsertNotification(n);
}

domain::Issues CheckBody(const CommentInput& input) {
    domain::Issues issues = input.issues;
    if (!input.body) {
        if (issues.empty()) {
            issues.push_back({"body", "is required"});
        }
        return issues;
    }
    const bool blank = std::all_of(input.body->begin(), input.body->end(), [](char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    });
    if (blank) {
        issues.push_back({"body", "must not be empty"});
    }
    domain::CheckText(issues, "body", *input.body, domain::kMaxCommentLength);
    return issues;
}

// The item of a comment with the actor's right to comment on it checked.
struct CommentContext {
    domain::Comment comment;
    domain::Item item;
    domain::Product product;
};

Result<CommentContext> LoadOwnComment(storage::Tx& tx,
                                      const Actor& actor,
                                      const std::string& comment_id) {
    CommentContext c;
    TL_ASSIGN_OR_RETURN(c.comment, tx.GetComment(actor.workspace_id, comment_id));
    TL_ASSIGN_OR_RETURN(
        c.item, AuthorizeItem(tx, actor, c.comment.item_id, domain::Action::kFeedbackWrite));
    if (c.comment.author_id != actor.user_id) {
        return Fail(Forbidden("only the author may change or delete a comment"));
    }
    TL_ASSIGN_OR_RETURN(c.product, tx.GetProduct(actor.workspace_id, c.item.product_id));
    return c;
}

CommentView ViewOf(storage::Tx& tx, People& people, domain::Comment comment) {
    CommentView v;
    v.author_name = people.Name(tx, comment.author_id);
    v.mentions = people.Mentioned(comment.body);
    v.comment = std::move(comment);
    return v;
}

Result<void> RecordCommentEvent(storage::Tx& tx,
                                const Actor& actor,
                                std::int64_t now,
                                const domain::Item& item,
                                std::string action,
                                json::object before,
                                json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"item", item.id, item.product_id, std::move(action), std::move(before), std::move(after)});
}

// Mention entries for `mentions` except the author and those in `skip`.
Result<void> NotifyMentioned(storage::Tx& tx,
                             const Actor& actor,
                             const domain::Item& item,
                             const std::string& key,
                             const domain::Comment& comment,
                             const std::vector<UserRef>& mentions,
                             const std::set<std::string>& skip,
                             std::int64_t now) {
    const std::string summary =
        actor.name + " mentioned you on " + key + ": " + Excerpt(comment.body, kSummaryQuote);
    for (const auto& m : mentions) {
        if (m.id != actor.user_id && !skip.count(m.id)) {
            TL_TRY(Notify(tx, actor, item, m.id, "mention", comment.id, summary, now));
        }
    }
    return {};
}

}  // namespace

std::string Excerpt(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    bool cut = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {  // the first byte of a code point
            if (chars == max_chars) {
                cut = true;
                break;
            }
            ++chars;
        }
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
            continue;
        }
        out.push_back(static_cast<char>(c));
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    if (cut) {
        out += "…";
    }
    return out;
}

json::object ToJson(const CommentView& view) {
    const auto& c = view.comment;
    json::array mentions;
    for (const auto& m : view.mentions) {
        mentions.push_back(json::object{{"id", m.id}, {"name", m.name}});
    }
    return json::object{{"id", c.id},
                        {"item_id", c.item_id},
                        {"product_id", c.product_id},
                        {"author", json::object{{"id", c.author_id}, {"name", view.author_name}}},
                        {"body", c.body},
                        {"mentions", std::move(mentions)},
                        {"version", c.version},
                        {"created_at", FormatTime(c.created_at)},
                        {"updated_at", FormatTime(c.updated_at)}};
}

Result<std::vector<CommentView>> ListComments(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& item) {
    std::vector<CommentView> views;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, it.product_id));
        TL_ASSIGN_OR_RETURN(auto comments, tx.ListComments(actor.workspace_id, it.id));
        for (auto& c : comments) {
            views.push_back(ViewOf(tx, people, std::move(c)));
        }
        return {};
    }));
    return views;
}

Result<CommentView> AddComment(AppContext& ctx,
                               const Actor& actor,
                               const std::string& item,
                               const CommentInput& input) {
    CommentView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it,
                            AuthorizeItem(tx, actor, item, domain::Action::kFeedbackWrite));
        if (auto issues = CheckBody(input); !issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, it.product_id));
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, it.product_id));
        domain::Comment c;
        c.id = NewId("cmt", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = it.product_id;
        c.item_id = it.id;
        c.author_id = actor.user_id;
        c.body = *input.body;
        // A thread reads in the order written, also when two comments share a millisecond.
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListComments(actor.workspace_id, it.id));
        c.created_at = StampAfter(now, earlier, &domain::Comment::created_at);
        c.updated_at = c.created_at;
        TL_TRY(tx.InsertComment(c));
        TL_TRY(tx.ReindexItem(actor.workspace_id, it.id));
        view = ViewOf(tx, people, c);

        // Mentioned users hear of it once, as a mention; the other watchers as a comment.
        const std::string key = domain::ItemKey(product.key, it.number);
        TL_TRY(NotifyMentioned(tx, actor, it, key, c, view.mentions, {}, now));
        TL_ASSIGN_OR_RETURN(auto watchers, tx.ListWatchers(actor.workspace_id, it.id));
        const std::string summary =
            actor.name + " commented on " + key + ": " + Excerpt(c.body, kSummaryQuote);
        for (const auto& w : watchers) {
            const bool mentioned = std::any_of(view.mentions.begin(),
                                               view.mentions.end(),
                                               [&](const UserRef& m) { return m.id == w; });
            if (w != actor.user_id && !mentioned && people.MayRead(tx, w)) {
                TL_TRY(Notify(tx, actor, it, w, "comment", c.id, summary, now));
            }
        }
        TL_TRY(tx.AddWatcher(actor.workspace_id, it.id, actor.user_id));
        return RecordCommentEvent(tx, actor, now, it, "commented", {}, ToJson(view));
    }));
    return view;
}

Result<CommentView> EditComment(AppContext& ctx,
                                const Actor& actor,
                                const std::string& comment_id,
                                const CommentInput& input,
                                std::optional<std::int64_t> if_match) {
    CommentView view;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, LoadOwnComment(tx, actor, comment_id));
        if (auto issues = CheckBody(input); !issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != c.comment.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the comment was changed since version " + std::to_string(*if_match)));
        }
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, c.item.product_id));
        const CommentView before = ViewOf(tx, people, c.comment);
        if (*input.body == c.comment.body) {
            view = before;
            return {};  // nothing changes: no new version, no event
        }
        domain::Comment next = c.comment;
        next.body = *input.body;
        next.version = c.comment.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateComment(next, c.comment.version));
        TL_TRY(tx.ReindexItem(actor.workspace_id, c.item.id));
        view = ViewOf(tx, people, next);
        std::set<std::string> already;
        for (const auto& m : before.mentions) {
            already.insert(m.id);
        }
        TL_TRY(NotifyMentioned(tx,
                               actor,
                               c.item,
                               domain::ItemKey(c.product.key, c.item.number),
                               next,
                               view.mentions,
                               already,
                               now));
        return RecordCommentEvent(
            tx, actor, now, c.item, "comment_edited", ToJson(before), ToJson(view));
    }));
    return view;
}

Result<CommentView> GetComment(AppContext& ctx, const Actor& actor, const std::string& comment_id) {
    CommentView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, tx.GetComment(actor.workspace_id, comment_id));
        TL_ASSIGN_OR_RETURN(auto it,
                            AuthorizeItem(tx, actor, c.item_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, it.product_id));
        view = ViewOf(tx, people, std::move(c));
        return {};
    }));
    return view;
}

Result<void> DeleteComment(AppContext& ctx, const Actor& actor, const std::string& comment_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, LoadOwnComment(tx, actor, comment_id));
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, c.item.product_id));
        const CommentView before = ViewOf(tx, people, c.comment);
        TL_TRY(tx.DeleteComment(actor.workspace_id, comment_id));
        TL_TRY(tx.ReindexItem(actor.workspace_id, c.item.id));
        return RecordCommentEvent(tx, actor, now, c.item, "comment_deleted", ToJson(before), {});
    });
}

Result<void> WatchItem(AppContext& ctx, const Actor& actor, const std::string& item) {
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        return tx.AddWatcher(actor.workspace_id, it.id, actor.user_id);
    });
}

Result<void> UnwatchItem(AppContext& ctx, const Actor& actor, const std::string& item) {
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        return tx.RemoveWatcher(actor.workspace_id, it.id, actor.user_id);
    });
}

Result<std::vector<UserRef>> ListWatchers(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& item) {
    std::vector<UserRef> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, it.product_id));
        TL_ASSIGN_OR_RETURN(auto watchers, tx.ListWatchers(actor.workspace_id, it.id));
        for (const auto& w : watchers) {
            out.push_back({w, people.Name(tx, w)});
        }
        return {};
    }));
    return out;
}

Result<void> NotifyWatchers(storage::Tx& tx,
                            const Actor& actor,
                            const domain::Item& item,
                            std::string_view product_key,
                            const std::string& summary,
                            std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto watchers, tx.ListWatchers(actor.workspace_id, item.id));
    if (watchers.empty()) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto people, People::Of(tx, actor.workspace_id, item.product_id));
    for (const auto& w : watchers) {
        if (w != actor.user_id && people.MayRead(tx, w)) {
            TL_TRY(Notify(tx,
                          actor,
                          item,
                          w,
                          "watched_change",
                          "",
                          summary.empty() ? actor.name + " changed " +
                                                domain::ItemKey(product_key, item.number) + ": " +
                                                Excerpt(item.title, kSummaryQuote)
                                          : summary,
                          now));
        }
    }
    return {};
}

}  // namespace tl::app
