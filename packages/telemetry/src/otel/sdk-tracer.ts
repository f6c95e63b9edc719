/**
 * Spans on the OpenTelemetry SDK: the span handle and the tracer half of the
 * facade. Loaded only with the SDK (through `sdk.ts`).
 *
 * @module
 */

import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { TraceState } from "@opentelemetry/core";
import { toAttributeValue } from "./attributes.js";
import { NOOP_SPAN } from "./noop.js";
import { extractTraceContext, injectTraceContext, isTraceContext } from "./traceparent.js";
import type {
  Attributes,
  Carrier,
  Outcome,
  SpanHandle,
  SpanKindName,
  StartSpanOptions,
  TelemetryTracer,
  TraceContext,
} from "./types.js";

const KINDS: Readonly<Record<SpanKindName, SpanKind>> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/** A printable description of a thrown value. */
export function describe(error: unknown): string {
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

/** The tracer half of the facade, on an SDK tracer and an async-local context manager. */
export class SdkTracer implements TelemetryTracer {
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
