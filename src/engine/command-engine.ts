import type { Logger } from 'pino';
import type { EngineConfig } from '../config.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProviderClients } from '../providers/index.js';
import type { ProviderOutcome, SendCommand } from '../providers/provider.js';
import { CommandStatus } from '../domain/enums.js';
import type { LeasedExecution } from '../store/engine-repository.js';
import type { EngineExecutionRecord } from '../store/records.js';
import type { ExecutionLifecycle } from './execution-lifecycle.js';
import { cancellations, failures } from './outcome-changes.js';
import { withTimeout } from '../util/with-timeout.js';

const HOUSEKEEPING_MS = 60_000;

/** The provider references a request to a target carries. */
export type TargetReferences = Pick<LeasedExecution, 'externalId' | 'providerUserId'>;

/** What an advance sent: each execution's dispatch, settling with the provider's recorded answer. */
export type Sent = Map<string, Promise<EngineExecutionRecord | undefined>>;

/**
 * The engine's moving parts: the dispatcher sends a command to its provider
 * and records the answer, the queue sends a target's next command when its
 * slot frees, the poller polls pending executions under leases, and the tick
 * ends what expired or lost its owner and takes turns nobody took. Every
 * change of state goes through the execution lifecycle.
 */
export class CommandEngine {
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
  private lastHousekeeping = 0;
  /** Targets being advanced here, and those asked again meanwhile (looked at once more). */
  private readonly advancing = new Map<string, Promise<Sent>>();
  private readonly advanceAgain = new Set<string>();

