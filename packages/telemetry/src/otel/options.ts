/**
 * Options of `initTelemetry` (types only: no OpenTelemetry is loaded for them).
 *
 * @module
 */

import type { MetricReader } from "@opentelemetry/sdk-metrics";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Env } from "../level.js";
import type { Logger } from "../logger.js";

/** Options of `initTelemetry`. */
export interface TelemetryOptions {
  /** `service.name` when `OTEL_SERVICE_NAME` does not set one (e.g. `terraform-provider-kv`). */
  readonly serviceName?: string;
  /** `service.version` resource attribute. */
  readonly serviceVersion?: string;
  /** Environment to read `OTEL_*` from. Default `process.env`. (OTLP exporters also read `process.env` themselves.) */
  readonly env?: Env;
  /** Where configuration problems, export errors and the `console` exporters write. */
  readonly logger?: Logger;
  /**
   * Test hook: export spans here (synchronously, one by one), whatever the
   * environment says. For example `new InMemorySpanExporter()`.
   */
  readonly spanExporter?: SpanExporter;
  /** Test hook: collect metrics with this reader, whatever the environment says. */
  readonly metricReader?: MetricReader;
  /**
   * Also install the providers, context manager, W3C propagator and
   * diagnostics logger as OpenTelemetry's globals, so that code using
   * `@opentelemetry/api` directly joins the same traces. Default `true`;
   * undone by shutdown.
   */
  readonly registerGlobal?: boolean;
}
