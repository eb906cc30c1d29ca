#include "app/customer_voice/customer_voice.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "app/field_issues.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"
#include "domain/sprint.hpp"

namespace tl::app {

namespace json = boost::json;
using domain::Action;

namespace {

bool MayReadRevenue(const Actor& actor, const std::vector<domain::Role>& roles) {
    return domain::Allows(roles, actor.is_admin, Action::kMarketRead);
}

// PM and PO: those holding backlog.propose.
bool Decides(const Actor& actor, const std::vector<domain::Role>& roles) {
    return domain::Allows(roles, actor.is_admin, Action::kBacklogPropose);
}

Result<void> Event(storage::Tx& tx,
                   const Actor& actor,
                   std::int64_t now,
                   std::string entity_type,
                   const std::string& entity_id,
                   const std::string& product_id,
                   std::string action,
                   json::object before,
                   json::object after) {
    return RecordEvent(tx,
                       actor,
                       now,
                       {std::move(entity_type),
                        entity_id,
                        product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

json::value RefOrNull(const std::string& id, const std::string& name) {
    if (id.empty()) {
        return nullptr;
    }
    return json::object{{"id", id}, {"name", name}};
}

json::value RevenueJson(const std::optional<double>& revenue, bool show) {
    if (!show || !revenue) {
        return nullptr;
    }
    return *revenue;
}

json::value BriefJson(const TargetBrief& b) {
    if (!b.exists) {
        return nullptr;
    }
    json::object o{{"id", b.id}, {"title", b.title}};
    if (!b.key.empty()) {
        o["key"] = b.key;
        o["type"] = b.type;
    }
    return o;
}

// What events record of a customer: everything but its revenue.
json::object CustomerSnapshot(const CustomerView& v) {
    json::object o = ToJson(v);
    o.erase("revenue_per_year");
    return o;
}

json::object IdeaSnapshot(const IdeaView& v) {
    json::object o = ToJson(v);
    o.erase("voted");
    o.erase("my_vote_id");
    o.erase("revenue_at_stake");
    return o;
}

// ---- loading with authorisation ----

Result<domain::Customer> LoadCustomer(storage::Tx& tx,
                                      const Actor& actor,
                                      const std::string& id,
                                      Action action,
                                      std::vector<domain::Role>* roles) {
    TL_ASSIGN_OR_RETURN(auto c, tx.GetCustomer(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, c.product_id, action, "customer", roles));
    return c;
}

Result<domain::CustomerFeedback> LoadFeedback(storage::Tx& tx,
                                              const Actor& actor,
                                              const std::string& id,
                                              Action action,
                                              std::vector<domain::Role>* roles) {
    TL_ASSIGN_OR_RETURN(auto f, tx.GetCustomerFeedback(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, f.product_id, action, "feedback", roles));
    return f;
}

Result<domain::Idea> LoadIdea(storage::Tx& tx,
                              const Actor& actor,
                              const std::string& id,
                              Action action,
                              std::vector<domain::Role>* roles) {
    TL_ASSIGN_OR_RETURN(auto i, tx.GetIdea(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, i.product_id, action, "idea", roles));
    return i;
}

Result<CustomerView> LoadCustomerView(storage::Tx& tx,
                                      const std::string& workspace_id,
                                      domain::Customer c,
                                      bool show_revenue) {
    TL_ASSIGN_OR_RETURN(auto contacts, tx.ListContacts(workspace_id, c.product_id));
    CustomerView v;
    for (auto& k : contacts) {
        if (k.customer_id == c.id) {
            v.contacts.push_back(std::move(k));
        }
    }
    v.customer = std::move(c);
    v.show_revenue = show_revenue;
    return v;
}

// Product keys by product id, each read once.
class ProductKeys {
public:
    ProductKeys(storage::Tx& tx, std::string workspace_id)
        : tx_(tx), workspace_id_(std::move(workspace_id)) {}
    const std::string& Of(const std::string& product_id) {
        auto it = keys_.find(product_id);
        if (it == keys_.end()) {
            auto p = tx_.GetProduct(workspace_id_, product_id);
            it = keys_.emplace(product_id, p ? p->key : std::string()).first;
        }
        return it->second;
    }

private:
    storage::Tx& tx_;
    std::string workspace_id_;
    std::map<std::string, std::string> keys_;
};

TargetBrief ItemBrief(const domain::Item& item, ProductKeys& keys) {
    return {true,
            item.id,
            domain::ItemKey(keys.Of(item.product_id), item.number),
            item.title,
            std::string(domain::ToString(item.type))};
}

TargetBrief ItemBriefById(storage::Tx& tx,
                          const std::string& workspace_id,
                          const std::string& item_id,
                          ProductKeys& keys) {
    if (item_id.empty()) {
        return {};
    }
    auto item = tx.GetItem(workspace_id, item_id);
    if (!item) {
        return {};
    }
    return ItemBrief(*item, keys);
}

std::string CustomerName(storage::Tx& tx, const std::string& ws, const std::string& id) {
    if (id.empty()) {
        return {};
    }
    auto c = tx.GetCustomer(ws, id);
    return c ? c->name : std::string();
}

Result<CustomerFeedbackView> LoadCustomerFeedbackView(storage::Tx& tx,
                                                      const std::string& ws,
                                                      domain::CustomerFeedback f,
                                                      UserNames& names) {
    CustomerFeedbackView v;
    v.author_name = names.Of(f.author_id);
    v.customer_name = CustomerName(tx, ws, f.customer_id);
    if (!f.contact_id.empty()) {
        if (auto k = tx.GetContact(ws, f.contact_id)) {
            v.contact_name = k->name;
        }
    }
    TL_ASSIGN_OR_RETURN(auto links, tx.ListFeedbackLinks(ws, f.product_id));
    ProductKeys keys(tx, ws);
    for (auto& l : links) {
        if (l.feedback_id != f.id) {
            continue;
        }
        FeedbackLinkView lv;
        if (l.target_type == domain::FeedbackTarget::kItem) {
            lv.target = ItemBriefById(tx, ws, l.target_id, keys);
        } else if (auto idea = tx.GetIdea(ws, l.target_id)) {
            lv.target = {true, idea->id, "", idea->title, ""};
        }
        lv.link = std::move(l);
        v.links.push_back(std::move(lv));
    }
    v.feedback = std::move(f);
    return v;
}

// The product's feedback, links, ideas, votes and customers' revenue (demand's inputs, without
// counts_toward).
Result<domain::DemandInputs> LoadVoice(storage::Tx& tx,
                                       const std::string& ws,
                                       const std::string& product_id) {
    domain::DemandInputs in;
    storage::CustomerFeedbackFilter all;
    all.product_id = product_id;
    all.limit = 0;
    TL_ASSIGN_OR_RETURN(in.feedback, tx.ListCustomerFeedback(ws, all));
    TL_ASSIGN_OR_RETURN(in.links, tx.ListFeedbackLinks(ws, product_id));
    TL_ASSIGN_OR_RETURN(in.ideas, tx.ListIdeas(ws, product_id));
    TL_ASSIGN_OR_RETURN(in.votes, tx.ListIdeaVotes(ws, product_id));
    TL_ASSIGN_OR_RETURN(auto customers, tx.ListCustomers(ws, product_id));
    for (const auto& c : customers) {
        in.revenue.emplace(c.id, c.revenue_per_year);
    }
    return in;
}

Result<IdeaView> LoadIdeaView(storage::Tx& tx,
                              const Actor& actor,
                              domain::Idea idea,
                              bool show_revenue,
                              const domain::DemandInputs* voice,
                              UserNames& names) {
    domain::DemandInputs loaded;
    if (voice == nullptr) {
        TL_ASSIGN_OR_RETURN(loaded, LoadVoice(tx, actor.workspace_id, idea.product_id));
        voice = &loaded;
    }
    IdeaView v;
    v.proposer_name = names.Of(idea.proposer_id);
    v.customer_name = CustomerName(tx, actor.workspace_id, idea.customer_id);
    ProductKeys keys(tx, actor.workspace_id);
    v.item = ItemBriefById(tx, actor.workspace_id, idea.item_id, keys);
    v.tally = domain::TallyIdea(idea, *voice, actor.user_id);
    for (const auto& vote : voice->votes) {
        if (vote.idea_id == idea.id && vote.customer_id.empty() && vote.user_id == actor.user_id) {
            v.my_vote_id = vote.id;
        }
    }
    v.show_revenue = show_revenue;
    v.idea = std::move(idea);
    return v;
}

// kValidationFailed-worthy issues for a customer reference of the product.
Result<void> CheckCustomerRef(storage::Tx& tx,
                              const std::string& ws,
                              const std::string& product_id,
                              const std::string& customer_id,
                              domain::Issues& issues) {
    if (customer_id.empty() || Names(issues, "customer_id")) {
        return {};
    }
    auto c = tx.GetCustomer(ws, customer_id);
    if (!c && c.error().code != ErrorCode::kNotFound) {
        return Fail(c.error());
    }
    if (!c || c->product_id != product_id) {
        issues.push_back({"customer_id", "must be a customer of the product"});
    }
    return {};
}

// The item an idea or link names (id or key): an epic, feature or story of the product.
Result<std::optional<domain::Item>> CheckItemRef(storage::Tx& tx,
                                                 const std::string& ws,
                                                 const std::string& product_id,
                                                 const std::string& id_or_key,
                                                 const std::string& field,
                                                 domain::Issues& issues) {
    if (id_or_key.empty() || Names(issues, field)) {
        return std::optional<domain::Item>();
    }
    auto item = ResolveItem(tx, ws, id_or_key);
    if (!item && item.error().code != ErrorCode::kNotFound) {
        return Fail(item.error());
    }
    if (!item || item->product_id != product_id || !domain::LinkableItemType(item->type)) {
        issues.push_back({field, "must be an epic, feature or story of the product"});
        return std::optional<domain::Item>();
    }
    return std::optional<domain::Item>(*item);
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& ch : out) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

std::string Today(const AppContext& ctx) {
    return domain::FormatDate(domain::DayOfMs(ctx.clock.NowMs()));
}

}  // namespace

// ---- JSON ----

json::object ToJson(const domain::CustomerContact& c) {
    return json::object{{"id", c.id},
                        {"customer_id", c.customer_id},
                        {"name", c.name},
                        {"email", c.email},
                        {"role", c.role},
                        {"version", c.version},
                        {"created_at", c.created_at},
                        {"updated_at", c.updated_at}};
}

json::object ToJson(const CustomerView& v) {
    const auto& c = v.customer;
    json::array contacts;
    for (const auto& k : v.contacts) {
        contacts.push_back(ToJson(k));
    }
    return json::object{{"id", c.id},
                        {"product_id", c.product_id},
                        {"name", c.name},
                        {"segment", c.segment},
                        {"revenue_per_year", RevenueJson(c.revenue_per_year, v.show_revenue)},
                        {"region", c.region},
                        {"notes", c.notes},
                        {"contacts", std::move(contacts)},
                        {"version", c.version},
                        {"created_at", c.created_at},
                        {"updated_at", c.updated_at}};
}

json::object ToJson(const FeedbackLinkView& v) {
    const auto& l = v.link;
    return json::object{{"id", l.id},
                        {"feedback_id", l.feedback_id},
                        {"target_type", domain::ToString(l.target_type)},
                        {"target_id", l.target_id},
                        {"target", BriefJson(v.target)},
                        {"importance", domain::ToString(l.importance)},
                        {"created_at", l.created_at}};
}

json::object ToJson(const CustomerFeedbackView& v) {
    const auto& f = v.feedback;
    json::array links;
    for (const auto& l : v.links) {
        links.push_back(ToJson(l));
    }
    return json::object{{"id", f.id},
                        {"product_id", f.product_id},
                        {"text", f.text},
                        {"source", domain::ToString(f.source)},
                        {"kind", domain::ToString(f.kind)},
                        {"sentiment", domain::ToString(f.sentiment)},
                        {"score", f.score ? json::value(*f.score) : json::value(nullptr)},
                        {"date", f.date},
                        {"customer", RefOrNull(f.customer_id, v.customer_name)},
                        {"contact", RefOrNull(f.contact_id, v.contact_name)},
                        {"status", domain::ToString(f.status)},
                        {"author", UserRefOrNull(f.author_id, v.author_name)},
                        {"links", std::move(links)},
                        {"version", f.version},
                        {"created_at", f.created_at},
                        {"updated_at", f.updated_at}};
}

json::object ToJson(const IdeaView& v) {
    const auto& i = v.idea;
    json::value item = nullptr;
    if (v.item.exists) {
        item = json::object{{"id", v.item.id}, {"key", v.item.key}, {"title", v.item.title}};
    }
    return json::object{
        {"id", i.id},
        {"product_id", i.product_id},
        {"title", i.title},
        {"problem", i.problem},
        {"proposer", UserRefOrNull(i.proposer_id, v.proposer_name)},
        {"customer", RefOrNull(i.customer_id, v.customer_name)},
        {"status", domain::ToString(i.status)},
        {"decline_reason", StringOrNull(i.decline_reason)},
        {"item", std::move(item)},
        {"votes", v.tally.votes},
        {"customer_votes", v.tally.customer_votes},
        {"revenue_at_stake",
         v.show_revenue ? json::value(v.tally.revenue_at_stake) : json::value(nullptr)},
        {"voted", v.tally.voted},
        {"my_vote_id", StringOrNull(v.my_vote_id)},
        {"feedback_count", v.tally.feedback_count},
        {"version", i.version},
        {"created_at", i.created_at},
        {"updated_at", i.updated_at}};
}

json::object ToJson(const IdeaVoteView& v) {
    return json::object{{"id", v.vote.id},
                        {"idea_id", v.vote.idea_id},
                        {"user", UserRefOrNull(v.vote.user_id, v.user_name)},
                        {"customer", RefOrNull(v.vote.customer_id, v.customer_name)},
                        {"created_at", v.vote.created_at},
                        {"idea", ToJson(v.idea)}};
}

json::object ToJson(const DemandView& v) {
    const auto& d = v.demand;
    json::array customers;
    for (const auto& c : v.customers) {
        customers.push_back(
            json::object{{"id", c.id},
                         {"name", c.name},
                         {"revenue_per_year", RevenueJson(c.revenue_per_year, v.show_revenue)}});
    }
    json::object by_importance;
    for (auto i : domain::kAllImportances) {
        by_importance[domain::ToString(i)] = d.by_importance[static_cast<std::size_t>(i)];
    }
    return json::object{{"item", BriefJson(v.item)},
                        {"customers", static_cast<std::int64_t>(d.customers.size())},
                        {"revenue_at_stake",
                         v.show_revenue ? json::value(d.revenue_at_stake) : json::value(nullptr)},
                        {"feedback_count", d.feedback_count},
                        {"votes", d.votes},
                        {"by_importance", std::move(by_importance)},
                        {"customer_list", std::move(customers)}};
}

// ---- customers ----

namespace {

void ApplyCustomer(const CustomerInput& in, domain::Customer& c) {
    if (in.name) {
        c.name = *in.name;
    }
    if (in.segment) {
        c.segment = *in.segment;
    }
    if (in.revenue_per_year) {
        c.revenue_per_year = *in.revenue_per_year;
    }
    if (in.region) {
        c.region = *in.region;
    }
    if (in.notes) {
        c.notes = *in.notes;
    }
}

bool SameCustomer(const domain::Customer& a, const domain::Customer& b) {
    return a.name == b.name && a.segment == b.segment && a.revenue_per_year == b.revenue_per_year &&
           a.region == b.region && a.notes == b.notes;
}

}  // namespace

Result<CustomerView> CreateCustomer(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const CustomerInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    CustomerView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kMarketWrite, &roles));
        domain::Issues issues = input.issues;
        domain::Customer c;
        c.id = NewId("cus", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = product.id;
        c.created_by = actor.user_id;
        c.created_at = now;
        c.updated_at = now;
        ApplyCustomer(input, c);
        if (!input.name && !Names(issues, "name")) {
            issues.push_back({"name", "is required"});
        }
        MergeIssues(issues, domain::ValidateCustomer(c));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertCustomer(c));
        view.customer = c;
        view.show_revenue = MayReadRevenue(actor, roles);
        return Event(
            tx, actor, now, "customer", c.id, c.product_id, "created", {}, CustomerSnapshot(view));
    }));
    return view;
}

