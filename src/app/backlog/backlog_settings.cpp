#include "app/backlog/backlog_settings.hpp"

#include <algorithm>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

// Reads typed values out of JSON, collecting an issue per wrong type under a dotted path.
class Reader {
public:
    explicit Reader(domain::Issues& issues) : issues_(issues) {}

    const json::object* Object(const json::value& v, const std::string& at) {
        if (!v.is_object()) {
            issues_.push_back({at, "must be an object"});
            return nullptr;
        }
        return &v.as_object();
    }
    const json::array* Array(const json::value& v, const std::string& at) {
        if (!v.is_array()) {
            issues_.push_back({at, "must be a list"});
            return nullptr;
        }
        return &v.as_array();
    }
    std::string String(const json::object& o,
                       std::string_view key,
                       const std::string& at,
                       bool required = true) {
        const auto* v = o.if_contains(key);
        if (!v) {
            if (required) {
                issues_.push_back({at + "." + std::string(key), "is required"});
            }
            return {};
        }
        if (!v->is_string()) {
            issues_.push_back({at + "." + std::string(key), "must be a string"});
            return {};
        }
        return std::string(v->as_string());
    }
    std::optional<double> Number(const json::value& v, const std::string& at) {
        if (v.is_int64()) {
            return static_cast<double>(v.as_int64());
        }
        if (v.is_uint64()) {
            return static_cast<double>(v.as_uint64());
        }
        if (v.is_double()) {
            return v.as_double();
        }
        issues_.push_back({at, "must be a number"});
        return std::nullopt;
    }
    void Unknown(const json::object& o,
                 std::initializer_list<std::string_view> known,
                 const std::string& at) {
        for (const auto& kv : o) {
            bool ok = false;
            for (auto k : known) {
                ok = ok || kv.key() == k;
            }
            if (!ok) {
                issues_.push_back({at + "." + std::string(kv.key()), "is not a known field"});
            }
        }
    }

private:
    domain::Issues& issues_;
};

std::vector<domain::ChecklistEntry> ReadChecklist(Reader& r,
                                                  const json::value& v,
                                                  const std::string& at) {
    std::vector<domain::ChecklistEntry> out;
    const auto* list = r.Array(v, at);
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        const std::string p = at + "." + std::to_string(i);
        if (const auto* o = r.Object((*list)[i], p)) {
            r.Unknown(*o, {"id", "text"}, p);
            out.push_back({r.String(*o, "id", p, false), r.String(*o, "text", p)});
        }
    }
    return out;
}

json::array ChecklistJson(const std::vector<domain::ChecklistEntry>& entries) {
    json::array out;
    for (const auto& e : entries) {
        out.push_back(json::object{{"id", e.id}, {"text", e.text}});
    }
    return out;
}

}  // namespace

