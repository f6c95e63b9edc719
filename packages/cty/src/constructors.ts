/**
 * Value constructors, mirroring go-cty's `StringVal`, `ListVal`, `SetVal`, `MapVal`, `ObjectVal`,
 * `TupleVal`, `NullVal`, `UnknownVal` and friends. Every constructor validates its input and
 * throws a `TypeError` that says what is wrong.
 *
 * @module
 */
import { unmarkDeep } from "./marks.js";
import { nfc } from "./nfc.js";
import { CtyNum } from "./number.js";
import { False, ObjectAttrs, True } from "./object-attrs.js";
import { applyRefinements, type Refinements } from "./refinement.js";
import { canonicalSetElements, goQuote } from "./set.js";
import {
  type CtyCapsuleType,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  type CtyType,
  compareUtf8,
  hasDynamicTypes,
  hasOptionalAttributes,
  typeEquals,
  typeString,
} from "./types.js";
import { CtyValue, type Mark, noMarks, UnknownRaw } from "./value.js";

/** A string value, NFC-normalised as go-cty's `StringVal`. */
export function stringVal(s: string): CtyValue {
  if (typeof s !== "string") throw new TypeError(`stringVal expects a string, got ${describe(s)}`);
  return new CtyValue(CtyString, nfc(s));
}

/**
 * A number value. JS numbers that are safe integers become int64s, other finite numbers float64s
 * (as `NumberFloatVal`), bigints become integers, strings are parsed as `ParseNumberVal`.
 */
export function numberVal(n: number | bigint | string | CtyNum): CtyValue {
  if (typeof n !== "number" && typeof n !== "bigint" && typeof n !== "string" && !(n instanceof CtyNum)) {
    throw new TypeError(`numberVal expects a number, bigint, string or CtyNum, got ${describe(n)}`);
  }
  return new CtyValue(CtyNumber, CtyNum.from(n));
}

/** A bool value. */
export function boolVal(b: boolean): CtyValue {
  if (typeof b !== "boolean") throw new TypeError(`boolVal expects a boolean, got ${describe(b)}`);
  return b ? True : False;
}

/** The bool values `true` and `false` (shared: values are immutable). */
export { False, True };

/** A null value of the given type. */
export function nullVal(type: CtyType): CtyValue {
  return new CtyValue(type, null);
}

/**
 * An unknown value of the given type, optionally refined. Refinements go through the refinement
 * builder, so they are validated and may collapse the result to a known value (e.g. a list whose
 * length is known to be 0 is the empty list), as go-cty does.
 */
export function unknownVal(type: CtyType, refinements?: Refinements): CtyValue {
  const plain = new CtyValue(type, UnknownRaw.plain);
  return refinements === undefined ? plain : applyRefinements(plain, refinements);
}

/** The wholly unknown value of unknown type (go-cty's `DynamicVal`). */
export const DynamicVal: CtyValue = new CtyValue(CtyDynamic, UnknownRaw.plain);

/** The empty object (type `object({})`). */
export const emptyObjectVal: CtyValue = (() => {
  const t = CtyObject({});
  return new CtyValue(t, ObjectAttrs.of(t, []));
})();
/** The empty tuple (type `tuple([])`). */
export const emptyTupleVal: CtyValue = new CtyValue(CtyTuple([]), Object.freeze([]));

/**
 * Works out the element type of a collection: the first element type that is not `dynamic`
 * (go-cty's rule), checked against every other element and against `declared` when given.
 */
function collectionElementType(
  what: string,
  elements: readonly CtyValue[],
  declared: CtyType | undefined,
): CtyType {
  let inferred: CtyType | undefined;
  elements.forEach((e, i) => {
    if (!(e instanceof CtyValue))
      throw new TypeError(`${what} element ${i} is not a CtyValue (got ${describe(e)})`);
    if (e.type.kind === "dynamic") return;
    if (inferred === undefined) inferred = e.type;
    else if (!typeEquals(inferred, e.type)) {
      throw new TypeError(
        `inconsistent ${what} element types: element 0 has type ${typeString(inferred)} but element ${i} has type ${typeString(e.type)}`,
      );
    }
  });
  if (declared === undefined) {
    if (inferred === undefined) {
      if (elements.length > 0) return CtyDynamic;
      throw new TypeError(`an empty ${what} needs an element type`);
    }
    return inferred;
  }
  if (inferred === undefined || typeEquals(inferred, declared)) return declared;
  // As go-cty's ListVal: a declared type with dynamic parts or optional attributes (a type
  // constraint) takes the elements' concrete type.
  if ((hasDynamicTypes(declared) || hasOptionalAttributes(declared)) && conformsTo(inferred, declared))
    return inferred;
  throw new TypeError(
    `${what} of ${typeString(declared)} cannot hold an element of type ${typeString(inferred)}`,
  );
}

/** True if `given` conforms to the constraint `want` (go-cty's `TestConformance` finds no error). */
export function conformsTo(given: CtyType, want: CtyType): boolean {
  if (want.kind === "dynamic" || typeEquals(given, want)) return true;
  if (given.kind === "object" && want.kind === "object") {
    if (given.names.length !== want.names.length) return false;
    return want.names.every(
      (n) => n in given.attributes && conformsTo(given.attributes[n]!, want.attributes[n]!),
    );
  }
  if (given.kind === "tuple" && want.kind === "tuple") {
    return (
      given.elements.length === want.elements.length &&
      want.elements.every((w, i) => conformsTo(given.elements[i]!, w))
    );
  }
  if ((given.kind === "list" || given.kind === "map" || given.kind === "set") && given.kind === want.kind) {
    return conformsTo(given.element, (want as typeof given).element);
  }
  return false;
}

