/**
 * Conversions into and out of collections (internal): list/set→list, list/set→set, map→map,
 * tuple→list, tuple→set, object→map and map→object, with go-cty's messages and paths.
 *
 * @module
 */

import { isWhollyKnown } from "./accessors.js";
import type { Conv } from "./convert.js";
import { getConversionInternal } from "./convert.js";
import { CtyConversionError } from "./convert-error.js";
import { mismatchMessage } from "./convert-mismatch.js";
import { withoutOptionalAttributesDeep } from "./convert-types.js";
import {
  buildList,
  buildMap,
  buildObject,
  buildSet,
  mapEntries,
  nullOf,
  seqElements,
  unknownOf,
} from "./convert-values.js";
import type { CtyPath } from "./path.js";
import { indexStep, keyStep } from "./path.js";
import { goQuote } from "./set.js";
import type { CtyListType, CtyMapType, CtyObjectType, CtyTupleType, CtyType } from "./types.js";
import { CtyList, typeEquals } from "./types.js";
import { unifyInternal } from "./unify.js";
import type { CtyValue } from "./value.js";

/** A null element loses optional-attribute markers from its type (marks are kept). */
function normaliseNull(v: CtyValue): CtyValue {
  return v.isNull ? nullOf(withoutOptionalAttributesDeep(v.type), v.marks) : v;
}

/** The element type of a list, set or map value. */
function elementTypeOf(v: CtyValue): CtyType {
  return (v.type as CtyListType).element;
}

/** True if the length of a known list or set is known: a set holding unknowns may shrink. */
function lengthKnown(v: CtyValue): boolean {
  if (v.type.kind !== "set") return true;
  return seqElements(v).length === 1 || isWhollyKnown(v);
}

function convertSeq(v: CtyValue, conv: Conv | undefined, path: CtyPath): CtyValue[] {
  return seqElements(v).map((e, i) => normaliseNull(conv ? conv(e, [...path, indexStep(i)]) : e));
}

/** List or set to list, converting elements with `conv` (undefined: same element type). */
export function collectionToList(ety: CtyType, conv: Conv | undefined): Conv {
  return (value, path) => {
    // go-cty answers with the *source* element type here.
    if (!lengthKnown(value)) return unknownOf(CtyList(elementTypeOf(value)));
    const elems = convertSeq(value, conv, path);
    const r = buildList(
      elems,
      ety.kind === "dynamic" ? elementTypeOf(value) : withoutOptionalAttributesDeep(ety),
    );
    if (r === undefined)
      throw new CtyConversionError("element types must all match for conversion to list", path);
    return r;
  };
}

/** List or set to set, converting elements with `conv` (undefined: same element type). */
export function collectionToSet(ety: CtyType, conv: Conv | undefined): Conv {
  return (value, path) => {
    const elems = convertSeq(value, conv, path);
    const r = buildSet(
      elems,
      ety.kind === "dynamic" ? elementTypeOf(value) : withoutOptionalAttributesDeep(ety),
    );
    if (r === undefined)
      throw new CtyConversionError("element types must all match for conversion to set", path);
    return r;
  };
}

/** Map to map, converting elements with `conv`. */
export function collectionToMap(ety: CtyType, conv: Conv | undefined): Conv {
  return (value, path) => {
    let elems = new Map<string, CtyValue>();
    for (const [k, e] of mapEntries(value)) elems.set(k, conv ? conv(e, [...path, keyStep(k)]) : e);
    if (elems.size === 0)
      return buildMap(
        elems,
        ety.kind === "dynamic" ? elementTypeOf(value) : withoutOptionalAttributesDeep(ety),
      )!;
    if (ety.kind === "list" || ety.kind === "set" || ety.kind === "map" || ety.kind === "object") {
      elems = unifyCollectionElements(elems, path, false);
    }
    const r = buildMap(elems, ety);
    if (r === undefined)
      throw new CtyConversionError("element types must all match for conversion to map", path);
    return r;
  };
}

