-- Customer voice (docs/strategy.md, "Customer voice"): customers with contacts, customer
-- feedback with its links to items and ideas, ideas and their votes. Portable SQL. References
-- to items, customers and contacts are plain ids (not foreign keys): the use cases clear or
-- drop them when the object goes.

CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id),
    product_id        TEXT NOT NULL REFERENCES products(id),
    name              TEXT NOT NULL,
    segment           TEXT NOT NULL,
    revenue_per_year  DOUBLE PRECISION,
    region            TEXT NOT NULL,
    notes             TEXT NOT NULL,
    created_by        TEXT,
    version           BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX customers_by_product ON customers (workspace_id, product_id, name);

CREATE TABLE customer_contacts (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    customer_id   TEXT NOT NULL REFERENCES customers(id),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    role          TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX customer_contacts_by_product ON customer_contacts (workspace_id, product_id);

-- Feedback from customers (not a sprint review's review_feedback). feedback_date is the day
-- it was heard; score only for quantitative feedback.
CREATE TABLE customer_feedback (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    product_id     TEXT NOT NULL REFERENCES products(id),
    text           TEXT NOT NULL,
    source         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    sentiment      TEXT NOT NULL,
    score          DOUBLE PRECISION,
    feedback_date  TEXT NOT NULL,
    customer_id    TEXT,
    contact_id     TEXT,
    status         TEXT NOT NULL,
    author_id      TEXT NOT NULL,
    version        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
-- The inbox and the product's list: newest first, narrowed by status.
CREATE INDEX customer_feedback_by_product
    ON customer_feedback (workspace_id, product_id, status, created_at);

-- A feedback's link to an item (epic, feature, story) or an idea of its product.
CREATE TABLE feedback_links (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    feedback_id   TEXT NOT NULL REFERENCES customer_feedback(id),
    target_type   TEXT NOT NULL,
    target_id     TEXT NOT NULL,
    importance    TEXT NOT NULL,
    created_by    TEXT,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX feedback_links_once
    ON feedback_links (workspace_id, feedback_id, target_type, target_id);
CREATE INDEX feedback_links_by_product ON feedback_links (workspace_id, product_id);

CREATE TABLE ideas (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    product_id      TEXT NOT NULL REFERENCES products(id),
    title           TEXT NOT NULL,
    problem         TEXT NOT NULL,
    proposer_id     TEXT NOT NULL,
    customer_id     TEXT,
    status          TEXT NOT NULL,
    decline_reason  TEXT NOT NULL,
    item_id         TEXT,
    version         BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX ideas_by_product ON ideas (workspace_id, product_id, created_at);

-- A vote on an idea: a user's own (customer_id NULL), or one recorded by user_id for a
-- customer. Each user votes once and each customer once per idea.
CREATE TABLE idea_votes (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    idea_id       TEXT NOT NULL REFERENCES ideas(id),
    user_id       TEXT NOT NULL,
    customer_id   TEXT,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX idea_votes_user_once
    ON idea_votes (workspace_id, idea_id, user_id) WHERE customer_id IS NULL;
CREATE UNIQUE INDEX idea_votes_customer_once
    ON idea_votes (workspace_id, idea_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX idea_votes_by_product ON idea_votes (workspace_id, product_id);
