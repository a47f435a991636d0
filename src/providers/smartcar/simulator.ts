import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderTarget } from '../provider.js';
import type { SmartcarEndpoint } from './client.js';
import { COMMON_KNOB_DEFAULTS } from '../simulator-kit/knobs.js';
import {
  asRecord,
  bearerToken,
  INVALID_JSON,
  parseJson,
  sendJson,
  type Route,
  type RouteContext,
} from '../simulator-kit/server.js';
import { ProviderSimulator, type KnobsWithFault, type SimulatorListenOptions } from '../simulator-kit/simulator.js';
import {
  executionFailure,
  sendSmartcarError,
  SMARTCAR_ERROR_STATUSES,
  type SmartcarErrorStatus,
} from './simulator-errors.js';

/**
 * How commands run:
 * - `sync`: 200 with the final result right after the latency.
 * - `keepalive`: 202 status and headers at once, the final result as the body after `completionDelayMs`.
 * - `async`: 200 with `executionMode: async` and PENDING; the Command Executions resource
 *   turns final after `completionDelayMs`.
 */
export type SmartcarMode = 'sync' | 'keepalive' | 'async';

export interface SmartcarKnobs extends KnobsWithFault<SmartcarErrorStatus> {
  mode: SmartcarMode;
  completionDelayMs: number;
  /** The final status of executions. */
  outcome: 'SUCCESS' | 'FAILURE';
  /** Commands answer 409 ASLEEP. */
  asleep: boolean;
}

export const SMARTCAR_KNOB_DEFAULTS: SmartcarKnobs = {
  ...COMMON_KNOB_DEFAULTS,
  mode: 'sync',
  completionDelayMs: 1_000,
  outcome: 'SUCCESS',
  asleep: false,
  failWith: 500,
};

export interface SmartcarSimulatorOptions extends SimulatorListenOptions {
  accessToken?: string;
  knobs?: Partial<SmartcarKnobs>;
  /** Known vehicles besides the default `v_123abc456def` (user `user_789xyz`). */
  vehicles?: { vehicleId: string; userId: string }[];
}

export const SMARTCAR_DEFAULT_VEHICLE = { vehicleId: 'v_123abc456def', userId: 'user_789xyz' } as const;

interface CommandDefinition {
  path: string;
  commandType: string;
  /** Validates the body; returns the parameters to echo, `undefined` when there are none, or INVALID. */
  parameters(body: unknown): Record<string, number> | undefined | typeof INVALID;
}

const INVALID: unique symbol = Symbol('invalid parameters');

function attributesOf(body: unknown): Record<string, unknown> | undefined {
  return asRecord(asRecord(asRecord(body)?.data)?.attributes);
}

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

const COMMANDS: readonly CommandDefinition[] = [
  { path: 'security/lock', commandType: 'security-lock', parameters: () => undefined },
  { path: 'security/unlock', commandType: 'security-unlock', parameters: () => undefined },
  { path: 'charge/start', commandType: 'charge-start', parameters: () => undefined },
  { path: 'charge/stop', commandType: 'charge-stop', parameters: () => undefined },
  {
    path: 'charge/set-limit',
    commandType: 'charge-set-limit',
    parameters: (body) => {
      const percent = attributesOf(body)?.percent;
      return Number.isInteger(percent) && inRange(percent, 50, 100) ? { percent } : INVALID;
    },
  },
  {
    path: 'navigation/set-destination',
    commandType: 'navigation-set-destination',
    parameters: (body) => {
      const attributes = attributesOf(body);
      const { latitude, longitude } = attributes ?? {};
      return inRange(latitude, -90, 90) && inRange(longitude, -180, 180) ? { latitude, longitude } : INVALID;
    },
  },
];

interface Execution {
  id: string;
  vehicleId: string;
  commandType: string;
  parameters: Record<string, number> | undefined;
  executionMode: 'sync' | 'async';
  executedAt: Date;
  completesAt: Date;
  finalStatus: 'SUCCESS' | 'FAILURE';
}

/** The Smartcar Vehicle API v3 command endpoints, from the provider's side. */
export class SmartcarSimulator extends ProviderSimulator<SmartcarKnobs, SmartcarErrorStatus> {
  readonly accessToken: string;
  private readonly vehicles = new Map<string, string>();
  private readonly executions = new Map<string, Execution>();

  private constructor(options: SmartcarSimulatorOptions) {
    super(
      SMARTCAR_KNOB_DEFAULTS,
      { mode: ['sync', 'keepalive', 'async'], outcome: ['SUCCESS', 'FAILURE'], failWith: SMARTCAR_ERROR_STATUSES },
      options.knobs,
    );
    this.accessToken = options.accessToken ?? `sim-smartcar-${randomBytes(12).toString('hex')}`;
    for (const { vehicleId, userId } of [SMARTCAR_DEFAULT_VEHICLE, ...(options.vehicles ?? [])])
      this.addVehicle(vehicleId, userId);
  }

  static async start(options: SmartcarSimulatorOptions = {}): Promise<SmartcarSimulator> {
    const simulator = new SmartcarSimulator(options);
    await simulator.listen(options);
    return simulator;
  }

  get endpoint(): SmartcarEndpoint {
    return { baseUrl: this.url, accessToken: this.accessToken };
  }

