#include "app/board/board.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/backlog/backlog_settings.hpp"

namespace tl::app {

namespace {

std::string Lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

// A lane per person who may be assigned work on the product (its PO, Scrum Masters and team
// members, even without cards, so a card can be dropped on them) and per assignee of a card,
// by name; then "Unassigned".
Result<std::vector<domain::LaneSpec>> AssigneeLanes(storage::Tx& tx,
                                                    const Actor& actor,
                                                    const std::string& product_id,
                                                    const std::vector<ItemView>& cards) {
    std::map<std::string, std::string> people;  // id → name
    TL_ASSIGN_OR_RETURN(auto holders, tx.ListRoleHolders(actor.workspace_id, product_id));
    for (const auto& h : holders) {
        const auto role = h.assignment.role;
        if (role == domain::Role::kProductOwner || role == domain::Role::kScrumMaster ||
            role == domain::Role::kTeamMember) {
            people.emplace(h.user.id, h.user.name);
        }
    }
    for (const auto& v : cards) {
        if (!v.item.assignee_id.empty()) {
            people.emplace(v.item.assignee_id, v.assignee_name);
        }
    }
    std::vector<domain::LaneSpec> lanes;
    for (const auto& [id, name] : people) {
        lanes.push_back({id, name.empty() ? id : name, ""});
    }
    std::stable_sort(lanes.begin(), lanes.end(), [](const auto& a, const auto& b) {
        return Lower(a.name) < Lower(b.name);
    });
    return domain::LanesWithNone(std::move(lanes), "Unassigned");
}

// The epic above each card (its ancestor of type epic, through at most three parents, loaded
// a level at a time), as card lanes; the epics' lanes in rank order, then "No epic".
Result<std::vector<domain::LaneSpec>> EpicLanes(storage::Tx& tx,
                                                const Actor& actor,
                                                const std::string& product_key,
                                                const std::vector<ItemView>& cards,
                                                std::vector<std::string>& card_lanes) {
    std::map<std::string, domain::Item> known;
    for (const auto& v : cards) {
        known.emplace(v.item.id, v.item);
    }
    for (int level = 0; level < 3; ++level) {
        std::set<std::string> missing;
        for (const auto& [id, item] : known) {
            if (!item.parent_id.empty() && known.count(item.parent_id) == 0) {
                missing.insert(item.parent_id);
            }
        }
        if (missing.empty()) {
            break;
        }
        TL_ASSIGN_OR_RETURN(auto parents,
                            tx.GetItems(actor.workspace_id,
                                        std::vector<std::string>(missing.begin(), missing.end())));
        for (auto& p : parents) {
            known.emplace(p.id, std::move(p));
        }
    }
    std::map<std::string, const domain::Item*> epics;
    for (const auto& v : cards) {
        std::string lane(domain::kNoLaneKey);
        int hops = 0;
        for (auto p = known.find(v.item.parent_id); p != known.end() && hops < 4;
             p = known.find(p->second.parent_id), ++hops) {
            if (p->second.type == domain::ItemType::kEpic) {
                lane = p->second.id;
                epics.emplace(lane, &p->second);
                break;
            }
        }
        card_lanes.push_back(std::move(lane));
    }
    std::vector<const domain::Item*> ordered;
    for (const auto& [id, epic] : epics) {
        ordered.push_back(epic);
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return a->rank < b->rank;
    });
    std::vector<domain::LaneSpec> lanes;
    for (const auto* e : ordered) {
        lanes.push_back({e->id, e->title, domain::ItemKey(product_key, e->number)});
    }
    return domain::LanesWithNone(std::move(lanes), "No epic");
}

}  // namespace

Result<BoardView> GetBoard(AppContext& ctx,
                           const Actor& actor,
                           const std::string& product_id,
                           const BoardQuery& query) {
    BoardView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        const auto swimlane = query.swimlane.empty() ? domain::Swimlane::kNone
                                                     : domain::ParseSwimlane(query.swimlane);
        domain::Issues issues;
        if (!swimlane) {
            issues.push_back({"swimlane", "must be one of none, assignee, epic, priority"});
        }
        if (query.sprint_id.size() > 200) {
            issues.push_back({"sprint", "must be a sprint id"});
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        out.swimlane = *swimlane;
        out.sprint_id = query.sprint_id;
        TL_ASSIGN_OR_RETURN(auto settings, LoadBacklogSettings(tx, actor.workspace_id, product_id));

        storage::ItemQuery q;
        q.product_id = product_id;
        q.filter = query.query;
        q.context.product_key = product.key;
        q.context.me_user_id = actor.user_id;
        q.context.now_ms = ctx.clock.NowMs();
        q.context.fields = settings.fields;
        q.limit = static_cast<int>(domain::kMaxBoardCards);
        if (query.sprint_id.empty()) {
            for (auto t : domain::kAllItemTypes) {
                if (domain::OnProductBoard(t)) {
                    q.types.push_back(t);
                }
            }
        } else {
            q.sprint_id = query.sprint_id;
        }
        TL_ASSIGN_OR_RETURN(auto page, tx.ListItems(actor.workspace_id, q));
        out.truncated = !page.next_cursor.empty();
        TL_ASSIGN_OR_RETURN(auto counts, tx.CountItemsByStatus(actor.workspace_id, product_id));
        TL_ASSIGN_OR_RETURN(out.cards, LoadItemViews(tx, actor, std::move(page.items), false));

        std::vector<std::string> card_lanes;
        std::vector<domain::LaneSpec> lanes;
        switch (out.swimlane) {
            case domain::Swimlane::kNone:
                lanes.push_back({std::string(domain::kAllLaneKey), "All items", ""});
                card_lanes.assign(out.cards.size(), std::string(domain::kAllLaneKey));
                break;
            case domain::Swimlane::kPriority:
                lanes = domain::PriorityLanes();
                for (const auto& v : out.cards) {
                    card_lanes.emplace_back(domain::ToString(v.item.priority));
                }
                break;
            case domain::Swimlane::kAssignee: {
                TL_ASSIGN_OR_RETURN(lanes, AssigneeLanes(tx, actor, product_id, out.cards));
                for (const auto& v : out.cards) {
                    card_lanes.push_back(v.item.assignee_id.empty()
                                             ? std::string(domain::kNoLaneKey)
                                             : v.item.assignee_id);
                }
                break;
            }
            case domain::Swimlane::kEpic: {
                TL_ASSIGN_OR_RETURN(lanes,
                                    EpicLanes(tx, actor, product.key, out.cards, card_lanes));
                break;
            }
        }
        std::vector<domain::BoardCard> placed;
        placed.reserve(out.cards.size());
        for (std::size_t i = 0; i < out.cards.size(); ++i) {
            placed.push_back({out.cards[i].item.status, card_lanes[i]});
        }
        out.layout = domain::LayOutBoard(domain::BoardColumns(settings, counts), lanes, placed);
        return {};
    }));
    return out;
}

}  // namespace tl::app
