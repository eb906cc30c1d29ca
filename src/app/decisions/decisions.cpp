#include "app/decisions/decisions.hpp"

#include <algorithm>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

// What a link names, for the answer and for checking that it belongs to the product.
struct LinkedObject {
    std::string product_id;
    std::string key;  // a release's version; "" for goals, initiatives and ideas
    std::string name;
};

// The goal, initiative, idea or release a link names; kNotFound when there is none. Items are
// resolved by the callers (by key, and in one batch).
Result<LinkedObject> FindLinked(storage::Tx& tx,
                                const std::string& workspace_id,
                                const domain::DecisionLink& l) {
    switch (l.type) {
        case domain::LinkTarget::kGoal: {
            TL_ASSIGN_OR_RETURN(auto g, tx.GetGoal(workspace_id, l.id));
            return LinkedObject{g.product_id, "", g.objective};
        }
        case domain::LinkTarget::kInitiative: {
            TL_ASSIGN_OR_RETURN(auto i, tx.GetInitiative(workspace_id, l.id));
            return LinkedObject{i.product_id, "", i.name};
        }
        case domain::LinkTarget::kIdea: {
            TL_ASSIGN_OR_RETURN(auto i, tx.GetIdea(workspace_id, l.id));
            return LinkedObject{i.product_id, "", i.title};
        }
        case domain::LinkTarget::kRelease: {
            TL_ASSIGN_OR_RETURN(auto r, tx.GetRelease(workspace_id, l.id));
            return LinkedObject{r.product_id, r.version, r.name.empty() ? r.version : r.name};
        }
        case domain::LinkTarget::kItem:
            break;
    }
    return Fail(NotFound("item"));
}

Result<DecisionView> BuildView(storage::Tx& tx,
                               const std::string& workspace_id,
                               const domain::Product& product,
                               domain::Decision d) {
    DecisionView v;
    UserNames names(tx, workspace_id);
    v.owner_name = names.Of(d.owner_id);
    v.created_by_name = names.Of(d.created_by);
    std::vector<std::string> item_ids;
    for (const auto& l : d.links) {
        if (l.type == domain::LinkTarget::kItem) {
            item_ids.push_back(l.id);
        }
    }
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, item_ids));
    for (const auto& l : d.links) {
        DecisionLinkView lv;
        lv.link = l;
        if (l.type == domain::LinkTarget::kItem) {
            for (const auto& i : items) {
                if (i.id == l.id) {
                    lv.key = domain::ItemKey(product.key, i.number);
                    lv.name = i.title;
                }
            }
        } else if (auto found = FindLinked(tx, workspace_id, l)) {
            lv.key = found->key;
            lv.name = found->name;
        } else if (found.error().code != ErrorCode::kNotFound) {
            return Fail(found.error());
        }
        v.links.push_back(std::move(lv));
    }
    v.decision = std::move(d);
    return v;
}

Result<void> Event(storage::Tx& tx,
                   const Actor& actor,
                   std::int64_t now,
                   const domain::Decision& d,
                   std::string action,
                   json::object before,
                   json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"decision", d.id, d.product_id, std::move(action), std::move(before), std::move(after)});
}

// Resolves the input's links against the product: items by id or key, the others by id.
// Appends issues naming links.<i>.id; the answer keeps the input's positions (a wrong link
// stays in place), so the domain's checks name the same positions.
Result<std::vector<domain::DecisionLink>> ResolveLinks(storage::Tx& tx,
                                                       const std::string& workspace_id,
                                                       const domain::Product& product,
                                                       const std::vector<DecisionLinkInput>& in,
                                                       domain::Issues& issues) {
    std::vector<domain::DecisionLink> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string field = "links." + std::to_string(i) + ".id";
        if (!in[i].type) {
            // Flagged by the input already; a stand-in keeps the later links' positions.
            out.push_back({domain::LinkTarget::kItem, "?" + std::to_string(i)});
            continue;
        }
        domain::DecisionLink link{*in[i].type, in[i].id};
        if (link.type == domain::LinkTarget::kItem && !link.id.empty()) {
            auto item = ResolveItem(tx, workspace_id, link.id);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (!item || item->product_id != product.id) {
                issues.push_back({field, "must be an item of the product"});
                out.push_back(std::move(link));
                continue;
            }
            link.id = item->id;
        } else if (!link.id.empty()) {
            auto found = FindLinked(tx, workspace_id, link);
            if (!found && found.error().code != ErrorCode::kNotFound) {
                return Fail(found.error());
            }
            if (!found || found->product_id != product.id) {
                const auto type = domain::ToString(link.type);
                issues.push_back({field,
                                  std::string(type == "initiative" ? "must be an " : "must be a ") +
                                      std::string(type) + " of the product"});
            }
        }
        out.push_back(std::move(link));
    }
    return out;
}

// Applies the input to `d`, resolving links and checking the owner; appends issues.
Result<void> Apply(storage::Tx& tx,
                   const std::string& workspace_id,
                   const domain::Product& product,
                   const DecisionInput& in,
                   domain::Decision& d,
                   domain::Issues& issues) {
    if (in.title) {
        d.title = *in.title;
    }
    if (in.context) {
        d.context = *in.context;
    }
    if (in.options) {
        d.options = *in.options;
    }
    if (in.decision) {
        d.decision = *in.decision;
    }
    if (in.rationale) {
        d.rationale = *in.rationale;
    }
    if (in.owner_id) {
        d.owner_id = *in.owner_id;
    }
    if (in.date) {
        d.date = *in.date;
    }
    if (in.status) {
        d.status = *in.status;
    }
    if (in.links) {
        TL_ASSIGN_OR_RETURN(d.links, ResolveLinks(tx, workspace_id, product, *in.links, issues));
    }
    MergeIssues(issues, domain::ValidateDecision(d));
    if (!d.owner_id.empty() && !Names(issues, "owner_id")) {
        TL_ASSIGN_OR_RETURN(auto roles, tx.ListRolesOfProduct(workspace_id, product.id));
        if (std::none_of(roles.begin(), roles.end(), [&](const auto& r) {
                return r.user_id == d.owner_id;
            })) {
            issues.push_back({"owner_id", "must be someone holding a role on the product"});
        }
    }
    return {};
}

