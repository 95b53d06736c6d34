import { AppError, type ErrorCode } from '../../../domain/shared/errors.ts';
import { startTsWorker } from '../../platform/ts-worker.ts';
import { prepareLedger, type PrepareContext, type PrepareMessage } from './ledger.prepare.ts';

/**
 * Where the import's rows are read and prepared: in process, or in a worker thread
 * (ledger.import-worker.ts) so the JavaScript half runs beside PGlite (which runs on the main
 * thread). Both yield the same messages.
 */
export function preparedMessages(ctx: PrepareContext, inWorker: boolean): AsyncGenerator<PrepareMessage> {
  return inWorker ? fromWorker(ctx) : prepareLedger(ctx);
}

const WORKER = new URL('./ledger.import-worker.ts', import.meta.url);

/** Messages the worker may post ahead of the import (each at most a few hundred rows). */
const AHEAD = 8;

type WorkerReport =
  | { message: PrepareMessage }
  | { done: true }
  | { error: { code?: ErrorCode; message: string; details?: AppError['details'] } }
  | { failed: Error };

async function* fromWorker(ctx: PrepareContext): AsyncGenerator<PrepareMessage> {
  const worker = await startTsWorker(WORKER, { ctx, ahead: AHEAD });
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