Result<std::vector<CustomerView>> ListCustomers(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const std::string& segment,
                                                const std::string& q) {
    std::vector<CustomerView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kProductRead, &roles));
        const bool show = MayReadRevenue(actor, roles);
        TL_ASSIGN_OR_RETURN(auto customers, tx.ListCustomers(actor.workspace_id, product.id));
        TL_ASSIGN_OR_RETURN(auto contacts, tx.ListContacts(actor.workspace_id, product.id));
        const std::string needle = Lower(q);
        for (auto& c : customers) {
            if (!segment.empty() && c.segment != segment) {
                continue;
            }
            if (!needle.empty() && Lower(c.name).find(needle) == std::string::npos) {
                continue;
            }
            CustomerView v;
            for (const auto& k : contacts) {
                if (k.customer_id == c.id) {
                    v.contacts.push_back(k);
                }
            }
            v.customer = std::move(c);
            v.show_revenue = show;
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<CustomerView> GetCustomer(AppContext& ctx, const Actor& actor, const std::string& id) {
    CustomerView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto c, LoadCustomer(tx, actor, id, Action::kProductRead, &roles));
        TL_ASSIGN_OR_RETURN(
            view, LoadCustomerView(tx, actor.workspace_id, c, MayReadRevenue(actor, roles)));
        return {};
    }));
    return view;
}

