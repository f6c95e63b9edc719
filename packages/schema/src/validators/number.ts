/**
 * Number validators: ranges, compared exactly (arbitrary precision).
 *
 * @module
 */
import { asNum, CtyNum } from "@pyvider/cty";
import type { Validator } from "../model.js";
import { attrError } from "./common.js";

/** A bound: a JS number, a decimal string or an exact {@link CtyNum}. */
export type NumberLimit = number | bigint | string | CtyNum;

function num(b: NumberLimit, name: string): CtyNum {
  try {
    return CtyNum.from(b);
  } catch (e) {
    throw new RangeError(`${name} is not a number: ${String(b)} (${(e as Error).message})`);
  }
}

/** The number must be between `min` and `max`, inclusive. */
export function between(min: NumberLimit, max: NumberLimit): Validator {
  const lo = num(min, "min");
  const hi = num(max, "max");
  if (lo.compare(hi) > 0)
    throw new RangeError(`between: min (${lo.text()}) is greater than max (${hi.text()})`);
  return {
    description: `value must be between ${lo.text()} and ${hi.text()}`,
    validate({ value, path }) {
      const n = asNum(value);
      if (n.compare(lo) < 0 || n.compare(hi) > 0) {
        return attrError(
          "Invalid Attribute Value",
          path,
          `value must be between ${lo.text()} and ${hi.text()}, got: ${n.text()}`,
        );
      }
      return undefined;
    },
  };
}

/** The number must be at least `min`. */
export function atLeast(min: NumberLimit): Validator {
  const lo = num(min, "min");
  return {
    description: `value must be at least ${lo.text()}`,
    validate({ value, path }) {
      const n = asNum(value);
      return n.compare(lo) < 0
        ? attrError("Invalid Attribute Value", path, `value must be at least ${lo.text()}, got: ${n.text()}`)
        : undefined;
    },
  };
}

/** The number must be at most `max`. */
export function atMost(max: NumberLimit): Validator {
  const hi = num(max, "max");
  return {
    description: `value must be at most ${hi.text()}`,
    validate({ value, path }) {
      const n = asNum(value);
      return n.compare(hi) > 0
        ? attrError("Invalid Attribute Value", path, `value must be at most ${hi.text()}, got: ${n.text()}`)
        : undefined;
    },
  };
}
