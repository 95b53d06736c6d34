import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsWorker, workerBundle } from './ts-worker.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-ts-worker-'));
  // ES modules, as the project's own sources are (package.json "type").
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(path.join(dir, 'twice.ts'), 'export const twice = (n: number): number => 2 * n;\n');
  const worker = (extra: string) =>
    `import { parentPort, workerData } from 'node:worker_threads';\nimport { twice } from './twice.ts';\n${extra}\n` +
    `parentPort?.postMessage({ value: twice((workerData as { n: number }).n), meta: typeof here === 'string' });\n`;
  fs.writeFileSync(path.join(dir, 'plain.ts'), worker('const here: unknown = undefined;'));
  fs.writeFileSync(path.join(dir, 'located.ts'), worker('const here: unknown = import.meta.url;'));
});
const built: string[] = [];
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of built) fs.rmSync(f, { force: true });
});

const answer = async (w: Worker) => {
  try {
    return await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  } finally {
    await w.terminate();
  }
};

describe('TypeScript worker threads', () => {
  it('run from one bundle of their sources, built once per process', async () => {
    const entry = pathToFileURL(path.join(dir, 'plain.ts'));
    const bundle = await workerBundle(entry);
    expect(bundle).toMatch(/plain-[0-9a-f]{16}\.mjs$/);
    built.push(String(bundle));
    expect(fs.readFileSync(String(bundle), 'utf8')).toContain('2 * n');
    expect(await workerBundle(entry)).toBe(bundle);
    expect(await answer(await startTsWorker(entry, { n: 21 }))).toEqual({ value: 42, meta: false });
  });

  it('run through tsx when a module needs its own location (import.meta)', async () => {
    const entry = pathToFileURL(path.join(dir, 'located.ts'));
    expect(await workerBundle(entry)).toBeUndefined();
    expect(await answer(await startTsWorker(entry, { n: 4 }))).toEqual({ value: 8, meta: true });
  });
});