Result<CustomerView> UpdateCustomer(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const CustomerInput& input,
                                    std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    CustomerView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadCustomer(tx, actor, id, Action::kMarketWrite, &roles));
        const bool show = MayReadRevenue(actor, roles);
        domain::Issues issues = input.issues;
        domain::Customer next = current;
        ApplyCustomer(input, next);
        MergeIssues(issues, domain::ValidateCustomer(next));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the customer was changed since version " + std::to_string(*if_match)));
        }
        if (SameCustomer(current, next)) {
            TL_ASSIGN_OR_RETURN(view, LoadCustomerView(tx, actor.workspace_id, current, show));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateCustomer(next, current.version));
        TL_ASSIGN_OR_RETURN(auto before, LoadCustomerView(tx, actor.workspace_id, current, show));
        TL_ASSIGN_OR_RETURN(view, LoadCustomerView(tx, actor.workspace_id, next, show));
        return Event(tx,
                     actor,
                     now,
                     "customer",
                     next.id,
                     next.product_id,
                     "updated",
                     CustomerSnapshot(before),
                     CustomerSnapshot(view));
    }));
    return view;
}

Result<void> DeleteCustomer(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c, LoadCustomer(tx, actor, id, Action::kMarketWrite, nullptr));
        TL_ASSIGN_OR_RETURN(auto before, LoadCustomerView(tx, actor.workspace_id, c, false));
        TL_TRY(tx.DeleteCustomer(actor.workspace_id, c.id));
        return Event(tx,
                     actor,
                     now,
                     "customer",
                     c.id,
                     c.product_id,
                     "deleted",
                     CustomerSnapshot(before),
                     {});
    });
}

