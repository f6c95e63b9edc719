/**
 * The enabled telemetry, on the OpenTelemetry SDK. This module (and through
 * it every `@opentelemetry/*` package) is loaded only by a dynamic `import()`
 * from `initTelemetry`, and only when something is exported.
 *
 * @module
 */

import {
  context as contextApi,
  DiagLogLevel,
  diag,
  metrics as metricsApi,
  propagation,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import {
  MeterProvider,
  type MetricReader,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import type { Logger } from "../logger.js";
import type { OtelConfig } from "./config.js";
import { LogMetricExporter, LogSpanExporter } from "./log-exporters.js";
import { NOOP_METRICS, NOOP_SPAN, NOOP_TRACER } from "./noop.js";
import type { TelemetryOptions } from "./options.js";
import { createMetrics } from "./sdk-metrics.js";
import { describe, SdkTracer } from "./sdk-tracer.js";
import type { Telemetry } from "./types.js";

const SCOPE = "@pyvider/telemetry";

async function otlpSpanExporter(protocol: OtelConfig["traces"]["protocol"]): Promise<SpanExporter> {
  if (protocol === "http/json") {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
    return new OTLPTraceExporter();
  }
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-proto");
  return new OTLPTraceExporter();
}

async function otlpMetricExporter(protocol: OtelConfig["metrics"]["protocol"]): Promise<PushMetricExporter> {
  if (protocol === "http/json") {
    const { OTLPMetricExporter } = await import("@opentelemetry/exporter-metrics-otlp-http");
    return new OTLPMetricExporter();
  }
  const { OTLPMetricExporter } = await import("@opentelemetry/exporter-metrics-otlp-proto");
  return new OTLPMetricExporter();
}

function diagAdapter(logger: Logger) {
  const fields = { domain: "telemetry" };
  const join = (message: string, args: unknown[]) =>
    args.length === 0 ? message : `${message} ${args.map((a) => describe(a)).join(" ")}`;
  return {
    error: (message: string, ...args: unknown[]) => logger.error(join(message, args), fields),
    warn: (message: string, ...args: unknown[]) => logger.warn(join(message, args), fields),
    info: (message: string, ...args: unknown[]) => logger.info(join(message, args), fields),
    debug: (message: string, ...args: unknown[]) => logger.debug(join(message, args), fields),
    verbose: (message: string, ...args: unknown[]) => logger.trace(join(message, args), fields),
  };
}

/**
 * Build the SDK-backed telemetry for `config`, plus the test hooks in
 * `options`. Called by `initTelemetry` only.
 */
export async function createSdkTelemetry(
  config: OtelConfig,
  options: TelemetryOptions,
  logger: Logger,
): Promise<Telemetry> {
  const resource = defaultResource().merge(
    resourceFromAttributes({
      ...config.resourceAttributes,
      "service.name": config.serviceName,
      ...(options.serviceVersion ? { "service.version": options.serviceVersion } : {}),
    }),
  );

  const spanProcessors: SpanProcessor[] = [];
  if (options.spanExporter) spanProcessors.push(new SimpleSpanProcessor(options.spanExporter));
  for (const kind of config.traces.exporters) {
    const exporter =
      kind === "otlp" ? await otlpSpanExporter(config.traces.protocol) : new LogSpanExporter(logger);
    spanProcessors.push(new BatchSpanProcessor(exporter));
  }

  const readers: MetricReader[] = [];
  if (options.metricReader) readers.push(options.metricReader);
  for (const kind of config.metrics.exporters) {
    const exporter =
      kind === "otlp" ? await otlpMetricExporter(config.metrics.protocol) : new LogMetricExporter(logger);
    readers.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: config.metricExportIntervalMs,
        exportTimeoutMillis: Math.min(config.metricExportTimeoutMs, config.metricExportIntervalMs),
      }),
    );
  }

  const tracerProvider =
    spanProcessors.length > 0 ? new BasicTracerProvider({ resource, spanProcessors }) : undefined;
  const meterProvider = readers.length > 0 ? new MeterProvider({ resource, readers }) : undefined;
  const contexts = new AsyncLocalStorageContextManager().enable();

  const undo: (() => void)[] = [() => contexts.disable()];
  if (options.registerGlobal ?? true) {
    if (contextApi.setGlobalContextManager(contexts)) undo.push(() => contextApi.disable());
    if (propagation.setGlobalPropagator(new W3CTraceContextPropagator()))
      undo.push(() => propagation.disable());
    if (tracerProvider && trace.setGlobalTracerProvider(tracerProvider)) undo.push(() => trace.disable());
    if (meterProvider && metricsApi.setGlobalMeterProvider(meterProvider))
      undo.push(() => metricsApi.disable());
    if (diag.setLogger(diagAdapter(logger), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true })) {
      undo.push(() => diag.disable());
    }
  }

  const tracer = tracerProvider ? new SdkTracer(tracerProvider.getTracer(SCOPE), contexts) : NOOP_TRACER;
  const metrics = meterProvider ? createMetrics(meterProvider) : NOOP_METRICS;
  let closed = false;

  const flush = async (): Promise<void> => {
    const results = await Promise.allSettled([tracerProvider?.forceFlush(), meterProvider?.forceFlush()]);
    for (const result of results) {
      if (result.status === "rejected")
        logger.warn("telemetry flush failed", { domain: "telemetry", error: result.reason });
    }
  };

  return {
    get tracingEnabled() {
      return !closed && tracerProvider !== undefined;
    },
    get metricsEnabled() {
      return !closed && meterProvider !== undefined;
    },
    startSpan: (name, opts) => (closed ? NOOP_SPAN : tracer.startSpan(name, opts)),
    withSpan: (name, attributes, fn, parentCarrier) =>
      closed
        ? NOOP_TRACER.withSpan(name, attributes, fn)
        : tracer.withSpan(name, attributes, fn, parentCarrier),
    extractContext: (carrier) => tracer.extractContext(carrier),
    injectContext: (carrier) => (closed ? undefined : tracer.injectContext(carrier)),
    activeContext: () => (closed ? undefined : tracer.activeContext()),
    recordRequest: (record) => (closed ? undefined : metrics.recordRequest(record)),
    forceFlush: () => (closed ? Promise.resolve() : flush()),
    async shutdown(): Promise<void> {
      if (closed) return;
      closed = true;
      const results = await Promise.allSettled([tracerProvider?.shutdown(), meterProvider?.shutdown()]);
      for (const result of results) {
        if (result.status === "rejected") {
          logger.warn("telemetry shutdown failed", { domain: "telemetry", error: result.reason });
        }
      }
      for (const step of undo.reverse()) {
        try {
          step();
        } catch {
          // best effort
        }
      }
    },
  };
}
