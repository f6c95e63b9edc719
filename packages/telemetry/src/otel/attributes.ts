/**
 * Making span attribute values safe: sensitive wrappers never leave the
 * process, other values become OpenTelemetry primitives.
 *
 * @module
 */

import { isSensitive, Redactor, SENSITIVE_PLACEHOLDER } from "../redact.js";
import { toLogValue } from "../serialize.js";
import type { AttributeValue } from "./types.js";

const OPTIONS = { redactor: Redactor.EMPTY, withStack: false };

function primitive(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/**
 * Convert a value to an attribute value: primitives stay, sensitive wrappers
 * become `"<sensitive>"`, homogeneous primitive arrays stay, anything else
 * becomes its JSON text (as log fields are rendered). `undefined` and `null`
 * give `undefined` (the attribute is skipped). Never throws.
 */
export function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (primitive(value)) return value;
  if (typeof value === "bigint") return value.toString();
  if (isSensitive(value)) return SENSITIVE_PLACEHOLDER;
  if (Array.isArray(value)) {
    const items = value.map((item) => (isSensitive(item) ? SENSITIVE_PLACEHOLDER : item));
    const first = items[0];
    if (items.length > 0 && primitive(first) && items.every((item) => typeof item === typeof first)) {
      return items as string[] | number[] | boolean[];
    }
  }
  const rendered = toLogValue(value, OPTIONS);
  return typeof rendered === "string" ? rendered : JSON.stringify(rendered);
}
