/**
 * Type-level mapping from cty types to the plain JS types {@link toNative} produces.
 *
 * @module
 */
import type {
  CtyBoolType,
  CtyCapsuleType,
  CtyDynamicType,
  CtyListType,
  CtyMapType,
  CtyNumberType,
  CtyObjectType,
  CtySetType,
  CtyStringType,
  CtyTupleType,
  CtyType,
} from "./types.js";

/**
 * The plain JS type for a cty type: `string`, `number`, `boolean`, arrays for lists and sets,
 * `Record<string, …>` for maps, an object type for objects, a tuple for tuples, `unknown` for
 * `dynamic` and the wrapped type for capsules. Nullness and unknown-ness are not included: the
 * schema layer adds them where a schema allows them.
 */
export type CtyNative<T extends CtyType> = T extends CtyStringType
  ? string
  : T extends CtyNumberType
    ? number
    : T extends CtyBoolType
      ? boolean
      : T extends CtyListType<infer E>
        ? CtyNative<E>[]
        : T extends CtySetType<infer E>
          ? CtyNative<E>[]
          : T extends CtyMapType<infer E>
            ? Record<string, CtyNative<E>>
            : T extends CtyObjectType<infer A>
              ? { -readonly [K in keyof A]: CtyNative<A[K]> }
              : T extends CtyTupleType<infer E>
                ? { -readonly [K in keyof E]: E[K] extends CtyType ? CtyNative<E[K]> : never }
                : T extends CtyCapsuleType<infer C>
                  ? C
                  : T extends CtyDynamicType
                    ? unknown
                    : unknown;
