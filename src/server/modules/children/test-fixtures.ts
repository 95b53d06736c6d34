import { addDays, addMonths } from '../../../domain/shared/dates.ts';
import { idCheckChar } from '../../../domain/shared/id-number.ts';
import { todayInChina } from '../../platform/clock.ts';

/** A valid 公民身份号码 from its first 17 digits. */
export const idNumber = (first17: string) => first17 + idCheckChar(first17);

export const TODAY = todayInChina();
export const daysAgo = (n: number) => addDays(TODAY, -n);
export const monthsAgo = (n: number) => addMonths(TODAY, -n);

/**
 * 事实无人抚养儿童 under the 吴忠 pack: father dead, mother in prison for seven years
 * (民发〔2019〕62号: 一方死亡、另一方服刑在押).
 */
export function fucFacts(opts: { id?: string; name?: string; hukou?: string } = {}) {
  return {
    child: {
      ...(opts.id === undefined ? {} : { idNumber: opts.id }),
      name: opts.name ?? '马小花',
      hukouRegion: opts.hukou ?? '640302106001',
      placement: 'kinship',
      schooling: 'compulsory',
    },
    parents: [
      { role: 'father', conditions: [{ kind: 'deceased', since: monthsAgo(30) }] },
      {
        role: 'mother',
        conditions: [{ kind: 'imprisoned', since: monthsAgo(20), until: addMonths(monthsAgo(20), 84) }],
      },
    ],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  };
}

export const applicant = {
  kind: 'village-committee',
  name: '富平社区居委会',
  relation: '村（居）委会',
} as const;
