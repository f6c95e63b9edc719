/**
 * The seam between the wire and the request semantics: one async method per
 * tfplugin6 RPC, taking the decoded request message and returning the
 * response message.
 */
import type { ProviderService } from "../gen/tfplugin6.js";
import type { DeepPartial } from "../wire/partial.js";

/** Per-call information handed to every handler. */
export interface CallContext {
  /** The full gRPC method path, e.g. `/tfplugin6.Provider/GetProviderSchema`. */
  readonly method: string;
  /**
   * Incoming gRPC metadata, keys lower-case; binary (`-bin`) values are
   * base64. Tracing reads `traceparent` / `tracestate` from here.
   */
  readonly metadata: Readonly<Record<string, readonly string[]>>;
  /** Aborted when the client cancels the call or the server shuts down. */
  readonly signal: AbortSignal;
  /** Aborted once Terraform calls StopProvider (or the server stops). */
  readonly stopSignal: AbortSignal;
  /** The peer address as gRPC reports it. */
  readonly peer: string;
}

/**
 * A unary RPC handler. It may return a partial response: missing fields take
 * their protobuf defaults.
 */
export type UnaryHandler<Req, Res> = (
  request: Req,
  context: CallContext,
) => Promise<DeepPartial<Res>> | DeepPartial<Res>;

/** A server-streaming RPC handler: yield the (possibly partial) events to send. */
export type ServerStreamingHandler<Req, Res> = (
  request: Req,
  context: CallContext,
) => AsyncIterable<DeepPartial<Res>> | Iterable<DeepPartial<Res>>;

/** A client-streaming RPC handler: consume the request chunks, return one (possibly partial) response. */
export type ClientStreamingHandler<Req, Res> = (
  requests: AsyncIterable<Req>,
  context: CallContext,
) => Promise<DeepPartial<Res>> | DeepPartial<Res>;

type MethodDefinition = (typeof ProviderService)[keyof typeof ProviderService];

type RequestOf<D> = D extends { requestDeserialize: (bytes: Buffer) => infer Req } ? Req : never;
type ResponseOf<D> = D extends { responseSerialize: (value: infer Res) => Buffer } ? Res : never;

/** The handler type for one method definition of the generated service. */
export type HandlerFor<D extends MethodDefinition> = D extends { requestStream: true }
  ? ClientStreamingHandler<RequestOf<D>, ResponseOf<D>>
  : D extends { responseStream: true }
    ? ServerStreamingHandler<RequestOf<D>, ResponseOf<D>>
    : UnaryHandler<RequestOf<D>, ResponseOf<D>>;

/**
 * Every tfplugin6 `Provider` RPC, keyed by its lower-camel-case name
 * (`GetProviderSchema` → `getProviderSchema`). Request and response types are
 * the generated messages, e.g. `GetProviderSchema_Request` →
 * `GetProviderSchema_Response`. `ListResource`, `ReadStateBytes` and
 * `InvokeAction` stream their responses (return an async iterable);
 * `WriteStateBytes` receives its chunks as an async iterable.
 */
export type ProviderServiceHandlers = {
  [K in keyof typeof ProviderService]: HandlerFor<(typeof ProviderService)[K]>;
};

/** The RPC names of {@link ProviderServiceHandlers}. */
export type ProviderMethodName = keyof ProviderServiceHandlers;
