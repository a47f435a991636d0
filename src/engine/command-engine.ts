import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config.js';
import { CommandStatus, type Provider } from '../domain/enums.js';
import { isFinal } from '../domain/status.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProviderClient, ProviderOutcome, SendCommand } from '../providers/provider.js';
import { applyChange, type ChangeGuard, type ExecutionChange } from '../store/execution-repository.js';
import type { LeasedExecution } from '../store/engine-repository.js';
import type { EngineExecutionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { backoffMs, changeFromPoll, changeFromSend, engineFailure, finalChange } from './outcome-changes.js';

export type ProviderClients = Record<Provider, ProviderClient>;

/** A poll lease outlives any poll request (30 s headers + body) so no one else takes it meanwhile. */
const POLL_LEASE_MS = 90_000;
const SWEEP_BATCH = 200;
const KEY_CLEANUP_MS = 60_000;

/**
 * The engine: sends commands to providers and applies what they answer, polls
 * pending executions under database leases, and ends what passed its
 * deadline, its confirmation expiry, or lost its owner. Every change goes
 * through `applyChange`, so it is committed, versioned and published at once.
 */
export class CommandEngine {
  readonly instanceId = `inst_${randomUUID()}`;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopping = false;
  private activePolls = 0;
  /** The last lease came back full: more polls are due than slots, so refill as polls finish. */
  private pollBacklog = false;
  private leasing: Promise<void> | undefined;
  private lastHeartbeat = 0;
  private lastKeyCleanup = 0;

  constructor(
    private readonly store: Store,
    private readonly providers: ProviderClients,
    readonly config: EngineConfig,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  async start(): Promise<void> {
    await this.heartbeat();
    this.schedule();
  }

  /** Stops polling; lets in-flight requests finish for up to `drainMs`, then aborts them (they end OUTCOME_UNKNOWN). */
  async stop(drainMs = 5_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.leasing;
    const settled = Promise.allSettled([...this.inFlight]);
    const timedOut = await Promise.race([settled.then(() => false), delay(drainMs).then(() => true)]);
    if (timedOut) {
      this.logger.warn({ inFlight: this.inFlight.size }, 'aborting provider requests still in flight at shutdown');
      this.abort.abort();
      await Promise.allSettled([...this.inFlight]);
    }
    await this.store.engine.removeInstance(this.instanceId).catch(() => {});
  }

  /** Work the caller does not wait for but shutdown must: tracked until settled. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  /** Commits one change (with history and NOTIFY when versioned); undefined if the guard no longer held. */
  async change(id: string, guard: ChangeGuard, change: ExecutionChange): Promise<EngineExecutionRecord | undefined> {
    const updated = await applyChange(this.store.db, id, guard, change);
    if (updated && change.fields.status !== undefined && isFinal(updated.status)) {
      this.metrics.commandsFinished.inc({
        command_type: updated.commandType,
        provider: updated.provider,
        status: updated.status,
        error_code: updated.error?.code ?? '',
      });
    }
    return updated;
  }

  /**
   * Sends an execution's request (it is SENDING, owned by this instance) and
   * applies the answer. Never throws: a fault ends the one execution.
   */
  async dispatch(
    execution: EngineExecutionRecord,
    request: Omit<SendCommand, 'signal'>,
  ): Promise<EngineExecutionRecord | undefined> {
    const client = this.providers[execution.provider];
    let outcome: ProviderOutcome;
    const started = performance.now();
    try {
      outcome = await client.send({ ...request, signal: this.abort.signal });
    } catch (error) {
      // Clients do not throw; if one ever does, the outcome is unknown.
      this.logger.error({ err: error, executionId: execution.id }, 'provider client threw');
      outcome = { kind: 'unknown', error: outcomeUnknown('the provider client failed') };
    }
    this.metrics.providerRequestSeconds.observe(
      { provider: execution.provider, operation: 'send', outcome: outcome.kind },
      (performance.now() - started) / 1000,
    );
    if (outcome.kind === 'unknown' && this.abort.signal.aborted) {
      outcome = { kind: 'unknown', error: outcomeUnknown('the request was cut short by a shutdown') };
    }
    const change = changeFromSend(execution, outcome, this.changeContext(0));
    try {
      // Recording is safe to repeat (guarded by status): a database hiccup must
      // not lose what the provider said, which may be that a door opened.
      const updated = await this.retrying(() => this.change(execution.id, { statuses: [execution.status] }, change));
      if (!updated) {
        this.logger.info({ executionId: execution.id, outcome: outcome.kind }, 'provider answered after the execution ended');
      } else {
        this.logger.info(
          { executionId: execution.id, provider: execution.provider, status: updated.status, providerStatus: updated.providerStatus },
          'provider answered',
        );
      }
      return updated;
    } catch (error) {
      // The database stayed away: the row stays SENDING. It ends OUTCOME_UNKNOWN
      // once this instance stops (or, as a last resort, well past its deadline).
      // Never resent.
      this.logger.error({ err: error, executionId: execution.id, outcome: outcome.kind }, 'could not record the provider answer');
      return undefined;
    }
  }

  /** Retries a database write with backoff for up to about a minute (not past shutdown's drain). */
  private async retrying<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= 8 || this.abort.signal.aborted) throw error;
        this.logger.warn({ err: error, attempt }, 'database write failed; retrying');
        await delay(Math.min(250 * 2 ** attempt, 15_000));
      }
    }
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        this.schedule();
      });
    }, this.config.tickMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const now = Date.now();
      if (now - this.lastHeartbeat >= this.config.instanceStaleMs / 5) await this.heartbeat();
      await this.endExpired();
      await this.endOrphans();
      await this.pollDue();
      if (now - this.lastKeyCleanup >= KEY_CLEANUP_MS) {
        this.lastKeyCleanup = now;
        await this.store.idempotency.deleteExpired();
        await this.store.engine.forgetDeadInstances(this.config.instanceStaleMs);
      }
    } catch (error) {
      // A database hiccup: the next tick tries again.
      this.logger.warn({ err: error }, 'engine tick failed');
    }
  }

  private async heartbeat(): Promise<void> {
    await this.store.engine.heartbeat(this.instanceId);
    this.lastHeartbeat = Date.now();
  }

  private async endExpired(): Promise<void> {
    for (const expired of await this.store.engine.findExpired(SWEEP_BATCH)) {
      const execution = await this.store.executions.findForEngine(expired.id);
      if (!execution || execution.version !== expired.version) continue;
      const error =
        expired.kind === 'CONFIRMATION_EXPIRED'
          ? engineFailure('CONFIRMATION_EXPIRED', 'Confirmation expired', 'the confirmation code was not sent back in time', true)
          : expired.kind === 'OUTCOME_UNKNOWN'
            ? outcomeUnknown('the provider request never came back with a recorded answer')
            : engineFailure('TIMEOUT', 'Timed out', 'the provider did not complete the command before its deadline', false);
      const updated = await this.change(execution.id, { version: execution.version }, finalChange(execution, CommandStatus.FAILURE, error, new Date()));
      if (updated) this.logger.info({ executionId: execution.id, code: error.code }, 'execution expired');
    }
  }

  private async endOrphans(): Promise<void> {
    for (const orphan of await this.store.engine.findOrphans(this.config.instanceStaleMs, SWEEP_BATCH)) {
      const execution = await this.store.executions.findForEngine(orphan.id);
      if (!execution || execution.version !== orphan.version || execution.dispatchState !== 'SENDING') continue;
      const error = outcomeUnknown('the request was in flight when its server stopped; it was not sent again');
      const updated = await this.change(execution.id, { version: execution.version }, finalChange(execution, CommandStatus.FAILURE, error, new Date()));
      if (updated) this.logger.warn({ executionId: execution.id }, 'in-flight execution lost with its server: OUTCOME_UNKNOWN');
    }
  }

  /**
   * Leases as many due polls as there are free slots. When the lease comes back
   * full, each finished poll leases again at once instead of waiting for the
   * next tick, so a backlog drains at the providers' pace.
   */
  private pollDue(): Promise<void> {
    if (this.leasing) return this.leasing;
    // Cleared in a later microtask, never synchronously: an assignment after
    // a synchronous clear would leave a settled promise here for good.
    const run = this.leaseDuePolls().finally(() => {
      if (this.leasing === run) this.leasing = undefined;
    });
    this.leasing = run;
    return run;
  }

  private async leaseDuePolls(): Promise<void> {
    const capacity = this.config.maxConcurrentPolls - this.activePolls;
    if (capacity <= 0) return;
    const leased = await this.store.engine.leaseDuePolls(this.instanceId, capacity, POLL_LEASE_MS);
    if (this.stopping) {
      // Leased while shutting down: hand them back at once rather than hold them for the lease time.
      await this.store.engine.releaseLeases(leased.map((e) => e.id), this.instanceId);
      return;
    }
    this.pollBacklog = leased.length === capacity;
    for (const execution of leased) {
      this.activePolls += 1;
      void this.track(this.pollOne(execution))
        .finally(() => {
          this.activePolls -= 1;
          if (this.pollBacklog && !this.stopping) void this.pollDue().catch(() => {});
        })
        .catch((error: unknown) => this.logger.error({ err: error, executionId: execution.id }, 'poll failed'));
    }
  }

  private async pollOne(execution: LeasedExecution): Promise<void> {
    const started = performance.now();
    let outcome: ProviderOutcome;
    try {
      outcome = await this.providers[execution.provider].poll(
        execution.providerExecutionId ?? '',
        { externalId: execution.externalId, providerUserId: execution.providerUserId },
        this.abort.signal,
      );
    } catch (error) {
      // Clients do not throw; if one ever does, this poll failed and the next one retries.
      this.logger.error({ err: error, executionId: execution.id }, 'provider client threw on poll');
      outcome = { kind: 'unknown', error: engineFailure('PROVIDER_CLIENT_ERROR', 'Provider client error', 'the poll failed unexpectedly', true) };
    }
    this.metrics.providerRequestSeconds.observe(
      { provider: execution.provider, operation: 'poll', outcome: outcome.kind },
      (performance.now() - started) / 1000,
    );
    this.metrics.polls.inc({ provider: execution.provider, outcome: outcome.kind });
    const context = this.changeContext(execution.pollAttempts + 1);
    try {
      const updated = await this.change(execution.id, { version: execution.version, statuses: [CommandStatus.PENDING] }, changeFromPoll(execution, outcome, context));
      this.logger.debug({ executionId: execution.id, outcome: outcome.kind, status: updated?.status }, 'polled');
    } catch (error) {
      // The lease expires and another poll takes it up.
      this.logger.warn({ err: error, executionId: execution.id }, 'could not record a poll');
    }
  }

  private changeContext(pollAttempts: number) {
    return {
      now: new Date(),
      nextPollDelayMs: backoffMs(pollAttempts, this.config.pollIntervalMs, this.config.pollMaxIntervalMs),
      confirmationTtlMs: this.config.confirmationTtlMs,
    };
  }
}

export function outcomeUnknown(detail: string) {
  return engineFailure('OUTCOME_UNKNOWN', 'Outcome unknown', detail, false);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
