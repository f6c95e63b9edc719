/**
 * The payload of a known object value: its attribute values in the type's `names` order, read
 * through the `ReadonlyMap` interface.
 *
 * Why not a `Map`: decoding a large state (10,000 objects of 10 attributes) spent most of its
 * time collecting garbage, and a `Map` per object plus a `CtyValue` wrapper per attribute were
 * most of that garbage. Here an object is one small array, and a known, non-null, unmarked
 * string, number or bool attribute is kept as its bare payload (a JS string, a {@link CtyNum},
 * a boolean). Its `CtyValue` is made the first time it is asked for and kept aside, so reading
 * the same attribute twice gives the same value.
 *
 * @module
 */
import { CtyNum } from "./number.js";
import { CtyBool, CtyNumber, type CtyObjectType, CtyString } from "./types.js";
import { CtyValue } from "./value.js";

/** The bool value `true`. */
export const True: CtyValue = new CtyValue(CtyBool, true);
/** The bool value `false`. */
export const False: CtyValue = new CtyValue(CtyBool, false);

/**
 * What one attribute holds: its value, or the bare payload of a known, non-null, unmarked
 * string, number or bool value.
 * @internal
 */
export type AttrSlot = CtyValue | string | boolean | CtyNum;

/** Positions of the names of objects with many attributes (a few are found by a scan). */
const indexes = new WeakMap<readonly string[], ReadonlyMap<string, number>>();
const SCAN_LIMIT = 12;
/**
 * The position of `name` in an object type's `names`, or -1.
 * @internal
 */
export function attributePosition(names: readonly string[], name: string): number {
  if (names.length <= SCAN_LIMIT) return names.indexOf(name);
  let index = indexes.get(names);
  if (index === undefined) {
    index = new Map(names.map((n, i) => [n, i]));
    indexes.set(names, index);
  }
  return index.get(name) ?? -1;
}

/**
 * The slot of a value: its bare payload when it is a known, non-null, unmarked string, number
 * or bool (so it can be rebuilt exactly from the payload alone), else the value itself.
 * @internal
 */
export function toSlot(v: CtyValue): AttrSlot {
  if (v.marks.size > 0) return v;
  const raw = v.raw;
  switch (v.type.kind) {
    case "string":
      return typeof raw === "string" ? raw : v;
    case "bool":
      return typeof raw === "boolean" ? raw : v;
    case "number":
      return raw instanceof CtyNum ? raw : v;
    default:
      return v;
  }
}

/** The value a slot stands for. */
function fromSlot(s: AttrSlot): CtyValue {
  if (s instanceof CtyValue) return s;
  if (typeof s === "string") return new CtyValue(CtyString, s);
  if (typeof s === "boolean") return s ? True : False;
  return new CtyValue(CtyNumber, s);
}

/**
 * The attributes of a known object value, in its type's `names` order (bytewise order of the
 * names). Read it as any `ReadonlyMap<string, CtyValue>`; build object values with `objectVal`.
 *
 * Its two own properties, `names` and `slots`, are its whole content and are never changed, so
 * `util.isDeepStrictEqual` and test matchers compare two of them by content.
 */
export class ObjectAttrs implements ReadonlyMap<string, CtyValue> {
  /**
   * The attribute names (the object type's `names`).
   * @internal
   */
  readonly names: readonly string[];
  /**
   * One slot per name: the attribute's value, or the bare payload of a known, non-null, unmarked
   * string, number or bool value. Every constructor makes the same slots for the same values.
   * @internal
   */
  readonly slots: readonly AttrSlot[];
  /** Values made from bare payloads, by position, so each is made once. */
  #made: CtyValue[] | undefined;

  private constructor(names: readonly string[], slots: readonly AttrSlot[]) {
    this.names = names;
    this.slots = slots;
  }

  /**
   * The attributes of an object of type `type` from its values in `type.names` order (no
   * checks: the caller guarantees one value per name, each conforming to its attribute type).
   * @internal
   */
  static of(type: CtyObjectType, values: readonly CtyValue[]): ObjectAttrs {
    const slots: AttrSlot[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) slots[i] = toSlot(values[i]!);
    return new ObjectAttrs(type.names, slots);
  }