namespace {

// A contact change is an update of its customer in the event log.
Result<void> ContactEvent(storage::Tx& tx,
                          const Actor& actor,
                          std::int64_t now,
                          const std::string& customer_id,
                          json::object before) {
    TL_ASSIGN_OR_RETURN(auto c, tx.GetCustomer(actor.workspace_id, customer_id));
    TL_ASSIGN_OR_RETURN(auto after, LoadCustomerView(tx, actor.workspace_id, c, false));
    return Event(tx,
                 actor,
                 now,
                 "customer",
                 c.id,
                 c.product_id,
                 "updated",
                 std::move(before),
                 CustomerSnapshot(after));
}

void ApplyContact(const ContactInput& in, domain::CustomerContact& c) {
    if (in.name) {
        c.name = *in.name;
    }
    if (in.email) {
        c.email = *in.email;
    }
    if (in.role) {
        c.role = *in.role;
    }
}

Result<domain::CustomerContact> LoadContact(storage::Tx& tx,
                                            const Actor& actor,
                                            const std::string& id,
                                            Action action) {
    TL_ASSIGN_OR_RETURN(auto k, tx.GetContact(actor.workspace_id, id));
    TL_TRY(AuthorizeObjectIn(tx, actor, k.product_id, action, "contact"));
    return k;
}

}  // namespace

Result<domain::CustomerContact> AddContact(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& customer_id,
                                           const ContactInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    domain::CustomerContact k;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c,
                            LoadCustomer(tx, actor, customer_id, Action::kMarketWrite, nullptr));
        domain::Issues issues = input.issues;
        k.id = NewId("cct", now);
        k.workspace_id = actor.workspace_id;
        k.product_id = c.product_id;
        k.customer_id = c.id;
        k.created_at = now;
        k.updated_at = now;
        ApplyContact(input, k);
        k.email = domain::NormalizeEmail(k.email);
        if (!input.name && !Names(issues, "name")) {
            issues.push_back({"name", "is required"});
        }
        MergeIssues(issues, domain::ValidateContact(k));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto before, LoadCustomerView(tx, actor.workspace_id, c, false));
        TL_TRY(tx.InsertContact(k));
        return ContactEvent(tx, actor, now, c.id, CustomerSnapshot(before));
    }));
    return k;
}

Result<domain::CustomerContact> UpdateContact(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& id,
                                              const ContactInput& input,
                                              std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    domain::CustomerContact next;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, LoadContact(tx, actor, id, Action::kMarketWrite));
        domain::Issues issues = input.issues;
        next = current;
        ApplyContact(input, next);
        next.email = domain::NormalizeEmail(next.email);
        MergeIssues(issues, domain::ValidateContact(next));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the contact was changed since version " + std::to_string(*if_match)));
        }
        if (next.name == current.name && next.email == current.email && next.role == current.role) {
            return {};
        }
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCustomer(actor.workspace_id, current.customer_id));
        TL_ASSIGN_OR_RETURN(auto before, LoadCustomerView(tx, actor.workspace_id, c, false));
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateContact(next, current.version));
        return ContactEvent(tx, actor, now, c.id, CustomerSnapshot(before));
    }));
    return next;
}

Result<domain::CustomerContact> GetContact(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& id) {
    domain::CustomerContact k;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(k, LoadContact(tx, actor, id, Action::kProductRead));
        return {};
    }));
    return k;
}

Result<void> DeleteContact(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto k, LoadContact(tx, actor, id, Action::kMarketWrite));
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCustomer(actor.workspace_id, k.customer_id));
        TL_ASSIGN_OR_RETURN(auto before, LoadCustomerView(tx, actor.workspace_id, c, false));
        TL_TRY(tx.DeleteContact(actor.workspace_id, k.id));
        return ContactEvent(tx, actor, now, c.id, CustomerSnapshot(before));
    });
}

// ---- feedback ----

namespace {

void ApplyFeedback(const CustomerFeedbackInput& in, domain::CustomerFeedback& f) {
    if (in.text) {
        f.text = *in.text;
    }
    if (in.source) {
        f.source = *in.source;
    }
    if (in.kind) {
        f.kind = *in.kind;
    }
    if (in.sentiment) {
        f.sentiment = *in.sentiment;
    }
    if (in.date) {
        f.date = *in.date;
    }
    if (in.customer_id) {
        f.customer_id = *in.customer_id;
    }
    if (in.contact_id) {
        f.contact_id = *in.contact_id;
    }
    if (in.score) {
        f.score = *in.score;
    }
    if (in.status) {
        f.status = *in.status;
    }
}

bool SameFeedback(const domain::CustomerFeedback& a, const domain::CustomerFeedback& b) {
    return a.text == b.text && a.source == b.source && a.kind == b.kind &&
           a.sentiment == b.sentiment && a.date == b.date && a.customer_id == b.customer_id &&
           a.contact_id == b.contact_id && a.score == b.score && a.status == b.status;
}

// The references of feedback: its customer, and its contact (a contact of that customer).
Result<void> CheckFeedbackRefs(storage::Tx& tx,
                               const std::string& ws,
                               const domain::CustomerFeedback& f,
                               domain::Issues& issues) {
    TL_TRY(CheckCustomerRef(tx, ws, f.product_id, f.customer_id, issues));
    if (f.contact_id.empty() || Names(issues, "contact_id")) {
        return {};
    }
    auto k = tx.GetContact(ws, f.contact_id);
    if (!k && k.error().code != ErrorCode::kNotFound) {
        return Fail(k.error());
    }
    if (!k || k->product_id != f.product_id || f.customer_id.empty() ||
        k->customer_id != f.customer_id) {
        issues.push_back({"contact_id", "must be a contact of the feedback's customer"});
    }
    return {};
}

}  // namespace

