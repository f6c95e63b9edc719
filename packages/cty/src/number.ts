/**
 * Exact cty numbers: an emulation of Go's `*big.Float` as go-cty uses it.
 *
 * A {@link CtyNum} is `±mant × 2^exp` with a binary precision (the number of mantissa bits the
 * value was rounded to), or ±Infinity. NaN never exists. The precision matters because go-cty
 * prints numbers with `Text('f', -1)`, the shortest decimal that identifies the value *at its
 * precision*: `0.1` parsed (512 bits) and `0.1` as a float64 (53 bits) are different binary
 * numbers that both print as `0.1` and are equal under cty's rules.
 *
 * @module
 */

import { add, mul, quo, sub } from "./number-arith.js";
import { type Decimal, decimalOf, fmtF, fmtG, roundDecimal, shortestDecimalOf } from "./number-format.js";
import { parseDecimal } from "./number-parse.js";

/** Go's `big.MaxExp` / `big.MinExp` (the exponent of the form `0.mant × 2^exp`). */
const MAX_EXP = 2147483647;
const MIN_EXP = -2147483648;
/** Above this many bits of magnitude, decimal formatting is refused rather than taking minutes. */
const MAX_FORMAT_BITS = 1 << 24;

/**
 * Shortest decimals already computed (set equality and ordering ask repeatedly). Kept outside the
 * objects: a field would grow every number, and decoded payloads hold tens of thousands of them.
 */
const shortestMemo = new WeakMap<CtyNum, Decimal>();

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Number of significant bits of a positive bigint. */
export function bitLength(m: bigint): number {
  if (m === 0n) return 0;
  const f = Number(m); // rounded to nearest: may round up to the next power of two
  if (f < 2 ** 1023) {
    f64[0] = f;
    const bits = ((f64Words[HIGH_WORD]! >>> 20) & 0x7ff) - 1022; // f in [2^(bits-1), 2^bits)
    return bits > 53 && m >> BigInt(bits - 1) === 0n ? bits - 1 : bits;
  }
  const hex = m.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0]!, 16)));
}

function trailingZeros(m: bigint): number {
  if (m === 0n) return 0;
  let n = 0;
  while ((m & 0xffffffffn) === 0n) {
    m >>= 32n;
    n += 32;
  }
  let low = Number(m & 0xffffffffn);
  while ((low & 1) === 0) {
    low >>>= 1;
    n++;
  }
  return n;
}

/** An exact cty number (Go `big.Float` semantics). Immutable. */
export class CtyNum {
  private constructor(
    /** True for negative values, including negative zero and -Infinity. */
    readonly negative: boolean,
    /** The magnitude's mantissa: 0n for zero, otherwise odd (trailing zero bits folded into `exponent`). */
    readonly mantissa: bigint,
    /** Binary exponent: the magnitude is `mantissa × 2^exponent` (0 for zero and infinities). */
    readonly exponent: number,
    /** Mantissa precision in bits, as Go's `Float.Prec()` (0 only for infinities). */
    readonly precision: number,
    /** True for ±Infinity. */
    readonly infinite: boolean,
  ) {}

  /** @internal builds from parts, normalising the mantissa; no rounding. */
  static fromParts(negative: boolean, mantissa: bigint, exponent: number, precision: number): CtyNum {
    if (mantissa === 0n) return new CtyNum(negative, 0n, 0, precision, false);
    const tz = trailingZeros(mantissa);
    return new CtyNum(negative, mantissa >> BigInt(tz), exponent + tz, precision, false);
  }

  /** ±Infinity. Go's big.Float keeps the precision of infinities as 0 when made by SetInf. */
  static infinity(negative: boolean, precision = 0): CtyNum {
    return new CtyNum(negative, 0n, 0, precision, true);
  }

