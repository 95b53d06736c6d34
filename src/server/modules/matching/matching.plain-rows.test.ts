import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameBirthKey } from '../../../domain/matching/keys.ts';
import { idCheckChar } from '../../../domain/shared/id-number.ts';
import { BinaryCopy, binaryField, uuidBytes } from '../../platform/copy-binary.ts';
import { hashRows, type HashContext } from './matching.hashing.ts';
import { keyedHash } from './matching.keys.ts';
import { plainRowWriter } from './matching.plain-rows.ts';
import type { CsvLines } from './readers/csv.ts';
import { tableRowsOf } from './readers/rows.ts';
import { KeyPrefixSet, type BatchKeys } from './matching.seeds.ts';

/**
 * The fast path for plain CSV lines must store what the general path stores, byte for byte,
 * and leave every other line to it (matching.plain-rows.ts).
 */
const secret = 'plain-rows-test-secret';
const hmac = keyedHash(secret);
const rosterId = '0b7c3c1e-5f43-4d0e-9a4b-2f7f3c1d9e10';

const withCheck = (first17: string) => first17 + idCheckChar(first17);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** 17 digits from a region, a birth date (not always a real one) and a sequence. */
const first17 = fc
  .tuple(
    fc.constantFrom('110101', '640302', '000000', '999999'),
    fc.integer({ min: 1, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, y, m, d, seq]) => `${region}${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`);

/** A 公民身份号码 cell: mostly valid, and every way departments write one otherwise. */
const idCell = fc.oneof(
  { weight: 6, arbitrary: first17.map(withCheck) },
  first17.map((f) => withCheck(f).toLowerCase()),
  first17.map((f) => f + (idCheckChar(f) === '0' ? '1' : '0')), // wrong check character
  first17.map((f) => ` ${withCheck(f)}`),
  first17.map((f) => withCheck(f).replace(/\d/, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
  first17.map((f) => f.slice(0, 15)), // 15 digits
  first17.map((f) => f.slice(0, 16)),
  fc.constant(''),
  fc.string({ maxLength: 20 }),
);

/** A name cell: mostly plain, and what cleanCell or JSON would change or a reader must reject. */
const nameCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('张三', '某某', '王小明', '一', '龥', 'Li Ming', 'A') },
  fc.constantFrom(
    ' 张三',
    '张三 ',
    '张 三',
    '"张三"',
    '张\\三',
    '〇三', // U+3007, outside U+4E00–U+9FFF
    '㐀', // U+3400
    '𠀀', // 4 bytes of UTF-8
    'Ａ', // full-width
    'é',
    '张\t三',
    '',
    ' ',
  ),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
);

/** A date cell: mostly YYYY-MM-DD, real or not, and the other forms rosters use. */
const dateCell = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  },
  fc.constantFrom(
    '2026-10-01',
    '2024-02-29',
    '2023-02-29',
    '2026/10/01',
    '20261001',
    '2026年10月1日',
    ' 2026-10-01',
    '２０２６-10-01',
    '',
  ),
  fc.string({ maxLength: 12 }),
);

const TYPES = {
  death: { required: ['姓名', '公民身份号码', '死亡日期'], optional: ['注销户口日期'] },
  adoption: { required: ['姓名', '公民身份号码', '收养登记日期'], optional: [] as string[] },
} as const;

/** Headers in any order, optional columns present or not; lines under them, some unusual. */
const roster = fc.constantFrom('death' as const, 'adoption' as const).chain((type) =>
  fc
    .shuffledSubarray([...TYPES[type].optional])
    .chain((optional) =>
      fc.shuffledSubarray([...TYPES[type].required, ...optional], {
        minLength: TYPES[type].required.length + optional.length,
      }),
    )
    .chain((headers) => {
      const cellOf = (h: string) => (h === '姓名' ? nameCell : h === '公民身份号码' ? idCell : dateCell);
      const line = fc.oneof(
        { weight: 10, arbitrary: fc.tuple(...headers.map(cellOf)).map((cells) => cells.join(',')) },
        // A cell too many or too few, a blank line, a line of commas.
        fc.tuple(...headers.map(cellOf)).map((cells) => [...cells, '多余'].join(',')),
        fc.tuple(...headers.map(cellOf)).map((cells) => cells.slice(1).join(',')),
        fc.constantFrom('', ',,', ' , , '),
      );
      return fc.record({
        type: fc.constant(type),
        headers: fc.constant(headers),
        lines: fc.array(line, { minLength: 1, maxLength: 40 }),
        lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
        probed: fc.boolean(),
        nameKeyFrom: fc.option(fc.constantFrom('1900-01-01', '2008-01-01', '9999-01-01'), { nil: undefined }),
        adultBorn: fc.option(fc.constantFrom('1000-01-01', '2008-11-23'), { nil: undefined }),
      });
    }),
);

