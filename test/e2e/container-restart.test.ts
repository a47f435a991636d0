import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandExecutionsDocument, LocksDocument } from '../../generated/graphql/graphql.js';
import { startMain } from '../helpers/child-process.js';
import { openFirstLock, readyDemoApp } from '../helpers/demo-app.js';
import { describeUnless } from '../helpers/gates.js';
import { processScope } from '../helpers/process-scope.js';
import { data, run } from '../helpers/typed-client.js';

/** PID 1 of a PID namespace of its own, as in a container; killed with it (--kill-child). */
const AS_PID_1 = ['unshare', '--pid', '--fork', '--kill-child', '--mount-proc'];
const canUnshare = spawnSync(AS_PID_1[0]!, [...AS_PID_1.slice(1), 'true']).status === 0;

describeUnless(
  canUnshare ? undefined : 'unshare --pid not permitted',
  'the app as PID 1 of a container, on the embedded store',
  () => {
    const scope = processScope();
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await scope.tempDir('vas-pid1-');
    });
    afterAll(() => scope.dispose());

    async function start() {
      const main = scope.track(startMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, AS_PID_1));
      return { main, ...(await readyDemoApp(main, 60_000)) };
    }

    it(
      'restarts after kill -9 (the lock left behind names a PID that is alive again), and refuses a second ' +
        'live container on the same data',
      { timeout: 120_000 },
      async () => {
        const first = await start();
        expect(first.main.output()).not.toMatch(/in use/);
        expect((await openFirstLock(first)).status).toBe('SUCCESS');

        first.main.kill('SIGKILL');
        await first.main.exited();

        const second = await start();
        const history = await data(second.url, CommandExecutionsDocument, {}, second.userToken);
        expect(history.commandExecutions.edges.map(({ node }) => [node.commandType, node.status])).toEqual([
          ['OPEN_LOCK', 'SUCCESS'],
        ]);
        // A second container on the same volume while this one runs is refused.
        const twin = scope.track(startMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, AS_PID_1));
        await twin.waitFor(/in use by a process in another PID namespace/, 60_000);
        await twin.exited();
        const still = await run(second.url, LocksDocument, {}, second.userToken);
        expect(still.errors).toBeUndefined();
        // unshare --fork ignores SIGTERM itself; the test's cleanup kills it.
      },
    );
  },
);
