import { describe, expect, it } from 'vitest';
import { POLICY_PACKS } from '../../../policies/index.ts';
import { AppError } from '../shared/errors.ts';
import { PACKS } from '../eligibility/test-support.ts';
import { canonicalPackId, jurisdictionOfPackId, packIdForJurisdiction } from './pack-id.ts';
import { PolicyPack, type PolicyPackInput } from './pack.ts';
import { findPackVersion, getPack, resolvePack, selectPack } from './resolve.ts';
import { loadPolicyPacks, validatePack } from './validate.ts';
import { deadlineFor, schoolYearGrantFen, visitIntervalMonths } from './parameters.ts';

const pack = (p: Partial<PolicyPackInput> & Pick<PolicyPackInput, 'id' | 'jurisdiction' | 'version'>) =>
  PolicyPack.parse({ name: p.id, ...p });

describe('pack ids', () => {
  it.each([
    ['cn', 'cn'],
    ['cn-640300', 'cn-640300'],
    ['cn-6403', 'cn-640300'],
    ['CN-64', 'cn-640000'],
    ['cn-110115', 'cn-110115'],
    ['cn-640302001000', 'cn-640302001'],
  ])('%s is canonically %s', (raw, id) => {
    expect(canonicalPackId(raw)).toBe(id);
  });

  it('refuses ids that are not cn or cn-<region>', () => {
    expect(canonicalPackId('ningxia')).toBeUndefined();
    expect(canonicalPackId('cn-64030')).toBeUndefined();
  });

  it('maps ids and jurisdictions both ways', () => {
    expect(packIdForJurisdiction('6403')).toBe('cn-640300');
    expect(jurisdictionOfPackId('cn-640300')).toBe('6403');
    expect(jurisdictionOfPackId('cn')).toBe('');
  });

  it('a pack whose id does not match its jurisdiction is refused', () => {
    const r = PolicyPack.safeParse({
      id: 'cn-640300',
      name: 'x',
      jurisdiction: '640000',
      version: '2025-01-01',
    });
    expect(r.success).toBe(false);
  });
});

describe('shipped packs', () => {
  it('all load and validate (R17 floors, R12 FUC = scattered orphan, R16 HIV = orphan)', () => {
    expect(() => loadPolicyPacks(POLICY_PACKS)).not.toThrow();
    expect(PACKS.map((p) => p.id)).toEqual(['cn', 'cn-640000', 'cn-640300', 'cn-110115', 'cn-150300']);
  });

  it('Wuzhong inherits Ningxia’s taxonomy and the national calendar, and sets its own standards', () => {
    const wz = getPack(PACKS, 'cn-6403', '2025-07-01');
    expect(wz.id).toBe('cn-640300');
    expect(wz.lineage.map((l) => l.id)).toEqual(['cn', 'cn-640000', 'cn-640300']);
    expect(wz.categories).toContain('guardianship-hardship');
    expect(wz.temporaryCareAtInstitutionStandard).toBe(true);
    expect(wz.calendar.makeupWorkdays).toContain('2025-01-26');
    expect(wz.standards['orphan-allowance']).toEqual({ institution: 160000, scattered: 120000 });
    expect(wz.gradualExitMonths).toBe(6);
  });

  it('Daxing 2024: 2650 yuan for orphans in both placements, FUC and HIV; 40% ratio; grants; monthly visits', () => {
    const dx = getPack(PACKS, 'cn-110115', '2024-06-01');
    expect(dx.standards['orphan-allowance']).toEqual({ institution: 265000, scattered: 265000 });
    expect(dx.standards['fuc-allowance']?.scattered).toBe(265000);
    expect(dx.ratios.poorFamilyIllOrDisabledPercentOfOrphan).toBe(40);
    expect(dx.medical['de-facto-unsupported']).toEqual({ outpatientPercent: 80, inpatientPercent: 85 });
    expect(dx.schoolYearGrants).toEqual({
      grantMonth: 9,
      amounts: { orphan: 1000000, 'de-facto-unsupported': 800000 },
    });
    expect(dx.visits.defaultIntervalMonths).toBe(1);
  });

  it('R29: visits default to monthly for orphan/FUC/guardianship hardship and quarterly otherwise', () => {
    const cn = getPack(PACKS, 'cn', '2025-01-01');
    expect(cn.visits).toEqual({
      defaultIntervalMonths: 3,
      intervalMonthsByCategory: { orphan: 1, 'de-facto-unsupported': 1, 'guardianship-hardship': 1 },
    });
  });

  it('R10/R11: national deadlines 15/15 WD and cross-province 3/15/15/3 WD', () => {
    expect(getPack(PACKS, 'cn', '2025-01-01').deadlines).toEqual({
      townshipVerify: 15,
      countyConfirm: 15,
      crossProvince: { forward: 3, verify: 15, decide: 15, notify: 3 },
    });
  });

  it('R20: periodic re-review defaults to yearly', () => {
    expect(getPack(PACKS, 'cn', '2025-01-01').reviewIntervalMonths).toBe(12);
  });

  it('R17: the national pack holds the 2010 floors but no payable standard', () => {
    const cn = getPack(PACKS, 'cn', '2025-01-01');
    expect(cn.floors).toEqual({ institution: 100000, scattered: 60000 });
    expect(cn.standards).toEqual({});
  });
});

