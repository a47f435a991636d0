import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { registerFleet, type Fleet } from '../lib/fleet.js';
import { gqlData } from '../lib/gql.js';
import type { Harness } from '../lib/harness.js';
import { note } from '../lib/note.js';
import { cpuMs } from '../lib/proc.js';
import type { AppProc } from '../lib/processes.js';
import { round } from '../lib/stats.js';

export interface FeedResumeRun {
  /** Changes made while the client was away. */
  missed: number;
  /** Changes the resumed subscription delivered up to the last missed one. */
  received: number;
  /** From sending the subscription to receiving the last missed change, over graphql-ws. */
  caughtUpMs: number;
  /** The same, the first time this app served a resume (its code not yet compiled). */
  firstCaughtUpMs?: number;
  /** The app's CPU meanwhile (ms). */
  appCpuMs: number | null;
}

const OPEN_LOCK = 'mutation($input: OpenLockInput!) { openLock(input: $input) { id status version } }';
const FEED =
  'subscription($targetId: ID, $after: String) { commandExecutionChanges(targetId: $targetId, after: $after) ' +
  '{ cursor execution { id status version } } }';
type Change = { cursor: string; execution: { id: string; status: string; version: number } };

/**
 * A client of `commandExecutionChanges` takes a cursor, goes away while
 * `missed` changes are made, then resumes with it: how long until it has
 * caught up with the last of them (the replay's read, its ordering and every
 * message written). On an app of its own.
 */
export async function measureFeedResume(harness: Harness, missed: number): Promise<FeedResumeRun> {
  note(`scenario 2: resuming the feed after ${missed} missed changes`);
  const app = await harness.startApp('app-feed-resume', 'memory://');
  try {
    const fleet = await registerFleet(app, harness);
    const away = await cursorBeforeChanges(app, fleet, clientFor(app, fleet));
    let made = 0;
    let last: Change['execution'] | undefined;
    while (made < missed) {
      const batch = await Promise.all(
        Array.from({ length: 16 }, () =>
          gqlData<{ openLock: Change['execution'] }>(
            app.url,
            OPEN_LOCK,
            { input: { lockId: fleet.lockId } },
            fleet.user,
          ),
        ),
      );
      for (const { openLock } of batch) {
        made += openLock.version;
        last = openLock;
      }
    }
    // A client reconnects first (its socket open and acknowledged), then resumes: the resume is what is timed.
    // Twice: the first in this process's life also compiles the path; the second is a server that has resumed before.
    const resume = async () => {
      const client = clientFor(app, fleet);
      await connected(client);
      const cpuBefore = cpuMs(app.pid);
      const caughtUp = await untilReceived(client, fleet, away, last!);
      return { ...caughtUp, appCpuMs: round(cpuMs(app.pid) - cpuBefore, 0) };
    };
    const cold = await resume();
    const { received, caughtUpMs, appCpuMs } = await resume();
    const run = { missed: made, received, caughtUpMs, firstCaughtUpMs: cold.caughtUpMs, appCpuMs };
    note(
      `  → caught up with ${made} changes (${received} received) in ${caughtUpMs} ms (the first time ${cold.caughtUpMs} ms)`,
    );
    return run;
  } finally {
    await app.proc.stop();
  }
}

/** A graphql-ws client as the bench user. */
function clientFor(app: AppProc, fleet: Fleet): Client {
  return createClient({
    url: app.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${fleet.user}` },
    retryAttempts: 0,
  });
}

/** The cursor of one change, then the subscription gone: what a client holds when it loses its connection. */
async function cursorBeforeChanges(app: AppProc, fleet: Fleet, client: Client): Promise<string> {
  try {
    const first = new Promise<string>((resolve, reject) => {
      const stop = client.subscribe<{ commandExecutionChanges: Change }>(
        { query: FEED, variables: { targetId: fleet.lockId } },
        {
          next: ({ data }) => {
            if (!data) return;
            stop();
            resolve(data.commandExecutionChanges.cursor);
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // Subscribed once the server answers a request over the same socket; then one change to hold the cursor of.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gqlData(app.url, OPEN_LOCK, { input: { lockId: fleet.lockId } }, fleet.user);
    return await first;
  } finally {
    await client.dispose();
  }
}

/** Resolves once `client`'s socket is open and acknowledged (a query over it answered). */
async function connected(client: Client): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: reject, complete: resolve });
  });
}

/** Resumes after `cursor` and counts the changes until `last`'s version arrives, and how long that took. */
async function untilReceived(
  client: Client,
  fleet: Fleet,
  cursor: string,
  last: Change['execution'],
): Promise<{ received: number; caughtUpMs: number }> {
  try {
    return await new Promise((resolve, reject) => {
      const started = performance.now();
      let received = 0;
      const stop = client.subscribe<{ commandExecutionChanges: Change }>(
        { query: FEED, variables: { targetId: fleet.lockId, after: cursor } },
        {
          next: ({ data, errors }) => {
            if (errors?.length) reject(new Error(JSON.stringify(errors)));
            if (!data) return;
            received += 1;
            const { execution } = data.commandExecutionChanges;
            if (execution.id === last.id && execution.version === last.version) {
              stop();
              resolve({ received, caughtUpMs: round(performance.now() - started, 1)! });
            }
          },
          error: reject,
          complete: () => reject(new Error('the feed completed')),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}
