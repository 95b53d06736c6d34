import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERCHANGE_EXAMPLE } from '../../../domain/eligibility/example.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const example = INTERCHANGE_EXAMPLE;

describe('POST /api/v1/evaluate', () => {
  it('without a session answers 401', async () => {
    expect((await t.call({ method: 'POST', url: '/api/v1/evaluate', payload: example })).statusCode).toBe(
      401,
    );
  });
  it('a role without policy access (volunteer) answers 403', async () => {
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/evaluate', as: 'jinxing-volunteer', payload: example }))
        .statusCode,
    ).toBe(403);
  });
  it('the interchange example: a Wuzhong orphan in kinship care gets the scattered orphan allowance of 120000 fen', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/evaluate',
      as: 'litong-county',
      payload: example,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      policy: { id: 'cn-640300' },
      categories: ['orphan'],
      benefits: [
        { code: 'orphan-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
      ],
      monthlyTotalFen: 120000,
    });
    expect(res.json().explanations[0]).toMatchObject({
      rule: 'orphan',
      basis: expect.stringContaining('国办发〔2010〕54号'),
    });
  });
  it('an array in gives an array out', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/evaluate',
      as: 'litong-county',
      payload: [example, example],
    });
    expect(res.json()).toHaveLength(2);
  });
  it('a bad ID number is a validation error naming the field, in Chinese', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/evaluate',
      as: 'litong-county',
      payload: { ...example, child: { ...example.child, idNumber: '640302201503120021' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toMatchObject({
      path: 'child.idNumber',
      message: expect.stringContaining('校验'),
    });
  });
  it("a child whose 户籍 is outside the user's jurisdiction is refused", async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/evaluate',
      as: 'jinxing-township',
      payload: example, // 640302, above 金星镇
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('child.hukouRegion');
  });
});

describe('policy packs', () => {
  it('without a session answers 401', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/policies' })).statusCode).toBe(401);
  });
  it("a 利通区 user sees the national, Ningxia and Wuzhong packs, not other provinces'", async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/policies', as: 'litong-county' });
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual(['cn', 'cn-640000', 'cn-640300']);
  });
  it('the national administrator sees every pack', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/policies', as: 'admin' });
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['cn-110115', 'cn-150300', 'cn-640300']),
    );
  });
  it('a pack shows its standards in fen with inheritance resolved', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/policies/cn-640300', as: 'litong-county' });
    expect(res.statusCode).toBe(200);
    expect(res.json().standards['orphan-allowance']).toEqual({ institution: 160000, scattered: 120000 });
    expect(res.json().categories).toContain('family-hardship'); // inherited from 宁夏
  });
  it('a pack of another jurisdiction answers 404', async () => {
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/policies/cn-110115', as: 'litong-county' })).statusCode,
    ).toBe(404);
  });
  it('the adjustment calculator needs policy management (403 for county staff)', async () => {
    const body = { lastYearIncomeYuan: '17000', yearBeforeIncomeYuan: '16000', effectiveFrom: '2026-01-01' };
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/v1/policies/cn-640300/adjustment',
          as: 'litong-county',
          payload: body,
        })
      ).statusCode,
    ).toBe(403);
  });
  it('the adjustment proposes 80% / 60% / 50% of the income growth ÷ 12, rounded to the yuan', async () => {
    const body = { lastYearIncomeYuan: '17000', yearBeforeIncomeYuan: '16000', effectiveFrom: '2026-01-01' };
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/policies/cn-640300/adjustment',
      as: 'admin',
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    // growth 1000 yuan: 80% → 66.67 → 67; 60% → 50; 50% → 41.67 → 42 yuan per month
    expect(res.json().increments).toEqual({ institution: 6700, scattered: 5000, fuc: 4200 });
    expect(res.json().proposal.standards['orphan-allowance']).toEqual({
      institution: 166700,
      scattered: 125000,
    });
    expect(res.json().proposal.status).toBe('proposed');
  });
});
