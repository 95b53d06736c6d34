/**
 * The shipped policy packs, raw (the server validates them with loadPolicyPacks from
 * src/domain/policy). One file per pack version; file name = canonical pack id (ADR 0003),
 * with "@<version>" appended when a jurisdiction has more than one version.
 */
import cn from './cn.json' with { type: 'json' };
import ningxia from './cn-640000.json' with { type: 'json' };
import wuzhong from './cn-640300.json' with { type: 'json' };
import daxing from './cn-110115.json' with { type: 'json' };
import wuhai from './cn-150300.json' with { type: 'json' };

export const POLICY_PACKS: unknown[] = [cn, ningxia, wuzhong, daxing, wuhai];
