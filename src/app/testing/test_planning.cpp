#include "app/testing/test_planning.hpp"

#include <algorithm>
#include <set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "app/user_names.hpp"
#include "domain/validation.hpp"

namespace tl::app {

namespace json = boost::json;

namespace {

// Bugs opened from runs keep their description within the item's limit.
constexpr std::size_t kBugDescriptionLimit = domain::kMaxItemDescriptionLength;

ItemRef RefOf(const domain::Item& i, std::string_view product_key) {
    return {i.id, domain::ItemKey(product_key, i.number), i.title, i.type, i.status};
}

json::object RefJson(const ItemRef& r) {
    return json::object{{"id", r.id},
                        {"key", r.key},
                        {"title", r.title},
                        {"type", domain::ToString(r.type)},
                        {"status", r.status}};
}

json::array Strings(const std::vector<std::string>& list) {
    json::array a;
    for (const auto& s : list) {
        a.emplace_back(s);
    }
    return a;
}

// A sprint id is only checked for its shape here (sprints are kept by their own feature).
bool IsPlainId(std::string_view id) {
    if (id.empty() || id.size() > 100) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

// `text` cut to at most `limit` code points, never inside one; "…" marks a cut.
std::string CutText(const std::string& text, std::size_t limit) {
    if (domain::CodePoints(text) <= limit) {
        return text;
    }
    std::size_t points = 0;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && points++ == limit - 1) {
            break;
        }
    }
    return text.substr(0, i) + "…";
}

// The case, with `action` checked on its product.
Result<domain::TestCase> LoadCase(storage::Tx& tx,
                                  const Actor& actor,
                                  const std::string& id,
                                  domain::Action action,
                                  domain::Product* product_out = nullptr) {
    TL_ASSIGN_OR_RETURN(auto c, tx.GetTestCase(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, c.product_id, action, "test case"));
    if (product_out) {
        *product_out = std::move(product);
    }
    return c;
}

Result<domain::TestPlan> LoadPlan(storage::Tx& tx,
                                  const Actor& actor,
                                  const std::string& id,
                                  domain::Action action,
                                  domain::Product* product_out = nullptr) {
    TL_ASSIGN_OR_RETURN(auto p, tx.GetTestPlan(actor.workspace_id, id));
    TL_ASSIGN_OR_RETURN(auto product,
                        AuthorizeObjectIn(tx, actor, p.product_id, action, "test plan"));
    if (product_out) {
        *product_out = std::move(product);
    }
    return p;
}

// Each named criterion must be one of the item's.
void CheckCriteria(const std::vector<std::string>& criteria,
                   const domain::Item& item,
                   std::string_view item_key,
                   domain::Issues& issues) {
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        const bool known = std::any_of(item.criteria.begin(),
                                       item.criteria.end(),
                                       [&](const auto& c) { return c.id == criteria[i]; });
        if (!known) {
            issues.push_back({"criteria." + std::to_string(i),
                              "is not an acceptance criterion of " + std::string(item_key)});
        }
    }
}

Result<TestCaseView> CaseView(storage::Tx& tx,
                              const Actor& actor,
                              const domain::Product& product,
                              const domain::TestCase& c,
                              bool with_latest) {
    std::vector<domain::TestRun> runs;
    if (with_latest) {
        TL_ASSIGN_OR_RETURN(runs, tx.ListTestRunsOfCases(actor.workspace_id, {c.id}));
    }
    TL_ASSIGN_OR_RETURN(auto views,
                        LoadTestCaseViews(tx, actor.workspace_id, product.key, {c}, runs));
    return std::move(views.at(0));
}

Result<TestPlanView> PlanView(storage::Tx& tx,
                              const std::string& workspace_id,
                              const domain::Product& product,
                              domain::TestPlan plan) {
    TestPlanView view;
    TL_ASSIGN_OR_RETURN(auto cases, tx.GetTestCases(workspace_id, plan.case_ids));
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < plan.case_ids.size(); ++i) {
        position.emplace(plan.case_ids[i], i);
    }
    std::sort(cases.begin(), cases.end(), [&](const auto& a, const auto& b) {
        return position[a.id] < position[b.id];
    });
    TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfPlan(workspace_id, plan.id));
    TL_ASSIGN_OR_RETURN(view.cases, LoadTestCaseViews(tx, workspace_id, product.key, cases, runs));
    if (!plan.release_id.empty()) {
        auto release = tx.GetRelease(workspace_id, plan.release_id);
        if (release) {
            view.release_version = release->version;
        }
    }
    view.plan = std::move(plan);
    return view;
}

