/**
 * A span and metrics per tfplugin6 RPC: wraps every handler of a {@link ProviderServiceHandlers}
 * object. The span is named after the gRPC method (`tfplugin6.Provider/ApplyResourceChange`), its
 * parent is the `traceparent` Terraform sent in the call's metadata, and it is active while the
 * handler runs, so the hub's handler spans (`pyvider.resource.create`, ...) are its children.
 *
 * Attributes are names only, never values: `rpc.system`, `rpc.service`, `rpc.method`, `rpc`,
 * `type_name` (the resource, data source, function or action type) and `outcome`
 * (`success`, `error`, `cancelled`). An RPC that answers with an error diagnostic counts as an
 * error; its diagnostics' text is not exported (it may quote configuration values).
 *
 * @module
 */
import { getTelemetry, type Outcome, type SpanHandle, type Telemetry } from "@pyvider/telemetry";
import type { CallContext, ProviderMethodName, ProviderServiceHandlers } from "../server/handlers.js";

/** The gRPC service of the provider RPCs, as in the span names and `rpc.service`. */
export const PROVIDER_SERVICE = "tfplugin6.Provider";

const SEVERITY_ERROR = 1;

/** `applyResourceChange` → `ApplyResourceChange`. */
const methodOf = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** The component type a request is about, when it has one (a name from the schema, never a value). */
export function requestTypeName(request: unknown): string | undefined {
  if (typeof request !== "object" || request === null) return undefined;
  const r = request as { typeName?: unknown; actionType?: unknown; name?: unknown };
  for (const candidate of [r.typeName, r.actionType, r.name]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return undefined;
}

/** `error` when the (partial) response carries an error diagnostic, else `success`. */
export function responseOutcome(response: unknown): Outcome {
  if (typeof response !== "object" || response === null) return "success";
  const diagnostics = (response as { diagnostics?: unknown }).diagnostics;
  if (!Array.isArray(diagnostics)) return "success";
  return diagnostics.some((d) => (d as { severity?: unknown } | null)?.severity === SEVERITY_ERROR)
    ? "error"
    : "success";
}

const thrownOutcome = (context: CallContext): Outcome => (context.signal.aborted ? "cancelled" : "error");

/** One RPC being measured: its span and the request record it ends with. */
class RpcMeasure {
  readonly #started = performance.now();
  readonly #typeName: string | undefined;
  #done = false;

  constructor(
    readonly telemetry: Telemetry,
    readonly method: string,
    request: unknown,
  ) {
    this.#typeName = requestTypeName(request);
  }

  get attributes(): Record<string, string | undefined> {
    return {
      "rpc.system": "grpc",
      "rpc.service": PROVIDER_SERVICE,
      "rpc.method": this.method,
      rpc: this.method,
      type_name: this.#typeName,
    };
  }

  get spanName(): string {
    return `${PROVIDER_SERVICE}/${this.method}`;
  }

  /** Ends the span (when given) and records the request; only the first call counts. */
  finish(outcome: Outcome, span?: SpanHandle, error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    if (span !== undefined) {
      if (error !== undefined) span.recordError(error);
      span.end(outcome);
    }
    this.telemetry.recordRequest({
      rpc: this.method,
      ...(this.#typeName === undefined ? {} : { typeName: this.#typeName }),
      outcome,
      durationMs: performance.now() - this.#started,
    });
  }
}

type AnyUnary = (request: unknown, context: CallContext) => unknown;
type AnyStreaming = (request: unknown, context: CallContext) => AsyncIterable<unknown> | Iterable<unknown>;
type AnyClientStreaming = (requests: AsyncIterable<unknown>, context: CallContext) => unknown;

const SERVER_STREAMING: ReadonlySet<string> = new Set(["listResource", "readStateBytes", "invokeAction"]);
const CLIENT_STREAMING: ReadonlySet<string> = new Set(["writeStateBytes"]);

function unary(method: string, handler: AnyUnary, ready: Promise<Telemetry>): AnyUnary {
  return async (request, context) => {
    const telemetry = await ready;
    if (!telemetry.tracingEnabled && !telemetry.metricsEnabled) return handler(request, context);
    const measure = new RpcMeasure(telemetry, method, request);
    return telemetry.withSpan(
      measure.spanName,
      measure.attributes,
      async (span) => {
        try {
          const response = await handler(request, context);
          measure.finish(responseOutcome(response), span);
          return response;
        } catch (error) {
          measure.finish(thrownOutcome(context), span, error);
          throw error;
        }
      },
      context.metadata,
    );
  };
}

function clientStreaming(method: string, handler: AnyClientStreaming, ready: Promise<Telemetry>) {
  const wrapped = unary(
    method,
    (requests, context) => handler(requests as AsyncIterable<unknown>, context),
    ready,
  );
  return (requests: AsyncIterable<unknown>, context: CallContext) => wrapped(requests, context);
}

function serverStreaming(method: string, handler: AnyStreaming, ready: Promise<Telemetry>): AnyStreaming {
  return async function* traced(request, context) {
    const telemetry = await ready;
    if (!telemetry.tracingEnabled && !telemetry.metricsEnabled) {
      yield* handler(request, context);
      return;
    }
    const measure = new RpcMeasure(telemetry, method, request);
    const span = telemetry.startSpan(measure.spanName, {
      attributes: measure.attributes,
      parent: context.metadata,
      kind: "server",
    });
    let outcome: Outcome = "success";
    try {
      for await (const event of handler(request, context)) {
        if (responseOutcome(event) === "error") outcome = "error";
        yield event;
      }
      measure.finish(outcome, span);
    } catch (error) {
      measure.finish(thrownOutcome(context), span, error);
      throw error;
    } finally {
      // the client went away mid-stream (the generator was returned early)
      measure.finish("cancelled", span);
    }
  };
}

/**
 * Wraps every handler with a span and the request metrics of the current telemetry
 * ({@link getTelemetry} once `ready` resolves: calls wait for telemetry to start, so none is
 * missed). When telemetry exports nothing, handlers run as they are.
 *
 * @param handlers the RPC handlers
 * @param ready resolves once telemetry is initialised; default: the current telemetry
 * @returns handlers with the same behaviour, measured
 */
export function withRpcTelemetry(
  handlers: ProviderServiceHandlers,
  ready: Promise<Telemetry> = Promise.resolve().then(getTelemetry),
): ProviderServiceHandlers {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [ProviderMethodName, unknown][]) {
    const method = methodOf(name);
    out[name] = SERVER_STREAMING.has(name)
      ? serverStreaming(method, handler as AnyStreaming, ready)
      : CLIENT_STREAMING.has(name)
        ? clientStreaming(method, handler as AnyClientStreaming, ready)
        : unary(method, handler as AnyUnary, ready);
  }
  return out as ProviderServiceHandlers;
}
