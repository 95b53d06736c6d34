import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/access.ts';
import type { Role } from '../access/roles.ts';
import {
  APPLICATION_ACTIONS,
  availableActions,
  checkAction,
  foldApplication,
  sideOf,
  TRANSITIONS,
  type ApplicationAction,
  type ApplicationStatus,
  type CaseUnits,
} from './application.ts';
import { deadlineStatus, stageDeadline } from './deadlines.ts';
import { PACK_DEFAULTS } from '../policy/pack.ts';

const HUKOU: CaseUnits = { hukouRegion: '640302106001' };
/** 跨省通办: a 金星镇 child's application taken in at 兴丰街道 (北京大兴). */
const REMOTE: CaseUnits = { hukouRegion: '640302106001', acceptingRegion: '110115001' };
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
const daxingTownship = who(['township-supervisor'], '110115001');
const daxingOtherTownship = who(['township-supervisor'], '110115002');
const daxingVillage = who(['village-director'], '110115001001');
const daxingCounty = who(['county-staff'], '110115');

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
      const r = checkAction(from, action, actor, HUKOU, { reasons: ['材料不全'] });
      expect(r.ok && r.transition.to).toBe(to);
    });
  }
  // 跨省通办: the accepting township (大兴 兴丰街道) takes in, forwards, informs; the 户籍 side decides.
  const remote: [ApplicationStatus | undefined, ApplicationAction, Actor, ApplicationStatus][] = [
    [undefined, 'accept', daxingTownship, 'accepted'],
    ['accepted', 'forward', daxingTownship, 'submitted'],
    ['accepted', 'withdraw', daxingTownship, 'withdrawn'],
    ['submitted', 'verify', township, 'verified'],
    ['submitted', 'return', township, 'returned'],
    ['submitted', 'withdraw', daxingTownship, 'withdrawn'],
    ['verified', 'confirm', county, 'approved'],
    ['verified', 'refuse', head, 'refused'],
    ['verified', 'return', county, 'returned'],
    ['returned', 'resubmit', daxingTownship, 'submitted'],
    ['returned', 'withdraw', daxingTownship, 'withdrawn'],
    ['approved', 'inform', daxingTownship, 'closed'],
    ['refused', 'inform', daxingTownship, 'closed'],
  ];
  for (const [from, action, actor, to] of remote) {
    it(`跨省通办: ${from ?? '(new)'} --${action} by ${actor.jurisdiction} ${actor.roles[0]}--> ${to}`, () => {
      const r = checkAction(from, action, actor, REMOTE, { reasons: ['材料不全'], noticeMeans: 'phone' });
      expect(r.ok && r.transition.to).toBe(to);
    });
  }
  it('every row of the table is covered by a case above', () => {
    const covered = new Set(
      [...cases, ...remote].map(([from, action]) => {
        const path = remote.some(([f, a]) => f === from && a === action) ? 'remote' : 'local';
        return TRANSITIONS.findIndex(
          (t) => t.action === action && t.from === from && (t.path === undefined || t.path === path),
        );
      }),
    );
    expect(covered.has(-1)).toBe(false);
    expect(covered.size).toBe(TRANSITIONS.length);
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
    expect(checkAction('verified', 'refuse', county, HUKOU, { reasons: [] })).toMatchObject({
      ok: false,
      refusal: 'reasons-required',
    });
    expect(checkAction('verified', 'refuse', county, HUKOU, { reasons: ['  '] })).toMatchObject({
      ok: false,
    });
  });
});

