/**
 * Raw stored JSON (states and identities before upgrade or move) and the default
 * configuration generated for imported resources.
 *
 * @module
 */
import { CtyNum, type JsonNode, parseJSONText } from "@pyvider/cty";
import type { Schema } from "@pyvider/schema";
import type { ExactJsonValue, JsonObject } from "../context.js";
import { PyviderError } from "../errors.js";

/** A plain integer literal that a JS number holds exactly (at most 15 digits). */
const SMALL_INT = /^-?\d{1,15}$/;

/**
 * A JSON number's text as a JS number when that number stands for the same cty number (as go-cty
 * compares them: `0.1` is the float 0.1), else as the exact {@link CtyNum}.
 */
function numberOf(text: string): number | CtyNum {
  const n = Number(text);
  if (SMALL_INT.test(text)) return n;
  const exact = CtyNum.parse(text);
  return Number.isFinite(n) && CtyNum.fromFloat64(n).equals(exact) ? n : exact;
}

/** A parsed JSON tree as plain JS values, numbers as {@link numberOf} gives them. */
function plainOf(node: JsonNode): ExactJsonValue {
  switch (node.k) {
    case "str":
    case "bool":
      return node.v;
    case "num":
      return numberOf(node.v);
    case "null":
      return null;
    case "arr":
      return node.items.map(plainOf);
    case "obj": {
      const out: JsonObject = {};
      for (const [k, v] of node.entries) out[k] = plainOf(v);
      return out;
    }
  }
}

/**
 * Parses raw stored JSON into an object. Numbers a JS number holds exactly are numbers; others
 * (e.g. 2^53+1, or 0.1000000000000000055511151231257827) are exact {@link CtyNum}s, so that an
 * upgrader passing them on keeps every digit.
 * @param raw JSON text or an already parsed object
 * @param what `state` or `identity`, for messages
 * @throws PyviderError if it is not a JSON object
 */
export function parseRawJson(raw: string | JsonObject, what: string): JsonObject {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = plainOf(parseJSONText(raw));
    } catch (e) {
      throw new PyviderError(`Invalid stored ${what}`, {
        detail: `The stored ${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        cause: e,
      });
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new PyviderError(`Invalid stored ${what}`, { detail: `The stored ${what} is not a JSON object.` });
  }
  return value as JsonObject;
}

/**
 * The configuration of an imported resource: its required and optional attributes and its
 * blocks, leaving out computed-only attributes and null values.
 */
export function generateConfigFromState(
  schema: Schema,
  state: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(schema.block.attributes)) {
    if (!attr.required && !attr.optional) continue;
    const value = state[name];
    if (value === null || value === undefined) continue;
    out[name] = value;
  }
  for (const name of Object.keys(schema.block.blocks)) {
    const value = state[name];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Checks that a handler returned an object (a state, config or result value).
 * @param value what the handler returned
 * @param what e.g. `resource kv_entry create`, for the message
 * @param nullable whether null is allowed (read: "gone")
 * @throws PyviderError naming the handler otherwise
 */
export function expectObject(value: unknown, what: string, nullable = false): Record<string, unknown> | null {
  if (value === null && nullable) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value))
    return value as Record<string, unknown>;
  const got =
    value === null
      ? "null"
      : Array.isArray(value)
        ? "an array"
        : value === undefined
          ? "nothing"
          : `a ${typeof value}`;
  throw new PyviderError(`${what} returned ${got}`, {
    detail: nullable
      ? "It must return an object, or null when the object is gone."
      : "It must return an object.",
  });
}
