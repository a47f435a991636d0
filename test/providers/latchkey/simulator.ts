import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ProviderTarget } from '../../../src/providers/provider.js';
import { COMMON_KNOB_DEFAULTS } from '../../../src/providers/simulator-kit/knobs.js';
import { sendJson, type Route, type RouteContext } from '../../../src/providers/simulator-kit/server.js';
import {
  ProviderSimulator,
  type KnobsWithFault,
  type SimulatorListenOptions,
} from '../../../src/providers/simulator-kit/simulator.js';
import type { LatchkeyEndpoint } from './client.js';

export type LatchkeyFault = 'JAMMED' | 'NOT_FOUND' | 'INTERNAL';
const FAULTS: Readonly<Record<LatchkeyFault, [number, string]>> = {
  JAMMED: [409, 'jammed'],
  NOT_FOUND: [404, 'no such lock'],
  INTERNAL: [500, 'oops'],
};
export type LatchkeyKnobs = KnobsWithFault<LatchkeyFault>;

/** Latchkey's side of `POST /v1/locks/{lockId}/unlatch`, on the simulator kit (knobs, faults, counts). */
export class LatchkeySimulator extends ProviderSimulator<LatchkeyKnobs, LatchkeyFault> {
  readonly key = `sim-latchkey-${randomBytes(12).toString('hex')}`;
  private readonly locks = new Set<string>(['L-1']);

  private constructor() {
    super({ ...COMMON_KNOB_DEFAULTS, failWith: 'JAMMED' }, { failWith: Object.keys(FAULTS) });
  }

  static async start(options: SimulatorListenOptions = {}): Promise<LatchkeySimulator> {
    const simulator = new LatchkeySimulator();
    await simulator.listen(options);
    return simulator;
  }

  get endpoint(): LatchkeyEndpoint {
    return { baseUrl: this.url, key: this.key };
  }

  introduce(target: ProviderTarget): void {
    this.locks.add(target.externalId);
  }

  protected routes(): Route[] {
    return [{ method: 'POST', pattern: '/v1/locks/:lockId/unlatch', handle: (context) => this.unlatch(context) }];
  }

  protected genericErrors() {
    const error = (status: number, reason: string) => (res: ServerResponse) => sendJson(res, status, { reason });
    return {
      notFound: error(404, 'no such route'),
      payloadTooLarge: error(413, 'too large'),
      internal: error(500, 'oops'),
    };
  }

  private async unlatch({ req, res, params }: RouteContext): Promise<void> {
    const lockId = params.lockId ?? '';
    const knobs = this.knobsForCommand(lockId);
    await this.delay(knobs);
    if (this.playedWireFault(res, knobs)) return;
    if (req.headers['x-latchkey-key'] !== this.key) return sendJson(res, 401, { reason: 'bad key' });
    if (!this.locks.has(lockId)) return sendJson(res, 404, { reason: 'no such lock' });
    const retryAfter = this.rateLimited(lockId, knobs);
    if (retryAfter !== null) return sendJson(res, 429, { reason: 'slow down' }, { 'retry-after': String(retryAfter) });
    const fault = this.drawFault(knobs);
    if (fault !== undefined) return sendJson(res, FAULTS[fault][0], { reason: FAULTS[fault][1] });
    sendJson(res, 200, { state: 'UNLATCHED', eventId: randomUUID() });
  }
}
