/**
 * Type JSON: the compact JSON form of cty types that go-cty writes (`Type.MarshalJSON`) and that
 * Terraform uses in provider schemas and inside dynamic values.
 *
 * `"string"`, `"number"`, `"bool"`, `"dynamic"`, `["list",T]`, `["set",T]`, `["map",T]`,
 * `["object",{"name":T,...}]` or `["object",{...},["optional",...]]`, `["tuple",[T,...]]`.
 *
 * @module
 */
import { MAX_TYPE_DEPTH } from "./codec-limits.js";
import { goJSONString, type JsonNode, JsonSyntaxError, parseJSONPrefix, wellFormed } from "./json-text.js";
import { CtyCodecError } from "./msgpack-error.js";
import { goQuote } from "./set.js";
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

/**
 * Thrown when type JSON is malformed or describes no cty type. A {@link CtyCodecError} (with an
 * empty `path`), so one `catch` covers every codec failure.
 */
export class CtyTypeJSONError extends CtyCodecError {
  override readonly name = "CtyTypeJSONError";
  /** @param message what is wrong with the type description */
  constructor(message: string) {
    super(message);
  }
}

/**
 * Empty tuple types read from `["tuple",null]`: go-cty keeps that spelling (a nil element list)
 * when it writes them back, so these are remembered and written the same way.
 */
const nilTuples = new WeakSet<CtyType>();

/**
 * Writes a type as go-cty's compact type JSON, byte for byte (object attributes sorted bytewise,
 * the optional-attribute list only when non-empty, Go's string escaping).
 * @throws {CtyTypeJSONError} for capsule types, which have no JSON form.
 */
export function typeToJSON(type: CtyType): string {
  // Iterative (types may nest thousands deep): a stack of types still to write and literal text.
  let out = "";
  const todo: (CtyType | string)[] = [type];
  while (todo.length > 0) {
    const t = todo.pop()!;
    if (typeof t === "string") {
      out += t;
      continue;
    }
    switch (t.kind) {
      case "string":
      case "number":
      case "bool":
      case "dynamic":
        out += `"${t.kind}"`;
        break;
      case "list":
      case "set":
      case "map":
        out += `["${t.kind}",`;
        todo.push("]", t.element);
        break;
      case "object": {
        const opt = t.optional.length > 0 ? `,[${t.optional.map(goJSONString).join(",")}]` : "";
        out += '["object",{';
        todo.push(`}${opt}]`);
        for (let i = t.names.length - 1; i >= 0; i--) {
          const name = t.names[i]!;
          todo.push(t.attributes[name]!, `${i > 0 ? "," : ""}${goJSONString(name)}:`);
        }
        break;
      }
      case "tuple":
        if (nilTuples.has(t)) {
          out += `["tuple",null]`;
          break;
        }
        out += '["tuple",[';
        todo.push("]]");
        for (let i = t.elements.length - 1; i >= 0; i--) {
          todo.push(t.elements[i]!);
          if (i > 0) todo.push(",");
        }
        break;
      case "capsule":
        throw new CtyTypeJSONError(`type not allowed: ${t.name} (capsule types have no JSON form)`);
    }
  }
  return out;
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
    node = fromParsed(textOrParsed);
  }
  return typeFromNode(node);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CtyTypeJSONError("invalid type JSON: not valid UTF-8");
  }
}

