/**
 * Type unification: the most general type every given type converts to, with go-cty's rules
 * (`convert.Unify`): objects with differing attributes unify to a map when their attribute
 * types do, tuples with differing lengths to a list, lists with tuples as lists, objects with
 * maps as maps, and `dynamic` in the mix makes the result `dynamic`.
 *
 * @module
 */

import { DynamicVal } from "./constructors.js";
import type { Conversion } from "./convert.js";
import { checkType, getConversionInternal } from "./convert.js";
import type { CtyObjectType, CtyTupleType, CtyType } from "./types.js";
import { CtyDynamic, CtyList, CtyMap, CtyObject, CtySet, CtyTuple, typeEquals } from "./types.js";
import { sortTypes } from "./unify-sort.js";

/**
 * The result of {@link unify}: the unified type (undefined when there is none) and, for each
 * input type, the conversion to it (undefined where the type already is the unified type).
 */
export interface UnifyResult {
  /** The unified type, or undefined if the types have no common type. */
  readonly type: CtyType | undefined;
  /** One entry per input type; undefined entries need no conversion. Empty when `type` is undefined. */
  readonly conversions: readonly (Conversion | undefined)[];
}

const NONE: UnifyResult = Object.freeze({ type: undefined, conversions: Object.freeze([]) });

function convFor(from: CtyType, to: CtyType, unsafe: boolean): Conversion | undefined {
  const c = getConversionInternal(from, to, unsafe);
  return c && ((v) => c(v, []));
}

/**
 * Finds the most general type all of `types` can be converted to safely (go-cty `Unify`).
 * An empty list has no unified type.
 *
 * @example
 * ```ts
 * unify([CtyNumber, CtyString]).type; // string
 * unify([CtyObject({ a: CtyString }), CtyObject({ b: CtyString })]).type; // map of string
 * ```
 */
export function unify(types: readonly CtyType[]): UnifyResult {
  checkTypes(types);
  return unifyInternal(types, false);
}

function checkTypes(types: unknown): void {
  if (!Array.isArray(types)) throw new TypeError("unify expects an array of cty types");
  types.forEach((t, i) => {
    checkType(`type ${i}`, t);
  });
}

/** Like {@link unify} but may choose unsafe conversions where no safe one exists (go-cty `UnifyUnsafe`). */
export function unifyUnsafe(types: readonly CtyType[]): UnifyResult {
  checkTypes(types);
  return unifyInternal(types, true);
}

/** Unification (internal entry point shared with conversion). */
export function unifyInternal(types: readonly CtyType[], unsafe: boolean): UnifyResult {
  if (types.length === 0) return NONE;
  const count = { map: 0, list: 0, set: 0, object: 0, tuple: 0, dynamic: 0 };
  for (const t of types) if (t.kind in count) count[t.kind as keyof typeof count]++;
  const n = types.length;
  const hasDynamic = count.dynamic > 0;
  // Same structural kind throughout: a new type may unify them even if none of them does.
  if (count.map > 0 && count.map + count.dynamic === n)
    return unifyCollections(CtyMap, types, unsafe, hasDynamic);
  if (count.map > 0 && count.map + count.object + count.dynamic === n) {
    const r = unifyObjectsAsMaps(types, unsafe);
    if (r.type?.kind === "map") return r;
  } else if (count.list > 0 && count.list + count.dynamic === n) {
    return unifyCollections(CtyList, types, unsafe, hasDynamic);
  } else if (count.list > 0 && count.list + count.tuple + count.dynamic === n) {
    const r = unifyTuplesAsList(types, unsafe);
    if (r.type?.kind === "list") return r;
  } else if (count.set > 0 && count.set + count.dynamic === n) {
    return unifyCollections(CtySet, types, unsafe, hasDynamic);
  } else if (count.object > 0 && count.object + count.dynamic === n) {
    return unifyObjects(types, unsafe, hasDynamic);
  } else if (count.tuple > 0 && count.tuple + count.dynamic === n) {
    return unifyTuples(types, unsafe, hasDynamic);
  } else if (count.object > 0 && count.tuple > 0) {
    return NONE;
  }

  // Otherwise pick the most preferred given type that every other type converts to.
  next: for (const want of sortTypes(types)) {
    const wantType = types[want]!;
    const conversions: (Conversion | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      const t = types[i]!;
      if (i === want || typeEquals(t, wantType)) {
        conversions.push(undefined);
        continue;
      }
      const c = convFor(t, wantType, unsafe);
      if (c === undefined) continue next;
      conversions.push(c);
    }
    return { type: wantType, conversions };
  }
  return NONE;
}

