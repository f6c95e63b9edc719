/**
 * The enabled telemetry, on the OpenTelemetry SDK. This module (and through
 * it every `@opentelemetry/*` package) is loaded only by a dynamic `import()`
 * from `initTelemetry`, and only when something is exported.
 *
 * @module
 */

import {
  type Context,
  context as contextApi,
  DiagLogLevel,
  diag,
  metrics as metricsApi,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { TraceState, W3CTraceContextPropagator } from "@opentelemetry/core";
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
import { toAttributeValue } from "./attributes.js";
import type { OtelConfig } from "./config.js";
import { LogMetricExporter, LogSpanExporter } from "./log-exporters.js";
import { NOOP_METRICS, NOOP_SPAN, NOOP_TRACER } from "./noop.js";
import type { TelemetryOptions } from "./options.js";
import { extractTraceContext, injectTraceContext, isTraceContext } from "./traceparent.js";
import {
  type Attributes,
  type Carrier,
  METRIC_NAMES,
  type Outcome,
  type RequestRecord,
  type SpanHandle,
  type SpanKindName,
  type StartSpanOptions,
  type Telemetry,
  type TelemetryMetrics,
  type TelemetryTracer,
  type TraceContext,
} from "./types.js";

const SCOPE = "@pyvider/telemetry";

/** Histogram buckets for request durations, in milliseconds. */
export const DURATION_BUCKETS_MS = [
  1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
];

const KINDS: Readonly<Record<SpanKindName, SpanKind>> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unprintable error";
  }
}

function toTraceContext(span: Span | undefined): TraceContext | undefined {
  if (span === undefined) return undefined;
  const sc = span.spanContext();
  if (!trace.isSpanContextValid(sc)) return undefined;
  const state = sc.traceState?.serialize();
  return state
    ? { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, traceState: state }
    : { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags };
}

function remoteParent(parent: TraceContext): Context {
  let traceState: TraceState | undefined;
  if (parent.traceState) {
    try {
      traceState = new TraceState(parent.traceState);
    } catch {
      traceState = undefined;
    }
  }
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.traceFlags,
    isRemote: true,
    ...(traceState ? { traceState } : {}),
  });
}

class SdkSpan implements SpanHandle {
  readonly span: Span;
  #ended = false;
  #failed = false;

  constructor(span: Span) {
    this.span = span;
  }

  get isRecording(): boolean {
    return !this.#ended && this.span.isRecording();
  }

  get context(): TraceContext | undefined {
    return toTraceContext(this.span);
  }

  setAttribute(key: string, value: unknown): SpanHandle {
    if (this.#ended) return this;
    try {
      const attribute = toAttributeValue(value);
      if (attribute !== undefined)
        this.span.setAttribute(key, attribute as string | number | boolean | string[]);
    } catch {
      // never throw from telemetry
    }
    return this;
  }

  setAttributes(attributes: Attributes): SpanHandle {
    try {
      for (const key of Object.keys(attributes)) this.setAttribute(key, attributes[key]);
    } catch {
      // never throw from telemetry
    }
    return this;
  }

  recordError(error: unknown): SpanHandle {
    if (this.#ended) return this;
    try {
      const message = describe(error);
      if (error instanceof Error) {
        this.span.recordException({
          name: error.name,
          message,
          ...(error.stack ? { stack: error.stack } : {}),
        });
      } else {
        this.span.recordException(message);
      }
      this.span.setStatus({ code: SpanStatusCode.ERROR, message });
      this.#failed = true;
    } catch {
      // never throw from telemetry
    }
    return this;
  }

  end(outcome: Outcome = "success"): void {
    if (this.#ended) return;
    try {
      this.span.setAttribute("outcome", String(outcome));
      if (outcome === "error" && !this.#failed) this.span.setStatus({ code: SpanStatusCode.ERROR });
      this.span.end();
    } catch {
      // never throw from telemetry
    }
    this.#ended = true;
  }
}

class SdkTracer implements TelemetryTracer {
  readonly #tracer: Tracer;
  readonly #contexts: AsyncLocalStorageContextManager;

  constructor(tracer: Tracer, contexts: AsyncLocalStorageContextManager) {
    this.#tracer = tracer;
    this.#contexts = contexts;
  }

  #parentContext(parent: StartSpanOptions["parent"]): Context {
    if (parent === null) return ROOT_CONTEXT;
    if (parent === undefined) return this.#contexts.active();
    const remote = isTraceContext(parent) ? parent : extractTraceContext(parent);
    return remote === undefined ? this.#contexts.active() : remoteParent(remote);
  }

  #start(name: string, options: StartSpanOptions | undefined): { handle: SdkSpan; parent: Context } {
    const parent = this.#parentContext(options?.parent);
    const span = this.#tracer.startSpan(
      String(name),
      { kind: KINDS[options?.kind ?? "internal"] ?? SpanKind.INTERNAL },
      parent,
    );
    const handle = new SdkSpan(span);
    if (options?.attributes) handle.setAttributes(options.attributes);
    return { handle, parent };
  }

  startSpan(name: string, options?: StartSpanOptions): SpanHandle {
    try {
      return this.#start(name, options).handle;
    } catch {
      return NOOP_SPAN;
    }
  }

  async withSpan<T>(
    name: string,
    attributes: Attributes | undefined,
    fn: (span: SpanHandle) => T | Promise<T>,
    parentCarrier?: Carrier,
  ): Promise<T> {
    let started: { handle: SdkSpan; parent: Context } | undefined;
    try {
      started = this.#start(name, {
        ...(attributes ? { attributes } : {}),
        ...(parentCarrier ? { parent: parentCarrier } : {}),
      });
    } catch {
      return await fn(NOOP_SPAN);
    }
    const { handle, parent } = started;
    try {
      const result = await this.#contexts.with(trace.setSpan(parent, handle.span), () => fn(handle));
      handle.end("success");
      return result;
    } catch (error) {
      handle.recordError(error);
      handle.end("error");
      throw error;
    }
  }

  extractContext(carrier: Carrier): TraceContext | undefined {
    return extractTraceContext(carrier);
  }

  injectContext(carrier: Record<string, string>): void {
    injectTraceContext(this.activeContext(), carrier);
  }

  activeContext(): TraceContext | undefined {
    return toTraceContext(trace.getSpan(this.#contexts.active()));
  }
}

function createMetrics(provider: MeterProvider): TelemetryMetrics {
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
