// /api/v1/products/{id}/items, /api/v1/items/{id} and their actions (move, accept, split,
// links), the backlog settings and the refinement queue. docs/backlog.md is the contract.
#include "app/backlog/items.hpp"

#include "app/backlog/backlog_settings.hpp"
#include "app/products/products.hpp"
#include "app/serialize.hpp"
#include "http/json_input.hpp"
#include "http/routes/common.hpp"
#include "http/routes/item_json.hpp"

namespace tl::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kTypes = "epic, feature, story, bug, spike, tech-debt, task";
constexpr std::string_view kPriorities = "highest, high, medium, low, lowest";

json::object RefJson(const app::ItemRef& r) {
    return json::object{{"id", r.id},
                        {"key", r.key},
                        {"title", r.title},
                        {"type", domain::ToString(r.type)},
                        {"status", r.status}};
}

}  // namespace

json::object ItemJson(const app::ItemView& v) {
    json::object o = app::ToJson(v.item, v.product_key, *v.settings);
    o["assignee"] =
        v.item.assignee_id.empty()
            ? json::value(nullptr)
            : json::value(json::object{{"id", v.item.assignee_id}, {"name", v.assignee_name}});
    o["parent"] = v.parent ? json::value(RefJson(*v.parent)) : json::value(nullptr);
    json::array links;
    for (const auto& l : v.links) {
        links.push_back(json::object{{"id", l.id}, {"kind", l.kind}, {"item", RefJson(l.item)}});
    }
    o["links"] = std::move(links);
    o["rollup"] = v.rollup ? json::value(json::object{{"total_points", v.rollup->total_points},
                                                      {"done_points", v.rollup->done_points},
                                                      {"items", v.rollup->items},
                                                      {"done_items", v.rollup->done_items}})
                           : json::value(nullptr);
    json::array flags;
    for (const auto& f : v.flags) {
        flags.emplace_back(f);
    }
    o["flags"] = std::move(flags);
    o["ready"] = v.ready;
    o["watching"] = v.watching;
    o["goal"] =
        v.item.goal_id.empty()
            ? json::value(nullptr)
            : json::value(json::object{{"id", v.item.goal_id}, {"objective", v.goal_objective}});
    o["initiative"] =
        v.item.initiative_id.empty()
            ? json::value(nullptr)
            : json::value(json::object{{"id", v.item.initiative_id}, {"name", v.initiative_name}});
    return o;
}

namespace {

json::array ItemListJson(const std::vector<app::ItemView>& views) {
    json::array data;
    for (const auto& v : views) {
        data.push_back(ItemJson(v));
    }
    return data;
}

std::optional<std::vector<app::CriterionInput>> ReadCriteria(JsonInput& in) {
    const json::value* v = in.Raw("criteria");
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_array()) {
        in.AddIssue("criteria", "must be a list of {id?, text, done?}");
        return std::nullopt;
    }
    std::vector<app::CriterionInput> out;
    const auto& list = v->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "criteria." + std::to_string(i);
        app::CriterionInput c;
        if (list[i].is_string()) {
            c.text = std::string(list[i].as_string());
            out.push_back(std::move(c));
            continue;
        }
        if (!list[i].is_object()) {
            in.AddIssue(at, "must be an object {id?, text, done?} or a text");
            continue;
        }
        const auto& o = list[i].as_object();
        for (const auto& kv : o) {
            if (kv.key() != "id" && kv.key() != "text" && kv.key() != "done") {
                in.AddIssue(at + "." + std::string(kv.key()), "is not a known field");
            }
        }
        if (const auto* id = o.if_contains("id"); id && !id->is_null()) {
            if (id->is_string()) {
                c.id = std::string(id->as_string());
            } else {
                in.AddIssue(at + ".id", "must be a string");
            }
        }
        if (const auto* text = o.if_contains("text"); text && text->is_string()) {
            c.text = std::string(text->as_string());
        } else {
            in.AddIssue(at + ".text", "is required and must be a string");
        }
        if (const auto* done = o.if_contains("done")) {
            if (done->is_bool()) {
                c.done = done->as_bool();
            } else {
                in.AddIssue(at + ".done", "must be true or false");
            }
        }
        out.push_back(std::move(c));
    }
    if (list.size() > domain::kMaxCriteria) {
        in.AddIssue("criteria",
                    "must have at most " + std::to_string(domain::kMaxCriteria) + " criteria");
    }
    return out;
}

