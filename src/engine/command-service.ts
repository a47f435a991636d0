import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import {
  MAX_CONFIRMATION_ATTEMPTS,
  ignitionCommand,
  optionalIdempotencyKey,
  requireConfirmationCode,
  requireSupported,
  type CommandParameters,
} from '../domain/command-rules.js';
import { CommandStatus, CommandType, TargetKind } from '../domain/enums.js';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../domain/errors.js';
import { isIdOf, newId } from '../domain/ids.js';
import type { Viewer } from '../domain/viewer.js';
import { insertExecution } from '../store/execution-repository.js';
import { attachExecution, claimIdempotencyKey } from '../store/idempotency-repository.js';
import type { EngineExecutionRecord, ExecutionRecord, TargetRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../observability/metrics.js';
import type { CommandEngine } from './command-engine.js';
import type { RateLimiter } from './rate-limiter.js';
import { engineFailure, finalChange } from './outcome-changes.js';

export interface CommandRequest {
  commandType: CommandType;
  targetKind: TargetKind;
  targetId: string;
  /**
   * The validated parameters, or a function that validates them: it runs
   * after the grant and capability checks, so a caller learns nothing about
   * a target it may not see from a parameter error.
   */
  parameters: CommandParameters | (() => CommandParameters);
  idempotencyKey?: string | null;
}

/**
 * The command mutations' use cases (DESIGN §3): check the caller and the
 * target, claim the idempotency key, store the execution, hand it to the
 * engine, and answer with the provider's answer or, after the ack bound, the
 * execution still PENDING.
 */
export class CommandService {
  constructor(
    private readonly store: Store,
    private readonly engine: CommandEngine,
    private readonly logger: Logger,
    private readonly rateLimiter: RateLimiter,
    private readonly metrics: Metrics,
  ) {}

  /** A one-step command (lock, unlock, charge…, open lock). */
  send(viewer: Viewer, request: CommandRequest): Promise<ExecutionRecord> {
    return this.start(viewer, request, CommandStatus.PENDING);
  }

  /** First step of an ignition change: the provider issues a confirmation code. */
  requestIgnition(
    viewer: Viewer,
    input: { vehicleId: string; enable: boolean; idempotencyKey?: string | null },
  ): Promise<ExecutionRecord> {
    return this.start(
      viewer,
      {
        commandType: ignitionCommand(input.enable),
        targetKind: TargetKind.VEHICLE,
        targetId: input.vehicleId,
        parameters: {},
        idempotencyKey: input.idempotencyKey,
      },
      CommandStatus.AWAITING_CONFIRMATION,
    );
  }

  /**
   * Second step: only the requester, before expiry, with the right code, once.
   * Wrong codes are counted; the fifth locks the execution.
   */
  async confirmIgnition(viewer: Viewer, input: { executionId: string; code: string }): Promise<ExecutionRecord> {
    const execution = isIdOf('execution', input.executionId)
      ? await this.store.executions.findForEngine(input.executionId)
      : undefined;
    // Someone else's execution is indistinguishable from none.
    if (!execution || execution.requestedBy !== viewer.userId) throw new NotFoundError('command execution');
    const target = await this.grantedTarget(viewer, execution.targetId, TargetKind.VEHICLE);
    const code = requireConfirmationCode(input.code);
    this.requireAwaiting(execution);
    this.takeRateToken(viewer);

    const now = new Date();
    if (execution.confirmationExpiresAt && execution.confirmationExpiresAt <= now) {
      const error = engineFailure('CONFIRMATION_EXPIRED', 'Confirmation expired', 'the confirmation code was not sent back in time', true);
      return (await this.engine.change(execution.id, { version: execution.version }, finalChange(execution, CommandStatus.FAILURE, error, now))) ?? this.reload(execution.id);
    }

    // Every attempt, right or wrong, first takes one of the five slots, atomically:
    // concurrent guesses cannot outnumber the limit.
    const slot = await this.store.engine.takeConfirmationAttempt(execution.id, MAX_CONFIRMATION_ATTEMPTS);
    if (!slot) {
      const current = await this.reload(execution.id);
      if (current.status === CommandStatus.AWAITING_CONFIRMATION) {
        throw new ConflictError('CONFIRMATION_LOCKED', 'no confirmation attempt is left for this ignition request; request a new one');
      }
      return this.requireAwaiting(current);
    }
    if (slot.code === null || !sameCode(code, slot.code)) {
      if (slot.attempt >= MAX_CONFIRMATION_ATTEMPTS) {
        const error = engineFailure('CONFIRMATION_LOCKED', 'Confirmation locked', `${MAX_CONFIRMATION_ATTEMPTS} wrong confirmation codes`, true);
        const locked = await this.engine.change(execution.id, { statuses: [CommandStatus.AWAITING_CONFIRMATION] }, finalChange(execution, CommandStatus.FAILURE, error, new Date()));
        this.logger.warn({ executionId: execution.id }, 'ignition confirmation locked after repeated wrong codes');
        if (locked) return locked;
      }
      throw new ConflictError('CONFIRMATION_CODE_INVALID', 'the confirmation code is wrong', {
        attemptsRemaining: Math.max(0, MAX_CONFIRMATION_ATTEMPTS - slot.attempt),
      });
    }

    // The version guard makes confirmation single-use even for two racing calls.
    const confirmed = await this.engine.change(
      execution.id,
      { version: slot.version, statuses: [CommandStatus.AWAITING_CONFIRMATION] },
      {
        fields: {
          status: CommandStatus.PENDING,
          dispatchState: 'SENDING',
          leaseOwner: this.engine.instanceId,
          deadlineAt: new Date(now.getTime() + this.engine.config.commandTimeoutMs),
        },
        reason: 'CONFIRMED',
      },
    );
    if (!confirmed) return this.requireAwaiting(await this.reload(execution.id));
    this.logger.info({ executionId: execution.id }, 'ignition confirmed');
    return this.dispatchAndAcknowledge(confirmed, target, code);
  }

  private async start(viewer: Viewer, request: CommandRequest, initialStatus: CommandStatus): Promise<ExecutionRecord> {
    const target = await this.grantedTarget(viewer, request.targetId, request.targetKind);
    requireSupported(target.provider, request.commandType);
    const parameters = typeof request.parameters === 'function' ? request.parameters() : request.parameters;
    const idempotencyKey = optionalIdempotencyKey(request.idempotencyKey);
    this.takeRateToken(viewer);
    const inputHash = hashInput(request.commandType, target.id, parameters);
    const now = new Date();

    const newExecution = {
      id: newId('execution'),
      targetId: target.id,
      provider: target.provider,
      commandType: request.commandType,
      status: initialStatus,
      parameters: Object.keys(parameters).length > 0 ? parameters : null,
      requestedBy: viewer.userId,
      requestedAt: now,
      // Stored before the provider is called, owned by this instance while the request is in flight.
      dispatchState: 'SENDING' as const,
      leaseOwner: this.engine.instanceId,
      deadlineAt: new Date(now.getTime() + this.engine.config.commandTimeoutMs),
    };
    const created: { execution: EngineExecutionRecord } | { replayOf: string | null } =
      idempotencyKey === null
        ? // One statement, atomic on its own: no transaction needed.
          { execution: await insertExecution(this.store.db, newExecution) }
        : await this.store.db.transaction(async (tx) => {
            // The key is claimed in the transaction that stores the execution:
            // a concurrent twin waits for it, then reads its execution.
            const claim = await claimIdempotencyKey(tx, viewer.userId, idempotencyKey, request.commandType, inputHash);
            if (!claim.owned) {
              if (claim.inputHash !== inputHash || claim.operation !== request.commandType) {
                throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this idempotencyKey was used for another command or input');
              }
              return { replayOf: claim.executionId };
            }
            const execution = await insertExecution(tx, newExecution);
            await attachExecution(tx, viewer.userId, idempotencyKey, execution.id);
            return { execution };
          });

    if ('replayOf' in created) {
      this.logger.info({ executionId: created.replayOf, userId: viewer.userId }, 'idempotent replay');
      return this.reload(created.replayOf!);
    }
    this.metrics.commandsStarted.inc({ command_type: request.commandType, provider: target.provider });
    this.logger.info(
      { executionId: created.execution.id, userId: viewer.userId, commandType: request.commandType, provider: target.provider },
      'command accepted',
    );
    return this.dispatchAndAcknowledge(created.execution, target);
  }

  /** Dispatches in the background; answers with its result or, after the ack bound, the current row. */
  private async dispatchAndAcknowledge(
    execution: EngineExecutionRecord,
    target: TargetRecord,
    confirmationCode?: string,
  ): Promise<ExecutionRecord> {
    const dispatched = this.engine.track(
      this.engine.dispatch(execution, {
        executionId: execution.id,
        commandType: execution.commandType,
        target: { externalId: target.externalId, providerUserId: target.providerUserId },
        parameters: (execution.parameters ?? {}) as Record<string, never>,
        ...(confirmationCode === undefined ? {} : { confirmationCode }),
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const acknowledged = await Promise.race([
      dispatched,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), this.engine.config.ackTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return acknowledged ?? this.reload(execution.id);
  }

  /** Every command mutation costs a token, idempotent replays included: they are still requests. */
  private takeRateToken(viewer: Viewer): void {
    try {
      this.rateLimiter.take(viewer.userId);
    } catch (error) {
      this.metrics.rateLimited.inc();
      this.logger.warn({ userId: viewer.userId }, 'command rate limit reached');
      throw error;
    }
  }

  /** The target, if the caller holds a grant on it; commanding needs a grant even for admins. */
  private async grantedTarget(viewer: Viewer, targetId: string, kind: TargetKind): Promise<TargetRecord> {
    const idKind = kind === TargetKind.VEHICLE ? 'vehicle' : 'lock';
    const [target] = isIdOf(idKind, targetId) ? await this.store.targets.findVisible([targetId], viewer) : [];
    if (!target || target.kind !== kind) throw new NotFoundError(idKind);
    if (viewer.isAdmin && !(await this.store.grants.has(target.id, viewer.userId))) {
      throw new PermissionDeniedError('commanding a target needs a grant on it, admins included: grant yourself access first');
    }
    return target;
  }

  private requireAwaiting<T extends ExecutionRecord>(execution: T): T {
    if (execution.status === CommandStatus.AWAITING_CONFIRMATION) {
      if (execution.confirmationCode === null) {
        throw new ConflictError('CONFIRMATION_NOT_READY', 'the provider has not issued the confirmation code yet; try again shortly');
      }
      return execution;
    }
    const code = execution.error?.code;
    if (code === 'CONFIRMATION_EXPIRED' || code === 'CONFIRMATION_LOCKED') {
      throw new ConflictError(code, `this ignition request has ended (${code}); request a new one`);
    }
    if (execution.commandType !== CommandType.ENABLE_IGNITION && execution.commandType !== CommandType.DISABLE_IGNITION) {
      throw new ConflictError('CONFIRMATION_NOT_APPLICABLE', 'this execution has no confirmation step');
    }
    if (execution.confirmationCode === null) {
      throw new ConflictError('CONFIRMATION_NOT_PENDING', `this ignition request has ended with ${execution.status}`);
    }
    throw new ConflictError('CONFIRMATION_ALREADY_USED', 'this confirmation was already used; request a new one');
  }

  private async reload(id: string): Promise<EngineExecutionRecord> {
    const execution = await this.store.executions.findForEngine(id);
    if (!execution) throw new NotFoundError('command execution');
    return execution;
  }
}

/** Same command, same target, same parameters: the identity an idempotency key stands for. */
function hashInput(commandType: CommandType, targetId: string, parameters: CommandParameters): string {
  const canonical = JSON.stringify([commandType, targetId, sortKeys(parameters)]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: Record<string, unknown>): [string, unknown][] {
  return Object.keys(value)
    .sort()
    .map((key) => [key, value[key]]);
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
