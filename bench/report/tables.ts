import { isSkipped } from '../lib/postgres.js';
import type { BenchResults } from '../results.js';
import type { CommandThroughputResult } from '../scenarios/command-throughput.js';
import type { IdleMemoryResult } from '../scenarios/idle-memory.js';
import type { PollingEfficiencyResult } from '../scenarios/polling-efficiency.js';
import type { ReplicasResult } from '../scenarios/replicas.js';
import {
  subscribeCpuMsPerSubscriber,
  type SubscriptionFanOutResult,
  type TransportRatio,
} from '../scenarios/subscription-fan-out.js';
import { fmt, table } from './format.js';

/** The printed report: a table per scenario that ran, then the aims. */
export function renderTables(results: BenchResults): string {
  const sections: string[][] = [];
  const commandBlocks = commandThroughputBlocks(results);
  if (commandBlocks.length > 0) sections.push(commandThroughputTable(commandBlocks));
  if (results.subscriptionFanOut) sections.push(fanOutTable(results.subscriptionFanOut));
  if (results.pollingEfficiency) sections.push(pollingTable(results.pollingEfficiency));
  if (results.replicas) sections.push(replicasTable(results.replicas));
  if (results.idleMemory) sections.push(idleMemoryTable(results.idleMemory));
  return [...sections.flatMap((lines) => [...lines, '']), 'Aims', aimsTable(results)].join('\n');
}

/** Scenario 1's results in run order: the embedded store, then PostgreSQL. */
export function commandThroughputBlocks(results: BenchResults): CommandThroughputResult[] {
  const { embeddedStore, postgresStore } = results.commandThroughput ?? {};
  return [embeddedStore, postgresStore].filter((block) => block !== undefined);
}

function commandThroughputTable(blocks: CommandThroughputResult[]): string[] {
  const rows = [
    [
      'store',
      'conc.',
      'direct p50',
      'direct p99',
      'direct /s',
      'subgraph p50',
      'subgraph p99',
      'subgraph /s',
      'hello /s',
      '÷ hello',
      'overhead p50',
      'app CPU ms/cmd',
      'main thread ms/cmd',
    ],
  ];
  for (const block of blocks) {
    for (const r of [block.concurrency1, block.concurrency32]) {
      rows.push([
        block.store,
        fmt(r.concurrency),
        fmt(r.direct.latencyMs.p50),
        fmt(r.direct.latencyMs.p99),
        fmt(r.direct.throughputPerSec),
        fmt(r.subgraph.latencyMs.p50),
        fmt(r.subgraph.latencyMs.p99),
        fmt(r.subgraph.throughputPerSec),
        fmt(r.hello?.throughputPerSec),
        fmt(r.ratio.ofHello),
        fmt(r.overheadP50Ms),
        fmt(r.subgraph.appCpuMsPerCommand),
        fmt(r.subgraph.mainThreadCpuMsPerCommand),
      ]);
    }
  }
  return ['Scenario 1 — openLock, subgraph vs SmartphoneKey simulator direct (latency ms)', table(rows)];
}

function fanOutTable(fanOut: SubscriptionFanOutResult): string[] {
  const rows = [
    [
      'subscribers',
      'transport',
      'subscribe s',
      'subscribe CPU ms/sub',
      'RSS before MiB',
      'RSS after MiB',
      'KiB/sub',
      'push p50 ms',
      'push p99 ms',
      'push max ms',
      'last write p99 ms',
      'messages',
      'CPU ms (push)',
      'CPU µs/msg',
      'failed',
    ],
  ];
  for (const r of fanOut.runs) {
    rows.push([
      fmt(r.subscribers),
      r.transport ?? 'graphql-ws',
      fmt(r.subscribe.elapsedMs / 1000),
      fmt(subscribeCpuMsPerSubscriber(r)),
      fmt(r.rss.beforeMiB),
      fmt(r.rss.afterMiB),
      fmt(r.rss.perSubscriberKiB),
      fmt(r.push.delayMs.p50),
      fmt(r.push.delayMs.p99),
      fmt(r.push.delayMs.max),
      fmt(r.push.serverWriteMs?.p99 ?? null),
      fmt(r.push.messages),
      fmt(r.push.appCpuMs),
      fmt(r.push.appCpuUsPerMessage),
      fmt(r.subscribe.failed + r.push.failures),
    ]);
  }
  return [
    "Scenario 2 — subscription fan-out, one app process (push: committed transition → receipt; last write: → the app's last write of it)",
    table(rows),
    ...(fanOut.sseVsGraphqlWs?.length ? ['', 'Scenario 2 — SSE beside graphql-ws', transportTable(fanOut)] : []),
    ...(fanOut.resume
      ? [
          '',
          'Scenario 2 — a feed client resuming (commandExecutionChanges, after: its last cursor, over graphql-ws)',
          table([
            ['missed changes', 'received', 'caught up ms', 'the first time ms', 'app CPU ms'],
            [
              fmt(fanOut.resume.missed),
              fmt(fanOut.resume.received),
              fmt(fanOut.resume.caughtUpMs),
              fmt(fanOut.resume.firstCaughtUpMs ?? null),
              fmt(fanOut.resume.appCpuMs),
            ],
          ]),
        ]
      : []),
  ];
}

