-- Commands to one target in order (docs/architecture.md, the command queue).
--
-- QUEUED: accepted and stored, not sent, waiting for the target's slot.
-- CANCELED: ended without ever being sent.
ALTER TABLE executions DROP CONSTRAINT IF EXISTS executions_status_check;
ALTER TABLE executions ADD CONSTRAINT executions_status_check
  CHECK (status IN ('AWAITING_CONFIRMATION', 'QUEUED', 'PENDING', 'SUCCESS', 'FAILURE', 'CANCELED'));

-- The order in which executions were accepted, per target: a queue is served
-- lowest turn first. Drawn when a one-step command is stored, and when an
-- ignition request is confirmed (a code being read holds no place in line).
CREATE SEQUENCE execution_turns;
ALTER TABLE executions ADD COLUMN turn bigint;

-- A target's slot: held by the one execution that was sent and is not final
-- (PENDING). Derived by the database, so every write that ends an execution
-- frees the slot without saying so, and unique, so two replicas can never
-- both send to one target: the loser of a race gets a conflict, not a second
-- request in flight.
ALTER TABLE executions ADD COLUMN slot_target text
  GENERATED ALWAYS AS (CASE WHEN status = 'PENDING' AND turn IS NOT NULL THEN target_id END) STORED;

-- Executions in flight at the upgrade were sent before the queue existed: the
-- earliest per target takes its target's slot (so new commands queue behind
-- it); any others (a target already had overlapping commands) finish as they
-- are, holding none.
UPDATE executions SET turn = nextval('execution_turns')
WHERE id IN (SELECT DISTINCT ON (target_id) id FROM executions WHERE status = 'PENDING' ORDER BY target_id, seq);

CREATE UNIQUE INDEX executions_target_slot ON executions (slot_target) WHERE slot_target IS NOT NULL;
CREATE INDEX executions_queued ON executions (target_id, turn) WHERE status = 'QUEUED';

-- Open executions now include the queued ones (sweeps by deadline: a queued
-- one's deadline is its queue bound, QUEUE_MAX_WAIT_MS).
DROP INDEX IF EXISTS executions_open;
CREATE INDEX executions_open ON executions (status) WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION', 'QUEUED');
DROP INDEX IF EXISTS executions_deadline;
CREATE INDEX executions_deadline ON executions (deadline_at) WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION', 'QUEUED');

-- The queue's two questions, each asked in the statement that writes: whether
-- it is an execution's turn on its target (the slot free and nothing accepted
-- before it waiting; `p_turn` NULL: one drawing its turn now, after every
-- other), and whether others wait on a target. Functions rather than
-- subqueries in every write: PL/pgSQL plans their queries once per
-- connection, where the embedded store plans each statement it runs anew.
CREATE FUNCTION execution_in_turn(p_target text, p_turn bigint) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN NOT EXISTS (SELECT 1 FROM executions s WHERE s.slot_target = p_target)
    AND NOT EXISTS (
      SELECT 1 FROM executions q
      WHERE q.target_id = p_target AND q.status = 'QUEUED' AND (p_turn IS NULL OR q.turn < p_turn));
END
$$;

CREATE FUNCTION executions_waiting(p_target text, p_except text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM executions q WHERE q.target_id = p_target AND q.status = 'QUEUED' AND q.id <> p_except);
END
$$;