SettingsInput ReadSettingsInput(const json::object& body) {
    SettingsInput in;
    Reader r(in.issues);
    r.Unknown(body,
              {"statuses",
               "transitions",
               "point_scale",
               "split_threshold",
               "definition_of_ready",
               "definition_of_done",
               "fields",
               "version",
               "product_id"},
              "");
    for (auto& issue : in.issues) {
        issue.field.erase(0, 1);  // no leading dot at the top level
    }
    if (const auto* v = body.if_contains("statuses")) {
        in.statuses.emplace();
        const auto* list = r.Array(*v, "statuses");
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            const std::string p = "statuses." + std::to_string(i);
            const auto* o = r.Object((*list)[i], p);
            if (!o) {
                continue;
            }
            r.Unknown(*o, {"key", "name", "category", "wip_limit"}, p);
            domain::WorkflowStatus s;
            s.key = r.String(*o, "key", p);
            s.name = r.String(*o, "name", p);
            const auto category = r.String(*o, "category", p);
            if (auto c = domain::ParseStatusCategory(category)) {
                s.category = *c;
            } else if (o->contains("category")) {
                in.issues.push_back({p + ".category", "must be one of to_do, in_progress, done"});
            }
            if (const auto* w = o->if_contains("wip_limit")) {
                if (w->is_int64()) {
                    s.wip_limit =
                        static_cast<int>(std::clamp<std::int64_t>(w->as_int64(), -1, 100'000));
                } else {
                    in.issues.push_back({p + ".wip_limit", "must be a whole number"});
                }
            }
            in.statuses->push_back(std::move(s));
        }
    }
    if (const auto* v = body.if_contains("transitions")) {
        in.transitions.emplace();
        const auto* list = r.Array(*v, "transitions");
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            const std::string p = "transitions." + std::to_string(i);
            if (const auto* o = r.Object((*list)[i], p)) {
                r.Unknown(*o, {"from", "to"}, p);
                in.transitions->push_back({r.String(*o, "from", p), r.String(*o, "to", p)});
            }
        }
    }
    if (const auto* v = body.if_contains("point_scale")) {
        in.point_scale.emplace();
        const auto* list = r.Array(*v, "point_scale");
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            if (auto n = r.Number((*list)[i], "point_scale." + std::to_string(i))) {
                in.point_scale->push_back(*n);
            }
        }
    }
    if (const auto* v = body.if_contains("split_threshold")) {
        in.split_threshold = r.Number(*v, "split_threshold");
    }
    if (const auto* v = body.if_contains("definition_of_ready")) {
        in.definition_of_ready = ReadChecklist(r, *v, "definition_of_ready");
    }
    if (const auto* v = body.if_contains("definition_of_done")) {
        in.definition_of_done = ReadChecklist(r, *v, "definition_of_done");
    }
    if (const auto* v = body.if_contains("fields")) {
        in.fields.emplace();
        const auto* list = r.Array(*v, "fields");
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            const std::string p = "fields." + std::to_string(i);
            const auto* o = r.Object((*list)[i], p);
            if (!o) {
                continue;
            }
            r.Unknown(*o, {"id", "key", "name", "type", "options", "required"}, p);
            domain::CustomField f;
            f.id = r.String(*o, "id", p, false);
            f.key = r.String(*o, "key", p);
            f.name = r.String(*o, "name", p);
            const auto type = r.String(*o, "type", p);
            if (auto t = domain::ParseCustomFieldType(type)) {
                f.type = *t;
            } else if (o->contains("type")) {
                in.issues.push_back(
                    {p + ".type",
                     "must be one of text, number, date, single_select, multi_select, user"});
            }
            if (const auto* opts = o->if_contains("options")) {
                const auto* arr = r.Array(*opts, p + ".options");
                for (std::size_t j = 0; arr && j < arr->size(); ++j) {
                    if ((*arr)[j].is_string()) {
                        f.options.emplace_back((*arr)[j].as_string());
                    } else {
                        in.issues.push_back(
                            {p + ".options." + std::to_string(j), "must be a string"});
                    }
                }
            }
            if (const auto* req = o->if_contains("required")) {
                if (req->is_bool()) {
                    f.required = req->as_bool();
                } else {
                    in.issues.push_back({p + ".required", "must be true or false"});
                }
            }
            in.fields->push_back(std::move(f));
        }
    }
    return in;
}

json::object ToJson(const domain::BacklogSettings& s) {
    json::array statuses;
    for (const auto& st : s.statuses) {
        statuses.push_back(json::object{{"key", st.key},
                                        {"name", st.name},
                                        {"category", domain::ToString(st.category)},
                                        {"wip_limit", st.wip_limit}});
    }
    json::array transitions;
    for (const auto& t : s.transitions) {
        transitions.push_back(json::object{{"from", t.from}, {"to", t.to}});
    }
    json::array scale;
    for (double p : s.point_scale) {
        scale.push_back(p);
    }
    json::array fields;
    for (const auto& f : s.fields) {
        json::array options;
        for (const auto& o : f.options) {
            options.emplace_back(o);
        }
        fields.push_back(json::object{{"id", f.id},
                                      {"key", f.key},
                                      {"name", f.name},
                                      {"type", domain::ToString(f.type)},
                                      {"options", std::move(options)},
                                      {"required", f.required}});
    }
    return json::object{{"statuses", std::move(statuses)},
                        {"transitions", std::move(transitions)},
                        {"point_scale", std::move(scale)},
                        {"split_threshold", s.split_threshold},
                        {"definition_of_ready", ChecklistJson(s.definition_of_ready)},
                        {"definition_of_done", ChecklistJson(s.definition_of_done)},
                        {"fields", std::move(fields)},
                        {"version", s.version}};
}

namespace {

void Apply(const SettingsInput& in, domain::BacklogSettings& s) {
    if (in.statuses) {
        s.statuses = *in.statuses;
    }
    if (in.transitions) {
        s.transitions = *in.transitions;
    }
    if (in.point_scale) {
        s.point_scale = *in.point_scale;
    }
    if (in.split_threshold) {
        s.split_threshold = *in.split_threshold;
    }
    if (in.definition_of_ready) {
        s.definition_of_ready = *in.definition_of_ready;
    }
    if (in.definition_of_done) {
        s.definition_of_done = *in.definition_of_done;
    }
    if (in.fields) {
        s.fields = *in.fields;
    }
}

}  // namespace

