#include "app/backlog/items.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/backlog_settings.hpp"
#include "app/backlog/comments.hpp"
#include "app/crypto.hpp"
#include "app/releases/release_scope.hpp"
#include "app/serialize.hpp"
#include "app/sprints/sprint_scope.hpp"
#include "app/user_names.hpp"
#include "domain/rank.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

bool Has(const std::vector<domain::Role>& roles, domain::Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

// What one holding `roles` may change on `item` (docs/backlog.md, "Who may do what").
struct FieldRights {
    bool all = false;        // Product Owner
    bool alignment = false;  // PM: goal and initiative
    bool working = false;    // team: status, points, priority, assignee, ticks
    bool board = false;      // Scrum Master (board.move_own): status, priority, assignee
    bool others = false;     // a team member or SM on an item assigned to someone else
};

FieldRights RightsOn(const std::vector<domain::Role>& roles,
                     const Actor& actor,
                     const domain::Item& item) {
    FieldRights r;
    const bool own = item.assignee_id.empty() || item.assignee_id == actor.user_id;
    r.all = Has(roles, domain::Role::kProductOwner);
    r.alignment = r.all || Has(roles, domain::Role::kProductManager);
    r.working = r.all || (Has(roles, domain::Role::kTeamMember) && own);
    r.board = r.working || (Has(roles, domain::Role::kScrumMaster) && own);
    r.others = !r.all && !own &&
               (Has(roles, domain::Role::kTeamMember) || Has(roles, domain::Role::kScrumMaster));
    return r;
}

json::value FieldValueJson(const domain::CustomField& f, const domain::FieldValue& v) {
    switch (f.type) {
        case domain::CustomFieldType::kNumber:
            return v.number ? json::value(*v.number) : json::value(nullptr);
        case domain::CustomFieldType::kMultiSelect: {
            json::array a;
            for (const auto& t : v.texts) {
                a.emplace_back(t);
            }
            return a;
        }
        default:
            return v.texts.empty() ? json::value(nullptr) : json::value(v.texts[0]);
    }
}

// Reads a custom field's JSON value into a FieldValue; nullopt for JSON null (remove).
std::optional<domain::FieldValue> ReadFieldValue(const domain::CustomField& f,
                                                 const json::value& v,
                                                 domain::Issues& issues) {
    const std::string at = "fields." + f.key;
    if (v.is_null()) {
        return std::nullopt;
    }
    domain::FieldValue out;
    switch (f.type) {
        case domain::CustomFieldType::kNumber:
            if (v.is_int64()) {
                out.number = static_cast<double>(v.as_int64());
            } else if (v.is_double()) {
                out.number = v.as_double();
            } else {
                issues.push_back({at, "must be a number"});
            }
            return out;
        case domain::CustomFieldType::kMultiSelect:
            if (!v.is_array()) {
                issues.push_back({at, "must be a list of options"});
                return out;
            }
            for (const auto& e : v.as_array()) {
                if (!e.is_string()) {
                    issues.push_back({at, "must be a list of options"});
                    return out;
                }
                out.texts.emplace_back(e.as_string());
            }
            std::sort(out.texts.begin(), out.texts.end());
            return out;
        default:
            if (!v.is_string()) {
                issues.push_back({at, "must be a string"});
                return out;
            }
            out.texts.emplace_back(v.as_string());
            return out;
    }
}

// A referenced item (parent, link target, move anchor) given in a request: a validation
// error naming `field` when it is missing or in another product.
Result<domain::Item> ReferencedItem(storage::Tx& tx,
                                    const std::string& workspace_id,
                                    const std::string& product_id,
                                    const std::string& id_or_key,
                                    const std::string& field) {
    auto item = ResolveItem(tx, workspace_id, id_or_key);
    if (!item && item.error().code == ErrorCode::kNotFound) {
        return Fail(ValidationFailed({{field, "no such item in this workspace"}}));
    }
    TL_TRY(item);
    if (item->product_id != product_id) {
        return Fail(ValidationFailed({{field, "must be an item of the same product"}}));
    }
    return item;
}

// The rank key for a position between the ranks `lo` and `hi` ("" for an end). When the key
// would grow past the bound, the product's keys are first rewritten evenly spaced (order
// unchanged, the moving item left out) and the key reserved for the slot is returned.
Result<std::string> RankFor(storage::Tx& tx,
                            const std::string& workspace_id,
                            const std::string& product_id,
                            const std::string& moving_id,
                            const std::string& lo,
                            const std::string& hi,
                            const std::string& actor_id,
                            std::int64_t now) {
    auto key = domain::RankBetweenChecked(lo, hi);
    if (key && key->size() <= domain::kMaxRankLength) {
        return *key;
    }
    TL_ASSIGN_OR_RETURN(auto order, tx.ListRankOrder(workspace_id, product_id));
    std::vector<std::string> ids;
    std::size_t index = 0;
    for (const auto& r : order) {
        if (r.id == moving_id) {
            continue;
        }
        if (hi.empty() || r.rank < hi) {
            ++index;
        }
        ids.push_back(r.id);
    }
    auto ranks = domain::EvenlySpacedRanks(ids.size() + 1);
    std::string reserved = ranks[index];
    ranks.erase(ranks.begin() + static_cast<std::ptrdiff_t>(index));
    TL_TRY(tx.RewriteRanks(workspace_id, product_id, ids, ranks));
    TL_TRY(RecordEvent(tx,
                       workspace_id,
                       actor_id,
                       now,
                       {"backlog",
                        product_id,
                        product_id,
                        "rebalanced",
                        {},
                        json::object{{"items", static_cast<std::int64_t>(ids.size())}}}));
    return reserved;
}

// Checks a status change against the workflow: transitions, WIP limits, Definition of Ready
// and Done, and acceptance (stories enter done only by the PO with every criterion checked).
Result<void> CheckStatusChange(storage::Tx& tx,
                               const domain::BacklogSettings& settings,
                               const domain::Item& current,
                               domain::Item& next,
                               const std::vector<domain::Role>& roles,
                               const Actor& actor,
                               std::int64_t now) {
    const auto* to = settings.FindStatus(next.status);
    if (to == nullptr) {
        return {};  // ValidateItem reports it
    }
    next.category = to->category;
    if (next.status == current.status) {
        return {};
    }
    auto refuse = [](std::string why, std::string code) {
        Error e = Conflict(std::move(why));
        e.specific_code = std::move(code);
        e.details.push_back({"status", e.message});
        return Fail(std::move(e));
    };
    if (!settings.AllowsTransition(current.status, next.status)) {
        Error e = Conflict("the workflow does not allow moving from " + current.status + " to " +
                           next.status);
        e.specific_code = "transition_not_allowed";
        e.details.push_back({"status", "cannot follow " + current.status});
        return Fail(std::move(e));
    }
    if (to->wip_limit > 0) {
        TL_ASSIGN_OR_RETURN(auto count,
                            tx.CountItemsInStatus(next.workspace_id, next.product_id, next.status));
        if (count >= to->wip_limit) {
            Error e = Conflict("the WIP limit of " + to->name + " (" +
                               std::to_string(to->wip_limit) + ") is reached");
            e.specific_code = "wip_limit_reached";
            e.details.push_back({"status", "WIP limit reached"});
            return Fail(std::move(e));
        }
    }
    if (to->category == domain::StatusCategory::kInProgress &&
        next.type == domain::ItemType::kStory && !domain::IsReady(next, settings)) {
        std::string missing;
        for (const auto& e : settings.definition_of_ready) {
            if (std::find(next.ready_checks.begin(), next.ready_checks.end(), e.id) ==
                next.ready_checks.end()) {
                missing += (missing.empty() ? "" : "; ") + e.text;
            }
        }
        return refuse("the story is not ready (Definition of Ready): " + missing, "not_ready");
    }
    if (to->category == domain::StatusCategory::kDone) {
        std::string missing;
        for (const auto& e : settings.definition_of_done) {
            if (std::find(next.done_checks.begin(), next.done_checks.end(), e.id) ==
                next.done_checks.end()) {
                missing += (missing.empty() ? "" : "; ") + e.text;
            }
        }
        if (!missing.empty()) {
            return refuse("the Definition of Done is not met: " + missing, "acceptance_blocked");
        }
        if (next.type == domain::ItemType::kStory) {
            if (!Has(roles, domain::Role::kProductOwner)) {
                return Fail(Forbidden("only the Product Owner accepts a story as done"));
            }
            const auto open = std::count_if(
                next.criteria.begin(), next.criteria.end(), [](const auto& c) { return !c.done; });
            if (open > 0) {
                return refuse(std::to_string(open) +
                                  " acceptance criteria are not checked; the story cannot be "
                                  "accepted",
                              "acceptance_blocked");
            }
        }
        next.accepted_at = now;
        next.accepted_by = actor.user_id;
        // Moving between done statuses keeps the time the item first became done.
        next.done_at = current.category == domain::StatusCategory::kDone && current.done_at > 0
                           ? current.done_at
                           : now;
    } else {
        next.accepted_at = 0;
        next.accepted_by.clear();
        next.done_at = 0;
    }
    return {};
}

// Checks the item's place in the hierarchy: its parent one level up in the same product,
// tasks always under a parent, and its children still fitting a changed type.
Result<void> CheckHierarchy(storage::Tx& tx,
                            const domain::Item& next,
                            const domain::Item* current,
                            domain::Issues& issues) {
    if (!next.parent_id.empty()) {
        if (next.parent_id == next.id) {
            issues.push_back({"parent_id", "an item cannot be its own parent"});
        } else {
            auto parent = tx.GetItem(next.workspace_id, next.parent_id);
            if (!parent) {
                TL_TRY(parent.error().code == ErrorCode::kNotFound ? Result<void>()
                                                                   : Result<void>(parent.error()));
                issues.push_back({"parent_id", "no such item in this workspace"});
            } else if (parent->product_id != next.product_id) {
                issues.push_back({"parent_id", "must be an item of the same product"});
            } else if (!domain::MayParent(parent->type, next.type)) {
                issues.push_back({"parent_id",
                                  "a " + std::string(domain::ToString(parent->type)) +
                                      " cannot be the parent of a " +
                                      std::string(domain::ToString(next.type)) +
                                      " (epic → feature → story, bug, spike, tech-debt → task)"});
            }
        }
    } else if (domain::NeedsParent(next.type)) {
        issues.push_back(
            {"parent_id", "a task needs a parent story, bug, spike or tech-debt item"});
    }
    if (current != nullptr && current->type != next.type) {
        TL_ASSIGN_OR_RETURN(auto children, tx.ListChildren(next.workspace_id, next.id));
        for (const auto& c : children) {
            if (!domain::MayParent(next.type, c.type)) {
                issues.push_back(
                    {"type",
                     "its child " + c.title + " (a " + std::string(domain::ToString(c.type)) +
                         ") cannot be under a " + std::string(domain::ToString(next.type))});
                break;
            }
        }
    }
    return {};
}

// Applies the input to `item`; records which fields the input changes in `changed`.
Result<void> Apply(storage::Tx& tx,
                   const ItemInput& in,
                   const domain::BacklogSettings& settings,
                   domain::Item& item,
                   std::set<std::string>& changed,
                   domain::Issues& issues,
                   std::int64_t now) {
    auto set = [&](auto& field, const auto& value, const char* name) {
        if (field != value) {
            field = value;
            changed.insert(name);
        }
    };
    if (in.type) {
        set(item.type, *in.type, "type");
    }
    if (in.title) {
        set(item.title, *in.title, "title");
    }
    if (in.description) {
        set(item.description, *in.description, "description");
    }
    if (in.status) {
        set(item.status, *in.status, "status");
    }
    if (in.points) {
        set(item.points, *in.points, "points");
    }
    if (in.priority) {
        set(item.priority, *in.priority, "priority");
    }
    if (in.assignee_id) {
        if (!in.assignee_id->empty() && *in.assignee_id != item.assignee_id) {
            auto user = tx.GetUser(item.workspace_id, *in.assignee_id);
            if (!user) {
                issues.push_back({"assignee_id", "no such user in this workspace"});
            }
        }
        set(item.assignee_id, *in.assignee_id, "assignee_id");
    }
    if (in.parent_id) {
        std::string parent_id = *in.parent_id;
        if (!parent_id.empty()) {
            auto parent = ResolveItem(tx, item.workspace_id, parent_id);
            if (parent) {
                parent_id = parent->id;
            }
        }
        set(item.parent_id, parent_id, "parent_id");
    }
    // A goal or initiative named anew must be one of the item's product (docs/strategy.md).
    if (in.goal_id) {
        if (!in.goal_id->empty() && *in.goal_id != item.goal_id) {
            auto goal = tx.GetGoal(item.workspace_id, *in.goal_id);
            if (!goal && goal.error().code != ErrorCode::kNotFound) {
                return Fail(goal.error());
            }
            if (!goal || goal->product_id != item.product_id) {
                issues.push_back({"goal_id", "must be a goal of this product"});
            }
        }
        set(item.goal_id, *in.goal_id, "goal_id");
    }
    if (in.initiative_id) {
        if (!in.initiative_id->empty() && *in.initiative_id != item.initiative_id) {
            auto initiative = tx.GetInitiative(item.workspace_id, *in.initiative_id);
            if (!initiative && initiative.error().code != ErrorCode::kNotFound) {
                return Fail(initiative.error());
            }
            if (!initiative || initiative->product_id != item.product_id) {
                issues.push_back({"initiative_id", "must be an initiative of this product"});
            }
        }
        set(item.initiative_id, *in.initiative_id, "initiative_id");
    }
    if (!item.initiative_id.empty() && (changed.count("initiative_id") || changed.count("type")) &&
        item.type != domain::ItemType::kEpic && item.type != domain::ItemType::kFeature) {
        issues.push_back({"initiative_id", "only epics and features name an initiative"});
    }
    if (in.labels) {
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < in.labels->size(); ++i) {
            if (auto l = domain::NormalizeLabel((*in.labels)[i])) {
                labels.push_back(*l);
            } else {
                issues.push_back({"labels." + std::to_string(i),
                                  "must be 1-40 letters, digits, '-', '_' or '.'"});
            }
        }
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
        set(item.labels, labels, "labels");
    }
    if (in.criteria) {
        std::vector<domain::Criterion> criteria;
        bool only_ticks = in.criteria->size() == item.criteria.size();
        for (std::size_t i = 0; i < in.criteria->size(); ++i) {
            const auto& c = (*in.criteria)[i];
            domain::Criterion next{c.id, c.text, c.done};
            if (next.id.empty()) {
                next.id = NewId("acc", now);
                only_ticks = false;
            } else if (std::none_of(item.criteria.begin(), item.criteria.end(), [&](const auto& o) {
                           return o.id == c.id;
                       })) {
                issues.push_back({"criteria." + std::to_string(i) + ".id",
                                  "is not a criterion of this item (leave it out for a new one)"});
            }
            if (only_ticks &&
                (item.criteria[i].id != next.id || item.criteria[i].text != next.text)) {
                only_ticks = false;
            }
            criteria.push_back(std::move(next));
        }
        if (criteria.size() != item.criteria.size() ||
            !std::equal(criteria.begin(),
                        criteria.end(),
                        item.criteria.begin(),
                        [](const auto& a, const auto& b) {
                            return a.id == b.id && a.text == b.text && a.done == b.done;
                        })) {
            changed.insert(only_ticks ? "criteria_ticks" : "criteria");
            item.criteria = std::move(criteria);
        }
    }
    if (in.ready_checks) {
        set(item.ready_checks, *in.ready_checks, "ready_checks");
    }
    if (in.done_checks) {
        set(item.done_checks, *in.done_checks, "done_checks");
    }
    if (in.fields) {
        auto fields = item.fields;
        for (const auto& kv : *in.fields) {
            const auto* def = settings.FindField(kv.key());
            if (def == nullptr) {
                issues.push_back(
                    {"fields." + std::string(kv.key()), "is not a custom field of this product"});
                continue;
            }
            auto value = ReadFieldValue(*def, kv.value(), issues);
            if (!value) {
                fields.erase(def->id);
                continue;
            }
            bool user_exists = true;
            if (def->type == domain::CustomFieldType::kUser && value->texts.size() == 1) {
                user_exists = tx.GetUser(item.workspace_id, value->texts[0]).has_value();
            }
            const std::size_t before = issues.size();
            domain::CheckFieldValue(issues, *def, *value, user_exists);
            if (issues.size() == before) {
                fields[def->id] = std::move(*value);
            }
        }
        if (fields.size() != item.fields.size() ||
            !std::equal(fields.begin(),
                        fields.end(),
                        item.fields.begin(),
                        [](const auto& a, const auto& b) {
                            return a.first == b.first && a.second.texts == b.second.texts &&
                                   a.second.number == b.second.number;
                        })) {
            item.fields = std::move(fields);
            changed.insert("fields");
        }
    }
    return {};
}

