-- commandExecutionChanges' cursor (docs/architecture.md, "the feed's cursor"):
-- each version records the id of the transaction that wrote it. Commit order
-- is not id or clock order, but a snapshot's xmin bounds it: every
-- transaction below it has finished. Versions written before this migration
-- have none and are never replayed by cursor (no cursor predates them).
ALTER TABLE execution_transitions ADD COLUMN xid xid8;
ALTER TABLE execution_transitions ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE INDEX execution_transitions_xid ON execution_transitions (xid);
