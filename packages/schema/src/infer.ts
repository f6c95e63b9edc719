/**
 * TypeScript types inferred from a schema: what a handler receives as config, plan and state.
 *
 * - `config`: required attributes are `T`, optional ones `T | null`; computed-only attributes are absent.
 * - `plan`: like state, but any value may be {@link UnknownValue} (not known until apply); write-only
 *   attributes are absent.
 * - `state`: required and computed-only attributes are `T`, optional ones `T | null`; write-only absent.
 *
 * Nested attributes and blocks become arrays (list, set), records (map) or objects (single, group).
 *
 * @module
 */
import type {
  CtyBoolType,
  CtyCapsuleType,
  CtyDynamicType,
  CtyListType,
  CtyMapType,
  CtyNative,
  CtyNumberType,
  CtyObjectType,
  CtySetType,
  CtyStringType,
  CtyTupleType,
  CtyType,
  UnknownMarker,
} from "@pyvider/cty";
import type { AnyAttribute, Attribute, Block, Fields, FlagSet, NestedAttribute, Schema } from "./model.js";

/** Which view of a resource a type describes. */
export type InferMode = "config" | "plan" | "state";

/** The type of cty's `Unknown` marker, which stands for a value not known until apply. */
export type UnknownValue = UnknownMarker;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type PlanWrap<V, M extends InferMode> = M extends "plan" ? V | UnknownValue : V;

/**
 * The native JS type of a value of cty type `T` in mode `M` (plan mode admits unknowns at every
 * level). Object members and tuple elements may be null; list, set and map elements are typed
 * non-null (Terraform configurations rarely produce null elements; check at runtime if you accept them).
 */
export type NativeOf<T extends CtyType, M extends InferMode = "state"> = PlanWrap<NativeInner<T, M>, M>;

type NativeInner<T extends CtyType, M extends InferMode> = T extends CtyStringType
  ? CtyNative<T>
  : T extends CtyNumberType
    ? CtyNative<T>
    : T extends CtyBoolType
      ? CtyNative<T>
      : T extends CtyDynamicType
        ? unknown
        : T extends CtyListType<infer E>
          ? NativeOf<E, M>[] | null
          : T extends CtySetType<infer E>
            ? NativeOf<E, M>[] | null
            : T extends CtyMapType<infer E>
              ? { [key: string]: NativeOf<E, M> } | null
              : T extends CtyObjectType<infer A>
                ? { -readonly [K in keyof A]: A[K] extends CtyType ? NativeOf<A[K], M> | null : never } | null
                : T extends CtyTupleType<infer E>
                  ?
                      | { -readonly [I in keyof E]: E[I] extends CtyType ? NativeOf<E[I], M> | null : never }
                      | null
                  : T extends CtyCapsuleType<infer C>
                    ? C
                    : unknown;

// A leaf value: NativeInner without the trailing `| null` that collection members carry.
type Leaf<T extends CtyType, M extends InferMode> = PlanWrap<Exclude<NativeInner<T, M>, null>, M>;

/** Whether an attribute with flags `F` is present in mode `M`. */
type Present<F extends FlagSet, M extends InferMode> = M extends "config"
  ? F["required"] extends true
    ? true
    : F["optional"] extends true
      ? true
      : false
  : F["writeOnly"] extends true
    ? false
    : true;

/** Whether an attribute with flags `F` may be null in mode `M`. */
type Nullable<F extends FlagSet, M extends InferMode> = F["required"] extends true
  ? false
  : M extends "config"
    ? true
    : F["hasDefault"] extends true
      ? false
      : F["optional"] extends true
        ? true
        : false;

type AttrValue<A, M extends InferMode> =
  A extends Attribute<infer T, infer F>
    ? Nullable<F, M> extends true
      ? Leaf<T, M> | null
      : Leaf<T, M>
    : A extends NestedAttribute<infer N, infer Fs, infer F>
      ? Nullable<F, M> extends true
        ? NestedValue<N, Fs, M> | null
        : NestedValue<N, Fs, M>
      : never;

type NestedValue<N, Fs extends Fields, M extends InferMode> = PlanWrap<
  N extends "single"
    ? FieldsValue<Fs, M>
    : N extends "map"
      ? Record<string, PlanWrap<FieldsValue<Fs, M>, M>>
      : PlanWrap<FieldsValue<Fs, M>, M>[],
  M
>;

type BlockValue<B, M extends InferMode> =
  B extends Block<infer N, infer Fs>
    ? PlanWrap<
        N extends "single"
          ? FieldsValue<Fs, M> | null
          : N extends "group"
            ? FieldsValue<Fs, M>
            : PlanWrap<FieldsValue<Fs, M>, M>[],
        M
      >
    : never;

type FieldPresent<X, M extends InferMode> = X extends Block
  ? true
  : X extends Attribute<CtyType, infer F>
    ? Present<F, M>
    : X extends NestedAttribute<infer _N, infer _Fs, infer F>
      ? Present<F, M>
      : false;

type FieldValue<X, M extends InferMode> = X extends Block ? BlockValue<X, M> : AttrValue<X, M>;

/** The object type of a record of field definitions in mode `M`. */
export type FieldsValue<Fs extends Fields, M extends InferMode> = Simplify<{
  -readonly [K in keyof Fs as FieldPresent<Fs[K], M> extends true ? K : never]: FieldValue<Fs[K], M>;
}>;

/** Extracts the field definitions from a schema, block or nested attribute. */
export type FieldsOf<S> =
  S extends Schema<infer _K, infer Fs>
    ? Fs
    : S extends Block<infer _N, infer Fs>
      ? Fs
      : S extends NestedAttribute<infer _N, infer Fs, infer _F>
        ? Fs
        : S extends { readonly schema: infer X }
          ? FieldsOf<X>
          : never;

/** The value type of a schema (or block) in the given mode. */
export type Infer<S, M extends InferMode = "state"> = FieldsValue<FieldsOf<S>, M>;
/** The configuration a handler receives. */
export type InferConfig<S> = Infer<S, "config">;
/** The planned state: like {@link InferState} but values may be {@link UnknownValue}. */
export type InferPlan<S> = Infer<S, "plan">;
/** The state a handler reads and returns. */
export type InferState<S> = Infer<S, "state">;

/** The native type of one attribute definition in the given mode (useful for decorated fields). */
export type InferAttribute<A extends AnyAttribute, M extends InferMode = "state"> = AttrValue<A, M>;

/** The native argument list of a provider function schema (`s.fn(...)`). */
export type InferFunctionArgs<F> = F extends { readonly __args?: infer A } ? Exclude<A, undefined> : never;
/** The native result type of a provider function schema. */
export type InferFunctionResult<F> = F extends { readonly __result?: infer R } ? R : never;