  /**
   * Rounds `mantissa × 2^exponent` (plus a sticky "something below" bit) to `precision` bits,
   * to nearest, ties to even, with Go's exponent overflow (→ ±Inf) and underflow (→ ±0).
   * @internal
   */
  static round(
    negative: boolean,
    mantissa: bigint,
    exponent: number,
    precision: number,
    sticky = false,
  ): CtyNum {
    if (mantissa === 0n) return new CtyNum(negative, 0n, 0, precision, false);
    let bits = bitLength(mantissa);
    let m = mantissa;
    let e = exponent;
    if (bits > precision) {
      const drop = bits - precision;
      const dropped = m & ((1n << BigInt(drop)) - 1n);
      m >>= BigInt(drop);
      e += drop;
      const half = 1n << BigInt(drop - 1);
      const up = dropped > half || (dropped === half && (sticky || (m & 1n) === 1n));
      if (up) {
        m += 1n;
        if (bitLength(m) > precision) {
          m >>= 1n;
          e += 1;
        }
      }
      bits = bitLength(m);
    }
    const goExp = e + bits;
    if (goExp > MAX_EXP) return CtyNum.infinity(negative, precision);
    if (goExp < MIN_EXP) return new CtyNum(negative, 0n, 0, precision, false);
    return CtyNum.fromParts(negative, m, e, precision);
  }

  /**
   * Parses a decimal number exactly as go-cty's `ParseNumberVal` (Go `big.ParseFloat` base 10,
   * 512-bit precision, nearest-even): optional sign, digits with an optional `.`, an optional
   * `e`/`E` (decimal) or `p`/`P` (binary) exponent; also `Inf`/`inf` with an optional sign.
   * @throws {SyntaxError} "a number is required: ..." on anything else.
   */
  static parse(text: string): CtyNum {
    const r = parseDecimal(text, 512);
    if (typeof r === "string")
      throw new SyntaxError(`a number is required: cannot parse ${JSON.stringify(text)} (${r})`);
    return r;
  }