Result<CustomerFeedbackView> CreateCustomerFeedback(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    const CustomerFeedbackInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    CustomerFeedbackView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kFeedbackWrite));
        domain::Issues issues = input.issues;
        domain::CustomerFeedback f;
        f.id = NewId("cfb", now);
        f.workspace_id = actor.workspace_id;
        f.product_id = product.id;
        f.author_id = actor.user_id;
        f.date = Today(ctx);
        f.created_at = now;
        f.updated_at = now;
        if (input.score && *input.score && !input.kind) {
            f.kind = domain::FeedbackKind::kQuantitative;
        }
        ApplyFeedback(input, f);
        f.status = domain::FeedbackStatus::kNew;
        if (input.status && !Names(issues, "status")) {
            issues.push_back({"status", "new feedback starts new; set it with a PATCH"});
        }
        if (!input.text && !Names(issues, "text")) {
            issues.push_back({"text", "is required"});
        }
        if (!input.source && !Names(issues, "source")) {
            issues.push_back({"source", "is required"});
        }
        MergeIssues(issues, domain::ValidateCustomerFeedback(f));
        TL_TRY(CheckFeedbackRefs(tx, actor.workspace_id, f, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        // After the product's latest feedback: the inbox's order is the order of writing.
        storage::CustomerFeedbackFilter latest;
        latest.product_id = product.id;
        latest.limit = 1;
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListCustomerFeedback(actor.workspace_id, latest));
        f.created_at = StampAfter(f.created_at, earlier, &domain::CustomerFeedback::created_at);
        f.updated_at = f.created_at;
        TL_TRY(tx.InsertCustomerFeedback(f));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view, LoadCustomerFeedbackView(tx, actor.workspace_id, f, names));
        return Event(tx, actor, now, "feedback", f.id, f.product_id, "created", {}, ToJson(view));
    }));
    return view;
}

Result<CustomerFeedbackPage> ListCustomerFeedback(AppContext& ctx,
                                                  const Actor& actor,
                                                  const std::string& product_id,
                                                  const CustomerFeedbackQuery& query) {
    storage::CustomerFeedbackFilter filter;
    filter.status = query.status;
    filter.customer_id = query.customer_id;
    filter.source = query.source;
    filter.limit = query.limit + 1;
    if (!query.cursor.empty()) {
        const auto dot = query.cursor.find('.');
        std::int64_t at = 0;
        bool ok = dot != std::string::npos && dot > 0 && dot + 1 < query.cursor.size();
        for (std::size_t i = 0; ok && i < dot; ++i) {
            ok = std::isdigit(static_cast<unsigned char>(query.cursor[i])) != 0 && i < 18;
            at = at * 10 + (query.cursor[i] - '0');
        }
        if (!ok || at <= 0) {
            return Fail(ValidationFailed({{"cursor", "is not a cursor of this list"}}));
        }
        filter.before_at = at;
        filter.before_id = query.cursor.substr(dot + 1);
    }
    CustomerFeedbackPage page;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kProductRead));
        filter.product_id = product.id;
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListCustomerFeedback(actor.workspace_id, filter));
        if (rows.size() > static_cast<std::size_t>(query.limit)) {
            rows.resize(static_cast<std::size_t>(query.limit));
            page.next_cursor = std::to_string(rows.back().created_at) + "." + rows.back().id;
        }
        UserNames names(tx, actor.workspace_id);
        for (auto& f : rows) {
            TL_ASSIGN_OR_RETURN(
                auto v, LoadCustomerFeedbackView(tx, actor.workspace_id, std::move(f), names));
            page.feedback.push_back(std::move(v));
        }
        return {};
    }));
    return page;
}

Result<CustomerFeedbackView> GetCustomerFeedback(AppContext& ctx,
                                                 const Actor& actor,
                                                 const std::string& id) {
    CustomerFeedbackView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto f, LoadFeedback(tx, actor, id, Action::kProductRead, nullptr));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(view,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, std::move(f), names));
        return {};
    }));
    return view;
}

Result<CustomerFeedbackView> UpdateCustomerFeedback(AppContext& ctx,
                                                    const Actor& actor,
                                                    const std::string& id,
                                                    const CustomerFeedbackInput& input,
                                                    std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    CustomerFeedbackView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadFeedback(tx, actor, id, Action::kFeedbackWrite, &roles));
        const bool decides = Decides(actor, roles);
        if (input.status && *input.status != current.status && !decides) {
            return Fail(Forbidden("only the Product Manager or Product Owner triages feedback"));
        }
        const bool edits = input.text || input.source || input.kind || input.sentiment ||
                           input.date || input.customer_id || input.contact_id || input.score;
        if (edits && current.author_id != actor.user_id && !decides) {
            return Fail(Forbidden(
                "only its author, the Product Manager or the Product Owner changes feedback"));
        }
        domain::Issues issues = input.issues;
        domain::CustomerFeedback next = current;
        ApplyFeedback(input, next);
        if (next.kind == domain::FeedbackKind::kQualitative && input.kind && !input.score) {
            next.score.reset();  // becoming qualitative drops the score
        }
        MergeIssues(issues, domain::ValidateCustomerFeedback(next));
        if (next.customer_id != current.customer_id || next.contact_id != current.contact_id) {
            if (input.customer_id && !input.contact_id && next.customer_id != current.customer_id) {
                next.contact_id.clear();  // the old customer's contact goes with it
            }
            TL_TRY(CheckFeedbackRefs(tx, actor.workspace_id, next, issues));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the feedback was changed since version " + std::to_string(*if_match)));
        }
        UserNames names(tx, actor.workspace_id);
        if (SameFeedback(current, next)) {
            TL_ASSIGN_OR_RETURN(view,
                                LoadCustomerFeedbackView(tx, actor.workspace_id, current, names));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_ASSIGN_OR_RETURN(auto before,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, current, names));
        TL_TRY(tx.UpdateCustomerFeedback(next, current.version));
        TL_ASSIGN_OR_RETURN(view, LoadCustomerFeedbackView(tx, actor.workspace_id, next, names));
        return Event(tx,
                     actor,
                     now,
                     "feedback",
                     next.id,
                     next.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(view));
    }));
    return view;
}

Result<void> DeleteCustomerFeedback(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto f, LoadFeedback(tx, actor, id, Action::kFeedbackWrite, &roles));
        if (f.author_id != actor.user_id && !Decides(actor, roles)) {
            return Fail(Forbidden(
                "only its author, the Product Manager or the Product Owner deletes feedback"));
        }
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, f, names));
        TL_TRY(tx.DeleteCustomerFeedback(actor.workspace_id, f.id));
        return Event(tx, actor, now, "feedback", f.id, f.product_id, "deleted", ToJson(before), {});
    });
}

