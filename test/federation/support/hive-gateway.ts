import { createServer } from 'node:net';
import { PROJECT_ROOT, startNode, type RunningProcess } from '../../helpers/child-process.js';

export type SubscriptionTransport = 'sse' | 'ws' | 'http-callback';

export interface RunningHiveGateway {
  url: string;
  wsUrl: string;
  process: RunningProcess;
  /** SIGTERM, then SIGKILL if it does not exit; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the gateway CLI logs its configured port, not the bound one, so 0 would hide it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `npm run gateway` as a child process: the checked-in `gateway/gateway.config.ts`
 * served by the Hive Gateway CLI, composing this subgraph with `extraSubgraphs`
 * (`GATEWAY_SUBGRAPHS` syntax), ready once it listens.
 */
export async function startHiveGateway(options: {
  subgraphUrl: string;
  extraSubgraphs?: string;
  subscriptions: SubscriptionTransport;
}): Promise<RunningHiveGateway> {
  const port = await freePort();
  const child = startNode([`${PROJECT_ROOT}node_modules/.bin/hive-gateway`, 'supergraph', '--config-path', 'gateway/gateway.config.ts'], {
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    SUBGRAPH_URL: options.subgraphUrl,
    GATEWAY_SUBGRAPHS: options.extraSubgraphs ?? '',
    GATEWAY_SUBSCRIPTIONS: options.subscriptions,
    NO_COLOR: '1',
  });
  const stop = async () => {
    child.kill('SIGTERM');
    try {
      await child.exited(10_000);
    } catch {
      child.kill('SIGKILL');
      await child.exited(10_000);
    }
  };
  try {
    await child.waitFor(/Listening on http/, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, process: child, stop };
}
