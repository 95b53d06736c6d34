import { chinaDateOf, type PlainDate } from '../../domain/shared/dates.ts';

/** Today's date where the work happens (China Standard Time, whatever the server's zone). */
export function todayInChina(now: Date = new Date()): PlainDate {
  return chinaDateOf(now);
}
