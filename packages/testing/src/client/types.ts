/** Types of the protocol-level client. */
import type { DeepPartial, goplugin, health, tfplugin6 } from "@pyvider/protocol";

/** Per-call options of the client. */
export interface RpcOptions {
  /** Outgoing metadata (e.g. `traceparent`). */
  metadata?: Record<string, string>;
  /** Deadline in milliseconds from now. */
  timeoutMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

type Service = typeof tfplugin6.ProviderService;
type RequestOf<D> = D extends { requestDeserialize: (bytes: Buffer) => infer Req } ? Req : never;
type ResponseOf<D> = D extends { responseDeserialize: (bytes: Buffer) => infer Res } ? Res : never;

/** The client method for one RPC definition. */
export type ClientMethodFor<D> = D extends { requestStream: true }
  ? (
      requests: AsyncIterable<DeepPartial<RequestOf<D>>> | Iterable<DeepPartial<RequestOf<D>>>,
      options?: RpcOptions,
    ) => Promise<ResponseOf<D>>
  : D extends { responseStream: true }
    ? (request?: DeepPartial<RequestOf<D>>, options?: RpcOptions) => AsyncIterable<ResponseOf<D>>
    : (request?: DeepPartial<RequestOf<D>>, options?: RpcOptions) => Promise<ResponseOf<D>>;

/**
 * One method per tfplugin6 RPC (lower camel case, e.g. `getProviderSchema`),
 * taking a partial request message and resolving to the raw response message.
 * Streaming responses are async iterables.
 */
export type ProviderRpcMethods = { [K in keyof Service]: ClientMethodFor<Service[K]> };

/** A connected protocol client. */
export interface RawProviderClient extends ProviderRpcMethods {
  /** `grpc.health.v1.Health/Check` for a service name (default `"plugin"`). */
  health(service?: string): Promise<health.HealthCheckResponse_ServingStatus>;
  /** `plugin.GRPCController/Shutdown`. */
  shutdownPlugin(): Promise<void>;
  /** Opens `plugin.GRPCStdio/StreamStdio`. */
  streamStdio(options?: RpcOptions): AsyncIterable<goplugin.StdioData>;
  /** Closes the gRPC channel. */
  close(): void;
}