Result<void> CheckRights(const FieldRights& rights, const std::set<std::string>& changed) {
    if (rights.all) {
        return {};
    }
    static const std::set<std::string> kWorking = {"status",
                                                   "points",
                                                   "priority",
                                                   "assignee_id",
                                                   "criteria_ticks",
                                                   "ready_checks",
                                                   "done_checks"};
    static const std::set<std::string> kAlignment = {"goal_id", "initiative_id"};
    static const std::set<std::string> kBoard = {"status", "priority", "assignee_id"};
    std::string refused;
    bool only_working = true;  // everything refused is a working field (theirs if assigned)
    for (const auto& f : changed) {
        const bool ok = (rights.working && kWorking.count(f) > 0) ||
                        (rights.alignment && kAlignment.count(f) > 0) ||
                        (rights.board && kBoard.count(f) > 0);
        if (!ok) {
            only_working = only_working && kWorking.count(f) > 0;
            refused += (refused.empty() ? "" : ", ") + (f == "criteria_ticks" ? "criteria" : f);
        }
    }
    if (!refused.empty()) {
        return Fail(
            Forbidden(rights.others && only_working
                          ? "the item is assigned to someone else: only its assignee or the "
                            "Product Owner may change " +
                                refused
                          : "your role on this product does not allow changing " + refused +
                                " of this item"));
    }
    return {};
}

