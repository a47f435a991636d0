import type { Logger } from 'pino';
import { PermissionDeniedError } from '../domain/errors.js';
import { ValidationError } from '../domain/validation.js';
import type { Viewer } from '../domain/viewer.js';
import type { RunningSimulator } from '../providers/module.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { TargetRepository } from '../store/target-repository.js';
import { existingTarget, requireAdmin } from './registry-service.js';

export interface SimulateProviderRequest {
  targetId: string;
  behavior: string;
  /** How many of the target's next commands play it (default 1). */
  commands?: number | null;
}

/** At most this many commands are scripted at once, per request. */
export const MAX_SIMULATED_COMMANDS = 100;

/**
 * The sandbox: in development, an admin makes a target's built-in simulator
 * answer its next commands with one behavior its provider's module declares
 * (asleep, rate limited, never answers…), so a UI can be built against every
 * state and error without reading the code. Never in production, and never
 * for a provider whose real endpoint is configured.
 */
export class SandboxService {
  constructor(
    private readonly targets: TargetRepository,
    private readonly providers: ProviderRegistry,
    private readonly simulators: Readonly<Record<string, RunningSimulator>>,
    private readonly logger: Logger,
    private readonly options: { production: boolean; ackTimeoutMs: number },
  ) {}

  async simulate(viewer: Viewer, request: SimulateProviderRequest): Promise<void> {
    requireAdmin(viewer);
    if (this.options.production) throw new PermissionDeniedError('the provider sandbox is off in production');
    const commands = request.commands ?? 1;
    if (!Number.isInteger(commands) || commands < 1 || commands > MAX_SIMULATED_COMMANDS) {
      throw new ValidationError('commands', `commands must be from 1 to ${MAX_SIMULATED_COMMANDS}`);
    }
    const target = await existingTarget(this.targets, request.targetId);
    if (this.providers.find(target.provider) === undefined) {
      throw new PermissionDeniedError(`${target.provider} is not a provider of this server: nothing simulates it`);
    }
    const simulator = this.simulators[target.provider];
    if (simulator === undefined) {
      const variable = this.providers.find(target.provider)?.environment.baseUrl;
      throw new PermissionDeniedError(
        `${target.provider} talks to a real endpoint here${variable ? ` (${variable} is set)` : ''}: ` +
          'the sandbox plays only the built-in simulators',
      );
    }
    const behavior = this.providers.behavior(target.provider, request.behavior);
    if (behavior === undefined) {
      throw new ValidationError(
        'behavior',
        `${target.provider} does not play ${request.behavior}; it plays ${this.providers.behaviorsOf(target.provider).join(', ')}`,
      );
    }
    // What is asked now replaces whatever was still queued for the target: its next `commands` commands.
    simulator.clearPlays(target.externalId);
    simulator.playNext(target.externalId, behavior.knobs({ ackTimeoutMs: this.options.ackTimeoutMs }), commands);
    this.logger.info(
      { userId: viewer.userId, targetId: target.id, provider: target.provider, behavior: request.behavior, commands },
      'sandbox: the simulator plays a behavior for the target',
    );
  }
}
