import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ProviderTarget } from '../provider.js';
import type { SpkeyEndpoint } from './client.js';
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

/**
 * What an injected failure answers: the fault spkey documents (the device
 * shadow update failed, 502), or one of its documented error bodies (404
 * lock not found; 500).
 */
export type SpkeyFault = 'SHADOW_UPDATE_FAILED' | 'LOCK_NOT_FOUND' | 'INTERNAL';
const FAULT_STATUS: Readonly<Record<SpkeyFault, 404 | 500 | 502>> = {
  SHADOW_UPDATE_FAILED: 502,
  LOCK_NOT_FOUND: 404,
  INTERNAL: 500,
};

export interface SpkeyKnobs extends KnobsWithFault<SpkeyFault> {
  /** Every OpenLock answers 502 while true. */
  shadowFailure: boolean;
}

export const SPKEY_KNOB_DEFAULTS: SpkeyKnobs = {
  ...COMMON_KNOB_DEFAULTS,
  shadowFailure: false,
  failWith: 'SHADOW_UPDATE_FAILED',
};

export const SPKEY_DEFAULT_LOCK_ID = '123';

export interface SpkeySimulatorOptions extends SimulatorListenOptions {
  token?: string;
  apiKey?: string;
  knobs?: Partial<SpkeyKnobs>;
  /** Known lock ids besides the default `123`. */
  locks?: string[];
}

/** The error bodies of SmartphoneKey's "Open lock" reference (401, 403, 404, 502) verbatim; the others it leaves out, in the same shape. */
const SPKEY_ERRORS = {
  400: {
    error: 'Bad Request',
    message: 'The request body must be a JSON object with string requestId and reason',
    code: 400,
  },
  401: { error: 'Unauthorized', message: 'Authentication required. Please provide a valid API token', code: 401 },
  403: { error: 'Forbidden', message: "You don't have permission to access this resource", code: 403 },
  404: { error: 'Not Found', message: 'The requested resource was not found', code: 404 },
  413: { error: 'Payload Too Large', message: 'The request body is too large', code: 413 },
  429: { error: 'Too Many Requests', message: 'Rate limit exceeded. Please retry later', code: 429 },
  500: { error: 'Internal Server Error', message: 'An unexpected error occurred', code: 500 },
  502: { error: 'Error', message: 'Failed to update device shadow', code: 502 },
} as const;

type SpkeyErrorStatus = keyof typeof SPKEY_ERRORS;

function sendSpkeyError(res: ServerResponse, status: SpkeyErrorStatus, headers: Record<string, string> = {}): void {
  sendJson(res, status, SPKEY_ERRORS[status], headers);
}

interface LockState {
  aggregateId: string;
  version: number;
}

/** SmartphoneKey's `POST /locks/{id}/OpenLock` from the provider's side. */
export class SpkeySimulator extends ProviderSimulator<SpkeyKnobs, SpkeyFault> {
  readonly token: string;
  readonly apiKey: string;
  private readonly locks = new Map<string, LockState>();

  private constructor(options: SpkeySimulatorOptions) {
    super(SPKEY_KNOB_DEFAULTS, { failWith: Object.keys(FAULT_STATUS) }, options.knobs);
    this.token = options.token ?? `sim-spkey-jwt-${randomBytes(12).toString('hex')}`;
    this.apiKey = options.apiKey ?? `sim-spkey-key-${randomBytes(12).toString('hex')}`;
    for (const lockId of [SPKEY_DEFAULT_LOCK_ID, ...(options.locks ?? [])]) this.addLock(lockId);
  }

  static async start(options: SpkeySimulatorOptions = {}): Promise<SpkeySimulator> {
    const simulator = new SpkeySimulator(options);
    await simulator.listen(options);
    return simulator;
  }

  get endpoint(): SpkeyEndpoint {
    return { baseUrl: this.url, token: this.token, apiKey: this.apiKey };
  }

  introduce(target: ProviderTarget): void {
    this.addLock(target.externalId);
  }

  /** Registers a lock by its numeric id. */
  addLock(lockId: string | number): void {
    const id = String(lockId);
    if (!this.locks.has(id)) this.locks.set(id, { aggregateId: randomUUID(), version: 0 });
  }

  protected routes(): Route[] {
    return [{ method: 'POST', pattern: '/locks/:id/OpenLock', handle: (context) => this.openLock(context) }];
  }

  protected genericErrors() {
    return {
      notFound: (res: ServerResponse) => sendSpkeyError(res, 404),
      payloadTooLarge: (res: ServerResponse) => sendSpkeyError(res, 413),
      internal: (res: ServerResponse) => sendSpkeyError(res, 500),
    };
  }

  private async openLock({ req, res, params, body }: RouteContext): Promise<void> {
    const lockId = params.id ?? '';
    const knobs = this.knobsForCommand(lockId);
    await this.delay(knobs);
    if (this.playedWireFault(res, knobs)) return;
    const apiKey = req.headers['x-api-key'];
    // No valid token or no key: not authenticated (401). A key that is not ours: authenticated but not allowed (403).
    if (bearerToken(req) !== this.token || typeof apiKey !== 'string' || apiKey === '') return sendSpkeyError(res, 401);
    if (apiKey !== this.apiKey) return sendSpkeyError(res, 403);
    const lock = /^[0-9]+$/.test(lockId) ? this.locks.get(lockId) : undefined;
    if (lock === undefined) return sendSpkeyError(res, 404);

    const input = body.trim() === '' ? {} : parseJson(body);
    const request = input === INVALID_JSON ? undefined : asRecord(input);
    if (request === undefined || !optionalString(request.requestId) || !optionalString(request.reason)) {
      return sendSpkeyError(res, 400);
    }
    const retryAfter = this.rateLimited(lockId, knobs);
    if (retryAfter !== null) return sendSpkeyError(res, 429, { 'retry-after': String(retryAfter) });
    if (knobs.shadowFailure) return sendSpkeyError(res, 502);
    const fault = this.drawFault(knobs);
    if (fault !== undefined) return sendSpkeyError(res, FAULT_STATUS[fault]);

    lock.version += 1;
    sendJson(res, 200, { success: true, aggregateId: lock.aggregateId, version: lock.version, event: null });
  }
}

function optionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}
