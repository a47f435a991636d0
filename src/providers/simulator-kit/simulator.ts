import type { ServerResponse } from 'node:http';
import { asRecord, parseJson, sendJson, SimServer, type GenericErrors, type Route } from './server.js';
import type { ProviderEndpoint, RunningSimulator } from '../module.js';
import type { ProviderTarget } from '../provider.js';
import { FaultInjector, FixedWindowRateLimiter, KnobError, KnobStore, WIRE_FAULTS, type CommonKnobs } from './knobs.js';

export interface SimulatorListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

/** A command a simulator ran for one target: when it came in and when the target was done with it. */
export interface RanCommand {
  targetId: string;
  command: string;
  /** Epoch ms. */
  receivedAt: number;
  doneAt: number;
}

/** Knobs every simulator has, plus the fault its failures produce. */
export type KnobsWithFault<F> = CommonKnobs & { failWith: F };

/**
 * What the three simulators share: knobs (global and per target), forced and
 * random failures, rate limiting, request counts and the `/__sim/` admin routes:
 *   GET  /__sim/counts        → {counts}
 *   POST /__sim/reset-counts
 *   POST /__sim/configure     {knobs, target?}
 *   POST /__sim/fail-next     {count?, fault?}
 *   POST /__sim/introduce     {targets: [{externalId, providerUserId?}]} (as a registration does in-process)
 * The admin routes are unauthenticated: the simulators listen on loopback for tests and development.
 */
export abstract class ProviderSimulator<K extends KnobsWithFault<F>, F> implements RunningSimulator {
  protected readonly knobStore: KnobStore<K>;
  protected readonly faults: FaultInjector<F>;
  protected readonly rateLimiter = new FixedWindowRateLimiter();
  /** What ran, in the order it came in (`ranCommand`). */
  private readonly ran: RanCommand[] = [];
  /** Knob patches queued per target, one per command (`playNext`). */
  private readonly plays = new Map<string, Partial<K>[]>();
  private server: SimServer | undefined;

  protected constructor(
    defaults: K,
    private readonly choices: Partial<Record<keyof K, readonly unknown[]>>,
    knobs: Partial<K> = {},
  ) {
    this.knobStore = new KnobStore(defaults, { wireFault: WIRE_FAULTS, ...choices }, knobs);
    this.faults = new FaultInjector(this.knobStore.resolve().seed);
  }

  /** The endpoint that points a client at this simulator: its URL and the credentials it accepts. */
  abstract get endpoint(): ProviderEndpoint;
  /** Makes a registered target known, as the real provider knows its own. */
  abstract introduce(target: ProviderTarget): void;

  protected abstract routes(): Route[];
  protected abstract genericErrors(): GenericErrors;

  protected async listen(options: SimulatorListenOptions = {}): Promise<void> {
    this.server = new SimServer({
      routes: this.routes(),
      adminRoutes: this.adminRoutes(),
      errors: this.genericErrors(),
    });
    await this.server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  }

  get url(): string {
    return this.http.url;
  }

  /** Changes knobs for every target (targets' own overrides still win). */
  configure(patch: Partial<K>): void {
    this.knobStore.configure(patch);
    if (patch.seed !== undefined) this.faults.reseed(patch.seed);
  }

  /** Overrides knobs for one vehicle id, VIN or lock id. */
  configureTarget(targetId: string, patch: Partial<K>): void {
    this.knobStore.configureTarget(targetId, patch);
  }

  clearTarget(targetId: string): void {
    this.knobStore.clearTarget(targetId);
  }

  /** The knobs in force for a target (or the global ones). */
  knobs(targetId?: string): K {
    return this.knobStore.resolve(targetId);
  }

  /**
   * The next `count` commands to `targetId` run with `patch` over its knobs,
   * then it is back to its own: how the sandbox and the contract suite make a
   * simulator play one behavior for one target. Checked like any patch.
   */
  playNext(targetId: string, patch: Partial<K>, count = 1): void {
    const checked = this.knobStore.parsePatch(patch);
    const queue = this.plays.get(targetId) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(checked);
    this.plays.set(targetId, queue);
  }

  clearPlays(targetId: string): void {
    this.plays.delete(targetId);
  }

  /**
   * The knobs of one command to `targetId`: its own, under the next play
   * queued for it, which it uses up — unless the request is only a step on the
   * way (a two-step command's first call, `use: false`), which the play is
   * shown but kept for the step that runs the command.
   */
  protected knobsForCommand(targetId: string | undefined, use = true): K {
    const knobs = this.knobs(targetId);
    const queue = targetId === undefined ? undefined : this.plays.get(targetId);
    const play = use ? queue?.shift() : queue?.[0];
    if (queue?.length === 0) this.plays.delete(targetId!);
    return play === undefined ? knobs : { ...knobs, ...play };
  }

  /**
   * Commands run, in the order they came in: every target's, or `targetId`'s.
   * How a test sees the order of a target's commands and whether they overlapped.
   */
  commandsRun(targetId?: string): RanCommand[] {
    return this.ran.filter((ran) => targetId === undefined || ran.targetId === targetId);
  }

