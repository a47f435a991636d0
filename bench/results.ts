import type { Skipped } from './lib/postgres.js';
import type { CommandThroughputResult } from './scenarios/command-throughput.js';
import type { IdleMemoryResult } from './scenarios/idle-memory.js';
import type { PollingEfficiencyResult } from './scenarios/polling-efficiency.js';
import type { ReplicasResult } from './scenarios/replicas.js';
import type { SubscriptionFanOutResult } from './scenarios/subscription-fan-out.js';
import type { BenchSizes, EngineSettings } from './settings.js';

export interface Machine {
  cpus: number;
  cpuModel: string | undefined;
  memoryGiB: number | null;
  node: string;
  ulimitNoFile: string;
}

/** One aim, judged on this run's figures; `met` is null in quick mode, which never judges times. */
export interface Aim {
  aim: string;
  measured: string;
  met: boolean | null;
}

/** One field per scenario, absent when `--only` left it out. */
export interface ScenarioResults {
  /** Scenario 1, on each store it ran on (PostgreSQL only together with scenario 4). */
  commandThroughput?: { embeddedStore?: CommandThroughputResult; postgresStore?: CommandThroughputResult };
  /** Scenario 2. */
  subscriptionFanOut?: SubscriptionFanOutResult;
  /** Scenario 3. */
  pollingEfficiency?: PollingEfficiencyResult;
  /** Scenario 4, or why it did not run (no PostgreSQL server; scenario 1 on PostgreSQL is then missing too). */
  replicas?: ReplicasResult | Skipped;
  /** Scenario 5. */
  idleMemory?: IdleMemoryResult;
}

/** What one run writes to bench/results/latest.json and its dated copy. */
export interface BenchResults extends ScenarioResults {
  startedAt: string;
  mode: 'quick' | 'full';
  machine: Machine;
  engine: EngineSettings;
  logLevel: string;
  sizes: BenchSizes;
  aims: Aim[];
  finishedAt: string;
  durationSeconds: number | null;
}
