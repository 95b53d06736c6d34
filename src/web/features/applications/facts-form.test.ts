import { describe, expect, it } from 'vitest';
import { formFieldOf, fromIdNumber, fromParents, toFactsDocument, toParents } from './facts-form.ts';

const base = {
  name: ' 马小花 ',
  idNumber: '640302201503120020',
  hukouRegion: '640302106001',
  placement: 'kinship',
  schooling: 'compulsory',
  assistance: 'none',
  receivedYuan: '120.5',
  father: { conditions: [{ kind: 'deceased', since: '2023-05-01' }] },
  mother: { conditions: [{ kind: 'imprisoned', since: '2024-03-01', until: '2031-03-01' }] },
};

describe('the application form', () => {
  it('reads birth date and sex from the ID number', () => {
    expect(fromIdNumber('640302201503120020')).toEqual({ birthDate: '2015-03-12', sex: 'female' });
    expect(fromIdNumber('640302201503120021')).toBeUndefined();
  });
  it('builds the facts document: trimmed name, 户籍 as residence by default, yuan to fen', () => {
    const doc = toFactsDocument(base);
    expect(doc.child).toMatchObject({
      name: '马小花',
      birthDate: '2015-03-12',
      residenceRegion: '640302106001',
    });
    expect(doc.parents.map((p) => p.role)).toEqual(['father', 'mother']);
    expect(doc.household.receivedMonthlyFen).toBe(12050);
  });
  it('leaves out a parent with nothing recorded, and empty condition rows', () => {
    const doc = toFactsDocument({ ...base, father: { conditions: [{}] } });
    expect(doc.parents.map((p) => p.role)).toEqual(['mother']);
  });
  it("puts the server's issues under the right field", () => {
    const doc = toFactsDocument(base);
    expect(formFieldOf('child.facts.child.idNumber', doc)).toEqual(['idNumber']);
    expect(formFieldOf('child.facts.parents.1.conditions.0.until', doc)).toEqual([
      'mother',
      'conditions',
      0,
      'until',
    ]);
    expect(formFieldOf('applicant.name', doc)).toBeUndefined();
  });
  it('edits parents round-trip: stored document → form → document', () => {
    const doc = toFactsDocument(base);
    const { father, mother } = fromParents(doc.parents);
    expect(toParents(father, mother)).toEqual(doc.parents);
  });
});