  introduce(target: ProviderTarget): void {
    if (target.providerUserId !== null) this.addVehicle(target.externalId, target.providerUserId);
  }

  /** Registers a vehicle and the one user (`sc-user-id`) who granted access to it. */
  addVehicle(vehicleId: string, userId: string): void {
    this.vehicles.set(vehicleId, userId);
  }

  protected routes(): Route[] {
    return [
      ...COMMANDS.map((command): Route => ({
        method: 'POST',
        pattern: `/vehicles/:vehicleId/commands/${command.path}`,
        handle: (context) => this.runCommand(context, command),
      })),
      {
        method: 'GET',
        pattern: '/vehicles/:vehicleId/commands/executions/:executionId',
        handle: (context) => this.readExecution(context),
      },
    ];
  }

  protected genericErrors() {
    return {
      notFound: (res: ServerResponse) => sendSmartcarError(res, 404),
      payloadTooLarge: (res: ServerResponse) => sendSmartcarError(res, 400),
      internal: (res: ServerResponse) => sendSmartcarError(res, 500),
    };
  }

  private async runCommand({ req, res, params, body }: RouteContext, command: CommandDefinition): Promise<void> {
    const vehicleId = params.vehicleId ?? '';
    const knobs = this.knobsForCommand(vehicleId);
    await this.delay(knobs);
    if (this.playedWireFault(res, knobs)) return;
    if (!this.admitted(req, res, vehicleId, knobs)) return;

    const parsed = body.trim() === '' ? undefined : parseJson(body);
    const parameters = parsed === INVALID_JSON ? INVALID : command.parameters(parsed);
    if (parameters === INVALID) return sendSmartcarError(res, 400);
    if (knobs.asleep) return sendSmartcarError(res, 409);
    const fault = this.drawFault(knobs);
    if (fault !== undefined) return sendSmartcarError(res, fault, fault === 429 ? { 'retry-after': '60' } : {});

    const now = new Date();
    const execution: Execution = {
      id: `exec_${randomUUID().replace(/-/g, '')}`,
      vehicleId,
      commandType: command.commandType,
      parameters,
      executionMode: knobs.mode === 'async' ? 'async' : 'sync',
      executedAt: now,
      completesAt: knobs.mode === 'sync' ? now : new Date(now.getTime() + knobs.completionDelayMs),
      finalStatus: knobs.outcome,
    };
    this.executions.set(execution.id, execution);

    if (knobs.mode === 'keepalive') {
      // The 202 goes out at once to keep the connection alive; the final result is the body, later.
      res.writeHead(202, { 'content-type': 'application/json' });
      res.flushHeaders();
      await this.http.sleep(knobs.completionDelayMs);
      if (!res.destroyed) res.end(JSON.stringify(renderExecution(execution, execution.completesAt)));
      return;
    }
    sendJson(res, 200, renderExecution(execution, now));
  }

  private async readExecution({ req, res, params }: RouteContext): Promise<void> {
    const vehicleId = params.vehicleId ?? '';
    const knobs = this.knobs(vehicleId);
    await this.delay(knobs);
    if (!this.admitted(req, res, vehicleId, knobs)) return;
    const execution = this.executions.get(params.executionId ?? '');
    if (execution === undefined || execution.vehicleId !== vehicleId) return sendSmartcarError(res, 404);
    sendJson(res, 200, renderExecution(execution, new Date()));
  }

  /** Token, `sc-user-id`, vehicle, grant and rate limit, in that order; answers the refusal itself. */
  private admitted(req: IncomingMessage, res: ServerResponse, vehicleId: string, knobs: SmartcarKnobs): boolean {
    const refusal = this.refusal(req, vehicleId);
    if (refusal !== undefined) {
      sendSmartcarError(res, refusal);
      return false;
    }
    const retryAfter = this.rateLimited(vehicleId, knobs);
    if (retryAfter === null) return true;
    sendSmartcarError(res, 429, { 'retry-after': String(retryAfter) });
    return false;
  }

  private refusal(req: IncomingMessage, vehicleId: string): SmartcarErrorStatus | undefined {
    if (bearerToken(req) !== this.accessToken) return 401;
    const userId = req.headers['sc-user-id'];
    if (typeof userId !== 'string' || userId === '') return 400;
    const grantedUser = this.vehicles.get(vehicleId);
    if (grantedUser === undefined) return 404;
    return grantedUser === userId ? undefined : 403;
  }
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `CommandResponse` of an execution as it stands at `now`. */
function renderExecution(execution: Execution, now: Date): Record<string, unknown> {
  const done = now.getTime() >= execution.completesAt.getTime();
  const value = done ? execution.finalStatus : 'PENDING';
  const status = value === 'FAILURE' ? { value, error: executionFailure(execution.commandType) } : { value };
  return {
    data: {
      id: execution.id,
      type: 'command-execution',
      attributes: {
        commandType: execution.commandType,
        status,
        executionMode: execution.executionMode,
        ...(execution.parameters === undefined ? {} : { parameters: execution.parameters }),
      },
      meta: {
        executedAt: iso(execution.executedAt),
        completedAt: done ? iso(execution.completesAt) : null,
        durationInSeconds: done
          ? Math.round((execution.completesAt.getTime() - execution.executedAt.getTime()) / 1000)
          : null,
      },
    },
  };
}
