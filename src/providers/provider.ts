import type { CommandError } from '../domain/command-error.js';
import type { CommandType, ExecutionMode, Provider } from '../domain/enums.js';

/** The provider references of one registered target (a row of the registry). */
export interface ProviderTarget {
  /** The provider's own id of the target (a vehicle id, a VIN, a lock id: its module says which). */
  externalId: string;
  /** The provider's user who granted access, for providers that need one; null elsewhere. */
  providerUserId: string | null;
}

export interface CommandParameters {
  /** SET_CHARGE_LIMIT */
  percent?: number;
  /** SET_NAVIGATION_DESTINATION */
  latitude?: number;
  longitude?: number;
  /** OPEN_LOCK */
  reason?: string | null;
}

export interface SendCommand {
  /** Our execution id: a provider may carry it as its request id; the correlation id in logs. */
  executionId: string;
  commandType: CommandType;
  target: ProviderTarget;
  parameters: CommandParameters;
  /** Second step of a two-step (ignition) command. */
  confirmationCode?: string;
  /** Aborts the request (process shutdown). */
  signal?: AbortSignal;
}

/** Provider timestamps, already converted to UTC. */
export interface ProviderTimes {
  executedAt?: Date | null;
  completedAt?: Date | null;
  durationSeconds?: number | null;
}

/**
 * What a provider said about a command, in our terms. Every answer — including
 * a malformed one, a timeout or a refusal — is one of these; a client never
 * throws for a provider fault.
 */
export type ProviderOutcome =
  | ({
      kind: 'final';
      status: 'SUCCESS' | 'FAILURE';
      providerExecutionId: string | null;
      providerStatus: string;
      executionMode: ExecutionMode | null;
      error: CommandError | null;
    } & ProviderTimes)
  | {
      kind: 'pending';
      providerExecutionId: string;
      providerStatus: string;
      executionMode: ExecutionMode | null;
      /** When a 429 or similar asked us to wait before the next poll. */
      retryAfterSeconds?: number | null;
    }
  | {
      kind: 'confirmation';
      providerExecutionId: string | null;
      providerStatus: string;
      code: string;
      message: string;
    }
  /**
   * The request could not be judged: the connection failed or the answer was
   * unreadable. For a command this means the outcome is unknown; for a poll it
   * means "try again later".
   */
  | {
      kind: 'unknown';
      error: CommandError;
    };

export interface ProviderClient {
  readonly provider: Provider;
  readonly supportedCommands: readonly CommandType[];
  /** Sends one command. Never retried: an unlock must not run twice. */
  send(command: SendCommand): Promise<ProviderOutcome>;
  /** Reads the current status of an accepted execution. Safe to repeat. */
  poll(providerExecutionId: string, target: ProviderTarget, signal?: AbortSignal): Promise<ProviderOutcome>;
  close(): Promise<void>;
}
