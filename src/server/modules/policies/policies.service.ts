import { POLICY_PACKS } from '../../../../policies/index.ts';
import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { evaluateJson } from '../../../domain/eligibility/evaluate.ts';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import { proposeAdjustment, type AdjustmentInput } from '../../../domain/policy/adjustment.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { canonicalPackId } from '../../../domain/policy/pack-id.ts';
import { resolvePack } from '../../../domain/policy/resolve.ts';
import { loadPolicyPacks } from '../../../domain/policy/validate.ts';
import { normalizeRegionCode, isWithinRegion } from '../../../domain/shared/region-code.ts';
import { notFound, validationError, type FieldIssue } from '../../../domain/shared/errors.ts';
import { assertPermission } from '../../platform/access.ts';

/**
 * The policy packs shipped in policies/, validated once at start-up (a broken pack stops the
 * server with the list of problems rather than paying wrong amounts).
 */
export function makePoliciesService(deps: { packs?: readonly unknown[]; today: () => string }) {
  const packs: PolicyPack[] = loadPacks(deps.packs ?? POLICY_PACKS);

  /**
   * A user sees the packs on the path of their jurisdiction: the ones above it (national,
   * provincial…) and the ones inside it. A national user ('') sees all.
   */
  const related = (actor: Actor | undefined, jurisdiction: string) =>
    actor === undefined ||
    jurisdiction.startsWith(actor.jurisdiction) ||
    actor.jurisdiction.startsWith(jurisdiction);

  function versionsOf(id: string): PolicyPack[] {
    return packs.filter((p) => p.id === id).sort((a, b) => a.version.localeCompare(b.version));
  }

  return {
    packs: () => packs,

    /** Every pack id with its versions, as resolved (inheritance applied) on each version's date. */
    list(actor: Actor) {
      assertPermission(actor, Permission.policyRead);
      const ids = [...new Set(packs.filter((p) => related(actor, p.jurisdiction)).map((p) => p.id))].sort();
      return ids.map((id) => {
        const versions = versionsOf(id);
        const latest = versions.at(-1)!;
        return {
          id,
          name: latest.name,
          jurisdiction: latest.jurisdiction,
          parent: latest.parent ?? null,
          versions: versions.map((v) => ({ version: v.version, status: v.status ?? 'approved' })),
        };
      });
    },

    /** One pack version resolved: standards, rules, calendar. */
    get(actor: Actor, rawId: string, version?: string) {
      assertPermission(actor, Permission.policyRead);
      const id = canonicalPackId(rawId);
      const versions = id ? versionsOf(id).filter((p) => related(actor, p.jurisdiction)) : [];
      if (versions.length === 0) throw notFound('政策包');
      const date = version ?? versions.at(-1)!.version;
      const effective = resolvePack(packs, id!, date);
      if (!effective) throw notFound(`政策包（${date} 版本）`);
      return {
        ...effective,
        versions: versions.map((v) => ({ version: v.version, status: v.status ?? 'approved' })),
      };
    },

    /**
     * ChildFacts (one or many) → Determination(s); bad input is a VALIDATION error naming the field.
     * A signed-in user evaluates children of their own jurisdiction (户籍 inside it); the command
     * line (no actor) evaluates any.
     */
    evaluate(input: unknown, actor?: Actor): Determination | Determination[] {
      if (actor) assertPermission(actor, Permission.policyRead);
      const today = deps.today();
      const one = (item: unknown) => {
        const r = evaluateJson(item, packs, today);
        if (r.ok && actor && !isWithinRegion(hukouOf(item), actor.jurisdiction)) {
          return {
            ok: false as const,
            issues: [{ path: 'child.hukouRegion', message: '户籍地不在您的辖区内' }],
          };
        }
        return r;
      };
      if (Array.isArray(input)) {
        const issues: FieldIssue[] = [];
        const out: Determination[] = [];
        input.forEach((item, i) => {
          const r = one(item);
          if (r.ok) out.push(r.value);
          else issues.push(...r.issues.map((x) => ({ path: `[${i}].${x.path}`, message: x.message })));
        });
        if (issues.length) throw validationError(describeIssues(issues), issues);
        return out;
      }
      const r = one(input);
      if (!r.ok) throw validationError(describeIssues(r.issues), r.issues);
      return r.value;
    },

    /** Seed 002's dynamic adjustment: a proposed new version, not yet in force. */
    proposeAdjustment(actor: Actor, rawId: string, input: AdjustmentInput) {
      assertPermission(actor, Permission.policyManage);
      const id = canonicalPackId(rawId);
      const current = id
        ? versionsOf(id)
            .filter((v) => (v.status ?? 'approved') === 'approved' && related(actor, v.jurisdiction))
            .at(-1)
        : undefined;
      if (!current) throw notFound('政策包');
      if (input.effectiveFrom <= current.version) {
        throw validationError('新标准的生效日期应晚于现行版本', [
          { path: 'effectiveFrom', message: `应晚于现行版本 ${current.version}` },
        ]);
      }
      return proposeAdjustment(current, input);
    },
  };
}
export type PoliciesService = ReturnType<typeof makePoliciesService>;

// Validating the whole set is done once per data set (the server and each test share it).
const loaded = new WeakMap<readonly unknown[], PolicyPack[]>();
function loadPacks(raw: readonly unknown[]): PolicyPack[] {
  let packs = loaded.get(raw);
  if (!packs) {
    packs = loadPolicyPacks(raw); // throws one VALIDATION error listing every problem
    loaded.set(raw, packs);
  }
  return packs;
}

function hukouOf(item: unknown): string {
  const raw = (item as { child?: { hukouRegion?: unknown } }).child?.hukouRegion;
  return normalizeRegionCode(String(raw ?? '')) ?? '';
}

export function describeIssues(issues: FieldIssue[]): string {
  const first = issues[0];
  const head = first ? `${first.path}：${first.message}` : '输入有误';
  return issues.length > 1 ? `${head}（另有 ${issues.length - 1} 处错误）` : head;
}
