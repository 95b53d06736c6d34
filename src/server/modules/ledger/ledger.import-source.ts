import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../domain/shared/errors.ts';
import { prepareLedger, type PrepareContext, type PrepareMessage } from './ledger.prepare.ts';

/**
 * Where the import's rows are read and prepared: in process, or in a worker thread
 * (ledger.import-worker.ts) so the JavaScript half runs beside PGlite (which runs on the main
 * thread). Both yield the same messages.
 */
export function preparedMessages(ctx: PrepareContext, inWorker: boolean): AsyncGenerator<PrepareMessage> {
  return inWorker ? fromWorker(ctx) : prepareLedger(ctx);
}

// Started as matching.hash-pool.ts starts its workers: sources are TypeScript run through tsx
// (bin/tongbao.mjs), so the worker registers it before loading its entry.
const require = createRequire(import.meta.url);
// require.resolve finds the CommonJS entry; the worker needs its ES module twin beside it.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const WORKER = new URL('./ledger.import-worker.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); });`;

/** Messages the worker may post ahead of the import (each at most a few hundred rows). */
const AHEAD = 8;

type WorkerReport =
  | { message: PrepareMessage }
  | { done: true }
  | { error: { code?: ErrorCode; message: string; details?: AppError['details'] } }
  | { failed: Error };

async function* fromWorker(ctx: PrepareContext): AsyncGenerator<PrepareMessage> {
  const worker = new Worker(BOOT, { eval: true, workerData: { ctx, ahead: AHEAD } });
  const reports: WorkerReport[] = [];
  let wake: (() => void) | undefined;
  const report = (r: WorkerReport) => {
    reports.push(r);
    wake?.();
  };
  worker.on('message', (r: WorkerReport) => report(r));
  worker.on('error', (e) => report({ failed: e }));
  worker.on('exit', (code) => report({ failed: new Error(`ledger import worker exited (${code})`) }));
  try {
    for (;;) {
      while (reports.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const r = reports.shift() as WorkerReport;
      if ('done' in r) return;
      if ('failed' in r) throw r.failed;
      if ('error' in r) {
        const { code, message, details } = r.error;
        throw code ? new AppError(code, message, details) : new Error(message);
      }
      worker.postMessage('taken');
      yield r.message;
    }
  } finally {
    // Also when the import stops early (a bad header, a failed insert): nothing keeps reading.
    await worker.terminate();
  }
}
