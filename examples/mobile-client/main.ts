/**
 * A mobile-style client of the Vehicle Access API, using the generated typed
 * documents (generated/graphql). Run it against `npm start`:
 *
 *   npm run example -- --url http://127.0.0.1:4000/graphql --token <demo-user token>
 *
 * It lists the caller's vehicles and locks, locks the Mobway vehicle and
 * follows the execution live over graphql-ws, runs an ignition request and
 * confirmation step by step, takes back an unlock that waits behind a lock,
 * and opens the lock. Exit code 0 when every
 * command ends SUCCESS, 1 otherwise.
 */
import { ApiClient, GraphQLRequestError } from './api.js';
import { changeIgnition, changeOfMind, listTargets, lockVehicle, openLock, type Print } from './flows.js';
import { readOptions } from './options.js';

async function main(print: Print): Promise<number> {
  const options = readOptions(process.argv.slice(2), process.env);
  const api = new ApiClient(options);
  try {
    print(`Vehicle Access at ${options.url} (live updates on ${options.wsUrl})`);
    const { vehicles, locks } = await listTargets(api, print);
    const mobway = vehicles.find((v) => v.provider === 'MOBWAY');
    const lock = locks.find((l) => l.supportedCommands.includes('OPEN_LOCK'));
    if (!mobway || !lock) {
      print('\nThis user needs a Mobway vehicle and a lock (the demo fleet of `npm start` has both): nothing to command.');
      return 1;
    }
    const outcomes = [
      await lockVehicle(api, mobway, print),
      await changeIgnition(api, mobway, true, print),
      await changeOfMind(api, mobway, print),
      await openLock(api, lock, print),
    ];
    print(`\nDone: ${outcomes.join(', ')}`);
    return outcomes.every((o) => o === 'SUCCESS') ? 0 : 1;
  } finally {
    await api.close();
  }
}

main((line) => console.log(line)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const unauthenticated = error instanceof GraphQLRequestError && error.codes.includes('UNAUTHENTICATED');
    console.error(unauthenticated ? `The token was refused (UNAUTHENTICATED): pass the demo-user token printed by npm start.` : String(error instanceof Error ? error.message : error));
    process.exitCode = 1;
  },
);
