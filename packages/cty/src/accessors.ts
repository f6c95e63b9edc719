/**
 * Reading values: typed accessors that check what they are given. Accessors read through the
 * value's own marks (they do not require unmarking first); use `unmark` when marks matter.
 *
 * @module
 */
import { DynamicVal, unknownVal } from "./constructors.js";
import type { CtyNum } from "./number.js";
import { ObjectAttrs } from "./object-attrs.js";
import { typeString } from "./types.js";
import { type CtyValue, UnknownRaw } from "./value.js";

function need(v: CtyValue, kinds: readonly string[], what: string): void {
  if (!kinds.includes(v.type.kind))
    throw new TypeError(`${what}: expected a ${kinds.join(" or ")} value, got ${typeString(v.type)}`);
  if (!v.isKnown) throw new TypeError(`${what}: the value is unknown`);
  if (v.isNull) throw new TypeError(`${what}: the value is null`);
}

/** The JS string of a known, non-null string value. */
export function asString(v: CtyValue): string {
  need(v, ["string"], "asString");
  return v.raw as string;
}

/** The number of a known, non-null number value. */
export function asNum(v: CtyValue): CtyNum {
  need(v, ["number"], "asNum");
  return v.raw as CtyNum;
}

/** The boolean of a known, non-null bool value. */
export function asBool(v: CtyValue): boolean {
  need(v, ["bool"], "asBool");
  return v.raw as boolean;
}

/** The elements of a known, non-null list, set (canonical order) or tuple. */
export function elements(v: CtyValue): readonly CtyValue[] {
  need(v, ["list", "set", "tuple"], "elements");
  return v.raw as readonly CtyValue[];
}

/** The entries of a known, non-null map, in bytewise key order. */
export function mapEntries(v: CtyValue): ReadonlyMap<string, CtyValue> {
  need(v, ["map"], "mapEntries");
  return v.raw as ReadonlyMap<string, CtyValue>;
}

/** The attributes of a known, non-null object, in bytewise name order. */
export function attributes(v: CtyValue): ReadonlyMap<string, CtyValue> {
  need(v, ["object"], "attributes");
  return v.raw as ReadonlyMap<string, CtyValue>;
}

/** The encapsulated JS value of a known, non-null capsule value. */
export function capsuleValue<T = unknown>(v: CtyValue): T {
  need(v, ["capsule"], "capsuleValue");
  return v.raw as T;
}

/** An object attribute; unknown objects give an unknown of the attribute's type (`DynamicVal` gives `DynamicVal`). */
export function getAttr(v: CtyValue, name: string): CtyValue {
  if (v.type.kind === "dynamic" && !v.isKnown) return DynamicVal;
  if (v.type.kind !== "object")
    throw new TypeError(`getAttr: expected an object value, got ${typeString(v.type)}`);
  const at = v.type.attributes[name];
  if (at === undefined) throw new TypeError(`getAttr: object has no attribute "${name}"`);
  if (!v.isKnown) return unknownVal(at);
  if (v.isNull) throw new TypeError(`getAttr: cannot read attribute "${name}" of a null object`);
  return (v.raw as ReadonlyMap<string, CtyValue>).get(name)!;
}

/**
 * A list or tuple element by index, or a map element by key; unknown collections give an
 * unknown element. Throws `RangeError` for a missing index or key.
 */
export function index(v: CtyValue, key: number | string): CtyValue {
  const t = v.type;
  if (t.kind === "dynamic" && !v.isKnown) return DynamicVal;
  if (t.kind === "map") {
    if (typeof key !== "string") throw new TypeError("index: a map is indexed by a string key");
    if (!v.isKnown) return unknownVal(t.element);
    if (v.isNull) throw new TypeError("index: cannot index a null map");
    const e = (v.raw as ReadonlyMap<string, CtyValue>).get(key.normalize("NFC"));
    if (e === undefined) throw new RangeError(`index: map has no element for key ${JSON.stringify(key)}`);
    return e;
  }
  if (t.kind === "list" || t.kind === "tuple") {
    if (typeof key !== "number" || !Number.isInteger(key))
      throw new TypeError(`index: a ${t.kind} is indexed by an integer`);
    if (t.kind === "tuple" && (key < 0 || key >= t.elements.length)) {
      throw new RangeError(`index: ${key} is out of range for a tuple of ${t.elements.length} elements`);
    }
    if (!v.isKnown) return unknownVal(t.kind === "list" ? t.element : t.elements[key]!);
    if (v.isNull) throw new TypeError(`index: cannot index a null ${t.kind}`);
    const e = (v.raw as readonly CtyValue[])[key];
    if (e === undefined)
      throw new RangeError(
        `index: ${key} is out of range for a ${t.kind} of ${(v.raw as readonly CtyValue[]).length} elements`,
      );
    return e;
  }
  throw new TypeError(`index: cannot index a ${typeString(t)} value`);
}

/**
 * The number of elements (go-cty `LengthInt`): tuples and objects by their type (even when
 * unknown), collections when known and not null.
 */
export function lengthOf(v: CtyValue): number {
  if (v.type.kind === "tuple") return v.type.elements.length;
  if (v.type.kind === "object") return v.type.names.length;
  need(v, ["list", "set", "map"], "lengthOf");
  const raw = v.raw;
  return raw instanceof Map ? raw.size : (raw as readonly CtyValue[]).length;
}

/** True if neither the value nor anything inside it is unknown. */
export function isWhollyKnown(v: CtyValue): boolean {
  if (v.raw instanceof UnknownRaw) return false;
  if (v.raw === null || v.type.kind === "capsule") return true;
  if (Array.isArray(v.raw)) return (v.raw as readonly CtyValue[]).every(isWhollyKnown);
  // Bare payloads in an object's slots are known: only the attributes held as values need a look.
  if (v.raw instanceof ObjectAttrs) return !v.raw.someValue((a) => !isWhollyKnown(a));
  if (v.raw instanceof Map)
    return [...(v.raw as ReadonlyMap<string, CtyValue>).values()].every(isWhollyKnown);
  return true;
}
