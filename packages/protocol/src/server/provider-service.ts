/**
 * Turns a {@link ProviderServiceHandlers} object into the gRPC method
 * handlers of `tfplugin6.Provider`: builds the per-call context, tracks the
 * call, completes partial responses and logs failures, so that no handler can
 * crash the process.
 * @internal
 */
import { Diagnostic_Severity, ProviderService } from "../gen/tfplugin6.js";
import type { MethodHandler, ServerCall, ServerWriter } from "../grpc/call.js";
import { GrpcStatus, RpcError, statusOf } from "../grpc/status.js";
import { providerMessageCodecs } from "../wire/methods.js";
import { PreEncoded } from "../wire/pre-encoded.js";
import type { CallTracker, TrackedCall } from "./calls.js";
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

/**
 * Describes an exception that escaped provider code: `Error: boom` for an Error (its name and
 * message), only the type for anything else (its content may hold secrets).
 */
export function describeCrash(error: unknown): string {
  if (error instanceof Error) return `${error.name || "Error"}: ${error.message}`;
  const type = error === null ? "null" : Array.isArray(error) ? "array" : typeof error;
  return `a non-Error value (${type})`;
}

/** What an uncaught exception or unhandled rejection did, for {@link TrackedCall.fail}. */
export interface CrashReport {
  /** `uncaught exception` or `unhandled promise rejection`. */
  readonly kind: string;
  /** What was thrown. */
  readonly error: unknown;
}

/** The summary and detail of the diagnostic a call failed by a crash is answered with. */
export function crashDiagnostic(rpc: string, report: CrashReport): { summary: string; detail: string } {
  return {
    summary: `Unexpected error in provider code during ${rpc}: ${describeCrash(report.error)}`,
    detail:
      `An ${report.kind} escaped the provider's code while this ${rpc} call was running (for example from a timer callback or a promise nobody awaited), ` +
      "so its result is unknown: check the real object before retrying. The provider keeps running; the stack trace is in its log (TF_LOG_PROVIDER=ERROR).",
  };
}

/** The response of `method` that reports a crash, or an RpcError when it has no diagnostics. */
function crashResponse(method: ProviderMethodName, rpc: string, report: CrashReport): unknown {
  const { summary, detail } = crashDiagnostic(rpc, report);
  if (method === "stopProvider") return { Error: summary };
  if (method === "callFunction") return { error: { text: `${summary}. ${detail}` } };
  const probe = providerMessageCodecs[method].response.fromPartial({}) as unknown as Record<string, unknown>;
  if (!("diagnostics" in probe)) throw new RpcError(GrpcStatus.INTERNAL, `${summary}. ${detail}`);
  return { diagnostics: [{ severity: Diagnostic_Severity.ERROR, summary, detail }] };
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

    const rpc = path.slice(path.lastIndexOf("/") + 1);
    // Runs the handler as a tracked call whose signal also fires on client cancellation. The call
    // runs in its own async context, so an exception its code leaks (a throw in a timer) is
    // traced back to it; `tracking.failed` then completes the call, even if `body` never settles.
    const tracked = async <T>(
      call: ServerCall,
      body: (context: CallContext) => Promise<T>,
      onCrash: (report: CrashReport) => T,
    ): Promise<T> => {
      const tracking = env.tracker.begin(rpc);
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
        const crashed = tracking.failed.then((report) => onCrash(report as CrashReport));
        return await Promise.race([env.tracker.runIn(tracking, () => body(context)), crashed]);
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
        tracked(
          call,
          async (context) => {
            const events = handler(request, context) as AsyncIterable<unknown> | Iterable<unknown>;
            for await (const event of events) {
              if (context.signal.aborted) return;
              await call.write(complete(event));
            }
          },
          (report) => {
            const { summary, detail } = crashDiagnostic(rpc, report);
            throw new RpcError(GrpcStatus.INTERNAL, `${summary}. ${detail}`);
          },
        );
    } else {
      implementation[method] = (input: unknown, call: ServerCall) => {
        if (method === "stopProvider") env.onStopProvider();
        return tracked(
          call,
          async (context) => complete(await handler(input, context)),
          (report) => complete(crashResponse(method, rpc, report)),
        );
      };
    }
  }
  return implementation;
}
