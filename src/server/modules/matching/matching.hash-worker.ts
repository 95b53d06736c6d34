import { parentPort, workerData } from 'node:worker_threads';
import { handedOver, hashRows, type HashContext, type ReadBatch } from './matching.hashing.ts';
import { keyedHash } from './matching.keys.ts';
import type { RecordIdBlocks } from './matching.record-ids.ts';
import { KeyPrefixSet, type SharedPrefixes } from './matching.seeds.ts';

/** A hashing worker (matching.hash-pool.ts): batches of table rows in, record columns out. */
const { secret, context } = workerData as { secret: string; context: HashContext };
const hmac = keyedHash(secret);
const port = parentPort;
let registry: KeyPrefixSet | undefined;
type Message =
  | { seq: number; rows: ReadBatch; ids: RecordIdBlocks; out?: Uint8Array }
  | { seq: 0; registry: SharedPrefixes };
port?.on('message', (m: Message) => {
  // The registry's key prefixes (shared memory): batches from here on are probed here.
  if ('registry' in m) {
    registry = KeyPrefixSet.of(m.registry);
    return;
  }
  try {
    const batch = hashRows(context, hmac, m.rows, m.ids, registry, m.out);
    // COPY bytes in the given slot are shared memory; any others are handed over, not copied.
    port.postMessage({ seq: m.seq, batch }, handedOver(batch.payload));
  } catch (e) {
    port.postMessage({ seq: m.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
// Loaded: the pool stops hashing in process (matching.hash-pool.ts).
port?.postMessage({ seq: 0, ready: true });
