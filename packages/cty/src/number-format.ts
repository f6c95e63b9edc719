/**
 * Decimal formatting of binary floating-point numbers, following Go's `math/big`
 * (`decimal.go` and `ftoa.go`) digit for digit: exact binary-to-decimal conversion, the
 * "shortest decimal that rounds back" search, and the `'f'`, `'e'` and `'g'` layouts.
 *
 * Internal to `number.ts`.
 *
 * @module
 */

/**
 * A decimal `0.digits × 10^exp`. Exact decimals have no trailing zeros (`""` is zero, then `exp`
 * is 0). A truncated decimal (`sticky`) holds only the leading digits of the exact expansion,
 * which continues with at least one more non-zero digit.
 */
export interface Decimal {
  digits: string;
  exp: number;
  sticky: boolean;
}

/** Drops trailing zero digits of an exact decimal (zero becomes `""` with exponent 0). */
export function trimDecimal(d: Decimal): void {
  if (d.sticky) return;
  let i = d.digits.length;
  while (i > 0 && d.digits.charCodeAt(i - 1) === 48) i--;
  d.digits = d.digits.slice(0, i);
  if (i === 0) d.exp = 0;
}

const POW_CACHE_LIMIT = 4096;
const pow5Cache = new Map<number, bigint>();
const pow10Cache = new Map<number, bigint>();

function cachedPow(cache: Map<number, bigint>, base: bigint, k: number): bigint {
  if (k > POW_CACHE_LIMIT) return base ** BigInt(k);
  let p = cache.get(k);
  if (p === undefined) {
    p = base ** BigInt(k);
    cache.set(k, p);
  }
  return p;
}

const LOG10_2 = 0.3010299956639812;

/** 5^(64·i), built on demand one chunk from the previous (each step a multiplication by 5^64). */
const pow5Chunks: bigint[] = [1n];
const FIVE_64 = 5n ** 64n;

/** 5^k for any k ≥ 0: a cached chunk times a small power (no repeated squaring of huge numbers). */
function pow5(k: number): bigint {
  if (k <= POW_CACHE_LIMIT) return cachedPow(pow5Cache, 5n, k);
  const i = k >> 6;
  while (pow5Chunks.length <= i) pow5Chunks.push(pow5Chunks[pow5Chunks.length - 1]! * FIVE_64);
  return pow5Chunks[i]! * 5n ** BigInt(k & 63);
}

/** 10^k = 5^k × 2^k. */
function pow10(k: number): bigint {
  return k <= POW_CACHE_LIMIT ? cachedPow(pow10Cache, 10n, k) : pow5(k) << BigInt(k);
}

/**
 * The decimal value of `m × 2^shift` (m ≥ 0, `bitLen` its bit length): exact, or, when it has
 * many more than `maxDigits` significant digits, its first ~`maxDigits` digits marked sticky.
 */
export function decimalOf(
  m: bigint,
  shift: number,
  bitLen: number,
  maxDigits = Number.POSITIVE_INFINITY,
): Decimal {
  if (m === 0n) return { digits: "", exp: 0, sticky: false };
  if (shift < 0 && maxDigits !== Number.POSITIVE_INFINITY) {
    // Only the leading digits are wanted: t = ⌊m × 5^j / 2^(k-j)⌋ = ⌊value × 10^j⌋ with j chosen
    // so that t has a few more than maxDigits digits, instead of the exact m × 5^k.
    const k = -shift;
    const j = Math.ceil(maxDigits + 3 - (bitLen + shift) * LOG10_2);
    if (j >= 0 && j < k) {
      const num = m * pow5(j);
      const drop = BigInt(k - j);
      const t = num >> drop;
      const digits = t.toString();
      const d = { digits, exp: digits.length - j, sticky: t << drop !== num };
      trimDecimal(d);
      return d;
    }
  }
  let q: bigint;
  let k = 0; // value = q × 10^-k
  if (shift >= 0) q = m << BigInt(shift);
  else {
    // m / 2^k = m × 5^k / 10^k
    k = -shift;
    q = m * pow5(k);
  }
  const qBits = shift >= 0 ? bitLen + shift : bitLen + Math.ceil(k * 2.321928094887362);
  const estDigits = Math.floor((qBits - 1) * LOG10_2); // at most the digit count of q
  let d: Decimal;
  if (estDigits > maxDigits + 16) {
    const drop = estDigits - maxDigits;
    const p = pow10(drop);
    const hi = q / p;
    const digits = hi.toString();
    d = { digits, exp: digits.length + drop - k, sticky: hi * p !== q };
  } else {
    const digits = q.toString();
    d = { digits, exp: digits.length - k, sticky: false };
  }
  trimDecimal(d);
  return d;
}

