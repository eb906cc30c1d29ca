-- Releases and test planning (docs/delivery.md, "Releases" and "Test planning"): releases
-- with the index that finds the items planned in one; test cases with the acceptance criteria
-- they cover, test plans with their cases, and test runs. Portable SQL.

-- A release of a product. `version` is the release's name ("2.1"), unique per product;
-- `revision` is the row's concurrency counter. target_date is YYYY-MM-DD or '' when none.
CREATE TABLE releases (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    version       TEXT NOT NULL,
    name          TEXT NOT NULL,
    target_date   TEXT NOT NULL,
    description   TEXT NOT NULL,
    status        TEXT NOT NULL,
    released_at   BIGINT NOT NULL,
    created_by    TEXT,
    revision      BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (workspace_id, product_id, version)
);

-- The release plan is the items whose release_id names the release.
CREATE INDEX items_by_release ON items (workspace_id, release_id);

-- A test case belongs to a story or bug; removed with it.
CREATE TABLE test_cases (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id),
    product_id       TEXT NOT NULL REFERENCES products(id),
    item_id          TEXT NOT NULL REFERENCES items(id),
    title            TEXT NOT NULL,
    preconditions    TEXT NOT NULL,
    steps            TEXT NOT NULL,
    expected_result  TEXT NOT NULL,
    created_by       TEXT,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX test_cases_by_item ON test_cases (workspace_id, item_id, created_at);

-- The acceptance criteria (item_criteria ids) a case covers. Not a foreign key: a criterion
-- removed from its item leaves a link that coverage ignores.
CREATE TABLE test_case_criteria (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    case_id       TEXT NOT NULL REFERENCES test_cases(id),
    criterion_id  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, case_id, criterion_id)
);

-- A plan tests a sprint or a release: sprint_id is a plain id (sprints have tables of their
-- own), release_id a release of the same product.
CREATE TABLE test_plans (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    name          TEXT NOT NULL,
    sprint_id     TEXT,
    release_id    TEXT REFERENCES releases(id),
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX test_plans_by_product ON test_plans (workspace_id, product_id, created_at);
CREATE INDEX test_plans_by_release ON test_plans (workspace_id, release_id);

CREATE TABLE test_plan_cases (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    plan_id       TEXT NOT NULL REFERENCES test_plans(id),
    case_id       TEXT NOT NULL REFERENCES test_cases(id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, plan_id, case_id)
);
CREATE INDEX test_plan_cases_by_case ON test_plan_cases (workspace_id, case_id);

-- One execution of a case in a plan; never edited, except bug_id once a bug is opened from it
-- (an item id, not a foreign key: the bug may be deleted later).
CREATE TABLE test_runs (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    plan_id       TEXT NOT NULL REFERENCES test_plans(id),
    case_id       TEXT NOT NULL REFERENCES test_cases(id),
    result        TEXT NOT NULL,
    notes         TEXT NOT NULL,
    run_by        TEXT NOT NULL,
    run_at        BIGINT NOT NULL,
    bug_id        TEXT
);
CREATE INDEX test_runs_by_plan ON test_runs (workspace_id, plan_id, run_at);
CREATE INDEX test_runs_by_case ON test_runs (workspace_id, case_id, run_at);