void RequiredFields(const domain::BacklogSettings& settings,
                    const domain::Item& item,
                    domain::Issues& issues) {
    for (const auto& f : settings.fields) {
        if (f.required && item.fields.count(f.id) == 0) {
            issues.push_back({"fields." + f.key, "is required"});
        }
    }
}

ItemRef RefOf(const domain::Item& i, std::string_view product_key) {
    return {i.id, domain::ItemKey(product_key, i.number), i.title, i.type, i.status};
}

Result<domain::Item> InsertNew(storage::Tx& tx,
                               const std::string& workspace_id,
                               const domain::Product& product,
                               const std::string& actor_id,
                               const ItemInput& input,
                               bool top,
                               std::int64_t now) {
    TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, workspace_id, product.id));
    domain::Issues issues = input.issues;
    if (!input.type) {
        issues.push_back({"type", "is required"});
    }
    if (!input.title) {
        issues.push_back({"title", "is required"});
    }
    domain::Item item;
    item.workspace_id = workspace_id;
    item.product_id = product.id;
    item.id = NewId("itm", now);
    item.status = settings.statuses.empty() ? "" : settings.statuses.front().key;
    item.created_by = actor_id;
    item.created_at = now;
    item.updated_at = now;
    std::set<std::string> changed;
    TL_TRY(Apply(tx, input, settings, item, changed, issues, now));
    if (const auto* st = settings.FindStatus(item.status)) {
        item.category = st->category;
        if (st->category == domain::StatusCategory::kDone) {
            issues.push_back({"status", "a new item cannot start done"});
        }
    }
    if (input.type && input.title) {
        for (auto& i : domain::ValidateItem(item, settings)) {
            issues.push_back(std::move(i));
        }
        TL_TRY(CheckHierarchy(tx, item, nullptr, issues));
    }
    RequiredFields(settings, item, issues);
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    TL_TRY(tx.LockScope("ranks:" + product.id));
    TL_ASSIGN_OR_RETURN(item.number, tx.TakeItemNumber(workspace_id, product.id));
    TL_ASSIGN_OR_RETURN(auto edge, tx.EdgeRank(workspace_id, product.id, !top));
    TL_ASSIGN_OR_RETURN(item.rank,
                        RankFor(tx,
                                workspace_id,
                                product.id,
                                item.id,
                                top ? std::string() : edge,
                                top ? edge : std::string(),
                                actor_id,
                                now));
    TL_TRY(tx.InsertItem(item));
    TL_TRY(tx.ReindexItem(workspace_id, item.id));
    if (!actor_id.empty()) {
        TL_TRY(tx.AddWatcher(workspace_id, item.id, actor_id));
    }
    TL_TRY(RecordEvent(
        tx,
        workspace_id,
        actor_id,
        now,
        {"item", item.id, product.id, "created", {}, ToJson(item, product.key, settings)}));
    return item;
}

}  // namespace

