import { describe, expect, it } from 'vitest';
import { INTERCHANGE_EXAMPLE } from '../../../domain/eligibility/example.ts';
import { parseChildFacts } from '../../../domain/eligibility/facts.ts';
import {
  defaultFactsValues,
  fromChildFacts,
  isYuanAmount,
  toChildFacts,
  type FactsFormValues,
} from './facts-form.ts';

describe('the 政策测算 form and ChildFacts', () => {
  it('the interchange example survives a round trip through the form unchanged (birth date derived from the ID)', () => {
    const { facts, roles } = toChildFacts(fromChildFacts(INTERCHANGE_EXAMPLE));
    const { birthDate: _derived, ...child } = INTERCHANGE_EXAMPLE.child;
    expect(facts).toEqual({ ...INTERCHANGE_EXAMPLE, child });
    expect(roles).toEqual(['father', 'mother']);
    expect(parseChildFacts(facts, '2025-08-01').ok).toBe(true);
  });

  it('hardships and guardianship harm reach the facts; incomplete hardship rows are left out', () => {
    const base = fromChildFacts(INTERCHANGE_EXAMPLE);
    const v: FactsFormValues = {
      ...base,
      child: {
        ...base.child,
        guardianshipHarm: ['abuse', 'neglect'],
        hardships: [{ kind: 'accident', since: '2025-06-01', until: '2025-12-31' }, { kind: 'disaster' }],
      },
    };
    const { facts } = toChildFacts(v);
    expect(facts.child.guardianshipHarm).toEqual(['abuse', 'neglect']);
    expect(facts.child.hardships).toEqual([{ kind: 'accident', since: '2025-06-01', until: '2025-12-31' }]);
    expect(toChildFacts(base).facts.child).not.toHaveProperty('hardships');
    const back = fromChildFacts(facts as never);
    expect(back.child.guardianshipHarm).toEqual(['abuse', 'neglect']);
    expect(parseChildFacts(facts, '2025-08-01').ok).toBe(true);
  });

  it('defaults are today, the user’s jurisdiction, at home, not in school and no assistance', () => {
    const v = defaultFactsValues('2025-08-01', '640302');
    expect(v.asOf).toBe('2025-08-01');
    expect(v.child.hukouRegion).toBe('640302');
    expect(v.child.residenceRegion).toBe('640302');
    expect(defaultFactsValues('2025-08-01', '').child.hukouRegion).toBeUndefined();
  });

  it('a parent with nothing recorded is left out, and roles say which slot each sent parent came from', () => {
    const v: FactsFormValues = {
      ...defaultFactsValues('2025-07-01', '640302'),
      parents: [
        { conditions: [] },
        { conditions: [{ kind: 'imprisoned', since: '2024-01-01', until: '2030-01-01' }] },
      ],
    };
    const { facts, roles } = toChildFacts(v);
    expect(facts.parents).toEqual([
      { role: 'mother', conditions: [{ kind: 'imprisoned', since: '2024-01-01', until: '2030-01-01' }] },
    ]);
    expect(roles).toEqual(['mother']);
  });

  it('a condition carries its disability or illness only for the kinds that take one', () => {
    const v: FactsFormValues = {
      ...defaultFactsValues('2025-07-01', '640302'),
      parents: [
        {
          conditions: [
            {
              kind: 'severe-disability',
              since: '2020-01-01',
              disability: { kind: 'physical', grade: 1 },
              illness: '白血病',
            },
            { kind: 'deceased', since: '2020-01-01', disability: { kind: 'physical', grade: 1 } },
            { kind: 'serious-illness', since: '2021-01-01', illness: ' 尿毒症 ' },
          ],
        },
        { conditions: [] },
      ],
    };
    expect(toChildFacts(v).facts.parents?.[0]?.conditions).toEqual([
      { kind: 'severe-disability', since: '2020-01-01', disability: { kind: 'physical', grade: 1 } },
      { kind: 'deceased', since: '2020-01-01' },
      { kind: 'serious-illness', since: '2021-01-01', illness: '尿毒症' },
    ]);
  });

  it('yuan become fen by string arithmetic, and city or province codes are sent in six-digit form', () => {
    const v = defaultFactsValues('2025-07-01', '6403');
    v.household = { assistance: 'dibao', receivedYuan: '620.29' };
    v.child.residenceRegion = '640302001';
    const { facts } = toChildFacts(v);
    expect(facts.household).toEqual({ assistance: 'dibao', receivedMonthlyFen: 62029 });
    expect(facts.child.hukouRegion).toBe('640300');
    expect(facts.child.residenceRegion).toBe('640302001');
  });

  it('a birth date is sent only when there is no ID number to derive it from', () => {
    const v = defaultFactsValues('2025-07-01', '640302');
    v.child.birthDate = '2016-05-05';
    expect(toChildFacts(v).facts.child.birthDate).toBe('2016-05-05');
    v.child.idNumber = ' 640302201503120020 ';
    expect(toChildFacts(v).facts.child).toMatchObject({ idNumber: '640302201503120020' });
    expect(toChildFacts(v).facts.child.birthDate).toBeUndefined();
  });

  it('the child’s disability is sent only with a kind', () => {
    const v = defaultFactsValues('2025-07-01', '640302');
    v.child.disability = { grade: 2 };
    expect(toChildFacts(v).facts.child.disability).toBeUndefined();
    v.child.disability = { kind: 'intellectual', grade: 2 };
    expect(toChildFacts(v).facts.child.disability).toEqual({ kind: 'intellectual', grade: 2 });
  });

  it.each([
    ['0', true],
    ['1200.5', true],
    ['1,200.50', true],
    ['1.234', false],
    ['-3', false],
    ['abc', false],
    [undefined, false],
  ])('the amount %s is a valid yuan amount: %s', (s, ok) => {
    expect(isYuanAmount(s)).toBe(ok);
  });
});
