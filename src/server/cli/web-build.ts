import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_DIST } from '../app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than its sources (web and domain). */
export async function buildWebIfNeeded(log: (m: string) => void): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src/web')),
    newestMtime(path.join(ROOT, 'src/domain')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  log('正在构建网页端（首次启动需要约半分钟）… / building the web app…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'src/web/vite.config.ts'), logLevel: 'warn' });
}
