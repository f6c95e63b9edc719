/**
 * Decimal formatting of binary floating-point numbers, following Go's `math/big`
 * (`decimal.go` and `ftoa.go`) digit for digit: exact binary-to-decimal conversion, the
 * "shortest decimal that rounds back" search, and the `'f'`, `'e'` and `'g'` layouts.
 *
 * Internal to `number.ts`.
 *
 * @module
 */

/** A decimal `0.digits × 10^exp` with no trailing zeros in `digits` (`""` is zero, then `exp` is 0). */
export interface Decimal {
  digits: string;
  exp: number;
}

function trim(d: Decimal): void {
  let i = d.digits.length;
  while (i > 0 && d.digits.charCodeAt(i - 1) === 48) i--;
  d.digits = d.digits.slice(0, i);
  if (i === 0) d.exp = 0;
}

/** The exact decimal value of `m × 2^shift` (m ≥ 0). */
export function decimalOf(m: bigint, shift: number): Decimal {
  if (m === 0n) return { digits: "", exp: 0 };
  let s: string;
  let exp: number;
  if (shift >= 0) {
    s = (m << BigInt(shift)).toString();
    exp = s.length;
  } else {
    // m / 2^k = m × 5^k / 10^k
    const k = -shift;
    s = (m * 5n ** BigInt(k)).toString();
    exp = s.length - k;
  }
  const d = { digits: s, exp };
  trim(d);
  return d;
}

/** The digit at position i, or "0" past the end. */
function at(d: Decimal, i: number): number {
  return i >= 0 && i < d.digits.length ? d.digits.charCodeAt(i) - 48 : 0;
}

function shouldRoundUp(d: Decimal, n: number): boolean {
  const c = d.digits.charCodeAt(n);
  if (c === 53 && n + 1 === d.digits.length) {
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
  trim(d);
}

/**
 * Go's `roundShortest`: rounds `d` (the exact decimal of a number whose mantissa has `prec`
 * bits, `mant × 2^exp` with `mant` having at most `prec` significant bits) to the fewest digits
 * that still identify the number at that precision.
 */
export function roundShortest(d: Decimal, mant: bigint, exp: number, bitLen: number, prec: number): void {
  if (d.digits.length === 0) return;
  // Normalise to prec+1 bits so that the lsb is half an ulp.
  const s = bitLen - (prec + 1);
  let m = mant;
  if (s < 0) m = m << BigInt(-s);
  else if (s > 0) m = m >> BigInt(s);
  const e = exp + s;
  const lower = decimalOf(m - 1n, e);
  const upper = decimalOf(m + 1n, e);
  const inclusive = (m & 2n) === 0n;
  for (let i = 0; i < d.digits.length; i++) {
    const digit = d.digits.charCodeAt(i) - 48;
    const l = at(lower, i);
    const u = at(upper, i);
    const okdown = l !== digit || (inclusive && i + 1 === lower.digits.length);
    const okup = digit !== u && (inclusive || digit + 1 < u || i + 1 < upper.digits.length);
    if (okdown && okup) {
      roundDecimal(d, i + 1);
      return;
    }
    if (okdown) {
      roundDown(d, i + 1);
      return;
    }
    if (okup) {
      roundUp(d, i + 1);
      return;
    }
  }
}

/** `%f` layout with `prec` fraction digits (Go's `fmtF`). */
export function fmtF(d: Decimal, prec: number): string {
  let out: string;
  if (d.exp > 0) {
    const m = Math.min(d.digits.length, d.exp);
    out = d.digits.slice(0, m) + "0".repeat(d.exp - m);
  } else {
    out = "0";
  }
  if (prec > 0) {
    let frac = "";
    for (let i = 0; i < prec; i++) frac += String.fromCharCode(48 + at(d, d.exp + i));
    out += `.${frac}`;
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
