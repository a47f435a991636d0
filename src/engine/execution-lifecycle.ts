import { randomUUID } from 'node:crypto';
import type { EngineConfig } from '../config.js';
import { CommandStatus, type CommandType, type Provider } from '../domain/enums.js';
import type { CommandError } from '../domain/command-error.js';
import { isCancelable, isFinal, supersededBy } from '../domain/status.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProviderOutcome } from '../providers/provider.js';
import type { Queryable } from '../store/db.js';
import type { ExpiryKind, LeasedExecution, NextInLine } from '../store/engine-repository.js';
import {
  SlotTakenError,
  type ChangeGuard,
  type ExecutionChange,
  type ExecutionWrites,
  type NewExecution,
  type WrittenExecution,
} from '../store/execution-writes.js';
import type { EngineExecutionRecord, ExecutionRecord } from '../store/records.js';
import type { GrantRecord } from '../store/grant-repository.js';
import type { Store } from '../store/store.js';
import type { Viewer } from '../domain/viewer.js';
import { backoffMs, cancellations, changeFromPoll, changeFromSend, failures, finalChange } from './outcome-changes.js';

/** Told of every committed new version, by the process that wrote it (the live hub). */
export interface ChangePublisher {
  publish(written: WrittenExecution): void;
}

/** Told when a target's turn may have come: an execution ended and others wait on its target. */
export type TurnListener = (targetId: string) => void;

/** Why the sweeper ends an execution, as the status and error it records. */
const EXPIRIES: Record<
  ExpiryKind,
  (config: EngineConfig) => { status: CommandStatus.FAILURE | CommandStatus.CANCELED; error: CommandError }
> = {
  CONFIRMATION_EXPIRED: () => ({ status: CommandStatus.FAILURE, error: failures.confirmationExpired() }),
  OUTCOME_UNKNOWN: () => ({
    status: CommandStatus.FAILURE,
    error: failures.outcomeUnknown('the provider request never came back with a recorded answer'),
  }),
  TIMEOUT: () => ({ status: CommandStatus.FAILURE, error: failures.timedOut() }),
  QUEUE_TIMEOUT: (config) => ({
    status: CommandStatus.CANCELED,
    error: cancellations.queueTimeout(config.queueMaxWaitMs),
  }),
  APPROVAL_EXPIRED: (config) => ({
    status: CommandStatus.CANCELED,
    error: cancellations.approvalExpired(config.approvalTtlMs),
  }),
};

/** A poll lease outlives any poll request (30 s headers + body) so no one else takes it meanwhile. */
const POLL_LEASE_MS = 90_000;
const SWEEP_BATCH = 200;
/** At most this many batches of ended grants per tick (10,000 grants), so a tick stays short. */
const MAX_GRANT_BATCHES_PER_TICK = 50;

/** What a command mutation asks to start. */
export interface ExecutionDraft {
  targetId: string;
  provider: Provider;
  commandType: CommandType;
  /**
   * PENDING for a one-step command, AWAITING_CONFIRMATION for an ignition
   * request, AWAITING_APPROVAL for an immobilization a second person must approve.
   */
  status: CommandStatus.PENDING | CommandStatus.AWAITING_CONFIRMATION | CommandStatus.AWAITING_APPROVAL;
  parameters: Record<string, unknown>;
  requestedBy: string;
  /** Why the requester asked, if they said. */
  reason: string | null;
}

