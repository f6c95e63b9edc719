/**
 * Internal helpers for walking and rebuilding cty values alongside a schema.
 *
 * @module
 */
import {
  asBool,
  asNum,
  asString,
  type CtyType,
  CtyValue,
  listVal,
  mapVal,
  nullVal,
  ObjectAttrs,
  objectVal,
  setVal,
  typeEquals,
  typeString,
} from "@pyvider/cty";

/** The attribute `name` of an object value; null (of `type`) when the object is null or lacks it. */
export function attrOf(obj: CtyValue, name: string, type: CtyType): CtyValue {
  if (obj.isNull || !obj.isKnown || obj.type.kind !== "object") return nullVal(type);
  return (obj.raw as ReadonlyMap<string, CtyValue>).get(name) ?? nullVal(type);
}

/** The elements of a known, non-null list or set (empty otherwise). */
export function elementsOf(v: CtyValue): readonly CtyValue[] {
  if (v.isNull || !v.isKnown || !Array.isArray(v.raw)) return [];
  return v.raw as readonly CtyValue[];
}

/** The entries of a known, non-null map (empty otherwise). */
export function entriesOf(v: CtyValue): ReadonlyMap<string, CtyValue> {
  if (v.isNull || !v.isKnown || !(v.raw instanceof Map)) return new Map();
  return v.raw as ReadonlyMap<string, CtyValue>;
}

/** Rebuilds a collection of the same kind as `like` from new elements (list or set) or entries (map). */
export function rebuildCollection(
  like: CtyValue,
  items: readonly CtyValue[] | ReadonlyMap<string, CtyValue>,
): CtyValue {
  const t = like.type;
  if (t.kind === "map") return mapVal(items as ReadonlyMap<string, CtyValue>, t.element);
  if (t.kind === "set") return setVal(items as readonly CtyValue[], t.element);
  if (t.kind === "list") return listVal(items as readonly CtyValue[], t.element);
  throw new TypeError(`cannot rebuild a ${typeString(t)} as a collection`);
}

/**
 * Rebuilds an object with some attributes replaced. When every replacement has the type of the
 * value it replaces (the usual case), the object keeps its type and attribute order, which avoids
 * rebuilding the object type for every element of a large collection.
 */
export function withAttrs(obj: CtyValue, changes: ReadonlyMap<string, CtyValue>): CtyValue {
  if (changes.size === 0) return obj;
  const old = obj.raw as ReadonlyMap<string, CtyValue>;
  const next = new Map(old);
  let sameTypes = obj.type.kind === "object";
  for (const [k, v] of changes) {
    const prev = old.get(k);
    if (prev === undefined || (prev.type !== v.type && !typeEquals(prev.type, v.type))) sameTypes = false;
    next.set(k, v);
  }
  if (sameTypes && obj.type.kind === "object")
    return new CtyValue(obj.type, ObjectAttrs.fromMap(obj.type, next), obj.marks);
  const out = objectVal(next);
  return obj.marks.size > 0 ? new CtyValue(out.type, out.raw, obj.marks) : out;
}

/**
 * A string key identifying a value's content (marks ignored), used to match set elements
 * between config, plan and state in linear time.
 */
export function valueKey(v: CtyValue, skip?: ReadonlySet<string>): string {
  if (!v.isKnown) return "?";
  if (v.isNull) return "~";
  switch (v.type.kind) {
    case "string":
      return JSON.stringify(asString(v));
    case "number":
      return `#${asNum(v).text()}`;
    case "bool":
      return asBool(v) ? "T" : "F";
    case "list":
    case "set":
    case "tuple":
      return `[${(v.raw as readonly CtyValue[]).map((e) => valueKey(e)).join(",")}]`;
    case "map":
    case "object": {
      const parts: string[] = [];
      for (const [k, e] of v.raw as ReadonlyMap<string, CtyValue>) {
        if (skip?.has(k)) continue;
        parts.push(`${JSON.stringify(k)}:${valueKey(e)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return `<${v.type.kind}>`;
  }
}

/** True if `given` conforms to `want` (dynamic accepts anything; object optional markers ignored). */
export function conforms(given: CtyType, want: CtyType): boolean {
  if (want.kind === "dynamic") return true;
  if (given.kind !== want.kind) return false;
  switch (want.kind) {
    case "list":
    case "set":
    case "map":
      return conforms((given as typeof want).element, want.element);
    case "object": {
      const g = given as typeof want;
      if (g.names.length !== want.names.length) return false;
      return want.names.every((n) => n in g.attributes && conforms(g.attributes[n]!, want.attributes[n]!));
    }
    case "tuple": {
      const g = given as typeof want;
      return (
        g.elements.length === want.elements.length &&
        want.elements.every((w, i) => conforms(g.elements[i]!, w))
      );
    }
    case "capsule":
      return given === want;
    default:
      return true;
  }
}
