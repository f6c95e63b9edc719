/**
 * W3C Trace Context (`traceparent` / `tracestate`) parsing and formatting,
 * without OpenTelemetry, so that the disabled path can use it too.
 *
 * @module
 */

import type { Carrier, TraceContext } from "./types.js";

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);
const MAX_TRACESTATE = 512;

/**
 * Parse a `traceparent` header value (W3C Trace Context level 1): version,
 * trace id, parent id, flags, all lower-case hex. Rejects version `ff`,
 * all-zero ids, and extra fields on version `00` (later versions may append
 * fields, which are ignored).
 */
export function parseTraceparent(value: string, traceState?: string): TraceContext | undefined {
  const match = TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === undefined || traceId === undefined || spanId === undefined || flags === undefined)
    return undefined;
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  const state = traceState?.trim();
  const context: TraceContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16) };
  return state && state.length <= MAX_TRACESTATE ? { ...context, traceState: state } : context;
}

/** Format a trace context as a version-00 `traceparent` value. */
export function formatTraceparent(context: TraceContext): string {
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, "0");
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

function valuesOf(carrier: Carrier, name: string): string[] {
  const out: string[] = [];
  let keys: string[];
  try {
    keys = Object.keys(carrier);
  } catch {
    return out;
  }
  for (const key of keys) {
    if (key.toLowerCase() !== name) continue;
    let value: unknown;
    try {
      value = carrier[key];
    } catch {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "string") out.push(item);
    }
  }
  return out;
}

/**
 * The trace context in incoming metadata, or `undefined` when there is no
 * valid `traceparent`. Several different `traceparent` values are ambiguous
 * and ignored; several `tracestate` values are joined with commas.
 */
export function extractTraceContext(carrier: Carrier | null | undefined): TraceContext | undefined {
  if (carrier === null || typeof carrier !== "object") return undefined;
  const parents = [...new Set(valuesOf(carrier, "traceparent").map((v) => v.trim()))];
  if (parents.length !== 1 || parents[0] === undefined) return undefined;
  const states = valuesOf(carrier, "tracestate")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return parseTraceparent(parents[0], states.length === 0 ? undefined : states.join(","));
}

/** Whether a value is a {@link TraceContext} (rather than a carrier). */
export function isTraceContext(value: unknown): value is TraceContext {
  if (value === null || typeof value !== "object") return false;
  const v = value as Partial<TraceContext>;
  return typeof v.traceId === "string" && typeof v.spanId === "string" && typeof v.traceFlags === "number";
}

/** Write `context` into outgoing metadata as `traceparent` (and `tracestate`). */
export function injectTraceContext(context: TraceContext | undefined, carrier: Record<string, string>): void {
  if (context === undefined) return;
  carrier.traceparent = formatTraceparent(context);
  if (context.traceState) carrier.tracestate = context.traceState;
}