/**
 * For a target element type `dynamic`, finds the single type the given element types unify
 * to; undefined when there is none, or when only all-dynamic elements could produce it.
 */
function unifiedElementType(
  types: readonly CtyType[],
  unsafe: boolean,
  allowDynamicOnlyIfAll: boolean,
): CtyType | undefined {
  const t = unifyInternal(types, unsafe).type;
  if (t === undefined) return undefined;
  if (allowDynamicOnlyIfAll && t.kind === "dynamic" && types.some((x) => x.kind !== "dynamic"))
    return undefined;
  return t;
}

/** Per-element conversions from each of `from` to `to`; undefined when one is impossible. */
function elementConversions(
  from: readonly CtyType[],
  to: CtyType,
  unsafe: boolean,
): (Conv | undefined)[] | undefined {
  const convs: (Conv | undefined)[] = [];
  for (const t of from) {
    if (typeEquals(t, to)) {
      convs.push(undefined);
      continue;
    }
    const c = getConversionInternal(t, to, unsafe);
    if (c === undefined) return undefined;
    convs.push(c);
  }
  return convs;
}

/** Tuple to set of `setEty` (`dynamic`: the unified type of the tuple's elements). */
export function tupleToSet(from: CtyTupleType, setEty: CtyType, unsafe: boolean): Conv | undefined {
  if (from.elements.length === 0) {
    return () => buildSet([], withoutOptionalAttributesDeep(setEty))!;
  }
  let ety: CtyType | undefined = setEty;
  if (ety.kind === "dynamic") ety = unifiedElementType(from.elements, unsafe, true);
  if (ety === undefined) return undefined;
  const convs = elementConversions(from.elements, ety, unsafe);
  if (convs === undefined) return undefined;
  return (value, path) => {
    const elems = seqElements(value).map((e, i) => {
      const c = convs[i];
      return normaliseNull(c ? c(e, [...path, indexStep(i)]) : e);
    });
    const r = buildSet(elems, ety);
    if (r === undefined)
      throw new CtyConversionError("element types must all match for conversion to set", path);
    return r;
  };
}

/** Tuple to list of `listEty` (`dynamic`: the unified type of the tuple's elements). */
export function tupleToList(from: CtyTupleType, listEty: CtyType, unsafe: boolean): Conv | undefined {
  if (from.elements.length === 0) {
    return () => buildList([], withoutOptionalAttributesDeep(listEty))!;
  }
  let ety: CtyType | undefined = listEty;
  if (ety.kind === "dynamic") ety = unifiedElementType(from.elements, unsafe, true);
  if (ety === undefined) return undefined;
  const convs = elementConversions(from.elements, ety, unsafe);
  if (convs === undefined) return undefined;
  return (value, path) => {
    const src = seqElements(value);
    const elems = src.map((e, i) => {
      const c = convs[i];
      return c ? c(e, [...path, indexStep(i)]) : e;
    });
    // As go-cty, the unification below reports paths under the last element's step.
    const unified = unifyListElements(elems, [...path, indexStep(src.length - 1)], unsafe);
    const r = buildList(unified, ety);
    if (r === undefined)
      throw new CtyConversionError("element types must all match for conversion to list", path);
    return r;
  };
}

/** Object to map of `mapEty` (`dynamic`: the unified type of the attributes). */
export function objectToMap(from: CtyObjectType, mapEty: CtyType, unsafe: boolean): Conv | undefined {
  if (from.names.length === 0) {
    return () => buildMap(new Map(), withoutOptionalAttributesDeep(mapEty))!;
  }
  const atys = from.names.map((n) => from.attributes[n]!);
  let ety: CtyType | undefined = mapEty;
  if (ety.kind === "dynamic") ety = unifiedElementType(atys, unsafe, false);
  if (ety === undefined) return undefined;
  const list = elementConversions(atys, ety, unsafe);
  if (list === undefined) return undefined;
  const convs = new Map(from.names.map((n, i) => [n, list[i]]));
  const finalEty = ety;
  return (value, path) => {
    let elems = new Map<string, CtyValue>();
    for (const [name, e] of mapEntries(value)) {
      const c = convs.get(name);
      elems.set(name, c ? c(e, [...path, keyStep(name)]) : e);
    }
    if (
      finalEty.kind === "list" ||
      finalEty.kind === "set" ||
      finalEty.kind === "map" ||
      finalEty.kind === "object"
    ) {
      elems = unifyCollectionElements(elems, path, unsafe);
    }
    const r = buildMap(elems, finalEty);
    if (r === undefined)
      throw new CtyConversionError("attribute types must all match for conversion to map", path);
    return r;
  };
}

