import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, fucFacts, idNumber } from './test-fixtures.ts';

let t: TestContext;
const MA_ID = idNumber('64030220150312002');
let childId: string;
beforeAll(async () => {
  t = await createTestContext();
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/children',
    as: 'jinxing-village-01',
    payload: { facts: fucFacts({ id: MA_ID }) },
  });
  expect(res.statusCode).toBe(201);
  childId = res.json().child.id;
});
afterAll(() => t.close());

const create = (as: string | undefined, facts: object, extra: object = {}) =>
  t.call({ method: 'POST', url: '/api/v1/children', ...(as ? { as } : {}), payload: { facts, ...extra } });

describe('POST /api/v1/children (建档)', () => {
  it('without a session answers 401', async () => {
    expect((await create(undefined, fucFacts())).statusCode).toBe(401);
  });
  it('a role without child:write answers 403', async () => {
    expect((await create('auditor', fucFacts({ id: idNumber('64030220150101003') }))).statusCode).toBe(403);
  });
  it('a 户籍 outside the jurisdiction is refused on that field', async () => {
    const res = await create('jinxing-village-02', fucFacts({ id: idNumber('64030220150101003') }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('facts.child.hukouRegion');
  });
  it("invalid facts come back with the engine's Chinese issues", async () => {
    const facts = fucFacts({ id: '640302201503120021' });
    const res = await create('jinxing-village-01', facts);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      { path: 'facts.child.idNumber', message: '公民身份号码校验位错误' },
    ]);
  });
  it('creates the file with version 1, derives sex and birth date from the ID, and audits it', async () => {
    const res = await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'jinxing-village-01' });
    expect(res.json()).toMatchObject({
      sex: 'female',
      birthDate: '2015-03-12',
      version: 1,
      status: 'registered',
    });
    const audit = (await t.auditRows('child.create')).find((r) => r.entity_id === childId);
    expect(audit).toMatchObject({ actor_username: 'jinxing-village-01', region_code: '640302106001' });
    expect(JSON.stringify(audit?.detail)).not.toMatch(/马小花|640302201503120020/);
  });
  it('a second file with the same ID number is a conflict naming where the first one is', async () => {
    const res = await create('jinxing-township', fucFacts({ id: MA_ID.toLowerCase() }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('富平社区');
  });
  it('outside the jurisdiction of the first file, the conflict does not say where it is', async () => {
    const res = await create('daxing-county', fucFacts({ id: MA_ID, hukou: '110115001' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).not.toMatch(/宁夏|吴忠|利通|金星|富平/);
  });
  it('a child without an ID number gets a provisional number; same name and birth date only warns', async () => {
    const facts = { ...fucFacts(), child: { ...fucFacts().child, birthDate: '2015-03-12' } };
    const res = await create('jinxing-township', facts, { sex: 'female' });
    expect(res.statusCode).toBe(201);
    expect(res.json().child.provisionalNo).toMatch(/^LS640302\d{8}$/);
    expect(res.json().warnings).toEqual([expect.objectContaining({ kind: 'same-name-birth' })]);
  });
  it('without an ID number the sex must be given', async () => {
    const res = await create('jinxing-township', {
      ...fucFacts(),
      child: { ...fucFacts().child, birthDate: '2016-01-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('sex');
  });
});

describe('GET /api/v1/children (检索)', () => {
  const list = (as: string | undefined, qs = '') =>
    t.call({ method: 'GET', url: `/api/v1/children${qs}`, ...(as ? { as } : {}) });
  it('without a session answers 401; without child:read 403', async () => {
    expect((await list(undefined)).statusCode).toBe(401);
    expect((await list('auditor')).statusCode).toBe(403);
  });
  it.each([
    ['pinyin initials', '?q=mxh'],
    ['full pinyin', '?q=MaXiaoHua'],
    ['part of the name', '?q=小花'],
    ['the full ID number', `?q=${MA_ID}`],
    ['the last digits of the ID number', `?q=${MA_ID.slice(-6)}`],
    ['region prefix', '?region=640302106'],
  ])('finds 马小花 by %s, with the ID number masked', async (_what, qs) => {
    const res = await list('litong-county', qs);
    expect(res.statusCode).toBe(200);
    const hit = res.json().items.find((c: { id: string }) => c.id === childId);
    expect(hit).toMatchObject({ name: '马小花', idNumberMasked: '6403**********0020' });
    expect(res.body).not.toContain(MA_ID);
  });
  it('filters by status and keeps to the jurisdiction; the search is audited without its text', async () => {
    expect((await list('litong-county', '?status=active')).json().total).toBe(0);
    expect((await list('jinxing-village-02', '?q=mxh')).json().total).toBe(0);
    const audit = (await t.auditRows('child.search')).at(-1);
    expect(JSON.stringify(audit?.detail)).not.toContain('mxh');
  });
});

describe('GET /api/v1/children/:id (档案)', () => {
  const get = (as?: string, id = childId) =>
    t.call({ method: 'GET', url: `/api/v1/children/${id}`, ...(as ? { as } : {}) });
  it('401 without a session, 403 for a volunteer, 404 for another village and for nonsense ids', async () => {
    expect((await get()).statusCode).toBe(401);
    expect((await get('jinxing-volunteer')).statusCode).toBe(403);
    expect((await get('jinxing-village-02')).statusCode).toBe(404);
    expect((await get('daxing-county')).statusCode).toBe(404);
    expect((await get('litong-county', 'not-a-uuid')).statusCode).toBe(404);
  });
  it('shows the full ID number and the facts, and audits the read', async () => {
    const res = await get('litong-county');
    expect(res.json()).toMatchObject({
      idNumber: MA_ID,
      hukouRegionName: expect.stringContaining('富平社区'),
    });
    expect(res.json().facts.parents).toHaveLength(2);
    expect(
      (await t.auditRows('child.read')).some(
        (r) => r.entity_id === childId && r.actor_username === 'litong-county',
      ),
    ).toBe(true);
  });
});

describe('PATCH /api/v1/children/:id/facts, history and determinations', () => {
  const patch = (as: string | undefined, body: object) =>
    t.call({
      method: 'PATCH',
      url: `/api/v1/children/${childId}/facts`,
      ...(as ? { as } : {}),
      payload: body,
    });
  const moved = () => ({
    ...fucFacts({ id: MA_ID }),
    child: { ...fucFacts({ id: MA_ID }).child, placement: 'foster' },
  });
  let beforeChange: string;
  it('401, 403 and 404 come before anything is changed', async () => {
    expect((await patch(undefined, { facts: moved(), reason: 'x' })).statusCode).toBe(401);
    expect((await patch('auditor', { facts: moved(), reason: 'x' })).statusCode).toBe(403);
    expect((await patch('jinxing-village-02', { facts: moved(), reason: 'x' })).statusCode).toBe(404);
  });
  it('records a new version with the changed fields, audited without names or ID numbers', async () => {
    beforeChange = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const res = await patch('jinxing-village-01', {
      facts: moved(),
      reason: '转为家庭寄养',
      expectedVersion: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(2);
    const audit = (await t.auditRows('child.update-facts')).find((r) => r.entity_id === childId);
    expect(audit?.detail).toMatchObject({
      from: { version: 1 },
      to: { version: 2 },
      changed: ['child.placement'],
    });
    expect(JSON.stringify(audit?.detail)).not.toMatch(/马小花|640302201503120020/);
  });
  it('an edit from a stale version is a conflict', async () => {
    const res = await patch('jinxing-village-01', {
      facts: fucFacts({ id: MA_ID }),
      reason: '更正',
      expectedVersion: 1,
    });
    expect(res.statusCode).toBe(409);
  });
  it('the history lists the versions newest first with what changed, and is audited', async () => {
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/children/${childId}/history`,
      as: 'jinxing-township',
    });
    expect(
      res.json().items.map((v: { version: number; changed: string[] }) => [v.version, v.changed]),
    ).toEqual([
      [2, ['child.placement']],
      [1, []],
    ]);
    expect((await t.auditRows('child.history')).some((r) => r.entity_id === childId)).toBe(true);
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/children/${childId}/history`, as: 'jinxing-village-02' }))
        .statusCode,
    ).toBe(404);
  });
  it('evaluates "as of a day, as known at a time" from the version recorded then', async () => {
    const url = `/api/v1/children/${childId}/determinations`;
    const now = await t.call({ method: 'GET', url, as: 'litong-county' });
    expect(now.json()).toMatchObject({ items: [], evaluatedFactsVersion: 2 });
    expect(now.json().evaluated.categories).toContain('de-facto-unsupported');
    const then = await t.call({
      method: 'GET',
      url: `${url}?knownAt=${encodeURIComponent(beforeChange)}`,
      as: 'litong-county',
    });
    expect(then.json().evaluatedFactsVersion).toBe(1);
    const before = await t.call({
      method: 'GET',
      url: `${url}?asOf=${daysAgo(365 * 3)}`,
      as: 'litong-county',
    });
    expect(before.json().evaluated.categories).not.toContain('de-facto-unsupported');
    expect((await t.call({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.call({ method: 'GET', url, as: 'daxing-county' })).statusCode).toBe(404);
  });
});

describe('attachments (证明材料)', () => {
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 1),
  ]);
  function upload(as: string | undefined, content: Buffer, name = '死亡证明.png') {
    const boundary = '----tb' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndeath-certificate\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.call({
      method: 'POST',
      url: `/api/v1/children/${childId}/attachments`,
      ...(as ? { as } : {}),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  }
  let attachmentId: string;
  it('401, 403 and 404 before the file is read', async () => {
    expect((await upload(undefined, PNG)).statusCode).toBe(401);
    expect((await upload('auditor', PNG)).statusCode).toBe(403);
    expect((await upload('jinxing-village-02', PNG)).statusCode).toBe(404);
  });
  it('accepts a PNG by its magic bytes and audits the upload', async () => {
    const res = await upload('jinxing-village-01', PNG);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'death-certificate', mimeType: 'image/png', size: PNG.length });
    attachmentId = res.json().id;
    expect((await t.auditRows('child.attachment.upload')).some((r) => r.entity_id === childId)).toBe(true);
  });
  it('refuses other types whatever the name says, and files over 10 MB', async () => {
    expect((await upload('jinxing-village-01', Buffer.from('MZ not a picture'), 'x.png')).statusCode).toBe(
      400,
    );
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('jinxing-village-01', big);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('10 MB');
  });
  it('lists and downloads (audited); another village gets 404', async () => {
    const list = await t.call({
      method: 'GET',
      url: `/api/v1/children/${childId}/attachments`,
      as: 'litong-county',
    });
    expect(list.json().items).toHaveLength(1);
    const url = `/api/v1/children/${childId}/attachments/${attachmentId}`;
    const file = await t.call({ method: 'GET', url, as: 'litong-county' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(
      (await t.auditRows('child.attachment.download')).some((r) => r.actor_username === 'litong-county'),
    ).toBe(true);
    expect((await t.call({ method: 'GET', url, as: 'jinxing-village-02' })).statusCode).toBe(404);
  });
});
