-- Release commitment, sprint reviews and retrospectives (docs/delivery.md, "Releases",
-- "Sprint review", "Retrospectives"). Portable SQL.

-- A release plan's baseline: when it was committed (0 until then) and by whom, and every item
-- planned then with its points, in rank order. Its scope changes after that live in
-- scope_changes with scope_type 'release'.
ALTER TABLE releases ADD COLUMN committed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE releases ADD COLUMN committed_by TEXT;
CREATE TABLE release_baseline (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    release_id    TEXT NOT NULL REFERENCES releases(id),
    item_id       TEXT NOT NULL,
    position      INTEGER NOT NULL,
    points        DOUBLE PRECISION,
    PRIMARY KEY (workspace_id, release_id, item_id)
);

-- A sprint review's notes (one row per sprint, once saved).
CREATE TABLE sprint_reviews (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    notes         TEXT NOT NULL,
    updated_by    TEXT,
    version       BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, sprint_id)
);

-- Feedback captured in a review; item_ids is a comma-separated list of item ids (not foreign
-- keys: feedback on a deleted item stays).
CREATE TABLE review_feedback (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    text          TEXT NOT NULL,
    from_name     TEXT NOT NULL,
    sentiment     TEXT NOT NULL,
    item_ids      TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX review_feedback_by_sprint ON review_feedback (workspace_id, sprint_id, created_at);

-- Retrospective cards, one vote per person per card, and action items. An action carries
-- its sprint's team so the team's open actions are found without reading its sprints.
CREATE TABLE retro_cards (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    column_key    TEXT NOT NULL,
    text          TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX retro_cards_by_sprint ON retro_cards (workspace_id, sprint_id, created_at);

CREATE TABLE retro_votes (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    card_id       TEXT NOT NULL REFERENCES retro_cards(id),
    sprint_id     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, card_id, user_id)
);
CREATE INDEX retro_votes_by_sprint ON retro_votes (workspace_id, sprint_id);

CREATE TABLE retro_actions (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    sprint_id     TEXT NOT NULL REFERENCES sprints(id),
    team_id       TEXT NOT NULL,
    text          TEXT NOT NULL,
    owner_id      TEXT,
    card_id       TEXT,
    done          INTEGER NOT NULL,
    done_at       BIGINT NOT NULL,
    done_by       TEXT,
    created_by    TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX retro_actions_by_sprint ON retro_actions (workspace_id, sprint_id, created_at);
-- The open actions of a team on a product: what later retrospectives carry.
CREATE INDEX retro_actions_open_by_team ON retro_actions (workspace_id, product_id, team_id, done);