/** Conversions from each type to `target`; NONE-worthy (undefined) if any is impossible. */
function conversionsTo(
  types: readonly CtyType[],
  target: CtyType,
  unsafe: boolean,
): (Conversion | undefined)[] | undefined {
  const out: (Conversion | undefined)[] = [];
  for (const t of types) {
    if (typeEquals(t, target)) {
      out.push(undefined);
      continue;
    }
    const c = convFor(t, target, unsafe);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}

/** Unifies with some types replaced by `replacement` first, then chains their conversions. */
function unifyReplaced(
  types: readonly CtyType[],
  idxs: readonly number[],
  replacement: CtyType,
  innerConvs: readonly (Conversion | undefined)[],
  unsafe: boolean,
  kind: "map" | "list",
): UnifyResult {
  const replaced = [...types];
  for (const i of idxs) replaced[i] = replacement;
  const r = unifyInternal(replaced, unsafe);
  if (r.type?.kind !== kind) return NONE;
  const convs = [...r.conversions];
  idxs.forEach((idx, k) => {
    const outer = convs[idx];
    const inner = innerConvs[k];
    // As go-cty, the chained conversion applies the outer conversion to the *original* value.
    convs[idx] =
      outer === undefined
        ? inner
        : (v) => {
            inner?.(v);
            return outer(v);
          };
  });
  return { type: r.type, conversions: convs };
}

function unifyTuplesAsList(types: readonly CtyType[], unsafe: boolean): UnifyResult {
  const idxs = types.flatMap((t, i) => (t.kind === "tuple" ? [i] : []));
  const r = unifyTuplesToList(
    idxs.map((i) => types[i] as CtyTupleType),
    unsafe,
  );
  if (r.type?.kind !== "list") return NONE;
  return unifyReplaced(types, idxs, r.type, r.conversions, unsafe, "list");
}

function unifyObjectsAsMaps(types: readonly CtyType[], unsafe: boolean): UnifyResult {
  const idxs = types.flatMap((t, i) => (t.kind === "object" ? [i] : []));
  const r = unifyObjectsToMap(
    idxs.map((i) => types[i] as CtyObjectType),
    unsafe,
  );
  if (r.type?.kind !== "map") return NONE;
  return unifyReplaced(types, idxs, r.type, r.conversions, unsafe, "map");
}

function unifyCollections(
  make: (e: CtyType) => CtyType,
  types: readonly CtyType[],
  unsafe: boolean,
  hasDynamic: boolean,
): UnifyResult {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const ety = unifyInternal(
    types.map((t) => (t as { element: CtyType }).element),
    unsafe,
  ).type;
  if (ety === undefined) return NONE;
  const target = make(ety);
  const convs = conversionsTo(types, target, unsafe);
  return convs === undefined ? NONE : { type: target, conversions: convs };
}

function unifyObjects(types: readonly CtyType[], unsafe: boolean, hasDynamic: boolean): UnifyResult {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const objs = types as readonly CtyObjectType[];
  const first = objs[0]!;
  // The same attribute names throughout make an object type; anything else may make a map.
  for (const o of objs.slice(1)) {
    if (o.names.length !== first.names.length || o.names.some((name) => !(name in first.attributes))) {
      return unifyObjectsToMap(objs, unsafe);
    }
  }
  const attrs: Record<string, CtyType> = Object.create(null);
  for (const name of first.names) {
    const t = unifyInternal(
      objs.map((o) => o.attributes[name]!),
      unsafe,
    ).type;
    if (t === undefined) return NONE;
    attrs[name] = t;
  }
  const target = CtyObject(attrs);
  const convs = conversionsTo(types, target, unsafe);
  return convs === undefined ? unifyObjectsToMap(objs, unsafe) : { type: target, conversions: convs };
}

function unifyObjectsToMap(objs: readonly CtyObjectType[], unsafe: boolean): UnifyResult {
  const atys = objs.flatMap((o) => o.names.map((n) => o.attributes[n]!));
  const ety = unifyInternal(atys, unsafe).type;
  if (ety === undefined) return NONE;
  const target = CtyMap(ety);
  const convs = conversionsTo(objs, target, unsafe);
  return convs === undefined ? NONE : { type: target, conversions: convs };
}

function unifyTuples(types: readonly CtyType[], unsafe: boolean, hasDynamic: boolean): UnifyResult {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const tuples = types as readonly CtyTupleType[];
  const len = tuples[0]!.elements.length;
  if (tuples.some((t) => t.elements.length !== len)) return unifyTuplesToList(tuples, unsafe);
  const etys: CtyType[] = [];
  for (let i = 0; i < len; i++) {
    const t = unifyInternal(
      tuples.map((tu) => tu.elements[i]!),
      unsafe,
    ).type;
    if (t === undefined) return NONE;
    etys.push(t);
  }
  const target = CtyTuple(etys);
  const convs = conversionsTo(types, target, unsafe);
  return convs === undefined ? unifyTuplesToList(tuples, unsafe) : { type: target, conversions: convs };
}

function unifyTuplesToList(tuples: readonly CtyTupleType[], unsafe: boolean): UnifyResult {
  const ety = unifyInternal(
    tuples.flatMap((t) => t.elements),
    unsafe,
  ).type;
  if (ety === undefined) return NONE;
  const target = CtyList(ety);
  const convs = conversionsTo(tuples, target, unsafe);
  return convs === undefined ? NONE : { type: target, conversions: convs };
}

/** With `dynamic` among same-kind types the path can't be predicted: everything becomes `DynamicVal`. */
function unifyAllAsDynamic(types: readonly CtyType[]): UnifyResult {
  return { type: CtyDynamic, conversions: types.map(() => () => DynamicVal) };
}
