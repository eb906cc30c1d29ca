-- Foundation: workspaces, users, sessions and tokens, products, roles, teams, the event log.
-- Portable SQL, written once for every backend. The one dialect difference, the
-- auto-increment key of events.seq, is rewritten by the PostgreSQL driver (BIGSERIAL).
-- Every table carries workspace_id; every query filters by it.

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    is_admin       INTEGER NOT NULL DEFAULT 0,
    version        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX users_by_workspace ON users (workspace_id, id);

CREATE TABLE auth_tokens (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    secret_hash   TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    last_used_at  BIGINT NOT NULL,
    revoked_at    BIGINT NOT NULL
);
CREATE INDEX auth_tokens_by_user ON auth_tokens (workspace_id, user_id);

CREATE TABLE login_failures (
    failure_key  TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (failure_key, at);

CREATE TABLE products (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_key   TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    stage         TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (workspace_id, product_key)
);

CREATE TABLE role_assignments (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    role          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (product_id, user_id, role)
);
-- A product has at most one Product Owner, even under concurrent assignments.
CREATE UNIQUE INDEX role_assignments_one_owner ON role_assignments (product_id)
    WHERE role = 'product_owner';
CREATE INDEX role_assignments_by_user ON role_assignments (workspace_id, user_id);

CREATE TABLE teams (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    name          TEXT NOT NULL,
    product_id    TEXT REFERENCES products(id),
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX teams_by_workspace ON teams (workspace_id, id);

CREATE TABLE team_members (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    team_id       TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL REFERENCES users(id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    action        TEXT NOT NULL,
    actor_id      TEXT,
    at            BIGINT NOT NULL,
    changes       TEXT NOT NULL
);
CREATE INDEX events_by_product ON events (workspace_id, product_id, seq);
CREATE INDEX events_by_entity ON events (workspace_id, entity_type, entity_id, seq);
