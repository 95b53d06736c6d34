import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idKey } from './keys.ts';
import { AS_OF, EXPECTED, P, R, REGISTRY, allRecords } from './leads.fixture.ts';
import type { Lead } from './lead-types.ts';
import { matchRosters } from './leads.ts';
import { PACKS, hmac, idFor, rosterRecords } from './test-support.ts';

const run = (records = allRecords()) =>
  matchRosters({ asOf: AS_OF, packs: PACKS, hmac, registry: REGISTRY, records });

const childIds = new Map(Object.values(P).map((id) => [idKey(id, hmac), id]));
const who = (l: Lead) =>
  l.type === 'discover' ? (childIds.get(l.childKey) ?? l.childKey) : l.fileIds.join(',');

describe('matchRosters on a generated world', () => {
  const leads = run();

  it('finds every expected lead and no other', () => {
    const got = leads.map((l) => [l.type, l.rule, who(l)]);
    expect(got.sort()).toEqual([...EXPECTED].sort());
  });

  it('gives a discovered child the category the rules engine finds, with the evidence that made it', () => {
    const fuc = leads.find((l) => l.rule === 'discover.de-facto-unsupported');
    expect(fuc?.determination?.after.categories).toContain('de-facto-unsupported');
    expect(fuc?.determination?.after.monthlyTotalFen).toBeGreaterThan(0);
    expect(fuc?.evidence.map((e) => e.roster).sort()).toEqual([
      'custody',
      'death',
      'household',
      'household',
      'household',
    ]);
    expect(fuc?.hukouRegion).toBe('640302');
    const orphan = leads.find((l) => l.rule === 'discover.orphan');
    expect(orphan?.determination?.after.categories).toContain('orphan');
    const poor = leads.find((l) => l.rule === 'discover.family-hardship');
    expect(poor?.determination?.after.categories).toEqual(['family-hardship', 'self-hardship']);
  });

  it("shows a review lead's determination now and with the new evidence", () => {
    const released = leads.find((l) => l.rule === 'review.parent-released');
    expect(released?.determination?.before?.categories).toContain('de-facto-unsupported');
    expect(released?.determination?.after.categories).not.toContain('de-facto-unsupported');
    expect(released?.suggestedChanges).toEqual([
      { op: 'end-condition', parent: 'father', kind: 'imprisoned', since: '2022-01-01', until: '2025-03-01' },
    ]);
    const died = leads.find((l) => l.rule === 'review.child-died');
    expect(died?.determination?.after).toMatchObject({ categories: [], monthlyTotalFen: 0 });
    expect(died?.suggestedChanges).toEqual([{ op: 'exit', reason: 'died', date: '2025-06-01' }]);
  });

  it('never applies a name + birth-date match, only scores it', () => {
    const fuzzy = leads.filter((l) => l.scoreIfFuzzy !== undefined);
    expect(fuzzy.map((l) => [l.rule, l.scoreIfFuzzy]).sort()).toEqual([
      ['data-quality.different-id', 0.9],
      ['data-quality.id-check-digit', 1],
    ]);
    expect(leads.some((l) => l.fileIds.includes('F-r12') && l.type === 'review')).toBe(false);
  });

  it('carries keyed hashes only, never a clear ID number', () => {
    const text = JSON.stringify(leads);
    for (const id of [...Object.values(P), ...Object.values(R)]) expect(text).not.toContain(id);
  });

  it('gives the same dedupe keys when the same rosters come again in another order and upload', () => {
    const again = run(allRecords('reversed', 'upload-2'));
    expect(again.map((l) => l.dedupeKey).sort()).toEqual(leads.map((l) => l.dedupeKey).sort());
    expect(new Set(leads.map((l) => l.dedupeKey)).size).toBe(leads.length);
  });

  it('judges on the asOf date it is given', () => {
    const early = matchRosters({
      asOf: '2025-02-15',
      packs: PACKS,
      hmac,
      registry: REGISTRY,
      records: allRecords(),
    });
    const rules = early.map((l) => l.rule);
    expect(rules).not.toContain('review.parent-released');
    expect(rules).not.toContain('review.child-adopted');
    expect(rules).toContain('review.assistance-ended');
  });
});

describe('dedupe keys', () => {
  it('are stable for any permutation of the same records', () => {
    const records = allRecords();
    const base = run(records)
      .map((l) => l.dedupeKey)
      .sort();
    fc.assert(
      fc.property(
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        (shuffled) => {
          expect(
            run(shuffled)
              .map((l) => l.dedupeKey)
              .sort(),
          ).toEqual(base);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('parents linked through the household roster', () => {
  it("raise a review when a registered child's father, known only through 户号, has died", () => {
    const child = R.r2;
    const father = idFor('640302', '1980-03-03', '771');
    const registry = REGISTRY.filter((f) => f.fileId === 'F-r4').map((f) => ({
      ...f,
      facts: { ...f.facts, child: { ...f.facts.child, idNumber: child }, parents: [] },
    }));
    const records = [
      ...rosterRecords('household', [
        { 户号: 'H9', 公民身份号码: father, 姓名: '杨父', 与户主关系: '户主', 户籍地区划代码: '640302' },
        { 户号: 'H9', 公民身份号码: child, 姓名: '杨四', 与户主关系: '子', 户籍地区划代码: '640302' },
      ]),
      ...rosterRecords('death', [{ 姓名: '杨父', 公民身份号码: father, 死亡日期: '2025-01-01' }]),
    ];
    const leads = matchRosters({ asOf: AS_OF, packs: PACKS, hmac, registry, records });
    expect(leads.map((l) => [l.rule, l.evidence.map((e) => e.roster).sort()])).toEqual([
      ['review.parent-died', ['death', 'household', 'household']],
    ]);
    expect(leads[0]?.suggestedChanges).toEqual([
      { op: 'add-condition', parent: 'father', condition: { kind: 'deceased', since: '2025-01-01' } },
    ]);
  });
});
