import { Counter, Gauge, Histogram, Registry, Summary, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics, one registry per app (tests run several apps in one
 * process). Names follow Prometheus conventions: `_total` counters, `_seconds`
 * histograms.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly commandsStarted = new Counter({
    name: 'vehicle_access_commands_started_total',
    help: 'Command executions stored, by command type and provider.',
    labelNames: ['command_type', 'provider'] as const,
    registers: [this.registry],
  });

  readonly commandsFinished = new Counter({
    name: 'vehicle_access_commands_finished_total',
    help: 'Command executions that reached a final status, by command type, provider, status and error code.',
    labelNames: ['command_type', 'provider', 'status', 'error_code'] as const,
    registers: [this.registry],
  });

  readonly providerRequestSeconds = new Histogram({
    name: 'vehicle_access_provider_request_seconds',
    help: 'Provider request latency, by provider, operation (send or poll) and outcome kind.',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly polls = new Counter({
    name: 'vehicle_access_polls_total',
    help: 'Polls of pending executions, by provider and outcome kind.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Exact quantiles (this process's lifetime), so a benchmark reads the tail, not a bucket. */
  readonly pushWrittenSeconds = new Summary({
    name: 'vehicle_access_push_written_seconds',
    help: 'Delay from a committed transition to the last write of it to the connections that asked for it, per audience.',
    percentiles: [0.5, 0.9, 0.99, 1],
    registers: [this.registry],
  });

  readonly eventPushDelaySeconds = new Histogram({
    name: 'vehicle_access_event_push_delay_seconds',
    help: "Delay from a committed transition to its delivery to this replica's subscribers.",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'vehicle_access_rate_limited_total',
    help: 'Command mutations refused by the per-user rate limit.',
    registers: [this.registry],
  });

  readonly subscriptions = new Counter({
    name: 'vehicle_access_subscriptions_total',
    help: 'Subscriptions asked for, by transport, field and outcome (started, or the code that refused them).',
    labelNames: ['transport', 'field', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly subscriptionsEnded = new Counter({
    name: 'vehicle_access_subscriptions_ended_total',
    help: 'Subscriptions that ended, by transport, field and reason (completed, client, or the code they ended with).',
    labelNames: ['transport', 'field', 'reason'] as const,
    registers: [this.registry],
  });

  readonly openSubscriptions = new Gauge({
    name: 'vehicle_access_open_subscriptions',
    help: 'Subscriptions open on this replica, by transport.',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });

  constructor(activeSubscriptions: () => number) {
    new Gauge({
      name: 'vehicle_access_active_subscriptions',
      help: 'Subscriptions currently served by this replica.',
      registers: [this.registry],
      collect() {
        this.set(activeSubscriptions());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'vehicle_access_' });
  }
}