Result<FeedbackLinkView> LinkFeedback(AppContext& ctx,
                                      const Actor& actor,
                                      const std::string& feedback_id,
                                      const FeedbackLinkInput& input,
                                      CustomerFeedbackView* feedback_out) {
    const std::int64_t now = ctx.clock.NowMs();
    FeedbackLinkView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto f,
                            LoadFeedback(tx, actor, feedback_id, Action::kBacklogPropose, nullptr));
        domain::Issues issues = input.issues;
        if (!input.target_type && !Names(issues, "target_type")) {
            issues.push_back({"target_type", "is required: item or idea"});
        }
        if (!input.target_id && !Names(issues, "target_id")) {
            issues.push_back({"target_id", "is required"});
        }
        domain::FeedbackLink l;
        l.id = NewId("cfl", now);
        l.workspace_id = actor.workspace_id;
        l.product_id = f.product_id;
        l.feedback_id = f.id;
        l.target_type = input.target_type.value_or(domain::FeedbackTarget::kItem);
        l.importance = input.importance.value_or(domain::Importance::kImportant);
        l.created_by = actor.user_id;
        l.created_at = now;
        ProductKeys keys(tx, actor.workspace_id);
        if (input.target_type && input.target_id && !Names(issues, "target_id")) {
            if (*input.target_type == domain::FeedbackTarget::kItem) {
                TL_ASSIGN_OR_RETURN(auto item,
                                    CheckItemRef(tx,
                                                 actor.workspace_id,
                                                 f.product_id,
                                                 *input.target_id,
                                                 "target_id",
                                                 issues));
                if (item) {
                    l.target_id = item->id;
                    view.target = ItemBrief(*item, keys);
                } else if (input.target_id->empty() && !Names(issues, "target_id")) {
                    issues.push_back({"target_id", "is required"});
                }
            } else {
                auto idea = tx.GetIdea(actor.workspace_id, *input.target_id);
                if (!idea && idea.error().code != ErrorCode::kNotFound) {
                    return Fail(idea.error());
                }
                if (!idea || idea->product_id != f.product_id) {
                    issues.push_back({"target_id", "must be an idea of the product"});
                } else {
                    l.target_id = idea->id;
                    view.target = {true, idea->id, "", idea->title, ""};
                }
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, f, names));
        TL_TRY(tx.InsertFeedbackLink(l));
        view.link = l;
        domain::CustomerFeedback next = f;
        if (f.status == domain::FeedbackStatus::kNew) {
            next.status = domain::FeedbackStatus::kTriaged;
            next.version = f.version + 1;
            next.updated_at = now;
            TL_TRY(tx.UpdateCustomerFeedback(next, f.version));
        }
        TL_ASSIGN_OR_RETURN(auto after,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, next, names));
        if (feedback_out != nullptr) {
            *feedback_out = after;
        }
        return Event(tx,
                     actor,
                     now,
                     "feedback",
                     f.id,
                     f.product_id,
                     "linked",
                     ToJson(before),
                     ToJson(after));
    }));
    return view;
}

Result<void> UnlinkFeedback(AppContext& ctx, const Actor& actor, const std::string& link_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto l, tx.GetFeedbackLink(actor.workspace_id, link_id));
        TL_TRY(
            AuthorizeObjectIn(tx, actor, l.product_id, Action::kBacklogPropose, "feedback link"));
        TL_ASSIGN_OR_RETURN(auto f, tx.GetCustomerFeedback(actor.workspace_id, l.feedback_id));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before,
                            LoadCustomerFeedbackView(tx, actor.workspace_id, f, names));
        TL_TRY(tx.DeleteFeedbackLink(actor.workspace_id, l.id));
        TL_ASSIGN_OR_RETURN(auto after, LoadCustomerFeedbackView(tx, actor.workspace_id, f, names));
        return Event(tx,
                     actor,
                     now,
                     "feedback",
                     f.id,
                     f.product_id,
                     "updated",
                     ToJson(before),
                     ToJson(after));
    });
}

// ---- ideas ----

namespace {

bool SameIdea(const domain::Idea& a, const domain::Idea& b) {
    return a.title == b.title && a.problem == b.problem && a.customer_id == b.customer_id &&
           a.status == b.status && a.decline_reason == b.decline_reason && a.item_id == b.item_id;
}

}  // namespace

Result<IdeaView> CreateIdea(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const IdeaInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    IdeaView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(
            auto product, AuthorizeProduct(tx, actor, product_id, Action::kFeedbackWrite, &roles));
        if ((input.status || input.decline_reason || input.item_id) && !Decides(actor, roles)) {
            return Fail(Forbidden(
                "only the Product Manager or Product Owner sets an idea's status or item"));
        }
        domain::Issues issues = input.issues;
        domain::Idea idea;
        idea.id = NewId("ide", now);
        idea.workspace_id = actor.workspace_id;
        idea.product_id = product.id;
        idea.proposer_id = actor.user_id;
        idea.title = input.title.value_or("");
        idea.problem = input.problem.value_or("");
        idea.customer_id = input.customer_id.value_or("");
        idea.status = input.status.value_or(domain::IdeaStatus::kNew);
        idea.decline_reason = input.decline_reason.value_or("");
        idea.created_at = now;
        idea.updated_at = now;
        if (!input.title && !Names(issues, "title")) {
            issues.push_back({"title", "is required"});
        }
        MergeIssues(issues, domain::ValidateIdea(idea));
        TL_TRY(CheckCustomerRef(tx, actor.workspace_id, product.id, idea.customer_id, issues));
        TL_ASSIGN_OR_RETURN(
            auto item,
            CheckItemRef(
                tx, actor.workspace_id, product.id, input.item_id.value_or(""), "item_id", issues));
        if (item) {
            idea.item_id = item->id;
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListIdeas(actor.workspace_id, product.id));
        idea.created_at = StampAfter(idea.created_at, earlier, &domain::Idea::created_at);
        idea.updated_at = idea.created_at;
        TL_TRY(tx.InsertIdea(idea));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(
            view, LoadIdeaView(tx, actor, idea, MayReadRevenue(actor, roles), nullptr, names));
        return Event(
            tx, actor, now, "idea", idea.id, idea.product_id, "created", {}, IdeaSnapshot(view));
    }));
    return view;
}

