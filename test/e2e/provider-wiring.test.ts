import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandType, Provider } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import { providerEnv, simulated, startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import { PROJECT_ROOT } from '../helpers/child-process.js';
import { RegisterVehicleDocument } from '../../generated/graphql/graphql.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { run } from '../helpers/typed-client.js';

const VIN = '1HGCM82633A004352';

describe('provider wiring: built-in simulators when no base URL is set', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' });
  });
  afterAll(() => app?.dispose());

  it('starts one simulator per provider on loopback', () => {
    for (const provider of ['SMARTCAR', 'MOBWAY', 'SPKEY']) {
      expect(app.providers.simulators[provider]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  });

  it('introduces newly registered targets to their simulator, so commands reach them', async () => {
    const admin = await app.token({ sub: 'ops', roles: ['admin'] });
    const registered = await run(
      app.url,
      RegisterVehicleDocument,
      { input: { provider: 'MOBWAY', externalId: VIN } },
      admin,
    );
    expect(registered.errors).toBeUndefined();
    const outcome = await app.providers.clients.of('MOBWAY').send({
      executionId: newId('execution'),
      commandType: CommandType.LOCK,
      target: { externalId: VIN, providerUserId: null },
      parameters: {},
    });
    expect(outcome).toMatchObject({ kind: 'pending', providerStatus: 'Pending' });
    expect(simulated(app).mobway.counts()['POST /vehicle-command']).toBe(1);
  });
});

describe('provider wiring: configured base URLs', () => {
  let simulators: Simulators;
  let app: TestApp;

  beforeAll(async () => {
    simulators = await startSimulators();
    app = await startTestApp({ kind: 'memory' }, providerEnv(simulators));
  });
  afterAll(async () => {
    await app?.dispose();
    await simulators?.close();
  });

  it('talks to the configured URLs and starts no simulator of its own', async () => {
    expect(app.providers.simulators).toEqual({});
    const outcome = await app.providers.clients.of('SPKEY').send({
      executionId: newId('execution'),
      commandType: CommandType.OPEN_LOCK,
      target: { externalId: '123', providerUserId: null },
      parameters: { reason: 'wiring test' },
    });
    expect(outcome).toMatchObject({ kind: 'final', status: 'SUCCESS' });
    expect(simulators.spkey.counts()['POST /locks/:id/OpenLock']).toBe(1);
  });
});

describe('provider wiring: production without base URLs', () => {
  let app: TestApp;
  const warnings: { variable?: string; msg: string }[] = [];

  beforeAll(async () => {
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          const entry = line ? (JSON.parse(line) as { level: number; variable?: string; msg: string }) : undefined;
          if (entry && entry.level === 40) warnings.push(entry);
        }
        done();
      },
    });
    app = await startTestApp(
      { kind: 'memory' },
      { NODE_ENV: 'production', HOST: '127.0.0.1' },
      { logger: pino({ level: 'info' }, logs) },
    );
  });

  it('says at start, as a warning per provider, that it is disabled', () => {
    expect(warnings.map((w) => w.variable)).toEqual(['SMARTCAR_BASE_URL', 'MOBWAY_BASE_URL', 'SPKEY_BASE_URL']);
    expect(warnings[0]!.msg).toBe(
      'SMARTCAR_BASE_URL is not set: this provider is disabled, and its commands fail PROVIDER_NOT_CONFIGURED',
    );
  });
  afterAll(() => app?.dispose());

  it('disables each provider with a clear error and starts no simulator', async () => {
    expect(app.providers.simulators).toEqual({});
    const outcome = await app.providers.clients.of('SMARTCAR').send({
      executionId: newId('execution'),
      commandType: CommandType.LOCK,
      target: { externalId: 'v_1', providerUserId: 'u_1' },
      parameters: {},
    });
    expect(outcome).toMatchObject({
      kind: 'final',
      status: 'FAILURE',
      error: {
        code: 'PROVIDER_NOT_CONFIGURED',
        retryable: false,
        detail: expect.stringContaining('SMARTCAR_BASE_URL'),
      },
    });
  });
});

describe('npm run simulators', () => {
  it('prints the URLs and credentials that point the app at them, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulators/main.ts'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output in time: ${output}`)), 20_000);
      child.stdout.on('data', () => {
        if (output.includes('SPKEY_API_KEY=')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    for (const variable of ['SMARTCAR_BASE_URL=http://127.0.0.1:', 'MOBWAY_SIGN_SECRET=', 'SPKEY_TOKEN=']) {
      expect(output).toContain(variable);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
