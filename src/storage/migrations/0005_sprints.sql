-- Sprints (docs/delivery.md, "Sprints"): the sprint with its members' capacity, the baseline
-- taken at the start, the outcome of each item at completion, the scope changes after the
-- start and the change requests the Product Owner decides; and when each item entered done.

CREATE TABLE sprints (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id),
    product_id        TEXT NOT NULL REFERENCES products(id),
    team_id           TEXT NOT NULL,
    name              TEXT NOT NULL,
    goal              TEXT NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    working_days      TEXT NOT NULL,
    capacity_unit     TEXT NOT NULL,
    require_approval  INTEGER NOT NULL,
    status            TEXT NOT NULL,
    started_at        BIGINT NOT NULL,
    completed_at      BIGINT NOT NULL,
    committed_points  DOUBLE PRECISION NOT NULL,
    completed_points  DOUBLE PRECISION NOT NULL,
    created_by        TEXT,
    version           BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX sprints_by_product ON sprints (workspace_id, product_id, start_date);
CREATE INDEX sprints_by_team ON sprints (workspace_id, team_id, status, completed_at);
-- At most one active sprint per team, decided by the database (two nodes starting sprints of
-- one team at once cannot both succeed).
CREATE UNIQUE INDEX sprints_one_active_per_team ON sprints (workspace_id, team_id)
    WHERE status = 'active';

-- What each member delivers in the sprint (in its capacity unit) and their days off
-- (comma-separated YYYY-MM-DD).
CREATE TABLE sprint_capacity (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    user_id       TEXT NOT NULL,
    position      INTEGER NOT NULL,
    capacity      DOUBLE PRECISION NOT NULL,
    days_off      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, sprint_id, user_id)
);

-- The baseline: every item in the sprint with its points when the sprint started.
CREATE TABLE sprint_baseline (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    item_id       TEXT NOT NULL,
    position      INTEGER NOT NULL,
    points        DOUBLE PRECISION,
    PRIMARY KEY (workspace_id, sprint_id, item_id)
);

-- What became of each item at completion: done, returned (to the backlog) or carried_over
-- (to the next sprint).
CREATE TABLE sprint_outcomes (
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    sprint_id       TEXT NOT NULL REFERENCES sprints(id),
    item_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    outcome         TEXT NOT NULL,
    points          DOUBLE PRECISION,
    done_at         BIGINT NOT NULL,
    next_sprint_id  TEXT,
    PRIMARY KEY (workspace_id, sprint_id, item_id)
);

-- Every change to a started sprint's scope (or, later, a committed release's): scope_type
-- names which kind of object scope_id is. Items are not foreign keys: a deleted item's
-- history stays.
CREATE TABLE scope_changes (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    scope_type     TEXT NOT NULL,
    scope_id       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    points_before  DOUBLE PRECISION,
    points_after   DOUBLE PRECISION,
    by_id          TEXT,
    at             BIGINT NOT NULL,
    reason         TEXT NOT NULL
);
CREATE INDEX scope_changes_by_scope ON scope_changes (workspace_id, scope_type, scope_id, at);

-- Adds and removes asked of an active sprint that requires the Product Owner's approval.
CREATE TABLE change_requests (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    kind          TEXT NOT NULL,
    item_id       TEXT NOT NULL,
    reason        TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    requested_at  BIGINT NOT NULL,
    status        TEXT NOT NULL,
    decided_by    TEXT,
    decided_at    BIGINT NOT NULL,
    note          TEXT NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX change_requests_by_sprint ON change_requests (workspace_id, sprint_id, requested_at);

-- When an item last entered a done-category status (0 while it is not in one): the burndown
-- reads it. Items already done count from their acceptance.
ALTER TABLE items ADD COLUMN done_at BIGINT NOT NULL DEFAULT 0;
UPDATE items SET done_at = CASE WHEN accepted_at > 0 THEN accepted_at ELSE updated_at END
    WHERE category = 'done';
-- A sprint's items without scanning the product's backlog.
CREATE INDEX items_by_sprint ON items (workspace_id, sprint_id);
