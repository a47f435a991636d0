-- A second person before an engine is cut (docs/architecture.md, "Approval").
--
-- AWAITING_APPROVAL: an immobilization that waits for a SUPERVISOR's (or an
-- admin's) approval; nothing has been sent. Its deadline is the approval's
-- expiry; the command's own deadline starts when it is approved.
ALTER TABLE executions DROP CONSTRAINT IF EXISTS executions_status_check;
ALTER TABLE executions ADD CONSTRAINT executions_status_check
  CHECK (status IN ('AWAITING_APPROVAL', 'AWAITING_CONFIRMATION', 'QUEUED', 'PENDING', 'SUCCESS', 'FAILURE', 'CANCELED'));
DROP INDEX IF EXISTS executions_open;
CREATE INDEX executions_open ON executions (status)
  WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION', 'QUEUED', 'AWAITING_APPROVAL');
DROP INDEX IF EXISTS executions_deadline;
CREATE INDEX executions_deadline ON executions (deadline_at)
  WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION', 'QUEUED', 'AWAITING_APPROVAL');

-- Why the requester asked (every command may say; an immobilization under
-- the second-person policy must), and the approval.
ALTER TABLE executions
  ADD COLUMN reason text,
  ADD COLUMN approval_expires_at timestamptz,
  ADD COLUMN approved_by text,
  ADD COLUMN approved_at timestamptz,
  ADD COLUMN approval_reason text;

-- Every event of the audit trail: the access changes (migration 010), and
-- each command step read from the history (a version whose status differs
-- from the one before it; version 1 is the request, and a request stored
-- PENDING is sent at once), approvals included.
DROP VIEW IF EXISTS audit_trail;
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
    SELECT 'COMMAND_REQUESTED' AS action, true AS by_requester,
           COALESCE(e.reason, e.parameters ->> 'reason') AS reason
    WHERE t.version = 1
    UNION ALL
    SELECT 'COMMAND_APPROVED', false, e.approval_reason
    WHERE p.status = 'AWAITING_APPROVAL' AND t.status = 'AWAITING_CONFIRMATION'
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
             WHEN e.error ->> 'code' = 'REJECTED' THEN 'COMMAND_REJECTED'
             WHEN e.error ->> 'code' = 'APPROVAL_EXPIRED' THEN 'APPROVAL_EXPIRED'
             ELSE 'COMMAND_CANCELED'
           END,
           e.error ->> 'code' = 'CANCELED_BY_USER',
           CASE WHEN e.error ->> 'code' = 'REJECTED' THEN COALESCE(e.approval_reason, 'REJECTED')
                WHEN t.status IN ('FAILURE', 'CANCELED') THEN e.error ->> 'code' END
    WHERE t.status IN ('SUCCESS', 'FAILURE', 'CANCELED') AND p.status IS DISTINCT FROM t.status
  ) s;