describe('selectPack (longest prefix of the 户籍 code, version in force)', () => {
  it('picks the city pack for a county under it', () => {
    expect(selectPack(PACKS, '640302', '2025-07-01')?.id).toBe('cn-640300');
    expect(selectPack(PACKS, '640302001002', '2025-07-01')?.id).toBe('cn-640300');
  });

  it('falls back to the province pack before the city version takes effect', () => {
    expect(selectPack(PACKS, '640302', '2024-12-31')?.id).toBe('cn-640000');
  });

  it('falls back to the national pack elsewhere', () => {
    expect(selectPack(PACKS, '110101', '2025-07-01')?.id).toBe('cn');
    expect(selectPack(PACKS, '110115', '2025-07-01')?.id).toBe('cn-110115');
  });

  it('takes the latest version in force, and never a proposed one', () => {
    const packs = [
      ...PACKS,
      pack({ id: 'cn-640300', jurisdiction: '6403', version: '2026-01-01', parent: 'cn-640000' }),
      pack({
        id: 'cn-640300',
        jurisdiction: '6403',
        version: '2025-06-01',
        parent: 'cn-640000',
        status: 'proposed',
      }),
    ];
    expect(findPackVersion(packs, 'cn-6403', '2025-12-31')?.version).toBe('2025-01-01');
    expect(findPackVersion(packs, 'cn-6403', '2026-01-01')?.version).toBe('2026-01-01');
  });

  it('nothing is selected before the national pack is in force', () => {
    expect(selectPack(PACKS, '640302', '2000-01-01')).toBeUndefined();
    expect(() => getPack(PACKS, 'cn-640300', '2000-01-01')).toThrow(AppError);
  });
});

describe('inheritance', () => {
  it('objects merge key by key; lists replace; holidays add up', () => {
    const packs = [
      pack({
        id: 'cn',
        jurisdiction: '',
        version: '2020-01-01',
        deadlines: { townshipVerify: 15, countyConfirm: 15 },
        seriousIllnesses: ['白血病'],
        calendar: { holidays: ['2025-10-01'] },
      }),
      pack({
        id: 'cn-64',
        jurisdiction: '64',
        version: '2020-01-01',
        parent: 'cn',
        deadlines: { countyConfirm: 5 },
        seriousIllnesses: ['尘肺病'],
        calendar: { holidays: ['2025-03-31'] },
      }),
    ];
    const p = resolvePack(packs, 'cn-640000', '2025-01-01');
    expect(p?.deadlines.townshipVerify).toBe(15);
    expect(p?.deadlines.countyConfirm).toBe(5);
    expect(p?.seriousIllnesses).toEqual(['尘肺病']);
    expect(p?.calendar.holidays).toEqual(['2025-03-31', '2025-10-01']);
  });

  it('a parent cycle is refused', () => {
    const packs = [
      pack({ id: 'cn-64', jurisdiction: '64', version: '2020-01-01', parent: 'cn-6403' }),
      pack({ id: 'cn-6403', jurisdiction: '6403', version: '2020-01-01', parent: 'cn-64' }),
    ];
    expect(() => resolvePack(packs, 'cn-6403', '2025-01-01')).toThrow(AppError);
  });
});

describe('validatePack', () => {
  const base = getPack(PACKS, 'cn', '2025-01-01');
  it('R17: a standard below the 2010 floor is reported', () => {
    const issues = validatePack({
      ...base,
      standards: { 'orphan-allowance': { institution: 99999, scattered: 60000 } },
    });
    expect(issues).toEqual([expect.objectContaining({ path: 'standards.orphan-allowance.institution' })]);
    expect(issues[0]?.message).toContain('低于国家最低标准1000.00元');
  });

  it('R12: a FUC standard different from the scattered-orphan standard is reported', () => {
    const issues = validatePack({
      ...base,
      standards: { 'orphan-allowance': { scattered: 120000 }, 'fuc-allowance': { scattered: 100000 } },
    });
    expect(issues.map((i) => i.path)).toEqual(['standards.fuc-allowance.scattered']);
  });

  it('R16: an HIV standard different from the orphan standard is reported', () => {
    const issues = validatePack({
      ...base,
      standards: { 'orphan-allowance': { institution: 160000 }, 'hiv-allowance': { institution: 120000 } },
    });
    expect(issues.map((i) => i.path)).toEqual(['standards.hiv-allowance.institution']);
  });

  it('loadPolicyPacks lists every problem with its path', () => {
    try {
      loadPolicyPacks([{ id: 'cn', jurisdiction: '', version: '2025-13-01' }, { id: 'x' }]);
      expect.unreachable();
    } catch (e) {
      const paths = ((e as AppError).details.issues ?? []).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['[0].name', '[0].version', '[1].id']));
    }
  });
});

describe('pack parameters', () => {
  const wz = getPack(PACKS, 'cn-640300', '2025-07-01');
  const dx = getPack(PACKS, 'cn-110115', '2025-07-01');

  it('R29: a FUC child is visited monthly, a self-hardship child quarterly; Daxing visits all monthly', () => {
    expect(visitIntervalMonths(wz, ['de-facto-unsupported', 'family-hardship'])).toBe(1);
    expect(visitIntervalMonths(wz, ['self-hardship'])).toBe(3);
    expect(visitIntervalMonths(dx, ['self-hardship'])).toBe(1);
  });

  it('R10: township verification is due 15 working days after receipt', () => {
    expect(deadlineFor(wz, 'townshipVerify', '2025-09-26')).toBe('2025-10-23');
    expect(deadlineFor(wz, 'forward', '2026-02-09')).toBe('2026-02-12');
  });

  it('Daxing school-year grants: 10,000 yuan for an orphan in school, paid in September only', () => {
    expect(schoolYearGrantFen(dx, ['orphan'], '2025-09', true)).toBe(1000000);
    expect(schoolYearGrantFen(dx, ['de-facto-unsupported'], '2025-09', true)).toBe(800000);
    expect(schoolYearGrantFen(dx, ['orphan'], '2025-10', true)).toBe(0);
    expect(schoolYearGrantFen(dx, ['orphan'], '2025-09', false)).toBe(0);
  });
});
