import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VehiclesDocument } from '../../generated/graphql/graphql.js';
import { PROJECT_ROOT, startNode } from '../helpers/child-process.js';
import { createPostgresDatabase, describePostgres, type TestDatabase } from '../helpers/databases.js';
import { openFirstLock, readyDemoApp } from '../helpers/demo-app.js';
import { errorCodes } from '../helpers/graphql-client.js';
import { processScope } from '../helpers/process-scope.js';
import { run as runOperation } from '../helpers/typed-client.js';

const run = promisify(execFile);

/**
 * `npm run build` compiles src/ with tsconfig.build.json and copies the files
 * tsc does not emit. The build goes to a directory inside the project (so the
 * built app resolves its packages from node_modules as dist/ does), and the
 * built app runs under plain node — no TypeScript loader.
 */
describe('the production build', () => {
  const scope = processScope();
  let outDir: string;
  let dataDir: string;

  beforeAll(async () => {
    outDir = await scope.tempDir('.build-test-', PROJECT_ROOT);
    dataDir = await scope.tempDir('vas-build-data-');
    await run(
      process.execPath,
      [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: PROJECT_ROOT,
      },
    );
    await run(process.execPath, ['scripts/copy-runtime-files.mjs', 'src', outDir], { cwd: PROJECT_ROOT });
  }, 120_000);

  afterAll(() => scope.dispose());

  it('emits JavaScript and every runtime file the app reads', async () => {
    expect(await readdir(path.join(outDir, 'store/migrations'))).toEqual(
      expect.arrayContaining(['001_registry_and_executions.sql', '002_engine.sql', '003_live_streams.sql']),
    );
    expect(await readdir(path.join(outDir, 'server/explorer'))).toEqual(
      expect.arrayContaining(['page.js', 'page.css', 'routes.js']),
    );
    expect(await readdir(outDir)).toContain('main.js');
  });

  it('runs under plain node on the embedded store: ready, answers, runs a command', async () => {
    const app = scope.track(
      startNode([path.join(outDir, 'main.js')], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    );
    const demo = await readyDemoApp(app, 60_000);
    const ready = await fetch(demo.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    expect((await openFirstLock(demo)).status).toBe('SUCCESS');
    // The explorer's own files are served from the build.
    const page = await fetch(demo.url.replace('/graphql', '/explorer/page.js'));
    expect(page.status).toBe(200);
    app.kill('SIGTERM');
    expect(await app.exited(15_000)).toBe(0);
  }, 90_000);

  describePostgres('in production on PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createPostgresDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('starts with NODE_ENV=production and refuses an unauthenticated query', async () => {
      const url = database.location.kind === 'postgres' ? database.location.url : '';
      const app = scope.track(
        startNode([path.join(outDir, 'main.js')], {
          NODE_ENV: 'production',
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: url,
          AUTH_JWT_SECRET: 'p'.repeat(40),
          LOG_LEVEL: 'warn',
        }),
      );
      const [, endpoint] = await app.waitFor(/ready at (http:\/\/\S+\/graphql)/, 60_000);
      expect((await fetch(endpoint!.replace('/graphql', '/readyz'))).status).toBe(200);
      const anonymous = await runOperation(endpoint!, VehiclesDocument, {});
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      app.kill('SIGTERM');
      expect(await app.exited(15_000)).toBe(0);
    }, 90_000);
  });
});
