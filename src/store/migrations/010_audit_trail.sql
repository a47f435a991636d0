-- The audit trail (docs/architecture.md, "The audit trail").
--
-- Access changes are written here by the statement that makes them (one
-- statement: never lost, never kept for a change that rolled back). Command
-- steps are not copied here: each is already a version in
-- execution_transitions, written by the statement that makes it, and the
-- view `audit_trail` reads them as events beside these.
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

-- Every event: the access changes, and each command step read from the
-- history (a version whose status differs from the one before it; version 1
-- is the request, and a request stored PENDING is sent at once).
CREATE VIEW audit_trail AS
  SELECT 'aud_' || a.seq AS id, a.at, a.actor, a.action, a.target_id, a.fleet_id, a.subject_user_id,
         NULL::text AS execution_id, a.role, a.valid_until, a.reason
  FROM audit_events a
  UNION ALL
  SELECT t.execution_id || '.' || t.version || '.' || s.action, t.at,
         COALESCE(t.actor, CASE WHEN s.by_requester THEN e.requested_by ELSE 'system' END), s.action,
         e.target_id, NULL, e.requested_by, e.id, NULL, NULL, s.reason
  FROM execution_transitions t
  JOIN executions e ON e.id = t.execution_id
  LEFT JOIN execution_transitions p ON p.execution_id = t.execution_id AND p.version = t.version - 1
  CROSS JOIN LATERAL (
    SELECT 'COMMAND_REQUESTED' AS action, true AS by_requester, e.parameters ->> 'reason' AS reason
    WHERE t.version = 1
    UNION ALL
    SELECT 'COMMAND_CONFIRMED', true, NULL
    WHERE p.status = 'AWAITING_CONFIRMATION' AND t.status IN ('PENDING', 'QUEUED')
    UNION ALL
    SELECT 'COMMAND_SENT', false, NULL
    WHERE t.status = 'PENDING' AND p.status IS DISTINCT FROM 'PENDING'
    UNION ALL
    SELECT CASE
             WHEN t.status = 'SUCCESS' THEN 'COMMAND_SUCCEEDED'
             WHEN t.status = 'FAILURE' AND e.error ->> 'code' = 'OUTCOME_UNKNOWN' THEN 'COMMAND_OUTCOME_UNKNOWN'
             WHEN t.status = 'FAILURE' THEN 'COMMAND_FAILED'
             WHEN e.error ->> 'code' = 'SUPERSEDED' THEN 'COMMAND_SUPERSEDED'
             ELSE 'COMMAND_CANCELED'
           END,
           e.error ->> 'code' = 'CANCELED_BY_USER',
           CASE WHEN t.status IN ('FAILURE', 'CANCELED') THEN e.error ->> 'code' END
    WHERE t.status IN ('SUCCESS', 'FAILURE', 'CANCELED') AND p.status IS DISTINCT FROM t.status
  ) s;
