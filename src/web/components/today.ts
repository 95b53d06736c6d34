import { chinaDateOf, type PlainDate } from '../../domain/shared/dates.ts';

/**
 * Today in China Standard Time, as the server counts it: a date a user is offered (告知日期, the
 * ledger's month, the payroll month) must not depend on the browser's time zone.
 */
export const todayInChina = (): PlainDate => chinaDateOf(new Date());
