/**
 * Value plumbing for conversion (internal): building collections with go-cty's `ListVal` /
 * `SetVal` / `MapVal` typing rules, marks, wholly-known checks, unknown ranges and path steps.
 *
 * @module
 */
import { listVal, mapVal, objectVal, setVal, tupleVal, unknownVal } from "./constructors.js";
import type { Refinements } from "./refinement.js";
import type { CtyType } from "./types.js";
import { typeEquals } from "./types.js";
import type { Mark } from "./value.js";
import { CtyValue, noMarks, UnknownRaw } from "./value.js";

/** The null value of a type, with marks. */
export function nullOf(t: CtyType, marks: ReadonlySet<Mark> = noMarks): CtyValue {
  return new CtyValue(t, null, marks);
}
/** A plain unknown value of a type, with marks. */
export function unknownOf(t: CtyType, marks: ReadonlySet<Mark> = noMarks): CtyValue {
  return new CtyValue(t, UnknownRaw.plain, marks);
}
/** The value without its own marks (nested marks stay). */
export function unmark(v: CtyValue): CtyValue {
  return v.isMarked ? new CtyValue(v.type, v.raw) : v;
}
/** The value with `marks` added to its own. */
export function withMarks(v: CtyValue, marks: ReadonlySet<Mark>): CtyValue {
  if (marks.size === 0) return v;
  if (v.marks.size === 0) return new CtyValue(v.type, v.raw, marks);
  return new CtyValue(v.type, v.raw, new Set([...v.marks, ...marks]));
}

/** The elements of a known, non-null list, set or tuple. */
export function seqElements(v: CtyValue): readonly CtyValue[] {
  return v.raw as readonly CtyValue[];
}
/** The entries of a known, non-null map or object, in key order. */
export function mapEntries(v: CtyValue): ReadonlyMap<string, CtyValue> {
  return v.raw as ReadonlyMap<string, CtyValue>;
}

/**
 * The common element type of `elems` as go-cty's `ListVal`/`SetVal`/`MapVal` choose it (the first
 * non-dynamic type; dynamic-typed nulls and unknowns fit anywhere), or undefined if they differ.
 */
export function commonElementType(elems: Iterable<CtyValue>): CtyType | undefined {
  let ety: CtyType | undefined;
  for (const e of elems) {
    if (ety === undefined || ety.kind === "dynamic") ety = e.type;
    else if (e.type.kind !== "dynamic" && !typeEquals(ety, e.type)) return undefined;
  }
  return ety;
}

/** go-cty `ListVal` / `ListValEmpty`; undefined when element types differ (`CanListVal`). */
export function buildList(elems: readonly CtyValue[], emptyEty: CtyType): CtyValue | undefined {
  if (elems.length === 0) return listVal([], emptyEty);
  return commonElementType(elems) === undefined ? undefined : listVal(elems);
}

/** go-cty `SetVal` / `SetValEmpty` (nested marks move to the set); undefined when element types differ. */
export function buildSet(elems: readonly CtyValue[], emptyEty: CtyType): CtyValue | undefined {
  if (elems.length === 0) return setVal([], emptyEty);
  return commonElementType(elems) === undefined ? undefined : setVal(elems);
}

/** go-cty `MapVal` / `MapValEmpty`; undefined when element types differ. */
export function buildMap(elems: ReadonlyMap<string, CtyValue>, emptyEty: CtyType): CtyValue | undefined {
  if (elems.size === 0) return mapVal([], emptyEty);
  return commonElementType(elems.values()) === undefined ? undefined : mapVal(elems);
}

/** go-cty `ObjectVal`: the object type is made of the values' types. */
export function buildObject(attrs: ReadonlyMap<string, CtyValue>): CtyValue {
  return objectVal(attrs);
}

/** go-cty `TupleVal`. */
export function buildTuple(elems: readonly CtyValue[]): CtyValue {
  return tupleVal(elems);
}

/** What an unknown value's refinements say: not null, and collection length bounds. */
export interface UnknownRange {
  readonly notNull: boolean;
  readonly lenMin: number;
  /** undefined: unbounded. */
  readonly lenMax: number | undefined;
}

/** The refinements of an unknown value (go-cty `Value.Range()` of an unknown). */
export function unknownRange(v: CtyValue): UnknownRange {
  const r = v.refinements;
  return { notNull: r?.notNull === true, lenMin: r?.lengthLower ?? 0, lenMax: r?.lengthUpper };
}

/**
 * An unknown of type `t` refined as given, through go-cty's refinement rules (which may
 * collapse it to a known value, e.g. a not-null list of known length). Length bounds are only
 * given for collection types.
 */
export function makeUnknown(
  t: CtyType,
  r: { notNull: boolean; lenMin?: number; lenMax?: number | undefined },
): CtyValue {
  const refinements: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  if (r.notNull) refinements.notNull = true;
  if (r.lenMin !== undefined && r.lenMin > 0) refinements.lengthLower = r.lenMin;
  if (r.lenMax !== undefined) refinements.lengthUpper = r.lenMax;
  return unknownVal(t, refinements);
}