describe('跨省通办: illegal transitions on the remote path', () => {
  it('the local and remote first actions do not mix: submit is for the 户籍 side, accept for elsewhere', () => {
    expect(checkAction(undefined, 'submit', daxingTownship, REMOTE)).toMatchObject({
      ok: false,
      refusal: 'conflict',
      allowed: ['accept'],
    });
    expect(checkAction(undefined, 'accept', township, HUKOU)).toMatchObject({
      ok: false,
      refusal: 'conflict',
      allowed: ['submit'],
    });
  });
  it('forward and inform exist only on the remote path', () => {
    expect(checkAction('approved', 'inform', county, HUKOU, { noticeMeans: 'phone' })).toMatchObject({
      ok: false,
      refusal: 'conflict',
    });
    expect(availableActions('approved', county, HUKOU)).toEqual([]);
    expect(availableActions('approved', daxingTownship, REMOTE)).toEqual(['inform']);
  });
  it('the 户籍 township cannot verify before the accepting township forwards', () => {
    expect(checkAction('accepted', 'verify', township, REMOTE)).toMatchObject({
      ok: false,
      refusal: 'conflict',
      allowed: [],
    });
  });
  it('the accepting township cannot verify or decide (forbidden), and nothing follows informing', () => {
    expect(checkAction('submitted', 'verify', daxingTownship, REMOTE)).toMatchObject({
      refusal: 'forbidden',
    });
    expect(checkAction('verified', 'confirm', daxingCounty, REMOTE)).toMatchObject({ refusal: 'forbidden' });
    for (const action of APPLICATION_ACTIONS) {
      expect(checkAction('closed', action, daxingTownship, REMOTE).ok).toBe(false);
    }
    expect(availableActions('closed', county, REMOTE)).toEqual([]);
  });
  it('informing needs the means (and the service checks the date)', () => {
    expect(checkAction('refused', 'inform', daxingTownship, REMOTE)).toMatchObject({
      ok: false,
      refusal: 'notice-required',
    });
  });
  it('only the accepting township itself acts for the applicant: not another township, a village or the county', () => {
    expect(availableActions('accepted', daxingOtherTownship, REMOTE)).toEqual([]);
    expect(availableActions('accepted', daxingVillage, REMOTE)).toEqual([]);
    expect(availableActions('accepted', daxingCounty, REMOTE)).toEqual([]);
    expect(
      availableActions(undefined, daxingVillage, { ...REMOTE, acceptingRegion: '110115001001' }),
    ).toEqual([]);
  });
  it('the 户籍 village cannot resubmit or withdraw a remote case: that is the accepting side', () => {
    expect(availableActions('returned', village, REMOTE)).toEqual([]);
    expect(availableActions('returned', daxingTownship, REMOTE)).toEqual(['resubmit', 'withdraw']);
  });
  it('a 户籍 inside the accepting township is not remote: accept is refused', () => {
    expect(
      availableActions(undefined, township, { hukouRegion: HUKOU.hukouRegion, acceptingRegion: '640302106' }),
    ).toEqual([]);
  });
  it('sides: the 户籍 jurisdiction sees the case as its own, the accepting one its part, others nothing', () => {
    expect(sideOf(county, REMOTE)).toBe('hukou');
    expect(sideOf(who(['admin'], ''), REMOTE)).toBe('hukou');
    expect(sideOf(daxingTownship, REMOTE)).toBe('accepting');
    expect(sideOf(daxingCounty, REMOTE)).toBe('accepting');
    expect(sideOf(daxingOtherTownship, REMOTE)).toBeUndefined();
    expect(sideOf(daxingCounty, HUKOU)).toBeUndefined();
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
  it('跨省通办: nobody outside the 户籍 county and the accepting township acts, whatever the roles and status', () => {
    const roles = fc.subarray<Role>(
      ['county-staff', 'county-head', 'township-supervisor', 'village-director', 'admin'],
      { minLength: 1 },
    );
    const statuses = fc.constantFrom<ApplicationStatus | undefined>(
      undefined,
      'accepted',
      'submitted',
      'verified',
      'returned',
      'approved',
      'refused',
    );
    fc.assert(
      fc.property(
        roles,
        statuses,
        fc.constantFrom('110115002', '110115', '640303', '640302107', '1101'),
        (r, s, j) => {
          const allowed = availableActions(s, who(r, j), REMOTE);
          // A Daxing county or city user above the accepting township has no applicant permission.
          expect(
            allowed.filter((a) => !['accept', 'forward', 'inform', 'resubmit', 'withdraw'].includes(a)),
          ).toEqual([]);
          if (j !== '110115' && j !== '1101') expect(allowed).toEqual([]);
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
      path: 'local',
      seq: 5,
      submittedOn: '2026-03-02',
      decidedOn: '2026-03-20',
      outcome: 'approved',
      returns: 1,
    });
  });
  it('跨省通办: accept, forward, verify, refuse, inform ends closed with the outcome kept', () => {
    const state = foldApplication([
      { seq: 1, action: 'accept', on: '2026-03-02' },
      { seq: 2, action: 'forward', on: '2026-03-04' },
      { seq: 3, action: 'verify', on: '2026-03-16' },
      { seq: 4, action: 'refuse', on: '2026-03-25' },
      { seq: 5, action: 'inform', on: '2026-03-26' },
    ]);
    expect(state).toEqual({
      status: 'closed',
      path: 'remote',
      seq: 5,
      submittedOn: '2026-03-02',
      decidedOn: '2026-03-25',
      outcome: 'refused',
      informedOn: '2026-03-26',
      returns: 0,
    });
  });
  it('a decision on the remote path starts the inform step; on the local path nothing runs', () => {
    const remote = foldApplication([
      { seq: 1, action: 'accept', on: '2026-03-02' },
      { seq: 2, action: 'forward', on: '2026-03-03' },
      { seq: 3, action: 'verify', on: '2026-03-04' },
      { seq: 4, action: 'confirm', on: '2026-03-05' },
    ]);
    expect(remote).toMatchObject({ status: 'approved', stageStartedOn: '2026-03-05' });
    const local = foldApplication([
      { seq: 1, action: 'submit', on: '2026-03-02' },
      { seq: 2, action: 'verify', on: '2026-03-04' },
      { seq: 3, action: 'confirm', on: '2026-03-05' },
    ]);
    expect(local.stageStartedOn).toBeUndefined();
  });
  it('a log mixing the paths is rejected', () => {
    expect(() =>
      foldApplication([
        { seq: 1, action: 'submit', on: '2026-03-02' },
        { seq: 2, action: 'verify', on: '2026-03-03' },
        { seq: 3, action: 'confirm', on: '2026-03-04' },
        { seq: 4, action: 'inform', on: '2026-03-05' },
      ]),
    ).toThrow(RangeError);
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
  it('跨省通办: forward within 3 WD of intake, verify and decide 15 WD, inform 3 WD of the decision', () => {
    // 2026-09-29 (Tue) + 3 WD skipping 1–2 October: Wed 30, Sat/Sun, Mon 5, Tue 6.
    expect(stageDeadline({ status: 'accepted', path: 'remote', stageStartedOn: '2026-09-29' }, pack)).toEqual(
      { stage: 'forward', startedOn: '2026-09-29', dueOn: '2026-10-06', workingDays: 3 },
    );
    expect(
      stageDeadline({ status: 'submitted', path: 'remote', stageStartedOn: '2026-09-21' }, pack),
    ).toMatchObject({
      stage: 'township',
      dueOn: '2026-10-14',
    });
    expect(
      stageDeadline({ status: 'verified', path: 'remote', stageStartedOn: '2026-11-02' }, pack),
    ).toMatchObject({
      stage: 'county',
      dueOn: '2026-11-23',
    });
    expect(stageDeadline({ status: 'refused', path: 'remote', stageStartedOn: '2026-11-23' }, pack)).toEqual({
      stage: 'inform',
      startedOn: '2026-11-23',
      dueOn: '2026-11-26',
      workingDays: 3,
    });
    expect(
      stageDeadline({ status: 'closed', path: 'remote', stageStartedOn: undefined }, pack),
    ).toBeUndefined();
  });
  it('the cross-province steps follow the pack: a pack with a 10-day verification counts 10', () => {
    const tight = {
      ...pack,
      deadlines: { ...pack.deadlines, crossProvince: { ...pack.deadlines.crossProvince, verify: 10 } },
    };
    expect(
      stageDeadline({ status: 'submitted', path: 'remote', stageStartedOn: '2026-11-02' }, tight)?.dueOn,
    ).toBe('2026-11-16');
    expect(stageDeadline({ status: 'submitted', stageStartedOn: '2026-11-02' }, tight)?.dueOn).toBe(
      '2026-11-23',
    );
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