Result<std::vector<IdeaView>> ListIdeas(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& product_id,
                                        std::optional<domain::IdeaStatus> status,
                                        bool by_votes) {
    std::vector<IdeaView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kProductRead, &roles));
        const bool show = MayReadRevenue(actor, roles);
        TL_ASSIGN_OR_RETURN(auto voice, LoadVoice(tx, actor.workspace_id, product.id));
        UserNames names(tx, actor.workspace_id);
        for (const auto& idea : voice.ideas) {
            if (status && idea.status != *status) {
                continue;
            }
            TL_ASSIGN_OR_RETURN(auto v, LoadIdeaView(tx, actor, idea, show, &voice, names));
            out.push_back(std::move(v));
        }
        // Newest first; by votes, most first, then newest.
        std::stable_sort(out.begin(), out.end(), [&](const IdeaView& a, const IdeaView& b) {
            if (by_votes) {
                const auto va = a.tally.votes + a.tally.customer_votes;
                const auto vb = b.tally.votes + b.tally.customer_votes;
                if (va != vb) {
                    return va > vb;
                }
            }
            return std::tie(a.idea.created_at, a.idea.id) > std::tie(b.idea.created_at, b.idea.id);
        });
        return {};
    }));
    return out;
}

Result<IdeaView> GetIdea(AppContext& ctx, const Actor& actor, const std::string& id) {
    IdeaView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto idea, LoadIdea(tx, actor, id, Action::kProductRead, &roles));
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(
            view, LoadIdeaView(tx, actor, idea, MayReadRevenue(actor, roles), nullptr, names));
        return {};
    }));
    return view;
}

Result<IdeaView> UpdateIdea(AppContext& ctx,
                            const Actor& actor,
                            const std::string& id,
                            const IdeaInput& input,
                            std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    IdeaView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto current, LoadIdea(tx, actor, id, Action::kFeedbackWrite, &roles));
        const bool decides = Decides(actor, roles);
        if ((input.status || input.decline_reason || input.item_id) && !decides) {
            return Fail(Forbidden(
                "only the Product Manager or Product Owner decides ideas and links them to items"));
        }
        if ((input.title || input.problem || input.customer_id) &&
            current.proposer_id != actor.user_id && !decides) {
            return Fail(Forbidden(
                "only its proposer, the Product Manager or the Product Owner changes an idea"));
        }
        domain::Issues issues = input.issues;
        domain::Idea next = current;
        if (input.title) {
            next.title = *input.title;
        }
        if (input.problem) {
            next.problem = *input.problem;
        }
        if (input.customer_id) {
            next.customer_id = *input.customer_id;
        }
        if (input.status) {
            next.status = *input.status;
            if (next.status != domain::IdeaStatus::kDeclined && !input.decline_reason) {
                next.decline_reason.clear();  // no longer declined
            }
        }
        if (input.decline_reason) {
            next.decline_reason = *input.decline_reason;
        }
        MergeIssues(issues, domain::ValidateIdea(next));
        if (next.customer_id != current.customer_id) {
            TL_TRY(CheckCustomerRef(
                tx, actor.workspace_id, next.product_id, next.customer_id, issues));
        }
        if (input.item_id) {
            TL_ASSIGN_OR_RETURN(
                auto item,
                CheckItemRef(
                    tx, actor.workspace_id, next.product_id, *input.item_id, "item_id", issues));
            next.item_id = item ? item->id : std::string();
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the idea was changed since version " + std::to_string(*if_match)));
        }
        const bool show = MayReadRevenue(actor, roles);
        UserNames names(tx, actor.workspace_id);
        if (SameIdea(current, next)) {
            TL_ASSIGN_OR_RETURN(view, LoadIdeaView(tx, actor, current, show, nullptr, names));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_ASSIGN_OR_RETURN(auto before, LoadIdeaView(tx, actor, current, show, nullptr, names));
        TL_TRY(tx.UpdateIdea(next, current.version));
        TL_ASSIGN_OR_RETURN(view, LoadIdeaView(tx, actor, next, show, nullptr, names));
        return Event(tx,
                     actor,
                     now,
                     "idea",
                     next.id,
                     next.product_id,
                     "updated",
                     IdeaSnapshot(before),
                     IdeaSnapshot(view));
    }));
    return view;
}

Result<void> DeleteIdea(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto idea, LoadIdea(tx, actor, id, Action::kFeedbackWrite, &roles));
        if (idea.proposer_id != actor.user_id && !Decides(actor, roles)) {
            return Fail(Forbidden(
                "only its proposer, the Product Manager or the Product Owner deletes an idea"));
        }
        UserNames names(tx, actor.workspace_id);
        TL_ASSIGN_OR_RETURN(auto before, LoadIdeaView(tx, actor, idea, false, nullptr, names));
        TL_TRY(tx.DeleteIdea(actor.workspace_id, idea.id));
        return Event(
            tx, actor, now, "idea", idea.id, idea.product_id, "deleted", IdeaSnapshot(before), {});
    });
}

Result<IdeaVoteView> VoteForIdea(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& idea_id,
                                 const std::string& customer_id) {
    const std::int64_t now = ctx.clock.NowMs();
    IdeaVoteView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto idea,
                            LoadIdea(tx, actor, idea_id, Action::kFeedbackWrite, &roles));
        domain::Issues issues;
        TL_TRY(CheckCustomerRef(tx, actor.workspace_id, idea.product_id, customer_id, issues));
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        domain::IdeaVote v;
        v.id = NewId("ivt", now);
        v.workspace_id = actor.workspace_id;
        v.product_id = idea.product_id;
        v.idea_id = idea.id;
        v.user_id = actor.user_id;
        v.customer_id = customer_id;
        v.created_at = now;
        TL_TRY(tx.InsertIdeaVote(v));
        UserNames names(tx, actor.workspace_id);
        view.user_name = names.Of(v.user_id);
        view.customer_name = CustomerName(tx, actor.workspace_id, v.customer_id);
        TL_ASSIGN_OR_RETURN(
            view.idea, LoadIdeaView(tx, actor, idea, MayReadRevenue(actor, roles), nullptr, names));
        view.vote = v;
        return Event(tx,
                     actor,
                     now,
                     "idea",
                     idea.id,
                     idea.product_id,
                     "voted",
                     {},
                     json::object{{"vote_id", v.id},
                                  {"customer_id", StringOrNull(v.customer_id)},
                                  {"votes", view.idea.tally.votes},
                                  {"customer_votes", view.idea.tally.customer_votes}});
    }));
    return view;
}