app::ItemInput ReadItem(JsonInput& in, bool creating) {
    app::ItemInput input;
    input.type = in.Enum("type", domain::ParseItemType, kTypes);
    input.title = in.String("title", 1'000);
    input.description = in.String("description", 100'000);
    input.status = in.String("status", 100);
    input.points = in.NullableNumber("points", 0, 1000);
    input.priority = in.Enum("priority", domain::ParsePriority, kPriorities);
    input.assignee_id = in.NullableString("assignee_id");
    input.parent_id = in.NullableString("parent_id");
    input.goal_id = in.NullableString("goal_id");
    input.initiative_id = in.NullableString("initiative_id");
    input.labels = in.StringArray("labels", 100);
    input.criteria = ReadCriteria(in);
    input.ready_checks = in.StringArray("ready_checks", 50);
    input.done_checks = in.StringArray("done_checks", 50);
    if (const json::value* f = in.Raw("fields")) {
        if (f->is_object()) {
            input.fields = f->as_object();
        } else {
            in.AddIssue("fields", "must be an object of custom field values by key");
        }
    }
    if (creating) {
        input.position = in.String("position", 20);
        if (input.position && *input.position != "top" && *input.position != "bottom") {
            in.AddIssue("position", "must be top or bottom");
        }
    }
    input.issues = in.Finish();
    return input;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : std::string(separator)) + p;
    }
    return out;
}

// A custom field's value as text: numbers as JSON writes them, multi-select joined by "; ".
std::string FieldText(const json::value& v) {
    if (v.is_string()) {
        return std::string(v.as_string());
    }
    if (v.is_array()) {
        std::vector<std::string> parts;
        for (const auto& e : v.as_array()) {
            parts.push_back(e.is_string() ? std::string(e.as_string()) : json::serialize(e));
        }
        return Joined(parts, "; ");
    }
    return v.is_null() ? std::string() : json::serialize(v);
}

// The backlog as CSV: the built-in columns, then one column per custom field (by key), one
// row per item in the export's order. Criteria are one per line, "[x] " when checked.
std::string ItemsCsv(const std::vector<app::ItemView>& views,
                     const std::vector<domain::CustomField>& fields) {
    std::vector<std::string> header = {"key",
                                       "type",
                                       "title",
                                       "status",
                                       "category",
                                       "points",
                                       "priority",
                                       "assignee",
                                       "parent",
                                       "labels",
                                       "goal_id",
                                       "initiative_id",
                                       "sprint_id",
                                       "release_id",
                                       "created_at",
                                       "updated_at",
                                       "criteria",
                                       "description"};
    for (const auto& f : fields) {
        header.push_back(f.key);
    }
    std::string out = Joined(header, ",") + "\r\n";
    for (const auto& v : views) {
        const json::object o = ItemJson(v);
        auto text = [&](std::string_view key) { return FieldText(o.at(key)); };
        std::vector<std::string> criteria;
        for (const auto& c : v.item.criteria) {
            criteria.push_back((c.done ? "[x] " : "[ ] ") + c.text);
        }
        std::vector<std::string> row = {v.key,
                                        text("type"),
                                        v.item.title,
                                        v.item.status,
                                        text("category"),
                                        text("points"),
                                        text("priority"),
                                        v.assignee_name,
                                        v.parent ? v.parent->key : "",
                                        Joined(v.item.labels, "; "),
                                        v.item.goal_id,
                                        v.item.initiative_id,
                                        v.item.sprint_id,
                                        v.item.release_id,
                                        text("created_at"),
                                        text("updated_at"),
                                        Joined(criteria, "\n"),
                                        v.item.description};
        const auto& values = o.at("fields").as_object();
        for (const auto& f : fields) {
            const auto* value = values.if_contains(f.key);
            row.push_back(value ? FieldText(*value) : "");
        }
        for (auto& cell : row) {
            cell = CsvField(cell);
        }
        out += Joined(row, ",") + "\r\n";
    }
    return out;
}

Response ItemAnswer(int status, const app::ItemView& v) {
    return Versioned(status, ItemJson(v), v.item.version);
}

}  // namespace

json::object ItemViewJson(const app::ItemView& v) { return ItemJson(v); }