/** The digit at position i, or "0" past the end. */
function at(d: Decimal, i: number): number {
  return i >= 0 && i < d.digits.length ? d.digits.charCodeAt(i) - 48 : 0;
}

function shouldRoundUp(d: Decimal, n: number): boolean {
  const c = d.digits.charCodeAt(n);
  if (c === 53 && n + 1 === d.digits.length && !d.sticky) {
    // exactly halfway: round to even
    return n > 0 && ((d.digits.charCodeAt(n - 1) - 48) & 1) !== 0;
  }
  return c >= 53;
}

/** Rounds to n digits, half to even (Go's `decimal.round`). */
export function roundDecimal(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  if (shouldRoundUp(d, n)) roundUp(d, n);
  else roundDown(d, n);
}

function roundUp(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  while (n > 0 && d.digits.charCodeAt(n - 1) >= 57) n--;
  d.sticky = false;
  if (n === 0) {
    d.digits = "1";
    d.exp++;
    return;
  }
  d.digits = d.digits.slice(0, n - 1) + String.fromCharCode(d.digits.charCodeAt(n - 1) + 1);
}

function roundDown(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  d.digits = d.digits.slice(0, n);
  d.sticky = false;
  trimDecimal(d);
}

/**
 * Go's `roundShortest`: rounds `d` (the decimal of a number whose mantissa has `prec` bits,
 * `mant × 2^exp` with `mant` having at most `prec` significant bits) to the fewest digits that
 * still identify the number at that precision. `d` and the neighbours may be truncated to
 * `maxDigits` digits (enough to tell them apart); returns false if that was not enough.
 */
export function roundShortest(
  d: Decimal,
  mant: bigint,
  exp: number,
  bitLen: number,
  prec: number,
  maxDigits = Number.POSITIVE_INFINITY,
): boolean {
  if (d.digits.length === 0) return true;
  // Normalise to prec+1 bits so that the lsb is half an ulp.
  const s = bitLen - (prec + 1);
  let m = mant;
  if (s < 0) m = m << BigInt(-s);
  else if (s > 0) m = m >> BigInt(s);
  const e = exp + s;
  const lower = decimalOf(m - 1n, e, prec + 1, maxDigits);
  const upper = decimalOf(m + 1n, e, prec + 1, maxDigits);
  const inclusive = (m & 2n) === 0n;
  const lowerLen = lower.sticky ? Number.POSITIVE_INFINITY : lower.digits.length;
  const upperLen = upper.sticky ? Number.POSITIVE_INFINITY : upper.digits.length;
  // With truncated decimals, only decide where every digit looked at (and rounded at) is real.
  const limit = Math.min(
    d.sticky ? d.digits.length - 1 : d.digits.length,
    lower.sticky ? lower.digits.length : Number.POSITIVE_INFINITY,
    upper.sticky ? upper.digits.length : Number.POSITIVE_INFINITY,
  );
  for (let i = 0; i < d.digits.length; i++) {
    if (i >= limit) return false;
    const digit = d.digits.charCodeAt(i) - 48;
    const l = at(lower, i);
    const u = at(upper, i);
    const okdown = l !== digit || (inclusive && i + 1 === lowerLen);
    const okup = digit !== u && (inclusive || digit + 1 < u || i + 1 < upperLen);
    if (okdown && okup) {
      roundDecimal(d, i + 1);
      return true;
    }
    if (okdown) {
      roundDown(d, i + 1);
      return true;
    }
    if (okup) {
      roundUp(d, i + 1);
      return true;
    }
  }
  return !d.sticky;
}

/** `%f` layout with `prec` fraction digits (Go's `fmtF`). */
export function fmtF(d: Decimal, prec: number): string {
  // Built from slices and repeats, not digit by digit: a long number stays one flat string
  // instead of a rope of hundreds of one-character pieces.
  const n = d.digits.length;
  let out: string;
  if (d.exp > 0) {
    const m = Math.min(n, d.exp);
    out = d.digits.slice(0, m) + "0".repeat(d.exp - m);
  } else {
    out = "0";
  }
  if (prec > 0) {
    // The digits at positions d.exp .. d.exp + prec - 1 ("0" outside 0 .. n - 1).
    const from = d.exp;
    const to = d.exp + prec;
    const zerosBefore = Math.max(0, Math.min(to, 0) - from);
    const a = Math.max(from, 0);
    const b = Math.min(to, n);
    const mid = b > a ? d.digits.slice(a, b) : "";
    const zerosAfter = prec - zerosBefore - mid.length;
    out += `.${"0".repeat(zerosBefore)}${mid}${"0".repeat(zerosAfter)}`;
  }
  return out;
}