  /** Commands that came in while another to the same target was still running. */
  overlapping(targetId?: string): RanCommand[] {
    const runs = this.commandsRun(targetId);
    return runs.filter((ran, i) =>
      runs.slice(0, i).some((earlier) => earlier.targetId === ran.targetId && earlier.doneAt > ran.receivedAt),
    );
  }

  /** Records a command that runs on `targetId` from now until `doneAt` (epoch ms). */
  protected ranCommand(targetId: string, command: string, doneAt: number): void {
    this.ran.push({ targetId, command, receivedAt: Date.now(), doneAt });
  }

  /** The next `count` commands fail with `fault` (default: the `failWith` knob), whatever the failure rate. */
  failNext(count = 1, fault: F = this.knobStore.resolve().failWith): void {
    this.faults.failNext(count, fault);
  }

  /** Requests received per route, keyed `METHOD /pattern` (plus `unmatched`). */
  counts(): Record<string, number> {
    return this.http.counts();
  }

  resetCounts(): void {
    this.http.resetCounts();
  }

  async close(): Promise<void> {
    this.faults.clear();
    this.plays.clear();
    this.ran.length = 0;
    await this.server?.close();
  }

  protected get http(): SimServer {
    if (this.server === undefined) throw new Error('the simulator is not started');
    return this.server;
  }

  /** Applies the latency knob. */
  protected async delay(knobs: K): Promise<void> {
    await this.http.sleep(knobs.latencyMs);
  }

  /**
   * Plays the knobs' wire fault as the answer to a command, if there is one:
   * true when it did (the handler answers nothing more).
   */
  protected playedWireFault(res: ServerResponse, knobs: K): boolean {
    switch (knobs.wireFault) {
      case 'NONE':
        return false;
      case 'RESET':
        res.socket?.destroy();
        return true;
      case 'GARBAGE':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html><body>502 Bad Gateway</body></html>');
        return true;
      case 'TRUNCATED':
        // The headers promise more than comes: the connection ends mid-body.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '256' });
        res.write('{"status":', () => res.socket?.destroy());
        return true;
      case 'HANG':
        // Never answered: the client gives up (and the server closes what is left when it stops).
        return true;
    }
  }

  /** Counts one request against the target's rate limit: the `retry-after` seconds when over it, else null. */
  protected rateLimited(targetKey: string, knobs: K): number | null {
    return this.rateLimiter.hit(targetKey, knobs.rateLimit);
  }

  protected drawFault(knobs: K): F | undefined {
    return this.faults.draw(knobs.failureRate, knobs.failWith);
  }

  private adminRoutes(): Route[] {
    return [
      { method: 'GET', pattern: '/counts', handle: ({ res }) => sendJson(res, 200, { counts: this.counts() }) },
      {
        method: 'POST',
        pattern: '/reset-counts',
        handle: ({ res }) => {
          this.resetCounts();
          sendJson(res, 200, { counts: this.counts() });
        },
      },
      {
        method: 'POST',
        pattern: '/configure',
        handle: ({ res, body }) =>
          this.adminChange(res, body, (input) => {
            const patch = this.knobStore.parsePatch(input.knobs);
            if (typeof input.target === 'string') this.configureTarget(input.target, patch);
            else this.configure(patch);
            return { knobs: this.knobs(typeof input.target === 'string' ? input.target : undefined) };
          }),
      },
      {
        method: 'POST',
        pattern: '/introduce',
        handle: ({ res, body }) =>
          this.adminChange(res, body, (input) => {
            const targets = Array.isArray(input.targets) ? input.targets.map(asRecord) : [];
            for (const target of targets) {
              const { externalId, providerUserId = null } = target ?? {};
              if (typeof externalId !== 'string' || (providerUserId !== null && typeof providerUserId !== 'string')) {
                throw new KnobError('targets must be [{ externalId: string, providerUserId?: string }]');
              }
            }
            for (const target of targets) {
              this.introduce({
                externalId: target!.externalId as string,
                providerUserId: (target!.providerUserId as string | undefined) ?? null,
              });
            }
            return { introduced: targets.length };
          }),
      },
      {
        method: 'POST',
        pattern: '/fail-next',
        handle: ({ res, body }) =>
          this.adminChange(res, body, (input) => {
            const count = input.count ?? 1;
            if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
              throw new KnobError('count must be an integer ≥ 0');
            }
            if (input.fault !== undefined && !(this.choices.failWith ?? []).includes(input.fault)) {
              throw new KnobError(`fault must be one of ${(this.choices.failWith ?? []).join(', ')}`);
            }
            this.failNext(count, (input.fault as F | undefined) ?? this.knobStore.resolve().failWith);
            return { queued: count };
          }),
      },
    ];
  }

  private adminChange(
    res: Parameters<typeof sendJson>[0],
    body: string,
    change: (input: Record<string, unknown>) => unknown,
  ): void {
    const input = asRecord(parseJson(body === '' ? '{}' : body));
    if (input === undefined) {
      sendJson(res, 400, { error: 'the body must be a JSON object' });
      return;
    }
    try {
      sendJson(res, 200, change(input));
    } catch (error) {
      if (!(error instanceof KnobError)) throw error;
      sendJson(res, 400, { error: error.message });
    }
  }
}
