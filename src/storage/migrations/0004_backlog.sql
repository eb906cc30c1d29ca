-- The ranked backlog: items with their acceptance criteria, labels, custom field values and
-- links; per-product backlog settings (workflow, point scale, checklists, custom fields);
-- comments, watchers and the mention inbox; planning poker; saved views; full-text search.
-- Portable SQL except where a "-- dialect" marker names one backend (the search index and
-- the byte-order collation of rank keys); the driver keeps its own sections.

-- One row per product: the workflow, point scale, Definition of Ready / Done, split
-- threshold and custom field definitions, as one JSON document the app reads and writes
-- whole (it is small and always needed together).
CREATE TABLE backlog_settings (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    settings      TEXT NOT NULL,
    version       BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, product_id)
);

-- The next item number per product (DRN-123), taken with UPDATE ... RETURNING.
CREATE TABLE item_counters (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    next_number   BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, product_id)
);

CREATE TABLE items (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    item_number    BIGINT NOT NULL,
    item_type      TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    status         TEXT NOT NULL,
    category       TEXT NOT NULL,
    points         DOUBLE PRECISION,
    assignee_id    TEXT,
    parent_id      TEXT,
    goal_id        TEXT,
    initiative_id  TEXT,
    sprint_id      TEXT,
    release_id     TEXT,
    rank_key       TEXT NOT NULL,
    ready_checks   TEXT NOT NULL,
    done_checks    TEXT NOT NULL,
    accepted_at    BIGINT NOT NULL,
    accepted_by    TEXT,
    created_by     TEXT,
    version        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (workspace_id, product_id, item_number),
    UNIQUE (workspace_id, product_id, rank_key)
);
-- dialect postgres
-- Rank keys compare byte by byte on every backend (SQLite's default); PostgreSQL would
-- otherwise use the database's locale.
ALTER TABLE items ALTER COLUMN rank_key TYPE TEXT COLLATE "C";
-- dialect all
CREATE INDEX items_by_parent ON items (workspace_id, parent_id);
CREATE INDEX items_by_updated ON items (workspace_id, product_id, updated_at);

CREATE TABLE item_criteria (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    id            TEXT NOT NULL,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    done          INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, item_id, id)
);
CREATE UNIQUE INDEX item_criteria_id ON item_criteria (id);

CREATE TABLE item_labels (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    label         TEXT NOT NULL,
    PRIMARY KEY (workspace_id, item_id, label)
);
CREATE INDEX item_labels_by_label ON item_labels (workspace_id, label);

-- One row per value: a multi-select field has one row per chosen option. Numbers and dates
-- (ms since the epoch) go to num_value, everything else to text_value.
CREATE TABLE item_field_values (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    field_id      TEXT NOT NULL,
    text_value    TEXT,
    num_value     DOUBLE PRECISION
);
CREATE INDEX item_field_values_by_item ON item_field_values (workspace_id, item_id, field_id);
CREATE INDEX item_field_values_by_field ON item_field_values (workspace_id, field_id);

-- Stored once, from the source's side: "A blocks B" is one row; B's "is blocked by A" is the
-- same row read from the other end, so the two directions cannot disagree.
CREATE TABLE item_links (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    kind          TEXT NOT NULL,
    source_id     TEXT NOT NULL REFERENCES items(id),
    target_id     TEXT NOT NULL REFERENCES items(id),
    created_at    BIGINT NOT NULL,
    UNIQUE (workspace_id, kind, source_id, target_id)
);
CREATE INDEX item_links_by_target ON item_links (workspace_id, target_id);
CREATE INDEX item_links_by_product ON item_links (workspace_id, product_id, kind);

CREATE TABLE comments (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    author_id     TEXT NOT NULL,
    body          TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX comments_by_item ON comments (workspace_id, item_id, created_at);

CREATE TABLE item_watchers (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    user_id       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, item_id, user_id)
);

-- The in-app inbox: mentions, and changes to watched items.
CREATE TABLE notifications (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    user_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    item_id       TEXT NOT NULL,
    comment_id    TEXT,
    actor_id      TEXT,
    summary       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT NOT NULL
);
CREATE INDEX notifications_by_user ON notifications (workspace_id, user_id, id);

CREATE TABLE poker_rounds (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    state         TEXT NOT NULL,
    started_by    TEXT NOT NULL,
    final_points  DOUBLE PRECISION,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    revealed_at   BIGINT NOT NULL,
    closed_at     BIGINT NOT NULL
);
CREATE INDEX poker_rounds_by_item ON poker_rounds (workspace_id, item_id, created_at);

CREATE TABLE poker_votes (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    round_id      TEXT NOT NULL REFERENCES poker_rounds(id),
    user_id       TEXT NOT NULL,
    points        DOUBLE PRECISION NOT NULL,
    voted_at      BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, round_id, user_id)
);

CREATE TABLE saved_views (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    owner_id      TEXT NOT NULL,
    name          TEXT NOT NULL,
    query         TEXT NOT NULL,
    shared        INTEGER NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX saved_views_by_product ON saved_views (workspace_id, product_id, name);

-- Full-text search: one document per item (title, description, acceptance criteria,
-- comments), rewritten whenever one of those changes.
-- dialect sqlite
CREATE VIRTUAL TABLE item_search USING fts5(
    item_id UNINDEXED,
    workspace_id UNINDEXED,
    product_id UNINDEXED,
    title,
    description,
    criteria,
    comments,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- dialect postgres
CREATE TABLE item_search (
    item_id       TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    criteria      TEXT NOT NULL,
    comments      TEXT NOT NULL,
    document      TSVECTOR NOT NULL
);
CREATE INDEX item_search_document ON item_search USING GIN (document);
CREATE INDEX item_search_by_product ON item_search (workspace_id, product_id);
