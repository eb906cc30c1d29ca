#include "app/backlog/search.hpp"

#include <algorithm>
#include <map>

#include "app/access.hpp"

namespace tl::app {
namespace {

constexpr char kMarkStart = '\x02';
constexpr char kMarkEnd = '\x03';

bool IsWordByte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Cuts `word` to at most `max` bytes without splitting a UTF-8 sequence.
void CutAtBoundary(std::string& word, std::size_t max) {
    if (word.size() <= max) {
        return;
    }
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) {
        --end;
    }
    word.resize(end);
}

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

std::vector<std::string> SearchTerms(std::string_view q) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    while (i < q.size() && static_cast<int>(terms.size()) < kMaxSearchTerms) {
        while (i < q.size() && !IsWordByte(static_cast<unsigned char>(q[i]))) {
            ++i;
        }
        std::string word;
        while (i < q.size() && IsWordByte(static_cast<unsigned char>(q[i]))) {
            const unsigned char c = static_cast<unsigned char>(q[i]);
            word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                                : static_cast<char>(c));
            ++i;
        }
        CutAtBoundary(word, kMaxSearchTermBytes);
        if (!word.empty() && std::find(terms.begin(), terms.end(), word) == terms.end()) {
            terms.push_back(std::move(word));
        }
    }
    return terms;
}

std::string MarkedToHtml(std::string_view marked) {
    std::string out;
    out.reserve(marked.size() + 16);
    for (char c : marked) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case kMarkStart:
                out += "<mark>";
                break;
            case kMarkEnd:
                out += "</mark>";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

Result<std::vector<SearchResult>> SearchItems(AppContext& ctx,
                                              const Actor& actor,
                                              std::string_view q,
                                              const std::string& product_id,
                                              int limit) {
    std::vector<SearchResult> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        storage::SearchQuery query;
        query.terms = SearchTerms(q);
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
            r.title_html = MarkedToHtml(h.title);
            r.snippet_html = MarkedToHtml(h.snippet);
            out.push_back(std::move(r));
        }
        return {};
    }));
    return out;
}

}  // namespace tl::app
