/**
 * The telemetry facade's types. This module has no runtime content, so the
 * disabled path never loads OpenTelemetry.
 *
 * @module
 */

/** How an operation ended. `error` marks the span as failed and counts an error. */
export type Outcome = "success" | "error" | "cancelled" | (string & {});

/** A span attribute value (OpenTelemetry's primitive and homogeneous-array values). */
export type AttributeValue =
  | string
  | number
  | boolean
  | readonly string[]
  | readonly number[]
  | readonly boolean[];

/** Span attributes; `undefined` values are skipped. SensitiveLogValue wrappers render as `"<sensitive>"`. */
export type Attributes = Readonly<Record<string, AttributeValue | undefined | unknown>>;

/**
 * Incoming metadata or headers: key to one value or several (gRPC metadata
 * as a plain object). Keys are matched case-insensitively; non-string values
 * (binary metadata) are ignored.
 */
export type Carrier = Readonly<Record<string, unknown>>;

/** A W3C trace context: the identity of a (usually remote) parent span. */
export interface TraceContext {
  /** 32 lower-case hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lower-case hex digits, not all zero. */
  readonly spanId: string;
  /** Trace flags; bit 0 = sampled. */
  readonly traceFlags: number;
  /** The raw `tracestate` header, if any. */
  readonly traceState?: string;
}

/** A span in progress. Every method is safe to call after `end` (it does nothing). */
export interface SpanHandle {
  /** Whether this span is recorded (false for the no-op implementation). */
  readonly isRecording: boolean;
  /** This span's identity, for logs and outgoing calls; `undefined` when not recording. */
  readonly context: TraceContext | undefined;
  /** Set one attribute. */
  setAttribute(key: string, value: unknown): SpanHandle;
  /** Set several attributes. */
  setAttributes(attributes: Attributes): SpanHandle;
  /** Record an exception event and mark the span as failed. */
  recordError(error: unknown): SpanHandle;
  /** End the span, setting the `outcome` attribute (default `success`). Only the first call counts. */
  end(outcome?: Outcome): void;
}

/** Options of {@link TelemetryTracer.startSpan}. */
export interface StartSpanOptions {
  /** Initial attributes (callers use `rpc`, `type_name`, `outcome`). */
  readonly attributes?: Attributes;
  /**
   * The parent: a trace context (from {@link TelemetryTracer.extractContext}),
   * incoming metadata holding `traceparent`, or `null` for a new trace.
   * Default: the span active in the current async context, if any.
   */
  readonly parent?: TraceContext | Carrier | null;
  /** Span kind; the protocol layer uses `server` for incoming RPCs. Default `internal`. */
  readonly kind?: SpanKindName;
}

/** OpenTelemetry span kinds, by name. */
export type SpanKindName = "internal" | "server" | "client" | "producer" | "consumer";

/** Tracing half of the facade. */
export interface TelemetryTracer {
  /** Start a span. End it with {@link SpanHandle.end}. */
  startSpan(name: string, options?: StartSpanOptions): SpanHandle;
  /**
   * Run `fn` inside a new span that is active for everything `fn` awaits.
   * The span ends with outcome `success` when `fn` resolves, or records the
   * error and ends with `error` when it throws (the error is rethrown).
   * `fn` may end the span itself with another outcome first.
   *
   * @param parentCarrier incoming metadata whose `traceparent` becomes the parent.
   */
  withSpan<T>(
    name: string,
    attributes: Attributes | undefined,
    fn: (span: SpanHandle) => T | Promise<T>,
    parentCarrier?: Carrier,
  ): Promise<T>;
  /** The W3C trace context in incoming metadata (`traceparent` and `tracestate`), if valid. */
  extractContext(carrier: Carrier): TraceContext | undefined;
  /** Write the active span's `traceparent` (and `tracestate`) into outgoing metadata. */
  injectContext(carrier: Record<string, string>): void;
  /** The span active in the current async context, if recording. */
  activeContext(): TraceContext | undefined;
}

/** One handled request, for the metrics. */
export interface RequestRecord {
  /** RPC name, e.g. `ReadResource`. */
  readonly rpc: string;
  /** Resource / data source / function type, when the RPC has one. */
  readonly typeName?: string;
  /** How it ended. */
  readonly outcome: Outcome;
  /** How long it took, in milliseconds. */
  readonly durationMs: number;
}

/** Metrics half of the facade. */
export interface TelemetryMetrics {
  /**
   * Count a request (`pyvider.rpc.requests`), record its duration
   * (`pyvider.rpc.duration`, ms) and, when the outcome is `error`, count an
   * error (`pyvider.rpc.errors`). Attributes: `rpc`, `type_name`, `outcome`.
   */
  recordRequest(record: RequestRecord): void;
}

/** The telemetry facade: tracing, metrics and lifecycle. */
export interface Telemetry extends TelemetryTracer, TelemetryMetrics {
  /** Whether spans are exported. */
  readonly tracingEnabled: boolean;
  /** Whether metrics are exported. */
  readonly metricsEnabled: boolean;
  /** Export everything buffered so far. */
  forceFlush(): Promise<void>;
  /** Flush and stop; afterwards this object behaves as the no-op one. */
  shutdown(): Promise<void>;
}

/** Names of the metric instruments. */
export const METRIC_NAMES = {
  requests: "pyvider.rpc.requests",
  duration: "pyvider.rpc.duration",
  errors: "pyvider.rpc.errors",
} as const;
