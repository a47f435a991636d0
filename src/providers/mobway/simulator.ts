import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MOBWAY_DETAILS } from './errors.js';
import { mobwaySignature } from './signature.js';
import { utcToMobwayTime } from './time.js';
import type { ProviderTarget } from '../provider.js';
import type { MobwayEndpoint } from './client.js';
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
 * What injected faults produce: an OEM failure (a 502 `{detail}`, or a 200
 * with `status: "Error"`), or the documented 404 for a command the vehicle
 * does not offer.
 */
export type MobwayFault = 'OEM_SEND_FAILED' | 'OEM_INITIATE_FAILED' | 'COMMAND_NOT_AVAILABLE';

export interface MobwayKnobs extends KnobsWithFault<MobwayFault> {
  /** Time from Pending to the final status. */
  completionDelayMs: number;
  outcome: 'Success' | 'Error';
  /** The `detail` of a command that ends in Error. */
  errorDetail: string;
  /** How long a confirmation code stays valid. */
  confirmationTtlMs: number;
}

export const MOBWAY_KNOB_DEFAULTS: MobwayKnobs = {
  ...COMMON_KNOB_DEFAULTS,
  completionDelayMs: 1_000,
  outcome: 'Success',
  errorDetail: 'The vehicle did not respond to the command.',
  confirmationTtlMs: 5 * 60_000,
  failWith: 'OEM_SEND_FAILED',
};

export const MOBWAY_COMMAND_WORDS = [
  'lock_door',
  'unlock_door',
  'enable_ignition',
  'disable_ignition',
  'location',
  'diagnostics',
] as const;
const IGNITION = new Set<string>(['enable_ignition', 'disable_ignition']);

/** The alert shown to the user before an ignition command runs (Mobway writes it in Portuguese). */
export const MOBWAY_CONFIRMATION_MESSAGES: Readonly<Record<string, string>> = {
  enable_ignition:
    'Atenção: a ignição do veículo será habilitada remotamente. ' +
    'Confirme somente se você estiver com o veículo ou tiver autorização do proprietário.',
  disable_ignition:
    'Atenção: a ignição do veículo será bloqueada remotamente. ' +
    'Confirme somente se o veículo estiver parado em local seguro.',
};

export const MOBWAY_DEFAULT_VIN = '6AHFT68CKAF501652';

export interface MobwaySimulatorOptions extends SimulatorListenOptions {
  token?: string;
  signSecret?: string;
  knobs?: Partial<MobwayKnobs>;
  /** Known VINs besides the default `6AHFT68CKAF501652`; each allows every command unless `commands` says otherwise. */
  vins?: { vin: string; commands?: string[] }[];
}

interface CommandRecord {
  id: string;
  vin: string;
  command: string;
  created: Date;
  /** Undefined while awaiting confirmation. */
  completesAt: Date | undefined;
  finalStatus: 'Success' | 'Error';
  finalDetail: string | null;
}

interface Confirmation {
  recordId: string;
  vin: string;
  command: string;
  expiresAt: number;
  used: boolean;
}

const UNAUTHENTICATED = 'Invalid authentication credentials.';

/** Mobway's `/vehicle-command` API from the provider's side: signature, two-step ignition, background completion. */
export class MobwaySimulator extends ProviderSimulator<MobwayKnobs, MobwayFault> {
  readonly token: string;
  readonly signSecret: string;
  private readonly vins = new Map<string, ReadonlySet<string>>();
  private readonly records = new Map<string, CommandRecord>();
  private readonly confirmations = new Map<string, Confirmation>();

  private constructor(options: MobwaySimulatorOptions) {
    super(
      MOBWAY_KNOB_DEFAULTS,
      { outcome: ['Success', 'Error'], failWith: ['OEM_SEND_FAILED', 'OEM_INITIATE_FAILED', 'COMMAND_NOT_AVAILABLE'] },
      options.knobs,
    );
    this.token = options.token ?? `sim-mobway-${randomBytes(12).toString('hex')}`;
    this.signSecret = options.signSecret ?? `sim-mobway-secret-${randomBytes(16).toString('hex')}`;
    this.addVin(MOBWAY_DEFAULT_VIN);
    for (const { vin, commands } of options.vins ?? []) this.addVin(vin, commands);
  }