Result<void> DeleteIdeaVote(AppContext& ctx, const Actor& actor, const std::string& vote_id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto v, tx.GetIdeaVote(actor.workspace_id, vote_id));
        std::vector<domain::Role> roles;
        TL_TRY(AuthorizeObjectIn(tx, actor, v.product_id, Action::kFeedbackWrite, "vote", &roles));
        if (v.customer_id.empty() ? v.user_id != actor.user_id : !Decides(actor, roles)) {
            return Fail(Forbidden(v.customer_id.empty()
                                      ? "only the voter takes back their vote"
                                      : "only the Product Manager or Product Owner takes back a "
                                        "customer's vote"));
        }
        TL_TRY(tx.DeleteIdeaVote(actor.workspace_id, v.id));
        TL_ASSIGN_OR_RETURN(auto voice, LoadVoice(tx, actor.workspace_id, v.product_id));
        TL_ASSIGN_OR_RETURN(auto idea, tx.GetIdea(actor.workspace_id, v.idea_id));
        const auto tally = domain::TallyIdea(idea, voice, actor.user_id);
        return Event(tx,
                     actor,
                     now,
                     "idea",
                     v.idea_id,
                     v.product_id,
                     "unvoted",
                     {},
                     json::object{{"vote_id", v.id},
                                  {"customer_id", StringOrNull(v.customer_id)},
                                  {"votes", tally.votes},
                                  {"customer_votes", tally.customer_votes}});
    });
}

// ---- demand ----

namespace {

// Demand over the product's whole voice: every item a link or idea names, with its ancestors.
Result<std::map<std::string, domain::Demand>> ComputeDemand(
    storage::Tx& tx,
    const std::string& ws,
    const domain::DemandInputs& voice_in,
    std::map<std::string, domain::Item>& items,
    domain::DemandInputs& voice) {
    voice = voice_in;
    std::set<std::string> wanted;
    for (const auto& l : voice.links) {
        if (l.target_type == domain::FeedbackTarget::kItem) {
            wanted.insert(l.target_id);
        }
    }
    for (const auto& i : voice.ideas) {
        if (!i.item_id.empty()) {
            wanted.insert(i.item_id);
        }
    }
    // Load level by level up the parent chains.
    for (int depth = 0; depth < 16 && !wanted.empty(); ++depth) {
        std::vector<std::string> ids(wanted.begin(), wanted.end());
        TL_ASSIGN_OR_RETURN(auto loaded, tx.GetItems(ws, ids));
        wanted.clear();
        for (auto& item : loaded) {
            if (!item.parent_id.empty() && items.count(item.parent_id) == 0) {
                wanted.insert(item.parent_id);
            }
            items.emplace(item.id, std::move(item));
        }
        for (const auto& id : ids) {
            wanted.erase(id);
        }
        for (auto it = wanted.begin(); it != wanted.end();) {
            it = items.count(*it) != 0 ? wanted.erase(it) : std::next(it);
        }
    }
    voice.counts_toward = domain::DemandTargets(items);
    return domain::AggregateDemand(voice);
}

Result<DemandView> MakeDemandView(storage::Tx& tx,
                                  const std::string& ws,
                                  const domain::Item& item,
                                  ProductKeys& keys,
                                  domain::Demand demand,
                                  bool show) {
    DemandView v;
    v.item = ItemBrief(item, keys);
    v.show_revenue = show;
    for (const auto& id : demand.customers) {
        auto c = tx.GetCustomer(ws, id);
        if (c) {
            v.customers.push_back({c->id, c->name, c->revenue_per_year});
        }
    }
    std::sort(v.customers.begin(), v.customers.end(), [&](const auto& a, const auto& b) {
        const double ra = show ? a.revenue_per_year.value_or(0) : 0;
        const double rb = show ? b.revenue_per_year.value_or(0) : 0;
        return std::tie(rb, a.name, a.id) < std::tie(ra, b.name, b.id);
    });
    v.demand = std::move(demand);
    return v;
}

}  // namespace

Result<DemandView> ItemDemand(AppContext& ctx, const Actor& actor, const std::string& item_ref) {
    DemandView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto item,
                            AuthorizeItem(tx, actor, item_ref, Action::kProductRead, &roles));
        if (item.type != domain::ItemType::kEpic && item.type != domain::ItemType::kFeature) {
            return Fail(ValidationFailed({{"id", "demand is that of an epic or a feature"}}));
        }
        TL_ASSIGN_OR_RETURN(auto loaded, LoadVoice(tx, actor.workspace_id, item.product_id));
        std::map<std::string, domain::Item> items;
        domain::DemandInputs voice;
        TL_ASSIGN_OR_RETURN(auto demand,
                            ComputeDemand(tx, actor.workspace_id, loaded, items, voice));
        ProductKeys keys(tx, actor.workspace_id);
        auto it = demand.find(item.id);
        TL_ASSIGN_OR_RETURN(view,
                            MakeDemandView(tx,
                                           actor.workspace_id,
                                           item,
                                           keys,
                                           it == demand.end() ? domain::Demand{} : it->second,
                                           MayReadRevenue(actor, roles)));
        return {};
    }));
    return view;
}

Result<std::vector<DemandView>> ProductDemand(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id) {
    std::vector<DemandView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        std::vector<domain::Role> roles;
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, Action::kProductRead, &roles));
        const bool show = MayReadRevenue(actor, roles);
        TL_ASSIGN_OR_RETURN(auto loaded, LoadVoice(tx, actor.workspace_id, product.id));
        std::map<std::string, domain::Item> items;
        domain::DemandInputs voice;
        TL_ASSIGN_OR_RETURN(auto demand,
                            ComputeDemand(tx, actor.workspace_id, loaded, items, voice));
        std::map<std::string, std::int64_t> numbers;
        for (const auto& [id, item] : items) {
            numbers.emplace(id, item.number);
        }
        ProductKeys keys(tx, actor.workspace_id);
        for (const auto& id : domain::RankByDemand(demand, numbers, show)) {
            auto item = items.find(id);
            if (item == items.end() || item->second.product_id != product.id) {
                continue;
            }
            TL_ASSIGN_OR_RETURN(
                auto v,
                MakeDemandView(tx, actor.workspace_id, item->second, keys, demand.at(id), show));
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

}  // namespace tl::app
