/**
 * Turns a {@link ProviderServiceHandlers} object into the gRPC method
 * handlers of `tfplugin6.Provider`: builds the per-call context, tracks the
 * call, completes partial responses and logs failures, so that no handler can
 * crash the process.
 * @internal
 */
import { ProviderService } from "../gen/tfplugin6.js";
import type { MethodHandler, ServerCall, ServerWriter } from "../grpc/call.js";
import { GrpcStatus, RpcError, statusOf } from "../grpc/status.js";
import { providerMessageCodecs } from "../wire/methods.js";
import { PreEncoded } from "../wire/pre-encoded.js";
import type { CallTracker } from "./calls.js";
import type { CallContext, ProviderMethodName, ProviderServiceHandlers } from "./handlers.js";
import type { PluginLogger } from "./logger.js";

/** What the provider service needs from the server around it. */
export interface ProviderServiceEnvironment {
  handlers: Partial<ProviderServiceHandlers>;
  tracker: CallTracker;
  logger: PluginLogger;
  stopSignal: () => AbortSignal;
  /** Called when StopProvider arrives, before the handler runs. */
  onStopProvider: () => void;
}

/** Builds the method handlers of `tfplugin6.Provider`. */
export function providerServiceImplementation(
  env: ProviderServiceEnvironment,
): Record<string, MethodHandler> {
  const implementation: Record<string, MethodHandler> = {};
  for (const [name, definition] of Object.entries(ProviderService)) {
    const method = name as ProviderMethodName;
    const path = definition.path;
    // Handlers may return partial messages; complete them before encoding.
    const complete = (value: unknown) => {
      if (value instanceof PreEncoded) return value;
      try {
        return providerMessageCodecs[method].response.fromPartial(value ?? {});
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RpcError(
          GrpcStatus.INTERNAL,
          `the provider built an invalid ${path.slice(1)} response: ${reason}`,
        );
      }
    };
    const handler = env.handlers[method] as ((input: unknown, context: CallContext) => unknown) | undefined;

    // Runs the handler as a tracked call whose signal also fires on client cancellation.
    const tracked = async <T>(call: ServerCall, body: (context: CallContext) => Promise<T>): Promise<T> => {
      const tracking = env.tracker.begin();
      const onAbort = () => tracking.controller.abort(call.signal.reason);
      call.signal.addEventListener("abort", onAbort);
      const context: CallContext = {
        method: path,
        get metadata() {
          return call.metadata;
        },
        signal: tracking.controller.signal,
        stopSignal: env.stopSignal(),
        peer: call.peer,
      };
      try {
        return await body(context);
      } catch (error) {
        const { code, message } = statusOf(error);
        env.logger("error", `${path} failed: ${message}`, {
          method: path,
          code,
          stack: error instanceof Error ? error.stack : undefined,
        });
        throw error;
      } finally {
        call.signal.removeEventListener("abort", onAbort);
        tracking.end();
      }
    };

    if (!handler) {
      implementation[method] =
        method === "stopProvider"
          ? () => {
              // StopProvider must always answer: a provider without a handler has nothing to stop.
              env.onStopProvider();
              return { Error: "" };
            }
          : () => {
              throw new RpcError(
                GrpcStatus.UNIMPLEMENTED,
                `${path.slice(1)} is not implemented by this provider`,
              );
            };
    } else if (definition.responseStream) {
      implementation[method] = (request: unknown, call: ServerWriter) =>
        tracked(call, async (context) => {
          const events = handler(request, context) as AsyncIterable<unknown> | Iterable<unknown>;
          for await (const event of events) {
            if (context.signal.aborted) return;
            await call.write(complete(event));
          }
        });
    } else {
      implementation[method] = (input: unknown, call: ServerCall) => {
        if (method === "stopProvider") env.onStopProvider();
        return tracked(call, async (context) => complete(await handler(input, context)));
      };
    }
  }
  return implementation;
}
