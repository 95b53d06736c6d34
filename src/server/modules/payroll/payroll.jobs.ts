import { randomUUID } from 'node:crypto';
import { AppError, conflict } from '../../../domain/shared/errors.ts';

/**
 * Generation runs in the background; the page polls its progress. The map is in-process: a
 * restart loses the progress, never data (a run is one transaction, so a crash leaves nothing).
 * One job per county-month key at a time: a second request while one runs is refused (409).
 */
export interface GenerationJob<R> {
  id: string;
  key: string;
  /** The jurisdiction asked for (normalised), to scope who may see the job. */
  region: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  result?: R;
  error?: { code: string; message: string };
  startedAt: string;
}

export function makeJobs<R>() {
  const jobs = new Map<string, GenerationJob<R>>();
  const running = new Set<string>();

  return {
    start(
      key: string,
      region: string,
      total: number,
      run: (progress: (processed: number) => void) => Promise<R>,
    ): GenerationJob<R> {
      if (running.has(key)) throw conflict('该月发放表正在生成中，请稍候查看进度');
      running.add(key);
      const job: GenerationJob<R> = {
        id: randomUUID(),
        key,
        region,
        status: 'running',
        processed: 0,
        total,
        startedAt: new Date().toISOString(),
      };
      jobs.set(job.id, job);
      const done = run((n) => {
        job.processed = n;
      })
        .then((r) => {
          job.result = r;
          job.processed = job.total;
          job.status = 'done';
        })
        .catch((e: unknown) => {
          job.status = 'failed';
          // The cause for the operator: its class and database error code only (never values).
          if (!(e instanceof AppError)) {
            const code =
              (e as { code?: unknown; cause?: { code?: unknown } }).cause?.code ??
              (e as { code?: unknown }).code;
            process.stderr.write(
              `payroll generation failed: ${e instanceof Error ? e.name : 'error'} ${String(code ?? '')}\n`,
            );
          }
          job.error =
            e instanceof AppError
              ? { code: e.code, message: e.message }
              : { code: 'INTERNAL', message: '生成失败，未写入任何数据，请重试' };
        })
        .finally(() => running.delete(key));
      pending.add(done);
      void done.finally(() => pending.delete(done));
      return job;
    },
    get: (id: string) => jobs.get(id),
    /** Resolves when every job has finished (tests, shutdown). */
    idle: () => Promise.all([...pending]).then(() => undefined),
  };
}
const pending = new Set<Promise<unknown>>();
