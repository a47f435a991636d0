import { PROVIDERS } from '../providers/registry.js';
import { startSimulators } from './index.js';

/**
 * `npm run simulators`: every registered provider's simulator as a standalone
 * process, printing the environment that points the app at them. Each port
 * comes from its module's variable (e.g. SIM_<NAME>_PORT; default: a free
 * port), the interface from SIM_HOST (default 127.0.0.1).
 */

function portFrom(name: string): number {
  const text = process.env[name];
  if (text === undefined || text === '') return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${name} must be a port number (0-65535), got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return port;
}

const simulators = await startSimulators({
  host: process.env.SIM_HOST ?? '127.0.0.1',
  ports: Object.fromEntries(PROVIDERS.modules.map((module) => [module.name, portFrom(module.simulatorPortVariable)])),
});

// Handlers first, output last: whoever reads the output may signal us at once.
let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing the simulators`);
  await simulators.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

console.log(
  [
    'Provider simulators are listening. Point the app at them with:',
    '',
    ...Object.entries(simulators.env()).map(([variable, value]) => `${variable}=${value}`),
    '',
    `Known targets: ${PROVIDERS.modules.map((module) => module.simulatorTargets).join(', ')}.`,
    'Admin (each simulator): GET /__sim/counts, POST /__sim/configure {knobs, target?}, ' +
      'POST /__sim/fail-next {count?, fault?}, POST /__sim/reset-counts, ' +
      'POST /__sim/introduce {targets: [{externalId, providerUserId?}]}.',
  ].join('\n'),
);
