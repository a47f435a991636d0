import { isSkipped } from '../lib/postgres.js';
import type { Aim, BenchResults } from '../results.js';
import type { CommandThroughputResult } from '../scenarios/command-throughput.js';
import { subscribeCpuMsPerSubscriber } from '../scenarios/subscription-fan-out.js';
import { fmt } from './format.js';
import { commandThroughputBlocks } from './tables.js';

/** Records an aim unless its figure is missing. */
type AddAim = (aim: string, value: number | null | undefined, unit: string, met: (v: number) => boolean) => void;

/** The aims docs/performance.md sets, judged on the figures of the scenarios that ran. */
export function judgeAims(results: BenchResults, quick: boolean): Aim[] {
  const list: Aim[] = [];
  const add: AddAim = (aim, value, unit, met) => {
    if (value === null || value === undefined || Number.isNaN(value)) return;
    list.push({ aim, measured: `${fmt(value)} ${unit}`, met: met(value) });
  };
  for (const block of commandThroughputBlocks(results)) commandAims(block, add);
  for (const row of results.idleMemory?.rows ?? []) {
    const limit = row.store === 'postgres' ? 120 : 300;
    if (row.store === 'embedded, memory://') continue; // a test fixture, not a way to run the app
    add(`idle RSS ≤ ${limit} MB (${row.store})`, (row.idleMiB * 2 ** 20) / 1e6, 'MB', (v) => v <= limit);
  }
  fanOutAims(results, add);
  list.push(...pollingAims(results));
  // Quick mode never judges times.
  return quick ? list.map((a) => ({ ...a, met: null })) : list;
}

/** Scenario 2's aims, at its largest size: graphql-ws's own, and SSE's against graphql-ws's. */
function fanOutAims(results: BenchResults, add: AddAim): void {
  const fanOut = results.subscriptionFanOut;
  // The last graphql-ws run is the largest; runs without `transport` predate SSE and are graphql-ws.
  const big = fanOut?.runs.findLast((r) => (r.transport ?? 'graphql-ws') === 'graphql-ws');
  if (big) {
    const each = `(${big.subscribers} subscribers)`;
    add(`subscribe ≤ 0.5 ms CPU each ${each}`, subscribeCpuMsPerSubscriber(big), 'ms', (v) => v <= 0.5);
    add(`≤ 16 KiB each above idle ${each}`, big.rss.perSubscriberKiB, 'KiB', (v) => v <= 16);
    add(`p99 push ≤ 100 ms ${each}`, big.push.delayMs.p99, 'ms', (v) => v <= 100);
    add(`commit → last write p99 ≤ 120 ms ${each}`, big.push.serverWriteMs?.p99, 'ms', (v) => v <= 120);
    add(`push CPU ≤ 10 µs per message ${each}`, big.push.appCpuUsPerMessage, 'µs', (v) => v <= 10);
  }
  const resume = fanOut?.resume;
  if (resume) add(`resume after ${resume.missed} missed feed changes ≤ 50 ms`, resume.caughtUpMs, 'ms', (v) => v <= 50);
  const compared = fanOut?.sseVsGraphqlWs?.at(-1);
  if (compared) {
    const each = `(${compared.subscribers} subscribers)`;
    const { subscribeCpuMsPerSubscriber: cpu, rssPerSubscriberKiB: rss } = compared;
    add(`SSE subscribe CPU each ≤ 1.5× graphql-ws's ${each}`, cpu.ratio, '×', (v) => v <= 1.5);
    add(`SSE KiB each above idle ≤ 1.5× graphql-ws's ${each}`, rss.ratio, '×', (v) => v <= 1.5);
  }
}

function commandAims(block: CommandThroughputResult, add: AddAim): void {
  const pg = block.store === 'postgres';
  const { concurrency1, concurrency32 } = block;
  if (pg) {
    const aim = 'app CPU per openLock ≤ 1.0 ms (PostgreSQL, concurrency 32)';
    add(aim, concurrency32.subgraph.appCpuMsPerCommand, 'ms', (v) => v <= 1.0);
  } else {
    const aim = 'main-thread CPU per openLock ≤ 1.5 ms (embedded, concurrency 32)';
    add(aim, concurrency32.subgraph.mainThreadCpuMsPerCommand, 'ms', (v) => v <= 1.5);
  }
  const ofHello = pg ? 0.25 : 0.15;
  const ratioAim = `commands/s ÷ Apollo { hello }/s ≥ ${ofHello.toFixed(2)} (${block.store}, concurrency 32)`;
  add(ratioAim, concurrency32.ratio.ofHello, '', (v) => v >= ofHello);
  const overheadAim = `overhead over a direct provider call ≤ 1.5 ms p50 (${block.store}, concurrency 1)`;
  add(overheadAim, concurrency1.overheadP50Ms, 'ms', (v) => v <= 1.5);
}

/** One poll per pending execution per interval, whatever the subscribers or the replicas. */
function pollingAims(results: BenchResults): Aim[] {
  const list: Aim[] = [];
  const p = results.pollingEfficiency;
  if (p) {
    const { oneWatcher, manyWatchers, pollCountUnchanged } = p.sameExecution;
    list.push({
      aim: 'one poll per pending execution per interval (1 replica)',
      measured: `${fmt(p.pollsPerInterval)} polls/interval`,
      met: (p.pollsPerInterval ?? 0) <= 1,
    });
    list.push({
      aim: `poll count unchanged by subscribers (1 vs ${manyWatchers.watchers})`,
      measured: `${oneWatcher.polls} vs ${manyWatchers.polls}`,
      met: pollCountUnchanged,
    });
  }
  const replicas = results.replicas;
  if (replicas && !isSkipped(replicas)) {
    list.push({
      aim: 'one poll per pending execution per interval (2 replicas)',
      measured: `${fmt(replicas.pollsPerInterval)} polls/interval`,
      met: (replicas.pollsPerInterval ?? 0) <= 1,
    });
  }
  return list;
}