Result<void> RecordCaseEvent(storage::Tx& tx,
                             const Actor& actor,
                             std::int64_t now,
                             const TestCaseView& view,
                             std::string action,
                             json::object before,
                             json::object after) {
    return RecordEvent(tx,
                       actor.workspace_id,
                       actor.user_id,
                       now,
                       {"test_case",
                        view.test_case.id,
                        view.test_case.product_id,
                        std::move(action),
                        std::move(before),
                        std::move(after)});
}

// The plan as history records it: what it is, not the results of its cases.
json::object PlanSnapshot(const domain::TestPlan& p) {
    return json::object{{"id", p.id},
                        {"name", p.name},
                        {"sprint_id", StringOrNull(p.sprint_id)},
                        {"release_id", StringOrNull(p.release_id)},
                        {"case_ids", Strings(p.case_ids)}};
}

Result<void> RecordPlanEvent(storage::Tx& tx,
                             const Actor& actor,
                             std::int64_t now,
                             const domain::TestPlan& p,
                             std::string action,
                             json::object before,
                             json::object after) {
    return RecordEvent(
        tx,
        actor.workspace_id,
        actor.user_id,
        now,
        {"test_plan", p.id, p.product_id, std::move(action), std::move(before), std::move(after)});
}

// The cases of the product's items planned in the sprint or release, in rank order of the
// items and creation order of the cases.
Result<std::vector<std::string>> CasesOfPlanScope(storage::Tx& tx,
                                                  const Actor& actor,
                                                  const domain::Product& product,
                                                  const domain::TestPlan& plan) {
    std::vector<domain::Item> items;
    if (!plan.release_id.empty()) {
        TL_ASSIGN_OR_RETURN(items, tx.ListReleaseItems(actor.workspace_id, plan.release_id));
    } else {
        storage::ItemQuery q;
        q.product_id = product.id;
        q.filter = "sprint = \"" + plan.sprint_id + "\"";
        q.context.product_key = product.key;
        q.context.me_user_id = actor.user_id;
        q.limit = 200;
        for (;;) {
            TL_ASSIGN_OR_RETURN(auto page, tx.ListItems(actor.workspace_id, q));
            std::move(page.items.begin(), page.items.end(), std::back_inserter(items));
            if (page.next_cursor.empty()) {
                break;
            }
            q.cursor = page.next_cursor;
        }
    }
    std::vector<std::string> item_ids;
    for (const auto& i : items) {
        item_ids.push_back(i.id);
    }
    TL_ASSIGN_OR_RETURN(auto cases, tx.ListTestCasesOfItems(actor.workspace_id, item_ids));
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < item_ids.size(); ++i) {
        rank.emplace(item_ids[i], i);
    }
    std::stable_sort(cases.begin(), cases.end(), [&](const auto& a, const auto& b) {
        return rank[a.item_id] < rank[b.item_id];
    });
    std::vector<std::string> ids;
    for (const auto& c : cases) {
        ids.push_back(c.id);
    }
    return ids;
}

// The Markdown description of a bug opened from `run` of `c` on `item`.
std::string BugDescription(const domain::TestCase& c,
                           const domain::TestRun& run,
                           std::string_view item_key,
                           const std::string& runner_name) {
    std::string out = "Opened from a test run of " + std::string(item_key) + " (test case \"" +
                      c.title + "\"): " + std::string(domain::ToString(run.result)) + ", by " +
                      (runner_name.empty() ? std::string("someone") : runner_name) + " on " +
                      domain::DayOf(run.run_at) + ".\n";
    auto section = [&](std::string_view heading, const std::string& text) {
        if (!text.empty()) {
            out += "\n**" + std::string(heading) + "**\n\n" + text + "\n";
        }
    };
    section("Preconditions", c.preconditions);
    section("Steps", c.steps);
    section("Expected result", c.expected_result);
    section("Notes from the run", run.notes);
    return CutText(out, kBugDescriptionLimit);
}

}  // namespace