/** An already-parsed JSON value as a {@link JsonNode} (iterative, depth-bounded). */
function fromParsed(root: unknown): JsonNode {
  const convert = (v: unknown): JsonNode => {
    if (v === null) return { k: "null" };
    if (typeof v === "string") return { k: "str", v };
    if (typeof v === "boolean") return { k: "bool", v };
    if (typeof v === "number") return { k: "num", v: String(v) };
    if (Array.isArray(v)) return { k: "arr", items: [] };
    if (typeof v === "object") return { k: "obj", entries: [] };
    throw new CtyTypeJSONError(`invalid type description: unexpected ${typeof v}`);
  };
  const top = convert(root);
  const todo: [unknown, JsonNode, number][] = [[root, top, 0]];
  while (todo.length > 0) {
    const [v, node, depth] = todo.pop()!;
    if (node.k !== "arr" && node.k !== "obj") continue;
    if (depth >= MAX_TYPE_DEPTH * 2 + 2) throw new CtyTypeJSONError("type description nested too deeply");
    if (node.k === "arr") {
      for (const x of v as unknown[]) {
        const child = convert(x);
        node.items.push(child);
        todo.push([x, child, depth + 1]);
      }
    } else {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const child = convert(x);
        node.entries.push([k, child]);
        todo.push([x, child, depth + 1]);
      }
    }
  }
  return top;
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
export function typeFromNode(root: JsonNode): CtyType {
  // Iterative (types may nest thousands deep): check every node top-down, in the order a
  // recursive reader would meet them, then build the types bottom-up (reverse visiting order).
  const visited: JsonNode[] = [];
  const todo: [JsonNode, number][] = [[root, 0]];
  while (todo.length > 0) {
    const [n, depth] = todo.pop()!;
    if (depth > MAX_TYPE_DEPTH) throw new CtyTypeJSONError("type description nested too deeply");
    visited.push(n);
    const children = checkNode(n);
    for (let i = children.length - 1; i >= 0; i--) todo.push([children[i]!, depth + 1]);
  }
  const built = new Map<JsonNode, CtyType>();
  for (let i = visited.length - 1; i >= 0; i--) {
    const n = visited[i]!;
    built.set(n, buildType(n, built));
  }
  return built.get(root)!;
}

/** Validates one type node's shape and returns the nodes of its element/attribute types. */
function checkNode(n: JsonNode): JsonNode[] {
  if (n.k === "str") {
    if (PRIMITIVES[n.v] === undefined)
      throw new CtyTypeJSONError(`invalid primitive type name ${JSON.stringify(n.v)}`);
    return [];
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
    case "map":
      arity(1, 1);
      return [rest[0]!];
    case "object": {
      arity(1, 2);
      const attrsNode = rest[0]!;
      if (attrsNode.k === "obj") return attrsNode.entries.map(([, t]) => t);
      if (attrsNode.k !== "null")
        throw new CtyTypeJSONError(
          `object attribute types must be a JSON object, not ${describe(attrsNode)}`,
        );
      return [];
    }
    case "tuple": {
      arity(1, 1);
      const elems = rest[0]!;
      if (elems.k === "null") return [];
      if (elems.k !== "arr")
        throw new CtyTypeJSONError(`tuple element types must be a JSON array, not ${describe(elems)}`);
      return elems.items;
    }
    default:
      throw new CtyTypeJSONError(`invalid complex type kind name ${JSON.stringify(kind)}`);
  }
}

/** Builds the type of a node checked by {@link checkNode}, whose children are already built. */
function buildType(n: JsonNode, built: ReadonlyMap<JsonNode, CtyType>): CtyType {
  if (n.k === "str") return PRIMITIVES[n.v]!;
  const items = (n as Extract<JsonNode, { k: "arr" }>).items;
  const kind = (items[0] as Extract<JsonNode, { k: "str" }>).v;
  const rest = items.slice(1);
  switch (kind) {
    case "list":
    case "set":
    case "map": {
      const ety = built.get(rest[0]!)!;
      return kind === "list" ? CtyList(ety) : kind === "set" ? CtySet(ety) : CtyMap(ety);
    }
    case "object": {
      const attrsNode = rest[0]!;
      const attrs: Record<string, CtyType> = Object.create(null);
      if (attrsNode.k === "obj") {
        const rawOf = new Map<string, string>();
        for (const [name, t] of attrsNode.entries) {
          const n = name.normalize("NFC");
          // As go-cty v1.20's cty.Object: two different names with one NFC form are an error.
          const seen = rawOf.get(n);
          if (seen !== undefined && seen !== name)
            throw new CtyTypeJSONError(`multiple attributes that normalize to ${goQuote(n)}`);
          rawOf.set(n, name);
          attrs[n] = built.get(t)!;
        }
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
    default: {
      // tuple
      const elems = rest[0]!;
      if (elems.k === "null") {
        const t = CtyTuple([]);
        nilTuples.add(t);
        return t;
      }
      return CtyTuple((elems as Extract<JsonNode, { k: "arr" }>).items.map((e) => built.get(e)!));
    }
  }
}
