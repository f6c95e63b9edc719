/**
 * Plain values in and out of the harness: a test writes a configuration as a plain object
 * (attributes it leaves out are null); the harness converts it to a cty value of the schema's
 * type, and converts results back to plain values the way the protocol layer would.
 *
 * @module
 */
import {
  type CtyType,
  type CtyValue,
  fromNative,
  NativeConversionError,
  toNative,
  withoutOptionalAttrs,
} from "@pyvider/cty";
import { type Diagnostic, errorDiag, type Schema, schemaImpliedType } from "@pyvider/schema";

/**
 * A configuration as a test writes it: attributes that may be null may be left out.
 * (`InferConfig<S>` with its nullable attributes optional, at the top level.)
 */
export type ConfigInput<C> = C extends object
  ? { [K in keyof C as null extends C[K] ? never : K]: C[K] } & {
      [K in keyof C as null extends C[K] ? K : never]?: C[K];
    }
  : C;

/** Adds every attribute an object leaves out as null, recursively, so `fromNative` accepts it. */
export function fillMissing(js: unknown, type: CtyType): unknown {
  if (js === null || js === undefined || typeof js !== "object") return js;
  switch (type.kind) {
    case "object": {
      if (Array.isArray(js) || js instanceof Map || js instanceof Set) return js;
      const src = js as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(src))
        out[k] = k in type.attributes ? fillMissing(v, type.attributes[k]!) : v;
      for (const n of type.names) if (!(n in out)) out[n] = null;
      return out;
    }
    case "list":
    case "set":
      return Array.isArray(js) ? js.map((e) => fillMissing(e, type.element)) : js;
    case "map":
      return Array.isArray(js)
        ? js
        : Object.fromEntries(Object.entries(js as object).map(([k, v]) => [k, fillMissing(v, type.element)]));
    case "tuple":
      return Array.isArray(js)
        ? js.map((e, i) => (type.elements[i] ? fillMissing(e, type.elements[i]!) : e))
        : js;
    default:
      return js;
  }
}

/** The object type of a schema, without optional-attribute markers. */
export function schemaType(schema: Schema): CtyType {
  return withoutOptionalAttrs(schemaImpliedType(schema));
}

/** The result of converting a plain value. */
export type Converted =
  | { readonly ok: true; readonly value: CtyValue }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/**
 * Converts a plain object to a cty value of the schema's type; a value that does not fit becomes
 * an error diagnostic naming `what` and the attribute path.
 */
export function toCty(js: unknown, schema: Schema, what: string): Converted {
  const type = schemaType(schema);
  try {
    return { ok: true, value: fromNative(fillMissing(js, type), type) };
  } catch (e) {
    if (e instanceof NativeConversionError) {
      return {
        ok: false,
        diagnostic: errorDiag(`Invalid ${what}`, `The ${what} does not fit the schema: ${e.message}`, e.path),
      };
    }
    return {
      ok: false,
      diagnostic: errorDiag(`Invalid ${what}`, `The ${what} does not fit the schema: ${String(e)}`),
    };
  }
}

/** Converts a cty value to the plain value handlers see (numbers as JS numbers, unknowns as `Unknown`). */
export function toPlain<T = Record<string, unknown>>(value: CtyValue): T {
  return toNative(value) as T;
}
