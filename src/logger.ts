import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Structured JSON logs. Anything that could hold a credential is redacted by
 * path, as a second line of defence: code must not log secrets to begin with.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
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
          '*.authorization',
          '*.token',
          '*.accessToken',
          '*.signSecret',
          '*.apiKey',
          '*.secret',
          'connectionParams',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