  /** A float64 as go-cty's `NumberFloatVal` (precision 53). NaN is rejected. */
  static fromFloat64(n: number): CtyNum {
    if (Number.isNaN(n)) throw new RangeError("NaN is not a cty number");
    if (!Number.isFinite(n)) return CtyNum.infinity(n < 0, 53);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, n);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const negative = hi >>> 31 === 1;
    const biased = (hi >>> 20) & 0x7ff;
    let frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let exp: number;
    if (biased === 0) exp = -1074;
    else {
      frac |= 1n << 52n;
      exp = biased - 1075;
    }
    return CtyNum.fromParts(negative, frac, exp, 53);
  }

  /** A signed 64-bit integer as go-cty's `NumberIntVal` (precision 64). */
  static fromInt64(n: bigint): CtyNum {
    if (n < -(1n << 63n) || n >= 1n << 63n) throw new RangeError(`${n} does not fit in int64`);
    return CtyNum.fromParts(n < 0n, n < 0n ? -n : n, 0, 64);
  }

  /** An unsigned 64-bit integer as go-cty's `NumberUIntVal` (precision 64). */
  static fromUint64(n: bigint): CtyNum {
    if (n < 0n || n >= 1n << 64n) throw new RangeError(`${n} does not fit in uint64`);
    return CtyNum.fromParts(false, n, 0, 64);
  }

  /** Any integer as Go's `Float.SetInt` (precision max(64, bit length)). */
  static fromBigInt(n: bigint): CtyNum {
    const mag = n < 0n ? -n : n;
    return CtyNum.fromParts(n < 0n, mag, 0, Math.max(64, bitLength(mag)));
  }

  /**
   * Converts a JS value: safe-integer numbers as int64, other finite numbers as float64,
   * bigints as int64/uint64/big integers, strings parsed, CtyNum returned as is.
   */
  static from(v: number | bigint | string | CtyNum): CtyNum {
    if (v instanceof CtyNum) return v;
    switch (typeof v) {
      case "number":
        return Number.isSafeInteger(v) && !Object.is(v, -0)
          ? CtyNum.fromInt64(BigInt(v))
          : CtyNum.fromFloat64(v);
      case "bigint":
        if (v >= -(1n << 63n) && v < 1n << 63n) return CtyNum.fromInt64(v);
        if (v >= 0n && v < 1n << 64n) return CtyNum.fromUint64(v);
        return CtyNum.fromBigInt(v);
      case "string":
        return CtyNum.parse(v);
      default:
        throw new TypeError(`cannot make a cty number from ${typeof v}`);
    }
  }

  /** True for zero (either sign). */
  get isZero(): boolean {
    return !this.infinite && this.mantissa === 0n;
  }
  /** True for ±Infinity. */
  get isInf(): boolean {
    return this.infinite;
  }
  /** True if the value is below zero (negative zero is not). */
  get isNegative(): boolean {
    return this.negative && !this.isZero;
  }
  /** -1, 0 or 1 (Go's `Sign`, 0 for both zeros). */
  get sign(): -1 | 0 | 1 {
    if (this.isZero) return 0;
    return this.negative ? -1 : 1;
  }
  /** True if the value is a finite integer. */
  isInt(): boolean {
    return !this.infinite && (this.mantissa === 0n || this.exponent >= 0);
  }

  /** The integer value, when finite and integral. */
  toBigInt(): bigint | undefined {
    if (!this.isInt()) return undefined;
    const mag = this.mantissa << BigInt(this.exponent);
    return this.negative ? -mag : mag;
  }
  /** The value as an int64 when it is exactly one. */
  toInt64(): bigint | undefined {
    const i = this.toBigInt();
    return i !== undefined && i >= -(1n << 63n) && i < 1n << 63n ? i : undefined;
  }
  /** The value as a JS number when exactly representable (±Infinity included; -0 for negative zero). */
  toFloat64Exact(): number | undefined {
    const f = this.toNumber();
    if (this.infinite) return f;
    const back = CtyNum.fromFloat64(f);
    return back.mantissa === this.mantissa && back.exponent === this.exponent && !back.infinite
      ? f
      : undefined;
  }
  /** The nearest float64 (ties to even), ±Infinity when too large. */
  toNumber(): number {
    const s = this.negative ? -1 : 1;
    if (this.infinite) return s * Infinity;
    if (this.mantissa === 0n) return s * 0;
    const bits = bitLength(this.mantissa);
    const e = this.exponent + bits; // value in [2^(e-1), 2^e)
    if (e > 1025) return s * Infinity;
    const p = Math.min(53, e + 1074); // bits available at this magnitude (subnormals have fewer)
    if (p < 0) return s * 0;
    if (p === 0) {
      // value in [2^-1075, 2^-1074): rounds to 2^-1074 unless exactly half (tie to even = 0)
      const exactHalf = this.mantissa === 1n;
      return s * (exactHalf ? 0 : 2 ** -1074);
    }
    const r = CtyNum.round(false, this.mantissa, this.exponent, p);
    if (r.infinite) return s * Infinity;
    return s * Number(r.mantissa) * 2 ** r.exponent;
  }

  /** Exact comparison: -1, 0 or 1 (negative zero equals zero). */
  compare(other: CtyNum): -1 | 0 | 1 {
    const a = this.sign;
    const b = other.sign;
    if (a !== b) return a < b ? -1 : 1;
    if (a === 0) return 0;
    const mag = compareMagnitude(this, other);
    return (a < 0 ? -mag : mag) as -1 | 0 | 1;
  }

  /**
   * go-cty's number equality (`rawNumberEqual`): same sign, then exact comparison when both are
   * integers, otherwise equal shortest decimal text; -0 equals 0.
   */
  equals(other: CtyNum): boolean {
    if (this.sign !== other.sign) return false;
    const ai = this.isInt();
    if (ai !== other.isInt()) return false;
    if (ai) return this.compare(other) === 0;
    if (this.infinite || other.infinite) return this.infinite === other.infinite;
    if (this.precision === other.precision) {
      if (this.mantissa === other.mantissa && this.exponent === other.exponent) return true;
      // At one precision two values print alike only across a power of two: Go's interval for
      // 2^k is symmetric, so its inclusive lower bound is the value just below 2^k, whose
      // shortest decimal may then be 2^k's. Elsewhere same-precision intervals share no decimal.
      if (this.mantissa !== 1n && other.mantissa !== 1n) return false;
    }
    if (!mayPrintAlike(this, other)) return false;
    return this.shortestKey() === other.shortestKey();
  }

  /** Go's `Text('f', -1)`: the shortest decimal that identifies the value at its precision, never with an exponent. */
  text(): string {
    if (this.infinite) return this.negative ? "-Inf" : "+Inf";
    const d = this.shortestDecimal();
    return (this.negative ? "-" : "") + fmtF(d, Math.max(d.digits.length - d.exp, 0));
  }

  /**
   * A short string equal for two finite numbers exactly when their {@link CtyNum.text} is: the
   * sign, digits and exponent of the shortest decimal, without the zeros of the `'f'` layout.
   * @internal
   */
  shortestKey(): string {
    if (this.infinite) return this.negative ? "-Inf" : "+Inf";
    const d = this.shortestDecimal();
    return `${this.negative ? "-" : ""}${d.digits}e${d.exp}`;
  }

  /** The shortest decimal of a finite number (memoised; the digits of {@link CtyNum.text}). */
  private shortestDecimal(): Decimal {
    let d = shortestMemo.get(this);
    if (d === undefined) {
      d = this.formatShortest();
      shortestMemo.set(this, d);
    }
    return d;
  }

  private formatShortest(): Decimal {
    this.checkFormattable();
    return shortestDecimalOf(this.mantissa, this.exponent, bitLength(this.mantissa), this.precision);
  }

  /** Go's `Text('g', 10)`, which is `big.Float.String()` (used by go-cty's set hashing). */
  gString(): string {
    const sign = this.negative ? "-" : "";
    if (this.infinite) return this.negative ? "-Inf" : "+Inf";
    this.checkFormattable();
    const d = decimalOf(this.mantissa, this.exponent, bitLength(this.mantissa), 12);
    roundDecimal(d, 10);
    return sign + fmtG(d, 10, false);
  }

  /** Refuses numbers whose exact decimal expansion would need tens of millions of digits (Go would grind on). */
  private checkFormattable(): void {
    const e = Math.abs(this.exponent) + bitLength(this.mantissa);
    if (e > MAX_FORMAT_BITS)
      throw new RangeError(`number with binary exponent ${this.exponent} is too large to format as decimal`);
  }

  /** Same as {@link CtyNum.text}. */
  toString(): string {
    return this.text();
  }
  /** JSON form: the decimal text (a string, so no precision is lost). */
  toJSON(): string {
    return this.text();
  }

  /** The negated number (same precision). */
  neg(): CtyNum {
    return new CtyNum(!this.negative, this.mantissa, this.exponent, this.precision, this.infinite);
  }
  /** `this + other` as go-cty's `Add` (precision: the larger of the two). Throws `RangeError` for Inf + -Inf. */
  add(other: CtyNum): CtyNum {
    return add(this, other);
  }
  /** `this - other` as go-cty's `Subtract`. */
  sub(other: CtyNum): CtyNum {
    return sub(this, other);
  }
  /** `this × other` as go-cty's `Multiply` (computed at 512 bits). Throws `RangeError` for 0 × Inf. */
  mul(other: CtyNum): CtyNum {
    return mul(this, other);
  }
  /** `this ÷ other` as go-cty's `Divide` (x/0 is ±Inf; 0/0 and Inf/Inf throw `RangeError`). */
  quo(other: CtyNum): CtyNum {
    return quo(this, other);
  }

  /** The absolute value. */
  abs(): CtyNum {
    return this.negative ? this.neg() : this;
  }
}

