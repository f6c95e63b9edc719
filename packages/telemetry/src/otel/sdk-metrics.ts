/**
 * RPC metrics on the OpenTelemetry SDK. Loaded only with the SDK (through `sdk.ts`).
 *
 * @module
 */

import type { MeterProvider } from "@opentelemetry/sdk-metrics";
import { METRIC_NAMES, type RequestRecord, type TelemetryMetrics } from "./types.js";

const SCOPE = "@pyvider/telemetry";

/** Histogram buckets for request durations, in milliseconds. */
export const DURATION_BUCKETS_MS = [
  1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
];

/** The metrics half of the facade: request counter, duration histogram, error counter. */
export function createMetrics(provider: MeterProvider): TelemetryMetrics {
  const meter = provider.getMeter(SCOPE);
  const requests = meter.createCounter(METRIC_NAMES.requests, {
    description: "Plugin protocol requests handled",
    unit: "{request}",
  });
  const duration = meter.createHistogram(METRIC_NAMES.duration, {
    description: "Time to handle a plugin protocol request",
    unit: "ms",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS_MS },
  });
  const errors = meter.createCounter(METRIC_NAMES.errors, {
    description: "Plugin protocol requests that failed",
    unit: "{request}",
  });
  return {
    recordRequest(record: RequestRecord): void {
      try {
        const attributes: Record<string, string> = {
          rpc: String(record.rpc),
          outcome: String(record.outcome),
        };
        if (record.typeName) attributes.type_name = String(record.typeName);
        requests.add(1, attributes);
        const ms = Number(record.durationMs);
        if (Number.isFinite(ms)) duration.record(Math.max(0, ms), attributes);
        if (record.outcome === "error") errors.add(1, attributes);
      } catch {
        // never throw from telemetry
      }
    },
  };
}