Result<domain::BacklogSettings> LoadBacklogSettings(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto stored, tx.GetBacklogSettings(workspace_id, product_id));
    domain::BacklogSettings s = domain::DefaultBacklogSettings();
    if (!stored) {
        return s;
    }
    json::error_code ec;
    const json::value doc = json::parse(stored->json, ec);
    if (ec || !doc.is_object()) {
        return Fail(MakeError(ErrorCode::kInternal, "stored backlog settings are not JSON"));
    }
    const SettingsInput in = ReadSettingsInput(doc.as_object());
    if (!in.issues.empty()) {
        return Fail(MakeError(ErrorCode::kInternal,
                              "stored backlog settings are invalid: " + in.issues[0].field + " " +
                                  in.issues[0].issue));
    }
    Apply(in, s);
    s.version = stored->version;
    return s;
}

Result<void> SaveBacklogSettings(storage::Tx& tx,
                                 const std::string& workspace_id,
                                 const std::string& product_id,
                                 const domain::BacklogSettings& settings,
                                 std::int64_t expected_version,
                                 std::int64_t now) {
    // The stored document is the API's shape without the version, which has its own column.
    json::object stored = ToJson(settings);
    stored.erase("version");
    return tx.SaveBacklogSettings(workspace_id,
                                  product_id,
                                  {json::serialize(stored), settings.version},
                                  expected_version,
                                  now);
}

Result<domain::BacklogSettings> GetBacklogSettings(AppContext& ctx,
                                                   const Actor& actor,
                                                   const std::string& product_id) {
    domain::BacklogSettings s;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(s, LoadBacklogSettings(tx, actor.workspace_id, product_id));
        return {};
    }));
    return s;
}

Result<domain::BacklogSettings> UpdateBacklogSettings(AppContext& ctx,
                                                      const Actor& actor,
                                                      const std::string& product_id,
                                                      const SettingsInput& input,
                                                      std::optional<std::int64_t> if_match) {
    if (!input.issues.empty()) {
        return Fail(ValidationFailed(input.issues));
    }
    const std::int64_t now = ctx.clock.NowMs();
    domain::BacklogSettings next;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(AuthorizeProduct(tx, actor, product_id, domain::Action::kBacklogWrite));
        TL_ASSIGN_OR_RETURN(auto current, LoadBacklogSettings(tx, actor.workspace_id, product_id));
        if (if_match && *if_match != current.version) {
            return Fail(MakeError(
                ErrorCode::kPreconditionFailed,
                "the backlog settings were changed since version " + std::to_string(*if_match)));
        }
        next = current;
        Apply(input, next);
        // New entries get ids; the ids of kept entries stay, so items' ticks stay valid.
        for (auto& e : next.definition_of_ready) {
            if (e.id.empty()) {
                e.id = NewId("dor", now);
            }
        }
        for (auto& e : next.definition_of_done) {
            if (e.id.empty()) {
                e.id = NewId("dod", now);
            }
        }
        for (auto& f : next.fields) {
            if (f.id.empty()) {
                f.id = NewId("fld", now);
            }
        }
        domain::Issues issues = domain::ValidateBacklogSettings(next);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        for (const auto& old : current.statuses) {
            if (next.FindStatus(old.key) != nullptr) {
                continue;
            }
            TL_ASSIGN_OR_RETURN(auto used,
                                tx.CountItemsInStatus(actor.workspace_id, product_id, old.key));
            if (used > 0) {
                Error e = Conflict("the status " + old.key + " is used by " + std::to_string(used) +
                                   " items; move them first");
                e.details.push_back({"statuses", "still needs " + old.key});
                return Fail(std::move(e));
            }
        }
        for (const auto& old : current.fields) {
            const bool kept =
                std::any_of(next.fields.begin(), next.fields.end(), [&](const auto& f) {
                    return f.id == old.id && f.type == old.type;  // a new type starts empty
                });
            if (!kept) {
                TL_TRY(tx.DeleteFieldValues(actor.workspace_id, old.id));
            }
        }
        const json::object before = ToJson(current);
        next.version = current.version + 1;
        TL_TRY(SaveBacklogSettings(tx, actor.workspace_id, product_id, next, current.version, now));
        return RecordEvent(
            tx,
            actor.workspace_id,
            actor.user_id,
            now,
            {"backlog_settings", product_id, product_id, "updated", before, ToJson(next)});
    }));
    return next;
}

}  // namespace tl::app