/**
 * False when two finite non-zero numbers of the same sign are too far apart for their shortest
 * decimals to coincide: a shortest decimal lies within half an ulp of its value, so equal texts
 * need `|x - y| ≤ (ulp(x) + ulp(y)) / 2`. Saves formatting (slow for extreme exponents).
 */
function mayPrintAlike(x: CtyNum, y: CtyNum): boolean {
  const bx = bitLength(x.mantissa);
  const by = bitLength(y.mantissa);
  const ex = x.exponent + bx; // value in [2^(ex-1), 2^ex)
  const ey = y.exponent + by;
  if (Math.abs(ex - ey) > 1) return false;
  const ulpExp = Math.max(ex - x.precision, ey - y.precision);
  const e = Math.min(x.exponent, y.exponent);
  const d = (x.mantissa << BigInt(x.exponent - e)) - (y.mantissa << BigInt(y.exponent - e));
  const mag = d < 0n ? -d : d;
  // |x - y| = mag × 2^e; allow up to 2^(ulpExp + 1) (twice the larger ulp) to stay safe.
  return mag === 0n || bitLength(mag) + e <= ulpExp + 1;
}

function compareMagnitude(x: CtyNum, y: CtyNum): -1 | 0 | 1 {
  if (x.infinite || y.infinite) {
    if (x.infinite && y.infinite) return 0;
    return x.infinite ? 1 : -1;
  }
  const bx = bitLength(x.mantissa);
  const by = bitLength(y.mantissa);
  const ex = x.exponent + bx;
  const ey = y.exponent + by;
  if (ex !== ey) return ex < ey ? -1 : 1;
  // Same magnitude class: align the mantissas to the same bit length.
  let mx = x.mantissa;
  let my = y.mantissa;
  if (bx < by) mx <<= BigInt(by - bx);
  else if (by < bx) my <<= BigInt(bx - by);
  return mx === my ? 0 : mx < my ? -1 : 1;
}