bool SameOptions(const std::vector<domain::DecisionOption>& a,
                 const std::vector<domain::DecisionOption>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.title == y.title && x.pros == y.pros && x.cons == y.cons;
    });
}

bool SameLinks(const std::vector<domain::DecisionLink>& a,
               const std::vector<domain::DecisionLink>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.type == y.type && x.id == y.id;
    });
}

bool SameFields(const domain::Decision& a, const domain::Decision& b) {
    return a.title == b.title && a.context == b.context && a.decision == b.decision &&
           a.rationale == b.rationale && a.owner_id == b.owner_id && a.date == b.date &&
           a.status == b.status && SameOptions(a.options, b.options) && SameLinks(a.links, b.links);
}

}  // namespace

json::object ToJson(const DecisionView& v) {
    const auto& d = v.decision;
    json::array options;
    for (const auto& o : d.options) {
        options.push_back(json::object{{"title", o.title}, {"pros", o.pros}, {"cons", o.cons}});
    }
    json::array links;
    for (const auto& l : v.links) {
        links.push_back(json::object{{"type", domain::ToString(l.link.type)},
                                     {"id", l.link.id},
                                     {"key", StringOrNull(l.key)},
                                     {"name", StringOrNull(l.name)}});
    }
    return json::object{{"id", d.id},
                        {"product_id", d.product_id},
                        {"title", d.title},
                        {"context", d.context},
                        {"options", std::move(options)},
                        {"decision", d.decision},
                        {"rationale", d.rationale},
                        {"owner", UserRefOrNull(d.owner_id, v.owner_name)},
                        {"date", StringOrNull(d.date)},
                        {"status", domain::ToString(d.status)},
                        {"links", std::move(links)},
                        {"created_by", UserRefOrNull(d.created_by, v.created_by_name)},
                        {"version", d.version},
                        {"created_at", d.created_at},
                        {"updated_at", d.updated_at}};
}

Result<DecisionView> CreateDecision(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const DecisionInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    DecisionView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, domain::Action::kDecisionWrite));
        domain::Issues issues = input.issues;
        domain::Decision d;
        d.id = NewId("dec", now);
        d.workspace_id = actor.workspace_id;
        d.product_id = product.id;
        d.owner_id = actor.user_id;
        d.created_by = actor.user_id;
        d.created_at = now;
        d.updated_at = now;
        if (!input.title && !Names(issues, "title")) {
            issues.push_back({"title", "is required"});
        }
        TL_TRY(Apply(tx, actor.workspace_id, product, input, d, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertDecision(d));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, product, d));
        return Event(tx, actor, now, d, "created", {}, ToJson(view));
    }));
    return view;
}

Result<std::vector<DecisionView>> ListDecisions(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const DecisionFilter& filter) {
    std::vector<DecisionView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        std::optional<domain::DecisionLink> linked = filter.linked;
        if (linked && linked->type == domain::LinkTarget::kItem) {
            // Items are linked by id; the filter may name a key.
            auto item = ResolveItem(tx, actor.workspace_id, linked->id);
            if (!item && item.error().code != ErrorCode::kNotFound) {
                return Fail(item.error());
            }
            if (item) {
                linked->id = item->id;
            }
        }
        TL_ASSIGN_OR_RETURN(auto all, tx.ListDecisions(actor.workspace_id, product.id, linked));
        for (auto& d : all) {
            if (filter.status && d.status != *filter.status) {
                continue;
            }
            if (!domain::MatchesText(d, filter.q)) {
                continue;
            }
            TL_ASSIGN_OR_RETURN(auto v, BuildView(tx, actor.workspace_id, product, std::move(d)));
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<DecisionView> GetDecision(AppContext& ctx, const Actor& actor, const std::string& id) {
    DecisionView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto d, tx.GetDecision(actor.workspace_id, id));
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeObjectIn(tx, actor, d.product_id, domain::Action::kProductRead, "decision"));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, product, std::move(d)));
        return {};
    }));
    return view;
}

Result<DecisionView> UpdateDecision(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const DecisionInput& input,
                                    std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    DecisionView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, tx.GetDecision(actor.workspace_id, id));
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeObjectIn(
                tx, actor, current.product_id, domain::Action::kDecisionWrite, "decision"));
        domain::Issues issues = input.issues;
        domain::Decision next = current;
        TL_TRY(Apply(tx, actor.workspace_id, product, input, next, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the decision was changed since version " + std::to_string(*if_match)));
        }
        if (SameFields(current, next)) {
            TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, product, current));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateDecision(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, product, current));
        TL_ASSIGN_OR_RETURN(view, BuildView(tx, actor.workspace_id, product, next));
        return Event(tx, actor, now, next, "updated", ToJson(before), ToJson(view));
    }));
    return view;
}

Result<void> DeleteDecision(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto d, tx.GetDecision(actor.workspace_id, id));
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeObjectIn(tx, actor, d.product_id, domain::Action::kDecisionWrite, "decision"));
        TL_ASSIGN_OR_RETURN(auto before, BuildView(tx, actor.workspace_id, product, d));
        TL_TRY(tx.DeleteDecision(actor.workspace_id, d.id));
        return Event(tx, actor, now, d, "deleted", ToJson(before), {});
    });
}

}  // namespace tl::app
