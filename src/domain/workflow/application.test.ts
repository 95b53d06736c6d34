import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/access.ts';
import type { Role } from '../access/roles.ts';
import {
  APPLICATION_ACTIONS,
  availableActions,
  checkAction,
  foldApplication,
  TRANSITIONS,
  type ApplicationAction,
  type ApplicationStatus,
} from './application.ts';
import { deadlineStatus, stageDeadline } from './deadlines.ts';
import { PACK_DEFAULTS } from '../policy/pack.ts';

const HUKOU = '640302106001';
const who = (roles: Role[], jurisdiction: string): Actor => ({
  userId: 'u',
  username: 'u',
  roles,
  jurisdiction,
});
const village = who(['village-director'], '640302106001');
const otherVillage = who(['village-director'], '640302106002');
const township = who(['township-supervisor'], '640302106');
const otherTownship = who(['township-supervisor'], '640302102');
const county = who(['county-staff'], '640302');
const head = who(['county-head'], '640302');
const otherCounty = who(['county-staff'], '110115');

describe('the transition table, one case per row', () => {
  const cases: [ApplicationStatus | undefined, ApplicationAction, Actor, ApplicationStatus][] = [
    [undefined, 'submit', village, 'submitted'],
    [undefined, 'submit', township, 'submitted'],
    ['submitted', 'verify', township, 'verified'],
    ['submitted', 'return', township, 'returned'],
    ['verified', 'confirm', county, 'approved'],
    ['verified', 'confirm', head, 'approved'],
    ['verified', 'refuse', county, 'refused'],
    ['verified', 'return', county, 'returned'],
    ['returned', 'resubmit', village, 'submitted'],
    ['submitted', 'withdraw', village, 'withdrawn'],
    ['returned', 'withdraw', village, 'withdrawn'],
  ];
  for (const [from, action, actor, to] of cases) {
    it(`${from ?? '(new)'} --${action} by ${actor.roles[0]}--> ${to}`, () => {
      const r = checkAction(from, action, actor, HUKOU, ['材料不全']);
      expect(r.ok && r.transition.to).toBe(to);
    });
  }
  it('every row of the table is covered by a case above', () => {
    expect(TRANSITIONS.length).toBe(cases.length - 2);
  });
});

describe('illegal actions are refused with what is allowed', () => {
  it('confirming an application the township has not verified is a conflict listing the allowed actions', () => {
    const r = checkAction('submitted', 'confirm', township, HUKOU);
    expect(r).toMatchObject({ ok: false, refusal: 'conflict', allowed: ['verify', 'return', 'withdraw'] });
    expect(!r.ok && r.message).toContain('待乡镇查验');
  });
  it('nothing may follow a final decision', () => {
    for (const status of ['approved', 'refused', 'withdrawn'] as const) {
      for (const action of APPLICATION_ACTIONS) {
        expect(checkAction(status, action, county, HUKOU).ok).toBe(false);
      }
      expect(availableActions(status, county, HUKOU)).toEqual([]);
    }
  });
  it('a village director cannot verify (forbidden, not conflict)', () => {
    expect(checkAction('submitted', 'verify', village, HUKOU)).toMatchObject({
      ok: false,
      refusal: 'forbidden',
    });
  });
  it('a township cannot confirm even when the application is verified', () => {
    expect(checkAction('verified', 'confirm', township, HUKOU)).toMatchObject({
      ok: false,
      refusal: 'forbidden',
    });
  });
  it('refusal needs written reasons', () => {
    expect(checkAction('verified', 'refuse', county, HUKOU, [])).toMatchObject({
      ok: false,
      refusal: 'reasons-required',
    });
    expect(checkAction('verified', 'refuse', county, HUKOU, ['  '])).toMatchObject({ ok: false });
  });
});

