import { describe, expect, it } from 'vitest';
import { compareStandards } from './adjustment-rows.ts';

describe('current and proposed standards side by side', () => {
  it('each set standard gets a row with its increment; standards set nowhere are left out', () => {
    const rows = compareStandards(
      {
        'orphan-allowance': { institution: 160000, scattered: 120000 },
        'fuc-allowance': { scattered: 120000 },
      },
      {
        'orphan-allowance': { institution: 166700, scattered: 125000 },
        'fuc-allowance': { scattered: 124200 },
      },
    );
    expect(rows).toEqual([
      {
        code: 'orphan-allowance',
        placement: 'institution',
        current: 160000,
        proposed: 166700,
        increment: 6700,
      },
      {
        code: 'orphan-allowance',
        placement: 'scattered',
        current: 120000,
        proposed: 125000,
        increment: 5000,
      },
      { code: 'fuc-allowance', placement: 'scattered', current: 120000, proposed: 124200, increment: 4200 },
    ]);
  });

  it('a standard the proposal leaves out stays as inherited, unchanged', () => {
    const rows = compareStandards({ 'hiv-allowance': { scattered: 100000 } }, {});
    expect(rows).toEqual([
      { code: 'hiv-allowance', placement: 'scattered', current: 100000, proposed: 100000, increment: 0 },
    ]);
  });

  it('a standard new in the proposal has no increment to show', () => {
    const rows = compareStandards({}, { 'fuc-allowance': { institution: 130000 } });
    expect(rows).toEqual([
      {
        code: 'fuc-allowance',
        placement: 'institution',
        current: undefined,
        proposed: 130000,
        increment: undefined,
      },
    ]);
  });
});
