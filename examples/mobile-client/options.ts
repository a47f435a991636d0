import { parseArgs } from 'node:util';

export interface ClientOptions {
  /** HTTP endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** The same endpoint over WebSocket (graphql-transport-ws). */
  wsUrl: string;
  /** A JWT, sent as `Authorization: Bearer <token>` and in `connection_init`. */
  token: string;
}

export const USAGE = 'usage: npm run example -- --url http://127.0.0.1:4000/graphql --token <demo-user token>   (or URL=… TOKEN=… npm run example)';

/** Flags win over the URL and TOKEN environment variables. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): ClientOptions {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, token: { type: 'string' } },
    strict: true,
  });
  const url = values.url ?? env.URL ?? 'http://127.0.0.1:4000/graphql';
  const token = values.token ?? env.TOKEN;
  if (!token) throw new Error(`a token is required\n${USAGE}`);
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--url must be http(s), got ${url}`);
  const ws = new URL(parsed);
  ws.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: parsed.toString(), wsUrl: ws.toString(), token };
}
