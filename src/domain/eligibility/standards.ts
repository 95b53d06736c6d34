import { fenToYuanString } from '../shared/money.ts';
import { standardLabel } from '../policy/labels.ts';
import type { EffectivePack, StandardCode } from '../policy/pack.ts';
import type { BenefitPlacement, Placement } from './codes.ts';

export interface StandardLookup {
  placement: BenefitPlacement;
  /** Undefined when the pack does not set this standard (not payable). */
  fen?: number;
  label: string;
  /** Set when the Ningxia temporary-care clause decided the standard. */
  temporaryCare?: boolean;
}

/**
 * The monthly standard for a living allowance and a child's placement (interchange.md §2):
 * institution placement → the institution standard; 临时监护 where the pack pays it so
 * (宁政发〔2017〕86号 §三(一)) → the institution *orphan* standard; otherwise scattered. A FUC
 * child in an institution is paid the scattered standard unless the pack sets an institution
 * FUC standard (national rule: FUC = scattered orphan standard).
 */
export function lookupStandard(
  pack: EffectivePack,
  code: StandardCode,
  placement: Placement,
): StandardLookup {
  if (placement === 'temporary-care' && pack.temporaryCareAtInstitutionStandard) {
    return {
      placement: 'institution',
      fen: pack.standards['orphan-allowance']?.institution,
      label: standardLabel('orphan-allowance', 'institution'),
      temporaryCare: true,
    };
  }
  if (placement === 'institution') {
    const fen = pack.standards[code]?.institution;
    if (fen !== undefined || code !== 'fuc-allowance') {
      return { placement: 'institution', fen, label: standardLabel(code, 'institution') };
    }
  }
  return {
    placement: 'scattered',
    fen: pack.standards[code]?.scattered,
    label: standardLabel(code, 'scattered'),
  };
}

export const yuanText = (fen: number) => `${fenToYuanString(fen)}元`;

export const missingStandardWarning = (pack: EffectivePack, label: string) =>
  `政策包 ${pack.id} 未设定${label}`;
