import {
  exitKnownAt,
  factsKnownAt,
  type ExitRecord,
  type FactsDocument,
  type Instant,
  type PayrollRecord,
} from './record.ts';

/**
 * A child's shape (ADR 0005, "Speed"). A month's entitlement is a pure function of what the
 * engine reads: the record's 户籍 code and confirmation date, the exit and the facts document as
 * known at the payroll's instant, the month and the packs. The child's id only labels the lines;
 * the child's name and the ID numbers are never read (the birth date is). So children with one
 * shape are owed the same lines, and a county's payroll evaluates each distinct shape once.
 *
 * The server builds the shape in SQL (payroll.shapes.ts) and evaluates `shapeRecord(shape)`
 * itself, read back from the database: whatever the shape holds is what was evaluated. A
 * property test checks that a child's entitlement and settlement equal its shape's, relabelled.
 */

/** The anonymous child a shape is evaluated as. */
export const SHAPE_CHILD = 'shape';
/** A shape's single fact version and its exit are recorded at this instant (known at any later one). */
export const SHAPE_INSTANT = '1970-01-01T00:00:00.000Z';

/**
 * What the entitlement of a child reads, without who the child is: the record's 户籍 code and
 * confirmation date, the exit and the (anonymous) facts document as known at the payroll's
 * instant. The server builds the same object in SQL to group a county's children by it.
 */
export interface Shape {
  hukouRegion: string;
  confirmedOn: string;
  exit?: { reason: ExitRecord['reason']; eventDate: string };
  /** Absent when no facts version was recorded yet. */
  facts?: FactsDocument;
}

/** The record a shape stands for, labelled with a child id. */
export function shapeRecord(shape: Shape, childId = SHAPE_CHILD): PayrollRecord {
  return {
    childId,
    hukouRegion: shape.hukouRegion,
    confirmedOn: shape.confirmedOn,
    ...(shape.exit && { exit: { ...shape.exit, recordedAt: SHAPE_INSTANT } }),
    factVersions: shape.facts ? [{ recordedAt: SHAPE_INSTANT, facts: shape.facts }] : [],
  };
}

/** The facts document without what only identifies the child (kept when the birth date needs it). */
export function anonymous(doc: FactsDocument): FactsDocument {
  const { name: _name, idNumber, ...child } = doc.child;
  return {
    ...doc,
    child: child.birthDate === undefined ? { ...child, idNumber } : child,
    parents: doc.parents.map(({ idNumber: _id, ...p }) => p),
  } as FactsDocument;
}

/** The child's shape as known at `knownAt`. */
export function shapeOf(record: PayrollRecord, knownAt: Instant): Shape {
  const doc = factsKnownAt(record, knownAt);
  const exit = exitKnownAt(record, knownAt);
  return {
    hukouRegion: record.hukouRegion,
    confirmedOn: record.confirmedOn,
    ...(exit && { exit: { reason: exit.reason, eventDate: exit.eventDate } }),
    ...(doc && { facts: anonymous(doc) }),
  };
}
