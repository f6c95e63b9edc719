/**
 * Result types for nulls and unknowns passing through a conversion (internal): go-cty's
 * `dynamicReplace` and `prepareUnknownResult`.
 *
 * @module
 */
import { makeUnknown, unknownRange } from "./convert-values.js";
import type { CtyType } from "./types.js";
import { CtyList, CtyMap, CtyObject, CtySet, CtyTuple } from "./types.js";
import { unifyInternal } from "./unify.js";
import type { CtyValue } from "./value.js";

/**
 * `out` with every `dynamic` inside it replaced by the corresponding part of `from` (`from`
 * undefined stands for go-cty's `NilType`, the result of a failed unification). Assumes the
 * two types are convertible; where they don't line up, `out` is kept.
 */
export function dynamicReplace(from: CtyType | undefined, out: CtyType): CtyType {
  if (from === undefined || from.kind === "dynamic") return out;
  switch (out.kind) {
    case "dynamic":
      return from;
    case "string":
    case "number":
    case "bool":
    case "capsule":
      return out;
    case "map":
      if (from.kind === "map") return CtyMap(dynamicReplace(from.element, out.element));
      if (from.kind === "object") {
        const unified = unifyInternal(
          from.names.map((n) => from.attributes[n]!),
          true,
        ).type;
        return CtyMap(dynamicReplace(unified, out.element));
      }
      return out;
    case "object": {
      const attrs: Record<string, CtyType> = {};
      if (from.kind === "map") {
        for (const n of out.names) attrs[n] = dynamicReplace(from.element, out.attributes[n]!);
      }
      if (from.kind === "object") {
        for (const n of out.names) {
          const fromAty = from.attributes[n];
          // Absent from the source: an optional attribute; nothing better than `out`'s type.
          attrs[n] = fromAty === undefined ? out.attributes[n]! : dynamicReplace(fromAty, out.attributes[n]!);
        }
      }
      return CtyObject(attrs);
    }
    case "set":
    case "list": {
      const make = out.kind === "set" ? CtySet : CtyList;
      if (from.kind === "set" || from.kind === "list") return make(dynamicReplace(from.element, out.element));
      if (from.kind === "tuple")
        return make(dynamicReplace(unifyInternal(from.elements, true).type, out.element));
      return out;
    }
    case "tuple":
      if (from.kind !== "tuple") return out; // go-cty would panic; conversions never get here
      return CtyTuple(out.elements.map((e, i) => dynamicReplace(from.elements[i], e)));
  }
}

/**
 * The unknown result of converting the unknown `source` to `target`, carrying over what the
 * source's type and refinements say: not-null, and collection length bounds (an object of n
 * attributes makes a map of n elements, a tuple of n elements a list of n, or a set of 1..n).
 */
export function prepareUnknownResult(source: CtyValue, target: CtyType): CtyValue {
  const src = source.type;
  const range = unknownRange(source);
  const notNull = range.notNull;
  if (src.kind === "object" && target.kind === "map") {
    return makeUnknown(target, { notNull, lenMin: src.names.length, lenMax: src.names.length });
  }
  if (src.kind === "tuple" && target.kind === "list") {
    return makeUnknown(target, { notNull, lenMin: src.elements.length, lenMax: src.elements.length });
  }
  if (src.kind === "tuple" && target.kind === "set") {
    const l = src.elements.length;
    return makeUnknown(
      target,
      l <= 1 ? { notNull, lenMin: l, lenMax: l } : { notNull, lenMin: 1, lenMax: l },
    );
  }
  const isColl = (t: CtyType) => t.kind === "list" || t.kind === "set" || t.kind === "map";
  if (isColl(src) && isColl(target)) {
    // Conversion keeps the length, except that set elements may coalesce (never to zero).
    const lenMin = target.kind === "set" ? (range.lenMin > 0 ? 1 : 0) : range.lenMin;
    return makeUnknown(target, { notNull, lenMin, lenMax: range.lenMax });
  }
  return makeUnknown(target, { notNull });
}