json::object ToJson(const domain::Item& i,
                    std::string_view product_key,
                    const domain::BacklogSettings& settings) {
    json::array criteria;
    for (const auto& c : i.criteria) {
        criteria.push_back(json::object{{"id", c.id}, {"text", c.text}, {"done", c.done}});
    }
    json::array labels;
    for (const auto& l : i.labels) {
        labels.emplace_back(l);
    }
    json::object fields;
    for (const auto& f : settings.fields) {
        auto it = i.fields.find(f.id);
        if (it != i.fields.end()) {
            fields[f.key] = FieldValueJson(f, it->second);
        }
    }
    auto checks = [](const std::vector<std::string>& ids) {
        json::array a;
        for (const auto& id : ids) {
            a.emplace_back(id);
        }
        return a;
    };
    return json::object{{"id", i.id},
                        {"key", domain::ItemKey(product_key, i.number)},
                        {"product_id", i.product_id},
                        {"type", domain::ToString(i.type)},
                        {"title", i.title},
                        {"description", i.description},
                        {"status", i.status},
                        {"category", domain::ToString(i.category)},
                        {"points", PointsOrNull(i.points)},
                        {"priority", domain::ToString(i.priority)},
                        {"assignee_id", StringOrNull(i.assignee_id)},
                        {"parent_id", StringOrNull(i.parent_id)},
                        {"goal_id", StringOrNull(i.goal_id)},
                        {"initiative_id", StringOrNull(i.initiative_id)},
                        {"sprint_id", StringOrNull(i.sprint_id)},
                        {"release_id", StringOrNull(i.release_id)},
                        {"rank", i.rank},
                        {"labels", std::move(labels)},
                        {"criteria", std::move(criteria)},
                        {"fields", std::move(fields)},
                        {"ready_checks", checks(i.ready_checks)},
                        {"done_checks", checks(i.done_checks)},
                        {"accepted_at", TimeOrNull(i.accepted_at)},
                        {"accepted_by", StringOrNull(i.accepted_by)},
                        {"done_at", TimeOrNull(i.done_at)},
                        {"created_by", StringOrNull(i.created_by)},
                        {"version", i.version},
                        {"created_at", FormatTime(i.created_at)},
                        {"updated_at", FormatTime(i.updated_at)}};
}

Result<domain::Item> AuthorizeItem(storage::Tx& tx,
                                   const Actor& actor,
                                   const std::string& id_or_key,
                                   domain::Action action,
                                   std::vector<domain::Role>* roles_out) {
    TL_ASSIGN_OR_RETURN(auto item, ResolveItem(tx, actor.workspace_id, id_or_key));
    auto product = AuthorizeProduct(tx, actor, item.product_id, action, roles_out);
    if (!product && product.error().code == ErrorCode::kForbidden) {
        // Without even read access the item stays invisible.
        TL_ASSIGN_OR_RETURN(auto roles, RolesOn(tx, actor, item.product_id));
        if (roles.empty() && !actor.is_admin) {
            return Fail(NotFound("item"));
        }
    }
    TL_TRY(product);
    return item;
}

Result<std::vector<ItemView>> LoadItemViews(storage::Tx& tx,
                                            const Actor& actor,
                                            std::vector<domain::Item> items,
                                            bool with_links) {
    std::vector<ItemView> views;
    if (items.empty()) {
        return views;
    }
    const std::string ws = items[0].workspace_id;  // a copy: the items are moved below
    TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(ws, items[0].product_id));
    TL_ASSIGN_OR_RETURN(auto loaded, LoadBacklogSettings(tx, ws, product.id));
    const auto settings = std::make_shared<const domain::BacklogSettings>(std::move(loaded));
    // Ancestors (up to three levels) for parent references and alignment.
    std::map<std::string, domain::Item> known;
    for (const auto& i : items) {
        known.emplace(i.id, i);
    }
    for (int level = 0; level < 3; ++level) {
        std::vector<std::string> missing;
        for (const auto& [id, i] : known) {
            if (!i.parent_id.empty() && known.count(i.parent_id) == 0) {
                missing.push_back(i.parent_id);
            }
        }
        if (missing.empty()) {
            break;
        }
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        TL_ASSIGN_OR_RETURN(auto parents, tx.GetItems(ws, missing));
        for (auto& p : parents) {
            known.emplace(p.id, std::move(p));
        }
    }
    // Roll-ups of the page's epics and features, in one query.
    std::vector<std::string> parents;
    for (const auto& i : items) {
        if (i.type == domain::ItemType::kEpic || i.type == domain::ItemType::kFeature) {
            parents.push_back(i.id);
        }
    }
    TL_ASSIGN_OR_RETURN(auto rollups, tx.RollupsOf(ws, parents));
    // The goals and initiatives named, each list read once when any is named.
    std::map<std::string, std::string> goal_objectives;
    std::map<std::string, std::string> initiative_names;
    const bool any_goal =
        std::any_of(items.begin(), items.end(), [](const auto& i) { return !i.goal_id.empty(); });
    const bool any_initiative = std::any_of(
        items.begin(), items.end(), [](const auto& i) { return !i.initiative_id.empty(); });
    if (any_goal) {
        TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals(ws, product.id));
        for (const auto& g : goals) {
            goal_objectives.emplace(g.id, g.objective);
        }
    }
    if (any_initiative) {
        TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives(ws, product.id));
        for (const auto& i : initiatives) {
            initiative_names.emplace(i.id, i.name);
        }
    }
    UserNames names(tx, ws);
    std::vector<std::string> watched;
    if (with_links) {
        TL_ASSIGN_OR_RETURN(watched, tx.ListWatchers(ws, items[0].id));
    }
    for (auto& item : items) {
        ItemView v;
        v.key = domain::ItemKey(product.key, item.number);
        v.product_key = product.key;
        v.settings = settings;
        v.assignee_name = names.Of(item.assignee_id);
        if (auto g = goal_objectives.find(item.goal_id); g != goal_objectives.end()) {
            v.goal_objective = g->second;
        }
        if (auto i = initiative_names.find(item.initiative_id); i != initiative_names.end()) {
            v.initiative_name = i->second;
        }
        bool aligned_above = false;
        for (auto p = known.find(item.parent_id); p != known.end();
             p = known.find(p->second.parent_id)) {
            if (!v.parent) {
                v.parent = RefOf(p->second, product.key);
            }
            aligned_above =
                aligned_above || !p->second.goal_id.empty() || !p->second.initiative_id.empty();
            if (p->second.parent_id.empty()) {
                break;
            }
        }
        if (item.type == domain::ItemType::kEpic || item.type == domain::ItemType::kFeature) {
            auto r = rollups.find(item.id);
            v.rollup = r != rollups.end() ? r->second : domain::Rollup{};
        }
        v.flags = domain::RefinementFlags(item, *settings, aligned_above);
        v.ready = domain::IsReady(item, *settings);
        if (with_links) {
            v.watching = std::find(watched.begin(), watched.end(), actor.user_id) != watched.end();
            TL_ASSIGN_OR_RETURN(auto links, tx.ListLinksOf(ws, item.id));
            std::vector<std::string> others;
            for (const auto& l : links) {
                others.push_back(l.source_id == item.id ? l.target_id : l.source_id);
            }
            TL_ASSIGN_OR_RETURN(auto other_items, tx.GetItems(ws, others));
            std::map<std::string, const domain::Item*> by_id;
            for (const auto& o : other_items) {
                by_id[o.id] = &o;
            }
            for (const auto& l : links) {
                const bool from_target = l.target_id == item.id && l.source_id != item.id;
                const auto& other_id = from_target ? l.source_id : l.target_id;
                auto o = by_id.find(other_id);
                if (o == by_id.end()) {
                    continue;
                }
                v.links.push_back({l.id,
                                   std::string(domain::LinkSpellingFor(l.kind, from_target)),
                                   RefOf(*o->second, product.key)});
            }
        }
        v.item = std::move(item);
        views.push_back(std::move(v));
    }
    return views;
}

