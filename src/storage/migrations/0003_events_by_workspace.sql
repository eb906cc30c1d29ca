-- The live event feed reads a workspace's events in sequence order.
CREATE INDEX events_by_workspace ON events (workspace_id, seq);
