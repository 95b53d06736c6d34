import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYearMonths, yearMonthOf } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { countsFrom } from './children.changes.ts';
import {
  confirmedChild,
  daysAgo,
  fucFacts,
  idNumber,
  monthsAgo,
  TODAY,
  uploadEvidence,
} from './test-fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

let seq = 0;
type Facts = ReturnType<typeof fucFacts>;
const newFacts = (): Facts => fucFacts({ id: idNumber(`64030220140601${String(700 + seq++)}`) });

/** A child with both parents alive and well: no category before the change. */
const plainFacts = () => {
  const f = newFacts();
  return { ...f, parents: [] as Facts['parents'] };
};

const patch = (id: string, body: object, as = 'litong-county') =>
  t.call({ method: 'PATCH', url: `/api/v1/children/${id}/facts`, as, payload: body });
const determinations = async (id: string) =>
  (await t.call({ method: 'GET', url: `/api/v1/children/${id}/determinations`, as: 'litong-county' })).json();

async function registered(facts: object): Promise<string> {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/children',
    as: 'litong-county',
    payload: { facts },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().child.id as string;
}

describe('countsFrom: a change within a month counts from the next', () => {
  it.each([
    ['2026-03-01', '2026-03'],
    ['2026-03-15', '2026-04'],
    ['2026-12-31', '2027-01'],
  ])('%s → %s', (date, month) => expect(countsFrom(date)).toBe(month));
});

describe('PATCH /children/:id/facts with an effective date and evidence', () => {
  it("a disability certificate (一级) with its date and evidence: the engine's determination changes; history and audit name both", async () => {
    const facts = plainFacts();
    const id = await registered(facts);
    expect((await determinations(id)).evaluated.categories).toEqual([]);
    const evidence = await uploadEvidence(t, 'litong-county', id, 'disability-certificate');
    const date = daysAgo(40);
    const res = await patch(id, {
      facts: { ...facts, child: { ...facts.child, disability: { kind: 'physical', grade: 1 } } },
      reason: '取得残疾人证',
      effectiveDate: date,
      evidenceAttachmentId: evidence,
      expectedVersion: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect((await determinations(id)).evaluated.categories).toContain('self-hardship');

    const history = (
      await t.call({ method: 'GET', url: `/api/v1/children/${id}/history`, as: 'litong-county' })
    ).json().items;
    expect(history[0]).toMatchObject({
      version: 2,
      effectiveDate: date,
      effectiveFrom: countsFrom(date),
      evidence: { id: evidence, kind: 'disability-certificate', fileName: 'evidence.png' },
      changed: ['child.disability'],
    });
    const audit = (await t.auditRows('child.update-facts')).filter((r) => r.entity_id === id).at(-1);
    expect(audit?.detail).toMatchObject({ effectiveDate: date, evidence, changed: ['child.disability'] });
  });

  it('refuses an effective date after today, and evidence that is not on this file, naming the field', async () => {
    const facts = plainFacts();
    const id = await registered(facts);
    const other = await registered(plainFacts());
    const foreign = await uploadEvidence(t, 'litong-county', other, 'disability-certificate');
    const changed = { ...facts, child: { ...facts.child, schooling: 'none' } };
    const future = await patch(id, { facts: changed, reason: '辍学', effectiveDate: addDays(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0]).toMatchObject({ path: 'effectiveDate' });
    const wrong = await patch(id, { facts: changed, reason: '辍学', evidenceAttachmentId: foreign });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues[0]).toMatchObject({ path: 'evidenceAttachmentId' });
    // Nothing was written by either refusal.
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/children/${id}`, as: 'litong-county' })).json().version,
    ).toBe(1);
  });

  it('on an active child, the months from the one after the certificate date are re-determined; earlier months keep theirs', async () => {
    const facts = newFacts();
    const id = await confirmedChild(t, facts, 14);
    // Every month since the (back-dated) confirmation is stored first.
    const all = await patch(id, {
      facts: { ...facts, child: { ...facts.child, residentSince: monthsAgo(30) } },
      reason: '补录居住起始日期',
      effectiveFrom: yearMonthOf(monthsAgo(13)),
    });
    expect(all.statusCode, all.body).toBe(200);
    const date = `${yearMonthOf(monthsAgo(3))}-15`;
    const res = await patch(id, {
      facts: {
        ...facts,
        child: {
          ...facts.child,
          residentSince: monthsAgo(30),
          disability: { kind: 'intellectual', grade: 1 },
        },
      },
      reason: '取得残疾人证',
      effectiveDate: date,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = (await determinations(id)).items as {
      month: string;
      categories: string[];
      factsVersion: number;
    }[];
    const from = addYearMonths(yearMonthOf(date), 1);
    const at = (m: string) => items.find((i) => i.month === m);
    expect(at(from)?.categories).toContain('self-hardship');
    expect(at(yearMonthOf(date))?.categories).not.toContain('self-hardship');
    expect(at(yearMonthOf(TODAY))?.categories).toEqual(
      expect.arrayContaining(['self-hardship', 'de-facto-unsupported']),
    );
  });

  it('an adoption recorded late exits on the adoption date (no 渐退期), not on the day it was recorded', async () => {
    const facts = newFacts();
    const id = await confirmedChild(t, facts, 14);
    const adopted = daysAgo(50);
    const res = await patch(id, {
      facts: { ...facts, child: { ...facts.child, placement: 'adopted' } },
      reason: '依法被收养',
      effectiveDate: adopted,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      exitReason: 'adopted',
      exitedAt: adopted,
      exit: {
        reason: 'adopted',
        eventDate: adopted,
        gradualExitMonths: 0,
        lastPaidMonth: yearMonthOf(adopted),
        source: 'facts',
      },
    });
  });

  it('an explicit exit (death) keeps its evidence', async () => {
    const id = await confirmedChild(t, newFacts(), 14);
    const evidence = await uploadEvidence(t, 'litong-county', id, 'death-certificate');
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/children/${id}/exit`,
      as: 'litong-county',
      payload: { reason: 'died', eventDate: daysAgo(3), evidenceAttachmentId: evidence },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.database.exec(
      'select evidence_attachment_id from child_exits where child_id = $1',
      [id],
    );
    expect(rows[0]).toMatchObject({ evidence_attachment_id: evidence });
    expect(res.json().exit).toMatchObject({ reason: 'died', evidenceAttachmentId: evidence });
  });
});
