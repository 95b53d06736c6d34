import { describe, expect, it } from 'vitest';
import type { FactsDocument } from './children.api.ts';
import { applyChange } from './fact-changes.ts';

const facts: FactsDocument = {
  child: {
    birthDate: '2016-08-05',
    hukouRegion: '640302106001',
    residenceRegion: '640302106001',
    hiv: false,
    placement: 'home',
    schooling: 'compulsory',
    disability: { kind: 'physical', grade: 3 },
    hardships: [{ kind: 'accident', since: '2026-01-10' }],
  },
  parents: [],
  household: { assistance: 'none', receivedMonthlyFen: 0 },
};
const factsOf = (r: ReturnType<typeof applyChange>) => {
  if (r.type !== 'facts') throw new Error('expected a facts change');
  return r.facts;
};

describe('applyChange: what each kind of dated change edits', () => {
  it('a new 残疾人证 replaces the disability; 注销 removes it', () => {
    const after = factsOf(
      applyChange(facts, 'disability', { disabilityKind: 'intellectual', grade: 1 }, '2026-11-03'),
    );
    expect(after.child.disability).toEqual({ kind: 'intellectual', grade: 1 });
    expect(
      factsOf(applyChange(facts, 'disability', { ended: true }, '2026-11-03')).child.disability,
    ).toBeUndefined();
  });

  it('a hardship is added from the effective date, or an open one ended on it', () => {
    const added = factsOf(applyChange(facts, 'hardship', { hardshipKind: 'disaster' }, '2026-11-03'));
    expect(added.child.hardships).toEqual([
      { kind: 'accident', since: '2026-01-10' },
      { kind: 'disaster', since: '2026-11-03' },
    ]);
    const ended = factsOf(applyChange(facts, 'hardship', { endHardship: 0 }, '2026-11-03'));
    expect(ended.child.hardships).toEqual([{ kind: 'accident', since: '2026-01-10', until: '2026-11-03' }]);
  });

  it('household assistance and the amount already received, typed in yuan, kept in fen', () => {
    const after = factsOf(
      applyChange(facts, 'household', { assistance: 'dibao', receivedYuan: '520.50' }, '2026-11-01'),
    );
    expect(after.household).toEqual({ assistance: 'dibao', receivedMonthlyFen: 52050 });
  });

  it('a move of residence dates residentSince; adoption sets the placement', () => {
    const moved = factsOf(applyChange(facts, 'residence', { residenceRegion: '640303' }, '2026-10-01'));
    expect(moved.child).toMatchObject({ residenceRegion: '640303', residentSince: '2026-10-01' });
    expect(factsOf(applyChange(facts, 'adoption', {}, '2026-10-01')).child.placement).toBe('adopted');
  });

  it('death and a move out of the jurisdiction are exits with their date, not facts', () => {
    expect(applyChange(facts, 'death', {}, '2026-11-02')).toEqual({
      type: 'exit',
      reason: 'died',
      eventDate: '2026-11-02',
    });
    expect(applyChange(facts, 'movedAway', {}, '2026-11-02')).toMatchObject({
      type: 'exit',
      reason: 'moved-away',
    });
  });

  it('leaves the facts it was given unchanged', () => {
    const before = structuredClone(facts);
    applyChange(facts, 'hardship', { hardshipKind: 'other' }, '2026-11-03');
    applyChange(facts, 'disability', { ended: true }, '2026-11-03');
    expect(facts).toEqual(before);
  });
});
