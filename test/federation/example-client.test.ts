import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/child-process.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';

const execFileAsync = promisify(execFile);

interface ExampleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run example` as a child process: real HTTP and WebSocket to the app. */
async function runExample(args: string[], env: Record<string, string>): Promise<ExampleRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', 'examples/mobile-client/main.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The statuses printed live in the section of the output that starts with `heading`, repeats collapsed. */
function liveStatuses(stdout: string, heading: string): string[] {
  const section = stdout.split('\n▶ ').find((s) => s.startsWith(heading)) ?? '';
  const statuses = [...section.matchAll(/^ {2}live: status (\w+)/gm)].map((m) => m[1]!);
  return statuses.filter((status, i) => status !== statuses[i - 1]);
}

describe('the example client (npm run example) against a running app', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, DEMO_DATA: 'true' });
    token = await app.token({ sub: 'demo-user' });
  });
  afterAll(() => app?.dispose());

  it('lists the demo fleet, then prints each command’s statuses as they arrive', async () => {
    const run = await runExample(['--url', app.url], { TOKEN: token });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Demo Mobway pickup [MOBWAY]');
    expect(run.stdout).toContain('Demo front door [SPKEY]');
    expect(liveStatuses(run.stdout, 'Lock Demo Mobway pickup')).toEqual(['PENDING', 'SUCCESS']);
    expect(liveStatuses(run.stdout, 'Enable ignition')).toEqual(['AWAITING_CONFIRMATION', 'PENDING', 'SUCCESS']);
    expect(run.stdout).toMatch(/the user confirms with code \d{6}: confirmIgnition\n {2}confirmIgnition answered PENDING/);
    expect(run.stdout).toMatch(/unlockVehicle answered QUEUED \(cancelable: true\)/);
    expect(run.stdout).toMatch(/cancelCommandExecution answered CANCELED \(isFinal: true\) error CANCELED_BY_USER/);
    expect(liveStatuses(run.stdout, 'Lock Demo Mobway pickup, unlock at once')).toEqual(['PENDING', 'SUCCESS']);
    expect(liveStatuses(run.stdout, 'Open Demo front door')).toEqual(['SUCCESS']);
    expect(run.stdout).toContain('Done: SUCCESS, SUCCESS, SUCCESS, SUCCESS');
  });

  it('says so and exits 1 when the token is refused', async () => {
    const run = await runExample(['--url', app.url, '--token', 'not-a-jwt'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/UNAUTHENTICATED/);
  });
});
