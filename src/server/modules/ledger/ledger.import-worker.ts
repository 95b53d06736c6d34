import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../domain/shared/errors.ts';
import { prepareLedger, type PrepareContext } from './ledger.prepare.ts';

/**
 * The ledger import's reading worker (ledger.import-source.ts): reads, validates and prepares the
 * rows, and posts them in messages. It runs at most `ahead` messages ahead of the import, which
 * acknowledges each one as it takes it (back-pressure: memory stays bounded whatever the file).
 */
const { ctx, ahead } = workerData as { ctx: PrepareContext; ahead: number };
const port = parentPort;
let credits = ahead;
let wake: (() => void) | undefined;
port?.on('message', () => {
  credits += 1;
  wake?.();
});

async function run() {
  for await (const message of prepareLedger(ctx)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    port?.postMessage({ message });
  }
  // The import terminates the worker once it has taken this.
  port?.postMessage({ done: true });
}

run().catch((e: unknown) => {
  const error =
    e instanceof AppError
      ? { code: e.code, message: e.message, details: e.details }
      : { message: e instanceof Error ? e.message : String(e) };
  port?.postMessage({ error });
});
