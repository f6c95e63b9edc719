/**
 * Helpers over cty type JSON: friendly names (go-cty's `FriendlyName`),
 * tfplugindocs' type labels, structural equality and inspection.
 */
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

/** go-cty's `FriendlyName`: `string`, `list of number`, `object`, `tuple`, `dynamic`. */
export function friendlyName(t: CtyTypeJson): string {
  const k = typeKind(t);
  switch (k) {
    case "list":
    case "set":
    case "map":
      return `${k} of ${friendlyName(elementType(t))}`;
    default:
      return k;
  }
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

/** Structural equality of two type JSON values (object attribute order does not matter). */
export function typeEquals(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** A canonical string of a type, with object attributes and optional lists sorted. */
export function canonical(t: unknown): string {
  if (typeof t === "string") return JSON.stringify(t);
  if (!Array.isArray(t)) return JSON.stringify(t);
  const [kind, inner, optional] = t as [unknown, unknown, unknown];
  if (kind === "object" && inner && typeof inner === "object") {
    const keys = Object.keys(inner as object).sort();
    const attrs = keys.map((k) => `${JSON.stringify(k)}:${canonical((inner as Record<string, unknown>)[k])}`);
    const opt = Array.isArray(optional) ? [...optional].map(String).sort() : [];
    return `["object",{${attrs.join(",")}}${opt.length ? `,${JSON.stringify(opt)}` : ""}]`;
  }
  if (kind === "tuple" && Array.isArray(inner)) return `["tuple",[${inner.map(canonical).join(",")}]]`;
  return `[${JSON.stringify(kind)},${canonical(inner)}]`;
}