void AddItemRoutes(Router& router) {
    router.Add("GET",
               "/api/v1/products/{id}/items",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto page, ReadPageParams(req));
                   const std::string query(req.Query("query").value_or(""));
                   TL_ASSIGN_OR_RETURN(
                       auto items,
                       app::ListItems(
                           call.app, call.actor, req.Param("id"), query, page.cursor, page.limit));
                   auto data = ItemListJson(items.items);
                   return PageAnswer(std::move(data), items.next_cursor);
               });
    router.Add("POST",
               "/api/v1/products/{id}/items",
               domain::Action::kBacklogPropose,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadItem(in, true);
                   TL_ASSIGN_OR_RETURN(
                       auto view, app::CreateItem(call.app, call.actor, req.Param("id"), input));
                   return ItemAnswer(201, view);
               });
    router.Add(
        "GET",
        "/api/v1/products/{id}/items/export",
        domain::Action::kProductRead,
        [](Request& req, Call& call) -> Result<Response> {
            const std::string format(req.Query("format").value_or("csv"));
            if (format != "csv" && format != "json") {
                return Fail(ValidationFailed({{"format", "must be csv or json"}}));
            }
            const std::string query(req.Query("query").value_or(""));
            TL_ASSIGN_OR_RETURN(auto views,
                                app::ExportItems(call.app, call.actor, req.Param("id"), query));
            TL_ASSIGN_OR_RETURN(auto product,
                                app::GetProduct(call.app, call.actor, req.Param("id")));
            Response r;
            if (format == "json") {
                r = Response::Json(200, json::serialize(ItemListJson(views)));
            } else {
                TL_ASSIGN_OR_RETURN(auto settings,
                                    app::GetBacklogSettings(call.app, call.actor, req.Param("id")));
                r.content_type = "text/csv; charset=utf-8";
                r.body = ItemsCsv(views, settings.fields);
            }
            r.SetHeader(
                "Content-Disposition",
                "attachment; filename=\"" + product.product.key + "-backlog." + format + "\"");
            return r;
        });
    router.Add(
        "POST",
        "/api/v1/products/{id}/items/bulk",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            app::BulkInput input;
            input.item_ids = in.StringArray("item_ids", 200).value_or(std::vector<std::string>{});
            input.status = in.String("status", 100);
            input.assignee_id = in.NullableString("assignee_id");
            input.points = in.NullableNumber("points", 0, 1000);
            input.priority = in.Enum("priority", domain::ParsePriority, kPriorities);
            input.add_labels =
                in.StringArray("add_labels", 20).value_or(std::vector<std::string>{});
            input.remove_labels =
                in.StringArray("remove_labels", 20).value_or(std::vector<std::string>{});
            input.issues = in.Finish();
            TL_ASSIGN_OR_RETURN(auto views,
                                app::BulkEditItems(call.app, call.actor, req.Param("id"), input));
            auto data = ItemListJson(views);
            return PageAnswer(std::move(data), "");
        });
    router.Add("GET",
               "/api/v1/products/{id}/refinement",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto views,
                                       app::RefinementQueue(call.app, call.actor, req.Param("id")));
                   auto data = ItemListJson(views);
                   return PageAnswer(std::move(data), "");
               });
    router.Add("GET",
               "/api/v1/products/{id}/backlog-settings",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(
                       auto s, app::GetBacklogSettings(call.app, call.actor, req.Param("id")));
                   return Versioned(200, app::ToJson(s), s.version);
               });
    router.Add(
        "PATCH",
        "/api/v1/products/{id}/backlog-settings",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
            json::error_code ec;
            const json::value body = json::parse(req.body, ec);
            if (ec) {
                return Fail(MakeError(ErrorCode::kMalformedJson, "the body is not JSON"));
            }
            if (!body.is_object()) {
                return Fail(ValidationFailed({{"", "the body must be a JSON object"}}));
            }
            auto input = app::ReadSettingsInput(body.as_object());
            auto s =
                app::UpdateBacklogSettings(call.app, call.actor, req.Param("id"), input, if_match);
            if (!s && s.error().code == ErrorCode::kPreconditionFailed) {
                TL_ASSIGN_OR_RETURN(auto current,
                                    app::GetBacklogSettings(call.app, call.actor, req.Param("id")));
                return StaleVersion(s.error(), app::ToJson(current));
            }
            TL_TRY(s);
            return Versioned(200, app::ToJson(*s), s->version);
        });
    router.Add("GET",
               "/api/v1/items/{id}",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::GetItem(call.app, call.actor, req.Param("id")));
                   return ItemAnswer(200, view);
               });
    router.Add("PATCH",
               "/api/v1/items/{id}",
               domain::Action::kBacklogChange,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   auto input = ReadItem(in, false);
                   auto view =
                       app::UpdateItem(call.app, call.actor, req.Param("id"), input, if_match);
                   if (!view && view.error().code == ErrorCode::kPreconditionFailed) {
                       TL_ASSIGN_OR_RETURN(auto current,
                                           app::GetItem(call.app, call.actor, req.Param("id")));
                       return StaleVersion(view.error(), ItemJson(current));
                   }
                   TL_TRY(view);
                   return ItemAnswer(200, *view);
               });
    router.Add("DELETE",
               "/api/v1/items/{id}",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_TRY(app::DeleteItem(call.app, call.actor, req.Param("id")));
                   return Response::NoContent();
               });
    router.Add("POST",
               "/api/v1/items/{id}/move",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
                   app::MoveInput input;
                   input.before = in.String("before", 200).value_or("");
                   input.after = in.String("after", 200).value_or("");
                   input.position = in.String("position", 20).value_or("");
                   input.issues = in.Finish();
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::MoveItem(call.app, call.actor, req.Param("id"), input));
                   return ItemAnswer(200, view);
               });
    router.Add("POST",
               "/api/v1/items/{id}/accept",
               domain::Action::kBacklogWrite,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto view,
                                       app::AcceptItem(call.app, call.actor, req.Param("id")));
                   return ItemAnswer(200, view);
               });
    router.Add(
        "POST",
        "/api/v1/items/{id}/split",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            app::SplitInput input;
            input.as = in.String("as", 20).value_or("");
            if (const json::value* v = in.Raw("stories")) {
                if (!v->is_array()) {
                    in.AddIssue("stories", "must be a list of {title, criteria, points}");
                } else {
                    std::size_t i = 0;
                    for (const auto& s : v->as_array()) {
                        const std::string at = "stories." + std::to_string(i++);
                        app::SplitPart part;
                        const auto* o = s.if_object();
                        const auto* title = o ? o->if_contains("title") : nullptr;
                        if (title == nullptr || !title->is_string()) {
                            in.AddIssue(at + ".title", "is required");
                        } else {
                            part.title = std::string(title->as_string());
                        }
                        if (const auto* c = o ? o->if_contains("criteria") : nullptr) {
                            for (const auto& id : c->is_array() ? c->as_array() : json::array()) {
                                if (id.is_string()) {
                                    part.criteria.emplace_back(id.as_string());
                                }
                            }
                        }
                        if (const auto* p = o ? o->if_contains("points") : nullptr) {
                            if (p->is_number()) {
                                part.points = p->to_number<double>();
                            }
                        }
                        input.parts.push_back(std::move(part));
                    }
                }
            }
            input.issues = in.Finish();
            TL_ASSIGN_OR_RETURN(auto views,
                                app::SplitItem(call.app, call.actor, req.Param("id"), input));
            return JsonAnswer(201, json::object{{"data", ItemListJson(views)}});
        });
    router.Add(
        "POST",
        "/api/v1/items/{id}/links",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_ASSIGN_OR_RETURN(auto in, JsonInput::Parse(req.body));
            app::LinkInput input;
            input.kind = in.String("kind", 40).value_or("");
            input.target = in.String("target_id", 200).value_or("");
            input.issues = in.Finish();
            TL_ASSIGN_OR_RETURN(auto link,
                                app::AddLink(call.app, call.actor, req.Param("id"), input));
            return JsonAnswer(
                201,
                json::object{{"id", link.id}, {"kind", link.kind}, {"item", RefJson(link.item)}});
        });
    router.Add(
        "DELETE",
        "/api/v1/items/{id}/links/{link_id}",
        domain::Action::kBacklogWrite,
        [](Request& req, Call& call) -> Result<Response> {
            TL_TRY(app::RemoveLink(call.app, call.actor, req.Param("id"), req.Param("link_id")));
            return Response::NoContent();
        });
    router.Add("GET",
               "/api/v1/items/{id}/history",
               domain::Action::kProductRead,
               [](Request& req, Call& call) -> Result<Response> {
                   TL_ASSIGN_OR_RETURN(auto q, ReadHistoryQuery(req));
                   TL_ASSIGN_OR_RETURN(
                       auto page,
                       app::ItemHistory(call.app, call.actor, req.Param("id"), q.before, q.limit));
                   return HistoryAnswer(page);
               });
}

}  // namespace tl::http
