/**
 * Stored states as Terraform sends them to UpgradeResourceState, UpgradeResourceIdentity and
 * MoveResourceState: JSON text (or the legacy flatmap of SDK v1 providers), and the way back from
 * upgraded JSON to a value of the current schema's type, dropping attributes the schema no longer
 * has (as terraform-plugin-framework does) instead of failing.
 *
 * @module
 */
import {
  CtyNum,
  type CtyType,
  type CtyValue,
  decodeJSON,
  type JsonNode,
  jsonNodeText,
  parseJSONText,
} from "@pyvider/cty";
import type { RawState } from "../gen/tfplugin6.js";
import { errorAt } from "./diagnostics.js";
import { RequestError } from "./dynamic.js";

const decoder = new TextDecoder();

/** JSON-ish data. */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function flatPrimitive(text: string | undefined, type: CtyType): Json {
  if (text === undefined) return null;
  if (type.kind === "number") {
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  if (type.kind === "bool") return text === "true" || text === "1";
  return text;
}

function subKeys(flat: Readonly<Record<string, string>>, prefix: string): string[] {
  const seen = new Set<string>();
  for (const k of Object.keys(flat)) {
    if (!k.startsWith(prefix)) continue;
    const head = k.slice(prefix.length).split(".")[0]!;
    if (head !== "#" && head !== "%" && head !== "") seen.add(head);
  }
  return [...seen];
}

function fromFlat(flat: Readonly<Record<string, string>>, key: string, type: CtyType): Json {
  switch (type.kind) {
    case "object": {
      const has = Object.keys(flat).some((k) => k.startsWith(`${key}.`)) || key === "";
      if (!has) return null;
      const out: Record<string, Json> = {};
      for (const n of type.names)
        out[n] = fromFlat(flat, key === "" ? n : `${key}.${n}`, type.attributes[n]!);
      return out;
    }
    case "list":
    case "set": {
      const count = flat[`${key}.#`];
      if (count === undefined) return null;
      const keys =
        type.kind === "list"
          ? Array.from({ length: Number(count) }, (_, i) => String(i))
          : subKeys(flat, `${key}.`);
      return keys.map((k) => fromFlat(flat, `${key}.${k}`, type.element));
    }
    case "map": {
      if (flat[`${key}.%`] === undefined) return null;
      const out: Record<string, Json> = {};
      for (const k of Object.keys(flat)) {
        if (!k.startsWith(`${key}.`) || k === `${key}.%`) continue;
        const rest = k.slice(key.length + 1);
        out[rest] = flatPrimitive(flat[k], type.element);
      }
      return out;
    }
    case "tuple":
      return type.elements.map((t, i) => fromFlat(flat, `${key}.${i}`, t));
    default:
      return flatPrimitive(flat[key], type);
  }
}

/**
 * The stored state as a JSON object (text kept as text when it came as JSON, so numbers stay
 * exact), or the legacy flatmap turned into JSON following `type`.
 */
export function rawStateJson(raw: RawState | undefined, type: CtyType, what: string): string {
  if (raw !== undefined && raw.json.length > 0) return decoder.decode(raw.json);
  if (raw !== undefined && Object.keys(raw.flatmap).length > 0)
    return JSON.stringify(fromFlat(raw.flatmap, "", type));
  throw new RequestError([errorAt(`Missing stored ${what}`, `Terraform sent no stored ${what} to upgrade.`)]);
}

function prune(json: JsonNode, type: CtyType): JsonNode {
  switch (type.kind) {
    case "object":
      if (json.k !== "obj") return json;
      return {
        k: "obj",
        entries: json.entries.flatMap(([k, v]): [string, JsonNode][] => {
          const t = type.attributes[k];
          return t === undefined ? [] : [[k, prune(v, t)]];
        }),
      };
    case "list":
    case "set":
      return json.k === "arr" ? { k: "arr", items: json.items.map((v) => prune(v, type.element)) } : json;
    case "map":
      return json.k === "obj"
        ? { k: "obj", entries: json.entries.map(([k, v]) => [k, prune(v, type.element)]) }
        : json;
    case "tuple":
      return json.k === "arr"
        ? {
            k: "arr",
            items: json.items.map((v, i) =>
              type.elements[i] === undefined ? v : prune(v, type.elements[i]!),
            ),
          }
        : json;
    default:
      return json;
  }
}

/**
 * A JS value an upgrader or mover returned, as a JSON tree: exact numbers ({@link CtyNum}, bigint)
 * keep every digit; `toJSON` is honoured as `JSON.stringify` would.
 */
function nodeOf(value: unknown): JsonNode {
  if (value instanceof CtyNum) return { k: "num", v: value.text() };
  if (typeof value === "bigint") return { k: "num", v: value.toString() };
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  )
    value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null || value === undefined) return { k: "null" };
  if (typeof value === "string") return { k: "str", v: value };
  if (typeof value === "boolean") return { k: "bool", v: value };
  if (typeof value === "number")
    return Number.isFinite(value) ? { k: "num", v: JSON.stringify(value) } : { k: "null" };
  if (Array.isArray(value))
    return { k: "arr", items: value.map((v) => (v === undefined ? { k: "null" } : nodeOf(v))) };
  if (typeof value === "object")
    return {
      k: "obj",
      entries: Object.entries(value).flatMap(([k, v]): [string, JsonNode][] =>
        v === undefined || typeof v === "function" ? [] : [[k, nodeOf(v)]],
      ),
    };
  return { k: "null" };
}

/**
 * Stored JSON (text, or what an upgrader returned) as a value of `type`, attributes the type lacks
 * dropped at every depth. Numbers stay exact: in text as written, in objects as {@link CtyNum} or
 * bigint. Throws {@link RequestError} when it still does not fit.
 */
export function jsonToValue(json: string | object, type: CtyType, what: string): CtyValue {
  let tree: JsonNode | undefined;
  let text: string;
  if (typeof json === "string") text = json;
  else {
    tree = nodeOf(json);
    text = jsonNodeText(tree);
  }
  try {
    return decodeJSON(text, type);
  } catch {
    // drop attributes the schema no longer has, then try again
  }
  if (tree === undefined) {
    try {
      tree = parseJSONText(text);
    } catch (e) {
      throw new RequestError([
        errorAt(`Invalid stored ${what}`, `The stored ${what} is not valid JSON: ${String(e)}`),
      ]);
    }
  }
  try {
    return decodeJSON(jsonNodeText(prune(tree, type)), type);
  } catch (e) {
    throw new RequestError([
      errorAt(
        `Invalid stored ${what}`,
        `The stored ${what} does not match the current schema: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
}