export type Started =
  /**
   * Stored at version 1: SENDING and owned by this instance (the caller
   * dispatches it), or QUEUED behind the target's slot (its turn will come).
   */
  | { kind: 'created'; execution: EngineExecutionRecord }
  /** The requester's identical command already waits QUEUED on the target: this is it. */
  | { kind: 'joined'; execution: EngineExecutionRecord }
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
  private turnListener: TurnListener | undefined;

  constructor(
    /** The repositories it reads and the database its transactions run on. */
    private readonly store: Pick<Store, 'db' | 'engine' | 'executions' | 'access' | 'grants' | 'audit' | 'idempotency'>,
    /** The only execution writes: no other component is handed them. */
    private readonly writes: ExecutionWrites,
    private readonly publisher: ChangePublisher,
    private readonly metrics: Metrics,
    private readonly config: EngineConfig,
  ) {}

  /**
   * Stores a new execution, if its requester holds a grant on the target
   * (decided in the same statement). A one-step command that finds the
   * target's slot free takes it in that statement, claimed for dispatch by
   * this instance; otherwise it waits QUEUED (`enqueue`). With an idempotency
   * key, the key is claimed in the same transaction: a concurrent twin waits
   * for it, then answers a replay.
   */
  async start(
    draft: ExecutionDraft,
    idempotency: { key: string; inputHash: string } | null,
    id: string,
  ): Promise<Started> {
    const now = new Date();
    const awaitingApproval = draft.status === CommandStatus.AWAITING_APPROVAL;
    const approvalExpiresAt = awaitingApproval ? new Date(now.getTime() + this.config.approvalTtlMs) : null;
    const execution: NewExecution = {
      ...draft,
      id,
      parameters: Object.keys(draft.parameters).length > 0 ? draft.parameters : null,
      requestedAt: now,
      // Stored before the provider is called, owned by this instance while the request is in flight;
      // one awaiting approval calls no provider, and its deadline is the approval's.
      ...(awaitingApproval
        ? { dispatchState: 'NONE' as const, leaseOwner: null, deadlineAt: approvalExpiresAt, approvalExpiresAt }
        : { dispatchState: 'SENDING' as const, leaseOwner: this.instanceId, deadlineAt: this.deadlineFrom(now) }),
    };
    // An ignition request takes no slot: its first step only asks the provider for a code.
    const takesSlot = draft.status === CommandStatus.PENDING;
    if (idempotency === null) {
      // The common case is this one statement: the target is free. Lost to a racing command, it queues.
      const written = await this.writes.insert(execution, { requireGrant: true, inTurn: takesSlot }).catch(slotTaken);
      if (written)
        return this.settle({ started: { kind: 'created', execution: written.execution }, written: [written] });
      if (!takesSlot) return { kind: 'not-granted' };
      return this.settle(await this.transaction((tx) => this.enqueue(tx, execution)));
    }
    const outcome = await this.transaction(async (tx): Promise<Settled> => {
      const keys = this.store.idempotency.in(tx);
      const claim = await keys.claim(draft.requestedBy, idempotency.key, draft.commandType, idempotency.inputHash);
      if (!claim.owned) {
        if (claim.inputHash !== idempotency.inputHash || claim.operation !== draft.commandType) {
          return { started: { kind: 'key-reused' }, written: [] };
        }
        return { started: { kind: 'replay', executionId: claim.executionId }, written: [] };
      }
      const inserted = await this.writes.in(tx).insert(execution, { requireGrant: true, inTurn: takesSlot });
      const settled: Settled = inserted
        ? { started: { kind: 'created', execution: inserted.execution }, written: [inserted] }
        : takesSlot
          ? await this.enqueue(tx, execution)
          : { started: { kind: 'not-granted' }, written: [] };
      // Not granted: the key's claim is rolled back with the transaction.
      if (settled.started.kind !== 'created' && settled.started.kind !== 'joined') throw new NotGranted();
      await keys.attach(draft.requestedBy, idempotency.key, settled.started.execution.id);
      return settled;
    });
    return this.settle(outcome);
  }

  /**
   * Runs a start's transaction; a `NotGranted` thrown in it rolls it back and
   * answers not-granted. One that lost its target's slot to a racing command
   * (its insert's error aborted it) runs again: the slot is then seen taken.
   */
  private async transaction(work: (tx: Queryable) => Promise<Settled>, attempts = 3): Promise<Settled> {
    try {
      return await this.store.db.transaction(work);
    } catch (error) {
      if (error instanceof NotGranted) return { started: { kind: 'not-granted' }, written: [] };
      if (error instanceof SlotTakenError && attempts > 1) return this.transaction(work, attempts - 1);
      throw error;
    }
  }

  /**
   * A one-step command whose target is busy (its slot held, or others
   * waiting): it waits QUEUED, in acceptance order, until `QUEUE_MAX_WAIT_MS`.
   * Under the target's queue lock, the requester's own waiting commands are
   * looked at first: an identical one is answered instead of a new one, and
   * the other half of a pair (LOCK/UNLOCK, START/STOP_CHARGE) is superseded.
   */
  private async enqueue(tx: Queryable, sending: NewExecution): Promise<Settled> {
    const engine = this.store.engine.in(tx);
    const writes = this.writes.in(tx);
    await engine.lockQueue(sending.targetId);
    const now = new Date();
    const execution: NewExecution = {
      ...sending,
      status: CommandStatus.QUEUED,
      dispatchState: 'NONE',
      leaseOwner: null,
      deadlineAt: new Date(now.getTime() + this.config.queueMaxWaitMs),
    };
    const waiting = await engine.queuedBy(execution.targetId, execution.requestedBy);
    const twin = waiting.find(
      (queued) =>
        queued.commandType === execution.commandType &&
        canonicalJson(queued.parameters) === canonicalJson(execution.parameters ?? null),
    );
    if (twin) {
      // Joining a command reveals nothing the requester could not see, but still needs their right to command now.
      const granted = await this.store.access.in(tx).has('command', execution.requestedBy, execution.targetId);
      return { started: granted ? { kind: 'joined', execution: twin } : { kind: 'not-granted' }, written: [] };
    }
    const written: WrittenExecution[] = [];
    const undone = supersededBy(execution.commandType);
    for (const queued of waiting.filter((candidate) => candidate.commandType === undone)) {
      const change = finalChange(queued, CommandStatus.CANCELED, cancellations.superseded(execution.id), now);
      const canceled = await writes.applyChange(queued.id, { version: queued.version }, change);
      if (canceled) written.push(canceled);
    }
    const inserted = await writes.insert(execution, { requireGrant: true });
    // Not granted: what it would have superseded is rolled back with the transaction.
    if (!inserted) throw new NotGranted();
    written.push(inserted);
    return { started: { kind: 'created', execution: inserted.execution }, written };
  }

  /** Publishes what a start committed, and answers how it started. */
  private settle({ started, written }: Settled): Started {
    for (const change of written) this.published(change);
    if (started.kind === 'created') {
      const { commandType, provider } = started.execution;
      this.metrics.commandsStarted.inc({ command_type: commandType, provider });
    }
    return started;
  }

  /** Commits one change if `guard` still holds, and publishes it; undefined if someone else got there first. */
  async apply(id: string, guard: ChangeGuard, change: ExecutionChange): Promise<EngineExecutionRecord | undefined> {
    const written = await this.writes.applyChange(id, guard, change);
    return written ? this.published(written) : undefined;
  }

  /**
   * Whoever wants to hear that a target's turn may have come (the engine,
   * which sends the next command). One listener: set once at wiring.
   */
  whenTurnFree(listener: TurnListener): void {
    this.turnListener = listener;
  }

  /** Publishes a committed write to live subscribers, counts what ended, and passes the turn on. */
  private published(written: WrittenExecution): EngineExecutionRecord {
    const updated = written.execution;
    if (written.versioned) {
      this.publisher.publish(written);
      if (isFinal(updated.status)) {
        this.metrics.commandsFinished.inc({
          command_type: updated.commandType,
          provider: updated.provider,
          status: updated.status,
          error_code: updated.error?.code ?? '',
        });
      }
    }
    if (written.othersWaiting) this.turnListener?.(updated.targetId);
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
   * The right code came back: the ignition request draws its turn (a code
   * being read holds no place in line) and becomes PENDING, claimed for
   * dispatch by this instance, if the target's slot is free and nothing
   * waits; otherwise it waits QUEUED — no longer than its code lives. The
   * version guard makes a confirmation single-use even for two racing calls.
   */
  async confirm(
    execution: Pick<EngineExecutionRecord, 'id' | 'confirmationExpiresAt'>,
    version: number,
  ): Promise<EngineExecutionRecord | undefined> {
    const guard = { version, statuses: [CommandStatus.AWAITING_CONFIRMATION] };
    const turn = await this.store.engine.drawTurn();
    const sending = this.sendChange('CONFIRMED');
    sending.fields.turn = turn;
    const sent = await this.apply(execution.id, { ...guard, inTurn: true }, sending);
    if (sent) return sent;
    // Not its turn, or another call confirmed it first (then the version guard fails again).
    const queueBound = Date.now() + this.config.queueMaxWaitMs;
    const codeExpiry = execution.confirmationExpiresAt?.getTime() ?? queueBound;
    return this.apply(execution.id, guard, {
      fields: {
        status: CommandStatus.QUEUED,
        turn,
        dispatchState: 'NONE',
        leaseOwner: null,
        deadlineAt: new Date(Math.min(queueBound, codeExpiry)),
      },
      reason: 'CONFIRMED',
    });
  }

  /** The next QUEUED execution of a target whose slot is free, if any. */
  nextInLine(targetId: string): Promise<NextInLine | undefined> {
    return this.store.engine.nextInLine(targetId);
  }

  /**
   * Its turn came: the queued execution becomes PENDING, claimed for dispatch
   * by this instance, if it is still at the version read, still first in
   * line with the slot free, and its requester still holds a grant — all in
   * the write. Exactly one replica wins; the others answer undefined.
   */
  takeTurn(execution: NextInLine): Promise<EngineExecutionRecord | undefined> {
    return this.apply(
      execution.id,
      { version: execution.version, statuses: [CommandStatus.QUEUED], inTurn: true, requesterMayCommand: true },
      this.sendChange('TURN'),
    );
  }

  /** Targets whose turn nobody took (see `EngineRepository.targetsWaiting`). */
  targetsWaiting(limit = SWEEP_BATCH): Promise<string[]> {
    return this.store.engine.targetsWaiting(limit);
  }

  /**
   * Ends an execution that was never sent CANCELED, if it still has not been
   * sent — nor is a request of it in flight (an ignition request's first step).
   */
  cancel(
    execution: ExecutionRecord,
    error: CommandError,
    guard: ChangeGuard = { statuses: CANCELABLE_STATUSES, unsent: true },
    actor?: string,
  ): Promise<EngineExecutionRecord | undefined> {
    const change = finalChange(execution, CommandStatus.CANCELED, error, new Date());
    return this.apply(execution.id, guard, actor === undefined ? change : { ...change, actor });
  }

  /**
   * A second person approves an immobilization: it moves on to the provider's
   * own flow (the confirmation step), claimed by this instance for dispatch,
   * its command deadline starting now — if it still awaits approval and its
   * requester may still command the target, both checked in the write.
   */
  approve(
    execution: ExecutionRecord,
    approver: Viewer,
    reason: string | null,
  ): Promise<EngineExecutionRecord | undefined> {
    const now = new Date();
    return this.apply(
      execution.id,
      { ...decisionGuard(execution, approver), requesterMayCommand: true },
      {
        fields: {
          status: CommandStatus.AWAITING_CONFIRMATION,
          dispatchState: 'SENDING',
          leaseOwner: this.instanceId,
          deadlineAt: this.deadlineFrom(now),
          approvedBy: approver.userId,
          approvedAt: now,
          approvalReason: reason,
        },
        reason: 'APPROVED',
        actor: approver.userId,
      },
    );
  }

  /** A second person rejects an immobilization: CANCELED/REJECTED, never sent; their reason kept. */
  reject(
    execution: ExecutionRecord,
    approver: Viewer,
    reason: string | null,
  ): Promise<EngineExecutionRecord | undefined> {
    const change = finalChange(execution, CommandStatus.CANCELED, cancellations.rejected(reason), new Date());
    return this.apply(execution.id, decisionGuard(execution, approver), {
      ...change,
      fields: { ...change.fields, approvalReason: reason },
      actor: approver.userId,
    });
  }

  /** The change that sends an execution now: PENDING, claimed by this instance, its deadline from now. */
  private sendChange(reason: string): ExecutionChange {
    return {
      fields: {
        status: CommandStatus.PENDING,
        dispatchState: 'SENDING',
        leaseOwner: this.instanceId,
        deadlineAt: this.deadlineFrom(new Date()),
      },
      reason,
    };
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
    return this.store.engine.leaseDuePolls(this.instanceId, capacity, POLL_LEASE_MS, this.config.instanceStaleMs);
  }

  releaseLeases(ids: readonly string[]): Promise<void> {
    return this.store.engine.releaseLeases(ids, this.instanceId);
  }

  /** Ends what passed its deadline, confirmation expiry or queue bound; answers the ended ones with why. */
  async endExpired(): Promise<{ id: string; code: string }[]> {
    const ended: { id: string; code: string }[] = [];
    for (const expired of await this.store.engine.findExpired(SWEEP_BATCH)) {
      const execution = await this.store.executions.findForEngine(expired.id);
      if (!execution || execution.version !== expired.version) continue;
      const { status, error } = EXPIRIES[expired.kind](this.config);
      const change = finalChange(execution, status, error, new Date());
      if (await this.apply(execution.id, { version: execution.version }, change)) {
        ended.push({ id: execution.id, code: error.code });
      }
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

  /**
   * Removes the grants whose window has ended. The view the grant rule reads
   * stops counting them at that moment on its own; removing them is what
   * announces it (the database's revocation notice), so the live streams they
   * gave end on every replica within a tick. Answers the removed grants.
   */
  async endExpiredGrants(): Promise<GrantRecord[]> {
    // Access ends within a tick however many grants end at once: batches until one comes back short.
    const ended: GrantRecord[] = [];
    for (let batch = 0; batch < MAX_GRANT_BATCHES_PER_TICK; batch++) {
      const removed = await this.store.grants.removeExpired(SWEEP_BATCH);
      ended.push(...removed);
      if (removed.length < SWEEP_BATCH) break;
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

  /** Forgets expired idempotency keys, long-dead instances and access events past their retention. */
  async housekeeping(): Promise<void> {
    await this.store.idempotency.deleteExpired();
    await this.store.audit.deleteOlderThan(this.config.auditRetentionDays);
    await this.store.engine.forgetDeadInstances(this.config.instanceStaleMs);
  }

  async reload(id: string): Promise<EngineExecutionRecord | undefined> {
    return this.store.executions.findForEngine(id);
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

/** What a start committed (published once the transaction is), and how it started. */
interface Settled {
  started: Started;
  written: WrittenExecution[];
}

const CANCELABLE_STATUSES = Object.values(CommandStatus).filter(isCancelable);

/** Parameters as comparable text: the same keys and values in any order. */
function canonicalJson(value: Record<string, unknown> | null): string {
  if (value === null) return 'null';
  return JSON.stringify(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

/** An insert that lost its target's slot to a racing command wrote nothing: as a busy target. */
function slotTaken(error: unknown): undefined {
  if (error instanceof SlotTakenError) return undefined;
  throw error;
}

/** Rolls back an idempotency claim (and any supersession) for a command that could not be stored for want of a grant. */
class NotGranted extends Error {}

/**
 * A decision on an immobilization holds only while it still awaits approval
 * at the version read, before the approval expires, and — for a user, not an
 * admin — while the decider is a SUPERVISOR of the target: all in the write.
 */
function decisionGuard(execution: ExecutionRecord, decider: Viewer): ChangeGuard {
  return {
    version: execution.version,
    statuses: [CommandStatus.AWAITING_APPROVAL],
    beforeDeadline: true,
    ...(decider.isAdmin ? {} : { actorMay: 'approve' as const }),
  };
}
