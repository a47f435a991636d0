import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import {
  MAX_CONFIRMATION_ATTEMPTS,
  ignitionCommand,
  optionalIdempotencyKey,
  requireConfirmationCode,
  requireReason,
  requireSupported,
  type CommandParameters,
} from '../domain/command-rules.js';
import { CommandStatus, CommandType, TargetKind } from '../domain/enums.js';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../domain/errors.js';
import { isIdOf, newId, targetIdKind } from '../domain/ids.js';
import { ValidationError } from '../domain/validation.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Viewer } from '../domain/viewer.js';
import type { EngineExecutionRecord, ExecutionRecord, TargetRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../observability/metrics.js';
import type { CommandEngine } from '../engine/command-engine.js';
import type { ExecutionLifecycle } from '../engine/execution-lifecycle.js';
import { cancellations, failures } from '../engine/outcome-changes.js';
import { isCancelable, isFinal } from '../domain/status.js';
import type { RateLimiter } from './rate-limiter.js';
import { withTimeout } from '../util/with-timeout.js';

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
  /** Why the requester asks (at most 500 characters), kept with the execution and in the audit trail. */
  reason?: string | null;
}

/**
 * The command mutations' use cases: check the caller and the input, start
 * the execution through the lifecycle (which decides the grant in the same
 * write), hand it to the engine's dispatcher, and answer with the provider's
 * answer or, after the ack bound, the execution still PENDING.
 */
export class CommandService {
  constructor(
    private readonly store: Pick<Store, 'executions' | 'targets' | 'access'>,
    private readonly lifecycle: ExecutionLifecycle,
    private readonly engine: CommandEngine,
    private readonly logger: Logger,
    private readonly rateLimiter: RateLimiter,
    private readonly metrics: Metrics,
    private readonly providers: ProviderRegistry,
  ) {}

  /** A one-step command (lock, unlock, charge…, open lock). `requestId` ties its log lines together. */
  send(viewer: Viewer, request: CommandRequest, requestId: string): Promise<ExecutionRecord> {
    return this.start(viewer, request, CommandStatus.PENDING, requestId);
  }

  /** First step of an ignition change: the provider issues a confirmation code. */
  requestIgnition(
    viewer: Viewer,
    input: { vehicleId: string; enable: boolean; idempotencyKey?: string | null; reason?: string | null },
    requestId: string,
  ): Promise<ExecutionRecord> {
    // Cutting an engine under the second-person policy waits for an approval, and must say why.
    const secondPerson = !input.enable && this.engine.config.immobilizationApproval === 'second-person';
    return this.start(
      viewer,
      {
        commandType: ignitionCommand(input.enable),
        targetKind: TargetKind.VEHICLE,
        targetId: input.vehicleId,
        parameters: () => {
          if (secondPerson && (input.reason === null || input.reason === undefined)) {
            throw new ValidationError('reason', 'cutting an engine needs a reason: a second person approves it');
          }
          return {};
        },
        idempotencyKey: input.idempotencyKey,
        reason: input.reason,
      },
      secondPerson ? CommandStatus.AWAITING_APPROVAL : CommandStatus.AWAITING_CONFIRMATION,
      requestId,
    );
  }

  /**
   * A second person approves an immobilization: a SUPERVISOR of its target
   * or an admin, never its requester. The requester must still be allowed to
   * command the target (if not, it ends CANCELED/ACCESS_ENDED). It then goes
   * on to the provider's own confirmation step, as any ignition request.
   */
  async approve(
    viewer: Viewer,
    input: { executionId: string; reason?: string | null },
    requestId: string,
  ): Promise<ExecutionRecord> {
    const { execution, reason } = await this.awaitingDecision(viewer, input, requestId);
    const approved = await this.lifecycle.approve(execution, viewer, reason);
    if (approved) {
      this.logger.info({ requestId, executionId: execution.id, approvedBy: viewer.userId }, 'immobilization approved');
      const target = await this.knownTarget(execution.targetId, TargetKind.VEHICLE);
      return this.sendOrAwaitTurn(approved, target, requestId);
    }
    return this.undecided(viewer, execution);
  }

