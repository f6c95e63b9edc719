/**
 * Type JSON: the compact JSON form of cty types that go-cty writes (`Type.MarshalJSON`) and that
 * Terraform uses in provider schemas and inside dynamic values.
 *
 * `"string"`, `"number"`, `"bool"`, `"dynamic"`, `["list",T]`, `["set",T]`, `["map",T]`,
 * `["object",{"name":T,...}]` or `["object",{...},["optional",...]]`, `["tuple",[T,...]]`.
 *
 * @module
 */
import { goJSONString, type JsonNode, JsonSyntaxError, parseJSONPrefix, wellFormed } from "./json-text.js";
import {
  CtyBool,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  type CtyType,
} from "./types.js";

/** Thrown when type JSON is malformed or describes no cty type. */
export class CtyTypeJSONError extends Error {
  override readonly name = "CtyTypeJSONError";
}

/**
 * Empty tuple types read from `["tuple",null]`: go-cty keeps that spelling (a nil element list)
 * when it writes them back, so these are remembered and written the same way.
 */
const nilTuples = new WeakSet<CtyType>();

/** Maximum nesting depth of a type accepted by {@link typeFromJSON}. */
export const MAX_TYPE_DEPTH = 500;

/**
 * Writes a type as go-cty's compact type JSON, byte for byte (object attributes sorted bytewise,
 * the optional-attribute list only when non-empty, Go's string escaping).
 * @throws {CtyTypeJSONError} for capsule types, which have no JSON form.
 */
export function typeToJSON(type: CtyType): string {
  switch (type.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return `"${type.kind}"`;
    case "list":
    case "set":
    case "map":
      return `["${type.kind}",${typeToJSON(type.element)}]`;
    case "object": {
      const attrs = type.names.map((n) => `${goJSONString(n)}:${typeToJSON(type.attributes[n]!)}`).join(",");
      const opt = type.optional.length > 0 ? `,[${type.optional.map(goJSONString).join(",")}]` : "";
      return `["object",{${attrs}}${opt}]`;
    }
    case "tuple":
      if (nilTuples.has(type)) return `["tuple",null]`;
      return `["tuple",[${type.elements.map(typeToJSON).join(",")}]]`;
    case "capsule":
      throw new CtyTypeJSONError(`type not allowed: ${type.name} (capsule types have no JSON form)`);
  }
}

const PRIMITIVES: Readonly<Record<string, CtyType>> = {
  string: CtyString,
  number: CtyNumber,
  bool: CtyBool,
  dynamic: CtyDynamic,
};

/**
 * Reads type JSON, accepting what go-cty accepts (attribute names are NFC-normalised, a `null`
 * attribute map or tuple list means empty, later duplicate attribute names win).
 *
 * @param textOrParsed type JSON text (a string or UTF-8 bytes), or an already-parsed JSON value
 *   such as `["list","string"]`. A bare primitive name like `"string"` (without JSON quotes) is
 *   accepted too.
 * @throws {CtyTypeJSONError} when the input is not a valid type description.
 */
export function typeFromJSON(textOrParsed: unknown): CtyType {
  let node: JsonNode;
  if (typeof textOrParsed === "string" || textOrParsed instanceof Uint8Array) {
    const text = typeof textOrParsed === "string" ? textOrParsed : decodeUtf8(textOrParsed);
    const bare = PRIMITIVES[text];
    if (bare !== undefined && typeof textOrParsed === "string") return bare;
    try {
      // As go-cty: after the type, only a closing bracket or brace may follow (Go's `More()`).
      const [root, end] = parseJSONPrefix(wellFormed(text));
      const rest = text.slice(end).trimStart();
      if (rest !== "" && rest[0] !== "]" && rest[0] !== "}")
        throw new CtyTypeJSONError("extraneous data after type description");
      node = root;
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new CtyTypeJSONError(`invalid type JSON: ${e.message}`);
      throw e;
    }
  } else {
    node = fromParsed(textOrParsed, 0);
  }
  return typeFromNode(node, 0);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CtyTypeJSONError("invalid type JSON: not valid UTF-8");
  }
}

