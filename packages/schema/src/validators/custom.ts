/**
 * Custom validators, sync or async.
 *
 * @module
 */
import { formatPath, toNative } from "@pyvider/cty";
import { type Diagnostic, errorDiag } from "../diagnostics.js";
import type { Validator, ValidatorRequest } from "../model.js";

/** What a custom check returns: nothing when valid, an error message, several, or full diagnostics. */
// `void` lets a check written as `() => {}` (no return) type-check.
// biome-ignore lint/suspicious/noConfusingVoidType: see above
export type CustomResult = undefined | void | string | readonly string[] | readonly Diagnostic[];

/** The request a custom check sees: the validator request plus the value as a native JS value. */
export interface CustomRequest extends ValidatorRequest {
  /** The value converted with cty's `toNative` (computed on first access). */
  readonly native: unknown;
}

function normalise(
  r: CustomResult,
  req: ValidatorRequest,
  summary: string,
): readonly Diagnostic[] | undefined {
  if (r === undefined || r === null) return undefined;
  if (typeof r === "string") return [errorDiag(summary, `Attribute ${formatPath(req.path)} ${r}`, req.path)];
  const list = r as readonly (string | Diagnostic)[];
  return list.map((x) =>
    typeof x === "string"
      ? errorDiag(summary, `Attribute ${formatPath(req.path)} ${x}`, req.path)
      : { ...x, path: x.path ?? req.path },
  );
}

/**
 * A validator from a function. Return an error message (or several, or diagnostics) when the value
 * is invalid; may be async.
 *
 * @example
 * ```ts
 * custom("must be even", ({ native }) => (Number(native) % 2 === 0 ? undefined : "must be even"))
 * ```
 */
export function custom(
  description: string,
  check: (req: CustomRequest) => CustomResult | Promise<CustomResult>,
  options: { readonly summary?: string; readonly validateNull?: boolean } = {},
): Validator {
  const summary = options.summary ?? "Invalid Attribute Value";
  return {
    description,
    validateNull: options.validateNull === true,
    validate(req) {
      let cached: { v: unknown } | undefined;
      const full: CustomRequest = {
        ...req,
        get native() {
          cached ??= { v: toNative(req.value) };
          return cached.v;
        },
      };
      const r = check(full);
      if (r instanceof Promise) return r.then((x) => normalise(x, req, summary));
      return normalise(r as CustomResult, req, summary);
    },
  };
}
