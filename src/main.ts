import 'reflect-metadata';
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

/** Reads config, starts the app, prints where it listens, stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let app: App;
  try {
    app = await startApp(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      // A setting the database disagrees with (the immobilization policy): a configuration error too.
      console.error(`configuration error: ${error.message}`);
      process.exit(2);
    }
    console.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      app.logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    app.logger.info({ signal }, 'shutting down: draining requests and sockets');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // A last line of defence: a stray rejection is logged loudly, but must not
  // take down a process that is holding other users' commands in flight.
  process.on('unhandledRejection', (reason) => {
    app.logger.error({ err: reason }, 'unhandled promise rejection');
  });

  // Printed last: a supervisor that reads "ready" may signal us at once.
  printBanner(app, config);
}

function printBanner(app: App, config: Config): void {
  const store = {
    postgres: 'PostgreSQL',
    memory: 'in-memory PGlite',
    pglite: `PGlite in ${config.dataDir}`,
  }[config.store.kind];
  const lines = [
    '',
    `Vehicle Access subgraph ready at ${app.url} (WebSocket ${app.wsUrl}), store: ${store}`,
    `Health: http://localhost:${app.port}/healthz  Readiness: http://localhost:${app.port}/readyz`,
  ];
  if (app.devTokens) {
    lines.push(
      '',
      'Development tokens (valid 30 days):',
      `  demo-user  (sees the demo fleet): ${app.devTokens.user}`,
      `  demo-admin (role admin):          ${app.devTokens.admin}`,
      '',
      'Try:',
      `  curl -s ${app.url} -H 'content-type: application/json' \\`,
      `    -H 'authorization: Bearer ${app.devTokens.user}' \\`,
      `    -d '{"query":"{ vehicles { edges { node { id name provider supportedCommands } } } ` +
        `locks { edges { node { id name } } } }"}'`,
      '',
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
