import { describe, expect, it } from 'vitest';
import { errorFromResponse, toQueryString } from './api/client.ts';
import { passwordValidator } from './features/admin/users/password-rule.ts';
import { fieldOf, placeIssues } from './components/form-errors.ts';
import { resolvePath, withChildren, type RegionOption } from './components/region-tree.ts';

describe('server validation issues land under their fields', () => {
  it('reads the field from dotted, slashed, bracketed and body-prefixed paths', () => {
    expect(['roles.0', '/roles/0', 'roles[0]', 'body.roles', 'roles'].map(fieldOf)).toEqual(
      Array(5).fill('roles'),
    );
  });

  it('groups messages per known field and returns the rest for a form-level alert', () => {
    const placed = placeIssues(
      [
        { path: 'username', message: '用户名已存在' },
        { path: 'password', message: '密码至少10位' },
        { path: 'password', message: '密码需包含三类字符' },
        { path: 'tenant', message: '未知字段' },
      ],
      ['username', 'password'],
    );
    expect(placed.fields).toEqual([
      { name: 'username', errors: ['用户名已存在'] },
      { name: 'password', errors: ['密码至少10位', '密码需包含三类字符'] },
    ]);
    expect(placed.unplaced).toEqual([{ path: 'tenant', message: '未知字段' }]);
  });
});

describe('the API client', () => {
  it('leaves empty filters out of the query string', () => {
    expect(toQueryString({ q: '', page: 1, actor: undefined, outcome: null, pageSize: 20 })).toBe(
      '?page=1&pageSize=20',
    );
    expect(toQueryString({})).toBe('');
  });

  it("keeps the server's Chinese message and issues, and still explains a non-JSON failure", () => {
    const e = errorFromResponse(423, { error: { code: 'FORBIDDEN', message: '账户已锁定' } });
    expect([e.status, e.code, e.message, e.issues]).toEqual([423, 'FORBIDDEN', '账户已锁定', []]);
    const proxy = errorFromResponse(502, undefined);
    expect([proxy.code, proxy.message]).toEqual(['INTERNAL', '服务暂时不可用（HTTP 502），请稍后重试']);
  });
});

describe('the password field applies the domain policy before the server does', () => {
  const validate = passwordValidator(() => 'zhangsan');

  it('leaves an empty value to the required rule', async () => {
    await expect(validate({}, undefined)).resolves.toBeUndefined();
  });

  it('accepts 10 characters from three classes', async () => {
    await expect(validate({}, 'Abcdefgh12')).resolves.toBeUndefined();
  });

  it('rejects a short or two-class password with the Chinese reason', async () => {
    await expect(validate({}, 'Abc12345!')).rejects.toThrow('至少10位');
    await expect(validate({}, 'abcdefghij1')).rejects.toThrow('至少三类');
  });

  it('rejects a password containing the username', async () => {
    await expect(validate({}, 'Zhangsan-2025')).rejects.toThrow('用户名');
  });
});

describe('a region code finds its place in a partly loaded tree', () => {
  const roots: RegionOption[] = [{ value: '6403', label: '吴忠市', isLeaf: false }];
  const counties = [
    { value: '640302', label: '利通区', isLeaf: false },
    { value: '640303', label: '红寺堡区', isLeaf: false },
  ];

  it('asks for the next level until it reaches the code', () => {
    expect(resolvePath(roots, '640302001')).toEqual({ path: ['6403'], complete: false, loadNext: '6403' });
    const loaded = withChildren(roots, '6403', counties);
    expect(resolvePath(loaded, '640302001')).toEqual({
      path: ['6403', '640302'],
      complete: false,
      loadNext: '640302',
    });
    const deeper = withChildren(loaded, '640302', [{ value: '640302001', label: '胜利镇', isLeaf: true }]);
    expect(resolvePath(deeper, '640302001')).toEqual({
      path: ['6403', '640302', '640302001'],
      complete: true,
    });
  });

  it('finds nothing for a code outside every root', () => {
    expect(resolvePath(roots, '6401')).toEqual({ path: [], complete: false });
  });
});
