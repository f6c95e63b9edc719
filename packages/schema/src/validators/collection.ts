/**
 * Collection size validators (lists, sets, maps, and nested attributes of those kinds).
 * A known collection has a known size even when some elements are unknown.
 *
 * @module
 */
import {
  type CtyValue,
  elementStep,
  elements,
  indexStep,
  keyStep,
  lengthOf,
  mapEntries,
  type PathStep,
} from "@pyvider/cty";
import type { Diagnostic } from "../diagnostics.js";
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

/**
 * Applies element validators to every known element of a list, set or map (unknown elements are
 * skipped). Paths point at the element: `tags["env"]`, `names[2]`, `ids[*]`.
 */
export function each(...validators: readonly Validator[]): Validator {
  return {
    description: `each element: ${validators.map((x) => x.description).join("; ")}`,
    async validate({ value, path, config }) {
      const out: Diagnostic[] = [];
      const items: [PathStep, CtyValue][] =
        value.type.kind === "map"
          ? [...mapEntries(value)].map(([k, e]) => [keyStep(k), e])
          : elements(value).map((e, i) => [value.type.kind === "set" ? elementStep(e) : indexStep(i), e]);
      for (const [step, e] of items) {
        if (!e.isKnown) continue;
        for (const x of validators) {
          if (e.isNull && x.validateNull !== true) continue;
          const r = await x.validate({ value: e, path: [...path, step], config });
          if (r) out.push(...r);
        }
      }
      return out;
    },
  };
}