json::object ToJson(const TestRunView& v) {
    const auto& r = v.run;
    return json::object{{"id", r.id},
                        {"plan_id", r.plan_id},
                        {"case_id", r.case_id},
                        {"product_id", r.product_id},
                        {"result", domain::ToString(r.result)},
                        {"notes", r.notes},
                        {"run_by", json::object{{"id", r.run_by}, {"name", v.run_by_name}}},
                        {"run_at", FormatTime(r.run_at)},
                        {"bug_id", StringOrNull(r.bug_id)},
                        {"bug", v.bug ? json::value(RefJson(*v.bug)) : json::value(nullptr)}};
}

json::object ToJson(const TestCaseView& v) {
    const auto& c = v.test_case;
    return json::object{
        {"id", c.id},
        {"product_id", c.product_id},
        {"item", RefJson(v.item)},
        {"title", c.title},
        {"preconditions", c.preconditions},
        {"steps", c.steps},
        {"expected_result", c.expected_result},
        {"criteria", Strings(c.criteria)},
        {"latest", v.latest ? json::value(ToJson(*v.latest)) : json::value(nullptr)},
        {"created_by", StringOrNull(c.created_by)},
        {"version", c.version},
        {"created_at", FormatTime(c.created_at)},
        {"updated_at", FormatTime(c.updated_at)}};
}

json::object ToJson(const TestPlanView& v) {
    const auto& p = v.plan;
    json::array cases;
    std::int64_t pass = 0;
    std::int64_t fail = 0;
    std::int64_t blocked = 0;
    std::int64_t not_run = 0;
    for (const auto& c : v.cases) {
        cases.push_back(ToJson(c));
        if (!c.latest) {
            ++not_run;
            continue;
        }
        switch (c.latest->run.result) {
            case domain::TestResult::kPass:
                ++pass;
                break;
            case domain::TestResult::kFail:
                ++fail;
                break;
            case domain::TestResult::kBlocked:
                ++blocked;
                break;
        }
    }
    return json::object{
        {"id", p.id},
        {"product_id", p.product_id},
        {"name", p.name},
        {"sprint_id", StringOrNull(p.sprint_id)},
        {"release_id", StringOrNull(p.release_id)},
        {"release",
         p.release_id.empty()
             ? json::value(nullptr)
             : json::value(json::object{{"id", p.release_id}, {"version", v.release_version}})},
        {"case_ids", Strings(p.case_ids)},
        {"cases", std::move(cases)},
        {"summary",
         json::object{{"total", static_cast<std::int64_t>(v.cases.size())},
                      {"pass", pass},
                      {"fail", fail},
                      {"blocked", blocked},
                      {"not_run", not_run}}},
        {"created_by", StringOrNull(p.created_by)},
        {"version", p.version},
        {"created_at", FormatTime(p.created_at)},
        {"updated_at", FormatTime(p.updated_at)}};
}

json::object ToJson(const CoverageView& v) {
    json::array criteria;
    std::int64_t covered = 0;
    std::int64_t passing = 0;
    for (const auto& c : v.criteria) {
        json::array cases;
        for (const auto& id : c.case_ids) {
            auto it = v.cases.find(id);
            if (it == v.cases.end()) {
                continue;
            }
            cases.push_back(
                json::object{{"id", id},
                             {"title", it->second.test_case.title},
                             {"latest",
                              it->second.latest ? json::value(ToJson(*it->second.latest))
                                                : json::value(nullptr)}});
        }
        covered += c.covered ? 1 : 0;
        passing += c.passing ? 1 : 0;
        criteria.push_back(json::object{{"id", c.criterion_id},
                                        {"text", c.text},
                                        {"done", c.done},
                                        {"covered", c.covered},
                                        {"passing", c.passing},
                                        {"cases", std::move(cases)}});
    }
    return json::object{{"item", RefJson(v.item)},
                        {"criteria", std::move(criteria)},
                        {"criteria_total", static_cast<std::int64_t>(v.criteria.size())},
                        {"criteria_covered", covered},
                        {"criteria_passing", passing}};
}

