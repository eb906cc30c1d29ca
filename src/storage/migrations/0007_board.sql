-- The board: an item's priority (highest, high, medium, low, lowest), and the per-status
-- counts of a product's items (WIP limits, board columns) read from an index instead of the
-- product's rows.
ALTER TABLE items ADD COLUMN priority TEXT NOT NULL DEFAULT 'medium';
CREATE INDEX items_by_product_status ON items (workspace_id, product_id, status);
