// Backlog items: create, read, list, edit, move (rank), accept, delete, bulk edit, split,
// links, and the refinement queue. Authorisation follows docs/backlog.md "Who may do what":
// the Product Owner writes everything; a PM proposes items at the bottom and sets their
// alignment; team members edit the working fields of items assigned to them or unassigned; a
// Scrum Master moves such items on the board (status, assignee, priority).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/backlog.hpp"
#include "domain/item.hpp"
#include "domain/role.hpp"
#include "domain/user.hpp"

namespace tl::app {

// A short reference to another item.
struct ItemRef {
    std::string id;
    std::string key;
    std::string title;
    domain::ItemType type = domain::ItemType::kStory;
    std::string status;
};

struct LinkView {
    std::string id;
    std::string kind;  // from this item's side: "blocks", "blocked_by", ...
    ItemRef item;
};

struct ItemView {
    domain::Item item;
    std::string key;
    std::string product_key;
    // The product's settings (custom field keys for the JSON), shared by a page's views.
    std::shared_ptr<const domain::BacklogSettings> settings;
    std::string assignee_name;
    std::optional<ItemRef> parent;
    std::vector<LinkView> links;
    std::optional<domain::Rollup> rollup;  // epics and features
    std::vector<std::string> flags;
    bool ready = false;
    bool watching = false;
    // The goal's objective and the initiative's name the item names (docs/strategy.md); empty
    // when it names none.
    std::string goal_objective;
    std::string initiative_name;
};

struct CriterionInput {
    std::string id;  // empty: a new criterion
    std::string text;
    bool done = false;
};

struct ItemInput {
    std::optional<domain::ItemType> type;
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> status;
    std::optional<std::optional<double>> points;  // a null clears the estimate
    std::optional<domain::Priority> priority;
    std::optional<std::string> assignee_id;  // "" clears
    std::optional<std::string> parent_id;    // "" clears; an id or a key
    std::optional<std::string> goal_id;
    std::optional<std::string> initiative_id;
    std::optional<std::vector<std::string>> labels;
    std::optional<std::vector<CriterionInput>> criteria;
    std::optional<std::vector<std::string>> ready_checks;
    std::optional<std::vector<std::string>> done_checks;
    std::optional<boost::json::object> fields;  // by custom field key; null removes a value
    std::optional<std::string> position;        // create only: "top" or "bottom"
    domain::Issues issues;
};

Result<ItemView> CreateItem(AppContext& ctx,
                            const Actor& actor,
                            const std::string& product_id,
                            const ItemInput& input);
// As the system (demo seed): no actor, no role checks; returns the item.
Result<domain::Item> CreateItemAsSystem(AppContext& ctx,
                                        const std::string& workspace_id,
                                        const std::string& product_id,
                                        const std::string& author_id,
                                        const ItemInput& input);
// `id` is an item id or a key such as DRN-12.
Result<ItemView> GetItem(AppContext& ctx, const Actor& actor, const std::string& id);
Result<ItemView> UpdateItem(AppContext& ctx,
                            const Actor& actor,
                            const std::string& id,
                            const ItemInput& input,
                            std::optional<std::int64_t> if_match);
Result<void> DeleteItem(AppContext& ctx, const Actor& actor, const std::string& id);

struct ItemPageView {
    std::vector<ItemView> items;
    std::string next_cursor;
};
// A page of the product's backlog, filtered by a query-language text (may be empty).
Result<ItemPageView> ListItems(AppContext& ctx,
                               const Actor& actor,
                               const std::string& product_id,
                               const std::string& query,
                               const std::string& cursor,
                               int limit);

// Every item of the product that `query` selects, in its order, for an export; at most
// kMaxExportItems (kPayloadTooLarge past that: narrow the query).
inline constexpr std::size_t kMaxExportItems = 100'000;
Result<std::vector<ItemView>> ExportItems(AppContext& ctx,
                                          const Actor& actor,
                                          const std::string& product_id,
                                          const std::string& query);

// Where a move puts the item: exactly one of before / after (an item id or key) / position.
struct MoveInput {
    std::string before;
    std::string after;
    std::string position;  // "top" or "bottom"
    domain::Issues issues;
};
Result<ItemView> MoveItem(AppContext& ctx,
                          const Actor& actor,
                          const std::string& id,
                          const MoveInput& input);
// The Product Owner accepts an item: to the first done status, with acceptance recorded.
Result<ItemView> AcceptItem(AppContext& ctx, const Actor& actor, const std::string& id);

struct BulkInput {
    std::vector<std::string> item_ids;
    std::optional<std::string> status;
    std::optional<std::string> assignee_id;
    std::optional<std::optional<double>> points;
    std::optional<domain::Priority> priority;
    std::vector<std::string> add_labels;
    std::vector<std::string> remove_labels;
    domain::Issues issues;
};
// Applies the same change to every item, all or nothing.
Result<std::vector<ItemView>> BulkEditItems(AppContext& ctx,
                                            const Actor& actor,
                                            const std::string& product_id,
                                            const BulkInput& input);

struct SplitPart {
    std::string title;
    std::vector<std::string> criteria;  // ids of the item's criteria moved to this part
    std::optional<double> points;
};
struct SplitInput {
    std::string as;  // "siblings" or "children"
    std::vector<SplitPart> parts;
    domain::Issues issues;
};
// Creates the parts and moves the named criteria to them; returns the new items.
Result<std::vector<ItemView>> SplitItem(AppContext& ctx,
                                        const Actor& actor,
                                        const std::string& id,
                                        const SplitInput& input);

struct LinkInput {
    std::string kind;    // "blocks", "blocked_by", "relates", "duplicates", "duplicated_by"
    std::string target;  // the other item's id or key
    domain::Issues issues;
};
Result<LinkView> AddLink(AppContext& ctx,
                         const Actor& actor,
                         const std::string& id,
                         const LinkInput& input);
Result<void> RemoveLink(AppContext& ctx,
                        const Actor& actor,
                        const std::string& id,
                        const std::string& link_id);

// Items in a to-do status that carry a refinement flag or are not ready, in rank order.
Result<std::vector<ItemView>> RefinementQueue(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id);

// The item's JSON (also the audit snapshot): every stored field, custom fields by key.
boost::json::object ToJson(const domain::Item& item,
                           std::string_view product_key,
                           const domain::BacklogSettings& settings);

// Loads an item by id or key from the actor's workspace, checking `action` on its product;
// `roles_out` receives the actor's roles there.
Result<domain::Item> AuthorizeItem(storage::Tx& tx,
                                   const Actor& actor,
                                   const std::string& id_or_key,
                                   domain::Action action,
                                   std::vector<domain::Role>* roles_out = nullptr);

// Full views of items (parent, assignee, links, roll-up, flags) inside a transaction.
Result<std::vector<ItemView>> LoadItemViews(storage::Tx& tx,
                                            const Actor& actor,
                                            std::vector<domain::Item> items,
                                            bool with_links);

// The item named by id or key (DRN-12) in the workspace; kNotFound when there is none.
// No authorisation: callers check the item's product themselves.
Result<domain::Item> ResolveItem(storage::Tx& tx,
                                 const std::string& workspace_id,
                                 const std::string& id_or_key);

// Creates an item inside the caller's transaction as CreateItem does once it has checked the
// roles (validation, key, rank at the bottom or the top, search index, the author watching,
// the "created" event), for use cases that create items on their own authority (a bug from a
// failing test run). kValidationFailed names the input's fields.
Result<domain::Item> InsertItemInTx(storage::Tx& tx,
                                    const std::string& workspace_id,
                                    const domain::Product& product,
                                    const std::string& author_id,
                                    const ItemInput& input,
                                    bool top,
                                    std::int64_t now);

}  // namespace tl::app
