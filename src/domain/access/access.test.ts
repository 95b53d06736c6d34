import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type Actor } from './access.ts';
import { Permission, ROLES, ROLE_PERMISSIONS, type Role } from './roles.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** Random normalised region codes of every level. */
const regionCode = fc
  .oneof(digits(2), digits(4), digits(6), digits(9), digits(12))
  .filter((c) => !c.startsWith('00'));
const actorOf = (jurisdiction: string, roles: Role[]): Actor => ({
  userId: 'u',
  username: 'u',
  roles,
  jurisdiction,
});
const anyRoles = fc.subarray([...ROLES], { minLength: 1 });
const anyPermission = fc.constantFrom(...Object.values(Permission));

describe('the access predicate', () => {
  it("never grants a record outside the actor's subtree", () => {
    fc.assert(
      fc.property(
        regionCode,
        regionCode,
        anyRoles,
        anyPermission,
        (jurisdiction, record, roles, permission) => {
          const d = decide(actorOf(jurisdiction, roles), permission, record);
          if (!record.startsWith(jurisdiction)) expect(d).not.toBe('allow');
        },
      ),
    );
  });

  it('grants every record in the subtree when the role has the permission', () => {
    fc.assert(
      fc.property(
        regionCode,
        digits(3),
        anyRoles,
        anyPermission,
        (jurisdiction, suffix, roles, permission) => {
          const d = decide(actorOf(jurisdiction, roles), permission, jurisdiction + suffix);
          const has = roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
          expect(d).toBe(has ? 'allow' : 'forbidden');
        },
      ),
    );
  });

  it('answers not-found rather than forbidden outside the jurisdiction, so existence does not leak', () => {
    expect(decide(actorOf('640302', ['county-staff']), Permission.childRead, '110115001')).toBe('not-found');
  });

  it('a sibling county with a shared prefix is outside (640302 does not see 640303)', () => {
    expect(decide(actorOf('640302', ['county-staff']), Permission.childRead, '640303')).toBe('not-found');
    expect(decide(actorOf('640302', ['county-staff']), Permission.childRead, '6403')).toBe('not-found');
  });

  it('a volunteer cannot read child files at all', () => {
    expect(decide(actorOf('640302106001', ['volunteer']), Permission.childRead, '640302106001')).toBe(
      'forbidden',
    );
  });
});
