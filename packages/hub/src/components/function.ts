/**
 * Provider functions (`provider::kv::name(...)`): typed parameters and return value, and errors
 * that name the failing argument.
 *
 * @module
 */
import type { CtyType } from "@pyvider/cty";
import { type FunctionSchema, type NativeOf, s, type TypeLike, type UnknownValue } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type { Awaitable, HandlerContext } from "../context.js";

/** A parameter type: a cty type, or an attribute made by the `a.*` factories (its type is used). */
export type ParameterType = TypeLike;

/** A function parameter as written by the author. */
export interface ParameterDef {
  /** The parameter's name (shown in docs and errors). */
  readonly name: string;
  /** Its type. */
  readonly type: ParameterType;
  /** Whether null may be passed (otherwise Terraform rejects it). */
  readonly allowNull?: boolean;
  /** Whether an unknown value may be passed (otherwise the result is unknown without a call). */
  readonly allowUnknown?: boolean;
  /** Documentation. */
  readonly description?: string;
  /** Documentation in Markdown. */
  readonly markdownDescription?: string;
}

/** The cty type of a {@link ParameterType}. */
export type CtyTypeOf<T> = T extends { readonly kind: "attribute"; readonly type: infer C extends CtyType }
  ? C
  : T extends CtyType
    ? T
    : CtyType;

/** The JS value a parameter receives. */
export type ParamValue<P extends ParameterDef> =
  | (CtyType extends CtyTypeOf<P["type"]> ? unknown : Exclude<NativeOf<CtyTypeOf<P["type"]>>, null>)
  | (P["allowNull"] extends true ? null : never)
  | (P["allowUnknown"] extends true ? UnknownValue : never);

/** The argument tuple of a parameter list plus an optional variadic parameter. */
export type FunctionArgs<
  Ps extends readonly ParameterDef[],
  V extends ParameterDef | undefined,
> = number extends Ps["length"] ? unknown[] : [...PositionalArgs<Ps>, ...VariadicArgs<V>];

/** The values of a variadic parameter (none without one). */
export type VariadicArgs<V> = V extends ParameterDef ? ParamValue<V>[] : [];

/** The values of positional parameters, as a tuple. */
export type PositionalArgs<Ps extends readonly ParameterDef[]> = Ps extends readonly [
  infer H extends ParameterDef,
  ...infer T extends readonly ParameterDef[],
]
  ? [ParamValue<H>, ...PositionalArgs<T>]
  : [];

/** The JS value a function returns for a return type. */
export type ReturnValue<R extends ParameterType> =
  CtyType extends CtyTypeOf<R> ? unknown : NativeOf<CtyTypeOf<R>>;

/** Context of a function call. Functions do not see the provider's configuration (Terraform calls them unconfigured). */
export interface FunctionContext extends Omit<HandlerContext<undefined>, "provider"> {
  /** The function's name. */
  readonly functionName: string;
}

/** A function as written by the author. */
export interface FunctionSpec<
  Ps extends readonly ParameterDef[],
  V extends ParameterDef | undefined,
  R extends ParameterType,
  RV = ReturnValue<R>,
> extends ComponentSpecBase {
  /** The positional parameters. */
  readonly parameters: Ps;
  /** The variadic parameter, if any (its values follow the positional ones). */
  readonly variadicParameter?: V;
  /** The return type. */
  readonly returns: R;
  /** One-line summary. */
  readonly summary?: string;
  /** Documentation. */
  readonly description?: string;
  /** Documentation in Markdown. */
  readonly markdownDescription?: string;
  /** Deprecation message. */
  readonly deprecated?: string;
  /**
   * Computes the result. Throw a `FunctionError` with `{ argument: i }` to blame argument `i`.
   */
  run(ctx: FunctionContext, ...args: FunctionArgs<Ps, V>): Awaitable<NoInfer<RV>>;
}

/** A function definition. */
export interface FunctionDefinition<
  Ps extends readonly ParameterDef[] = readonly ParameterDef[],
  V extends ParameterDef | undefined = ParameterDef | undefined,
  R extends ParameterType = ParameterType,
> extends ComponentDefinitionBase<"function", FunctionSpec<Ps, V, R>> {
  /** The signature, as Terraform sees it. */
  readonly schema: FunctionSchema;
}

/**
 * Defines a provider function. Argument and result types follow the parameter types.
 *
 * @example
 * ```ts
 * export const upper = defineFunction({
 *   name: "upper",
 *   parameters: [{ name: "text", type: CtyString }],
 *   returns: CtyString,
 *   run: (_ctx, text) => text.toUpperCase(),
 * });
 * ```
 */
export function defineFunction<
  const Ps extends readonly ParameterDef[],
  const R extends ParameterType,
  const V extends ParameterDef | undefined = undefined,
  RV = ReturnValue<R>,
>(spec: FunctionSpec<Ps, V, R, RV>): FunctionDefinition<Ps, V, R> {
  const fnSpec: Record<string, unknown> = {
    name: spec.name,
    parameters: spec.parameters,
    returns: spec.returns,
    ...(spec.variadicParameter === undefined ? {} : { variadicParameter: spec.variadicParameter }),
    ...(spec.summary === undefined ? {} : { summary: spec.summary }),
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.markdownDescription === undefined ? {} : { markdownDescription: spec.markdownDescription }),
    ...(spec.deprecated === undefined ? {} : { deprecated: spec.deprecated }),
  };
  // Cast: checking the author's parameter list against the schema package's ParameterSpec type is
  // costly for the compiler and adds nothing (s.fn checks it at run time).
  const schema = (s.fn as unknown as (spec: Record<string, unknown>) => FunctionSchema)(fnSpec);
  return brand("function", spec as unknown as FunctionSpec<Ps, V, R>, { schema });
}

/** Any function definition, whatever its schema and provider data types. */
export type AnyFunctionDefinition = ComponentDefinitionBase<"function", any> & {
  readonly schema: FunctionSchema;
};
