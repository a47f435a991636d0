import { CommandStatus, CommandType } from './enums.js';

/**
 * The status machine (docs/architecture.md). No other transition exists; the store
 * refuses anything this table does not allow.
 *
 * A target's slot is held by the one execution that has been sent and is not
 * final: PENDING. Everything accepted while the slot is held waits QUEUED and
 * is sent in turn; what never leaves the queue ends CANCELED, unsent.
 */
const ALLOWED: Readonly<Record<CommandStatus, readonly CommandStatus[]>> = {
  // Approved: on to the provider's own flow (the confirmation step); rejected or unanswered: CANCELED.
  [CommandStatus.AWAITING_APPROVAL]: [CommandStatus.AWAITING_CONFIRMATION, CommandStatus.CANCELED],
  [CommandStatus.AWAITING_CONFIRMATION]: [
    CommandStatus.PENDING,
    CommandStatus.QUEUED,
    CommandStatus.FAILURE,
    CommandStatus.CANCELED,
  ],
  [CommandStatus.QUEUED]: [CommandStatus.PENDING, CommandStatus.CANCELED],
  [CommandStatus.PENDING]: [CommandStatus.SUCCESS, CommandStatus.FAILURE],
  [CommandStatus.SUCCESS]: [],
  [CommandStatus.FAILURE]: [],
  [CommandStatus.CANCELED]: [],
};

/** Statuses an execution may be created in. */
export const INITIAL_STATUSES: readonly CommandStatus[] = [
  CommandStatus.AWAITING_APPROVAL,
  CommandStatus.AWAITING_CONFIRMATION,
  CommandStatus.QUEUED,
  CommandStatus.PENDING,
  CommandStatus.SUCCESS,
  CommandStatus.FAILURE,
];

/** Statuses nothing has been sent from yet: a user may still take the command back. */
const CANCELABLE: ReadonlySet<CommandStatus> = new Set([
  CommandStatus.AWAITING_APPROVAL,
  CommandStatus.AWAITING_CONFIRMATION,
  CommandStatus.QUEUED,
]);

export function canTransition(from: CommandStatus, to: CommandStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isFinal(status: CommandStatus): boolean {
  return ALLOWED[status].length === 0;
}

/** Whether `cancelCommandExecution` may end it: it has not been sent (providers cannot unsend). */
export function isCancelable(status: CommandStatus): boolean {
  return CANCELABLE.has(status);
}

/**
 * The pairs whose halves undo each other: a requester's QUEUED half is
 * superseded by a newer command of the other half (never across requesters,
 * never ignition, whose second person and code make each request deliberate).
 */
const OPPOSITES: Partial<Readonly<Record<CommandType, CommandType>>> = {
  [CommandType.LOCK]: CommandType.UNLOCK,
  [CommandType.UNLOCK]: CommandType.LOCK,
  [CommandType.START_CHARGE]: CommandType.STOP_CHARGE,
  [CommandType.STOP_CHARGE]: CommandType.START_CHARGE,
};

/** The command a newer `commandType` supersedes while it waits QUEUED, if any. */
export function supersededBy(commandType: CommandType): CommandType | undefined {
  return OPPOSITES[commandType];
}
