import type { ChildFacts } from '../eligibility/facts.ts';
import type { PlainDate } from '../shared/dates.ts';
import type { Sex } from '../shared/id-number.ts';
import { canonicalJson, idKey, nameBirthKey, normalIdKey, type KeyedHash } from './keys.ts';
import type { RosterPerson, RosterRow, RosterType } from './roster-types.ts';

/**
 * What matching works on: roster rows and registered children with their ID numbers replaced
 * by keyed hashes (ADR 0006). The server stores records, not clear numbers, for matching.
 */

/** Where a piece of evidence was read: roster type, 1-based row of the file, upload id. */
export interface EvidenceSource {
  roster: RosterType;
  rowNumber: number;
  batch?: string;
}

type Payload<R> = R extends RosterRow ? Omit<R, keyof RosterPerson | 'headIdNumber'> : never;
export type RecordData = Payload<RosterRow>;

export interface RosterRecord {
  source: EvidenceSource;
  person: {
    name: string;
    idValid: boolean;
    /** Only for a valid number: an invalid one is never matched exactly. */
    idKey?: string;
    nameBirthKey?: string;
    birthDate?: PlainDate;
    sex?: Sex;
    /** 6-digit address code of the number (the place of first registration). */
    idRegion?: string;
  };
  data: RecordData;
  /** assistance: key of 户主身份号码. */
  headIdKey?: string;
  /** Hash of the row's content (keys, not numbers), without source: the evidence identity. */
  contentKey: string;
}

export interface RecordOptions {
  /**
   * A row with a valid ID born before this date gets no name + birth key. The key only ever
   * meets a registered child with the same birth date, so the server passes the earliest birth
   * date a registered child has (or may get); the pinyin is the costliest step of a row.
   */
  nameKeyFrom?: PlainDate;
}

/** A record before its content key (the server computes that key when the row is first used). */
export type KeyedRecord = Omit<RosterRecord, 'contentKey'>;

/** Turns a validated roster row into a record: keys instead of ID numbers. */
export function toRosterRecord(
  row: RosterRow,
  source: EvidenceSource,
  hmac: KeyedHash,
  options: RecordOptions = {},
): RosterRecord {
  const record = toKeyedRecord(row, source, hmac, options);
  return { ...record, contentKey: contentKeyOf(record, hmac, invalidIdentity(row, record, hmac)) };
}

/** toRosterRecord without the content key. */
export function toKeyedRecord(
  row: RosterRow,
  source: EvidenceSource,
  hmac: KeyedHash,
  options: RecordOptions = {},
): KeyedRecord {
  const { name, idNumber, idValid, birthDate, sex, ...rest } = row;
  const { headIdNumber, ...data } = rest as typeof rest & { headIdNumber?: string };
  // A valid number is already in normal form (RosterPerson): its key needs no second parse.
  const key = idValid ? normalIdKey(idNumber, hmac) : undefined;
  const needsNameKey =
    key === undefined || options.nameKeyFrom === undefined || (birthDate ?? '') >= options.nameKeyFrom;
  const nb = birthDate === undefined || !needsNameKey ? undefined : nameBirthKey(name, birthDate, hmac);
  const headIdKey = headIdNumber === undefined ? undefined : idKey(headIdNumber, hmac);
  // Assigned one by one rather than as conditional spreads: this runs a million times an upload.
  const person: RosterRecord['person'] = { name, idValid: key !== undefined };
  if (key !== undefined) person.idKey = key;
  if (nb !== undefined) person.nameBirthKey = nb;
  if (birthDate !== undefined) person.birthDate = birthDate;
  if (sex !== undefined) person.sex = sex;
  if (/^\d{6}/.test(idNumber)) person.idRegion = idNumber.slice(0, 6);
  return { source, person, data: data as RecordData, ...(headIdKey !== undefined && { headIdKey }) };
}

/**
 * What tells a row's person apart in its content key when the ID number has no key (invalid):
 * a key of its text. Undefined for a valid number (the ID key serves). Needs the clear number.
 */
export function invalidIdentity(row: RosterRow, record: KeyedRecord, hmac: KeyedHash): string | undefined {
  return record.person.idKey === undefined ? hmac(`idtext:${row.idNumber}`) : undefined;
}

/**
 * The hash of a row's content (keys, not numbers; no source): the evidence identity. From the
 * record alone when its ID is valid; an invalid number's identity comes from invalidIdentity.
 */
export function contentKeyOf(
  record: KeyedRecord,
  hmac: KeyedHash,
  identity: string | undefined = record.person.idKey,
): string {
  const { headIdKey, data } = record;
  return hmac(`row:${canonicalJson({ name: record.person.name, identity, headIdKey, data })}`);
}

/** A child file of the registry as the server passes it in. */
export interface RegisteredChild {
  fileId: string;
  /** The county (or other division) holding and paying the file; default the 户籍 county. */
  region?: string;
  facts: ChildFacts;
}

export interface RegistryEntry {
  fileId: string;
  region: string;
  facts: ChildFacts;
  childIdKey?: string;
  nameBirthKey?: string;
  parentKeys: { father?: string; mother?: string };
}

export function toRegistryEntry(child: RegisteredChild, hmac: KeyedHash): RegistryEntry {
  const { facts } = child;
  const parentKeys: RegistryEntry['parentKeys'] = {};
  for (const p of facts.parents) {
    const k = p.idNumber === undefined ? undefined : idKey(p.idNumber, hmac);
    if (k !== undefined) parentKeys[p.role] = k;
  }
  return registryEntryOf(child, {
    childIdKey: facts.child.idNumber === undefined ? undefined : idKey(facts.child.idNumber, hmac),
    nameBirthKey:
      facts.child.name === undefined
        ? undefined
        : nameBirthKey(facts.child.name, facts.child.birthDate, hmac),
    parentKeys,
  });
}

/**
 * A registry entry from keys already computed (the server keeps toRegistryEntry's keys per
 * facts version): the same entry, without hashing again.
 */
export function registryEntryOf(
  child: RegisteredChild,
  keys: {
    childIdKey: string | undefined;
    nameBirthKey: string | undefined;
    parentKeys: RegistryEntry['parentKeys'];
  },
): RegistryEntry {
  const { childIdKey, nameBirthKey: nb, parentKeys } = keys;
  return {
    fileId: child.fileId,
    region: child.region ?? child.facts.child.hukouRegion,
    facts: child.facts,
    ...(childIdKey !== undefined && { childIdKey }),
    ...(nb !== undefined && { nameBirthKey: nb }),
    parentKeys,
  };
}