/** `%e` layout with `prec` fraction digits (Go's `fmtE`). */
export function fmtE(d: Decimal, prec: number): string {
  let out = d.digits.length > 0 ? d.digits[0]! : "0";
  if (prec > 0) {
    out += ".";
    const m = Math.min(d.digits.length, prec + 1);
    let i = 1;
    if (i < m) {
      out += d.digits.slice(1, m);
      i = m;
    }
    out += "0".repeat(Math.max(0, prec + 1 - i));
  }
  let exp = d.digits.length > 0 ? d.exp - 1 : 0;
  let sign = "+";
  if (exp < 0) {
    sign = "-";
    exp = -exp;
  }
  return `${out}e${sign}${exp < 10 ? "0" : ""}${exp}`;
}

/** `%g` layout (Go's `Float.Append` with format 'g'); `shortest` when the precision was -1. */
export function fmtG(d: Decimal, prec: number, shortest: boolean): string {
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    let p = prec;
    if (p > d.digits.length) p = d.digits.length;
    return fmtE(d, p - 1);
  }
  let p = prec;
  if (p > d.exp) p = d.digits.length;
  return fmtF(d, Math.max(p - d.exp, 0));
}

/**
 * The shortest decimal that identifies `mantissa × 2^exponent` (`bits` = its bit length) among
 * the numbers of `precision` bits: Go's `Text('f', -1)` digits.
 */
export function shortestDecimalOf(
  mantissa: bigint,
  exponent: number,
  bits: number,
  precision: number,
): Decimal {
  // An integer below 2^precision has an ulp of at most 1: its shortest decimal is itself.
  if (exponent >= 0 && bits + exponent <= precision) {
    const digits = (mantissa << BigInt(exponent)).toString();
    const d = { digits, exp: digits.length, sticky: false };
    trimDecimal(d);
    return d;
  }
  const viaFloat = float64Shortest(mantissa, exponent, bits, precision);
  if (viaFloat !== undefined) return viaFloat;
  // Enough digits to separate the value from its half-ulp neighbours (exact fallback otherwise).
  const maxDigits = Math.ceil(precision * 0.3010299956639812) + 24;
  let d = decimalOf(mantissa, exponent, bits, maxDigits);
  if (!roundShortest(d, mantissa, exponent, bits, precision, maxDigits)) {
    d = decimalOf(mantissa, exponent, bits);
    roundShortest(d, mantissa, exponent, bits, precision);
  }
  return d;
}

/**
 * The shortest decimal of a float64 number the way the engine prints it, where that is Go's
 * answer too: precision 53, a normal float64 that is not a power of two. There the half-ulp
 * interval Go's `roundShortest` searches is the float64's own rounding interval (symmetric,
 * bounds included for an even mantissa), and both pick the nearest of the shortest candidates
 * (ties to even). Powers of two (a narrower interval below) and subnormals (fewer bits than
 * 53) are left to the exact path.
 */
function float64Shortest(
  mantissa: bigint,
  exponent: number,
  bits: number,
  precision: number,
): Decimal | undefined {
  if (precision !== 53 || bits > 53 || mantissa === 1n) return undefined;
  const top = exponent + bits; // value in [2^(top-1), 2^top)
  if (top - 1 < -1022 || top - 1 > 1023) return undefined;
  const s = String(Number(mantissa) * 2 ** exponent);
  // s is "ddd", "ddd.ddd", "0.000ddd", "d.ddde+N" or "de-N" (no sign: the value is positive).
  const e = s.indexOf("e");
  const mant = e < 0 ? s : s.slice(0, e);
  let exp10 = e < 0 ? 0 : Number(s.slice(e + 1));
  const point = mant.indexOf(".");
  let digits = mant;
  if (point >= 0) {
    digits = mant.slice(0, point) + mant.slice(point + 1);
    exp10 += point;
  } else exp10 += mant.length;
  let lead = 0;
  while (digits.charCodeAt(lead) === 48) lead++;
  const d = { digits: digits.slice(lead), exp: exp10 - lead, sticky: false };
  trimDecimal(d);
  return d;
}
