-- Prioritisation (docs/strategy.md, "Prioritisation"): per-product weighted scorecards with
-- their criteria, each item's score under each model, and the append-only history of those
-- scores. Portable SQL.

CREATE TABLE scorecards (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    name          TEXT NOT NULL,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX scorecards_by_product ON scorecards (workspace_id, product_id, created_at);

-- A scorecard's criteria in their order; an item's ratings name them by id.
CREATE TABLE scorecard_criteria (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    scorecard_id  TEXT NOT NULL REFERENCES scorecards(id),
    id            TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    weight        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (workspace_id, scorecard_id, id)
);

-- One row per item and model ("rice", "wsjf", "value_effort", "moscow", "kano",
-- "scorecard:<id>"): the inputs as JSON text and the score computed from them (NULL while a
-- scorecard lacks ratings). product_id is the item's, so a product's scores under one model are
-- one index range.
CREATE TABLE item_scores (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    model         TEXT NOT NULL,
    product_id    TEXT NOT NULL REFERENCES products(id),
    inputs        TEXT NOT NULL,
    score         DOUBLE PRECISION,
    version       BIGINT NOT NULL,
    updated_by    TEXT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, item_id, model)
);
CREATE INDEX item_scores_by_product_model ON item_scores (workspace_id, product_id, model);

-- Every change of a score: set, recomputed (a scorecard's weights changed) or deleted (inputs
-- and score NULL). Never updated; kept when the item or scorecard goes, like the event log.
CREATE TABLE item_score_history (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL,
    item_id       TEXT NOT NULL,
    model         TEXT NOT NULL,
    change_kind   TEXT NOT NULL,
    inputs        TEXT,
    score         DOUBLE PRECISION,
    changed_by    TEXT,
    changed_at    BIGINT NOT NULL
);
CREATE INDEX item_score_history_by_item ON item_score_history (workspace_id, item_id, model, changed_at);
