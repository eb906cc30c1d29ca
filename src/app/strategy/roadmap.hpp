// The roadmap (docs/strategy.md, "Roadmap"): a product's initiatives on a timeline of periods
// in lanes by goal, with its releases as milestones and a Now/Next/Later board; the same
// across every product the user reads (the portfolio); and published read-only links.
//
// Authorisation: reading needs product.read (the portfolio: any user, over the products they
// hold a role on, or all for an admin); links need strategy.write; a link's token reads the
// roadmap without authentication. A roadmap is read in a fixed number of queries whatever the
// number of initiatives and items (goals, initiatives, releases, one aggregate of the work).
#pragma once

#include <string>

#include <boost/json.hpp>

#include "app/context.hpp"

namespace tl::app {

// The raw query: from, to (YYYY-MM-DD) and granularity (quarter, half, year); "" for the
// defaults (from the start of the current quarter, three years, by quarter). Bad values are
// validation errors naming the parameter.
struct RoadmapQuery {
    std::string from;
    std::string to;
    std::string granularity;
};

// {product:{id,key,name}, from, to, granularity, today, periods:[{label,start,end}],
// lanes:[{goal:{id,objective}|null, name, initiatives:[…]}], releases:[{id,version,name,
// target_date,status}], board:{now:[…],next:[…],later:[…]}}.
Result<boost::json::object> ProductRoadmap(AppContext& ctx,
                                           const Actor& actor,
                                           const std::string& product_id,
                                           const RoadmapQuery& query);
// {from, to, granularity, today, periods, lanes:[{product:{id,key,name}, initiatives:[…],
// releases:[…]}]}: one lane per product the actor reads, in the product list's order.
Result<boost::json::object> PortfolioRoadmap(AppContext& ctx,
                                             const Actor& actor,
                                             const RoadmapQuery& query);

// {id, product_id, token, url, created_by:{id,name}, created_at}: the token only here.
Result<boost::json::object> CreateRoadmapShare(AppContext& ctx,
                                               const Actor& actor,
                                               const std::string& product_id);
// {data:[{id, product_id, created_by, created_at}]}, oldest first (never the tokens).
Result<boost::json::object> ListRoadmapShares(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& product_id);
Result<void> RevokeRoadmapShare(AppContext& ctx, const Actor& actor, const std::string& id);
// The product's roadmap as a stakeholder reads it, without versions or user ids; kNotFound
// for an unknown or revoked token.
Result<boost::json::object> PublicRoadmap(AppContext& ctx,
                                          const std::string& token,
                                          const RoadmapQuery& query);

}  // namespace tl::app
