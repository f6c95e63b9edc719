/**
 * Raw stored JSON (states and identities before upgrade or move) and the default
 * configuration generated for imported resources.
 *
 * @module
 */
import type { Schema } from "@pyvider/schema";
import type { JsonObject } from "../context.js";
import { PyviderError } from "../errors.js";

/**
 * Parses raw stored JSON into an object.
 * @param raw JSON text or an already parsed object
 * @param what `state` or `identity`, for messages
 * @throws PyviderError if it is not a JSON object
 */
export function parseRawJson(raw: string | JsonObject, what: string): JsonObject {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
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
