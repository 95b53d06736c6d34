import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idKey, nameBirthKey } from './keys.ts';
import { nameSimilarity, namePinyin, normalizeName } from './names.ts';
import { hmac, idFor } from './test-support.ts';

describe('name normalisation', () => {
  it.each([
    ['  马小花 ', '马小花'],
    ['馬小花', '马小花'],
    ['马 小 花', '马小花'],
    ['阿依古丽·买买提', '阿依古丽买买提'],
    ['阿依古麗・买买提', '阿依古丽买买提'],
    ['ＡＢＣ', 'abc'],
    ['劉強', '刘强'],
    ['陳傑', '陈杰'],
  ])('%s is written canonically as %s', (raw, canonical) => {
    expect(normalizeName(raw)).toBe(canonical);
  });

  it.each([
    ['单小明', 'shanxiaoming'],
    ['曾丽', 'zengli'],
    ['解放', 'xiefang'],
    ['区华', 'ouhua'],
    ['吕小花', 'lvxiaohua'],
    ['尉迟恭', 'yuchigong'],
  ])('reads the surname of %s as a surname: %s', (name, py) => {
    expect(namePinyin(name)).toBe(py);
  });
});

describe('nameSimilarity', () => {
  it.each([
    ['马小花', '馬小花', 1],
    ['马小花', '马晓花', 0.9],
    ['马小花', '马小红', 0.7],
    ['马小花', '李四', 0],
    ['马小花', '马花', 0.4],
  ])('scores %s vs %s as %s', (a, b, score) => {
    expect(nameSimilarity(a, b)).toBe(score);
  });

  const names = fc.oneof(
    fc.string({ maxLength: 5 }),
    fc.array(fc.constantFrom(...'马小花馬華华丽麗 ·晓李张張强強'), { maxLength: 5 }).map((a) => a.join('')),
  );

  it('is symmetric', () => {
    fc.assert(fc.property(names, names, (a, b) => nameSimilarity(a, b) === nameSimilarity(b, a)));
  });

  it('is 1 exactly when the normalised names are equal, and always within 0..1', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        const s = nameSimilarity(a, b);
        return s >= 0 && s <= 1 && (s === 1) === (normalizeName(a) === normalizeName(b));
      }),
    );
  });
});

describe('identity keys', () => {
  it('give one key for the 15- and 18-digit forms and none for a wrong check digit', () => {
    const id18 = '110105195001011234';
    const fixed = id18.slice(0, 17) + idFor('110105', '1950-01-01', '123').slice(17);
    expect(idKey(fixed, hmac)).toBe(idKey('110105500101123', hmac));
    expect(idKey(fixed.toLowerCase(), hmac)).toBe(idKey(fixed, hmac));
    const wrong = fixed.slice(0, 17) + (fixed.endsWith('0') ? '1' : '0');
    expect(idKey(wrong, hmac)).toBeUndefined();
  });

  it('never contain the number they stand for', () => {
    const id = idFor('640302', '2015-03-12');
    expect(idKey(id, hmac)).not.toContain(id);
  });

  it('block variant spellings of a name born on the same day together', () => {
    expect(nameBirthKey('馬曉花', '2015-03-12', hmac)).toBe(nameBirthKey('马小花', '2015-03-12', hmac));
    expect(nameBirthKey('马小花', '2015-03-13', hmac)).not.toBe(nameBirthKey('马小花', '2015-03-12', hmac));
  });
});
