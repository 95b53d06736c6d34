/**
 * Today's date where the work happens. Civil-affairs dates are China Standard Time whatever the
 * server's zone, so "today" is computed in Asia/Shanghai.
 */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