Result<std::vector<TestCaseView>> LoadTestCaseViews(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    const std::string& product_key,
                                                    const std::vector<domain::TestCase>& cases,
                                                    const std::vector<domain::TestRun>& runs) {
    const auto latest = domain::LatestRuns(runs);
    std::vector<std::string> item_ids;
    for (const auto& c : cases) {
        item_ids.push_back(c.item_id);
    }
    for (const auto& [case_id, run] : latest) {
        if (!run.bug_id.empty()) {
            item_ids.push_back(run.bug_id);
        }
    }
    std::sort(item_ids.begin(), item_ids.end());
    item_ids.erase(std::unique(item_ids.begin(), item_ids.end()), item_ids.end());
    TL_ASSIGN_OR_RETURN(auto items, tx.GetItems(workspace_id, item_ids));
    std::map<std::string, ItemRef> refs;
    for (const auto& i : items) {
        refs.emplace(i.id, RefOf(i, product_key));
    }
    UserNames names(tx, workspace_id);
    std::vector<TestCaseView> out;
    out.reserve(cases.size());
    for (const auto& c : cases) {
        TestCaseView v;
        v.test_case = c;
        if (auto it = refs.find(c.item_id); it != refs.end()) {
            v.item = it->second;
        }
        if (auto run = latest.find(c.id); run != latest.end()) {
            TestRunView rv;
            rv.run = run->second;
            rv.run_by_name = names.Of(rv.run.run_by);
            if (auto bug = refs.find(rv.run.bug_id); bug != refs.end()) {
                rv.bug = bug->second;
            }
            v.latest = std::move(rv);
        }
        out.push_back(std::move(v));
    }
    return out;
}

Result<TestRunView> LoadTestRunView(storage::Tx& tx,
                                    const std::string& workspace_id,
                                    const std::string& product_key,
                                    const domain::TestRun& run) {
    TestRunView v;
    v.run = run;
    UserNames names(tx, workspace_id);
    v.run_by_name = names.Of(run.run_by);
    if (!run.bug_id.empty()) {
        auto bug = tx.GetItem(workspace_id, run.bug_id);
        if (bug) {
            v.bug = RefOf(*bug, product_key);
        } else if (bug.error().code != ErrorCode::kNotFound) {
            return Fail(bug.error());
        }
    }
    return v;
}

Result<TestCaseView> CreateTestCase(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& item,
                                    const TestCaseInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    TestCaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kTestWrite));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, it.product_id));
        const std::string key = domain::ItemKey(product.key, it.number);
        domain::Issues issues = input.issues;
        if (it.type != domain::ItemType::kStory && it.type != domain::ItemType::kBug) {
            issues.push_back({"item",
                              "test cases belong to stories and bugs; " + key + " is a " +
                                  std::string(domain::ToString(it.type))});
        }
        if (!input.title) {
            issues.push_back({"title", "is required"});
        }
        domain::TestCase c;
        c.id = NewId("tcs", now);
        c.workspace_id = actor.workspace_id;
        c.product_id = it.product_id;
        c.item_id = it.id;
        c.title = input.title.value_or("");
        c.preconditions = input.preconditions.value_or("");
        c.steps = input.steps.value_or("");
        c.expected_result = input.expected_result.value_or("");
        c.criteria = input.criteria.value_or(std::vector<std::string>{});
        c.created_by = actor.user_id;
        // An item's cases are listed in the order written, also when two share a millisecond.
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListTestCasesOfItems(actor.workspace_id, {it.id}));
        c.created_at = StampAfter(now, earlier, &domain::TestCase::created_at);
        c.updated_at = c.created_at;
        for (auto& i : domain::ValidateTestCase(c)) {
            if (input.title || i.field != "title") {
                issues.push_back(std::move(i));
            }
        }
        CheckCriteria(c.criteria, it, key, issues);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        TL_TRY(tx.InsertTestCase(c));
        TL_ASSIGN_OR_RETURN(view, CaseView(tx, actor, product, c, false));
        return RecordCaseEvent(tx, actor, now, view, "created", {}, ToJson(view));
    }));
    return view;
}

Result<std::vector<TestCaseView>> ListTestCases(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& item) {
    std::vector<TestCaseView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, it.product_id));
        TL_ASSIGN_OR_RETURN(auto cases, tx.ListTestCasesOfItems(actor.workspace_id, {it.id}));
        std::vector<std::string> ids;
        for (const auto& c : cases) {
            ids.push_back(c.id);
        }
        TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfCases(actor.workspace_id, ids));
        TL_ASSIGN_OR_RETURN(out,
                            LoadTestCaseViews(tx, actor.workspace_id, product.key, cases, runs));
        return {};
    }));
    return out;
}

