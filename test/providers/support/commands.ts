import { randomUUID } from 'node:crypto';
import { CommandType } from '../../../src/domain/enums.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../../../src/providers/provider.js';

export function command(commandType: CommandType, target: ProviderTarget, extra: Partial<SendCommand> = {}): SendCommand {
  return { executionId: `cex_${randomUUID()}`, commandType, target, parameters: {}, ...extra };
}

/** Narrows an outcome for assertions, failing with the whole outcome in the message. */
export function expectKind<K extends ProviderOutcome['kind']>(outcome: ProviderOutcome, kind: K): Extract<ProviderOutcome, { kind: K }> {
  if (outcome.kind !== kind) throw new Error(`expected a ${kind} outcome, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<ProviderOutcome, { kind: K }>;
}

/** Fails when any credential appears anywhere in the serialised outcomes. */
export function expectNoSecrets(outcomes: readonly ProviderOutcome[], secrets: readonly string[]): void {
  const text = JSON.stringify(outcomes);
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error('an outcome carries a credential');
  }
}
