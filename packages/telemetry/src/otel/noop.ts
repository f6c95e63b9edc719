/**
 * The disabled telemetry: nothing is recorded and no OpenTelemetry module is
 * loaded. Trace contexts are still parsed, so callers behave the same.
 *
 * @module
 */

import { extractTraceContext, injectTraceContext } from "./traceparent.js";
import type { SpanHandle, Telemetry, TelemetryMetrics, TelemetryTracer } from "./types.js";

/** A span that records nothing. */
export const NOOP_SPAN: SpanHandle = Object.freeze({
  isRecording: false,
  context: undefined,
  setAttribute(): SpanHandle {
    return NOOP_SPAN;
  },
  setAttributes(): SpanHandle {
    return NOOP_SPAN;
  },
  recordError(): SpanHandle {
    return NOOP_SPAN;
  },
  end(): void {},
});

/** Tracing that records nothing (still parses incoming trace contexts). */
export const NOOP_TRACER: TelemetryTracer = Object.freeze({
  startSpan: () => NOOP_SPAN,
  async withSpan<T>(
    _name: string,
    _attributes: unknown,
    fn: (span: SpanHandle) => T | Promise<T>,
  ): Promise<T> {
    return await fn(NOOP_SPAN);
  },
  extractContext: extractTraceContext,
  injectContext(carrier: Record<string, string>): void {
    injectTraceContext(undefined, carrier);
  },
  activeContext: () => undefined,
});

/** Metrics that record nothing. */
export const NOOP_METRICS: TelemetryMetrics = Object.freeze({ recordRequest(): void {} });

/** The disabled telemetry. */
export const NOOP_TELEMETRY: Telemetry = Object.freeze({
  ...NOOP_TRACER,
  ...NOOP_METRICS,
  tracingEnabled: false,
  metricsEnabled: false,
  forceFlush: async (): Promise<void> => {},
  shutdown: async (): Promise<void> => {},
});
