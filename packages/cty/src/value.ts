/**
 * cty values. A {@link CtyValue} is immutable and always carries its type.
 *
 * Internal representation (`raw`), by state and type — every module in this package relies on it:
 * - null: `raw === null` (any type, including dynamic).
 * - unknown: `raw` is an {@link UnknownRaw} (refinements included); a wholly unknown value of
 *   any type, including `CtyDynamic`, uses this form.
 * - string: a JS string, NFC-normalised (as go-cty's `StringVal`).
 * - number: a {@link CtyNum}.
 * - bool: a JS boolean.
 * - list and tuple: `readonly CtyValue[]`.
 * - set: `readonly CtyValue[]` in go-cty's canonical order, de-duplicated (built by `setVal`).
 * - map: `ReadonlyMap<string, CtyValue>` whose iteration order is bytewise key order.
 * - object: an {@link ObjectAttrs} (a `ReadonlyMap<string, CtyValue>`) with exactly the type's
 *   attributes, in `type.names` order; code in this package reads any such `ReadonlyMap`.
 * - capsule: the wrapped JS value.
 * Known values never have type `CtyDynamic`: a known value in a dynamic slot carries its concrete type.
 * Marks (e.g. `"sensitive"`) live in `marks` and apply to this value only; nested values carry their own.
 *
 * @module
 */
import type { CtyNum } from "./number.js";
import type { ObjectAttrs } from "./object-attrs.js";
import type { Refinements } from "./refinement.js";
import type { CtyType } from "./types.js";

/** A mark attached to a value; `"sensitive"` is the one Terraform uses. */
export type Mark = string | symbol;

/** The mark Terraform uses for sensitive values. */
export const Sensitive: Mark = "sensitive";

/** The internal payload of an unknown value. */
export class UnknownRaw {
  /** @param refinements what is known about the eventual value, or undefined for none */
  constructor(readonly refinements: Refinements | undefined) {}
  /** The shared unrefined unknown payload. */
  static readonly plain = new UnknownRaw(undefined);
}

const NO_MARKS: ReadonlySet<Mark> = Object.freeze(new Set<Mark>()) as ReadonlySet<Mark>;

/** An immutable cty value with its type. Build values with the constructors in this package. */
export class CtyValue {
  /** @internal use the constructor functions instead */
  constructor(
    /** The value's type. */
    readonly type: CtyType,
    /** The internal payload; see the module documentation. */
    readonly raw: unknown,
    /** Marks on this value itself. */
    readonly marks: ReadonlySet<Mark> = NO_MARKS,
  ) {}

  /** True if the value is null (of any type). */
  get isNull(): boolean {
    return this.raw === null;
  }
  /** True unless the value is unknown. A known value may still contain unknowns (see `isWhollyKnown`). */
  get isKnown(): boolean {
    return !(this.raw instanceof UnknownRaw);
  }
  /** True if the value carries any mark itself. */
  get isMarked(): boolean {
    return this.marks.size > 0;
  }
  /** True if the value carries the given mark. */
  hasMark(mark: Mark): boolean {
    return this.marks.has(mark);
  }
  /** The refinements of an unknown value (undefined when known or unrefined). */
  get refinements(): Refinements | undefined {
    return this.raw instanceof UnknownRaw ? this.raw.refinements : undefined;
  }
}

/** The empty mark set. */
export const noMarks = NO_MARKS;