/** Per size: graphql-ws, SSE, and SSE ÷ graphql-ws for the per-subscriber costs; both push figures. */
function transportTable(fanOut: SubscriptionFanOutResult): string {
  const both = (figure: TransportRatio) => `${fmt(figure.graphqlWs)} / ${fmt(figure.sse)}`;
  const rows = [
    [
      'subscribers',
      'subscribe CPU ms/sub ws / SSE',
      '÷',
      'KiB/sub ws / SSE',
      '÷',
      'push p50 ms ws / SSE',
      'push p99 ms ws / SSE',
      'CPU µs/msg ws / SSE',
    ],
  ];
  for (const c of fanOut.sseVsGraphqlWs) {
    rows.push([
      fmt(c.subscribers),
      both(c.subscribeCpuMsPerSubscriber),
      fmt(c.subscribeCpuMsPerSubscriber.ratio),
      both(c.rssPerSubscriberKiB),
      fmt(c.rssPerSubscriberKiB.ratio),
      both(c.pushP50Ms),
      both(c.pushP99Ms),
      both(c.pushCpuUsPerMessage),
    ]);
  }
  return table(rows);
}

function pollingTable(p: PollingEfficiencyResult): string[] {
  const { oneWatcher, manyWatchers } = p.sameExecution;
  const header = [
    'executions',
    ...POLL_HEADER,
    'completion→push p50',
    'p99',
    'commit→push p50',
    'p99',
    '1 watcher polls',
    `${manyWatchers.watchers} watchers polls`,
  ];
  const row = [
    fmt(p.executions),
    ...pollCells(p),
    fmt(p.completionToPushMs.p50),
    fmt(p.completionToPushMs.p99),
    fmt(p.commitToPushMs.p50),
    fmt(p.commitToPushMs.p99),
    fmt(oneWatcher.polls),
    fmt(manyWatchers.polls),
  ];
  return ['Scenario 3 — polling efficiency (embedded store)', table([header, row])];
}

function replicasTable(replicas: ReplicasResult | { skipped: string }): string[] {
  if (isSkipped(replicas)) return [`Scenario 4 skipped: ${replicas.skipped}`];
  const header = ['executions', ...POLL_HEADER, 'cross-replica push p50', 'p99', 'max'];
  const { p50, p99, max } = replicas.crossReplicaPushMs;
  const row = [fmt(replicas.executions), ...pollCells(replicas), fmt(p50), fmt(p99), fmt(max)];
  return ['Scenario 4 — two replicas on PostgreSQL', table([header, row])];
}

/** Provider polls against the schedule's, in scenarios 3 and 4 alike. */
const POLL_HEADER = ['GETs', 'GETs/exec', 'expected/exec', 'polls/interval'];

function pollCells(p: PollingEfficiencyResult | ReplicasResult): string[] {
  return [fmt(p.providerGets), fmt(p.getsPerExecution), fmt(p.expectedGetsPerExecution), fmt(p.pollsPerInterval)];
}

function idleMemoryTable(m: IdleMemoryResult): string[] {
  const rows = [['store', 'start s', 'RSS at ready MiB', `RSS idle (+${m.settleMs / 1000} s) MiB`]];
  for (const r of m.rows) rows.push([r.store, fmt(r.startMs / 1000), fmt(r.atReadyMiB), fmt(r.idleMiB)]);
  const skipped = m.postgresSkipped ? [`(PostgreSQL skipped: ${m.postgresSkipped})`] : [];
  return ['Scenario 5 — idle memory of the built app, by store', table(rows), ...skipped];
}

function aimsTable(results: BenchResults): string {
  const met = (value: boolean | null) => (value === null ? '–' : value ? 'yes' : 'NO');
  return table([['aim', 'measured', 'met'], ...results.aims.map((a) => [a.aim, a.measured, met(a.met)])]);
}