/**
 * Map to object (unsafe): map keys become attributes; keys the object lacks are dropped;
 * missing optional attributes become null, missing required ones are an error.
 */
export function mapToObject(from: CtyMapType, to: CtyObjectType, unsafe: boolean): Conv | undefined {
  const mapEty = from.element;
  const optional = new Set(to.optional);
  // name → conversion; `null`: optional attribute whose type the map's elements can't take.
  const convs = new Map<string, Conv | null>();
  for (const name of to.names) {
    const aty = to.attributes[name]!;
    if (typeEquals(aty, mapEty)) continue;
    const c = getConversionInternal(mapEty, aty, unsafe);
    if (c !== undefined) convs.set(name, c);
    else if (optional.has(name) && unsafe) convs.set(name, null);
    else return undefined;
  }
  return (value, path) => {
    const elems = new Map<string, CtyValue>();
    for (const [name, e] of mapEntries(value)) {
      const aty = to.attributes[name];
      if (aty === undefined) continue;
      let v = e;
      const c = convs.get(name);
      if (c) v = c(e, [...path, keyStep(name)]);
      else if (c === null) {
        throw new CtyConversionError(
          `map element type is incompatible with attribute ${goQuote(name)}: ${mismatchMessage(e.type, aty)}`,
          path,
        );
      }
      elems.set(name, normaliseNull(v));
    }
    for (const name of to.names) {
      if (elems.has(name)) continue;
      if (optional.has(name)) elems.set(name, nullOf(to.attributes[name]!));
      else throw new CtyConversionError(`map has no element for required attribute ${goQuote(name)}`, path);
    }
    return buildObject(elems);
  };
}

/** Converts all elements of a map-to-be to their unified type (go-cty `conversionUnifyCollectionElements`). */
function unifyCollectionElements(
  elems: Map<string, CtyValue>,
  path: CtyPath,
  unsafe: boolean,
): Map<string, CtyValue> {
  const unified = unifyInternal(
    [...elems.values()].map((e) => e.type),
    unsafe,
  ).type;
  if (unified === undefined)
    throw new CtyConversionError("cannot find a common base type for all elements", path);
  const out = new Map<string, CtyValue>();
  for (const [name, e] of elems) {
    if (typeEquals(e.type, unified)) {
      out.set(name, e);
      continue;
    }
    const p = [...path, keyStep(name)];
    const c = getConversionInternal(e.type, unified, unsafe);
    if (c === undefined) throw new CtyConversionError(mismatchMessage(e.type, unified), p);
    out.set(name, c(e, p));
  }
  return out;
}

/** Converts all elements of a list-to-be to their unified type (go-cty `conversionUnifyListElements`). */
function unifyListElements(elems: readonly CtyValue[], path: CtyPath, unsafe: boolean): CtyValue[] {
  const unified = unifyInternal(
    elems.map((e) => e.type),
    unsafe,
  ).type;
  if (unified === undefined)
    throw new CtyConversionError("cannot find a common base type for all elements", path);
  return elems.map((e, i) => {
    if (typeEquals(e.type, unified)) return e;
    const p = [...path, indexStep(i)];
    const c = getConversionInternal(e.type, unified, unsafe);
    if (c === undefined) throw new CtyConversionError(mismatchMessage(e.type, unified), p);
    return c(e, p);
  });
}
