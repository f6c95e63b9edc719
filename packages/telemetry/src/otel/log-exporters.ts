/**
 * The `console` exporters: spans and metrics written through the logger (so
 * to stderr as hclog lines), never to stdout, which carries the handshake.
 * Loaded only with the SDK.
 *
 * @module
 */

import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { PushMetricExporter, ResourceMetrics } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Logger } from "../logger.js";

const hrToMs = (time: readonly [number, number]): number => time[0] * 1000 + time[1] / 1e6;

/** Writes each finished span as one info log line. */
export class LogSpanExporter implements SpanExporter {
  readonly #logger: Logger;

  /** Log spans with `logger`. */
  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Log the spans. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) {
      const context = span.spanContext();
      this.#logger.info(`span ${span.name}`, {
        domain: "telemetry",
        trace_id: context.traceId,
        span_id: context.spanId,
        parent_span_id: span.parentSpanContext?.spanId,
        duration_ms: hrToMs(span.duration),
        span_status: span.status.code,
        attributes: span.attributes,
        events: span.events.map((e) => e.name),
      });
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Nothing to release. */
  async shutdown(): Promise<void> {}

  /** Nothing is buffered. */
  async forceFlush(): Promise<void> {}
}

/** Writes each collected metric as one info log line. */
export class LogMetricExporter implements PushMetricExporter {
  readonly #logger: Logger;

  /** Log metrics with `logger`. */
  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Log the metrics. */
  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    for (const scope of metrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        this.#logger.info(`metric ${metric.descriptor.name}`, {
          domain: "telemetry",
          unit: metric.descriptor.unit,
          points: metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
        });
      }
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Nothing is buffered. */
  async forceFlush(): Promise<void> {}

  /** Nothing to release. */
  async shutdown(): Promise<void> {}
}
