import type { Store } from '../../src/store/store.js';

/**
 * Runs `action` while recording every SQL statement matching `pattern` that
 * goes through the store, and answers them (for N+1 checks).
 */
export async function queriesDuring(db: Store['db'], pattern: RegExp, action: () => Promise<void>): Promise<string[]> {
  const original = db.query.bind(db);
  const seen: string[] = [];
  db.query = (async (sql: string, params?: readonly unknown[]) => {
    if (pattern.test(sql)) seen.push(sql);
    return original(sql, params);
  }) as typeof db.query;
  try {
    await action();
  } finally {
    db.query = original;
  }
  return seen;
}
