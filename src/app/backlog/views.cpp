#include "app/backlog/views.hpp"

#include <algorithm>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/backlog_settings.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/query/item_query.hpp"
#include "domain/validation.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;

void Apply(const ViewInput& input, domain::SavedView& v) {
    if (input.name) {
        v.name = *input.name;
    }
    if (input.query) {
        v.query = *input.query;
    }
    if (input.shared) {
        v.shared = *input.shared;
    }
}

// The name, and the query as the backlog would run it: it parses and names only fields the
// product has (custom fields by their keys).
Result<domain::Issues> Check(storage::Tx& tx, const ViewInput& input, const domain::SavedView& v) {
    domain::Issues issues = input.issues;
    domain::CheckLine(issues, "name", v.name, 1, kMaxViewNameLength);
    domain::CheckText(issues, "query", v.query, kMaxViewQueryLength);
    if (!issues.empty()) {
        return issues;
    }
    auto parsed = domain::query::ParseItemQuery(v.query);
    if (!parsed.ok()) {
        issues.push_back({"query", parsed.error->message});
        return issues;
    }
    TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, v.workspace_id, v.product_id));
    if (auto e = domain::query::ValidateQueryFields(parsed.query, settings.fields)) {
        issues.push_back({"query", e->message});
    }
    return issues;
}

// The audit snapshot: a private view's name and query are its owner's business, while the
// product's history is read by everyone on the product, so only its existence is recorded.
json::object Snapshot(const SavedViewView& v) {
    if (v.view.shared) {
        return ToJson(v);
    }
    return json::object{{"id", v.view.id}, {"shared", false}, {"owner_id", v.view.owner_id}};
}

Result<void> RecordViewEvent(storage::Tx& tx,
                             const Actor& actor,
                             std::int64_t now,
                             const domain::SavedView& v,
                             std::string action,
                             json::object before,
                             json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"saved_view", v.id, v.product_id, std::move(action), std::move(before), std::move(after)});
}

SavedViewView ViewOf(storage::Tx& tx, const Actor& actor, domain::SavedView v) {
    SavedViewView out;
    out.mine = v.owner_id == actor.user_id;
    if (out.mine) {
        out.owner_name = actor.name;
    } else if (auto user = tx.GetUser(actor.workspace_id, v.owner_id)) {
        out.owner_name = user->name;
    }
    out.view = std::move(v);
    return out;
}

// The view as the actor may see it: kNotFound for another user's private view.
Result<domain::SavedView> LoadVisible(storage::Tx& tx,
                                      const Actor& actor,
                                      const std::string& id,
                                      std::vector<domain::Role>* roles) {
    TL_ASSIGN_OR_RETURN(auto v, tx.GetView(actor.workspace_id, id));
    if (!v.shared && v.owner_id != actor.user_id) {
        return Fail(NotFound("view"));
    }
    TL_TRY(AuthorizeProduct(tx, actor, v.product_id, domain::Action::kProductRead, roles));
    return v;
}

// Loads a view the actor may change: their own, or (the Product Owner) a shared one.
Result<domain::SavedView> LoadWritable(storage::Tx& tx, const Actor& actor, const std::string& id) {
    std::vector<domain::Role> roles;
    TL_ASSIGN_OR_RETURN(auto v, LoadVisible(tx, actor, id, &roles));
    TL_TRY(AuthorizeProduct(tx, actor, v.product_id, domain::Action::kFeedbackWrite));
    if (v.owner_id == actor.user_id) {
        return v;
    }
    const bool po =
        std::find(roles.begin(), roles.end(), domain::Role::kProductOwner) != roles.end();
    if (!po) {
        return Fail(Forbidden("only its owner or the Product Owner may change a shared view"));
    }
    return v;
}

}  // namespace

json::object ToJson(const SavedViewView& view) {
    const auto& v = view.view;
    return json::object{{"id", v.id},
                        {"product_id", v.product_id},
                        {"name", v.name},
                        {"query", v.query},
                        {"shared", v.shared},
                        {"owner", json::object{{"id", v.owner_id}, {"name", view.owner_name}}},
                        {"mine", view.mine},
                        {"version", v.version},
                        {"created_at", FormatTime(v.created_at)},
                        {"updated_at", FormatTime(v.updated_at)}};
}

Result<std::vector<SavedViewView>> ListViews(AppContext& ctx,
                                             const Actor& actor,
                                             const std::string& product_id) {
    std::vector<SavedViewView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto views,
                            tx.ListViews(actor.workspace_id, product_id, actor.user_id));
        for (auto& v : views) {
            out.push_back(ViewOf(tx, actor, std::move(v)));
        }
        return {};
    }));
    return out;
}

Result<SavedViewView> CreateView(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& product_id,
                                 const ViewInput& input) {
    SavedViewView out;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kFeedbackWrite));
        domain::SavedView v;
        Apply(input, v);
        v.workspace_id = actor.workspace_id;
        v.product_id = product_id;
        TL_ASSIGN_OR_RETURN(auto issues, Check(tx, input, v));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        v.id = NewId("viw", now);
        v.owner_id = actor.user_id;
        v.created_at = now;
        v.updated_at = now;
        TL_TRY(tx.InsertView(v));
        out = ViewOf(tx, actor, v);
        return RecordViewEvent(tx, actor, now, v, "created", {}, Snapshot(out));
    }));
    return out;
}

Result<SavedViewView> GetView(AppContext& ctx, const Actor& actor, const std::string& id) {
    SavedViewView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto v, LoadVisible(tx, actor, id, nullptr));
        out = ViewOf(tx, actor, std::move(v));
        return {};
    }));
    return out;
}

Result<SavedViewView> UpdateView(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& id,
                                 const ViewInput& input,
                                 std::optional<std::int64_t> if_match) {
    SavedViewView out;
    const std::int64_t now = ctx.clock.NowMs();
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, LoadWritable(tx, actor, id));
        domain::SavedView next = current;
        Apply(input, next);
        TL_ASSIGN_OR_RETURN(auto issues, Check(tx, input, next));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the view was changed since version " + std::to_string(*if_match)));
        }
        const SavedViewView before = ViewOf(tx, actor, current);
        if (next.name == current.name && next.query == current.query &&
            next.shared == current.shared) {
            out = before;
            return {};  // nothing changes: no new version, no event
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateView(next, current.version));
        out = ViewOf(tx, actor, next);
        return RecordViewEvent(tx, actor, now, next, "updated", Snapshot(before), Snapshot(out));
    }));
    return out;
}

Result<void> DeleteView(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, LoadWritable(tx, actor, id));
        TL_TRY(tx.DeleteView(actor.workspace_id, id));
        return RecordViewEvent(
            tx, actor, now, current, "deleted", Snapshot(ViewOf(tx, actor, current)), {});
    });
}

}  // namespace tl::app