Result<TestCaseView> GetTestCase(AppContext& ctx, const Actor& actor, const std::string& id) {
    TestCaseView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto c,
                            LoadCase(tx, actor, id, domain::Action::kProductRead, &product));
        TL_ASSIGN_OR_RETURN(view, CaseView(tx, actor, product, c, true));
        return {};
    }));
    return view;
}

Result<TestCaseView> UpdateTestCase(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const TestCaseInput& input,
                                    std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    TestCaseView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadCase(tx, actor, id, domain::Action::kTestWrite, &product));
        domain::TestCase next = current;
        next.title = input.title.value_or(next.title);
        next.preconditions = input.preconditions.value_or(next.preconditions);
        next.steps = input.steps.value_or(next.steps);
        next.expected_result = input.expected_result.value_or(next.expected_result);
        next.criteria = input.criteria.value_or(next.criteria);
        domain::Issues issues = input.issues;
        for (auto& i : domain::ValidateTestCase(next)) {
            issues.push_back(std::move(i));
        }
        if (input.criteria) {
            TL_ASSIGN_OR_RETURN(auto item, tx.GetItem(actor.workspace_id, current.item_id));
            CheckCriteria(next.criteria, item, domain::ItemKey(product.key, item.number), issues);
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the test case was changed since version " + std::to_string(*if_match)));
        }
        TL_ASSIGN_OR_RETURN(auto before, CaseView(tx, actor, product, current, false));
        if (next.title == current.title && next.preconditions == current.preconditions &&
            next.steps == current.steps && next.expected_result == current.expected_result &&
            next.criteria == current.criteria) {
            TL_ASSIGN_OR_RETURN(view, CaseView(tx, actor, product, current, true));
            return {};
        }
        next.version = current.version + 1;
        next.updated_at = now;
        TL_TRY(tx.UpdateTestCase(next, current.version));
        TL_ASSIGN_OR_RETURN(auto after, CaseView(tx, actor, product, next, false));
        TL_TRY(RecordCaseEvent(tx, actor, now, after, "updated", ToJson(before), ToJson(after)));
        TL_ASSIGN_OR_RETURN(view, CaseView(tx, actor, product, next, true));
        return {};
    }));
    return view;
}

Result<void> DeleteTestCase(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto c, LoadCase(tx, actor, id, domain::Action::kTestWrite, &product));
        TL_ASSIGN_OR_RETURN(auto before, CaseView(tx, actor, product, c, false));
        TL_TRY(tx.DeleteTestCase(actor.workspace_id, c.id));
        return RecordCaseEvent(tx, actor, now, before, "deleted", ToJson(before), {});
    });
}

Result<TestPlanView> CreateTestPlan(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const TestPlanInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    TestPlanView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kTestWrite));
        domain::Issues issues = input.issues;
        domain::TestPlan p;
        p.id = NewId("tpl", now);
        p.workspace_id = actor.workspace_id;
        p.product_id = product.id;
        p.name = input.name.value_or("");
        p.sprint_id = input.sprint_id.value_or("");
        p.release_id = input.release_id.value_or("");
        p.created_by = actor.user_id;
        // A product's plans are listed newest first, also when two share a millisecond.
        TL_ASSIGN_OR_RETURN(auto earlier, tx.ListTestPlans(actor.workspace_id, product.id, ""));
        p.created_at = StampAfter(now, earlier, &domain::TestPlan::created_at);
        p.updated_at = p.created_at;
        if (!input.name) {
            issues.push_back({"name", "is required"});
        }
        if (!p.sprint_id.empty() && !p.release_id.empty()) {
            issues.push_back({"release_id", "give either a sprint_id or a release_id, not both"});
        } else if (p.sprint_id.empty() && p.release_id.empty()) {
            issues.push_back({"release_id", "give the sprint_id or the release_id the plan tests"});
        } else if (!p.sprint_id.empty() && !IsPlainId(p.sprint_id)) {
            issues.push_back({"sprint_id", "must be a sprint id"});
        } else if (!p.release_id.empty()) {
            auto release = tx.GetRelease(actor.workspace_id, p.release_id);
            if (!release && release.error().code != ErrorCode::kNotFound) {
                return Fail(release.error());
            }
            if (!release || release->product_id != product.id) {
                issues.push_back({"release_id", "no such release in this product"});
            }
        }
        if (input.case_ids) {
            p.case_ids = *input.case_ids;
            TL_ASSIGN_OR_RETURN(auto found, tx.GetTestCases(actor.workspace_id, p.case_ids));
            std::set<std::string> ours;
            for (const auto& c : found) {
                if (c.product_id == product.id) {
                    ours.insert(c.id);
                }
            }
            for (std::size_t i = 0; i < p.case_ids.size(); ++i) {
                if (ours.count(p.case_ids[i]) == 0) {
                    issues.push_back(
                        {"case_ids." + std::to_string(i), "no such test case in this product"});
                }
            }
        }
        for (auto& i : domain::ValidateTestPlan(p)) {
            if (input.name || i.field != "name") {
                issues.push_back(std::move(i));
            }
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (!input.case_ids) {
            TL_ASSIGN_OR_RETURN(p.case_ids, CasesOfPlanScope(tx, actor, product, p));
        }
        TL_TRY(tx.InsertTestPlan(p));
        TL_TRY(RecordPlanEvent(tx, actor, now, p, "created", {}, PlanSnapshot(p)));
        TL_ASSIGN_OR_RETURN(view, PlanView(tx, actor.workspace_id, product, p));
        return {};
    }));
    return view;
}

