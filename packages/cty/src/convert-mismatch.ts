/**
 * English descriptions of why one type does not conform to another, worded exactly as
 * go-cty's `convert.MismatchMessage`.
 *
 * @module
 */
import { getConversionInternal } from "./convert.js";
import { friendlyNameForConstraint } from "./convert-types.js";
import { goQuote } from "./set.js";
import type { CtyObjectType, CtyType } from "./types.js";
import { compareUtf8, friendlyName, hasDynamicTypes, typeEquals } from "./types.js";

/**
 * Describes why a value of type `got` does not conform to type `want`, as go-cty's
 * `MismatchMessage`, e.g. `number required, but have bool`, `attribute "foo" is required`,
 * `incorrect list element type: object required, but have string`.
 *
 * It does not attempt a conversion: call it after one failed. Where go-cty reports the first
 * of several problems in Go map order (random), this reports the first in bytewise name order.
 */
export function mismatchMessage(got: CtyType, want: CtyType): string {
  if (got.kind === "object" && want.kind === "object") return mismatchObjects(got, want);
  if (got.kind === "tuple" && want.kind === "list" && want.element.kind === "dynamic") {
    return "all list elements must have the same type";
  }
  if (got.kind === "tuple" && want.kind === "set" && want.element.kind === "dynamic") {
    return "all set elements must have the same type";
  }
  if (got.kind === "object" && want.kind === "map" && want.element.kind === "dynamic") {
    return "all map elements must have the same type";
  }
  if ((got.kind === "tuple" || got.kind === "object") && isCollection(want)) {
    return collectionsFromStructural(got, want);
  }
  if (isCollection(got) && isCollection(want)) return collectionsFromCollections(got, want);
  if (!likelyToConfuse(got, want)) return `${friendlyName(want)} required, but have ${friendlyName(got)}`;
  return `${friendlyNameForConstraint(want)} required`;
}

type Collection = Extract<CtyType, { kind: "list" | "set" | "map" }>;

function isCollection(t: CtyType): t is Collection {
  return t.kind === "list" || t.kind === "set" || t.kind === "map";
}

function mismatchObjects(got: CtyObjectType, want: CtyObjectType): string {
  // got may be a superset of want; missing attributes are reported first, then at most one
  // nonconforming attribute, preferring one that even an unsafe conversion can't fix.
  const missing: string[] = [];
  let unsafeMismatch = "";
  let safeMismatch = "";
  const optional = new Set(want.optional);
  for (const name of want.names) {
    const wantAty = want.attributes[name]!;
    const gotAty = got.attributes[name];
    if (gotAty === undefined) {
      if (!optional.has(name)) missing.push(name);
      continue;
    }
    if (typeEquals(gotAty, wantAty)) continue;
    if (unsafeMismatch !== "") continue;
    if (getConversionInternal(gotAty, wantAty, true) === undefined) {
      unsafeMismatch = `attribute ${goQuote(name)}: ${mismatchMessage(gotAty, wantAty)}`;
    }
    if (safeMismatch !== "") continue;
    if (getConversionInternal(gotAty, wantAty, false) === undefined) {
      safeMismatch = `attribute ${goQuote(name)}: ${mismatchMessage(gotAty, wantAty)}`;
    }
  }
  if (missing.length > 0) {
    missing.sort(compareUtf8); // Go's sort.Strings: bytewise UTF-8
    const q = missing.map(goQuote);
    if (q.length === 1) return `attribute ${q[0]} is required`;
    if (q.length === 2) return `attributes ${q[0]} and ${q[1]} are required`;
    return `attributes ${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]} are required`;
  }
  if (unsafeMismatch !== "") return unsafeMismatch;
  if (safeMismatch !== "") return safeMismatch;
  return "incorrect object attributes";
}

function collectionsFromStructural(got: CtyType, want: Collection): string {
  if ((want.kind === "list" || want.kind === "set") && got.kind !== "tuple") {
    return `${friendlyNameForConstraint(want)} required`;
  }
  if (want.kind === "map" && got.kind !== "object") return `${friendlyNameForConstraint(want)} required`;
  const wantEty = want.element;
  if (got.kind === "tuple") {
    for (let i = 0; i < got.elements.length; i++) {
      const gotEty = got.elements[i]!;
      if (typeEquals(gotEty, wantEty) || getConversionInternal(gotEty, wantEty, true) !== undefined) continue;
      return `element ${i}: ${mismatchMessage(gotEty, wantEty)}`;
    }
    return `all elements must be ${friendlyNameForConstraint(wantEty)}`;
  }
  if (got.kind === "object") {
    for (const name of got.names) {
      const gotAty = got.attributes[name]!;
      if (typeEquals(gotAty, wantEty) || getConversionInternal(gotAty, wantEty, true) !== undefined) continue;
      return `element ${goQuote(name)}: ${mismatchMessage(gotAty, wantEty)}`;
    }
    return `all elements must be ${friendlyNameForConstraint(wantEty)}`;
  }
  return `${friendlyNameForConstraint(want)} required`;
}

function collectionsFromCollections(got: Collection, want: Collection): string {
  if ((want.kind === "list" || want.kind === "set") && got.kind === "map") {
    return `${friendlyNameForConstraint(want)} required`;
  }
  if (want.kind === "map" && got.kind !== "map") return `${friendlyNameForConstraint(want)} required`;
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.element, want.element)}`;
}

function likelyToConfuse(got: CtyType, want: CtyType): boolean {
  const gotP = got.kind === "string" || got.kind === "number" || got.kind === "bool";
  const wantP = want.kind === "string" || want.kind === "number" || want.kind === "bool";
  if (gotP !== wantP) return false;
  if (want.kind === "string") return false;
  if ((want.kind === "bool" && got.kind === "number") || (got.kind === "bool" && want.kind === "number"))
    return false;
  if (
    isCollection(got) &&
    isCollection(want) &&
    !hasDynamicTypes(got.element) &&
    hasDynamicTypes(want.element)
  ) {
    return false;
  }
  if (got.kind === "tuple" && want.kind === "object") return false;
  // string → number/bool mismatches are about the value, not the type: stay vague.
  return true;
}