  /** A second person rejects an immobilization: CANCELED/REJECTED, never sent. Same rights as approving. */
  async reject(
    viewer: Viewer,
    input: { executionId: string; reason?: string | null },
    requestId: string,
  ): Promise<ExecutionRecord> {
    const { execution, reason } = await this.awaitingDecision(viewer, input, requestId);
    const rejected = await this.lifecycle.reject(execution, viewer, reason);
    if (rejected) {
      this.logger.info({ requestId, executionId: execution.id, rejectedBy: viewer.userId }, 'immobilization rejected');
      return rejected;
    }
    const ended = await this.undecided(viewer, execution);
    throw notAwaitingApproval(ended);
  }

  /**
   * A decision whose write did not apply. Moved on meanwhile: APPROVAL_NOT_PENDING.
   * Unchanged, the guard failed on one of its conditions, which decides the
   * answer: expired (it ends APPROVAL_EXPIRED now rather than at the sweep),
   * the decider no longer a SUPERVISOR (FORBIDDEN), or the requester no
   * longer allowed to command the target (it ends ACCESS_ENDED).
   */
  private async undecided(viewer: Viewer, execution: ExecutionRecord): Promise<ExecutionRecord> {
    const current = await this.reload(execution.id);
    if (current.status !== CommandStatus.AWAITING_APPROVAL || current.version !== execution.version) {
      throw notAwaitingApproval(current);
    }
    const guard = { version: current.version, statuses: [CommandStatus.AWAITING_APPROVAL] };
    if (current.deadlineAt !== null && current.deadlineAt.getTime() <= Date.now()) {
      const expired = await this.lifecycle.cancel(
        current,
        cancellations.approvalExpired(this.engine.config.approvalTtlMs),
        guard,
      );
      return expired ?? this.reload(execution.id);
    }
    if (!viewer.isAdmin && !(await this.store.access.has('approve', viewer.userId, current.targetId))) {
      throw new PermissionDeniedError('approving needs the SUPERVISOR role on the target');
    }
    const ended = await this.lifecycle.cancel(current, cancellations.accessEnded(), guard);
    return ended ?? this.reload(execution.id);
  }

  /** The execution a decision is about, once the caller may decide on it; its reason checked. */
  private async awaitingDecision(
    viewer: Viewer,
    input: { executionId: string; reason?: string | null },
    requestId: string,
  ): Promise<{ execution: ExecutionRecord; reason: string | null }> {
    const [execution] = isIdOf('execution', input.executionId)
      ? await this.store.executions.findVisible([input.executionId], viewer)
      : [];
    if (!execution) throw new NotFoundError('command execution');
    if (execution.requestedBy === viewer.userId) {
      throw new PermissionDeniedError('a second person must approve: the requester cannot decide on their own command');
    }
    if (!viewer.isAdmin && !(await this.store.access.has('approve', viewer.userId, execution.targetId))) {
      throw new PermissionDeniedError('approving needs the SUPERVISOR role on the target');
    }
    const { reason } = requireReason(input.reason);
    if (execution.status !== CommandStatus.AWAITING_APPROVAL) throw notAwaitingApproval(execution);
    this.takeRateToken(viewer, requestId);
    return { execution, reason };
  }

