// Every table, for Drizzle's typed queries and drizzle-kit's migrations.
export * from './audit.schema.ts';
export * from '../modules/regions/regions.schema.ts';
export * from '../modules/users/users.schema.ts';
export * from '../modules/children/children.schema.ts';
export * from '../modules/applications/applications.schema.ts';
export * from '../modules/matching/matching.schema.ts';
export * from '../modules/payroll/payroll.schema.ts';
export * from '../modules/ledger/ledger.schema.ts';
export * from '../modules/children/children.exits.schema.ts';
export * from '../modules/reviews/reviews.schema.ts';