Result<ItemView> CreateItem(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const ItemInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        auto product =
            AuthorizeProduct(tx, actor, product_id, domain::Action::kBacklogPropose, &roles);
        if (!product && product.error().code == ErrorCode::kForbidden && input.parent_id &&
            input.type == domain::ItemType::kTask) {
            // Team members add tasks under the items they work on.
            TL_ASSIGN_OR_RETURN(
                auto parent,
                AuthorizeItem(
                    tx, actor, *input.parent_id, domain::Action::kBacklogEditFields, &roles));
            if (parent.product_id != product_id || !RightsOn(roles, actor, parent).working) {
                return Fail(product.error());
            }
            TL_ASSIGN_OR_RETURN(product, tx.GetProduct(actor.workspace_id, product_id));
        }
        TL_TRY(product);
        const bool owner = Has(roles, domain::Role::kProductOwner);
        const bool top = input.position == "top";
        if (top && !owner) {
            return Fail(
                Forbidden("only the Product Owner ranks: new items from others go to "
                          "the bottom of the backlog"));
        }
        if (!owner && (input.status || input.points || input.assignee_id || input.priority) &&
            !(input.type == domain::ItemType::kTask)) {
            return Fail(
                Forbidden("only the Product Owner sets status, estimate, priority or assignee "
                          "when creating an item"));
        }
        TL_ASSIGN_OR_RETURN(
            auto item, InsertNew(tx, actor.workspace_id, *product, actor.user_id, input, top, now));
        id = item.id;
        return {};
    }));
    return GetItem(ctx, actor, id);
}

Result<domain::Item> CreateItemAsSystem(AppContext& ctx,
                                        const std::string& workspace_id,
                                        const std::string& product_id,
                                        const std::string& author_id,
                                        const ItemInput& input) {
    domain::Item out;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(workspace_id, product_id));
        TL_ASSIGN_OR_RETURN(out,
                            InsertNew(tx,
                                      workspace_id,
                                      product,
                                      author_id,
                                      input,
                                      input.position == "top",
                                      ctx.clock.NowMs()));
        return {};
    }));
    return out;
}

Result<ItemView> GetItem(AppContext& ctx, const Actor& actor, const std::string& id) {
    ItemView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kProductRead));
        std::vector<domain::Item> one;
        one.push_back(std::move(item));
        TL_ASSIGN_OR_RETURN(auto views, LoadItemViews(tx, actor, std::move(one), true));
        view = std::move(views[0]);
        return {};
    }));
    return view;
}

Result<ItemView> UpdateItem(AppContext& ctx,
                            const Actor& actor,
                            const std::string& id,
                            const ItemInput& input,
                            std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string item_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        // The gate; which fields the actor's roles may change is checked below.
        TL_ASSIGN_OR_RETURN(auto current,
                            AuthorizeItem(tx, actor, id, domain::Action::kBacklogChange, &roles));
        item_id = current.id;
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, current.product_id));
        TL_ASSIGN_OR_RETURN(auto settings,
                            LoadBacklogSettings(tx, actor.workspace_id, current.product_id));
        domain::Issues issues = input.issues;
        domain::Item next = current;
        std::set<std::string> changed;
        if (input.position) {
            issues.push_back({"position", "is only for creating; use POST /items/{id}/move"});
        }
        TL_TRY(Apply(tx, input, settings, next, changed, issues, now));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(CheckRights(RightsOn(roles, actor, current), changed));
        for (auto& i : domain::ValidateItem(next, settings)) {
            issues.push_back(std::move(i));
        }
        if (changed.count("type") || changed.count("parent_id")) {
            TL_TRY(CheckHierarchy(tx, next, &current, issues));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the item was changed since version " + std::to_string(*if_match)));
        }
        if (changed.empty()) {
            return {};
        }
        TL_TRY(CheckStatusChange(tx, settings, current, next, roles, actor, now));
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateItem(next, current.version));
        TL_TRY(RecordReestimate(tx, actor.user_id, current, next, now, ""));
        if (changed.count("title") || changed.count("description") || changed.count("criteria")) {
            TL_TRY(tx.ReindexItem(actor.workspace_id, next.id));
        }
        std::string what;
        for (const auto& f : changed) {
            what +=
                (what.empty() ? "" : ", ") + (f == "criteria_ticks" ? std::string("criteria") : f);
        }
        TL_TRY(NotifyWatchers(
            tx,
            actor,
            next,
            product.key,
            actor.name + " changed " + domain::ItemKey(product.key, next.number) + ": " + what,
            now));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item",
                            next.id,
                            next.product_id,
                            "updated",
                            ToJson(current, product.key, settings),
                            ToJson(next, product.key, settings)});
    }));
    return GetItem(ctx, actor, item_id);
}

