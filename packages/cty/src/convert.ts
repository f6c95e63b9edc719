/**
 * Type conversion, following go-cty's `convert` package rule for rule.
 *
 * Safe conversions never lose information (number→string, bool→string, set→list, tuple→list,
 * object→map, object→subset object, ...). Unsafe ones may fail depending on the value
 * (string→number, string→bool, list→set, map→object, from `dynamic`). Nulls and unknowns pass
 * through with the target type; marks on a converted value are kept on the result.
 *
 * @module
 */

import { describe } from "./constructors.js";
import {
  collectionToList,
  collectionToMap,
  collectionToSet,
  mapToObject,
  objectToMap,
  tupleToList,
  tupleToSet,
} from "./convert-collection.js";
import { dynamicReplace, prepareUnknownResult } from "./convert-dynamic.js";
import type { ConversionResult } from "./convert-error.js";
import { CtyConversionError } from "./convert-error.js";
import { mismatchMessage } from "./convert-mismatch.js";
import { primitiveConversion } from "./convert-primitive.js";
import { objectToObject, tupleToTuple } from "./convert-structural.js";
import { withoutOptionalAttributesDeep } from "./convert-types.js";
import { nullOf, unmark, withMarks } from "./convert-values.js";
import type { CtyPath } from "./path.js";
import type { CtyType } from "./types.js";
import { isPrimitiveType, typeEquals } from "./types.js";
import { CtyValue } from "./value.js";

/**
 * A conversion from one type to another, as returned by {@link getConversion}. Give it a value
 * of the source type (or a null/unknown of any type); it returns the converted value or throws
 * {@link CtyConversionError}.
 */
export type Conversion = (value: CtyValue) => CtyValue;

/** A conversion that also takes the path of the value, for errors (internal). */
export type Conv = (value: CtyValue, path: CtyPath) => CtyValue;

/** Options for {@link convert} and {@link tryConvert}. */
export interface ConvertOptions {
  /**
   * Allow unsafe conversions, which may fail depending on the value (string→number,
   * string→bool, list→set, map→object, from `dynamic`). Default `true`, as go-cty's `Convert`.
   */
  readonly unsafe?: boolean;
}

/**
 * The internal conversion from `from` to `to` with go-cty's standard wrapping: marks are
 * lifted off and put back, conversion to `dynamic` passes the value through, and nulls and
 * unknowns pass through with the target type. Undefined when no conversion exists.
 */
export function getConversionInternal(from: CtyType, to: CtyType, unsafe: boolean): Conv | undefined {
  const conv = getConversionKnown(from, to, unsafe);
  if (conv === undefined) return undefined;
  const ret: Conv = (value, path) => {
    if (value.isMarked) return withMarks(ret(unmark(value), path), value.marks);
    if (to.kind === "dynamic") return value;
    if (!value.isKnown || value.isNull) {
      // Null and unknown results never carry optional-attribute markers, so that collections
      // stay homogeneous.
      const out = dynamicReplace(value.type, withoutOptionalAttributesDeep(to));
      return value.isKnown ? nullOf(out) : prepareUnknownResult(value, out);
    }
    return conv(value, path);
  };
  return ret;
}

function getConversionKnown(from: CtyType, to: CtyType, unsafe: boolean): Conv | undefined {
  if (to.kind === "dynamic") return (v) => v;
  if (unsafe && from.kind === "dynamic") return dynamicFixup(to);
  if (isPrimitiveType(from) && isPrimitiveType(to)) return primitiveConversion(from, to, unsafe);
  if (to.kind === "object" && from.kind === "object") return objectToObject(from, to, unsafe);
  if (to.kind === "tuple" && from.kind === "tuple") return tupleToTuple(from, to, unsafe);
  if (to.kind === "list" && (from.kind === "list" || from.kind === "set")) {
    if (typeEquals(from.element, to.element)) return collectionToList(to.element, undefined);
    const conv = getConversionInternal(from.element, to.element, unsafe);
    return conv && collectionToList(to.element, conv);
  }
  if (to.kind === "set" && (from.kind === "list" || from.kind === "set")) {
    // list→set loses order and merges duplicates, hence unsafe.
    if (from.kind === "list" && !unsafe) return undefined;
    const conv = getConversionInternal(from.element, to.element, unsafe);
    if (typeEquals(from.element, to.element)) return collectionToSet(to.element, undefined);
    return conv && collectionToSet(to.element, conv);
  }
  if (to.kind === "map" && from.kind === "map") {
    const conv = getConversionInternal(from.element, to.element, unsafe);
    return conv && collectionToMap(to.element, conv);
  }
  if (to.kind === "list" && from.kind === "tuple") return tupleToList(from, to.element, unsafe);
  if (to.kind === "set" && from.kind === "tuple") return tupleToSet(from, to.element, unsafe);
  if (to.kind === "map" && from.kind === "object") return objectToMap(from, to.element, unsafe);
  // map→object is unsafe: the map may lack keys for the object's attributes.
  if (to.kind === "object" && from.kind === "map") return unsafe ? mapToObject(from, to, unsafe) : undefined;
  // Capsule types carry no conversion operations here, and conversion to self is never allowed.
  return undefined;
}

