-- The audit trail (docs/architecture.md, "The audit trail").
--
-- Access changes are written here by the statement that makes them (one
-- statement: never lost, never kept for a change that rolled back). Command
-- steps are not copied here: each is already a version in
-- execution_transitions, written by the statement that makes it, and the
-- view `audit_trail` (migration 011) reads them as events beside these.
CREATE TABLE audit_events (
  seq             bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor           text NOT NULL,
  action          text NOT NULL,
  target_id       text,
  fleet_id        text,
  subject_user_id text,
  role            text,
  valid_until     timestamptz,
  reason          text
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_target ON audit_events (target_id, at) WHERE target_id IS NOT NULL;
CREATE INDEX audit_events_fleet ON audit_events (fleet_id, at) WHERE fleet_id IS NOT NULL;

-- Who made a command step, when it was not its requester or the engine (an
-- admin canceling another user's command).
ALTER TABLE execution_transitions ADD COLUMN actor text;

-- The view that reads the trail, `audit_trail`, is migration 011's: it reads the
-- approval columns that migration adds.
