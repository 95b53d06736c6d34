import { customType } from 'drizzle-orm/pg-core';

/** A `bytea` column, read as a Buffer from either driver (node-postgres or PGlite). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
