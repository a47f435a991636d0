import { LocksDocument } from '../../generated/graphql/graphql.js';
import type { RunningProcess } from './child-process.js';
import { openLock } from './commands.js';
import { data } from './typed-client.js';

/** A started app in development mode, as its start-up lines describe it. */
export interface DemoApp {
  url: string;
  wsUrl: string;
  /** The printed token of demo-user, who sees the demo fleet. */
  userToken: string;
  /** The printed token of demo-admin. */
  adminToken: string;
}

/** Waits for the app's "ready at" line and the demo tokens it prints with no secret configured. */
export async function readyDemoApp(main: RunningProcess, timeoutMs = 30_000): Promise<DemoApp> {
  const [, url] = await main.waitFor(/ready at (http:\/\/\S+\/graphql)/, timeoutMs);
  const [, userToken] = await main.waitFor(/demo-user .*:\s+(\S+)/);
  const [, adminToken] = await main.waitFor(/demo-admin .*:\s+(\S+)/);
  return { url: url!, wsUrl: url!.replace(/^http/, 'ws'), userToken: userToken!, adminToken: adminToken! };
}

/** Opens the demo fleet's first lock as demo-user; answers the execution. */
export async function openFirstLock(app: DemoApp) {
  const { locks } = await data(app.url, LocksDocument, {}, app.userToken);
  return openLock(app.url, locks.edges[0]!.node.id, app.userToken);
}
