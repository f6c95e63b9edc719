/**
 * Go `big.ParseFloat(s, 10, prec, ToNearestEven)`, reproduced step for step, including its
 * intermediate roundings: the decimal digits are read as one exact integer, then multiplied or
 * divided by a power of five that Go computes at `prec + 64` bits by repeated squaring.
 *
 * Internal to `number.ts`.
 *
 * @module
 */
import { bitLength, CtyNum } from "./number.js";

const MAX_EXP = 2147483647;
const MIN_EXP = -2147483648;

const POW5_TABLE_MAX = 27; // Go's pow5tab holds 5^0 .. 5^27

/** Rounded product of two finite numbers at `prec` bits (Go `Float.Mul`). */
function mul(x: CtyNum, y: CtyNum, prec: number): CtyNum {
  const neg = x.negative !== y.negative;
  if (x.infinite || y.infinite) return CtyNum.infinity(neg, prec);
  return CtyNum.round(neg, x.mantissa * y.mantissa, x.exponent + y.exponent, prec);
}

/** Correctly rounded quotient at `prec` bits (Go `Float.Quo`), y finite and non-zero or infinite. */
function quo(x: CtyNum, y: CtyNum, prec: number): CtyNum {
  const neg = x.negative !== y.negative;
  if (y.infinite) return CtyNum.round(neg, 0n, 0, prec);
  if (x.mantissa === 0n) return CtyNum.round(neg, 0n, 0, prec);
  // Scale the dividend so the integer quotient has at least prec + 2 bits.
  const shift = Math.max(0, prec + 2 - (bitLength(x.mantissa) - bitLength(y.mantissa)) + 1);
  const num = x.mantissa << BigInt(shift);
  const q = num / y.mantissa;
  const rem = num - q * y.mantissa;
  return CtyNum.round(neg, q, x.exponent - shift - y.exponent, prec, rem !== 0n);
}

/** Go's `pow5` squares 5^(2^k) at `fprec` bits: the chain for each `fprec` asked for so far. */
const squareChains = new Map<number, CtyNum[]>();
/** Results of {@link pow5} by precision and power (a bounded cache: decimals repeat exponents). */
const pow5Results = new Map<number, Map<number, CtyNum>>();
const POW5_RESULTS_MAX = 512;

/** 5^(2^k) rounded as Go's repeated squaring at `fprec` bits leaves it. */
function square(fprec: number, k: number): CtyNum {
  let chain = squareChains.get(fprec);
  if (chain === undefined) {
    chain = [CtyNum.round(false, 5n, 0, fprec)];
    squareChains.set(fprec, chain);
  }
  while (chain.length <= k) {
    const f = chain[chain.length - 1]!;
    chain.push(mul(f, f, fprec));
  }
  return chain[k]!;
}

/**
 * Go's `Float.pow5` into a float of precision `prec`: the same roundings (5^27 from the table,
 * then one multiplication at `prec` bits by each squared power of five the exponent's bits
 * pick), with the squares and recent results cached.
 */
function pow5(n: number, prec: number): CtyNum {
  if (n <= POW5_TABLE_MAX) return CtyNum.round(false, 5n ** BigInt(n), 0, prec);
  let byN = pow5Results.get(prec);
  if (byN === undefined) {
    byN = new Map();
    pow5Results.set(prec, byN);
  }
  const cached = byN.get(n);
  if (cached !== undefined) return cached;
  let z = CtyNum.round(false, 5n ** BigInt(POW5_TABLE_MAX), 0, prec);
  let rest = n - POW5_TABLE_MAX;
  const fprec = prec + 64;
  for (let k = 0; rest > 0; k++) {
    if (rest % 2 === 1) z = mul(z, square(fprec, k), prec);
    rest = Math.floor(rest / 2);
  }
  if (byN.size >= POW5_RESULTS_MAX) byN.clear();
  byN.set(n, z);
  return z;
}

/**
 * Parses like Go `big.ParseFloat(text, 10, prec, ToNearestEven)`.
 * @returns the number, or an error message
 */
export function parseDecimal(text: string, prec: number): CtyNum | string {
  if (text === "Inf" || text === "inf") return CtyNum.infinity(false, prec);
  if (
    text.length === 4 &&
    (text[0] === "+" || text[0] === "-") &&
    (text.slice(1) === "Inf" || text.slice(1) === "inf")
  ) {
    return CtyNum.infinity(text[0] === "-", prec);
  }
  let i = 0;
  let negative = false;
  if (text[i] === "+" || text[i] === "-") {
    negative = text[i] === "-";
    i++;
  }
  // Mantissa: digits with at most one '.'.
  let digits = "";
  let fracDigits = 0;
  let seenPoint = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      if (seenPoint) fracDigits++;
    } else if (c === 46 && !seenPoint) {
      seenPoint = true;
    } else break;
  }
  if (digits.length === 0) return "number has no digits";
  // Exponent: e/E (decimal) or p/P (binary), optional sign, digits (an int64).
  let exp10 = 0n;
  let exp2only = 0n;
  const ec = text[i];
  if (ec === "e" || ec === "E" || ec === "p" || ec === "P") {
    i++;
    let sign = "";
    if (text[i] === "+" || text[i] === "-") {
      if (text[i] === "-") sign = "-";
      i++;
    }
    let ed = "";
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) ed += text[i++];
    if (ed.length === 0) return "exponent has no digits";
    const ev = BigInt(sign + ed);
    if (ev < -(1n << 63n) || ev >= 1n << 63n) return "exponent out of range";
    if (ec === "e" || ec === "E") exp10 = ev;
    else exp2only = ev;
  }
  if (i < text.length) return `unexpected ${JSON.stringify(text[i])}`;

  const mant = BigInt(digits);
  if (mant === 0n) return CtyNum.round(negative, 0n, 0, prec);
  const exp5 = -BigInt(fracDigits) + exp10;
  const e2 = exp5 + exp2only; // value = mant × 2^e2 × 5^exp5
  const goExp = BigInt(bitLength(mant)) + e2;
  if (goExp < BigInt(MIN_EXP) || goExp > BigInt(MAX_EXP)) return "exponent overflow";
  const e2n = Number(e2);
  if (exp5 === 0n) return CtyNum.round(negative, mant, e2n, prec);
  // z keeps all its digits until the multiplication or division rounds it to prec bits.
  const z = CtyNum.fromParts(negative, mant, e2n, prec);
  const p = pow5(Number(exp5 < 0n ? -exp5 : exp5), prec + 64);
  return exp5 < 0n ? quo(z, p, prec) : mul(z, p, prec);
}
