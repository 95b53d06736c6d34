/**
 * The worked example of interchange.md §1 (a 吴忠 child in 利通区, both parents dead, in kinship
 * care): shown by the 政策测算 page's 载入示例 and used by tests as the contract's reference case.
 */
export const INTERCHANGE_EXAMPLE = {
  asOf: '2025-07-01',
  policy: 'cn-640300',
  child: {
    idNumber: '640302201503120020',
    name: '马小花',
    birthDate: '2015-03-12',
    hukouRegion: '640302',
    residenceRegion: '640302',
    residentSince: '2020-01-01',
    hiv: false,
    placement: 'kinship',
    schooling: 'compulsory',
  },
  parents: [
    {
      role: 'father',
      idNumber: '640302198001011233',
      conditions: [{ kind: 'deceased', since: '2019-05-01' }],
    },
    { role: 'mother', conditions: [{ kind: 'deceased', since: '2021-03-15' }] },
  ],
  household: { assistance: 'none', receivedMonthlyFen: 0 },
} as const;
