import { expect } from 'vitest';
import { addMonths } from '../../../domain/shared/dates.ts';
import type { TestContext } from '../../test-support.ts';
import { monthsAgo, TODAY } from '../children/test-fixtures.ts';

/** Uploads a roster as CSV text through the API and waits until it is processed. */
export async function uploadRoster(
  t: TestContext,
  as: string,
  type: string,
  csv: string,
  query: Record<string, string> = {},
) {
  const boundary = 'tbroster';
  const qs = new URLSearchParams({ type, sourceDepartment: '公安局', ...query }).toString();
  const res = await t.call({
    method: 'POST',
    url: `/api/v1/matching/rosters?${qs}`,
    as,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\n\r\n`,
      ),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (res.statusCode !== 202) return res;
  const id = res.json().id as string;
  for (let i = 0; i < 400; i++) {
    const r = await t.call({ method: 'GET', url: `/api/v1/matching/rosters/${id}`, as });
    expect(r.statusCode).toBe(200);
    if (r.json().status !== 'running') return r;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('roster did not finish');
}

export const csvOf = (header: string[], rows: string[][]) =>
  [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';

/**
 * Files a child through the API (as litong-county, 金星镇) whose father is alive and whose mother
 * is, unless `motherJailed` is false, serving a sentence (since 20 months, 5 more years): a
 * father's death in a roster then makes a review lead. Returns the file's id.
 */
export async function registerFamily(
  t: TestContext,
  ids: { child: string; father: string; mother: string },
  name: string,
  motherJailed = true,
): Promise<string> {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/children',
    as: 'litong-county',
    payload: {
      facts: {
        child: {
          idNumber: ids.child,
          name,
          hukouRegion: '640302106001',
          placement: 'kinship',
          schooling: 'compulsory',
        },
        parents: [
          { role: 'father', idNumber: ids.father, conditions: [] },
          {
            role: 'mother',
            idNumber: ids.mother,
            conditions: motherJailed
              ? [{ kind: 'imprisoned', since: monthsAgo(20), until: addMonths(TODAY, 60) }]
              : [],
          },
        ],
        household: { assistance: 'none', receivedMonthlyFen: 0 },
      },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().child.id as string;
}
