import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('regions', () => {
  it('without a session answers 401', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/regions/roots' })).statusCode).toBe(401);
  });
  it('a role without region access (volunteer) answers 403', async () => {
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/regions/roots', as: 'jinxing-volunteer' })).statusCode,
    ).toBe(403);
  });
  it("the root is the user's own jurisdiction", async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/regions/roots', as: 'litong-county' });
    expect(res.json().items).toEqual([
      { code: '640302', name: '利通区', level: 'county', hasChildren: true },
    ]);
  });
  it('children of a county are its townships, including 金星镇', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/regions/640302/children', as: 'litong-county' });
    expect(res.json().items).toContainEqual({
      code: '640302106',
      name: '金星镇',
      level: 'township',
      hasChildren: true,
    });
  });
  it('a region shows its path of names', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/regions/640302106001', as: 'litong-county' });
    expect(res.json().pathNames).toEqual(['宁夏回族自治区', '吴忠市', '利通区', '金星镇', '富平社区居委会']);
  });
  it('a region of another jurisdiction answers 404', async () => {
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/regions/110115', as: 'litong-county' })).statusCode,
    ).toBe(404);
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/regions/110115/children', as: 'litong-county' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/regions/6403', as: 'litong-county' })).statusCode,
    ).toBe(404);
  });
  it('all three demo areas are loaded down to villages', async () => {
    const { rows } = await t.database.exec(
      "select left(code, 4) as p, count(*)::int as n from regions where level = 'village' group by 1 order by 1",
    );
    expect(rows.map((r) => r.p)).toEqual(['1101', '1503', '6403']);
  });
});
