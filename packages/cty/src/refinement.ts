/**
 * Refinements of unknown values: what is already known about a value that is not known yet
 * (not null, a string prefix, number bounds, collection length bounds), with go-cty's
 * `RefinementBuilder` rules: which types may carry what, how bounds tighten, and when a refined
 * unknown collapses to a known value.
 *
 * @module
 */
import { listVal, mapVal, nullVal, numberVal, setVal, unknownVal } from "./constructors.js";
import { CtyNum } from "./number.js";
import { typeString } from "./types.js";
import { CtyValue, type Mark, noMarks, UnknownRaw } from "./value.js";

/** A bound on an unknown number. */
export interface NumberBound {
  /** The bound itself (never infinite: an infinite bound is no bound). */
  readonly value: CtyNum;
  /** Whether the bound itself is a possible value. */
  readonly inclusive: boolean;
}

/** What is known about an unknown value. Absent fields are unconstrained. */
export interface Refinements {
  /** The value will not be null. */
  readonly notNull?: boolean;
  /** Strings: the value will start with this (NFC) prefix. */
  readonly stringPrefix?: string;
  /** Numbers: lower bound. */
  readonly numberLower?: NumberBound;
  /** Numbers: upper bound. */
  readonly numberUpper?: NumberBound;
  /** Collections (list, set, map): minimum length (0 = unconstrained). */
  readonly lengthLower?: number;
  /** Collections: maximum length. */
  readonly lengthUpper?: number;
}

type Kind = "string" | "number" | "collection" | "nullable" | "dynamic" | "none";
type Tri = true | false | undefined;

const encoder = new TextEncoder();
function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
function sameBytes(a: Uint8Array, b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function kindOf(v: CtyValue): Kind {
  const t = v.type;
  switch (t.kind) {
    case "dynamic":
      return v.isKnown ? (v.isNull ? "nullable" : "none") : "dynamic";
    case "string":
      return "string";
    case "number":
      return "number";
    case "list":
    case "set":
    case "map":
      return "collection";
    default:
      return "nullable";
  }
}

const TERMINATORS = new Set("-_:;/\\,.(){}[]|?!~ \t@#$%^&*+\"'");

/**
 * go-cty's `ctystrings.SafeKnownPrefix`: drops the last grapheme cluster of a prefix (a later
 * character could still combine with it), unless it is a single ASCII punctuation or space
 * character that always ends a cluster. Matches go-cty for ordinary text (checked against Go);
 * for control characters, lone Hangul jamo, Indic conjuncts and multi-rune emoji at the very end,
 * go-cty's grapheme scanner has quirks this does not reproduce, so the trimmed prefix may differ.
 */
export function safeKnownPrefix(prefix: string): string {
  const s = prefix.normalize("NFC");
  if (s.length === 0) return s;
  const segs = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)];
  const last = segs[segs.length - 1]!;
  if ([...last.segment].length === 1 && TERMINATORS.has(last.segment)) return s;
  return s.slice(0, last.index);
}

/** Builds a refined value; obtain one with {@link refine}. Methods throw `TypeError` on invalid refinements. */
export class RefinementBuilder {
  private readonly orig: CtyValue;
  private readonly marks: ReadonlySet<Mark>;
  private readonly kind: Kind;
  private isNull: Tri;
  private prefix = "";
  private lower: NumberBound | undefined;
  private upper: NumberBound | undefined;
  private minLen = 0;
  private maxLen: number | undefined;

  /** @param value the value to refine (usually unknown) */
  constructor(value: CtyValue) {
    this.marks = value.marks;
    this.orig = value.isMarked ? new CtyValue(value.type, value.raw) : value;
    this.kind = kindOf(this.orig);
    if (this.kind === "nullable" && this.orig.type.kind === "dynamic") this.isNull = true;
    const r = this.orig.refinements;
    if (r !== undefined) {
      this.isNull = r.notNull ? false : undefined;
      this.prefix = r.stringPrefix ?? "";
      this.lower = r.numberLower;
      this.upper = r.numberUpper;
      this.minLen = r.lengthLower ?? 0;
      this.maxLen = r.lengthUpper;
    }
  }

  private refinable(what: string, want?: Kind): boolean {
    if (this.kind === "dynamic") return false;
    if (this.kind === "none")
      throw new TypeError(`cannot refine a known value of type ${typeString(this.orig.type)}`);
    if (want !== undefined && this.kind !== want) {
      throw new TypeError(`cannot refine ${what} for a value of type ${typeString(this.orig.type)}`);
    }
    return true;
  }

  /** The value will not be null. */
  notNull(): this {
    if (!this.refinable("nullness")) return this;
    if ((this.orig.isKnown && this.orig.isNull) || this.isNull === true)
      throw new TypeError("refining a null value as non-null");
    this.isNull = false;
    return this;
  }

