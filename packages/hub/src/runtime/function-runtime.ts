/**
 * Invocation helper of one provider function: checks the arguments against the signature, calls
 * the function and reports failures as Terraform's function errors (text plus argument index).
 * Never throws.
 *
 * @module
 */
import { isUnknown } from "@pyvider/cty";
import type { FunctionParameter } from "@pyvider/schema";
import type { AnyFunctionDefinition } from "../components/function.js";
import { makeContext } from "../context.js";
import { FunctionError } from "../errors.js";
import { describeThrown } from "../to-diagnostic.js";
import type { CallOptions, Invoker } from "./invoker.js";

/** A function failure as Terraform reports it. */
export interface FunctionFailure {
  /** The message. */
  readonly text: string;
  /** Zero-based index of the argument at fault, if any. */
  readonly argument?: number;
}

/** The result of a call: the value, or the failure. */
export interface CallResult {
  /** The function's result (undefined on failure). */
  readonly value: unknown;
  /** The failure, if the call failed. */
  readonly error: FunctionFailure | undefined;
}

function failure(text: string, argument?: number): FunctionFailure {
  return argument === undefined ? { text } : { text, argument };
}

/** The invocation helper of one function. */
export class FunctionRuntime {
  /**
   * @param definition the function
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyFunctionDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** Checks the arguments against the signature: count, nulls and unknowns. */
  checkArguments(args: readonly unknown[]): FunctionFailure | undefined {
    const sig = this.definition.schema;
    const fixed = sig.parameters.length;
    if (args.length < fixed || (sig.variadicParameter === undefined && args.length > fixed)) {
      const expected = sig.variadicParameter === undefined ? `${fixed}` : `at least ${fixed}`;
      return failure(`function ${this.definition.name} takes ${expected} argument(s), got ${args.length}`);
    }
    for (let i = 0; i < args.length; i++) {
      const param: FunctionParameter = (i < fixed ? sig.parameters[i] : sig.variadicParameter)!;
      const value = args[i];
      if ((value === null || value === undefined) && !param.allowNull) {
        return failure(`argument "${param.name}" must not be null`, i);
      }
      if (isUnknown(value) && !param.allowUnknown) {
        return failure(`argument "${param.name}" is not known yet`, i);
      }
    }
    return undefined;
  }

  /** Calls the function with native argument values. */
  async call(args: readonly unknown[], options?: CallOptions): Promise<CallResult> {
    const bad = this.checkArguments(args);
    if (bad !== undefined) return { value: undefined, error: bad };
    const h = this.definition.handlers;
    let thrown: unknown;
    let threw = false;
    const outcome = await this.invoker.run(
      { kind: "function", typeName: this.definition.name, operation: "call" },
      options,
      async (parts) => {
        try {
          const ctx = makeContext({ ...parts, provider: undefined }, { functionName: this.definition.name });
          return await h.run(ctx as never, ...(args as never[]));
        } catch (e) {
          threw = true;
          thrown = e;
          throw e;
        }
      },
    );
    if (threw && thrown instanceof FunctionError) {
      return { value: undefined, error: failure(thrown.message, thrown.argument) };
    }
    const firstError = outcome.diagnostics.find((d) => d.severity === "error");
    if (firstError !== undefined) {
      const text =
        firstError.detail === undefined ? firstError.summary : `${firstError.summary}: ${firstError.detail}`;
      return { value: undefined, error: failure(threw ? describeThrown(thrown) || text : text) };
    }
    return { value: outcome.value, error: undefined };
  }
}
