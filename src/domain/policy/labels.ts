import type { BenefitPlacement } from '../eligibility/codes.ts';
import type { StandardCode } from './pack.ts';

/** Chinese names of the standards, for warnings and explanations. */
export function standardLabel(code: StandardCode, placement: BenefitPlacement): string {
  switch (code) {
    case 'orphan-allowance':
      return placement === 'institution' ? '机构养育孤儿基本生活费标准' : '散居孤儿基本生活费标准';
    case 'fuc-allowance':
      return placement === 'institution'
        ? '机构养育事实无人抚养儿童基本生活补贴标准'
        : '事实无人抚养儿童基本生活补贴标准';
    case 'hiv-allowance':
      return placement === 'institution'
        ? '机构养育艾滋病病毒感染儿童基本生活费标准'
        : '散居艾滋病病毒感染儿童基本生活费标准';
  }
}
