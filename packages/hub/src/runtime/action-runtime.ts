/**
 * Invocation helpers of one action type, for the protocol layer. Never throws.
 *
 * @module
 */
import type { AnyActionDefinition } from "../components/action.js";
import { makeContext } from "../context.js";
import type { CallOptions, InvocationOutcome, Invoker, LooseHandlers, OperationLabel } from "./invoker.js";
import type { PlainObject } from "./resource-runtime.js";

type ActionHandlers = LooseHandlers<"invoke", "validate" | "plan">;

/** The invocation helpers of one action type. */
export class ActionRuntime {
  /**
   * @param definition the action
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyActionDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** The handlers, loosely typed (the definition's own types are the author's). */
  get #handlers(): ActionHandlers {
    return this.definition.handlers as unknown as ActionHandlers;
  }

  #label(operation: string): OperationLabel {
    return { kind: "action", typeName: this.definition.name, operation };
  }

  /** Runs `validate` (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("validate"), options, async (parts) => {
      await h.validate?.(makeContext(parts, { typeName: this.definition.name, config: req.config }));
    });
  }

  /** Runs the plan hook (no-op without one). */
  plan(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("plan"), options, async (parts) => {
      await h.plan?.(makeContext(parts, { typeName: this.definition.name, config: req.config }));
    });
  }

  /**
   * Runs `invoke`, passing each progress message to `onProgress` as it is reported (a failing
   * callback does not stop the action).
   */
  invoke(
    req: { readonly config: PlainObject },
    onProgress: (message: string) => void,
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("invoke"), options, async (parts) => {
      const progress = (message: string) => {
        try {
          onProgress(String(message));
        } catch (e) {
          parts.logger.debug("progress callback failed", { error: e });
        }
      };
      await h.invoke(makeContext(parts, { typeName: this.definition.name, config: req.config, progress }));
    });
  }
}