  /**
   * As {@link ObjectAttrs.of}, from a map holding exactly the type's attribute names.
   * @internal
   */
  static fromMap(type: CtyObjectType, attrs: ReadonlyMap<string, CtyValue>): ObjectAttrs {
    return ObjectAttrs.of(
      type,
      type.names.map((n) => attrs.get(n)!),
    );
  }

  /**
   * Takes slots already made as {@link toSlot} makes them (by a decoder), one per name of
   * `type` in order.
   * @internal
   */
  static fromSlots(type: CtyObjectType, slots: readonly AttrSlot[]): ObjectAttrs {
    return new ObjectAttrs(type.names, slots);
  }

  /**
   * True if the attributes are those of `names` (a type's `names`), in that order.
   * @internal
   */
  hasNames(names: readonly string[]): boolean {
    const own = this.names;
    if (own === names) return true;
    if (own.length !== names.length) return false;
    for (let i = 0; i < own.length; i++) if (own[i] !== names[i]) return false;
    return true;
  }

  /**
   * True if `test` holds for some attribute held as a value; the bare payloads (known, non-null,
   * unmarked strings, numbers and bools) are skipped without making values of them.
   * @internal
   */
  someValue(test: (v: CtyValue) => boolean): boolean {
    for (const s of this.slots) if (s instanceof CtyValue && test(s)) return true;
    return false;
  }

  /** The number of attributes. */
  get size(): number {
    return this.slots.length;
  }

  /** The value of the attribute at position `i` in the type's `names` order. */
  at(i: number): CtyValue {
    const made = this.#made;
    if (made !== undefined) {
      const v = made[i];
      if (v !== undefined) return v;
    }
    if (i < 0 || i >= this.slots.length || !Number.isInteger(i))
      throw new RangeError(`no attribute at position ${i} (the object has ${this.size})`);
    return this.#all()[i]!;
  }

  /** Every attribute's value, in name order (made once, then kept). */
  #all(): CtyValue[] {
    const slots = this.slots;
    let made = this.#made;
    if (made === undefined) {
      made = new Array(slots.length);
      this.#made = made;
    }
    for (let i = 0; i < slots.length; i++) if (made[i] === undefined) made[i] = fromSlot(slots[i]!);
    return made;
  }

  /** The value of an attribute, or undefined if the object has no attribute of that name. */
  get(name: string): CtyValue | undefined {
    const i = attributePosition(this.names, name);
    return i < 0 ? undefined : this.at(i);
  }

  /** True if the object has an attribute of that name. */
  has(name: string): boolean {
    return attributePosition(this.names, name) >= 0;
  }

  /** The attribute names, in order. */
  keys(): MapIterator<string> {
    return this.names.values();
  }

  /** The attribute values, in name order. */
  values(): MapIterator<CtyValue> {
    return this.#all().values();
  }

  /** `[name, value]` pairs, in name order. */
  entries(): MapIterator<[string, CtyValue]> {
    const all = this.#all();
    const names = this.names;
    const pairs: [string, CtyValue][] = new Array(all.length);
    for (let i = 0; i < all.length; i++) pairs[i] = [names[i]!, all[i]!];
    return pairs.values();
  }

  /** Calls `fn` with each value and name, in name order. */
  forEach(
    fn: (value: CtyValue, name: string, map: ReadonlyMap<string, CtyValue>) => void,
    thisArg?: unknown,
  ): void {
    const all = this.#all();
    const names = this.names;
    for (let i = 0; i < all.length; i++) fn.call(thisArg, all[i]!, names[i]!, this);
  }

  /** Same as {@link ObjectAttrs.entries}. */
  [Symbol.iterator](): MapIterator<[string, CtyValue]> {
    return this.entries();
  }

  /** `"ObjectAttrs"`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return "ObjectAttrs";
  }

  /** Shows the attributes as a Map in `console.log` and `util.inspect`. */
  [Symbol.for("nodejs.util.inspect.custom")](): Map<string, CtyValue> {
    return new Map(this);
  }
}
