/**
 * Type helpers used by conversion and unification (internal): stripping optional-attribute
 * markers and go-cty's constraint-flavoured friendly names.
 *
 * @module
 */

import type { CtyType } from "./types.js";
import { CtyList, CtyMap, CtyObject, CtySet, CtyTuple, friendlyName } from "./types.js";

/**
 * The type with every optional-attribute marker removed, recursively (go-cty's
 * `WithoutOptionalAttributesDeep`). Values never carry optional markers; only constraints do.
 */
export function withoutOptionalAttributesDeep(t: CtyType): CtyType {
  switch (t.kind) {
    case "list":
    case "set":
    case "map": {
      const e = withoutOptionalAttributesDeep(t.element);
      if (e === t.element) return t;
      return t.kind === "list" ? CtyList(e) : t.kind === "set" ? CtySet(e) : CtyMap(e);
    }
    case "object": {
      let changed = t.optional.length > 0;
      const attrs: Record<string, CtyType> = Object.create(null);
      for (const n of t.names) {
        const a = t.attributes[n]!;
        const s = withoutOptionalAttributesDeep(a);
        if (s !== a) changed = true;
        attrs[n] = s;
      }
      return changed ? CtyObject(attrs) : t;
    }
    case "tuple": {
      const elems = t.elements.map(withoutOptionalAttributesDeep);
      return elems.some((e, i) => e !== t.elements[i]) ? CtyTuple(elems) : t;
    }
    default:
      return t;
  }
}

/**
 * go-cty's `FriendlyNameForConstraint`: like {@link friendlyName} but `dynamic` reads
 * `any type`, and a collection of `dynamic` reads `list of any single type`.
 */
export function friendlyNameForConstraint(t: CtyType): string {
  switch (t.kind) {
    case "dynamic":
      return "any type";
    case "list":
    case "set":
    case "map":
      return `${t.kind} of ${t.element.kind === "dynamic" ? "any single type" : friendlyNameForConstraint(t.element)}`;
    default:
      return friendlyName(t);
  }
}