Result<std::vector<TestPlanView>> ListTestPlans(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const std::string& release_id) {
    std::vector<TestPlanView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto product,
                            AuthorizeProduct(tx, actor, product_id, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto plans,
                            tx.ListTestPlans(actor.workspace_id, product.id, release_id));
        for (auto& p : plans) {
            TL_ASSIGN_OR_RETURN(auto view, PlanView(tx, actor.workspace_id, product, std::move(p)));
            out.push_back(std::move(view));
        }
        return {};
    }));
    return out;
}

Result<TestPlanView> GetTestPlan(AppContext& ctx, const Actor& actor, const std::string& id) {
    TestPlanView view;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto p,
                            LoadPlan(tx, actor, id, domain::Action::kProductRead, &product));
        TL_ASSIGN_OR_RETURN(view, PlanView(tx, actor.workspace_id, product, std::move(p)));
        return {};
    }));
    return view;
}

Result<TestPlanView> UpdateTestPlan(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const TestPlanInput& input,
                                    std::optional<std::int64_t> if_match) {
    const std::int64_t now = ctx.clock.NowMs();
    TestPlanView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto current,
                            LoadPlan(tx, actor, id, domain::Action::kTestWrite, &product));
        domain::TestPlan next = current;
        next.name = input.name.value_or(next.name);
        domain::Issues issues = input.issues;
        if (input.case_ids) {
            next.case_ids = *input.case_ids;
            TL_ASSIGN_OR_RETURN(auto found, tx.GetTestCases(actor.workspace_id, next.case_ids));
            std::set<std::string> ours;
            for (const auto& c : found) {
                if (c.product_id == product.id) {
                    ours.insert(c.id);
                }
            }
            for (std::size_t i = 0; i < next.case_ids.size(); ++i) {
                if (ours.count(next.case_ids[i]) == 0) {
                    issues.push_back(
                        {"case_ids." + std::to_string(i), "no such test case in this product"});
                }
            }
        }
        for (auto& i : domain::ValidateTestPlan(next)) {
            issues.push_back(std::move(i));
        }
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        if (if_match && *if_match != current.version) {
            return Fail(
                MakeError(ErrorCode::kPreconditionFailed,
                          "the test plan was changed since version " + std::to_string(*if_match)));
        }
        if (next.name != current.name || next.case_ids != current.case_ids) {
            next.version = current.version + 1;
            next.updated_at = now;
            TL_TRY(tx.UpdateTestPlan(next, current.version));
            TL_TRY(RecordPlanEvent(
                tx, actor, now, next, "updated", PlanSnapshot(current), PlanSnapshot(next)));
        }
        TL_ASSIGN_OR_RETURN(view, PlanView(tx, actor.workspace_id, product, std::move(next)));
        return {};
    }));
    return view;
}

