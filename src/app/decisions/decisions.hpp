// The decision log (docs/strategy.md, "Decision log"): a product's decisions with their
// options, rationale, owner and links to the product's objects.
//
// Authorisation: reading needs product.read; creating, changing and deleting needs
// decision.write (the Product Manager and the Product Owner). A decision of a product the
// actor holds no role on is kNotFound. Every write appends a `decision` event with the product
// in the write's transaction.
//
// Links: items (by id or key) and releases must belong to the product (kValidationFailed
// naming links.<i>.id); goals, initiatives and ideas are kept by id, checked for their prefix
// only, and answered without key or name until those objects are joined in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/decision.hpp"

namespace tl::app {

struct DecisionLinkView {
    domain::DecisionLink link;
    std::string key;   // item key, release version; "" when not known
    std::string name;  // item title, release name; "" when not known
};

struct DecisionView {
    domain::Decision decision;
    std::string owner_name;
    std::string created_by_name;
    std::vector<DecisionLinkView> links;
};

// {id, product_id, title, context, options:[{title,pros,cons}], decision, rationale,
// owner:{id,name}|null, date|null, status, links:[{type,id,key,name}], created_by, version,
// created_at, updated_at}.
boost::json::object ToJson(const DecisionView& view);

struct DecisionLinkInput {
    std::optional<domain::LinkTarget> type;  // nullopt: the input flagged it already
    std::string id;                          // for items: an id or a key
};

struct DecisionInput {
    std::optional<std::string> title;
    std::optional<std::string> context;
    std::optional<std::vector<domain::DecisionOption>> options;
    std::optional<std::string> decision;
    std::optional<std::string> rationale;
    std::optional<std::string> owner_id;  // "" clears
    std::optional<std::string> date;      // "" clears
    std::optional<domain::DecisionStatus> status;
    std::optional<std::vector<DecisionLinkInput>> links;
    domain::Issues issues;
};

// title is required; status starts `proposed`; owner_id (someone holding a role on the
// product, field "owner_id") defaults to the caller.
Result<DecisionView> CreateDecision(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const DecisionInput& input);

struct DecisionFilter {
    std::optional<domain::DecisionStatus> status;
    std::string q;
    std::optional<domain::DecisionLink> linked;  // items by id or key
};
// The product's decisions, newest first.
Result<std::vector<DecisionView>> ListDecisions(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const DecisionFilter& filter);
Result<DecisionView> GetDecision(AppContext& ctx, const Actor& actor, const std::string& id);
// options and links, when given, replace the whole lists. kPreconditionFailed when
// `if_match` names another version; a change to nothing writes nothing.
Result<DecisionView> UpdateDecision(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const DecisionInput& input,
                                    std::optional<std::int64_t> if_match);
Result<void> DeleteDecision(AppContext& ctx, const Actor& actor, const std::string& id);

}  // namespace tl::app
