-- Every product page lists its role assignments in creation order: serve that from an index
-- instead of scanning the workspace's assignments and sorting them.
CREATE INDEX role_assignments_by_product
    ON role_assignments (workspace_id, product_id, created_at, id);
