import { index, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/** The administrative hierarchy (codes normalised: see domain/shared/region-code.ts). */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: varchar('level', { length: 10 }).notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_code_prefix_idx').on(t.code.op('varchar_pattern_ops')),
  ],
);