Result<void> DeleteItem(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        TL_ASSIGN_OR_RETURN(auto children, tx.ListChildren(actor.workspace_id, item.id));
        if (!children.empty()) {
            return Fail(Conflict("the item has " + std::to_string(children.size()) +
                                 " child items; move or delete them first"));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, item.product_id));
        TL_ASSIGN_OR_RETURN(auto settings,
                            LoadBacklogSettings(tx, actor.workspace_id, item.product_id));
        TL_TRY(RecordSprintItemDeleted(tx, actor.user_id, item, now));
        TL_TRY(RecordReleaseItemDeleted(tx, actor.user_id, item, now));
        TL_TRY(tx.DeleteItem(actor.workspace_id, item.id));
        return RecordEvent(
            tx,
            actor.workspace_id,
            actor.user_id,
            now,
            {"item", item.id, item.product_id, "deleted", ToJson(item, product.key, settings), {}});
    });
}

Result<ItemPageView> ListItems(AppContext& ctx,
                               const Actor& actor,
                               const std::string& product_id,
                               const std::string& query,
                               const std::string& cursor,
                               int limit) {
    ItemPageView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, actor.workspace_id, product_id));
        storage::ItemQuery q;
        q.product_id = product_id;
        q.filter = query;
        q.context.product_key = product.key;
        q.context.me_user_id = actor.user_id;
        q.context.now_ms = ctx.clock.NowMs();
        q.context.fields = settings.fields;
        q.cursor = cursor;
        q.limit = limit;
        TL_ASSIGN_OR_RETURN(auto page, tx.ListItems(actor.workspace_id, q));
        out.next_cursor = page.next_cursor;
        TL_ASSIGN_OR_RETURN(out.items, LoadItemViews(tx, actor, std::move(page.items), false));
        return {};
    }));
    return out;
}

Result<std::vector<ItemView>> ExportItems(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          const std::string& query) {
    std::vector<ItemView> all;
    std::string cursor;
    do {
        TL_ASSIGN_OR_RETURN(auto page, ListItems(ctx, actor, product_id, query, cursor, 200));
        if (all.size() + page.items.size() > kMaxExportItems) {
            return Fail(MakeError(ErrorCode::kPayloadTooLarge,
                                  "an export holds at most " + std::to_string(kMaxExportItems) +
                                      " items; narrow it with a query"));
        }
        std::move(page.items.begin(), page.items.end(), std::back_inserter(all));
        cursor = std::move(page.next_cursor);
    } while (!cursor.empty());
    return all;
}

Result<ItemView> MoveItem(AppContext& ctx,
                          const Actor& actor,
                          const std::string& id,
                          const MoveInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::string item_id;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        domain::Issues issues = input.issues;
        const int given = !input.before.empty() + !input.after.empty() + !input.position.empty();
        if (given != 1) {
            issues.push_back({"before", "give exactly one of before, after or position"});
        }
        if (!input.position.empty() && input.position != "top" && input.position != "bottom") {
            issues.push_back({"position", "must be top or bottom"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        item_id = item.id;
        const auto& ws = actor.workspace_id;
        // Serialises every rank writer of this backlog, on every node.
        TL_TRY(tx.LockScope("ranks:" + item.product_id));
        TL_ASSIGN_OR_RETURN(item, tx.GetItem(ws, item.id));  // its rank as of the lock
        std::string lo;
        std::string hi;
        if (!input.position.empty()) {
            const bool bottom = input.position == "bottom";
            TL_ASSIGN_OR_RETURN(auto edge, tx.EdgeRank(ws, item.product_id, bottom));
            if (edge == item.rank) {
                return {};  // already there
            }
            (bottom ? lo : hi) = edge;
        } else {
            const bool before = !input.before.empty();
            const std::string field = before ? "before" : "after";
            TL_ASSIGN_OR_RETURN(
                auto anchor,
                ReferencedItem(
                    tx, ws, item.product_id, before ? input.before : input.after, field));
            if (anchor.id == item.id) {
                return Fail(ValidationFailed({{field, "must be another item"}}));
            }
            TL_ASSIGN_OR_RETURN(auto other,
                                tx.NeighbourRank(ws, item.product_id, anchor.rank, !before));
            if (other == item.rank) {
                return {};  // already right there
            }
            lo = before ? other : anchor.rank;
            hi = before ? anchor.rank : other;
        }
        TL_ASSIGN_OR_RETURN(auto rank,
                            RankFor(tx, ws, item.product_id, item.id, lo, hi, actor.user_id, now));
        const std::string before_rank = item.rank;
        const std::int64_t old_version = item.version;
        item.rank = rank;
        item.version = old_version + 1;
        item.updated_at = now;
        TL_TRY(tx.UpdateItemRank(item, old_version));
        return RecordEvent(tx,
                           ws,
                           actor.user_id,
                           now,
                           {"item",
                            item.id,
                            item.product_id,
                            "moved",
                            json::object{{"rank", before_rank}},
                            json::object{{"rank", rank}}});
    }));
    return GetItem(ctx, actor, item_id);
}

Result<ItemView> AcceptItem(AppContext& ctx, const Actor& actor, const std::string& id) {
    std::string status;
    std::int64_t version = 0;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        TL_ASSIGN_OR_RETURN(auto settings,
                            LoadBacklogSettings(tx, actor.workspace_id, item.product_id));
        const auto* done = settings.FirstOf(domain::StatusCategory::kDone);
        if (item.category == domain::StatusCategory::kDone) {
            return Fail(Conflict("the item is already done"));
        }
        status = done->key;
        version = item.version;
        return {};
    }));
    ItemInput input;
    input.status = status;
    return UpdateItem(ctx, actor, id, input, version);
}