/** Gives a null or unknown `dynamic` element the collection's element type (go-cty stores only the payload). */
function retype(v: CtyValue, t: CtyType): CtyValue {
  return v.type.kind === "dynamic" && t.kind !== "dynamic" ? new CtyValue(t, v.raw, v.marks) : v;
}

/**
 * A list value. `elementType` is required for an empty list; all elements must share one type
 * (elements of type `dynamic`, i.e. `DynamicVal` or a dynamic null, adopt it).
 */
export function listVal(elements: readonly CtyValue[], elementType?: CtyType): CtyValue {
  if (!Array.isArray(elements))
    throw new TypeError(`listVal expects an array of values, got ${describe(elements)}`);
  const ety = collectionElementType("list", elements, elementType);
  return new CtyValue(CtyList(ety), Object.freeze(elements.map((e) => retype(e, ety))));
}

/**
 * A set value, de-duplicated and in go-cty's canonical order. Marks on elements (at any depth)
 * move to the set itself, as go-cty's `SetVal` does.
 */
export function setVal(elements: readonly CtyValue[], elementType?: CtyType): CtyValue {
  if (!Array.isArray(elements))
    throw new TypeError(`setVal expects an array of values, got ${describe(elements)}`);
  const ety = collectionElementType("set", elements, elementType);
  const marks = new Set<Mark>();
  const plain = elements.map((e) => {
    const [u, pvms] = unmarkDeep(e);
    for (const pvm of pvms) for (const m of pvm.marks) marks.add(m);
    return retype(u, ety);
  });
  const raw = Object.freeze(canonicalSetElements(ety, plain));
  return new CtyValue(CtySet(ety), raw, marks.size > 0 ? marks : noMarks);
}

/** Accepted shapes for map and object entries. */
export type Entries =
  | Readonly<Record<string, CtyValue>>
  | ReadonlyMap<string, CtyValue>
  | readonly (readonly [string, CtyValue])[];

function entryList(what: string, entries: Entries): [string, CtyValue][] {
  let list: [string, CtyValue][];
  if (entries instanceof Map || entries instanceof ObjectAttrs) list = [...entries.entries()];
  else if (Array.isArray(entries)) list = entries.map((e) => [e[0], e[1]] as [string, CtyValue]);
  else if (entries !== null && typeof entries === "object")
    list = Object.entries(entries as Record<string, CtyValue>);
  else
    throw new TypeError(`${what} expects a record, Map or array of [key, value], got ${describe(entries)}`);
  for (const [k, v] of list) {
    if (typeof k !== "string") throw new TypeError(`${what} key ${describe(k)} is not a string`);
    if (!(v instanceof CtyValue))
      throw new TypeError(`${what} entry "${k}" is not a CtyValue (got ${describe(v)})`);
  }
  // As go-cty v1.20's MapVal / ObjectVal: two different keys with the same NFC form are an
  // error (a key given twice, possible in an array of entries, is the last one given).
  const rawOf = new Map<string, string>();
  return list.map(([k, v]) => {
    const n = nfc(k);
    const seen = rawOf.get(n);
    if (seen !== undefined && seen !== k)
      throw new TypeError(
        `multiple ${what === "mapVal" ? "map keys" : "attributes"} that normalize to ${goQuote(n)}`,
      );
    rawOf.set(n, k);
    return [n, v];
  });
}

/** A map value; keys are NFC-normalised and kept in bytewise order. `elementType` is required when empty. */
export function mapVal(entries: Entries, elementType?: CtyType): CtyValue {
  const list = entryList("mapVal", entries);
  const ety = collectionElementType(
    "map",
    list.map(([, v]) => v),
    elementType,
  );
  const byKey = new Map<string, CtyValue>();
  for (const [k, v] of list) byKey.set(k, retype(v, ety));
  const raw = new Map([...byKey.entries()].sort((a, b) => compareUtf8(a[0], b[0])));
  return new CtyValue(CtyMap(ety), raw);
}

/** An object value whose type is made from its attributes' types (names NFC-normalised). */
export function objectVal(attrs: Entries): CtyValue {
  const list = entryList("objectVal", attrs);
  const byName = new Map<string, CtyValue>(list);
  const types: Record<string, CtyType> = Object.create(null);
  for (const [k, v] of byName) types[k] = v.type;
  const type = CtyObject(types);
  return new CtyValue(type, ObjectAttrs.fromMap(type, byName));
}

/** A tuple value whose type is made from its elements' types. */
export function tupleVal(elements: readonly CtyValue[]): CtyValue {
  if (!Array.isArray(elements))
    throw new TypeError(`tupleVal expects an array of values, got ${describe(elements)}`);
  elements.forEach((e, i) => {
    if (!(e instanceof CtyValue))
      throw new TypeError(`tuple element ${i} is not a CtyValue (got ${describe(e)})`);
  });
  return new CtyValue(CtyTuple(elements.map((e) => e.type)), Object.freeze([...elements]));
}

/** A capsule value wrapping a JS value. */
export function capsuleVal<T>(type: CtyCapsuleType<T>, value: T): CtyValue {
  if (type?.kind !== "capsule") throw new TypeError("capsuleVal expects a capsule type");
  if (value === null || value === undefined)
    throw new TypeError("a capsule value cannot wrap null or undefined; use nullVal");
  return new CtyValue(type, value);
}

/** A short description of a JS value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof CtyValue) return `a cty value of type ${typeString(v.type)}`;
  return typeof v;
}
