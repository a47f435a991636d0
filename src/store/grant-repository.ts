import type { Queryable } from './db.js';

/** NOTIFY channel on which a database trigger announces every grant that disappears (migration 003). */
export const GRANT_REVOKED_CHANNEL = 'grant_revoked';

/** Who lost access to what. */
export interface GrantRef {
  targetId: string;
  userId: string;
}

export class GrantRepository {
  constructor(private readonly db: Queryable) {}

  /** The same queries inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): GrantRepository {
    return new GrantRepository(tx);
  }

  /** Gives `userId` access to `targetId`; granting twice is harmless. */
  async grant(targetId: string, userId: string, grantedBy: string): Promise<void> {
    await this.db.query(
      `INSERT INTO grants (target_id, user_id, granted_by) VALUES ($1, $2, $3)
       ON CONFLICT (target_id, user_id) DO NOTHING`,
      [targetId, userId, grantedBy],
    );
  }

  /** Takes access away; answers whether there was a grant to take. */
  async revoke(targetId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM grants WHERE target_id = $1 AND user_id = $2 RETURNING 1', [
      targetId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Those of `grants` that no longer exist (one query for all). */
  async missing(grants: readonly GrantRef[]): Promise<GrantRef[]> {
    if (grants.length === 0) return [];
    return this.db.query<GrantRef>(
      `SELECT p.target_id AS "targetId", p.user_id AS "userId"
       FROM unnest($1::text[], $2::text[]) AS p(target_id, user_id)
       WHERE NOT EXISTS (SELECT 1 FROM grants g WHERE g.target_id = p.target_id AND g.user_id = p.user_id)`,
      [grants.map((g) => g.targetId), grants.map((g) => g.userId)],
    );
  }

  async has(targetId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM grants WHERE target_id = $1 AND user_id = $2', [targetId, userId], {
      prepare: true,
    });
    return rows.length > 0;
  }
}