Result<std::vector<ItemView>> BulkEditItems(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const BulkInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::vector<std::string> ids;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeProduct(tx, actor, product_id, domain::Action::kBacklogWrite, &roles));
        domain::Issues issues = input.issues;
        if (input.item_ids.empty() || input.item_ids.size() > 200) {
            issues.push_back({"item_ids", "must list 1 to 200 items"});
        }
        if (!input.status && !input.assignee_id && !input.points && !input.priority &&
            input.add_labels.empty() && input.remove_labels.empty()) {
            issues.push_back({"changes", "name at least one change"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, actor.workspace_id, product_id));
        for (std::size_t k = 0; k < input.item_ids.size(); ++k) {
            auto current = ResolveItem(tx, actor.workspace_id, input.item_ids[k]);
            if (!current || current->product_id != product_id) {
                return Fail(ValidationFailed(
                    {{"item_ids." + std::to_string(k), "no such item in this product"}}));
            }
            ItemInput one;
            one.status = input.status;
            one.assignee_id = input.assignee_id;
            one.points = input.points;
            one.priority = input.priority;
            if (!input.add_labels.empty() || !input.remove_labels.empty()) {
                std::vector<std::string> labels = current->labels;
                for (const auto& l : input.add_labels) {
                    labels.push_back(l);
                }
                for (const auto& l : input.remove_labels) {
                    auto norm = domain::NormalizeLabel(l).value_or(l);
                    labels.erase(std::remove(labels.begin(), labels.end(), norm), labels.end());
                }
                one.labels = std::move(labels);
            }
            domain::Item next = *current;
            std::set<std::string> changed;
            domain::Issues item_issues;
            TL_TRY(Apply(tx, one, settings, next, changed, item_issues, now));
            for (auto& i : domain::ValidateItem(next, settings)) {
                item_issues.push_back(std::move(i));
            }
            if (!item_issues.empty()) {
                for (auto& i : item_issues) {
                    i.field = domain::ItemKey(product.key, current->number) + "." + i.field;
                }
                return Fail(ValidationFailed(std::move(item_issues)));
            }
            ids.push_back(next.id);
            if (changed.empty()) {
                continue;
            }
            auto status = CheckStatusChange(tx, settings, *current, next, roles, actor, now);
            if (!status) {
                Error e = status.error();
                e.message = domain::ItemKey(product.key, current->number) + ": " + e.message;
                return Fail(std::move(e));
            }
            next.version = current->version + 1;
            next.updated_at = now;
            TL_TRY(tx.UpdateItem(next, current->version));
            TL_TRY(RecordReestimate(tx, actor.user_id, *current, next, now, "bulk edit"));
            TL_TRY(RecordEvent(tx,
                               actor.workspace_id,
                               actor.user_id,
                               now,
                               {"item",
                                next.id,
                                product_id,
                                "updated",
                                ToJson(*current, product.key, settings),
                                ToJson(next, product.key, settings)}));
        }
        return {};
    }));
    std::vector<ItemView> views;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(actor.workspace_id, ids));
        TL_ASSIGN_OR_RETURN(views, LoadItemViews(tx, actor, std::move(items), false));
        return {};
    }));
    return views;
}

Result<std::vector<ItemView>> SplitItem(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const SplitInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    std::vector<std::string> created;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        domain::Issues issues = input.issues;
        if (input.as != "siblings" && input.as != "children") {
            issues.push_back({"as", "must be siblings or children"});
        }
        if (input.parts.empty() || input.parts.size() > 20) {
            issues.push_back({"stories", "must list 1 to 20 new stories"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, item.product_id));
        TL_ASSIGN_OR_RETURN(auto settings,
                            LoadBacklogSettings(tx, actor.workspace_id, item.product_id));
        const bool children = input.as == "children";
        if (children && item.type != domain::ItemType::kFeature) {
            return Fail(ValidationFailed(
                {{"as",
                  "only a feature can be split into child stories; split a story into "
                  "siblings"}}));
        }
        if (!children && domain::Level(item.type) != 2) {
            return Fail(ValidationFailed(
                {{"as", "siblings are split from a story, bug, spike or tech-debt item"}}));
        }
        domain::Item original = item;
        std::set<std::string> moved;
        for (std::size_t p = 0; p < input.parts.size(); ++p) {
            for (std::size_t c = 0; c < input.parts[p].criteria.size(); ++c) {
                const auto& cid = input.parts[p].criteria[c];
                const bool known = std::any_of(item.criteria.begin(),
                                               item.criteria.end(),
                                               [&](const auto& k) { return k.id == cid; });
                const std::string at =
                    "stories." + std::to_string(p) + ".criteria." + std::to_string(c);
                if (!known) {
                    issues.push_back(
                        {at, "is not a criterion of " + domain::ItemKey(product.key, item.number)});
                } else if (!moved.insert(cid).second) {
                    issues.push_back({at, "is moved twice"});
                }
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.LockScope("ranks:" + item.product_id));
        // New siblings go right after the item, in the order given.
        std::string lo = item.rank;
        for (std::size_t p = 0; p < input.parts.size(); ++p) {
            const auto& part = input.parts[p];
            ItemInput in;
            in.type = children ? domain::ItemType::kStory : item.type;
            in.title = part.title;
            in.parent_id = children ? item.id : item.parent_id;
            in.goal_id = children ? std::string() : item.goal_id;
            in.initiative_id = children ? std::string() : item.initiative_id;
            in.labels = item.labels;
            if (part.points) {
                in.points = part.points;
            }
            std::vector<CriterionInput> criteria;
            for (const auto& c : item.criteria) {
                if (std::find(part.criteria.begin(), part.criteria.end(), c.id) !=
                    part.criteria.end()) {
                    criteria.push_back({"", c.text, c.done});
                }
            }
            in.criteria = std::move(criteria);
            auto part_item =
                InsertNew(tx, actor.workspace_id, product, actor.user_id, in, false, now);
            if (!part_item) {
                Error e = part_item.error();
                for (auto& d : e.details) {
                    d.field = "stories." + std::to_string(p) + "." + d.field;
                }
                return Fail(std::move(e));
            }
            if (!children) {
                // From the bottom to right after the item (or the previous part).
                TL_ASSIGN_OR_RETURN(
                    auto hi, tx.NeighbourRank(actor.workspace_id, item.product_id, lo, true));
                if (hi == part_item->rank) {
                    lo = hi;
                } else {
                    TL_ASSIGN_OR_RETURN(auto rank,
                                        RankFor(tx,
                                                actor.workspace_id,
                                                item.product_id,
                                                part_item->id,
                                                lo,
                                                hi,
                                                actor.user_id,
                                                now));
                    domain::Item placed = *part_item;
                    placed.rank = rank;
                    placed.version = part_item->version + 1;
                    TL_TRY(tx.UpdateItemRank(placed, part_item->version));
                    lo = rank;
                }
            }
            created.push_back(part_item->id);
        }
        // Stories split off an item of a sprint or a release join that sprint and release.
        if (!children && (!item.sprint_id.empty() || !item.release_id.empty())) {
            TL_ASSIGN_OR_RETURN(auto parts, tx.GetItems(actor.workspace_id, created));
            std::sort(parts.begin(), parts.end(), [&](const auto& a, const auto& b) {
                return std::find(created.begin(), created.end(), a.id) <
                       std::find(created.begin(), created.end(), b.id);
            });
            const std::string original_key = domain::ItemKey(product.key, item.number);
            TL_TRY(JoinSprintOfOriginal(tx, actor.user_id, item, parts, original_key, now));
            TL_TRY(JoinReleaseOfOriginal(tx, actor.user_id, item, parts, original_key, now));
        }
        // The moved criteria leave the original item.
        item.criteria.erase(std::remove_if(item.criteria.begin(),
                                           item.criteria.end(),
                                           [&](const auto& c) { return moved.count(c.id) > 0; }),
                            item.criteria.end());
        TL_ASSIGN_OR_RETURN(item, tx.GetItem(actor.workspace_id, item.id));  // ranks may have moved
        item.criteria.erase(std::remove_if(item.criteria.begin(),
                                           item.criteria.end(),
                                           [&](const auto& c) { return moved.count(c.id) > 0; }),
                            item.criteria.end());
        item.version = item.version + 1;
        item.updated_at = now;
        TL_TRY(tx.UpdateItem(item, item.version - 1));
        TL_TRY(tx.ReindexItem(actor.workspace_id, item.id));
        json::array parts;
        for (const auto& c : created) {
            parts.emplace_back(c);
        }
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item",
                            item.id,
                            item.product_id,
                            "split",
                            ToJson(original, product.key, settings),
                            [&] {
                                json::object after = ToJson(item, product.key, settings);
                                after["split_into"] = std::move(parts);
                                return after;
                            }()});
    }));
    std::vector<ItemView> views;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(actor.workspace_id, created));
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            return a.number < b.number;
        });
        TL_ASSIGN_OR_RETURN(views, LoadItemViews(tx, actor, std::move(items), false));
        return {};
    }));
    return views;
}