  constructor(
    private readonly lifecycle: ExecutionLifecycle,
    private readonly providers: ProviderClients,
    readonly config: EngineConfig,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    lifecycle.whenTurnFree((targetId) => void this.advance(targetId).catch(() => {}));
  }

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
    // A turn taken now is sent and tracked below; none is taken after this.
    await Promise.allSettled([...this.advancing.values()]);
    const drained = await withTimeout(Promise.allSettled([...this.inFlight]), drainMs);
    if (!drained.done) {
      this.logger.warn({ inFlight: this.inFlight.size }, 'aborting provider requests still in flight at shutdown');
      this.abort.abort();
      await Promise.allSettled([...this.inFlight]);
    }
    await this.lifecycle.retire().catch(() => {});
  }

  /** Work the caller does not wait for but shutdown must: tracked until settled. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  /**
   * Sends an execution (it is SENDING, owned by this instance) to its target,
   * tracked until its answer is recorded. An ignition carries the code its
   * requester confirmed, kept on the execution (so a confirmed ignition that
   * waited QUEUED is sent with it too).
   */
  send(execution: EngineExecutionRecord, target: TargetReferences, requestId: string) {
    return this.track(
      this.dispatch(
        execution,
        {
          executionId: execution.id,
          commandType: execution.commandType,
          target: { externalId: target.externalId, providerUserId: target.providerUserId },
          parameters: (execution.parameters ?? {}) as Record<string, never>,
          ...(execution.confirmationCode === null ? {} : { confirmationCode: execution.confirmationCode }),
        },
        requestId,
      ),
    );
  }

  /**
   * Sends the next QUEUED command of a target whose slot is free: the first
   * in acceptance order, whose requester must still hold a grant (if not, it
   * ends CANCELED/ACCESS_ENDED, unsent, and the next one is looked at). Any
   * replica may call this at any time: taking the turn is a guarded write
   * that exactly one wins. Calls for a target already being advanced here
   * join that advance, which then looks once more. Answers what it sent.
   */
  advance(targetId: string): Promise<Sent> {
    const running = this.advancing.get(targetId);
    if (running) {
      this.advanceAgain.add(targetId);
      return running;
    }
    const run = (async () => {
      const sent: Sent = new Map();
      try {
        do {
          this.advanceAgain.delete(targetId);
          await this.advanceOnce(targetId, sent);
        } while (this.advanceAgain.has(targetId) && !this.stopping);
        return sent;
      } finally {
        // In the same turn as the last look: a call after it starts an advance of its own.
        this.advancing.delete(targetId);
        this.advanceAgain.delete(targetId);
      }
    })();
    this.advancing.set(targetId, run);
    return run;
  }

  private async advanceOnce(targetId: string, sent: Sent): Promise<void> {
    while (!this.stopping) {
      const next = await this.lifecycle.nextInLine(targetId);
      if (!next) return;
      // Its turn came too late (the sweep had not ended it yet), or for a requester who lost the target.
      const ended =
        next.deadlineAt !== null && next.deadlineAt.getTime() <= Date.now()
          ? cancellations.queueTimeout(this.config.queueMaxWaitMs)
          : !next.requesterMayCommand
            ? cancellations.accessEnded()
            : undefined;
      if (ended) {
        const guard = { version: next.version, statuses: [CommandStatus.QUEUED] };
        if (await this.lifecycle.cancel(next, ended, guard)) {
          this.logger.info({ executionId: next.id, code: ended.code }, 'queued command canceled at its turn');
        }
        continue;
      }
      const taken = await this.lifecycle.takeTurn(next);
      // Another replica took the turn, or the grant went meanwhile: the next look (or tick) decides.
      if (!taken) return;
      this.logger.info({ executionId: taken.id, targetId }, 'queued command sent at its turn');
      sent.set(taken.id, this.send(taken, next, `turn_${taken.id}`));
      return;
    }
  }

  /**
   * Sends an execution's request (it is SENDING, owned by this instance) and
   * applies the answer. Never throws: a fault ends the one execution.
   */
  async dispatch(
    execution: EngineExecutionRecord,
    request: Omit<SendCommand, 'signal'>,
    requestId: string,
  ): Promise<EngineExecutionRecord | undefined> {
    const client = this.providers.of(execution.provider);
    let outcome: ProviderOutcome;
    const started = performance.now();
    try {
      outcome = await client.send({ ...request, signal: this.abort.signal });
    } catch (error) {
      // Clients do not throw; if one ever does, the outcome is unknown.
      this.logger.error({ err: error, requestId, executionId: execution.id }, 'provider client threw');
      outcome = { kind: 'unknown', error: failures.outcomeUnknown('the provider client failed') };
    }
    this.metrics.providerRequestSeconds.observe(
      { provider: execution.provider, operation: 'send', outcome: outcome.kind },
      (performance.now() - started) / 1000,
    );
    if (outcome.kind === 'unknown' && this.abort.signal.aborted) {
      outcome = { kind: 'unknown', error: failures.outcomeUnknown('the request was cut short by a shutdown') };
    }
    try {
      // Recording is safe to repeat (guarded by status): a database hiccup must
      // not lose what the provider said, which may be that a door opened.
      const updated = await this.retrying(() => this.lifecycle.recordSend(execution, outcome));
      if (!updated) {
        this.logger.info(
          { requestId, executionId: execution.id, outcome: outcome.kind },
          'provider answered after the execution ended',
        );
      } else {
        this.logger.info(
          {
            requestId,
            executionId: execution.id,
            provider: execution.provider,
            status: updated.status,
            providerStatus: updated.providerStatus,
          },
          'provider answered',
        );
      }
      return updated;
    } catch (error) {
      // The database stayed away: the row stays SENDING. It ends OUTCOME_UNKNOWN
      // once this instance stops (or, as a last resort, well past its deadline).
      // Never resent.
      this.logger.error(
        { err: error, requestId, executionId: execution.id, outcome: outcome.kind },
        'could not record the provider answer',
      );
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
      await this.endExpiredGrants();
      await this.takeMissedTurns();
      await this.pollDue();
      if (now - this.lastHousekeeping >= HOUSEKEEPING_MS) {
        this.lastHousekeeping = now;
        await this.lifecycle.housekeeping();
      }
    } catch (error) {
      // A database hiccup: the next tick tries again.
      this.logger.warn({ err: error }, 'engine tick failed');
    }
  }

  private async heartbeat(): Promise<void> {
    await this.lifecycle.heartbeat();
    this.lastHeartbeat = Date.now();
  }

  private async endExpired(): Promise<void> {
    for (const { id, code } of await this.lifecycle.endExpired())
      this.logger.info({ executionId: id, code }, 'execution expired');
  }

  private async endExpiredGrants(): Promise<void> {
    const ended = await this.lifecycle.endExpiredGrants();
    // One line for all (each is in the audit trail, ACCESS_EXPIRED): a mass expiry must not flood the log.
    if (ended.length > 0) {
      this.logger.info(
        { grants: ended.length, grantIds: ended.slice(0, 10).map((g) => g.id) },
        'grants ended at their validUntil',
      );
    }
  }

  private async endOrphans(): Promise<void> {
    for (const id of await this.lifecycle.endOrphans()) {
      this.logger.warn({ executionId: id }, 'in-flight execution lost with its server: OUTCOME_UNKNOWN');
    }
  }

  /**
   * A slot freed where no one sent the next command (its replica stopped
   * first, or a command was queued just as the slot freed): send it now.
   */
  private async takeMissedTurns(): Promise<void> {
    if (this.stopping) return;
    for (const targetId of await this.lifecycle.targetsWaiting()) {
      // One target's fault must not hold up the others, nor the rest of the tick.
      await this.advance(targetId).catch((error: unknown) =>
        this.logger.warn({ err: error, targetId }, 'could not send the next queued command'),
      );
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
    const leased = await this.lifecycle.leaseDuePolls(capacity);
    if (this.stopping) {
      // Leased while shutting down: hand them back at once rather than hold them for the lease time.
      await this.lifecycle.releaseLeases(leased.map((e) => e.id));
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
      outcome = await this.providers
        .of(execution.provider)
        .poll(
          execution.providerExecutionId ?? '',
          { externalId: execution.externalId, providerUserId: execution.providerUserId },
          this.abort.signal,
        );
    } catch (error) {
      // Clients do not throw; if one ever does, this poll failed and the next one retries.
      this.logger.error({ err: error, executionId: execution.id }, 'provider client threw on poll');
      outcome = { kind: 'unknown', error: failures.pollFailed() };
    }
    this.metrics.providerRequestSeconds.observe(
      { provider: execution.provider, operation: 'poll', outcome: outcome.kind },
      (performance.now() - started) / 1000,
    );
    this.metrics.polls.inc({ provider: execution.provider, outcome: outcome.kind });
    try {
      const updated = await this.lifecycle.recordPoll(execution, outcome);
      this.logger.debug({ executionId: execution.id, outcome: outcome.kind, status: updated?.status }, 'polled');
    } catch (error) {
      // The lease expires and another poll takes it up.
      this.logger.warn({ err: error, executionId: execution.id }, 'could not record a poll');
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
