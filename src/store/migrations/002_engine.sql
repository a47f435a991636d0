-- The command engine's bookkeeping (docs/architecture.md, the execution lifecycle).
--
-- dispatch_state: NONE (nothing to send: awaiting confirmation, or done),
-- SENDING (a request is in flight, owned by lease_owner), SENT (the provider
-- accepted it; poll while PENDING). An execution found SENDING whose owner is
-- gone can never be known: it ends FAILURE/OUTCOME_UNKNOWN and is not resent.
ALTER TABLE executions ADD COLUMN dispatch_state text NOT NULL DEFAULT 'NONE'
  CHECK (dispatch_state IN ('NONE', 'SENDING', 'SENT'));
ALTER TABLE executions ADD COLUMN lease_owner text;
ALTER TABLE executions ADD COLUMN lease_until timestamptz;
ALTER TABLE executions ADD COLUMN next_poll_at timestamptz;
ALTER TABLE executions ADD COLUMN poll_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE executions ADD COLUMN deadline_at timestamptz;
CREATE INDEX executions_due ON executions (next_poll_at) WHERE status = 'PENDING' AND dispatch_state = 'SENT';
CREATE INDEX executions_sending ON executions (lease_owner) WHERE dispatch_state = 'SENDING';
CREATE INDEX executions_deadline ON executions (deadline_at) WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION');

-- The execution as it was at each version: subscribers replay these, so they
-- see every transition in order with no gap even when two commit back to back.
ALTER TABLE execution_transitions ADD COLUMN snapshot jsonb;

-- Live engine instances. A replica heartbeats here; SENDING executions whose
-- owner stopped heartbeating are orphans (the process died mid-request).
CREATE TABLE engine_instances (
  id           text PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
