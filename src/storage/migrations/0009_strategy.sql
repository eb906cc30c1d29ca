-- Strategy (docs/strategy.md, "Vision", "Goals (OKRs)", "Initiatives"): a product's vision
-- versions, goals with key results and check-ins, and initiatives. Portable SQL.

-- Every save of a vision is a new row; the current vision is the highest version.
CREATE TABLE visions (
    workspace_id       TEXT NOT NULL REFERENCES workspaces(id),
    product_id         TEXT NOT NULL REFERENCES products(id),
    version            BIGINT NOT NULL,
    statement          TEXT NOT NULL,
    target_customers   TEXT NOT NULL,
    customer_needs     TEXT NOT NULL,
    value_proposition  TEXT NOT NULL,
    business_goals     TEXT NOT NULL,
    updated_by         TEXT,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, product_id, version)
);

CREATE TABLE goals (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    objective     TEXT NOT NULL,
    description   TEXT NOT NULL,
    horizon       TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    owner_id      TEXT,
    state         TEXT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX goals_by_product ON goals (workspace_id, product_id, start_date);

CREATE TABLE key_results (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    goal_id       TEXT NOT NULL REFERENCES goals(id),
    title         TEXT NOT NULL,
    metric        TEXT NOT NULL,
    unit          TEXT NOT NULL,
    baseline      DOUBLE PRECISION NOT NULL,
    target        DOUBLE PRECISION NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX key_results_by_product ON key_results (workspace_id, product_id, goal_id);

-- Check-ins carry their key result's goal and product so a product's are read in one query.
CREATE TABLE check_ins (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    goal_id        TEXT NOT NULL REFERENCES goals(id),
    key_result_id  TEXT NOT NULL REFERENCES key_results(id),
    value          DOUBLE PRECISION NOT NULL,
    date           TEXT NOT NULL,
    note           TEXT NOT NULL,
    created_by     TEXT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX check_ins_by_product ON check_ins (workspace_id, product_id, goal_id);
CREATE INDEX check_ins_by_key_result ON check_ins (workspace_id, key_result_id);

-- goal_ids: a comma-separated list of goal ids of the same product.
CREATE TABLE initiatives (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id),
    product_id        TEXT NOT NULL REFERENCES products(id),
    name              TEXT NOT NULL,
    description       TEXT NOT NULL,
    goal_ids          TEXT NOT NULL,
    owner_id          TEXT,
    horizon           TEXT,
    start_date        TEXT,
    end_date          TEXT,
    expected_outcome  TEXT NOT NULL,
    status            TEXT NOT NULL,
    created_by        TEXT,
    version           BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX initiatives_by_product ON initiatives (workspace_id, product_id);

-- The items naming a goal or an initiative: the work below them, and what deleting one clears.
CREATE INDEX items_by_goal ON items (workspace_id, goal_id);
CREATE INDEX items_by_initiative ON items (workspace_id, initiative_id);
