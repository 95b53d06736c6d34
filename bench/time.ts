/**
 * How every benchmark reports: one JSON line `{name, ms, targetMs, ok}` per timed step
 * (docs/benchmarks.md). Shared by `npm run bench` and the benches run on their own.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export type Time = (name: string, fn: () => Promise<void>, targetMs?: number) => Promise<unknown>;

export const time = async (name: string, fn: () => Promise<void>, targetMs?: number) => {
  const t0 = performance.now();
  await fn();
  const r = { name, ms: Math.round(performance.now() - t0), targetMs };
  process.stdout.write(`${JSON.stringify({ ...r, ok: targetMs === undefined || r.ms <= targetMs })}\n`);
  return r;
};

/** True when `moduleUrl` is the script node was started with (a bench run on its own). */
export const isMain = (moduleUrl: string) =>
  moduleUrl === pathToFileURL(path.resolve(process.argv[1] ?? '')).href;
