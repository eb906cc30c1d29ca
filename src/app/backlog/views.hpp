// Saved views: a named backlog query on a product. A view is its owner's alone unless
// shared, then everyone on the product sees it. Only the owner changes or deletes a view;
// the Product Owner may also change or delete shared ones. Another user's private view is
// not found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/context.hpp"
#include "domain/backlog.hpp"

namespace tl::app {

inline constexpr std::size_t kMaxViewNameLength = 100;
inline constexpr std::size_t kMaxViewQueryLength = 2'000;

struct SavedViewView {
    domain::SavedView view;
    std::string owner_name;
    bool mine = false;
};

struct ViewInput {
    std::optional<std::string> name;
    std::optional<std::string> query;
    std::optional<bool> shared;
    domain::Issues issues;  // problems found while reading the input
};

// {id, product_id, name, query, shared, owner:{id,name}, mine, version, created_at,
// updated_at}.
boost::json::object ToJson(const SavedViewView& view);

// The actor's own views and the product's shared ones, by name.
Result<std::vector<SavedViewView>> ListViews(AppContext& ctx,
                                             const Actor& actor,
                                             const std::string& product_id);
// name (required, 1–100 characters), query (up to 2,000), shared (default false).
Result<SavedViewView> CreateView(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& product_id,
                                 const ViewInput& input);
Result<SavedViewView> GetView(AppContext& ctx, const Actor& actor, const std::string& id);
Result<SavedViewView> UpdateView(AppContext& ctx,
                                 const Actor& actor,
                                 const std::string& id,
                                 const ViewInput& input,
                                 std::optional<std::int64_t> if_match);
Result<void> DeleteView(AppContext& ctx, const Actor& actor, const std::string& id);

}  // namespace tl::app
