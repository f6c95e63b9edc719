/**
 * Stored states as Terraform sends them to UpgradeResourceState, UpgradeResourceIdentity and
 * MoveResourceState: JSON text (or the legacy flatmap of SDK v1 providers), and the way back from
 * upgraded JSON to a value of the current schema's type, dropping attributes the schema no longer
 * has (as terraform-plugin-framework does) instead of failing.
 *
 * @module
 */
import { type CtyType, type CtyValue, decodeJSON } from "@pyvider/cty";
import type { RawState } from "../gen/tfplugin6.js";
import { errorAt } from "./diagnostics.js";
import { RequestError } from "./dynamic.js";
import { type ExactJson, JsonNumber, parseExactJson, stringifyExactJson } from "./exact-json.js";

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

function prune(json: ExactJson, type: CtyType): ExactJson {
  if (json === null || typeof json !== "object" || json instanceof JsonNumber) return json;
  switch (type.kind) {
    case "object": {
      if (Array.isArray(json)) return json;
      const out: Record<string, ExactJson> = {};
      for (const [k, v] of Object.entries(json)) {
        const t = type.attributes[k];
        if (t !== undefined) out[k] = prune(v, t);
      }
      return out;
    }
    case "list":
    case "set":
      return Array.isArray(json) ? json.map((v) => prune(v, type.element)) : json;
    case "map":
      return Array.isArray(json)
        ? json
        : Object.fromEntries(Object.entries(json).map(([k, v]) => [k, prune(v, type.element)]));
    case "tuple":
      return Array.isArray(json)
        ? json.map((v, i) => (type.elements[i] === undefined ? v : prune(v, type.elements[i]!)))
        : json;
    default:
      return json;
  }
}

/**
 * Stored JSON (text or parsed) as a value of `type`, attributes the type lacks dropped at every
 * depth (numbers in text stay exact). Throws {@link RequestError} when it still does not fit.
 */
export function jsonToValue(json: string | object, type: CtyType, what: string): CtyValue {
  const text = typeof json === "string" ? json : JSON.stringify(json);
  try {
    return decodeJSON(text, type);
  } catch {
    // drop attributes the schema no longer has, then try again
  }
  let parsed: ExactJson;
  try {
    parsed = parseExactJson(text);
  } catch (e) {
    throw new RequestError([
      errorAt(`Invalid stored ${what}`, `The stored ${what} is not valid JSON: ${String(e)}`),
    ]);
  }
  try {
    return decodeJSON(stringifyExactJson(prune(parsed, type)), type);
  } catch (e) {
    throw new RequestError([
      errorAt(
        `Invalid stored ${what}`,
        `The stored ${what} does not match the current schema: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
}
