/**
 * Runs one user handler safely: with the combined stop/request abort signal, serialised per
 * instance when a lock key is given, inside a telemetry span, and with every exception or
 * rejection turned into an error diagnostic (the stack is logged at debug). Never throws.
 *
 * @module
 */
import type { Diagnostic } from "@pyvider/schema";
import { getTelemetry, type Logger, type TelemetryTracer } from "@pyvider/telemetry";
import { Cause, Effect, Exit } from "effect";
import { abortReasonOf, type StopController } from "../abort.js";
import type { KeyedLock } from "../concurrency.js";
import type { BaseContextParts } from "../context.js";
import { Diagnostics } from "../diagnostics.js";
import type { ServiceContainer } from "../services.js";
import { describeThrown, errorToDiagnostic, isAbortError } from "../to-diagnostic.js";

/** The result of an invocation: the handler's value (undefined if it threw) and the diagnostics. */
export interface Outcome<T> {
  /** True when the handler completed and no error diagnostic was added. */
  readonly ok: boolean;
  /** What the handler produced; undefined when it threw or was cancelled. */
  readonly value: T | undefined;
  /** Errors and warnings, in order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Per-call options the protocol layer passes. */
export interface CallOptions {
  /** The request's own signal (e.g. the gRPC call's cancellation). */
  readonly signal?: AbortSignal;
  /** The lock key of the instance (overrides the key derived from the identity or `id`). */
  readonly instanceKey?: string;
}

/** What is being run, for spans, logs and messages. */
export interface OperationLabel {
  /** `provider`, `resource`, `function`, ... */
  readonly kind: string;
  /** The component's type name. */
  readonly typeName: string;
  /** The handler, e.g. `create`. */
  readonly operation: string;
}

/** Where an invoker gets its collaborators. */
export interface InvokerDeps {
  readonly stop: StopController;
  readonly lock: KeyedLock;
  readonly services: ServiceContainer;
  readonly logger: Logger;
  /** The tracer; default: the current @pyvider/telemetry facade (a no-op unless enabled). */
  readonly tracer?: TelemetryTracer;
  /** The provider data (what `configure` returned so far). */
  providerData(): unknown;
}

/**
 * Runs a user call as an Effect fiber that is interrupted when `signal` aborts: the call then
 * rejects at once with the signal's reason, even if the user's promise never settles (it is
 * abandoned; user code should watch `ctx.signal` to stop its own work).
 */
export async function runInterruptible<T>(call: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw abortReasonOf(signal);
  const program = Effect.tryPromise({ try: async () => call(), catch: (e) => e });
  const exit = await Effect.runPromiseExit(program, { signal });
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause)) throw abortReasonOf(signal);
  throw Cause.squash(exit.cause);
}

/** Runs handlers for one provider. */
export class Invoker {
  /** @param deps collaborators */
  constructor(private readonly deps: InvokerDeps) {}

  /**
   * Runs `body` (which calls the user's handler with a context built from the parts it gets).
   * @param label what runs
   * @param options signal and lock key
   * @param body the call; its exceptions become diagnostics
   * @param lockKey the derived instance key (the option's key wins); undefined = not serialised
   */
  async run<T>(
    label: OperationLabel,
    options: CallOptions | undefined,
    body: (parts: BaseContextParts<unknown>) => Promise<T> | T,
    lockKey?: string,
  ): Promise<Outcome<T>> {
    const diagnostics = new Diagnostics();
    const where = `${label.kind} ${label.typeName} ${label.operation}`;
    const logger = this.deps.logger;
    let signal: AbortSignal;
    try {
      signal = this.deps.stop.signalFor(options?.signal);
    } catch (e) {
      diagnostics.add(errorToDiagnostic(e, where));
      return { ok: false, value: undefined, diagnostics: diagnostics.toArray() };
    }
    const parts: BaseContextParts<unknown> = {
      signal,
      diagnostics,
      provider: this.deps.providerData(),
      services: this.deps.services,
      logger: logger.child({ domain: label.kind, action: label.operation, type_name: label.typeName }),
    };
    const tracer = this.deps.tracer ?? getTelemetry();
    const spanName = `pyvider.${label.kind}.${label.operation}`;
    const exec = () =>
      tracer.withSpan(spanName, { type_name: label.typeName, operation: label.operation }, async (span) => {
        try {
          const value = await runInterruptible(() => body(parts), signal);
          if (diagnostics.hasErrors) span.end("error");
          return value;
        } catch (e) {
          span.recordError(e);
          span.end(isAbortError(e) ? "cancelled" : "error");
          throw e;
        }
      });
    const key = options?.instanceKey ?? lockKey;
    logger.trace(`${where}: start`, { domain: label.kind, action: label.operation, status: "start" });
    try {
      const value = key === undefined ? await exec() : await this.deps.lock.run(key, exec, signal);
      return { ok: !diagnostics.hasErrors, value, diagnostics: diagnostics.toArray() };
    } catch (e) {
      diagnostics.add(errorToDiagnostic(e, where));
      logger.debug(`${where} failed: ${describeThrown(e)}`, {
        domain: label.kind,
        action: label.operation,
        status: isAbortError(e) ? "cancelled" : "failure",
        stack: e instanceof Error ? e.stack : undefined,
      });
      return { ok: false, value: undefined, diagnostics: diagnostics.toArray() };
    }
  }
}

/**
 * Handlers as the runtime calls them: `R` required and `O` optional methods taking a context.
 * (Authors see the typed view; the runtime does not need it.)
 */
export type LooseHandlers<R extends string, O extends string = never> = {
  [K in R]: (ctx: unknown) => unknown;
} & {
  [K in O]?: (ctx: unknown) => unknown;
};
