#include "app/backlog/search.hpp"

#include <map>

#include "app/access.hpp"
#include "domain/search_words.hpp"

namespace tl::app {
namespace {

// Every product the actor may read: those with a role, or all of the workspace for an admin.
Result<std::vector<std::string>> ReadableProducts(storage::Tx& tx, const Actor& actor) {
    std::vector<std::string> ids;
    storage::Page page{"", 200};
    for (;;) {
        TL_ASSIGN_OR_RETURN(
            auto products,
            tx.ListProducts(
                actor.workspace_id, actor.is_admin ? std::string() : actor.user_id, page));
        for (const auto& p : products) {
            ids.push_back(p.id);
        }
        if (static_cast<int>(products.size()) < page.limit) {
            return ids;
        }
        page.after = products.back().id;
    }
}

}  // namespace

Result<std::vector<SearchResult>> SearchItems(AppContext& ctx,
                                              const Actor& actor,
                                              std::string_view q,
                                              const std::string& product_id,
                                              int limit) {
    std::vector<SearchResult> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        storage::SearchQuery query;
        query.terms = domain::SearchWords(q, kMaxSearchTerms, kMaxSearchTermBytes);
        if (query.terms.empty()) {
            return Fail(ValidationFailed({{"q", "must contain a word to search for"}}));
        }
        query.limit = limit;
        if (!product_id.empty()) {
            TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
            query.product_ids.push_back(product_id);
        } else {
            TL_ASSIGN_OR_RETURN(query.product_ids, ReadableProducts(tx, actor));
        }
        TL_ASSIGN_OR_RETURN(auto hits, tx.SearchItems(actor.workspace_id, query));
        std::vector<std::string> ids;
        for (const auto& h : hits) {
            ids.push_back(h.item_id);
        }
        TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(actor.workspace_id, ids));
        std::map<std::string, domain::Item> by_id;
        for (auto& i : items) {
            by_id.emplace(i.id, std::move(i));
        }
        std::map<std::string, std::string> product_keys;
        for (const auto& h : hits) {
            auto it = by_id.find(h.item_id);
            if (it == by_id.end()) {
                continue;  // deleted since it was indexed
            }
            auto key = product_keys.find(it->second.product_id);
            if (key == product_keys.end()) {
                TL_ASSIGN_OR_RETURN(auto product,
                                    tx.GetProduct(actor.workspace_id, it->second.product_id));
                key = product_keys.emplace(product.id, product.key).first;
            }
            SearchResult r;
            r.key = domain::ItemKey(key->second, it->second.number);
            r.item = it->second;
            r.score = h.score;
            r.title = h.title;
            r.snippet = h.snippet;
            out.push_back(std::move(r));
        }
        return {};
    }));
    return out;
}

}  // namespace tl::app
