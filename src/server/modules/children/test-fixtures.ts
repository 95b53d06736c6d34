import type { TestContext } from '../../test-support.ts';
import { addDays, addMonths } from '../../../domain/shared/dates.ts';
import { idCheckChar } from '../../../domain/shared/id-number.ts';
import { todayInChina } from '../../platform/clock.ts';

/** A valid 公民身份号码 from its first 17 digits. */
export const idNumber = (first17: string) => first17 + idCheckChar(first17);

export const TODAY = todayInChina();
export const daysAgo = (n: number) => addDays(TODAY, -n);
export const monthsAgo = (n: number) => addMonths(TODAY, -n);

/**
 * 事实无人抚养儿童 under the 吴忠 pack: father dead, mother in prison for seven years
 * (民发〔2019〕62号: 一方死亡、另一方服刑在押).
 */
export function fucFacts(opts: { id?: string; name?: string; hukou?: string } = {}) {
  return {
    child: {
      ...(opts.id === undefined ? {} : { idNumber: opts.id }),
      name: opts.name ?? '马小花',
      hukouRegion: opts.hukou ?? '640302106001',
      placement: 'kinship',
      schooling: 'compulsory',
    },
    parents: [
      { role: 'father', conditions: [{ kind: 'deceased', since: monthsAgo(30) }] },
      {
        role: 'mother',
        conditions: [{ kind: 'imprisoned', since: monthsAgo(20), until: addMonths(monthsAgo(20), 84) }],
      },
    ],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  };
}

export const applicant = {
  kind: 'village-committee',
  name: '富平社区居委会',
  relation: '村（居）委会',
} as const;

/** Files an application, verifies and confirms it; the confirmation is then dated `monthsBack` back. */
export async function confirmedChild(t: TestContext, facts: object, monthsBack = 14): Promise<string> {
  const filed = await t.call({
    method: 'POST',
    url: '/api/v1/applications',
    as: 'jinxing-village-01',
    payload: { child: { facts }, applicant },
  });
  if (filed.statusCode !== 201) throw new Error(`application: ${filed.statusCode} ${filed.body}`);
  const { id, child } = filed.json().application;
  for (const [as, action] of [
    ['jinxing-township', 'verify'],
    ['litong-county', 'confirm'],
  ] as const) {
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/applications/${id}/actions`,
      as,
      payload: { action },
    });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  }
  await t.database.exec('update children set confirmed_at = $1 where id = $2', [
    monthsAgo(monthsBack),
    child.id,
  ]);
  return child.id as string;
}

/** A minimal multipart upload of one evidence file (PNG by its magic bytes). */
export async function uploadEvidence(t: TestContext, as: string, childId: string, kind: string) {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(32, 1),
  ]);
  const boundary = `----tb${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.call({
    method: 'POST',
    url: `/api/v1/children/${childId}/attachments`,
    as,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
