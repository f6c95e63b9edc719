/**
 * Runs one user handler safely: with the combined stop/request abort signal, serialised per
 * instance when a lock key is given, inside a telemetry span, and with every exception or
 * rejection turned into an error diagnostic (the stack is logged at debug). Never throws.
 *
 * When the signal fires (StopProvider, or the request is cancelled) the handler is not
 * abandoned: it is awaited for the stop grace period, and its own result (a new state, or the
 * error it threw) is the answer. Only a handler still running when the grace period ends is
 * answered with a {@link StopGracePeriodError}; the instance lock stays held until it settles.
 *
 * @module
 */
import type { Diagnostic } from "@pyvider/schema";
import { getTelemetry, type Logger, type TelemetryTracer } from "@pyvider/telemetry";
import {
  abortReasonOf,
  DEFAULT_STOP_GRACE_PERIOD_MS,
  type StopController,
  StopGracePeriodError,
  settleWithinGrace,
} from "../abort.js";
import type { KeyedLock } from "../concurrency.js";
import type { BaseContextParts } from "../context.js";
import { type DeferralReason, deferralRefused, isDeferral } from "../deferral.js";
import { Diagnostics } from "../diagnostics.js";
import type { ServiceContainer } from "../services.js";
import { describeThrown, errorToDiagnostic, isAbortError } from "../to-diagnostic.js";

/** The result of an invocation: the handler's value (undefined if it threw) and the diagnostics. */
export interface InvocationOutcome<T> {
  /** True when the handler completed and no error diagnostic was added. */
  readonly ok: boolean;
  /** What the handler produced; undefined when it threw or was cancelled. */
  readonly value: T | undefined;
  /** Errors and warnings, in order. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Set when the handler deferred (`ctx.defer(reason)`) and the deferral is honoured: the
   * operation may defer and the client allows it. `value` is then undefined.
   */
  readonly deferred?: DeferralReason;
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
  /**
   * Set for operations that may defer: whether the client allows deferral. Without it, a
   * deferral the handler raises is an error.
   */
  readonly deferral?: { readonly allowed: boolean };
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
  /** How long a handler may go on after its signal fired (ms); default {@link DEFAULT_STOP_GRACE_PERIOD_MS}. */
  readonly stopGracePeriodMs?: number;
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
  ): Promise<InvocationOutcome<T>> {
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
          // Stopped before it started (e.g. while queued behind another operation): nothing is done.
          if (signal.aborted) throw abortReasonOf(signal);
          const value = await body(parts);
          if (diagnostics.hasErrors) span.end("error");
          return value;
        } catch (e) {
          if (isDeferral(e) && label.deferral?.allowed === true) {
            span.end("deferred");
            throw e;
          }
          span.recordError(e);
          span.end(isAbortError(e) ? "cancelled" : "error");
          throw e;
        }
      });
    const key = options?.instanceKey ?? lockKey;
    const grace = this.deps.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS;
    logger.trace(`${where}: start`, { domain: label.kind, action: label.operation, status: "start" });
    // The lock is held until the handler itself settles, even when the caller is answered earlier.
    const work = key === undefined ? exec() : this.deps.lock.run(key, exec, signal);
    let late = false;
    try {
      const value = await settleWithinGrace(work, signal, grace, () => {
        late = true;
        return new StopGracePeriodError(where, grace);
      });
      return { ok: !diagnostics.hasErrors, value, diagnostics: diagnostics.toArray() };
    } catch (e) {
      if (late) this.#watchLate(where, label, work, grace);
      if (isDeferral(e)) {
        const allowed = label.deferral?.allowed;
        if (allowed === true) {
          logger.debug(`${where}: deferred (${e.reason})`, {
            domain: label.kind,
            action: label.operation,
            status: "deferred",
          });
          return {
            ok: !diagnostics.hasErrors,
            value: undefined,
            diagnostics: diagnostics.toArray(),
            deferred: e.reason,
          };
        }
        diagnostics.add(deferralRefused(where, e.reason, allowed));
        return { ok: false, value: undefined, diagnostics: diagnostics.toArray() };
      }
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

  /** Logs, at warn, that a handler outlived the grace period, and how it ended when it does. */
  #watchLate(where: string, label: OperationLabel, work: Promise<unknown>, grace: number): void {
    const logger = this.deps.logger;
    const fields = { domain: label.kind, action: label.operation, status: "cancelled" };
    logger.warn(
      `${where} ignored the stop signal for ${grace} ms; it was answered with a cancellation error and its result, if any, is lost`,
      fields,
    );
    work.then(
      () => logger.warn(`${where} finished after its grace period: its result was lost`, fields),
      (e: unknown) =>
        logger.warn(`${where} failed after its grace period: ${describeThrown(e)}`, {
          ...fields,
          stack: e instanceof Error ? e.stack : undefined,
        }),
    );
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
