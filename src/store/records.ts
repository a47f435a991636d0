import type { CommandStatus } from '../domain/enums.js';
import type { ValidTargetRegistration } from '../domain/registration.js';

/** A registered target: what registration validated, plus its id and place in the registry. */
export interface TargetRecord extends ValidTargetRegistration {
  id: string;
  seq: string;
  createdAt: Date;
}

/** An execution, and the engine's bookkeeping of it: declared once, field by field, in `execution-fields.ts`. */
export type { ExecutionBookkeeping, ExecutionRecord } from './execution-fields.js';
import type { ExecutionBookkeeping, ExecutionRecord } from './execution-fields.js';

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
