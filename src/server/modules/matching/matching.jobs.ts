/** Uploads being processed in this process: progress for the page, a cancel flag for the job. */
export interface JobState {
  phase: 'reading' | 'matching' | 'done';
  rowsRead: number;
  /** CSV bytes read of totalBytes (xlsx: 0 read, progress by rows only). */
  bytesRead: number;
  totalBytes: number;
  matched: number;
  toMatch: number;
  cancel: boolean;
  /** Milliseconds per phase (registry, read, analyze, decide, store), for the CLI and the bench. */
  timings: Record<string, number>;
  done: Promise<void>;
}

export function makeJobs() {
  const jobs = new Map<string, JobState>();
  return {
    get: (id: string) => jobs.get(id),
    start(id: string, run: (job: JobState) => Promise<void>): JobState {
      const job: JobState = {
        phase: 'reading',
        rowsRead: 0,
        bytesRead: 0,
        totalBytes: 0,
        matched: 0,
        toMatch: 0,
        cancel: false,
        timings: {},
        done: Promise.resolve(),
      };
      jobs.set(id, job);
      job.done = run(job).finally(() => {
        job.phase = 'done';
        // Kept briefly so a last progress poll sees the end; the roster row holds the outcome.
        setTimeout(() => jobs.delete(id), 60_000).unref();
      });
      return job;
    },
  };
}
export type Jobs = ReturnType<typeof makeJobs>;
