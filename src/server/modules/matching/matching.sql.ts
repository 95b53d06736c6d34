import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db.ts';

export type Exec = Database['exec'];

/** Raw SQL with $n parameters run on a Db (a transaction too): the repo's bulk SQL inside a tx. */
export function execOn(db: Db): Exec {
  return async (text, params = []) => {
    const chunks: SQL[] = text
      .split(/\$(\d+)/)
      .map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(params[Number(part) - 1])}`));
    const result = await db.execute(sql.join(chunks));
    return { rows: (result as unknown as { rows: Record<string, unknown>[] }).rows };
  };
}
