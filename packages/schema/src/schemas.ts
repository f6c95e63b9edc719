/**
 * Schema factories: `s.resource({...}, { version })`, `s.dataSource`, `s.provider`, ... and `s.fn`.
 * Each checks its schema at once and throws a {@link SchemaError} on a definition mistake.
 *
 * @module
 */
import type { CtyType, UnknownMarker } from "@pyvider/cty";
import type { TypeLike, TypeOf } from "./attributes.js";
import { type BodyOptions, bodyOf, fieldProblems } from "./blocks.js";
import { checkFunction, checkSchema, throwIfAny } from "./checks.js";
import type { NativeOf } from "./infer.js";
import type { Fields, FunctionParameter, FunctionSchema, Schema, SchemaKind } from "./model.js";

/** Options for a schema. */
export interface SchemaOptions extends BodyOptions {
  /** The schema version (resources and identities). Default 0. */
  readonly version?: number;
  /** The schema's name, used in error messages (e.g. `"kv_item"`). Not part of the model. */
  readonly name?: string;
}

/** Builds and checks a schema of the given kind. Used by every authoring style. */
export function schema<K extends SchemaKind, const Fs extends Fields>(
  kind: K,
  fields: Fs,
  options: SchemaOptions = {},
): Schema<K, Fs> {
  const problems: string[] = [];
  const body = Object.freeze(bodyOf(fields, options, problems));
  if (problems.length > 0) fieldProblems.set(body, problems);
  const out: Schema<K, Fs> = Object.freeze({ kind, version: options.version ?? 0, block: body });
  throwIfAny(checkSchema(out, options.name ?? kind));
  return out;
}

function typeOfLike(t: TypeLike): CtyType {
  const k = (t as { kind?: string }).kind;
  return k === "attribute" ? (t as { type: CtyType }).type : (t as CtyType);
}

/** A function parameter as written by an author. */
export interface ParameterSpec {
  readonly name: string;
  /** A cty type (or an attribute factory result such as `a.str()`). */
  readonly type: TypeLike;
  readonly allowNull?: boolean;
  readonly allowUnknown?: boolean;
  readonly description?: string;
  readonly markdownDescription?: string;
}

/** A function signature as written by an author. */
export interface FunctionSignatureSpec {
  readonly parameters?: readonly ParameterSpec[];
  readonly variadicParameter?: ParameterSpec;
  /** The return type. */
  readonly returns: TypeLike;
  readonly summary?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  /** A deprecation message. */
  readonly deprecated?: string;
  /** The function's name, used in error messages. Not part of the model. */
  readonly name?: string;
}

function param(p: ParameterSpec): FunctionParameter {
  return Object.freeze({
    name: p.name,
    type: typeOfLike(p.type),
    allowNull: p.allowNull === true,
    allowUnknown: p.allowUnknown === true,
    description: p.description,
    markdownDescription: p.markdownDescription,
  });
}

/** The native type of one argument: null only with `allowNull`, `Unknown` only with `allowUnknown`. */
export type ArgOf<P> = P extends { readonly type: infer T }
  ?
      | Exclude<NativeOf<TypeOf<T>, "state">, null>
      | (P extends { readonly allowNull: true } ? null : never)
      | (P extends { readonly allowUnknown: true } ? UnknownMarker : never)
  : never;

/** The native argument list of a function spec (variadic arguments last). */
export type ArgsOf<S> = S extends { readonly parameters: infer P extends readonly unknown[] }
  ? S extends { readonly variadicParameter: infer V }
    ? [...{ -readonly [I in keyof P]: ArgOf<P[I]> }, ...ArgOf<V>[]]
    : { -readonly [I in keyof P]: ArgOf<P[I]> }
  : S extends { readonly variadicParameter: infer V }
    ? ArgOf<V>[]
    : [];

/** The native result type of a function spec. */
export type ResultOf<S> = S extends { readonly returns: infer R }
  ? Exclude<NativeOf<TypeOf<R>, "state">, null> | null
  : unknown;

/** Builds and checks a provider function signature; its argument and result types follow the spec. */
export function functionSchema<const S extends FunctionSignatureSpec>(
  spec: S,
): FunctionSchema<ArgsOf<S>, ResultOf<S>> {
  const out: FunctionSchema<ArgsOf<S>, ResultOf<S>> = Object.freeze({
    kind: "function",
    parameters: Object.freeze((spec.parameters ?? []).map(param)),
    variadicParameter: spec.variadicParameter ? param(spec.variadicParameter) : undefined,
    returnType: typeOfLike(spec.returns),
    summary: spec.summary,
    description: spec.description,
    markdownDescription: spec.markdownDescription,
    deprecationMessage: spec.deprecated,
  });
  throwIfAny(checkFunction(out, spec.name));
  return out;
}

/**
 * Schema factories.
 *
 * @example
 * ```ts
 * const item = s.resource({ key: a.str({ required: true }), id: a.str({ computed: true }) }, { version: 1 });
 * ```
 */
export const s = Object.freeze({
  /** A resource schema. */
  resource: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("resource", fields, options),
  /** A data source schema. */
  dataSource: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("dataSource", fields, options),
  /** The provider's own configuration schema. */
  provider: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("provider", fields, options),
  /** The provider meta schema (`provider_meta` blocks in modules). */
  providerMeta: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("providerMeta", fields, options),
  /** An ephemeral resource schema. */
  ephemeral: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("ephemeral", fields, options),
  /** A list resource schema (the `config` block of `list` blocks). */
  list: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) => schema("list", fields, options),
  /** An action schema. */
  action: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) => schema("action", fields, options),
  /** A state store schema. */
  stateStore: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("stateStore", fields, options),
  /** A resource identity schema (with version). */
  identity: <const Fs extends Fields>(fields: Fs, options?: SchemaOptions) =>
    schema("identity", fields, options),
  /** A provider function signature. */
  fn: functionSchema,
});

/** pyvider alias of `s.resource`. */
export const s_resource = s.resource;
/** pyvider alias of `s.dataSource`. */
export const s_data_source = s.dataSource;
/** pyvider alias of `s.provider`. */
export const s_provider = s.provider;
