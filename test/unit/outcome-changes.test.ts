import { describe, expect, it } from 'vitest';
import { CommandStatus, ExecutionMode } from '../../src/domain/enums.js';
import { backoffMs, changeFromPoll, changeFromSend } from '../../src/engine/outcome-changes.js';

const now = new Date('2026-01-01T12:00:10Z');
const context = { now, nextPollDelayMs: 1_000, confirmationTtlMs: 300_000 };
const pending = {
  status: CommandStatus.PENDING,
  requestedAt: new Date('2026-01-01T12:00:00Z'),
  executedAt: null,
  providerStatus: 'Pending',
  pollAttempts: 2,
};
const awaiting = { ...pending, status: CommandStatus.AWAITING_CONFIRMATION };
const error = { code: 'ASLEEP', type: 'VEHICLE_STATE', retryable: true };

describe('provider outcome → execution change', () => {
  it('ends on a final answer, with times and no bookkeeping left', () => {
    const change = changeFromSend(
      pending,
      {
        kind: 'final',
        status: 'SUCCESS',
        providerExecutionId: 'exec_1',
        providerStatus: 'SUCCESS',
        executionMode: ExecutionMode.SYNC,
        error: null,
        executedAt: new Date('2026-01-01T12:00:01Z'),
        completedAt: new Date('2026-01-01T12:00:03Z'),
        durationSeconds: 2,
      },
      context,
    );
    expect(change.fields).toMatchObject({
      status: CommandStatus.SUCCESS,
      providerExecutionId: 'exec_1',
      executionMode: ExecutionMode.SYNC,
      durationSeconds: 2,
      completedAt: new Date('2026-01-01T12:00:03Z'),
      dispatchState: 'NONE',
      leaseOwner: null,
      nextPollAt: null,
    });
    expect(change.reason).toBeNull();
  });

  it('computes the duration when the provider gives none', () => {
    const change = changeFromSend(
      pending,
      {
        kind: 'final',
        status: 'FAILURE',
        providerExecutionId: null,
        providerStatus: 'ERROR',
        executionMode: null,
        error,
      },
      context,
    );
    expect(change.fields).toMatchObject({
      status: CommandStatus.FAILURE,
      error,
      durationSeconds: 10,
      completedAt: now,
    });
    expect(change.reason).toBe('ASLEEP');
  });

  it('schedules a poll for a pending answer, honouring retry-after', () => {
    const change = changeFromSend(
      pending,
      {
        kind: 'pending',
        providerExecutionId: 'p1',
        providerStatus: 'Pending',
        executionMode: null,
        retryAfterSeconds: 5,
      },
      context,
    );
    expect(change.fields).toMatchObject({
      dispatchState: 'SENT',
      providerExecutionId: 'p1',
      nextPollAt: new Date(now.getTime() + 5_000),
    });
    expect(change.fields.status).toBeUndefined();
    expect(change.versioned).toBeUndefined();
  });

  it('moves an awaiting execution to PENDING when the provider accepts it', () => {
    const change = changeFromSend(
      awaiting,
      { kind: 'pending', providerExecutionId: 'p1', providerStatus: 'Pending', executionMode: null },
      context,
    );
    expect(change.fields.status).toBe(CommandStatus.PENDING);
    expect(change.reason).toBe('ACCEPTED');
  });

  it('records a confirmation as a versioned change with its expiry', () => {
    const change = changeFromSend(
      awaiting,
      {
        kind: 'confirmation',
        providerExecutionId: 'p1',
        providerStatus: 'Confirmation',
        code: '123456',
        message: 'Atenção',
      },
      context,
    );
    expect(change).toMatchObject({
      versioned: true,
      reason: 'CONFIRMATION_ISSUED',
      fields: { confirmationCode: '123456', confirmationExpiresAt: new Date(now.getTime() + 300_000) },
    });
    expect(change.fields.status).toBeUndefined();
  });

  it('fails a confirmation the command does not expect', () => {
    const change = changeFromSend(
      pending,
      { kind: 'confirmation', providerExecutionId: null, providerStatus: 'Confirmation', code: '1', message: 'm' },
      context,
    );
    expect(change.fields).toMatchObject({ status: CommandStatus.FAILURE, error: { code: 'UNEXPECTED_CONFIRMATION' } });
  });

  it('ends a command with an unreadable answer, never to resend it', () => {
    const unknown = { code: 'PROVIDER_HEADERS_TIMEOUT', type: 'TRANSPORT', retryable: false };
    expect(changeFromSend(pending, { kind: 'unknown', error: unknown }, context).fields).toMatchObject({
      status: CommandStatus.FAILURE,
      error: unknown,
    });
  });

  it('keeps polling after a failed read, with backoff', () => {
    const change = changeFromPoll(
      pending,
      { kind: 'unknown', error: { code: 'PROVIDER_UNREACHABLE', type: 'TRANSPORT', retryable: true } },
      context,
    );
    expect(change.fields).toMatchObject({
      pollAttempts: 3,
      leaseOwner: null,
      nextPollAt: new Date(now.getTime() + 1_000),
    });
    expect(change.fields.status).toBeUndefined();
  });

  it('writes the provider word only when it changes', () => {
    const same = changeFromPoll(
      pending,
      { kind: 'pending', providerExecutionId: 'p1', providerStatus: 'Pending', executionMode: null },
      context,
    );
    expect(same.fields.providerStatus).toBeUndefined();
    const moved = changeFromPoll(
      pending,
      { kind: 'pending', providerExecutionId: 'p1', providerStatus: 'Queued', executionMode: null },
      context,
    );
    expect(moved.fields.providerStatus).toBe('Queued');
  });

  it('backs off by half each poll up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, 1_000, 5_000))).toEqual([
      1_000, 1_500, 2_250, 3_375, 5_000, 5_000,
    ]);
  });
});
