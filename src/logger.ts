import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { PROVIDERS, type ProviderRegistry } from './providers/registry.js';

/**
 * Structured JSON logs. Anything that could hold a credential is redacted by
 * path, as a second line of defence: code must not log secrets to begin with.
 * Every credential a provider module names is among them.
 */
export function createLogger(
  level: LogLevel,
  destination?: pino.DestinationStream,
  providers: ProviderRegistry = PROVIDERS,
): Logger {
  // A credential's field name anywhere in the first three levels of a log line (pino's paths name levels).
  const sensitive = new Set([
    'token',
    'secret',
    'authorization',
    ...providers.modules.flatMap((module) => Object.keys(module.environment.credentials)),
  ]);
  const anyLevel = [...sensitive].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return pino(
    {
      level,
      base: { service: 'vehicle-access-subgraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["x-signature"]',
          'headers.authorization',
          'connectionParams',
          ...anyLevel,
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
