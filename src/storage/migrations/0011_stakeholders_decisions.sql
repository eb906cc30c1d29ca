-- Stakeholders with their communication log, and the decision log (docs/strategy.md,
-- "Stakeholders", "Decision log"). Portable SQL.

-- A product's stakeholders. user_id names a user of the workspace when the stakeholder is one.
CREATE TABLE stakeholders (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    title         TEXT NOT NULL,
    email         TEXT NOT NULL,
    influence     INTEGER NOT NULL,
    interest      INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    notes         TEXT NOT NULL,
    user_id       TEXT,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX stakeholders_by_product ON stakeholders (workspace_id, product_id, name);

-- The communication log: product_id is the stakeholder's, kept so a product's last contacts
-- are read in one query.
CREATE TABLE stakeholder_communications (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    product_id      TEXT NOT NULL REFERENCES products(id),
    stakeholder_id  TEXT NOT NULL REFERENCES stakeholders(id),
    day             TEXT NOT NULL,
    channel         TEXT NOT NULL,
    summary         TEXT NOT NULL,
    created_by      TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX stakeholder_communications_by_stakeholder
    ON stakeholder_communications (workspace_id, stakeholder_id, day);
CREATE INDEX stakeholder_communications_by_product
    ON stakeholder_communications (workspace_id, product_id, stakeholder_id);

-- The decision log; a decision's options and links are rows of their own, in order, written
-- and read whole with it.
CREATE TABLE decisions (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    title         TEXT NOT NULL,
    context       TEXT NOT NULL,
    decision      TEXT NOT NULL,
    rationale     TEXT NOT NULL,
    owner_id      TEXT,
    decided_on    TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX decisions_by_product ON decisions (workspace_id, product_id, created_at);

CREATE TABLE decision_options (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    decision_id   TEXT NOT NULL REFERENCES decisions(id),
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    pros          TEXT NOT NULL,
    cons          TEXT NOT NULL,
    PRIMARY KEY (workspace_id, decision_id, position)
);

-- A decision's links: typed references to objects of its product. Items and releases are
-- checked when linked; goals, initiatives and ideas live in tables of their own and are held
-- by id (not foreign keys: a link to a deleted object stays, answered without a name).
CREATE TABLE decision_links (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    decision_id   TEXT NOT NULL REFERENCES decisions(id),
    position      INTEGER NOT NULL,
    target_type   TEXT NOT NULL,
    target_id     TEXT NOT NULL,
    PRIMARY KEY (workspace_id, decision_id, target_type, target_id)
);
CREATE INDEX decision_links_by_target ON decision_links (workspace_id, target_type, target_id);

-- Items accepted in a period (the stakeholder update's "shipped").
CREATE INDEX items_by_acceptance ON items (workspace_id, product_id, accepted_at);
