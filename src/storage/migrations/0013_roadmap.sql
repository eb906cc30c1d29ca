-- The roadmap (docs/strategy.md, "Roadmap"): an initiative's Now/Next/Later timeframe (NULL:
-- derived from its dates), and the published read-only links to a product's roadmap. Only a
-- hash of a link's token is kept. Portable SQL.

ALTER TABLE initiatives ADD COLUMN timeframe TEXT;

CREATE TABLE roadmap_shares (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    product_id    TEXT NOT NULL REFERENCES products(id),
    token_hash    TEXT NOT NULL UNIQUE,
    created_by    TEXT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX roadmap_shares_by_product ON roadmap_shares (workspace_id, product_id, created_at);