describe('jurisdiction of each level', () => {
  it('the township of the 户籍 verifies; another township cannot', () => {
    expect(availableActions('submitted', township, HUKOU)).toEqual(['verify', 'return', 'withdraw']);
    expect(availableActions('submitted', otherTownship, HUKOU)).toEqual([]);
  });
  it('the county of the 户籍 confirms; another county cannot', () => {
    expect(availableActions('verified', county, HUKOU)).toEqual(['confirm', 'refuse', 'return']);
    expect(availableActions('verified', otherCounty, HUKOU)).toEqual([]);
  });
  it('a village director acts for children of the own village only', () => {
    expect(availableActions(undefined, village, HUKOU)).toEqual(['submit']);
    expect(availableActions(undefined, otherVillage, HUKOU)).toEqual([]);
  });
  it('no actor outside the 户籍 county can take any action, whatever the roles', () => {
    const roles = fc.subarray<Role>(
      ['county-staff', 'county-head', 'township-supervisor', 'village-director', 'admin'],
      {
        minLength: 1,
      },
    );
    const statuses = fc.constantFrom<ApplicationStatus | undefined>(
      undefined,
      'submitted',
      'verified',
      'returned',
    );
    fc.assert(
      fc.property(
        roles,
        statuses,
        fc.constantFrom('110115', '640303', '640302102001', '640302107'),
        (r, s, j) => {
          expect(availableActions(s, who(r, j), HUKOU)).toEqual([]);
        },
      ),
    );
  });
});

describe('status is the fold of the log', () => {
  it('submit, return, resubmit, verify, confirm ends approved with the stage dates', () => {
    const state = foldApplication([
      { seq: 3, action: 'resubmit', on: '2026-03-10' },
      { seq: 1, action: 'submit', on: '2026-03-02' },
      { seq: 2, action: 'return', on: '2026-03-05' },
      { seq: 4, action: 'verify', on: '2026-03-12' },
      { seq: 5, action: 'confirm', on: '2026-03-20' },
    ]);
    expect(state).toEqual({
      status: 'approved',
      seq: 5,
      submittedOn: '2026-03-02',
      decidedOn: '2026-03-20',
      returns: 1,
    });
  });
  it('a log that breaks the table is rejected', () => {
    expect(() => foldApplication([{ seq: 1, action: 'confirm', on: '2026-03-02' }])).toThrow(RangeError);
    expect(() =>
      foldApplication([
        { seq: 1, action: 'submit', on: '2026-03-02' },
        { seq: 3, action: 'verify', on: '2026-03-03' },
      ]),
    ).toThrow(RangeError);
  });
});

describe('deadlines in working days', () => {
  const pack = {
    deadlines: PACK_DEFAULTS.deadlines,
    calendar: { holidays: ['2026-10-01', '2026-10-02'], makeupWorkdays: [] },
  };
  it('township verification is due 15 working days after submission', () => {
    // 2026-09-21 (Mon) + 15 WD, skipping two weekends and the 1–2 October holidays.
    const d = stageDeadline({ status: 'submitted', stageStartedOn: '2026-09-21' }, pack);
    expect(d).toEqual({ stage: 'township', startedOn: '2026-09-21', dueOn: '2026-10-14', workingDays: 15 });
  });
  it('county confirmation runs from verification; a returned case has no deadline', () => {
    expect(stageDeadline({ status: 'verified', stageStartedOn: '2026-11-02' }, pack)?.dueOn).toBe(
      '2026-11-23',
    );
    expect(stageDeadline({ status: 'returned' }, pack)).toBeUndefined();
  });
  it('due soon at 3 working days left, overdue after the due date', () => {
    expect(deadlineStatus('2026-11-27', '2026-11-20', pack)).toEqual({
      status: 'on-time',
      workingDaysLeft: 5,
    });
    expect(deadlineStatus('2026-11-27', '2026-11-24', pack)).toEqual({
      status: 'due-soon',
      workingDaysLeft: 3,
    });
    expect(deadlineStatus('2026-11-27', '2026-11-27', pack)).toEqual({
      status: 'due-soon',
      workingDaysLeft: 0,
    });
    expect(deadlineStatus('2026-11-27', '2026-11-30', pack)).toEqual({
      status: 'overdue',
      workingDaysLeft: -1,
    });
  });
});