Result<void> DeleteTestPlan(AppContext& ctx, const Actor& actor, const std::string& id) {
    const std::int64_t now = ctx.clock.NowMs();
    return ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto p, LoadPlan(tx, actor, id, domain::Action::kTestWrite));
        TL_TRY(tx.DeleteTestPlan(actor.workspace_id, p.id));
        return RecordPlanEvent(tx, actor, now, p, "deleted", PlanSnapshot(p), {});
    });
}

Result<TestRunView> RecordTestRun(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& plan_id,
                                  const TestRunInput& input) {
    const std::int64_t now = ctx.clock.NowMs();
    TestRunView view;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto plan,
                            LoadPlan(tx, actor, plan_id, domain::Action::kTestWrite, &product));
        domain::Issues issues = input.issues;
        if (input.case_id.empty()) {
            issues.push_back({"case_id", "is required"});
        } else if (std::find(plan.case_ids.begin(), plan.case_ids.end(), input.case_id) ==
                   plan.case_ids.end()) {
            issues.push_back({"case_id", "is not a case of this plan"});
        }
        if (!input.result) {
            if (std::none_of(issues.begin(), issues.end(), [](const auto& i) {
                    return i.field == "result";
                })) {
                issues.push_back({"result", "is required: pass, fail or blocked"});
            }
        }
        domain::CheckText(issues, "notes", input.notes, domain::kMaxTestRunNotesLength);
        if (!issues.empty()) {
            return Fail(ValidationFailed(std::move(issues)));
        }
        domain::TestRun run;
        run.id = NewId("trn", now);
        run.workspace_id = actor.workspace_id;
        run.product_id = plan.product_id;
        run.plan_id = plan.id;
        run.case_id = input.case_id;
        run.result = *input.result;
        run.notes = input.notes;
        run.run_by = actor.user_id;
        // The latest run of a case decides its result, so a case's runs must not share a
        // moment: two recorded in the same millisecond would leave "latest" to chance.
        TL_ASSIGN_OR_RETURN(auto earlier,
                            tx.ListTestRunsOfCases(actor.workspace_id, {run.case_id}));
        run.run_at = StampAfter(now, earlier, &domain::TestRun::run_at);
        TL_TRY(tx.InsertTestRun(run));
        TL_ASSIGN_OR_RETURN(view, LoadTestRunView(tx, actor.workspace_id, product.key, run));
        return RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"test_run", run.id, run.product_id, "recorded", {}, ToJson(view)});
    }));
    return view;
}

Result<std::vector<TestRunView>> ListTestRuns(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& plan_id) {
    std::vector<TestRunView> out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        domain::Product product;
        TL_ASSIGN_OR_RETURN(auto plan,
                            LoadPlan(tx, actor, plan_id, domain::Action::kProductRead, &product));
        TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfPlan(actor.workspace_id, plan.id));
        std::vector<std::string> bug_ids;
        for (const auto& r : runs) {
            if (!r.bug_id.empty()) {
                bug_ids.push_back(r.bug_id);
            }
        }
        TL_ASSIGN_OR_RETURN(auto bugs, tx.GetItems(actor.workspace_id, bug_ids));
        std::map<std::string, ItemRef> refs;
        for (const auto& b : bugs) {
            refs.emplace(b.id, RefOf(b, product.key));
        }
        UserNames names(tx, actor.workspace_id);
        for (auto& r : runs) {
            TestRunView v;
            v.run_by_name = names.Of(r.run_by);
            if (auto it = refs.find(r.bug_id); it != refs.end()) {
                v.bug = it->second;
            }
            v.run = std::move(r);
            out.push_back(std::move(v));
        }
        return {};
    }));
    return out;
}

