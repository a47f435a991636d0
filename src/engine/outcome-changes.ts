import type { CommandError } from '../domain/command-error.js';
import { CommandStatus } from '../domain/enums.js';
import type { ProviderOutcome } from '../providers/provider.js';
import type { ExecutionChange } from '../store/execution-writes.js';
import type { ExecutionRecord } from '../store/records.js';

/**
 * Pure translation of what a provider said into a change of our execution.
 * Kept apart from I/O so that every branch is tested as a rule.
 */

export interface ChangeContext {
  now: Date;
  /** Delay before the next poll of a still-pending execution. */
  nextPollDelayMs: number;
  /** For an ignition request: how long the confirmation code stays valid. */
  confirmationTtlMs: number;
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** The change that ends an execution with `status`, with its times filled in. */
export function finalChange(
  execution: Pick<ExecutionRecord, 'requestedAt' | 'executedAt'>,
  status: CommandStatus.SUCCESS | CommandStatus.FAILURE | CommandStatus.CANCELED,
  error: CommandError | null,
  now: Date,
  extra: ExecutionChange['fields'] = {},
): ExecutionChange {
  const executedAt = extra.executedAt ?? execution.executedAt ?? null;
  const completedAt = extra.completedAt ?? now;
  return {
    fields: {
      ...extra,
      status,
      error,
      executedAt,
      completedAt,
      durationSeconds: extra.durationSeconds ?? seconds(executedAt ?? execution.requestedAt, completedAt),
      dispatchState: 'NONE',
      leaseOwner: null,
      leaseUntil: null,
      nextPollAt: null,
    },
    reason: error?.code ?? null,
  };
}

/** An engine-made failure (timeout, lost outcome, confirmation rules). */
function engineFailure(code: string, title: string, detail: string, retryable: boolean): CommandError {
  return { code, type: 'ENGINE', title, detail, retryable };
}

/** Why a command ended CANCELED: it was never sent. */
function cancellation(code: string, title: string, detail: string, retryable: boolean): CommandError {
  return { code, type: 'CANCELED', title, detail, retryable };
}

/** The ways a command ends unsent (CANCELED), each with one wording. */
export const cancellations = {
  queueTimeout: (maxWaitMs: number) =>
    cancellation(
      'QUEUE_TIMEOUT',
      'Waited too long',
      `the command waited for its turn on the target longer than ${Math.round(maxWaitMs / 1000)} s; it was not sent`,
      true,
    ),
  approvalExpired: (ttlMs: number) =>
    cancellation(
      'APPROVAL_EXPIRED',
      'Not approved in time',
      `no second person approved this immobilization within ${Math.round(ttlMs / 1000)} s; it was not sent`,
      true,
    ),
  rejected: (reason: string | null) =>
    cancellation(
      'REJECTED',
      'Rejected',
      `a second person rejected this immobilization; it was not sent${reason ? `: ${reason}` : ''}`,
      false,
    ),
  superseded: (byExecutionId: string) =>
    cancellation(
      'SUPERSEDED',
      'Superseded',
      `a newer command of the same requester (${byExecutionId}) undoes this one; it was not sent`,
      false,
    ),
  accessEnded: () =>
    cancellation(
      'ACCESS_ENDED',
      'Access ended',
      'the requester could no longer command the target when its turn came; it was not sent',
      false,
    ),
  byUser: (by: 'requester' | 'admin', reason: string | null) =>
    cancellation(
      'CANCELED_BY_USER',
      'Canceled',
      `canceled by ${by === 'admin' ? 'an admin' : 'its requester'} before it was sent${reason ? `: ${reason}` : ''}`,
      false,
    ),
};

/** The failures the engine itself decides, each with one wording. */
export const failures = {
  confirmationExpired: () =>
    engineFailure(
      'CONFIRMATION_EXPIRED',
      'Confirmation expired',
      'the confirmation code was not sent back in time',
      true,
    ),
  confirmationLocked: (attempts: number) =>
    engineFailure('CONFIRMATION_LOCKED', 'Confirmation locked', `${attempts} wrong confirmation codes`, true),
  timedOut: () =>
    engineFailure('TIMEOUT', 'Timed out', 'the provider did not complete the command before its deadline', false),
  /** No readable answer: the command may or may not have run, so it is never resent. */
  outcomeUnknown: (detail: string) => engineFailure('OUTCOME_UNKNOWN', 'Outcome unknown', detail, false),
  unexpectedConfirmation: () =>
    engineFailure(
      'UNEXPECTED_CONFIRMATION',
      'Unexpected confirmation request',
      'the provider asked for a confirmation this command does not have',
      false,
    ),
  pollFailed: () =>
    engineFailure('PROVIDER_CLIENT_ERROR', 'Provider client error', 'the poll failed unexpectedly', true),
};

/** What a command's own request (first or confirmation step) came back with. */
export function changeFromSend(
  execution: Pick<ExecutionRecord, 'status' | 'requestedAt' | 'executedAt'>,
  outcome: ProviderOutcome,
  context: ChangeContext,
): ExecutionChange {
  switch (outcome.kind) {
    case 'final':
      return finalChange(
        execution,
        outcome.status === 'SUCCESS' ? CommandStatus.SUCCESS : CommandStatus.FAILURE,
        outcome.error,
        context.now,
        {
          providerExecutionId: outcome.providerExecutionId,
          providerStatus: outcome.providerStatus,
          executionMode: outcome.executionMode,
          ...(outcome.executedAt ? { executedAt: outcome.executedAt } : {}),
          ...(outcome.completedAt ? { completedAt: outcome.completedAt } : {}),
          ...(typeof outcome.durationSeconds === 'number' ? { durationSeconds: outcome.durationSeconds } : {}),
        },
      );
    case 'pending': {
      const fields: ExecutionChange['fields'] = {
        providerExecutionId: outcome.providerExecutionId,
        providerStatus: outcome.providerStatus,
        executionMode: outcome.executionMode,
        executedAt: execution.executedAt ?? context.now,
        dispatchState: 'SENT',
        leaseOwner: null,
        leaseUntil: null,
        pollAttempts: 0,
        nextPollAt: new Date(context.now.getTime() + pollDelay(context.nextPollDelayMs, outcome.retryAfterSeconds)),
      };
      // Accepted without a confirmation step (or after it): the execution is now PENDING.
      return execution.status === CommandStatus.AWAITING_CONFIRMATION
        ? { fields: { ...fields, status: CommandStatus.PENDING }, reason: 'ACCEPTED' }
        : { fields };
    }
    case 'confirmation':
      if (execution.status !== CommandStatus.AWAITING_CONFIRMATION) {
        return finalChange(execution, CommandStatus.FAILURE, failures.unexpectedConfirmation(), context.now, {
          providerStatus: outcome.providerStatus,
        });
      }
      return {
        fields: {
          confirmationCode: outcome.code,
          confirmationMessage: outcome.message,
          confirmationExpiresAt: new Date(context.now.getTime() + context.confirmationTtlMs),
          providerExecutionId: outcome.providerExecutionId,
          providerStatus: outcome.providerStatus,
          dispatchState: 'NONE',
          leaseOwner: null,
          leaseUntil: null,
        },
        versioned: true,
        reason: 'CONFIRMATION_ISSUED',
      };
    case 'unknown':
      // No readable answer to a command: it ends here, never resent.
      return finalChange(execution, CommandStatus.FAILURE, outcome.error, context.now);
  }
}

/** What a poll of an accepted execution came back with. */
export function changeFromPoll(
  execution: Pick<ExecutionRecord, 'status' | 'requestedAt' | 'executedAt' | 'providerStatus'> & {
    pollAttempts: number;
  },
  outcome: ProviderOutcome,
  context: ChangeContext,
): ExecutionChange {
  if (outcome.kind === 'final') return changeFromSend(execution, outcome, context);
  // Still pending, or the read failed (a poll is safe to repeat): poll again later.
  const retryAfter = retryAfterOf(outcome);
  return {
    fields: {
      // Only a new word from the provider is worth writing (it refreshes the snapshot).
      ...(outcome.kind === 'pending' && outcome.providerStatus !== execution.providerStatus
        ? { providerStatus: outcome.providerStatus }
        : {}),
      pollAttempts: execution.pollAttempts + 1,
      leaseOwner: null,
      leaseUntil: null,
      nextPollAt: new Date(context.now.getTime() + pollDelay(context.nextPollDelayMs, retryAfter)),
    },
  };
}

/** How long a provider asked us to wait: a pending answer's own, or the failed read's. */
function retryAfterOf(outcome: ProviderOutcome): number | null | undefined {
  if (outcome.kind === 'pending') return outcome.retryAfterSeconds;
  if (outcome.kind === 'unknown') return outcome.error.retryAfterSeconds;
  return null;
}

/** The backoff delay, stretched to what a provider's `retry-after` asked for. */
function pollDelay(backoffMs: number, retryAfterSeconds: number | null | undefined): number {
  return Math.max(backoffMs, (retryAfterSeconds ?? 0) * 1000);
}

/** Backoff: the first interval, growing by half each poll, capped. */
export function backoffMs(attempts: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, Math.round(firstMs * 1.5 ** attempts));
}
