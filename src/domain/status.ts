import { CommandStatus } from './enums.js';

/**
 * The status machine (docs/architecture.md). No other transition exists; the store
 * refuses anything this table does not allow.
 */
const ALLOWED: Readonly<Record<CommandStatus, readonly CommandStatus[]>> = {
  [CommandStatus.AWAITING_CONFIRMATION]: [CommandStatus.PENDING, CommandStatus.FAILURE],
  [CommandStatus.PENDING]: [CommandStatus.SUCCESS, CommandStatus.FAILURE],
  [CommandStatus.SUCCESS]: [],
  [CommandStatus.FAILURE]: [],
};

/** Statuses an execution may be created in. */
export const INITIAL_STATUSES: readonly CommandStatus[] = [
  CommandStatus.AWAITING_CONFIRMATION,
  CommandStatus.PENDING,
  CommandStatus.SUCCESS,
  CommandStatus.FAILURE,
];

export function canTransition(from: CommandStatus, to: CommandStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isFinal(status: CommandStatus): boolean {
  return ALLOWED[status].length === 0;
}