Result<BugFromRun> OpenBugFromRun(AppContext& ctx, const Actor& actor, const std::string& run_id) {
    const std::int64_t now = ctx.clock.NowMs();
    BugFromRun out;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto run, tx.GetTestRun(actor.workspace_id, run_id));
        TL_ASSIGN_OR_RETURN(
            auto product,
            AuthorizeObjectIn(tx, actor, run.product_id, domain::Action::kTestWrite, "test run"));
        // Two calls at once open one bug: the second waits here, then finds the first's.
        TL_TRY(tx.LockScope("test_run_bug:" + run.id));
        TL_ASSIGN_OR_RETURN(run, tx.GetTestRun(actor.workspace_id, run.id));
        if (run.result == domain::TestResult::kPass) {
            return Fail(Conflict("the run passed; a bug is opened from a failing or blocked run"));
        }
        if (!run.bug_id.empty()) {
            auto existing = tx.GetItem(actor.workspace_id, run.bug_id);
            if (existing) {
                TL_ASSIGN_OR_RETURN(out.run,
                                    LoadTestRunView(tx, actor.workspace_id, product.key, run));
                out.bug = RefOf(*existing, product.key);
                out.created = false;
                return {};
            }
            if (existing.error().code != ErrorCode::kNotFound) {
                return Fail(existing.error());
            }
            // The bug was deleted since: open a new one.
        }
        TL_ASSIGN_OR_RETURN(auto tc, tx.GetTestCase(actor.workspace_id, run.case_id));
        TL_ASSIGN_OR_RETURN(auto tested, tx.GetItem(actor.workspace_id, tc.item_id));
        const std::string tested_key = domain::ItemKey(product.key, tested.number);
        UserNames names(tx, actor.workspace_id);
        ItemInput in;
        in.type = domain::ItemType::kBug;
        in.title = std::string(run.result == domain::TestResult::kFail ? "Test failed: "
                                                                       : "Test blocked: ") +
                   tc.title;
        in.description = BugDescription(tc, run, tested_key, names.Of(run.run_by));
        if (!tested.parent_id.empty()) {
            in.parent_id = tested.parent_id;
        }
        TL_ASSIGN_OR_RETURN(
            auto bug,
            InsertItemInTx(tx, actor.workspace_id, product, actor.user_id, in, false, now));
        // The bug blocks the tested item: a new item has no links, so no cycle can close.
        domain::ItemLink link;
        link.id = NewId("lnk", now);
        link.workspace_id = actor.workspace_id;
        link.product_id = product.id;
        link.kind = domain::LinkKind::kBlocks;
        link.source_id = bug.id;
        link.target_id = tested.id;
        link.created_at = now;
        TL_TRY(tx.InsertLink(link));
        const std::string bug_key = domain::ItemKey(product.key, bug.number);
        const json::object linked{{"link_id", link.id},
                                  {"kind", domain::ToString(link.kind)},
                                  {"source", bug_key},
                                  {"target", tested_key}};
        for (const auto* item_id : {&bug.id, &tested.id}) {
            TL_TRY(RecordEvent(tx,
                               actor.workspace_id,
                               actor.user_id,
                               now,
                               {"item", *item_id, product.id, "linked", {}, linked}));
        }
        TL_TRY(tx.SetTestRunBug(actor.workspace_id, run.id, bug.id));
        run.bug_id = bug.id;
        TL_TRY(RecordEvent(tx,
                           actor.workspace_id,
                           actor.user_id,
                           now,
                           {"test_run",
                            run.id,
                            run.product_id,
                            "bug_opened",
                            {},
                            json::object{{"bug_id", bug.id}, {"bug_key", bug_key}}}));
        TL_ASSIGN_OR_RETURN(out.run, LoadTestRunView(tx, actor.workspace_id, product.key, run));
        out.bug = RefOf(bug, product.key);
        out.created = true;
        return {};
    }));
    return out;
}

Result<CoverageView> ItemCoverage(AppContext& ctx, const Actor& actor, const std::string& item) {
    CoverageView out;
    TL_TRY(ctx.store.Read([&](storage::Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto it, AuthorizeItem(tx, actor, item, domain::Action::kProductRead));
        TL_ASSIGN_OR_RETURN(auto product, tx.GetProduct(actor.workspace_id, it.product_id));
        TL_ASSIGN_OR_RETURN(auto cases, tx.ListTestCasesOfItems(actor.workspace_id, {it.id}));
        std::vector<std::string> ids;
        for (const auto& c : cases) {
            ids.push_back(c.id);
        }
        TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfCases(actor.workspace_id, ids));
        out.item = RefOf(it, product.key);
        out.criteria = domain::CoverageOf(it, cases, domain::LatestRuns(runs));
        TL_ASSIGN_OR_RETURN(auto views,
                            LoadTestCaseViews(tx, actor.workspace_id, product.key, cases, runs));
        for (auto& v : views) {
            const std::string case_id = v.test_case.id;
            out.cases.emplace(case_id, std::move(v));
        }
        return {};
    }));
    return out;
}

}  // namespace tl::app
