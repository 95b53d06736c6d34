import type { Worker } from 'node:worker_threads';
import type { KeyedHash } from '../../../domain/matching/index.ts';
import { startTsWorker } from '../../platform/ts-worker.ts';
import {
  handedOver,
  hashRows,
  type HashContext,
  type HashedBatch,
  type ReadBatch,
} from './matching.hashing.ts';
import type { RecordIdBlocks } from './matching.record-ids.ts';
import type { KeyPrefixSet } from './matching.seeds.ts';

/**
 * Where intake hashes its batches: in worker threads (node:worker_threads) for large files, so
 * validation, pinyin and HMACs run beside the reader and the inserts; in process otherwise.
 * The caller bounds the batches in flight (back-pressure), so the queues stay short.
 */
export interface HashPool {
  readonly size: number;
  /** Resolves when batches go to worker threads (at once for the in-process pool). */
  readonly started: Promise<void>;
  /**
   * Hashes a batch, its accepted rows numbered from `ids` (matching.record-ids.ts), its COPY
   * input built in `out` while it fits (shared memory the caller reuses once written).
   */
  hash(rows: ReadBatch, ids: RecordIdBlocks, out?: Uint8Array): Promise<HashedBatch>;
  /** The registry's key prefixes: batches hashed from now on are probed where they are hashed. */
  share(registry: KeyPrefixSet): void;
  close(): Promise<void>;
}

export function inProcessPool(context: HashContext, hmac: KeyedHash): HashPool {
  let registry: KeyPrefixSet | undefined;
  return {
    size: 1,
    started: Promise.resolve(),
    hash: async (rows, ids, out) => hashRows(context, hmac, rows, ids, registry, out),
    share: (set) => (registry = set),
    close: async () => undefined,
  };
}

const WORKER = new URL('./matching.hash-worker.ts', import.meta.url);

type Pending = { resolve: (b: HashedBatch) => void; reject: (e: Error) => void };

/**
 * Worker threads hashing batches. A worker takes a moment to start (its bundle is built once per
 * process — platform/ts-worker.ts — then the pinyin dictionary loads): until one says it is
 * ready, batches are hashed here in process (`hmac`), so reading does not wait for the start-up.
 */
export function workerPool(context: HashContext, secret: string, size: number, hmac: KeyedHash): HashPool {
  let seq = 0;
  const ready: boolean[] = [];
  let onStarted = () => undefined as void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const pending = new Map<number, Pending & { worker: number }>();
  const busy: number[] = Array.from({ length: size }, () => 0);
  const workers: (Worker | undefined)[] = [];
  let registry: KeyPrefixSet | undefined;
  let closed = false;
  const attach = (w: Worker, i: number) => {
    w.on('message', (m: { seq: number; ready?: true; batch?: HashedBatch; error?: string }) => {
      if (m.ready) {
        ready[i] = true;
        onStarted();
        return;
      }
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      busy[i] = (busy[i] ?? 1) - 1;
      if (m.batch) p.resolve(m.batch);
      else p.reject(new Error(m.error ?? 'hash worker failed'));
    });
    const fail = (e: Error) => {
      ready[i] = false;
      for (const [k, p] of pending)
        if (p.worker === i) {
          pending.delete(k);
          p.reject(e);
        }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`hash worker exited (${code})`)));
  };
  for (let i = 0; i < size; i++) {
    // A worker that cannot start leaves its share of the batches to this thread.
    void startTsWorker(WORKER, { secret, context }).then(
      (w) => {
        if (closed) return void w.terminate();
        workers[i] = w;
        attach(w, i);
        if (registry) w.postMessage({ seq: 0, registry: registry.shared });
      },
      () => undefined,
    );
  }
  return {
    size,
    started,
    hash(rows, ids, out) {
      // The least busy ready worker takes the batch; none ready yet: hashed here.
      let target = -1;
      for (let i = 0; i < size; i++)
        if (ready[i] && (target < 0 || (busy[i] ?? 0) < (busy[target] ?? 0))) target = i;
      const worker = target < 0 ? undefined : workers[target];
      if (!worker) return Promise.resolve().then(() => hashRows(context, hmac, rows, ids, registry, out));
      busy[target] = (busy[target] ?? 0) + 1;
      const id = (seq += 1);
      return new Promise<HashedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: target });
        // A run of CSV lines is shared memory, or handed over: never copied (readers/csv.ts).
        worker.postMessage(
          { seq: id, rows, ids, out },
          handedOver(Array.isArray(rows) ? undefined : rows.bytes),
        );
      });
    },
    share(set) {
      registry = set;
      // Ahead of any batch posted after it (a port delivers in order); the slots are shared
      // memory. A worker not yet started gets it when it is.
      if (!closed) for (const w of workers) w?.postMessage({ seq: 0, registry: set.shared });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w?.terminate()));
    },
  };
}