/** Converts a value typed `dynamic` at analysis time once its real type is known. */
function dynamicFixup(want: CtyType): Conv {
  return (value, path) => {
    try {
      return convert(value, want);
    } catch (e) {
      if (e instanceof CtyConversionError) throw new CtyConversionError(e.message, [...path, ...e.path]);
      throw e;
    }
  };
}

const KINDS = new Set([
  "string",
  "number",
  "bool",
  "dynamic",
  "list",
  "set",
  "map",
  "object",
  "tuple",
  "capsule",
]);

/** Throws a TypeError naming `what` unless `t` is a cty type (internal). */
export function checkType(what: string, t: unknown): asserts t is CtyType {
  if (t === null || typeof t !== "object" || !KINDS.has((t as { kind?: unknown }).kind as string)) {
    throw new TypeError(
      `${what} must be a cty type (e.g. CtyString, CtyList(CtyNumber)), got ${describe(t)}`,
    );
  }
}

function checkValue(what: string, v: unknown): asserts v is CtyValue {
  if (!(v instanceof CtyValue)) throw new TypeError(`${what} must be a CtyValue, got ${describe(v)}`);
}

function publicConversion(from: CtyType, to: CtyType, unsafe: boolean): Conversion | undefined {
  checkType("the source type", from);
  checkType("the target type", to);
  const conv = getConversionInternal(from, to, unsafe);
  if (conv !== undefined) {
    return (value) => {
      checkValue("the value to convert", value);
      return conv(value, []);
    };
  }
  // go-cty has no primitive or capsule conversion to the very same type; it is the identity.
  if (typeEquals(from, to)) return (value) => value;
  return undefined;
}

/**
 * The safe conversion from `from` to `to`, or undefined if none exists (go-cty
 * `GetConversion`). A safe conversion can still fail on a value only where nested
 * `dynamic` parts turn out incompatible.
 */
export function getConversion(from: CtyType, to: CtyType): Conversion | undefined {
  return publicConversion(from, to, false);
}

/**
 * A safe or unsafe conversion from `from` to `to`, or undefined if none exists (go-cty
 * `GetConversionUnsafe`). Unsafe conversions may throw for some values of `from`.
 */
export function getConversionUnsafe(from: CtyType, to: CtyType): Conversion | undefined {
  return publicConversion(from, to, true);
}

/**
 * Converts `value` to type `type` (go-cty `Convert`): returns the value itself when it already
 * has the type (ignoring optional-attribute markers), and throws {@link CtyConversionError}
 * with go-cty's message when no conversion exists or the value can't be converted.
 *
 * @example
 * ```ts
 * convert(stringVal("12"), CtyNumber); // number 12
 * convert(objectVal({ a: stringVal("x") }), CtyObject({ a: CtyString, b: CtyNumber }, ["b"]));
 * // { a = "x", b = null }
 * ```
 */
export function convert(value: CtyValue, type: CtyType, options?: ConvertOptions): CtyValue {
  checkValue("the value to convert", value);
  checkType("the target type", type);
  if (typeEquals(value.type, withoutOptionalAttributesDeep(type))) return value;
  const conv = getConversionInternal(value.type, type, options?.unsafe ?? true);
  if (conv === undefined) throw new CtyConversionError(mismatchMessage(value.type, type));
  return conv(value, []);
}

/** Like {@link convert} but returns the error instead of throwing it. */
export function tryConvert(value: CtyValue, type: CtyType, options?: ConvertOptions): ConversionResult {
  try {
    return { ok: true, value: convert(value, type, options) };
  } catch (e) {
    if (e instanceof CtyConversionError) return { ok: false, error: e };
    throw e;
  }
}
