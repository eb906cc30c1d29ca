-- Market and competition (docs/strategy.md, "Market and competition"): personas with their
-- links to items and feedback, competitors, the feature comparison matrix (rows of our
-- capabilities, a cell per row and competitor) and market notes. Lists of one-line strings
-- (goals, pains, strengths, weaknesses, tags) are stored one per line, lists of {title, url}
-- (links, sources) as "title<TAB>url" lines, written and read whole with their row. Portable
-- SQL.

CREATE TABLE personas (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    name          TEXT NOT NULL,
    segment       TEXT NOT NULL,
    role          TEXT NOT NULL,
    description   TEXT NOT NULL,
    goals         TEXT NOT NULL,
    pains         TEXT NOT NULL,
    quote         TEXT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX personas_by_product ON personas (workspace_id, product_id, name);

-- A persona's links to items and feedback of its product, in order; held by id (a link whose
-- object was deleted later is dropped from the answer).
CREATE TABLE persona_links (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    persona_id    TEXT NOT NULL REFERENCES personas(id),
    position      INTEGER NOT NULL,
    target_type   TEXT NOT NULL,
    target_id     TEXT NOT NULL,
    PRIMARY KEY (workspace_id, persona_id, target_type, target_id)
);
CREATE INDEX persona_links_by_target ON persona_links (workspace_id, target_type, target_id);

-- name_key is the lower-cased name: a competitor's name is unique in its product.
CREATE TABLE competitors (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    website       TEXT NOT NULL,
    positioning   TEXT NOT NULL,
    pricing       TEXT NOT NULL,
    strengths     TEXT NOT NULL,
    weaknesses    TEXT NOT NULL,
    links         TEXT NOT NULL,
    threat        TEXT NOT NULL,
    notes         TEXT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX competitors_by_name ON competitors (workspace_id, product_id, name_key);

-- The rows of the comparison matrix: our capabilities, optionally one of our epics or features.
CREATE TABLE comparison_rows (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    capability    TEXT NOT NULL,
    item_id       TEXT,
    position      BIGINT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX comparison_rows_by_product ON comparison_rows (workspace_id, product_id, position);

-- A cell: how a competitor's offer compares with ours on a row. No cell: unknown.
CREATE TABLE comparison_cells (
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    row_id         TEXT NOT NULL REFERENCES comparison_rows(id),
    competitor_id  TEXT NOT NULL REFERENCES competitors(id),
    value          TEXT NOT NULL,
    note           TEXT NOT NULL,
    updated_by     TEXT,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, row_id, competitor_id)
);
CREATE INDEX comparison_cells_by_product ON comparison_cells (workspace_id, product_id);
CREATE INDEX comparison_cells_by_competitor ON comparison_cells (workspace_id, competitor_id);

-- Market notes: research, trends, news and analyst views; note_date is the note's `date`.
CREATE TABLE market_notes (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    body           TEXT NOT NULL,
    note_date      TEXT NOT NULL,
    sources        TEXT NOT NULL,
    impact         TEXT,
    competitor_id  TEXT,
    persona_id     TEXT,
    tags           TEXT NOT NULL,
    created_by     TEXT,
    version        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX market_notes_by_product
    ON market_notes (workspace_id, product_id, note_date, created_at, id);
CREATE INDEX market_notes_by_competitor ON market_notes (workspace_id, competitor_id);
CREATE INDEX market_notes_by_persona ON market_notes (workspace_id, persona_id);