  static async start(options: MobwaySimulatorOptions = {}): Promise<MobwaySimulator> {
    const simulator = new MobwaySimulator(options);
    await simulator.listen(options);
    return simulator;
  }

  get endpoint(): MobwayEndpoint {
    return { baseUrl: this.url, token: this.token, signSecret: this.signSecret };
  }

  introduce(target: ProviderTarget): void {
    this.addVin(target.externalId);
  }

  /** Registers a VIN of the company and the commands its OEM and plan allow. */
  addVin(vin: string, commands: readonly string[] = MOBWAY_COMMAND_WORDS): void {
    this.vins.set(vin, new Set(commands));
  }

  protected routes(): Route[] {
    return [
      { method: 'POST', pattern: '/vehicle-command', handle: (context) => this.sendCommand(context) },
      { method: 'GET', pattern: '/vehicle-command/:id', handle: (context) => this.readCommand(context) },
    ];
  }

  protected genericErrors() {
    return {
      notFound: (res: ServerResponse) => sendJson(res, 404, { detail: 'Not Found' }),
      payloadTooLarge: (res: ServerResponse) => sendJson(res, 413, { detail: 'Request body too large.' }),
      internal: (res: ServerResponse) => sendJson(res, 500, { detail: 'Internal Server Error' }),
    };
  }

  private async sendCommand({ req, res, body }: RouteContext): Promise<void> {
    const input = parseJson(body);
    const request = asRecord(input);
    const vin = request?.vin;
    // An ignition request without its code only asks for one: the command runs on the confirmed call.
    const asksConfirmation = IGNITION.has(String(request?.command)) && request?.code === undefined;
    const knobs = this.knobsForCommand(typeof vin === 'string' ? vin : undefined, !asksConfirmation);
    await this.delay(knobs);
    if (this.playedWireFault(res, knobs)) return;
    if (bearerToken(req) !== this.token) return sendJson(res, 401, { detail: UNAUTHENTICATED });
    if (input === INVALID_JSON || request === undefined) return sendJson(res, 400, { detail: 'Invalid JSON body.' });
    const { command, code } = request;
    if (typeof vin !== 'string' || vin === '') return sendDetail(res, 400, 'INVALID_VIN');
    if (typeof command !== 'string' || command === '') return sendDetail(res, 400, 'INVALID_COMMAND');
    const signatureProblem = this.checkSignature(req, vin, command);
    if (signatureProblem !== undefined) return sendDetail(res, 401, signatureProblem);
    const allowed = this.vins.get(vin);
    if (allowed === undefined) return sendDetail(res, 404, 'VIN_NOT_FOUND');
    if (!allowed.has(command)) return sendDetail(res, 404, 'COMMAND_NOT_AVAILABLE');
    const retryAfter = this.rateLimited(vin, knobs);
    if (retryAfter !== null) {
      return sendJson(res, 429, { detail: 'Too many requests.' }, { 'retry-after': String(retryAfter) });
    }

    let record: CommandRecord;
    if (IGNITION.has(command)) {
      if (code === undefined) return this.askConfirmation(res, vin, command, knobs);
      const confirmed = this.useConfirmation(code, vin, command);
      if (typeof confirmed === 'string') return sendDetail(res, 400, confirmed);
      record = confirmed;
    } else {
      record = this.newRecord(vin, command, knobs);
    }

    const fault = this.drawFault(knobs);
    if (fault === 'OEM_SEND_FAILED') return sendDetail(res, 502, fault);
    if (fault === 'COMMAND_NOT_AVAILABLE') return sendDetail(res, 404, fault);
    const base = { id: record.id, vin, command };
    if (fault === 'OEM_INITIATE_FAILED') {
      this.ranCommand(vin, command, Date.now());
      return sendJson(res, 200, {
        ...base,
        status: 'Error',
        created: utcToMobwayTime(record.created),
        detail: MOBWAY_DETAILS[fault],
      });
    }
    const now = new Date();
    record.created = now;
    record.completesAt = new Date(now.getTime() + knobs.completionDelayMs);
    this.ranCommand(vin, command, record.completesAt.getTime());
    sendJson(res, 200, { ...base, status: 'Pending', created: utcToMobwayTime(now) });
  }

