/**
 * Arithmetic on {@link CtyNum} with go-cty's precision rules (`Value.Add`, `Subtract`,
 * `Multiply`, `Divide` on Go `big.Float`s, rounding to nearest even). Internal to `number.ts`.
 *
 * @module
 */
import { bitLength, CtyNum } from "./number.js";

function nan(what: string): never {
  throw new RangeError(`${what} is not a number (NaN)`);
}

/** Go `new(big.Float).Add(x, y)`: precision max(x, y). */
export function add(x: CtyNum, y: CtyNum): CtyNum {
  const prec = Math.max(x.precision, y.precision);
  if (x.infinite || y.infinite) {
    if (x.infinite && y.infinite && x.negative !== y.negative)
      nan("the sum of infinities with opposite signs");
    return CtyNum.infinity(x.infinite ? x.negative : y.negative, prec);
  }
  if (x.isZero && y.isZero) return CtyNum.round(x.negative && y.negative, 0n, 0, prec);
  if (y.isZero) return CtyNum.round(x.negative, x.mantissa, x.exponent, prec);
  if (x.isZero) return CtyNum.round(y.negative, y.mantissa, y.exponent, prec);
  const e = Math.min(x.exponent, y.exponent);
  const mx = x.mantissa << BigInt(x.exponent - e);
  const my = y.mantissa << BigInt(y.exponent - e);
  const sx = x.negative ? -mx : mx;
  const sy = y.negative ? -my : my;
  const sum = sx + sy;
  if (sum === 0n) return CtyNum.round(false, 0n, 0, prec);
  return CtyNum.round(sum < 0n, sum < 0n ? -sum : sum, e, prec);
}

/** go-cty's `Subtract`: `x + (-y)`. */
export function sub(x: CtyNum, y: CtyNum): CtyNum {
  return add(x, y.neg());
}

/** go-cty's `Multiply`: the product rounded to 512 bits, with precision max(x, y, bits needed). */
export function mul(x: CtyNum, y: CtyNum): CtyNum {
  const neg = x.negative !== y.negative;
  const resPrec = Math.max(x.precision, y.precision);
  if (x.infinite || y.infinite) {
    if (x.isZero || y.isZero) nan("the product of zero and infinity");
    return CtyNum.infinity(neg, Math.max(resPrec, 0));
  }
  const r = CtyNum.round(neg, x.mantissa * y.mantissa, x.exponent + y.exponent, 512);
  if (r.infinite) return CtyNum.infinity(neg, resPrec);
  return CtyNum.fromParts(r.negative, r.mantissa, r.exponent, Math.max(resPrec, bitLength(r.mantissa)));
}

/** go-cty's `Divide` (Go `Float.Quo`): correctly rounded at precision max(x, y). */
export function quo(x: CtyNum, y: CtyNum): CtyNum {
  const neg = x.negative !== y.negative;
  const prec = Math.max(x.precision, y.precision);
  if ((x.isZero && y.isZero) || (x.infinite && y.infinite))
    nan("the quotient of two zeros or two infinities");
  if (x.infinite || y.isZero) return CtyNum.infinity(neg, prec);
  if (x.isZero || y.infinite) return CtyNum.round(neg, 0n, 0, prec);
  const shift = Math.max(0, prec + 2 - (bitLength(x.mantissa) - bitLength(y.mantissa)) + 1);
  const num = x.mantissa << BigInt(shift);
  const q = num / y.mantissa;
  const rem = num - q * y.mantissa;
  return CtyNum.round(neg, q, x.exponent - shift - y.exponent, prec, rem !== 0n);
}
