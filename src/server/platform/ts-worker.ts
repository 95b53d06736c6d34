import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Sources are TypeScript run through tsx (bin/tongbao.mjs): a worker registers it before loading.
const require = createRequire(import.meta.url);
// require.resolve finds the CommonJS entry; the worker needs its ES module twin beside it.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** A worker thread running the TypeScript module `entry` (e.g. `new URL('./x.ts', import.meta.url)`). */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