  private async readCommand({ req, res, params }: RouteContext): Promise<void> {
    const record = this.records.get(params.id ?? '');
    const knobs = this.knobs(record?.vin);
    await this.delay(knobs);
    if (bearerToken(req) !== this.token) return sendJson(res, 401, { detail: UNAUTHENTICATED });
    if (record === undefined) return sendJson(res, 404, { detail: 'Command ID not found.' });
    const retryAfter = this.rateLimited(record.vin, knobs);
    if (retryAfter !== null) {
      return sendJson(res, 429, { detail: 'Too many requests.' }, { 'retry-after': String(retryAfter) });
    }
    sendJson(res, 200, renderRecord(record, Date.now()));
  }

  /**
   * A missing or non-hex signature matches no application ("Sign-secret not
   * found."); a well-formed wrong one is "X-Signature invalid.".
   */
  private checkSignature(
    req: IncomingMessage,
    vin: string,
    command: string,
  ): 'SIGN_SECRET_NOT_FOUND' | 'SIGNATURE_INVALID' | undefined {
    const header = req.headers['x-signature'];
    if (typeof header !== 'string' || !/^[0-9a-fA-F]{64}$/.test(header)) return 'SIGN_SECRET_NOT_FOUND';
    const expected = Buffer.from(mobwaySignature(this.signSecret, { command, vin }), 'hex');
    return timingSafeEqual(expected, Buffer.from(header, 'hex')) ? undefined : 'SIGNATURE_INVALID';
  }

  private askConfirmation(res: ServerResponse, vin: string, command: string, knobs: MobwayKnobs): void {
    const record = this.newRecord(vin, command, knobs);
    const code = this.newConfirmationCode();
    this.confirmations.set(code, {
      recordId: record.id,
      vin,
      command,
      expiresAt: Date.now() + knobs.confirmationTtlMs,
      used: false,
    });
    sendJson(res, 200, {
      id: record.id,
      vin,
      command,
      status: 'Confirmation',
      code,
      message: MOBWAY_CONFIRMATION_MESSAGES[command] ?? '',
    });
  }

  /** Single use, for the same VIN and command, before it expires. */
  private useConfirmation(
    code: unknown,
    vin: string,
    command: string,
  ): CommandRecord | 'CONFIRMATION_INVALID' | 'CONFIRMATION_ALREADY_USED' {
    const confirmation = typeof code === 'string' ? this.confirmations.get(code) : undefined;
    if (confirmation === undefined || confirmation.vin !== vin || confirmation.command !== command) {
      return 'CONFIRMATION_INVALID';
    }
    if (confirmation.used) return 'CONFIRMATION_ALREADY_USED';
    if (Date.now() > confirmation.expiresAt) return 'CONFIRMATION_INVALID';
    const record = this.records.get(confirmation.recordId);
    if (record === undefined) return 'CONFIRMATION_INVALID';
    confirmation.used = true;
    return record;
  }

  /** Six digits, unique among the codes issued so far (used ones stay so a reuse is recognised). */
  private newConfirmationCode(): string {
    for (;;) {
      const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
      if (!this.confirmations.has(code)) return code;
    }
  }

  private newRecord(vin: string, command: string, knobs: MobwayKnobs): CommandRecord {
    const record: CommandRecord = {
      id: randomUUID(),
      vin,
      command,
      created: new Date(),
      completesAt: undefined,
      finalStatus: knobs.outcome,
      finalDetail: knobs.outcome === 'Error' ? knobs.errorDetail : null,
    };
    this.records.set(record.id, record);
    return record;
  }
}

function sendDetail(res: ServerResponse, status: number, detail: keyof typeof MOBWAY_DETAILS): void {
  sendJson(res, status, { detail: MOBWAY_DETAILS[detail] });
}

/** `GET /vehicle-command/{id}` as the record stands at `now`. */
function renderRecord(record: CommandRecord, now: number): Record<string, unknown> {
  const base = { id: record.id, vin: record.vin, command: record.command };
  if (record.completesAt === undefined) {
    return { ...base, status: 'Confirmation', detail: null, updated: utcToMobwayTime(record.created) };
  }
  if (now < record.completesAt.getTime()) {
    return { ...base, status: 'Pending', detail: null, updated: utcToMobwayTime(record.created) };
  }
  return {
    ...base,
    status: record.finalStatus,
    detail: record.finalDetail,
    updated: utcToMobwayTime(record.completesAt),
  };
}
