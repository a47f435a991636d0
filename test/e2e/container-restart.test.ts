import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMain, type RunningProcess } from '../helpers/child-process.js';
import { describeUnless } from '../helpers/gates.js';
import { gql } from '../helpers/graphql-client.js';

/** PID 1 of a PID namespace of its own, as in a container; killed with it (--kill-child). */
const AS_PID_1 = ['unshare', '--pid', '--fork', '--kill-child', '--mount-proc'];
const canUnshare = spawnSync(AS_PID_1[0]!, [...AS_PID_1.slice(1), 'true']).status === 0;

describeUnless(
  canUnshare ? undefined : 'unshare --pid not permitted',
  'the app as PID 1 of a container, on the embedded store',
  () => {
    let dataDir: string;
    const processes: RunningProcess[] = [];

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'vas-pid1-'));
    });
    afterAll(async () => {
      for (const running of processes) running.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });

    async function start() {
      const main = startMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, AS_PID_1);
      processes.push(main);
      const [, url] = await main.waitFor(/ready at (http:\/\/\S+\/graphql)/, 60_000);
      const [, token] = await main.waitFor(/demo-user\s+\(sees the demo fleet\):\s+(\S+)/);
      return { main, url: url!, token: token! };
    }

    it(
      'restarts after kill -9 (the lock left behind names a PID that is alive again), and refuses a second ' +
        'live container on the same data',
      { timeout: 120_000 },
      async () => {
        const first = await start();
        expect(first.main.output()).not.toMatch(/in use/);
        const locks = await gql(first.url, '{ locks { edges { node { id } } } }', {}, { token: first.token });
        const lockId = locks.data!.locks.edges[0].node.id as string;
        const opened = await gql(
          first.url,
          'mutation($id: ID!) { openLock(input: { lockId: $id }) { status } }',
          { id: lockId },
          { token: first.token },
        );
        expect(opened.data!.openLock.status).toBe('SUCCESS');

        first.main.kill('SIGKILL');
        await first.main.exited();

        const second = await start();
        const history = await gql(
          second.url,
          '{ commandExecutions { edges { node { commandType status } } } }',
          {},
          { token: second.token },
        );
        expect(history.data!.commandExecutions.edges).toEqual([
          { node: { commandType: 'OPEN_LOCK', status: 'SUCCESS' } },
        ]);
        // A second container on the same volume while this one runs is refused.
        const twin = startMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, AS_PID_1);
        processes.push(twin);
        await twin.waitFor(/in use by a process in another PID namespace/, 60_000);
        await twin.exited();
        const still = await gql(second.url, '{ locks { edges { node { id } } } }', {}, { token: second.token });
        expect(still.errors).toBeUndefined();
        // unshare --fork ignores SIGTERM itself; the test's cleanup kills it.
      },
    );
  },
);