  /** The value will be null (so the result is a null value). */
  null(): this {
    if (!this.refinable("nullness")) return this;
    if ((this.orig.isKnown && !this.orig.isNull) || this.isNull === false)
      throw new TypeError("refining a non-null value as null");
    this.isNull = true;
    return this;
  }

  /** The number will be at least (or above, when not inclusive) `min`. */
  numberRangeLowerBound(min: CtyNum | number | bigint | string, inclusive: boolean): this {
    if (!this.refinable("number bounds", "number")) return this;
    const m = CtyNum.from(min);
    const known = this.knownNumber();
    if (known !== undefined) {
      const c = m.compare(known);
      if (c > 0 || (c === 0 && !inclusive))
        throw new TypeError(`refining ${known.text()} to be ${inclusive ? ">=" : ">"} ${m.text()}`);
    }
    if (this.lower !== undefined) {
      const c = m.compare(this.lower.value);
      const tighter = inclusive && !this.lower.inclusive ? c > 0 : c >= 0;
      if (!tighter) return this;
    }
    if (!(m.isInf && m.isNegative)) this.lower = { value: m, inclusive };
    this.checkBounds();
    return this;
  }

  /** The number will be at most (or below, when not inclusive) `max`. */
  numberRangeUpperBound(max: CtyNum | number | bigint | string, inclusive: boolean): this {
    if (!this.refinable("number bounds", "number")) return this;
    const m = CtyNum.from(max);
    const known = this.knownNumber();
    if (known !== undefined) {
      const c = m.compare(known);
      if (c < 0 || (c === 0 && !inclusive))
        throw new TypeError(`refining ${known.text()} to be ${inclusive ? "<=" : "<"} ${m.text()}`);
    }
    if (this.upper !== undefined) {
      const c = m.compare(this.upper.value);
      const tighter = inclusive && !this.upper.inclusive ? c < 0 : c <= 0;
      if (!tighter) return this;
    }
    if (!(m.isInf && !m.isNegative)) this.upper = { value: m, inclusive };
    this.checkBounds();
    return this;
  }

  /** Both bounds, inclusive. */
  numberRangeInclusive(min: CtyNum | number | bigint | string, max: CtyNum | number | bigint | string): this {
    return this.numberRangeLowerBound(min, true).numberRangeUpperBound(max, true);
  }

  private knownNumber(): CtyNum | undefined {
    return this.orig.isKnown && !this.orig.isNull ? (this.orig.raw as CtyNum) : undefined;
  }

  private checkBounds(): void {
    if (this.lower === undefined || this.upper === undefined) return;
    const c = this.lower.value.compare(this.upper.value);
    // As go-cty v1.20: equal bounds leave a value only when both are inclusive.
    const ok = this.lower.inclusive && this.upper.inclusive ? c <= 0 : c < 0;
    if (!ok) {
      const lo = `${this.lower.inclusive ? ">=" : ">"}${this.lower.value.text()}`;
      const hi = `${this.upper.inclusive ? "<=" : "<"}${this.upper.value.text()}`;
      throw new TypeError(`numeric bounds ${lo} && ${hi} exclude all values`);
    }
  }

  private knownLength(): number | undefined {
    if (!this.orig.isKnown || this.orig.isNull) return undefined;
    const raw = this.orig.raw;
    return raw instanceof Map ? raw.size : (raw as readonly unknown[]).length;
  }

  /** The collection will have at least `min` elements. */
  collectionLengthLowerBound(min: number): this {
    if (!this.refinable("collection length bounds", "collection")) return this;
    checkLength(min);
    const len = this.knownLength();
    if (len !== undefined && min > len)
      throw new TypeError(`refining a collection of length ${len} with lower bound ${min}`);
    if (this.minLen > min) return this;
    this.minLen = min;
    this.checkLengths();
    return this;
  }

  /** The collection will have at most `max` elements. */
  collectionLengthUpperBound(max: number): this {
    if (!this.refinable("collection length bounds", "collection")) return this;
    checkLength(max);
    const len = this.knownLength();
    if (len !== undefined && max < len)
      throw new TypeError(`refining a collection of length ${len} with upper bound ${max}`);
    if (this.maxLen !== undefined && this.maxLen < max) return this;
    this.maxLen = max;
    this.checkLengths();
    return this;
  }

  /** The collection will have exactly `n` elements. */
  collectionLength(n: number): this {
    return this.collectionLengthLowerBound(n).collectionLengthUpperBound(n);
  }