  /**
   * Second step: only the requester, before expiry, with the right code, once.
   * Wrong codes are counted; the fifth locks the execution.
   */
  async confirmIgnition(
    viewer: Viewer,
    input: { executionId: string; code: string },
    requestId: string,
  ): Promise<ExecutionRecord> {
    const execution = isIdOf('execution', input.executionId)
      ? await this.store.executions.findForEngine(input.executionId)
      : undefined;
    // Someone else's execution is indistinguishable from none.
    if (!execution || execution.requestedBy !== viewer.userId) throw new NotFoundError('command execution');
    const target = await this.grantedTarget(viewer, execution.targetId, TargetKind.VEHICLE);
    const code = requireConfirmationCode(input.code);
    this.requireAwaiting(execution);
    this.takeRateToken(viewer, requestId);

    if (execution.confirmationExpiresAt && execution.confirmationExpiresAt <= new Date()) {
      return (await this.lifecycle.fail(execution, failures.confirmationExpired())) ?? this.reload(execution.id);
    }

    // Every attempt, right or wrong, first takes one of the five slots, atomically:
    // concurrent guesses cannot outnumber the limit.
    const slot = await this.lifecycle.takeConfirmationAttempt(execution.id, MAX_CONFIRMATION_ATTEMPTS);
    if (!slot) {
      const current = await this.reload(execution.id);
      if (current.status === CommandStatus.AWAITING_CONFIRMATION) {
        throw new ConflictError(
          'CONFIRMATION_LOCKED',
          'no confirmation attempt is left for this ignition request; request a new one',
        );
      }
      return this.requireAwaiting(current);
    }
    if (slot.code === null || !sameCode(code, slot.code)) {
      if (slot.attempt >= MAX_CONFIRMATION_ATTEMPTS) {
        const locked = await this.lifecycle.fail(execution, failures.confirmationLocked(MAX_CONFIRMATION_ATTEMPTS), {
          statuses: [CommandStatus.AWAITING_CONFIRMATION],
        });
        this.logger.warn(
          { requestId, executionId: execution.id },
          'ignition confirmation locked after repeated wrong codes',
        );
        if (locked) return locked;
      }
      throw new ConflictError('CONFIRMATION_CODE_INVALID', 'the confirmation code is wrong', {
        attemptsRemaining: Math.max(0, MAX_CONFIRMATION_ATTEMPTS - slot.attempt),
      });
    }

    const confirmed = await this.lifecycle.confirm(execution, slot.version);
    if (!confirmed) return this.requireAwaiting(await this.reload(execution.id));
    this.logger.info({ requestId, executionId: execution.id, status: confirmed.status }, 'ignition confirmed');
    return this.sendOrAwaitTurn(confirmed, target, requestId);
  }

  private async start(
    viewer: Viewer,
    request: CommandRequest,
    status: CommandStatus.PENDING | CommandStatus.AWAITING_CONFIRMATION | CommandStatus.AWAITING_APPROVAL,
    requestId: string,
  ): Promise<ExecutionRecord> {
    const target = await this.knownTarget(request.targetId, request.targetKind);
    let parameters: CommandParameters;
    let idempotencyKey: string | null;
    let reason: string | null;
    try {
      requireSupported(this.providers, target.provider, request.commandType);
      parameters = typeof request.parameters === 'function' ? request.parameters() : request.parameters;
      idempotencyKey = optionalIdempotencyKey(request.idempotencyKey);
      reason = requireReason(request.reason).reason;
    } catch (error) {
      // A caller learns nothing about a target it may not command from an input error.
      await this.requireGrant(viewer, target);
      throw error;
    }
    this.takeRateToken(viewer, requestId);

    const started = await this.lifecycle.start(
      {
        targetId: target.id,
        provider: target.provider,
        commandType: request.commandType,
        status,
        parameters,
        requestedBy: viewer.userId,
        reason,
      },
      idempotencyKey === null
        ? null
        : { key: idempotencyKey, inputHash: hashInput(request.commandType, target.id, parameters) },
      newId('execution'),
    );
    switch (started.kind) {
      case 'not-granted':
        await this.requireGrant(viewer, target);
        // Granted since the write looked: as if the write had come first.
        throw new NotFoundError(targetIdKind(target.kind));
      case 'key-reused':
        throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this idempotencyKey was used for another command or input');
      case 'replay':
        this.logger.info({ requestId, executionId: started.executionId, userId: viewer.userId }, 'idempotent replay');
        return this.reload(started.executionId!);
      case 'joined':
        this.logger.info(
          { requestId, executionId: started.execution.id, userId: viewer.userId },
          'the same command already waits: answered with it',
        );
        return started.execution;
      case 'created':
        this.logger.info(
          {
            requestId,
            executionId: started.execution.id,
            userId: viewer.userId,
            commandType: request.commandType,
            provider: target.provider,
            status: started.execution.status,
          },
          'command accepted',
        );
        // Waiting for a second person: nothing goes to the provider before the approval.
        if (started.execution.status === CommandStatus.AWAITING_APPROVAL) return started.execution;
        return this.sendOrAwaitTurn(started.execution, target, requestId);
    }
  }

