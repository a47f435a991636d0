import type { CommandError } from '../domain/command-error.js';
import type { CommandStatus, CommandType, ExecutionMode, Provider } from '../domain/enums.js';
import type { ValidTargetRegistration } from '../domain/registration.js';

/** A registered target: what registration validated, plus its id and place in the registry. */
export interface TargetRecord extends ValidTargetRegistration {
  id: string;
  seq: string;
  createdAt: Date;
}

export interface ExecutionRecord {
  id: string;
  seq: string;
  targetId: string;
  provider: Provider;
  commandType: CommandType;
  status: CommandStatus;
  executionMode: ExecutionMode | null;
  parameters: Record<string, unknown> | null;
  error: CommandError | null;
  confirmationCode: string | null;
  confirmationMessage: string | null;
  confirmationExpiresAt: Date | null;
  confirmationAttempts: number;
  providerExecutionId: string | null;
  providerStatus: string | null;
  requestedBy: string;
  requestedAt: Date;
  executedAt: Date | null;
  completedAt: Date | null;
  durationSeconds: number | null;
  version: number;
}

/** What the engine also needs to know about an execution (never shown to clients). */
export interface ExecutionBookkeeping {
  dispatchState: 'NONE' | 'SENDING' | 'SENT';
  leaseOwner: string | null;
  leaseUntil: Date | null;
  nextPollAt: Date | null;
  pollAttempts: number;
  deadlineAt: Date | null;
}

export type EngineExecutionRecord = ExecutionRecord & ExecutionBookkeeping;

export interface TransitionRecord {
  executionId: string;
  version: number;
  status: CommandStatus;
  providerStatus: string | null;
  reason: string | null;
  at: Date;
}

/** One page of a newest-first keyset listing. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}
