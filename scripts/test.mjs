#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and API tests on the embedded database, the API tests again on
// PostgreSQL when TEST_DATABASE_URL is set, then Playwright journeys in Chromium. Outside CI the
// PostgreSQL run and the browser tests are skipped with a notice when unavailable; with CI=true
// they are required. Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function run(label, cmd, args, env = {}) {
  process.stderr.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(label);
  return r.status === 0;
}

function vitest(label, projects, env = {}) {
  const out = path.join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  run(label, 'npx', args, env);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else if (!failedSteps.includes(label)) failedSteps.push(label);
}

function notice(what) {
  const line = `NOTICE: ${what}`;
  if (CI) {
    process.stderr.write(`\n✖ ${line} — required under CI\n`);
    failedSteps.push(what);
  } else process.stderr.write(`\n⚠ ${line}\n`);
}

run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
vitest('unit and API tests (embedded database)', ['unit', 'api']);

if (process.env.TEST_DATABASE_URL) {
  vitest('API tests (PostgreSQL)', ['api'], { TB_TEST_DB: 'postgres' });
} else {
  notice('TEST_DATABASE_URL is not set: the PostgreSQL run of the API tests was skipped');
}

const chromium =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (chromium) {
  if (
    run('build the web app', 'npx', [
      'vite',
      'build',
      '--config',
      'src/web/vite.config.ts',
      '--logLevel',
      'warn',
    ])
  ) {
    vitest('end-to-end tests (Chromium)', ['e2e'], { CHROMIUM_PATH: chromium });
  }
} else {
  notice('no Chromium found (/usr/bin/chromium): the browser tests were skipped');
}

fs.rmSync(tmp, { recursive: true, force: true });
if (failedSteps.length) process.stderr.write(`\nFailed: ${failedSteps.join('; ')}\n`);
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
