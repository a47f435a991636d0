import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';

const require = createRequire(import.meta.url);

/**
 * Everything the page loads, from this server: no CDN, font or script from
 * elsewhere, so the explorer works offline and behind a proxy. Files come
 * from the installed packages (UMD builds) and from this folder.
 */
/** A file of an installed package, whatever its `exports` allow to import. */
function packageFile(name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

/** A Map, not an object literal: `/explorer/constructor` must find nothing, not Object's own constructor. */
const ASSETS: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['react.js', { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' }],
  ['react-dom.js', { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' }],
  ['graphiql.js', { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' }],
  ['graphiql.css', { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' }],
  ['graphql-ws.js', { file: packageFile('graphql-ws', 'umd/graphql-ws.min.js'), type: 'text/javascript' }],
  ['page.js', { file: fileURLToPath(new URL('./page.js', import.meta.url)), type: 'text/javascript' }],
  ['page.css', { file: fileURLToPath(new URL('./page.css', import.meta.url)), type: 'text/css' }],
]);

/**
 * The page's policy, the same for every request: built from constants, never
 * from the Host header (which a client chooses). 'self' covers the page's own
 * origin over HTTP and, in CSP Level 3, its ws:/wss: counterpart.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL and its editor set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A Host header that names this machine's loopback literally, with an optional port, and nothing else. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

export const EXPLORER_ASSETS_PATH = '/explorer';

const DEFAULT_QUERY = `# The demo user's vehicles and locks. Then try a command and watch it:
#   mutation { openLock(input: { lockId: "lck_…" }) { id status } }
#   subscription { commandExecutionUpdated(id: "cex_…") { status version } }
# To see an error or a slow provider, the sandbox (development only, with the admin token
# printed at start) makes a target's simulator misbehave for its next command:
#   mutation { simulateProvider(input: { targetId: "veh_…", behavior: ASLEEP }) }
#   (behaviors: SimulatedBehavior in the docs; each provider plays its own)
{
  vehicles { edges { node { id name provider supportedCommands } } }
  locks { edges { node { id name } } }
}
`;

export interface ExplorerOptions {
  /** The GraphQL endpoint the page talks to (HTTP and WebSocket). */
  endpoint: string;
  /** Prefilled in the headers editor (the demo user's token, when one was printed). */
  authorization?: string;
}

/**
 * GraphiQL served by the subgraph itself, for development: `GET /graphql`
 * from a browser (it asks for text/html) gets the page; other GETs go on to
 * Apollo Server as before. A Content-Security-Policy allows this origin
 * only, so nothing on the page can reach elsewhere.
 */
export function explorerRoutes(options: ExplorerOptions): Router {
  const router = Router();
  router.get(options.endpoint, (req, res, next) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'no-store');
    // The demo token goes only to a page asked for as 127.0.0.1, localhost or
    // [::1]: a page reached through any other name (or a mapped address such
    // as [::ffff:7f00:1], or `localhost:80@evil`) could be a DNS-rebinding
    // attack reading it from the attacker's origin.
    const authorization = LOOPBACK_HOST.test(req.headers.host ?? '') ? options.authorization : undefined;
    res.type('html').send(page({ ...options, authorization }));
  });
  router.get(`${EXPLORER_ASSETS_PATH}/:asset`, (req: Request<{ asset: string }>, res: Response, next) => {
    const asset = ASSETS.get(req.params.asset);
    if (!asset) {
      next();
      return;
    }
    // The files are a fixed list; `dotfiles: 'allow'` only keeps an app installed
    // under a dotted directory (~/.local/…) from answering 404 for them.
    res.sendFile(asset.file, {
      dotfiles: 'allow',
      headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' },
    });
  });
  return router;
}

/** A browser navigating asks for HTML first; API clients (and `?query=` GETs) do not. */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function page(options: ExplorerOptions): string {
  const config = {
    endpoint: options.endpoint,
    defaultQuery: DEFAULT_QUERY,
    headers: options.authorization ? JSON.stringify({ Authorization: options.authorization }, null, 2) : '',
  };
  // JSON inside a script element: `<` escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const scripts = ['react.js', 'react-dom.js', 'graphql-ws.js', 'graphiql.js', 'page.js']
    .map((asset) => `<script src="${EXPLORER_ASSETS_PATH}/${asset}"></script>`)
    .join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Vehicle Access — GraphQL explorer</title>
    <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/graphiql.css" />
    <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading the explorer…</div>
    <script id="explorer-config" type="application/json">${json}</script>
    ${scripts}
  </body>
</html>
`;
}
