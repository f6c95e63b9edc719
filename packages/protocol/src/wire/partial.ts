/** Partial messages: what handlers may return and clients may send. */

/**
 * A message with every field optional, recursively. Missing fields take their
 * protobuf defaults (empty string, 0, false, empty bytes/list/map, unset
 * message). A oneof keeps its `$case` discriminator.
 */
export type DeepPartial<T> = T extends
  | Uint8Array
  | Date
  | number
  | string
  | boolean
  | bigint
  | undefined
  | null
  ? T
  : T extends readonly (infer E)[]
    ? DeepPartial<E>[]
    : T extends { $case: string; value: unknown }
      ? { $case: T["$case"]; value?: DeepPartial<T["value"]> }
      : T extends object
        ? { [K in keyof T]?: DeepPartial<T[K]> }
        : T;
