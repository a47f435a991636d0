/** The SQL select list of an execution, as an `ExecutionRecord` (alias `e`). */
export const EXECUTION_COLUMNS = `e.id, e.seq::text AS seq, e.target_id AS "targetId", e.provider,
  e.command_type AS "commandType", e.status, e.execution_mode AS "executionMode", e.parameters, e.error,
  e.confirmation_code AS "confirmationCode", e.confirmation_message AS "confirmationMessage",
  e.confirmation_expires_at AS "confirmationExpiresAt", e.confirmation_attempts AS "confirmationAttempts",
  e.provider_execution_id AS "providerExecutionId", e.provider_status AS "providerStatus",
  e.requested_by AS "requestedBy", e.requested_at AS "requestedAt", e.executed_at AS "executedAt",
  e.completed_at AS "completedAt", e.duration_seconds AS "durationSeconds", e.version`;

/** The select list with the engine's bookkeeping, as an `EngineExecutionRecord`. */
export const ENGINE_EXECUTION_COLUMNS = `${EXECUTION_COLUMNS},
  e.dispatch_state AS "dispatchState", e.lease_owner AS "leaseOwner", e.lease_until AS "leaseUntil",
  e.next_poll_at AS "nextPollAt", e.poll_attempts AS "pollAttempts", e.deadline_at AS "deadlineAt"`;

/**
 * Fields a change may set, and their columns. A whitelist: change objects
 * never name SQL directly.
 */
export const CHANGEABLE_COLUMNS = {
  status: { column: 'status' },
  executionMode: { column: 'execution_mode' },
  error: { column: 'error', json: true },
  confirmationCode: { column: 'confirmation_code' },
  confirmationMessage: { column: 'confirmation_message' },
  confirmationExpiresAt: { column: 'confirmation_expires_at' },
  confirmationAttempts: { column: 'confirmation_attempts' },
  providerExecutionId: { column: 'provider_execution_id' },
  providerStatus: { column: 'provider_status' },
  executedAt: { column: 'executed_at' },
  completedAt: { column: 'completed_at' },
  durationSeconds: { column: 'duration_seconds' },
  dispatchState: { column: 'dispatch_state' },
  leaseOwner: { column: 'lease_owner' },
  leaseUntil: { column: 'lease_until' },
  nextPollAt: { column: 'next_poll_at' },
  pollAttempts: { column: 'poll_attempts' },
  deadlineAt: { column: 'deadline_at' },
} as const satisfies Record<string, { column: string; json?: boolean }>;

export type ChangeableField = keyof typeof CHANGEABLE_COLUMNS;
