import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandType } from '../../src/domain/enums.js';
import { REDACTED } from '../../src/providers/outcome.js';
import type { ProviderClient, ProviderOutcome, ProviderTarget } from '../../src/providers/provider.js';
import { mobwayClient, smartcarClient, spkeyClient } from './support/clients.js';
import { command, expectKind, expectNoSecrets } from './support/commands.js';
import { RawServer } from './support/raw-server.js';

const TOKEN = 'tok-7f3a9c2e51';
const SECRET = 'sec-b81d44f0a6';

interface ClientCase {
  name: string;
  make(url: string): ProviderClient;
  act(client: ProviderClient, signal?: AbortSignal): Promise<ProviderOutcome>;
}

const smartcarTarget: ProviderTarget = { externalId: 'v_1', providerUserId: 'u_1' };
const mobwayTarget: ProviderTarget = { externalId: '6AHFT68CKAF501652', providerUserId: null };
const lockTarget: ProviderTarget = { externalId: '123', providerUserId: null };

const CASES: ClientCase[] = [
  {
    name: 'Smartcar send',
    make: (url) => smartcarClient(url, TOKEN),
    act: (client, signal) => client.send(command(CommandType.LOCK, smartcarTarget, { signal })),
  },
  {
    name: 'Smartcar poll',
    make: (url) => smartcarClient(url, TOKEN),
    act: (client, signal) => client.poll('exec_1', smartcarTarget, signal),
  },
  {
    name: 'Mobway send',
    make: (url) => mobwayClient(url, TOKEN, SECRET),
    act: (client, signal) => client.send(command(CommandType.LOCK, mobwayTarget, { signal })),
  },
  {
    name: 'Mobway poll',
    make: (url) => mobwayClient(url, TOKEN, SECRET),
    act: (client, signal) => client.poll('abc', mobwayTarget, signal),
  },
  {
    name: 'spkey send',
    make: (url) => spkeyClient(url, TOKEN, SECRET),
    act: (client, signal) => client.send(command(CommandType.OPEN_LOCK, lockTarget, { signal })),
  },
];

describe.each(CASES)('$name: provider faults become outcomes, never throws', ({ make, act }) => {
  let raw: RawServer;
  let client: ProviderClient;
  const outcomes: ProviderOutcome[] = [];

  async function run(signal?: AbortSignal): Promise<ProviderOutcome> {
    const outcome = await act(client, signal);
    outcomes.push(outcome);
    return outcome;
  }

  async function unknownCode(signal?: AbortSignal): Promise<string> {
    return expectKind(await run(signal), 'unknown').error.code;
  }

  beforeAll(async () => {
    raw = await RawServer.start();
    client = make(raw.url);
  });
  afterAll(async () => {
    await client?.close();
    await raw?.close();
  });

  it('bad JSON', async () => {
    raw.respondText(200, '{"data": {"id": ');
    expect(await unknownCode()).toBe('PROVIDER_INVALID_JSON');
  });

  it('an HTML error page', async () => {
    raw.respondText(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
    expect(await unknownCode()).toBe('PROVIDER_NOT_JSON');
  });

  it('a JSON answer without the documented fields', async () => {
    raw.respondJson(200, { hello: 'world' });
    expect(await unknownCode()).toBe('PROVIDER_UNEXPECTED_RESPONSE');
  });

  it('the connection reset before an answer', async () => {
    raw.respondWith((req) => req.socket.destroy());
    const outcome = expectKind(await run(), 'unknown');
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_CONNECTION_RESET', type: 'TRANSPORT', retryable: false });
  });

  it('no headers in time', async () => {
    raw.respondWith(() => undefined);
    expect(await unknownCode()).toBe('PROVIDER_HEADERS_TIMEOUT');
  });

  it('a body that stalls', async () => {
    raw.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    expect(await unknownCode()).toBe('PROVIDER_BODY_TIMEOUT');
  });

  it('a body cut off by a reset', async () => {
    raw.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"data":', () => res.socket?.destroy());
    });
    expect(await unknownCode()).toBe('PROVIDER_CONNECTION_RESET');
  });

  it('an answer larger than the limit', async () => {
    raw.respondText(200, JSON.stringify({ padding: 'x'.repeat(1_100_000) }));
    expect(await unknownCode()).toBe('PROVIDER_RESPONSE_TOO_LARGE');
  });

  it('an aborted request', async () => {
    raw.respondWith(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await unknownCode(controller.signal)).toBe('PROVIDER_REQUEST_ABORTED');
  });

  it('a provider that echoes the credentials it received', async () => {
    raw.respondWith((req, res) => {
      const echo = `${req.headers.authorization ?? ''} ${String(req.headers['x-api-key'] ?? '')} ${String(req.headers['x-signature'] ?? '')}`;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: echo, errors: [{ status: '400', type: 'VALIDATION', code: 'X', title: echo, detail: echo }], error: echo, message: echo }));
    });
    const outcome = await run();
    expect(JSON.stringify(outcome)).toContain(REDACTED);
    // A request signature (Mobway's X-Signature) is derived per request, yet as
    // telling as the secret: an echo of it is redacted too.
    const signature = raw.requests.at(-1)!.headers['x-signature'];
    if (typeof signature === 'string') expect(JSON.stringify(outcome)).not.toContain(signature);
  });

  it('no outcome carries a credential', () => {
    expect(outcomes.length).toBeGreaterThan(5);
    expectNoSecrets(outcomes, [TOKEN, SECRET]);
  });
});

describe('transport faults that need their own setup', () => {
  it('a body that trickles forever hits the total deadline', async () => {
    const raw = await RawServer.start();
    const timer = setInterval(() => undefined, 1_000);
    raw.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 100);
    });
    const client = smartcarClient(raw.url, TOKEN);
    try {
      const outcome = expectKind(await client.send(command(CommandType.LOCK, smartcarTarget)), 'unknown');
      expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', retryable: false });
    } finally {
      clearInterval(timer);
      await client.close();
      await raw.close();
    }
  });

  it('a refused connection is retryable: the provider never saw the command', async () => {
    const raw = await RawServer.start();
    const url = raw.url;
    await raw.close();
    const client = spkeyClient(url, TOKEN, SECRET);
    try {
      const outcome = expectKind(await client.send(command(CommandType.OPEN_LOCK, lockTarget)), 'unknown');
      expect(outcome.error).toMatchObject({ code: 'PROVIDER_UNREACHABLE', type: 'TRANSPORT', retryable: true });
    } finally {
      await client.close();
    }
  });

  it('a closed client answers unknown instead of throwing', async () => {
    const raw = await RawServer.start();
    const client = mobwayClient(raw.url, TOKEN, SECRET);
    await client.close();
    try {
      const outcome = expectKind(await client.send(command(CommandType.LOCK, mobwayTarget)), 'unknown');
      expect(outcome.error.code).toBe('PROVIDER_CLIENT_CLOSED');
    } finally {
      await raw.close();
    }
  });
});
