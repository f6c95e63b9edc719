/**
 * Collection size validators (lists, sets, maps, and nested attributes of those kinds).
 * A known collection has a known size even when some elements are unknown.
 *
 * @module
 */
import { lengthOf } from "@pyvider/cty";
import type { Validator } from "../model.js";
import { attrError, checkBound } from "./common.js";

/** The collection must have between `min` and `max` elements, inclusive. */
export function sizeBetween(min: number, max: number): Validator {
  checkBound("min", min);
  checkBound("max", max);
  if (min > max) throw new RangeError(`sizeBetween: min (${min}) is greater than max (${max})`);
  return {
    description: `must contain between ${min} and ${max} elements`,
    validate({ value, path }) {
      const n = lengthOf(value);
      return n < min || n > max
        ? attrError(
            "Invalid Attribute Value",
            path,
            `must contain between ${min} and ${max} elements, got: ${n}`,
          )
        : undefined;
    },
  };
}

/** The collection must have at least `min` elements. */
export function sizeAtLeast(min: number): Validator {
  checkBound("min", min);
  return {
    description: `must contain at least ${min} elements`,
    validate({ value, path }) {
      const n = lengthOf(value);
      return n < min
        ? attrError("Invalid Attribute Value", path, `must contain at least ${min} elements, got: ${n}`)
        : undefined;
    },
  };
}

/** The collection must have at most `max` elements. */
export function sizeAtMost(max: number): Validator {
  checkBound("max", max);
  return {
    description: `must contain at most ${max} elements`,
    validate({ value, path }) {
      const n = lengthOf(value);
      return n > max
        ? attrError("Invalid Attribute Value", path, `must contain at most ${max} elements, got: ${n}`)
        : undefined;
    },
  };
}
