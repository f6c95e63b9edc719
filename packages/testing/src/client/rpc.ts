/**
 * Builds the {@link RawProviderClient} methods on a grpc-js `Client`: one
 * method per RPC, from the service definitions @pyvider/protocol exports.
 * @internal
 */
import { type CallOptions, type Client, Metadata, type ServiceError } from "@grpc/grpc-js";
import { goplugin, health, providerMessageCodecs, tfplugin6 } from "@pyvider/protocol";
import type { ProviderRpcMethods, RawProviderClient, RpcOptions } from "./types.js";

function callArgs(options: RpcOptions | undefined): { metadata: Metadata; callOptions: CallOptions } {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(options?.metadata ?? {})) metadata.set(key, value);
  const callOptions: CallOptions = {};
  if (options?.timeoutMs !== undefined) callOptions.deadline = Date.now() + options.timeoutMs;
  return { metadata, callOptions };
}

function cancelOn(signal: AbortSignal | undefined, call: { cancel(): void }): void {
  if (!signal) return;
  if (signal.aborted) call.cancel();
  else signal.addEventListener("abort", () => call.cancel(), { once: true });
}

function unary<Req, Res>(
  client: Client,
  path: string,
  serialize: (value: Req) => Buffer,
  deserialize: (bytes: Buffer) => Res,
  request: Req,
  options?: RpcOptions,
): Promise<Res> {
  const { metadata, callOptions } = callArgs(options);
  return new Promise((resolve, reject) => {
    const call = client.makeUnaryRequest(
      path,
      serialize,
      deserialize,
      request,
      metadata,
      callOptions,
      (error: ServiceError | null, response?: Res) => (error ? reject(error) : resolve(response as Res)),
    );
    cancelOn(options?.signal, call);
  });
}

/** Creates the client methods over a connected grpc-js client. */
export function createProviderClient(client: Client): RawProviderClient {
  const methods: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(tfplugin6.ProviderService)) {
    const codecs = providerMessageCodecs[name as keyof typeof providerMessageCodecs];
    const toRequest = (partial: unknown) => codecs.request.fromPartial(partial ?? {});
    const serialize = definition.requestSerialize as (value: unknown) => Buffer;
    const deserialize = definition.responseDeserialize as (bytes: Buffer) => unknown;
    if (definition.requestStream) {
      methods[name] = (requests: AsyncIterable<unknown> | Iterable<unknown>, options?: RpcOptions) => {
        const { metadata, callOptions } = callArgs(options);
        return new Promise((resolve, reject) => {
          const call = client.makeClientStreamRequest(
            definition.path,
            serialize,
            deserialize,
            metadata,
            callOptions,
            (error, response) => (error ? reject(error) : resolve(response)),
          );
          cancelOn(options?.signal, call);
          void (async () => {
            try {
              for await (const request of requests) {
                if (!call.write(toRequest(request))) await new Promise((r) => call.once("drain", r));
              }
              call.end();
            } catch (error) {
              call.cancel();
              reject(error);
            }
          })();
        });
      };
    } else if (definition.responseStream) {
      methods[name] = (request: unknown, options?: RpcOptions) => {
        const { metadata, callOptions } = callArgs(options);
        const call = client.makeServerStreamRequest(
          definition.path,
          serialize,
          deserialize,
          toRequest(request),
          metadata,
          callOptions,
        );
        cancelOn(options?.signal, call);
        return call as AsyncIterable<unknown>;
      };
    } else {
      methods[name] = (request: unknown, options?: RpcOptions) =>
        unary(client, definition.path, serialize, deserialize, toRequest(request), options);
    }
  }

  const healthCheck = health.HealthService.check;
  const shutdown = goplugin.GRPCControllerService.shutdown;
  const stdio = goplugin.GRPCStdioService.streamStdio;
  return {
    ...(methods as ProviderRpcMethods),
    async health(service = "plugin") {
      const response = await unary(
        client,
        healthCheck.path,
        healthCheck.requestSerialize,
        healthCheck.responseDeserialize,
        { service },
        { timeoutMs: 10_000 },
      );
      return response.status;
    },
    async shutdownPlugin() {
      await unary(
        client,
        shutdown.path,
        shutdown.requestSerialize,
        shutdown.responseDeserialize,
        {},
        { timeoutMs: 10_000 },
      );
    },
    streamStdio(options?: RpcOptions) {
      const { metadata, callOptions } = callArgs(options);
      const call = client.makeServerStreamRequest(
        stdio.path,
        stdio.requestSerialize,
        stdio.responseDeserialize,
        {},
        metadata,
        callOptions,
      );
      cancelOn(options?.signal, call);
      return call as AsyncIterable<goplugin.StdioData>;
    },
    close() {
      client.close();
    },
  };
}
