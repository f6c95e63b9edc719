/**
 * The bounds every codec enforces, so that hostile input gets a {@link CtyCodecError} quickly
 * instead of exhausting the JavaScript stack or grinding through a number with millions of digits.
 *
 * @module
 */
import { CtyCodecError } from "./msgpack-error.js";
import { bitLength, type CtyNum } from "./number.js";

/**
 * Deepest nesting of values the msgpack and JSON codecs decode or encode: each list, set, map,
 * object or tuple level and each `dynamic` wrapper counts one. Deeper values are refused with a
 * {@link CtyCodecError} naming the path where the limit was reached.
 */
export const MAX_VALUE_DEPTH = 1000;

/**
 * Deepest nesting of type constructors {@link typeFromJSON} accepts (`list(list(…))` 10,000
 * deep is accepted, as go-cty does; one more is refused).
 */
export const MAX_TYPE_DEPTH = 10_000;

/**
 * Largest binary exponent magnitude of a number the codecs accept: a finite non-zero number must
 * lie within `2^-MAX_NUMBER_EXPONENT ≤ |n| < 2^MAX_NUMBER_EXPONENT` (about `1e±1233`, four times
 * float64's binary range). go-cty accepts exponents up to ±2^31, but their decimal forms have up
 * to hundreds of millions of digits, and every number in a set is formatted for hashing; such
 * numbers are refused with "number too large" / "number too small".
 */
export const MAX_NUMBER_EXPONENT = 4096;

/** Throws a codec error for a number outside the codecs' range ({@link MAX_NUMBER_EXPONENT}). @internal */
export function checkNumberRange(n: CtyNum): CtyNum {
  if (n.infinite || n.mantissa === 0n) return n;
  const e = n.exponent + bitLength(n.mantissa); // |n| in [2^(e-1), 2^e)
  if (e > MAX_NUMBER_EXPONENT) throw new CtyCodecError(`number too large (beyond 2^${MAX_NUMBER_EXPONENT})`);
  if (e <= -MAX_NUMBER_EXPONENT)
    throw new CtyCodecError(`number too small (closer to zero than 2^-${MAX_NUMBER_EXPONENT})`);
  return n;
}

/** Throws a codec error when `depth` (1 for the outermost container) is beyond {@link MAX_VALUE_DEPTH}. @internal */
export function tooDeep(): never {
  throw new CtyCodecError(`value nested more than ${MAX_VALUE_DEPTH} levels deep`);
}
