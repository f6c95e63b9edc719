/**
 * CallFunction: arguments decoded with the signature's parameter types (a bad argument is a
 * function error carrying its index), an unknown argument to a parameter that does not allow
 * unknowns gives an unknown result without calling the function, and failures are reported as
 * Terraform's function errors.
 *
 * @module
 */
import { type CtyValue, isWhollyKnown, unknownVal } from "@pyvider/cty";
import type { CallFunction_Request, CallFunction_Response } from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import type { Semantics } from "./context.js";
import { decodeDynamic, encodeDynamic, RequestError } from "./dynamic.js";
import { fromPlain, toPlain } from "./values.js";

function failure(text: string, functionArgument?: number): CallFunction_Response {
  return { result: undefined, error: functionArgument === undefined ? { text } : { text, functionArgument } };
}

function textOf(e: unknown): string {
  if (e instanceof RequestError)
    return e.diagnostics.map((d) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary)).join("; ");
  return e instanceof Error ? e.message : String(e);
}

/** CallFunction. */
export function callFunction(s: Semantics) {
  return async (req: CallFunction_Request, context: CallContext): Promise<CallFunction_Response> => {
    try {
      const f = s.provider.function(req.name);
      if (f === undefined)
        return failure(`The provider ${s.provider.name} has no function named "${req.name}".`);
      const sig = f.definition.schema;
      const fixed = sig.parameters.length;
      const args: CtyValue[] = [];
      for (let i = 0; i < req.arguments.length; i++) {
        const param = i < fixed ? sig.parameters[i] : sig.variadicParameter;
        if (param === undefined)
          return failure(`function ${req.name} takes ${fixed} argument(s), got ${req.arguments.length}`);
        try {
          args.push(decodeDynamic(req.arguments[i], param.type, `argument "${param.name}"`));
        } catch (e) {
          return failure(textOf(e), i);
        }
        if (!param.allowUnknown && !isWhollyKnown(args[i]!)) {
          return { result: encodeDynamic(unknownVal(sig.returnType), sig.returnType), error: undefined };
        }
      }
      const called = await f.call(args.map(toPlain), s.callOptions(context));
      if (called.error !== undefined) return failure(called.error.text, called.error.argument);
      const value = fromPlain(called.value, sig.returnType, `function ${req.name}`);
      return { result: encodeDynamic(value, sig.returnType), error: undefined };
    } catch (e) {
      return failure(textOf(e));
    }
  };
}