  /**
   * Ends a command that has not been sent (QUEUED, or awaiting its
   * confirmation) CANCELED/CANCELED_BY_USER: its requester or an admin may.
   * A sent one cannot be taken back (providers cannot unsend): CANNOT_CANCEL,
   * unchanged. Canceling one already canceled answers it again.
   */
  async cancel(
    viewer: Viewer,
    input: { executionId: string; reason?: string | null },
    requestId: string,
  ): Promise<ExecutionRecord> {
    const [execution] = isIdOf('execution', input.executionId)
      ? await this.store.executions.findVisible([input.executionId], viewer)
      : [];
    // Someone else's execution (for a user who is not an admin) is indistinguishable from none.
    if (!execution) throw new NotFoundError('command execution');
    // Seen through a role that sees every execution on the target (VIEWER, SUPERVISOR): seen, not theirs to take back.
    if (execution.requestedBy !== viewer.userId && !viewer.isAdmin) {
      throw new PermissionDeniedError('only the requester of a command, or an admin, may cancel it');
    }
    const { reason } = requireReason(input.reason);
    this.takeRateToken(viewer, requestId);
    const by = execution.requestedBy === viewer.userId ? 'requester' : 'admin';
    if (isCancelable(execution.status)) {
      const canceled = await this.lifecycle.cancel(
        execution,
        cancellations.byUser(by, reason),
        undefined,
        by === 'admin' ? viewer.userId : undefined,
      );
      if (canceled) {
        this.logger.info({ requestId, executionId: execution.id, userId: viewer.userId, by }, 'command canceled');
        return canceled;
      }
    }
    // Not cancelable, or it moved on (was sent, or ended) between the read and the write.
    const current = isCancelable(execution.status) ? await this.reload(execution.id) : execution;
    // Canceled by a user already: the same answer again (a retried cancel).
    if (current.status === CommandStatus.CANCELED && current.error?.code === 'CANCELED_BY_USER') return current;
    throw new ConflictError('CANNOT_CANCEL', cannotCancelBecause(current), { status: current.status });
  }

  /**
   * A created or confirmed execution: sent now when it holds the slot, else
   * waiting QUEUED — its turn may have come already (the slot freed as it was
   * queued), which the engine's advance finds. Answers as `acknowledged`.
   */
  private async sendOrAwaitTurn(
    execution: EngineExecutionRecord,
    target: TargetRecord,
    requestId: string,
  ): Promise<ExecutionRecord> {
    if (execution.status !== CommandStatus.QUEUED) {
      return this.acknowledged(execution.id, this.engine.send(execution, target, requestId));
    }
    // Stored QUEUED, it is accepted whatever happens next: a fault here leaves its turn to the engine's tick.
    const sent = await this.engine.advance(execution.targetId).catch((error: unknown) => {
      this.logger.warn({ err: error, requestId, executionId: execution.id }, 'could not look at the queue now');
      return undefined;
    });
    const sending = sent?.get(execution.id);
    return sending ? this.acknowledged(execution.id, sending) : execution;
  }

  /** Answers with the provider's recorded answer or, after the ack bound, the current row. */
  private async acknowledged(
    executionId: string,
    dispatched: Promise<EngineExecutionRecord | undefined>,
  ): Promise<ExecutionRecord> {
    const acknowledged = await withTimeout(dispatched, this.engine.config.ackTimeoutMs);
    return (acknowledged.done ? acknowledged.value : undefined) ?? this.reload(executionId);
  }

  /** Every command mutation costs a token, idempotent replays included: they are still requests. */
  private takeRateToken(viewer: Viewer, requestId: string): void {
    try {
      this.rateLimiter.take(viewer.userId);
    } catch (error) {
      this.metrics.rateLimited.inc();
      this.logger.warn({ requestId, userId: viewer.userId }, 'command rate limit reached');
      throw error;
    }
  }

