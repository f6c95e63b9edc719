/**
 * String validators: length, regular expression, one-of.
 *
 * @module
 */
import { asNum, asString, CtyNum } from "@pyvider/cty";
import type { Validator } from "../model.js";
import { attrError, checkBound } from "./common.js";

/** Length in Unicode code points (as terraform-plugin-framework's `utf8.RuneCountInString`). */
export function stringLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The string's length (in code points) must be between `min` and `max`, inclusive. */
export function lengthBetween(min: number, max: number): Validator {
  checkBound("min", min);
  checkBound("max", max);
  if (min > max) throw new RangeError(`lengthBetween: min (${min}) is greater than max (${max})`);
  return {
    description: `string length must be between ${min} and ${max}`,
    validate({ value, path }) {
      const n = stringLength(asString(value));
      if (n < min || n > max)
        return attrError(
          "Invalid Attribute Value Length",
          path,
          `string length must be between ${min} and ${max}, got: ${n}`,
        );
      return undefined;
    },
  };
}

/** The string's length must be at least `min`. */
export function lengthAtLeast(min: number): Validator {
  checkBound("min", min);
  return {
    description: `string length must be at least ${min}`,
    validate({ value, path }) {
      const n = stringLength(asString(value));
      return n < min
        ? attrError(
            "Invalid Attribute Value Length",
            path,
            `string length must be at least ${min}, got: ${n}`,
          )
        : undefined;
    },
  };
}

/** The string's length must be at most `max`. */
export function lengthAtMost(max: number): Validator {
  checkBound("max", max);
  return {
    description: `string length must be at most ${max}`,
    validate({ value, path }) {
      const n = stringLength(asString(value));
      return n > max
        ? attrError("Invalid Attribute Value Length", path, `string length must be at most ${max}, got: ${n}`)
        : undefined;
    },
  };
}

/** The string must match the regular expression; `message` replaces the default wording. */
export function matches(re: RegExp, message?: string): Validator {
  const desc = message ?? `value must match regular expression '${re.source}'`;
  return {
    description: desc,
    validate({ value, path }) {
      const s = asString(value);
      re.lastIndex = 0;
      return re.test(s) ? undefined : attrError("Invalid Attribute Value Match", path, `${desc}, got: ${s}`);
    },
  };
}

function render(x: string | number): string {
  return typeof x === "string" ? JSON.stringify(x) : String(x);
}

function isOneOf(candidates: readonly (string | number)[]) {
  const strings = new Set(candidates.filter((c): c is string => typeof c === "string"));
  const numbers = candidates.filter((c): c is number => typeof c === "number").map((n) => CtyNum.from(n));
  return (v: Parameters<Validator["validate"]>[0]["value"]): boolean => {
    if (v.type.kind === "string") return strings.has(asString(v));
    if (v.type.kind === "number") {
      const n = asNum(v);
      return numbers.some((c) => c.equals(n));
    }
    return false;
  };
}

/** The value (a string or a number) must be one of the candidates. */
export function oneOf(...candidates: readonly (string | number)[]): Validator {
  const test = isOneOf(candidates);
  const list = `[${candidates.map(render).join(" ")}]`;
  return {
    description: `value must be one of: ${list}`,
    validate({ value, path }) {
      return test(value)
        ? undefined
        : attrError(
            "Invalid Attribute Value Match",
            path,
            `value must be one of: ${list}, got: ${describeValue(value)}`,
          );
    },
  };
}

/** The value (a string or a number) must not be one of the candidates. */
export function noneOf(...candidates: readonly (string | number)[]): Validator {
  const test = isOneOf(candidates);
  const list = `[${candidates.map(render).join(" ")}]`;
  return {
    description: `value must be none of: ${list}`,
    validate({ value, path }) {
      return test(value)
        ? attrError(
            "Invalid Attribute Value Match",
            path,
            `value must be none of: ${list}, got: ${describeValue(value)}`,
          )
        : undefined;
    },
  };
}

/** A short rendering of a primitive value for messages. */
export function describeValue(v: Parameters<Validator["validate"]>[0]["value"]): string {
  if (v.type.kind === "string") return JSON.stringify(asString(v));
  if (v.type.kind === "number") return asNum(v).text();
  return v.type.kind;
}
