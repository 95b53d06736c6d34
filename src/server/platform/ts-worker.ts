import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';

// Sources are TypeScript run through tsx (bin/tongbao.mjs): a worker registers it before loading.
const require = createRequire(import.meta.url);
// require.resolve finds the CommonJS entry; the worker needs its ES module twin beside it.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/**
 * Bundles live beside the packages they import (node_modules/.cache), so the bare imports left
 * in them resolve as they do from the sources.
 */
const CACHE = path.join(
  path.dirname(path.dirname(require.resolve('esbuild/package.json'))),
  '.cache',
  'tongbao-workers',
);

const bundles = new Map<string, Promise<string | undefined>>();

/**
 * The worker module `entry` with our sources bundled into one ES module (packages stay imports),
 * written once per process and content: a worker started through tsx's loader spends ~0.8 s of
 * CPU on its module graph (each module a round trip to the loader's thread), a bundle ~0.15 s
 * (ADR 0006a, seventh pass). Undefined when it cannot be bundled or run from elsewhere (it uses
 * import.meta): the worker then goes through tsx.
 */
export function workerBundle(entry: URL): Promise<string | undefined> {
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = buildBundle(entry).catch(() => undefined);
    bundles.set(entry.href, bundle);
  }
  return bundle;
}

async function buildBundle(entry: URL): Promise<string | undefined> {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined || code.includes('import.meta')) return undefined;
  const name = path.basename(entry.pathname).replace(/\.ts$/, '');
  const file = path.join(
    CACHE,
    `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
  );
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written under another name and renamed: a process reading it never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  }
  return file;
}

/**
 * A worker thread running the TypeScript module `entry` (e.g. `new URL('./x.ts', import.meta.url)`):
 * its bundle (workerBundle) when there is one, else the sources through tsx.
 */
export async function startTsWorker(entry: URL, workerData: unknown): Promise<Worker> {
  const bundle = await workerBundle(entry);
  if (bundle !== undefined) return new Worker(bundle, { workerData });
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
