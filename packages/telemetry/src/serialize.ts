/**
 * Turning arbitrary field values into JSON-safe values without ever throwing:
 * cycles, throwing getters and toJSON, proxies, bigints, errors, maps, sets,
 * byte arrays and sensitive wrappers are all handled.
 *
 * @module
 */

import { isSensitive, type Redactor, SECRET_MASK, SENSITIVE_PLACEHOLDER } from "./redact.js";

/** A value JSON can represent exactly. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** How {@link toLogValue} renders values. */
export interface SerializeOptions {
  /** Secrets and keys to mask. */
  readonly redactor: Redactor;
  /** Render errors with their stack (done at debug and trace). */
  readonly withStack: boolean;
}

/** Objects nested deeper than this render as `"[Depth]"`. */
export const MAX_DEPTH = 10;
/** Arrays, sets and maps longer than this are cut, with a note of how many items were left out. */
export const MAX_ITEMS = 1000;
const MAX_CAUSES = 5;

function describeThrow(error: unknown): string {
  try {
    return `[Throws: ${error instanceof Error ? error.message : String(error)}]`;
  } catch {
    return "[Throws]";
  }
}

function errorHeadline(error: Error): string {
  let name = "Error";
  let message = "";
  try {
    name = typeof error.name === "string" ? error.name : "Error";
    message = typeof error.message === "string" ? error.message : String(error.message);
  } catch (e) {
    return describeThrow(e);
  }
  return name === "Error" || name === "" ? message : `${name}: ${message}`;
}

/**
 * Render an error as one string: its message (prefixed by its name unless
 * that is plain `Error`), or with `withStack` its stack; followed by its
 * `cause` chain. Secrets are masked.
 */
export function renderError(error: Error, options: SerializeOptions): string {
  let text = "";
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth++) {
    let part: string;
    if (current instanceof Error) {
      let stack: unknown;
      try {
        stack = options.withStack ? current.stack : undefined;
      } catch {
        stack = undefined;
      }
      part = typeof stack === "string" && stack !== "" ? stack : errorHeadline(current);
    } else {
      part = plainString(current);
    }
    text =
      depth === 0 ? part : options.withStack ? `${text}\nCaused by: ${part}` : `${text} (caused by: ${part})`;
    try {
      current = current instanceof Error ? current.cause : undefined;
    } catch {
      current = undefined;
    }
  }
  return options.redactor.maskString(text);
}

function plainString(value: unknown): string {
  try {
    return String(value);
  } catch (e) {
    return describeThrow(e);
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Convert any value to a JSON-safe value for a log field. Never throws.
 *
 * - {@link SensitiveLogValue} wrappers: `"<sensitive>"`; values under masked keys: `"***"`
 * - strings: registered secrets masked
 * - non-finite numbers and bigints: strings (`"NaN"`, `"12345678901234567890"`)
 * - errors: one string ({@link renderError})
 * - `Date`: ISO string; `Uint8Array`: base64 (like Go's `[]byte`)
 * - `Map`: object; `Set`: array; objects with `toJSON`: its result
 * - cycles: `"[Circular]"`; too deep: `"[Depth]"`; a throwing getter: `"[Throws: ...]"`
 */
export function toLogValue(value: unknown, options: SerializeOptions): JsonValue {
  return convert(value, options, 0, new Set());
}

function convert(value: unknown, options: SerializeOptions, depth: number, seen: Set<object>): JsonValue {
  switch (typeof value) {
    case "string":
      return options.redactor.maskString(value);
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "undefined":
      return null;
    case "symbol":
      return options.redactor.maskString(value.toString());
    case "function":
      return `[Function${value.name ? ` ${value.name}` : ""}]`;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (isSensitive(object)) return SENSITIVE_PLACEHOLDER;
  if (seen.has(object)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Depth]";
  seen.add(object);
  try {
    return convertObject(object, options, depth, seen);
  } catch (error) {
    return describeThrow(error);
  } finally {
    seen.delete(object);
  }
}

function convertObject(
  object: object,
  options: SerializeOptions,
  depth: number,
  seen: Set<object>,
): JsonValue {
  if (object instanceof Error) return renderError(object, options);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (object instanceof Uint8Array) return bytesToBase64(object);
  if (ArrayBuffer.isView(object)) return `[${object.constructor.name} ${object.byteLength} bytes]`;
  if (Array.isArray(object)) return convertList(object, options, depth, seen);
  if (object instanceof Set) return convertList([...object], options, depth, seen);
  if (object instanceof Map) {
    const out: { [key: string]: JsonValue } = {};
    let count = 0;
    for (const [key, item] of object) {
      if (count++ >= MAX_ITEMS) {
        out["…"] = `${object.size - MAX_ITEMS} more entries`;
        break;
      }
      const name = options.redactor.maskString(typeof key === "string" ? key : plainString(key));
      out[name] = options.redactor.masksKey(name) ? SECRET_MASK : convert(item, options, depth + 1, seen);
    }
    return out;
  }
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const replaced: unknown = toJSON.call(object);
    if (replaced !== object) return convert(replaced, options, depth + 1, seen);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(object)) {
    let item: unknown;
    try {
      item = (object as Record<string, unknown>)[key];
    } catch (error) {
      out[key] = describeThrow(error);
      continue;
    }
    const name = options.redactor.maskString(key);
    out[name] = options.redactor.masksKey(key) ? SECRET_MASK : convert(item, options, depth + 1, seen);
  }
  return out;
}

function convertList(
  items: readonly unknown[],
  options: SerializeOptions,
  depth: number,
  seen: Set<object>,
): JsonValue {
  const limit = Math.min(items.length, MAX_ITEMS);
  const out: JsonValue[] = [];
  for (let i = 0; i < limit; i++) {
    let item: unknown;
    try {
      item = items[i];
    } catch (error) {
      out.push(describeThrow(error));
      continue;
    }
    out.push(convert(item, options, depth + 1, seen));
  }
  if (items.length > limit) out.push(`… ${items.length - limit} more items`);
  return out;
}