  /** The target, if the caller holds a grant on it; commanding needs a grant even for admins. */
  private async grantedTarget(viewer: Viewer, targetId: string, kind: TargetKind): Promise<TargetRecord> {
    const target = await this.knownTarget(targetId, kind);
    await this.requireGrant(viewer, target);
    return target;
  }

  /** A registered target of that kind, visible or not (the grant is decided later). */
  private async knownTarget(targetId: string, kind: TargetKind): Promise<TargetRecord> {
    const target = isIdOf(targetIdKind(kind), targetId) ? await this.store.targets.findKnown(targetId) : undefined;
    if (!target || target.kind !== kind) throw new NotFoundError(targetIdKind(kind));
    return target;
  }

  /**
   * Commanding needs a role that commands (OPERATOR or SUPERVISOR), admins
   * included. A user who cannot see the target learns nothing (it might as
   * well not exist); one who sees it (a VIEWER), or an admin, who sees every
   * target, is told what is missing.
   */
  private async requireGrant(viewer: Viewer, target: TargetRecord): Promise<void> {
    const rights = await this.store.access.rightsOf(viewer.userId, target.id);
    if (rights.command) return;
    if (rights.see) throw new PermissionDeniedError('your role on this target (VIEWER) may not command it');
    if (!viewer.isAdmin) throw new NotFoundError(targetIdKind(target.kind));
    throw new PermissionDeniedError(
      'commanding a target needs a grant on it, admins included: grant yourself access first',
    );
  }

  private requireAwaiting<T extends ExecutionRecord>(execution: T): T {
    if (execution.status === CommandStatus.AWAITING_CONFIRMATION) {
      if (execution.confirmationCode === null) {
        throw new ConflictError(
          'CONFIRMATION_NOT_READY',
          'the provider has not issued the confirmation code yet; try again shortly',
        );
      }
      return execution;
    }
    if (execution.status === CommandStatus.AWAITING_APPROVAL) {
      throw new ConflictError(
        'CONFIRMATION_NOT_READY',
        'this immobilization waits for a second person to approve it: the provider has issued no code yet',
      );
    }
    const code = execution.error?.code;
    if (code === 'CONFIRMATION_EXPIRED' || code === 'CONFIRMATION_LOCKED') {
      throw new ConflictError(code, `this ignition request has ended (${code}); request a new one`);
    }
    if (
      execution.commandType !== CommandType.ENABLE_IGNITION &&
      execution.commandType !== CommandType.DISABLE_IGNITION
    ) {
      throw new ConflictError('CONFIRMATION_NOT_APPLICABLE', 'this execution has no confirmation step');
    }
    // Canceled, it ended whether or not it had been confirmed: nothing is pending.
    if (execution.confirmationCode === null || execution.status === CommandStatus.CANCELED) {
      throw new ConflictError('CONFIRMATION_NOT_PENDING', `this ignition request has ended with ${execution.status}`);
    }
    throw new ConflictError('CONFIRMATION_ALREADY_USED', 'this confirmation was already used; request a new one');
  }

  private async reload(id: string): Promise<EngineExecutionRecord> {
    const execution = await this.lifecycle.reload(id);
    if (!execution) throw new NotFoundError('command execution');
    return execution;
  }
}

/** Why an execution can no longer be canceled, in words. */
function cannotCancelBecause(execution: ExecutionRecord): string {
  if (isFinal(execution.status)) {
    return `this command has ended with ${execution.status}${execution.error ? ` (${execution.error.code})` : ''}`;
  }
  if (isCancelable(execution.status)) {
    // An ignition request whose first step is on its way to the provider.
    return 'a request of this command is in flight to the provider: try again once it has answered';
  }
  return 'this command has been sent: providers cannot take a command back';
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

/** The answer to a decision on a command that does not await approval: it is unchanged. */
function notAwaitingApproval(execution: ExecutionRecord): ConflictError {
  return new ConflictError(
    'APPROVAL_NOT_PENDING',
    `this command does not await approval (it is ${execution.status}); it is unchanged`,
    { status: execution.status },
  );
}
