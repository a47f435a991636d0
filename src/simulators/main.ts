import { MOBWAY_DEFAULT_VIN, SMARTCAR_DEFAULT_VEHICLE, SPKEY_DEFAULT_LOCK_ID, startSimulators } from './index.js';

/**
 * `npm run simulators`: the three provider simulators as a standalone process,
 * printing the environment that points the app at them. Ports come from
 * SIM_SMARTCAR_PORT, SIM_MOBWAY_PORT and SIM_SPKEY_PORT (default: free ports),
 * the interface from SIM_HOST (default 127.0.0.1).
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
  smartcar: { port: portFrom('SIM_SMARTCAR_PORT') },
  mobway: { port: portFrom('SIM_MOBWAY_PORT') },
  spkey: { port: portFrom('SIM_SPKEY_PORT') },
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

const { smartcar, mobway, spkey } = simulators.providersConfig();
console.log(
  [
    'Provider simulators are listening. Point the app at them with:',
    '',
    `SMARTCAR_BASE_URL=${smartcar.baseUrl}`,
    `SMARTCAR_ACCESS_TOKEN=${smartcar.accessToken}`,
    `MOBWAY_BASE_URL=${mobway.baseUrl}`,
    `MOBWAY_TOKEN=${mobway.token}`,
    `MOBWAY_SIGN_SECRET=${mobway.signSecret}`,
    `SPKEY_BASE_URL=${spkey.baseUrl}`,
    `SPKEY_TOKEN=${spkey.token}`,
    `SPKEY_API_KEY=${spkey.apiKey}`,
    '',
    `Known targets: Smartcar vehicle ${SMARTCAR_DEFAULT_VEHICLE.vehicleId} ` +
      `(sc-user-id ${SMARTCAR_DEFAULT_VEHICLE.userId}), ` +
      `Mobway VIN ${MOBWAY_DEFAULT_VIN}, spkey lock ${SPKEY_DEFAULT_LOCK_ID}.`,
    'Admin (each simulator): GET /__sim/counts, POST /__sim/configure {knobs, target?}, ' +
      'POST /__sim/fail-next {count?, fault?}, POST /__sim/reset-counts.',
  ].join('\n'),
);
