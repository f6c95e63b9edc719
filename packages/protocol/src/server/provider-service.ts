/**
 * Turns a {@link ProviderServiceHandlers} object into a grpc-js service
 * implementation: builds the per-call context, tracks the call, and maps
 * thrown errors to gRPC statuses so that no handler can crash the process.
 * @internal
 */
import { once } from "node:events";
import {
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { ProviderService } from "../gen/tfplugin6.js";
import { providerMessageCodecs } from "../wire/methods.js";
import { PreEncoded } from "../wire/pre-encoded.js";
import type { CallTracker } from "./calls.js";
import { metadataRecord } from "./calls.js";
import { RpcError, toServiceError } from "./errors.js";
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

type AnyCall =
  | ServerUnaryCall<unknown, unknown>
  | ServerWritableStream<unknown, unknown>
  | ServerReadableStream<unknown, unknown>;

function contextFor(call: AnyCall, path: string, signal: AbortSignal, stopSignal: AbortSignal): CallContext {
  let metadata: Record<string, string[]> | undefined;
  let peer: string | undefined;
  return {
    method: path,
    get metadata() {
      metadata ??= metadataRecord(call.metadata);
      return metadata;
    },
    signal,
    stopSignal,
    get peer() {
      peer ??= call.getPeer();
      return peer;
    },
  };
}

async function writeAll(
  call: ServerWritableStream<unknown, unknown>,
  events: AsyncIterable<unknown> | Iterable<unknown>,
  complete: (event: unknown) => unknown,
  signal: AbortSignal,
) {
  for await (const event of events) {
    if (signal.aborted) return;
    if (!call.write(complete(event))) {
      await Promise.race([once(call, "drain"), once(signal, "abort")]);
    }
  }
}

/** Builds the grpc-js implementation of `tfplugin6.Provider`. */
export function providerServiceImplementation(env: ProviderServiceEnvironment): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
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
          status.INTERNAL,
          `the provider built an invalid ${path.slice(1)} response: ${reason}`,
        );
      }
    };
    const unimplemented = {
      code: status.UNIMPLEMENTED,
      details: `${path.slice(1)} is not implemented by this provider`,
    };

    const start = (call: AnyCall) => {
      const tracked = env.tracker.begin();
      (call as ServerUnaryCall<unknown, unknown>).on("cancelled", () =>
        tracked.controller.abort(new Error(`${path} cancelled by the client`)),
      );
      const context = contextFor(call, path, tracked.controller.signal, env.stopSignal());
      return { tracked, context };
    };
    const fail = (error: unknown) => {
      const serviceError = toServiceError(error);
      env.logger("error", `${path} failed: ${serviceError.details}`, {
        method: path,
        code: serviceError.code,
        stack: error instanceof Error ? error.stack : undefined,
      });
      return serviceError;
    };

    if (definition.requestStream) {
      implementation[method] = (
        call: ServerReadableStream<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ) => {
        const handler = env.handlers[method] as
          | ((requests: AsyncIterable<unknown>, context: CallContext) => unknown)
          | undefined;
        if (!handler) {
          callback(unimplemented);
          return;
        }
        const { tracked, context } = start(call);
        Promise.resolve()
          .then(() => handler(call, context))
          .then(complete)
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(fail(error)),
          )
          .finally(tracked.end);
      };
    } else if (definition.responseStream) {
      implementation[method] = (call: ServerWritableStream<unknown, unknown>) => {
        const handler = env.handlers[method] as
          | ((request: unknown, context: CallContext) => AsyncIterable<unknown> | Iterable<unknown>)
          | undefined;
        if (!handler) {
          call.emit("error", unimplemented);
          return;
        }
        const { tracked, context } = start(call);
        Promise.resolve()
          .then(() => writeAll(call, handler(call.request, context), complete, tracked.controller.signal))
          .then(
            () => call.end(),
            (error: unknown) => call.emit("error", fail(error)),
          )
          .finally(tracked.end);
      };
    } else {
      implementation[method] = (
        call: ServerUnaryCall<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ) => {
        if (method === "stopProvider") env.onStopProvider();
        const handler = env.handlers[method] as
          | ((request: unknown, context: CallContext) => unknown)
          | undefined;
        if (!handler) {
          // StopProvider must always answer: a provider without a handler has nothing to stop.
          if (method === "stopProvider") callback(null, { Error: "" });
          else callback(unimplemented);
          return;
        }
        const { tracked, context } = start(call);
        Promise.resolve()
          .then(() => handler(call.request, context))
          .then(complete)
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(fail(error)),
          )
          .finally(tracked.end);
      };
    }
  }
  return implementation;
}
