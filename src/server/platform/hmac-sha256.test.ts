import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { hmacSha256Hex } from './hmac-sha256.ts';

// createHmac counted, so a test can tell the JS path from the fallback (both must agree with it).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof crypto>();
  return { ...real, createHmac: vi.fn(real.createHmac) };
});
const createHmacCalls = () => vi.mocked(crypto.createHmac).mock.calls.length;

const reference = (secret: string, message: string) =>
  crypto.createHmac('sha256', secret).update(message).digest('hex');

const ascii = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7) % 95))).join('');

/** Secrets by UTF-8 length: the key is padded up to 64 bytes and hashed first beyond 64. */
const SECRETS = {
  empty: '',
  '1 byte': 'k',
  '32 bytes': 'x'.repeat(32),
  '64 bytes': 'y'.repeat(64),
  '65 bytes': 'z'.repeat(65),
  '200 bytes': ascii(200),
  'non-ASCII, 12 bytes': '通宝密钥',
  'non-ASCII, 22 characters but 66 bytes': '密'.repeat(22),
  'base64 of 32 random bytes, as generated': crypto.randomBytes(32).toString('base64'),
};

describe('hmacSha256Hex equals createHmac(sha256) in hex', () => {
  for (const [label, secret] of Object.entries(SECRETS)) {
    it(`for ASCII messages of 0 to 70 characters, secret ${label}`, () => {
      const hash = hmacSha256Hex(secret);
      for (let n = 0; n <= 70; n++) expect(hash(ascii(n)), `length ${n}`).toBe(reference(secret, ascii(n)));
    });
  }

  it('for the empty message', () => {
    expect(hmacSha256Hex('s')('')).toBe(reference('s', ''));
  });

  it('for ID, name-birth and non-ASCII messages', () => {
    const secret = 'match-secret';
    const hash = hmacSha256Hex(secret);
    const messages = [
      'id:64030219400101001X',
      'id:640302194001010013',
      'nb:zhang san:2012-03-04',
      'nb:ouyang xiaoming:2015-12-31',
      '张三',
      'nb:张三:2012-03-04',
      '欧阳小明'.repeat(20),
      'café', // U+00E9, two UTF-8 bytes
      '\u0080', // the first code unit past ASCII
      '\u0000\u007f', // the ends of ASCII
      '\ud800', // a lone surrogate (UTF-8 encodes it as U+FFFD)
      '😀',
    ];
    for (const m of messages) expect(hash(m), m).toBe(reference(secret, m));
  });

  it('for random messages and secrets', () => {
    const text = (maxLength: number) =>
      fc.oneof(
        fc.string({ unit: 'binary-ascii', maxLength }),
        fc.string({ unit: 'binary', maxLength }),
        fc.string({ unit: 'grapheme', maxLength }),
      );
    fc.assert(
      fc.property(text(200), fc.array(text(80), { maxLength: 5 }), (secret, messages) => {
        const hash = hmacSha256Hex(secret);
        for (const m of messages) expect(hash(m)).toBe(reference(secret, m));
      }),
      { numRuns: 300 },
    );
  });

  it('for interleaved hashers under different secrets', () => {
    const a = hmacSha256Hex('a');
    const b = hmacSha256Hex('b');
    expect([a('id:1'), b('id:1'), a('id:1')]).toEqual([
      reference('a', 'id:1'),
      reference('b', 'id:1'),
      reference('a', 'id:1'),
    ]);
  });
});

describe('the JS path', () => {
  it('hashes every ASCII message of up to 55 characters without createHmac, and nothing else', () => {
    const hash = hmacSha256Hex('s');
    const fallbacks = (message: string) => {
      const before = createHmacCalls();
      hash(message);
      return createHmacCalls() - before;
    };
    for (let n = 0; n <= 55; n++) expect(fallbacks(ascii(n)), `length ${n}`).toBe(0);
    for (let n = 56; n <= 70; n++) expect(fallbacks(ascii(n)), `length ${n}`).toBe(1);
    expect(fallbacks('nb:张三:2012-03-04')).toBe(1);
  });
});
