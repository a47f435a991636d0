import type { Queryable } from './db.js';

export interface IdempotencyClaim {
  /** This request owns the key: it must create the execution and attach it. */
  owned: boolean;
  inputHash: string;
  operation: string;
  executionId: string | null;
}

/** Keys are kept at least this long: a retry within a day gets the same execution. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Idempotency keys. `claim` and `attach` belong in the transaction that
 * stores the execution: take them from `in(tx)`.
 */
export class IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  /** The same repository inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): IdempotencyRepository {
    return new IdempotencyRepository(tx);
  }

  /**
   * Claims `(user, key)`. A fresh or expired key is taken over; a live one is
   * answered as it stands. Concurrent claims of the same key serialise on the
   * primary key: the second waits for the first to commit, then reads its
   * execution — never two provider calls.
   */
  async claim(userId: string, key: string, operation: string, inputHash: string): Promise<IdempotencyClaim> {
    const claimed = await this.db.query<{ execution_id: string | null }>(
      `INSERT INTO idempotency_keys AS k (user_id, key, operation, input_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
       ON CONFLICT (user_id, key) DO UPDATE
         SET operation = EXCLUDED.operation, input_hash = EXCLUDED.input_hash, execution_id = NULL,
             created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE k.expires_at < now()
       RETURNING execution_id`,
      [userId, key, operation, inputHash, IDEMPOTENCY_TTL_HOURS],
    );
    if (claimed.length > 0) return { owned: true, inputHash, operation, executionId: null };
    const rows = await this.db.query<{ operation: string; input_hash: string; execution_id: string | null }>(
      'SELECT operation, input_hash, execution_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    const row = rows[0]!;
    return { owned: false, inputHash: row.input_hash, operation: row.operation, executionId: row.execution_id };
  }

  async attach(userId: string, key: string, executionId: string): Promise<void> {
    await this.db.query('UPDATE idempotency_keys SET execution_id = $3 WHERE user_id = $1 AND key = $2', [
      userId,
      key,
      executionId,
    ]);
  }

  /** Deletes expired keys; answers how many. */
  async deleteExpired(limit = 1_000): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM idempotency_keys
       WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1) RETURNING 1`,
      [limit],
    );
    return rows.length;
  }
}