/** A registry holding the ID and name keys of every other valid-looking row. */
function registryOf(lines: string[], headers: readonly string[]): KeyPrefixSet {
  const set = new KeyPrefixSet(4 * lines.length + 16);
  lines.forEach((line, i) => {
    if (i % 2 === 1) return;
    const cells = line.split(',');
    const id = cells[headers.indexOf('公民身份号码')] ?? '';
    const name = cells[headers.indexOf('姓名')] ?? '';
    set.addKey(hmac(`id:${id}`));
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const nb = nameBirthKey(name, birth, hmac);
    if (nb !== undefined) set.addKey(nb);
  });
  return set;
}

const runOf = (text: string, firstRow = 2): CsvLines => {
  const bytes = new Uint8Array(Buffer.from(text));
  const rows = text.split(/\r\n|\r|\n/).length - 1;
  return { bytes, firstRow, rows };
};

describe('plain CSV lines', () => {
  it('are stored byte for byte as the general path stores them, and every other line is left to it', () => {
    fc.assert(
      fc.property(roster, ({ type, headers, lines, lineEnd, probed, nameKeyFrom, adultBorn }) => {
        const ctx: HashContext = {
          rosterId,
          type,
          headers: [...headers],
          format: 'copy',
          ...(nameKeyFrom !== undefined && { nameKeyFrom }),
          ...(adultBorn !== undefined && { adultBorn }),
        };
        const registry = probed ? registryOf(lines, headers) : undefined;
        const run = runOf(lines.map((l) => l + lineEnd).join(''));
        const fast = hashRows(ctx, hmac, run, [1], registry);
        // The same lines as table rows: every one read by the general path.
        const general = hashRows(ctx, hmac, tableRowsOf(run), [1], registry);
        expect(
          Buffer.from(fast.payload as Uint8Array).equals(Buffer.from(general.payload as Uint8Array)),
        ).toBe(true);
        expect(fast).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });

  it('go the fast way when plain, and are refused when not, with nothing written', () => {
    const head = Buffer.concat([binaryField(uuidBytes(rosterId)), binaryField(Buffer.from('death'))]);
    const writer = plainRowWriter({
      type: 'death',
      headers: ['姓名', '公民身份号码', '死亡日期', '注销户口日期'],
      head,
      secret,
      hmac,
    });
    if (!writer) throw new Error('a death roster with its own columns has a writer');
    const id = withCheck('64030219800101111');
    const keys = (): BatchKeys => ({ ids: [], nameBirth: [], minors: [], households: [] });
    const write = (line: string) => {
      const copy = new BinaryCopy(64);
      const k = keys();
      const bytes = Buffer.from(line);
      const written = writer.write(copy, k, 2, 1, bytes, 0, bytes.length);
      return { written, length: copy.done().length, keys: k };
    };
    const plain = write(`张三,${id},2026-10-01,`);
    expect(plain.written).toBe(true);
    expect(plain.keys.ids).toEqual([hmac(`id:${id}`)]);
    expect(write(`Li Ming,${id},2026-10-01,2026-10-08`).written).toBe(true);
    const empty = new BinaryCopy(64).done().length;
    for (const line of [
      ` 张三,${id},2026-10-01,`,
      `张三,${id} ,2026-10-01,`,
      `张三,${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'},2026-10-01,`,
      `张三,${id},2026/10/01,`,
      `张三,${id},2026-02-30,`,
      `张三,${id},,`,
      `张三,${id},2026-10-01`,
      `张三,${id},2026-10-01,,`,
      `〇三,${id},2026-10-01,`,
      `张"三,${id},2026-10-01,`,
    ]) {
      const r = write(line);
      expect({ line, written: r.written }).toEqual({ line, written: false });
      expect(r.length).toBe(empty);
      expect(r.keys).toEqual(keys());
    }
  });

  it('are not taken for rosters with other columns, or headers that are not the roster’s own', () => {
    const base = { head: new Uint8Array(0), secret, hmac };
    expect(
      plainRowWriter({ ...base, type: 'custody', headers: ['姓名', '公民身份号码', '类型', '起始日期'] }),
    ).toBeUndefined();
    expect(
      plainRowWriter({ ...base, type: 'death', headers: ['姓名', '公民身份号码', '死亡日期', ''] }),
    ).toBeUndefined();
    expect(
      plainRowWriter({ ...base, type: 'death', headers: ['姓名', '公民身份号码', '死亡日期', '备注'] }),
    ).toBeUndefined();
    expect(
      plainRowWriter({ ...base, type: 'adoption', headers: ['姓名', '公民身份号码', '收养登记日期'] }),
    ).toBeDefined();
  });
});
