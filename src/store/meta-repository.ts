import type { Queryable } from './db.js';

/** Small facts about this database (for example, that the demo fleet was seeded once). */
export class MetaRepository {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<string | undefined> {
    const rows = await this.db.query<{ value: string }>('SELECT value FROM app_meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  /** Sets `key` only if it is not set yet; answers whether this call set it. */
  async setOnce(key: string, value: string): Promise<boolean> {
    const rows = await this.db.query(
      'INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING 1',
      [key, value],
    );
    return rows.length > 0;
  }
}
