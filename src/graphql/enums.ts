import { registerEnumType } from 'type-graphql';
import { AccessRole, AuditAction, CommandStatus, CommandType, ExecutionMode } from '../domain/enums.js';

/**
 * The `Provider` enum's values are the provider registry's names: `buildSubgraph`
 * writes them in (the registry is the app's, not a global). Declared here with
 * no value of its own, so that the types may name it.
 */
export const Provider = { REGISTRY_PROVIDERS: 'REGISTRY_PROVIDERS' } as const;
export type Provider = string;
registerEnumType(Provider, { name: 'Provider', description: 'The provider that executes commands for a target.' });

/** Likewise, the behaviors the registered providers' simulators play (`buildSubgraph` writes them in). */
export const SimulatedBehavior = { REGISTRY_BEHAVIORS: 'REGISTRY_BEHAVIORS' } as const;
registerEnumType(SimulatedBehavior, {
  name: 'SimulatedBehavior',
  description: "Sandbox only: how a target's built-in provider simulator answers (see simulateProvider).",
});
registerEnumType(CommandType, { name: 'CommandType', description: 'What a command asks a target to do.' });
registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description:
    'QUEUED → PENDING → SUCCESS | FAILURE. A command accepted while another to the same target is in flight ' +
    'waits QUEUED and is sent in turn; one never sent ends CANCELED (error: QUEUE_TIMEOUT, SUPERSEDED, ' +
    'ACCESS_ENDED, CANCELED_BY_USER, REJECTED, APPROVAL_EXPIRED). An ignition request starts ' +
    'AWAITING_CONFIRMATION → PENDING or QUEUED, and may also end FAILURE or CANCELED; with the second-person ' +
    'policy, an immobilization starts AWAITING_APPROVAL → AWAITING_CONFIRMATION, or CANCELED. No other ' +
    'transition exists; more statuses may come: decide with CommandExecution.isFinal and cancelable.',
});
registerEnumType(ExecutionMode, { name: 'ExecutionMode', description: 'How the provider ran the command.' });

registerEnumType(AccessRole, {
  name: 'AccessRole',
  description:
    "A user's role on a target or a fleet. Rights add up across a user's valid grants: VIEWER on a fleet and " +
    'OPERATOR on one of its targets commands that target and sees every execution on it.',
  valuesConfig: {
    VIEWER: { description: 'Sees the target and every execution on it, and may subscribe to them; commands nothing.' },
    OPERATOR: { description: 'Sees the target and the executions they requested, and commands it.' },
    SUPERVISOR: {
      description: "Commands the target, sees every execution on it, and approves another user's immobilization.",
    },
  },
});

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description:
    'What an audit event records: a change of the registry or of access, or a step of a command. ' +
    'COMMAND_APPROVED, COMMAND_REJECTED, APPROVAL_EXPIRED, BATCH_REQUESTED and BATCH_CANCELED are declared for ' +
    'the approval and fleet-command features and are not recorded yet.',
});

export { AccessRole, AuditAction, CommandStatus, CommandType, ExecutionMode };
