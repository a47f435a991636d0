import { describe } from 'vitest';

/**
 * A describe block that runs only when `skipReason` is undefined; skipped, it
 * is reported under a name that says why. Suites gate whole, never test by test
 * (for the stores: `describeEachStore` and `describePostgres` in databases.ts).
 */
export function describeUnless(skipReason: string | undefined, name: string, body: () => void): void {
  describe.skipIf(skipReason !== undefined)(skipReason === undefined ? name : `${name} [skipped: ${skipReason}]`, body);
}
