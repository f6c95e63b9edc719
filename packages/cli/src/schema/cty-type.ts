/**
 * Helpers over cty type JSON as it stands in a schema document: tfplugindocs'
 * type labels and structural inspection. Friendly names and equality are
 * @pyvider/cty's own (`friendlyName`, `typeEquals`) on the parsed type.
 */
import { friendlyName as ctyFriendlyName, typeEquals as ctyTypeEquals, typeFromJSON } from "@pyvider/cty";
import type { CtyTypeJson } from "./json-types.js";

/** The kind of a type JSON value. */
export type TypeKind = "string" | "number" | "bool" | "dynamic" | "list" | "set" | "map" | "object" | "tuple";

/** The kind of a type, or throws on malformed type JSON. */
export function typeKind(t: unknown): TypeKind {
  if (t === "string" || t === "number" || t === "bool" || t === "dynamic") return t;
  if (Array.isArray(t)) {
    const k = t[0];
    if (k === "list" || k === "set" || k === "map") return k;
    if (k === "object" && t[1] !== null && typeof t[1] === "object" && !Array.isArray(t[1])) return "object";
    if (k === "tuple" && Array.isArray(t[1])) return "tuple";
  }
  throw new Error(`invalid cty type JSON: ${JSON.stringify(t)}`);
}

/** The element type of a list, set or map type. */
export function elementType(t: CtyTypeJson): CtyTypeJson {
  return (t as unknown[])[1] as CtyTypeJson;
}

/** The attribute types of an object type. */
export function objectAttributes(t: CtyTypeJson): Record<string, CtyTypeJson> {
  return (t as unknown[])[1] as Record<string, CtyTypeJson>;
}

/** True for list, set and map types. */
export function isCollection(t: CtyTypeJson): boolean {
  const k = typeKind(t);
  return k === "list" || k === "set" || k === "map";
}

/** go-cty's `FriendlyName` of a type JSON value: `string`, `list of number`, `object`, `tuple`, `dynamic`. */
export function friendlyName(t: CtyTypeJson): string {
  return ctyFriendlyName(typeFromJSON(t));
}

/** tfplugindocs' type label: `String`, `Boolean`, `List of Number`, `Object`, `Dynamic`. */
export function docTypeLabel(t: CtyTypeJson): string {
  const k = typeKind(t);
  switch (k) {
    case "string":
      return "String";
    case "number":
      return "Number";
    case "bool":
      return "Boolean";
    case "dynamic":
      return "Dynamic";
    case "list":
      return `List of ${docTypeLabel(elementType(t))}`;
    case "set":
      return `Set of ${docTypeLabel(elementType(t))}`;
    case "map":
      return `Map of ${docTypeLabel(elementType(t))}`;
    case "tuple":
      return "Tuple";
    case "object":
      return "Object";
  }
}

/** True if two type JSON values denote the same cty type (object attribute order does not matter). */
export function typeEquals(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return ctyTypeEquals(typeFromJSON(a), typeFromJSON(b));
}