function fromParsed(v: unknown, depth: number): JsonNode {
  if (depth > MAX_TYPE_DEPTH * 2) throw new CtyTypeJSONError("type description nested too deeply");
  if (v === null) return { k: "null" };
  if (typeof v === "string") return { k: "str", v };
  if (typeof v === "boolean") return { k: "bool", v };
  if (typeof v === "number") return { k: "num", v: String(v) };
  if (Array.isArray(v)) return { k: "arr", items: v.map((x) => fromParsed(x, depth + 1)) };
  if (typeof v === "object") {
    return {
      k: "obj",
      entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromParsed(x, depth + 1)]),
    };
  }
  throw new CtyTypeJSONError(`invalid type description: unexpected ${typeof v}`);
}

function describe(n: JsonNode): string {
  switch (n.k) {
    case "str":
      return JSON.stringify(n.v);
    case "num":
      return n.v;
    case "bool":
      return String(n.v);
    case "null":
      return "null";
    case "arr":
      return "an array";
    case "obj":
      return "an object";
  }
}

/** Reads a type from an already-parsed JSON node (used by the value JSON decoder). @internal */
export function typeFromNode(n: JsonNode, depth = 0): CtyType {
  if (depth > MAX_TYPE_DEPTH) throw new CtyTypeJSONError("type description nested too deeply");
  if (n.k === "str") {
    const t = PRIMITIVES[n.v];
    if (t === undefined) throw new CtyTypeJSONError(`invalid primitive type name ${JSON.stringify(n.v)}`);
    return t;
  }
  if (n.k !== "arr") throw new CtyTypeJSONError(`invalid type description: ${describe(n)}`);
  const [kindNode, ...rest] = n.items;
  if (kindNode === undefined || kindNode.k !== "str")
    throw new CtyTypeJSONError("invalid complex type kind name");
  const kind = kindNode.v;
  const arity = (min: number, max: number) => {
    if (rest.length < min) throw new CtyTypeJSONError(`type description for ${kind} is incomplete`);
    if (rest.length > max) throw new CtyTypeJSONError("unexpected extra data in type description");
  };
  switch (kind) {
    case "list":
    case "set":
    case "map": {
      arity(1, 1);
      const ety = typeFromNode(rest[0]!, depth + 1);
      return kind === "list" ? CtyList(ety) : kind === "set" ? CtySet(ety) : CtyMap(ety);
    }
    case "object": {
      arity(1, 2);
      const attrsNode = rest[0]!;
      const attrs: Record<string, CtyType> = Object.create(null);
      if (attrsNode.k === "obj") {
        for (const [name, t] of attrsNode.entries) attrs[name.normalize("NFC")] = typeFromNode(t, depth + 1);
      } else if (attrsNode.k !== "null") {
        throw new CtyTypeJSONError(
          `object attribute types must be a JSON object, not ${describe(attrsNode)}`,
        );
      }
      const optional: string[] = [];
      const optNode = rest[1];
      if (optNode !== undefined && optNode.k !== "null") {
        if (optNode.k !== "arr")
          throw new CtyTypeJSONError("optional attribute names must be a JSON array of strings");
        for (const o of optNode.items) {
          if (o.k !== "str")
            throw new CtyTypeJSONError("optional attribute names must be a JSON array of strings");
          const name = o.v.normalize("NFC");
          if (!(name in attrs))
            throw new CtyTypeJSONError(`optional contains undeclared attribute ${JSON.stringify(name)}`);
          optional.push(name);
        }
      }
      return CtyObject(attrs, optional);
    }
    case "tuple": {
      arity(1, 1);
      const elems = rest[0]!;
      if (elems.k === "null") {
        const t = CtyTuple([]);
        nilTuples.add(t);
        return t;
      }
      if (elems.k !== "arr")
        throw new CtyTypeJSONError(`tuple element types must be a JSON array, not ${describe(elems)}`);
      return CtyTuple(elems.items.map((e) => typeFromNode(e, depth + 1)));
    }
    default:
      throw new CtyTypeJSONError(`invalid complex type kind name ${JSON.stringify(kind)}`);
  }
}
