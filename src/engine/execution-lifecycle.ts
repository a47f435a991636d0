import { randomUUID } from 'node:crypto';
import type { EngineConfig } from '../config.js';
import { CommandStatus, type CommandType, type Provider } from '../domain/enums.js';
import type { CommandError } from '../domain/command-error.js';
import { isFinal } from '../domain/status.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProviderOutcome } from '../providers/provider.js';
import type { ExpiryKind, LeasedExecution } from '../store/engine-repository.js';
import type { ChangeGuard, ExecutionChange, ExecutionWrites, WrittenExecution } from '../store/execution-writes.js';
import type { EngineExecutionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { backoffMs, changeFromPoll, changeFromSend, failures, finalChange } from './outcome-changes.js';

/** Told of every committed new version, by the process that wrote it (the live hub). */
export interface ChangePublisher {
  publish(written: WrittenExecution): void;
}

/** Why the sweeper ends an execution, as the failure it records. */
const EXPIRY_FAILURES: Record<ExpiryKind, () => CommandError> = {
  CONFIRMATION_EXPIRED: failures.confirmationExpired,
  OUTCOME_UNKNOWN: () => failures.outcomeUnknown('the provider request never came back with a recorded answer'),
  TIMEOUT: failures.timedOut,
};

/** A poll lease outlives any poll request (30 s headers + body) so no one else takes it meanwhile. */
const POLL_LEASE_MS = 90_000;
const SWEEP_BATCH = 200;

/** What a command mutation asks to start. */
export interface ExecutionDraft {
  targetId: string;
  provider: Provider;
  commandType: CommandType;
  /** PENDING for a one-step command, AWAITING_CONFIRMATION for an ignition request. */
  status: CommandStatus.PENDING | CommandStatus.AWAITING_CONFIRMATION;
  parameters: Record<string, unknown>;
  requestedBy: string;
}

export type Started =
  /** Stored at version 1, SENDING and owned by this instance: the caller dispatches it. */
  | { kind: 'created'; execution: EngineExecutionRecord }
  /** The idempotency key already stands for this execution (null: its twin is still being stored). */
  | { kind: 'replay'; executionId: string | null }
  /** The key was used for another command or input. */
  | { kind: 'key-reused' }
  /** The requester holds no grant on the target (now): nothing was stored. */
  | { kind: 'not-granted' };

/**
 * The one place an execution's state changes. It keeps the status machine
 * (through the store's guarded writes), the version guard, the dispatch
 * claim (SENDING, owned by one instance whose heartbeat vouches for it), the
 * poll leases, and the sweeps that end what expired or lost its owner; each
 * change is one statement (row + history + notice) and is published to this
 * process's live subscribers from what the write returned, without a read.
 * The command service and the engine's dispatcher and poller only call it.
 */
export class ExecutionLifecycle {
  readonly instanceId = `inst_${randomUUID()}`;

  constructor(
    /** The repositories it reads and the database its transactions run on. */
    private readonly store: Pick<Store, 'db' | 'engine' | 'executions' | 'idempotency'>,
    /** The only execution writes: no other component is handed them. */
    private readonly writes: ExecutionWrites,
    private readonly publisher: ChangePublisher,
    private readonly metrics: Metrics,
    private readonly config: EngineConfig,
  ) {}

  /**
   * Stores a new execution claimed for dispatch by this instance, if its
   * requester holds a grant on the target (decided in the same statement).
   * With an idempotency key, the key is claimed in the same transaction: a
   * concurrent twin waits for it, then answers a replay.
   */
  async start(
    draft: ExecutionDraft,
    idempotency: { key: string; inputHash: string } | null,
    id: string,
  ): Promise<Started> {
    const now = new Date();
    const execution = {
      ...draft,
      id,
      parameters: Object.keys(draft.parameters).length > 0 ? draft.parameters : null,
      requestedAt: now,
      // Stored before the provider is called, owned by this instance while the request is in flight.
      dispatchState: 'SENDING' as const,
      leaseOwner: this.instanceId,
      deadlineAt: this.deadlineFrom(now),
    };
    let written: WrittenExecution | undefined;
    if (idempotency === null) {
      // One statement, atomic on its own: no transaction needed.
      written = await this.writes.insert(execution, { requireGrant: true });
    } else {
      const outcome = await this.store.db
        .transaction(async (tx): Promise<Started | WrittenExecution> => {
          const keys = this.store.idempotency.in(tx);
          const claim = await keys.claim(draft.requestedBy, idempotency.key, draft.commandType, idempotency.inputHash);
          if (!claim.owned) {
            if (claim.inputHash !== idempotency.inputHash || claim.operation !== draft.commandType) {
              return { kind: 'key-reused' };
            }
            return { kind: 'replay', executionId: claim.executionId };
          }
          const inserted = await this.writes.in(tx).insert(execution, { requireGrant: true });
          // Not granted: the key's claim is rolled back with the transaction.
          if (!inserted) throw new NotGranted();
          await keys.attach(draft.requestedBy, idempotency.key, inserted.execution.id);
          return inserted;
        })
        .catch((error: unknown) => {
          if (error instanceof NotGranted) return { kind: 'not-granted' } as const;
          throw error;
        });
      if ('kind' in outcome) return outcome;
      written = outcome;
    }
    if (!written) return { kind: 'not-granted' };
    this.publish(written);
    this.metrics.commandsStarted.inc({ command_type: draft.commandType, provider: draft.provider });
    return { kind: 'created', execution: written.execution };
  }

  /** Commits one change if `guard` still holds, and publishes it; undefined if someone else got there first. */
  async apply(id: string, guard: ChangeGuard, change: ExecutionChange): Promise<EngineExecutionRecord | undefined> {
    const written = await this.writes.applyChange(id, guard, change);
    if (!written) return undefined;
    this.publish(written);
    const updated = written.execution;
    if (change.fields.status !== undefined && isFinal(updated.status)) {
      this.metrics.commandsFinished.inc({
        command_type: updated.commandType,
        provider: updated.provider,
        status: updated.status,
        error_code: updated.error?.code ?? '',
      });
    }
    return updated;
  }

  /** Ends an open execution with a failure, if it is still at the version the caller saw. */
  fail(
    execution: EngineExecutionRecord,
    error: CommandError,
    guard: ChangeGuard = { version: execution.version },
  ): Promise<EngineExecutionRecord | undefined> {
    return this.apply(execution.id, guard, finalChange(execution, CommandStatus.FAILURE, error, new Date()));
  }

  /**
   * Takes one of the `max` confirmation attempts of an execution still
   * awaiting confirmation: however many calls race, at most `max` get one.
   */
  takeConfirmationAttempt(executionId: string, max: number) {
    return this.store.engine.takeConfirmationAttempt(executionId, max);
  }

  /**
   * The right code came back: the ignition request becomes PENDING, claimed
   * for dispatch by this instance. The version guard makes a confirmation
   * single-use even for two racing calls.
   */
  confirm(executionId: string, version: number): Promise<EngineExecutionRecord | undefined> {
    return this.apply(
      executionId,
      { version, statuses: [CommandStatus.AWAITING_CONFIRMATION] },
      {
        fields: {
          status: CommandStatus.PENDING,
          dispatchState: 'SENDING',
          leaseOwner: this.instanceId,
          deadlineAt: this.deadlineFrom(new Date()),
        },
        reason: 'CONFIRMED',
      },
    );
  }

  /** What the provider answered to a dispatched request (safe to repeat: guarded by status). */
  recordSend(execution: EngineExecutionRecord, outcome: ProviderOutcome): Promise<EngineExecutionRecord | undefined> {
    return this.apply(
      execution.id,
      { statuses: [execution.status] },
      changeFromSend(execution, outcome, this.changeContext(0)),
    );
  }

  /** What a poll answered, under the lease it was taken with. */
  recordPoll(execution: LeasedExecution, outcome: ProviderOutcome): Promise<EngineExecutionRecord | undefined> {
    return this.apply(
      execution.id,
      { version: execution.version, statuses: [CommandStatus.PENDING] },
      changeFromPoll(execution, outcome, this.changeContext(execution.pollAttempts + 1)),
    );
  }

  /** Leases up to `capacity` due polls for this instance (no other replica polls them meanwhile). */
  leaseDuePolls(capacity: number): Promise<LeasedExecution[]> {
    return this.store.engine.leaseDuePolls(this.instanceId, capacity, POLL_LEASE_MS);
  }

  releaseLeases(ids: readonly string[]): Promise<void> {
    return this.store.engine.releaseLeases(ids, this.instanceId);
  }

  /** Ends what passed its deadline or confirmation expiry; answers the ended ones with why. */
  async endExpired(): Promise<{ id: string; code: string }[]> {
    const ended: { id: string; code: string }[] = [];
    for (const expired of await this.store.engine.findExpired(SWEEP_BATCH)) {
      const execution = await this.store.executions.findForEngine(expired.id);
      if (!execution || execution.version !== expired.version) continue;
      const error = EXPIRY_FAILURES[expired.kind]();
      if (await this.fail(execution, error)) ended.push({ id: execution.id, code: error.code });
    }
    return ended;
  }

  /**
   * Ends the requests that were in flight in an instance that stopped
   * heartbeating: their outcome can no longer be known, and they are never
   * sent again. Answers the ended ones.
   */
  async endOrphans(): Promise<string[]> {
    const ended: string[] = [];
    for (const orphan of await this.store.engine.findOrphans(this.config.instanceStaleMs, SWEEP_BATCH)) {
      const execution = await this.store.executions.findForEngine(orphan.id);
      if (!execution || execution.version !== orphan.version || execution.dispatchState !== 'SENDING') continue;
      const error = failures.outcomeUnknown('the request was in flight when its server stopped; it was not sent again');
      if (await this.fail(execution, error)) ended.push(execution.id);
    }
    return ended;
  }

  /** This instance is alive: its dispatch claims stand. */
  heartbeat(): Promise<void> {
    return this.store.engine.heartbeat(this.instanceId);
  }

  /** This instance stops: its claims no longer stand. */
  retire(): Promise<void> {
    return this.store.engine.removeInstance(this.instanceId);
  }

  /** Forgets expired idempotency keys and long-dead instances. */
  async housekeeping(): Promise<void> {
    await this.store.idempotency.deleteExpired();
    await this.store.engine.forgetDeadInstances(this.config.instanceStaleMs);
  }

  async reload(id: string): Promise<EngineExecutionRecord | undefined> {
    return this.store.executions.findForEngine(id);
  }

  private publish(written: WrittenExecution): void {
    if (written.versioned) this.publisher.publish(written);
  }

  private deadlineFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.commandTimeoutMs);
  }

  private changeContext(pollAttempts: number) {
    return {
      now: new Date(),
      nextPollDelayMs: backoffMs(pollAttempts, this.config.pollIntervalMs, this.config.pollMaxIntervalMs),
      confirmationTtlMs: this.config.confirmationTtlMs,
    };
  }
}

/** Rolls back an idempotency claim whose execution could not be stored for want of a grant. */
class NotGranted extends Error {}