Result<LinkView> AddLink(AppContext& ctx,
                         const Actor& actor,
                         const std::string& id,
                         const LinkInput& input) {
    const auto spelling = domain::ParseLinkSpelling(input.kind);
    const std::string& target = input.target;
    const std::int64_t now = ctx.clock.NowMs();
    LinkView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        domain::Issues issues = input.issues;
        if (!spelling) {
            issues.push_back({"kind",
                              "must be one of blocks, blocked_by, relates, duplicates, "
                              "duplicated_by"});
        }
        if (target.empty()) {
            issues.push_back({"target_id", "is required"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(
            auto other,
            ReferencedItem(tx, actor.workspace_id, item.product_id, target, "target_id"));
        if (other.id == item.id) {
            return Fail(ValidationFailed({{"target_id", "an item cannot be linked to itself"}}));
        }
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, item.product_id));
        domain::ItemLink link;
        link.id = NewId("lnk", now);
        link.workspace_id = actor.workspace_id;
        link.product_id = item.product_id;
        link.kind = spelling->kind;
        link.source_id = spelling->inverse ? other.id : item.id;
        link.target_id = spelling->inverse ? item.id : other.id;
        link.created_at = now;
        if (link.kind == domain::LinkKind::kBlocks) {
            TL_ASSIGN_OR_RETURN(auto edges,
                                tx.ListBlocksEdges(actor.workspace_id, item.product_id));
            auto path = domain::BlocksCyclePath(edges, link.source_id, link.target_id);
            if (!path.empty()) {
                TL_ASSIGN_OR_RETURN(auto on_path, tx.GetItems(actor.workspace_id, path));
                std::map<std::string, std::string> keys;
                for (const auto& p : on_path) {
                    keys[p.id] = domain::ItemKey(product.key, p.number);
                }
                std::string text;
                for (const auto& p : path) {
                    text += (text.empty() ? "" : " blocks ") + keys[p];
                }
                Error e = Conflict("this link would close a cycle of blocking items: " + text +
                                   " blocks " + keys[link.target_id]);
                e.details.push_back({"target_id", "would close a cycle of blocks"});
                return Fail(std::move(e));
            }
        }
        // "Relates" is symmetric: the same pair the other way round is the same link.
        if (link.kind == domain::LinkKind::kRelates) {
            TL_ASSIGN_OR_RETURN(auto existing, tx.ListLinksOf(actor.workspace_id, item.id));
            for (const auto& l : existing) {
                if (l.kind == domain::LinkKind::kRelates &&
                    (l.source_id == other.id || l.target_id == other.id)) {
                    return Fail(Conflict("these items are already linked this way"));
                }
            }
        }
        TL_TRY(tx.InsertLink(link));
        json::object after{
            {"link_id", link.id},
            {"kind", domain::ToString(link.kind)},
            {"source",
             link.source_id == item.id ? domain::ItemKey(product.key, item.number)
                                       : domain::ItemKey(product.key, other.number)},
            {"target",
             link.target_id == item.id ? domain::ItemKey(product.key, item.number)
                                       : domain::ItemKey(product.key, other.number)}};
        TL_TRY(RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item", item.id, item.product_id, "linked", {}, after}));
        TL_TRY(RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item", other.id, item.product_id, "linked", {}, after}));
        view.id = link.id;
        view.kind = std::string(domain::LinkSpellingFor(link.kind, spelling->inverse));
        view.item = RefOf(other, product.key);
        return {};
    }));
    return view;
}

Result<void> RemoveLink(AppContext& ctx,
                        const Actor& actor,
                        const std::string& id,
                        const std::string& link_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, AuthorizeItem(tx, actor, id, domain::Action::kBacklogWrite));
        TL_ASSIGN_OR_RETURN(auto link, tx.GetLink(actor.workspace_id, link_id));
        if (link.source_id != item.id && link.target_id != item.id) {
            return Fail(NotFound("link"));
        }
        TL_TRY(tx.DeleteLink(actor.workspace_id, link.id));
        json::object before{{"link_id", link.id},
                            {"kind", domain::ToString(link.kind)},
                            {"source_id", link.source_id},
                            {"target_id", link.target_id}};
        TL_TRY(RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item", link.source_id, item.product_id, "unlinked", before, {}}));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"item", link.target_id, item.product_id, "unlinked", before, {}});
    });
}

Result<std::vector<ItemView>> RefinementQueue(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id) {
    std::vector<ItemView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        storage::ItemQuery q;
        q.product_id = product_id;
        q.limit = 200;
        for (;;) {
            TL_ASSIGN_OR_RETURN(auto page, tx.ListItems(actor.workspace_id, q));
            std::vector<domain::Item> open;
            for (auto& i : page.items) {
                if (i.category == domain::StatusCategory::kToDo &&
                    i.type != domain::ItemType::kTask) {
                    open.push_back(std::move(i));
                }
            }
            TL_ASSIGN_OR_RETURN(auto views, LoadItemViews(tx, actor, std::move(open), false));
            for (auto& v : views) {
                const bool story_like = domain::Level(v.item.type) == 2;
                if (!v.flags.empty() || (story_like && !v.ready)) {
                    out.push_back(std::move(v));
                }
            }
            if (page.next_cursor.empty() || out.size() >= 500) {
                break;
            }
            q.cursor = page.next_cursor;
        }
        return {};
    }));
    return out;
}

Result<domain::Item> InsertItemInTx(storage::Tx& tx,
                                    const std::string& workspace_id,
                                    const domain::Product& product,
                                    const std::string& author_id,
                                    const ItemInput& input,
                                    bool top,
                                    std::int64_t now) {
    return InsertNew(tx, workspace_id, product, author_id, input, top, now);
}

Result<domain::Item> ResolveItem(storage::Tx& tx,
                                 const std::string& workspace_id,
                                 const std::string& id_or_key) {
    if (auto key = domain::ParseItemKey(id_or_key)) {
        TL_ASSIGN_OR_RETURN(auto found,
                            tx.FindItemByKey(workspace_id, key->product_key, key->number));
        if (!found) {
            return Fail(NotFound("item"));
        }
        return std::move(*found);
    }
    return tx.GetItem(workspace_id, id_or_key);
}

}  // namespace tl::app
