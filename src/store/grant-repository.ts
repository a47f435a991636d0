import type { Queryable } from './db.js';

export class GrantRepository {
  constructor(private readonly db: Queryable) {}

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

  async has(targetId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM grants WHERE target_id = $1 AND user_id = $2', [
      targetId,
      userId,
    ]);
    return rows.length > 0;
  }
}