  private checkLengths(): void {
    if (this.maxLen !== undefined && this.maxLen < this.minLen) {
      throw new TypeError(
        `collection length upper bound ${this.maxLen} is less than lower bound ${this.minLen}`,
      );
    }
  }

  /** The string will start with `prefix`, minus a trailing part that later characters could still change (go-cty `StringPrefix`). */
  stringPrefix(prefix: string): this {
    return this.stringPrefixFull(safeKnownPrefix(prefix));
  }

  /** The string will start with exactly `prefix` (go-cty `StringPrefixFull`; the caller vouches for the last character). */
  stringPrefixFull(prefix: string): this {
    if (!this.refinable("a string prefix", "string")) return this;
    const p = prefix.normalize("NFC");
    const pb = utf8(p);
    if (this.orig.isKnown && !this.orig.isNull) {
      const have = utf8(this.orig.raw as string);
      if (!sameBytes(have, pb, Math.min(have.length, pb.length)))
        throw new TypeError("refined prefix is inconsistent with the known value");
    }
    const old = utf8(this.prefix);
    if (!sameBytes(old, pb, Math.min(old.length, pb.length)))
      throw new TypeError("refined prefix is inconsistent with the previous refined prefix");
    if (pb.length > old.length) this.prefix = p;
    return this;
  }

  /** The refined value (a known value is returned unchanged; some refinements collapse to a known value). */
  newValue(): CtyValue {
    return withMarks(this.build(), this.marks);
  }

  private build(): CtyValue {
    if (this.orig.isKnown || this.kind === "dynamic") return this.orig;
    const t = this.orig.type;
    if (this.isNull === true) return nullVal(t);
    if (this.isNull === false) {
      if (
        this.kind === "number" &&
        this.lower?.inclusive &&
        this.upper?.inclusive &&
        this.lower.value.equals(this.upper.value)
      ) {
        return numberVal(this.lower.value);
      }
      if (
        this.kind === "collection" &&
        this.minLen === this.maxLen &&
        (t.kind === "list" || t.kind === "set" || t.kind === "map")
      ) {
        const n = this.minLen;
        if (n === 0) {
          if (t.kind === "list") return listVal([], t.element);
          if (t.kind === "set") return setVal([], t.element);
          return mapVal([], t.element);
        }
        if (t.kind === "list")
          return listVal(
            Array.from({ length: n }, () => unknownVal(t.element)),
            t.element,
          );
        if (t.kind === "set" && n === 1) return setVal([unknownVal(t.element)], t.element);
      }
    }
    const r: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
    if (this.isNull === false) r.notNull = true;
    if (this.kind === "string" && this.prefix !== "") r.stringPrefix = this.prefix;
    if (this.lower !== undefined) r.numberLower = this.lower;
    if (this.upper !== undefined) r.numberUpper = this.upper;
    if (this.kind === "collection" && this.minLen !== 0) r.lengthLower = this.minLen;
    if (this.kind === "collection" && this.maxLen !== undefined) r.lengthUpper = this.maxLen;
    const raw = Object.keys(r).length === 0 ? UnknownRaw.plain : new UnknownRaw(Object.freeze(r));
    return new CtyValue(t, raw);
  }
}

function checkLength(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new TypeError(`a collection length bound must be a non-negative integer, got ${n}`);
}

function withMarks(v: CtyValue, marks: ReadonlySet<Mark>): CtyValue {
  if (marks.size === 0) return v;
  const all = new Set([...v.marks, ...marks]);
  return new CtyValue(v.type, v.raw, all.size > 0 ? all : noMarks);
}

/** Starts refining a value (go-cty's `Value.Refine()`). */
export function refine(value: CtyValue): RefinementBuilder {
  return new RefinementBuilder(value);
}

/** Applies a whole {@link Refinements} record through the builder (used by `unknownVal`). */
export function applyRefinements(value: CtyValue, r: Refinements): CtyValue {
  const b = refine(value);
  if (r.notNull) b.notNull();
  if (r.stringPrefix !== undefined && r.stringPrefix !== "") b.stringPrefixFull(r.stringPrefix);
  if (r.numberLower !== undefined) b.numberRangeLowerBound(r.numberLower.value, r.numberLower.inclusive);
  if (r.numberUpper !== undefined) b.numberRangeUpperBound(r.numberUpper.value, r.numberUpper.inclusive);
  if (r.lengthLower !== undefined) b.collectionLengthLowerBound(r.lengthLower);
  if (r.lengthUpper !== undefined) b.collectionLengthUpperBound(r.lengthUpper);
  return b.newValue();
}

/** True if the unknown value is known not to be null (known values: not null). */
export function definitelyNotNull(v: CtyValue): boolean {
  if (v.isKnown) return !v.isNull;
  return v.refinements?.notNull === true;
}
