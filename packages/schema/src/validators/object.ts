/**
 * Object-level validators: conflicts-with, exactly-one-of, at-least-one-of, required-with. They are
 * attached to a schema, block or nested attribute and name attributes of that object.
 *
 * Unknown values are never treated as set or unset: a check that depends on one is skipped.
 *
 * @module
 */
import { attrStep, type CtyPath, type CtyValue, getAttr } from "@pyvider/cty";
import { type Diagnostic, errorDiag } from "../diagnostics.js";
import type { ObjectValidator } from "../model.js";

type State = "set" | "null" | "unknown";

function state(obj: CtyValue, name: string): State {
  const v = getAttr(obj, name);
  if (!v.isKnown) return "unknown";
  return v.isNull ? "null" : "set";
}

function requireNames(fn: string, names: readonly string[], min: number): void {
  if (names.length < min) throw new RangeError(`${fn} needs at least ${min} attribute names`);
  for (const n of names)
    if (typeof n !== "string" || n === "")
      throw new TypeError(`${fn}: attribute names must be non-empty strings`);
}

function at(path: CtyPath, name: string): CtyPath {
  return [...path, attrStep(name)];
}

function list(names: readonly string[]): string {
  return `[${names.join(",")}]`;
}

function knownNames(obj: CtyValue, names: readonly string[]): readonly string[] {
  const t = obj.type;
  if (t.kind !== "object") return [];
  return names.filter((n) => n in t.attributes);
}

/** At most one of the named attributes may be set. */
export function conflictsWith(...names: string[]): ObjectValidator {
  requireNames("conflictsWith", names, 2);
  return {
    description: `these attributes cannot be configured together: ${list(names)}`,
    validate({ value, path }) {
      const set = knownNames(value, names).filter((n) => state(value, n) === "set");
      if (set.length < 2) return undefined;
      return [
        errorDiag(
          "Invalid Attribute Combination",
          `These attributes cannot be configured together: ${list(set)}`,
          at(path, set[1]!),
        ),
      ];
    },
  };
}

/** Exactly one of the named attributes must be set. */
export function exactlyOneOf(...names: string[]): ObjectValidator {
  requireNames("exactlyOneOf", names, 2);
  return {
    description: `exactly one of these attributes must be configured: ${list(names)}`,
    validate({ value, path }) {
      const states = knownNames(value, names).map((n) => [n, state(value, n)] as const);
      const set = states.filter(([, s]) => s === "set").map(([n]) => n);
      if (set.length > 1) {
        return [
          errorDiag(
            "Invalid Attribute Combination",
            `Only one of these attributes can be configured: ${list(names)}; got ${list(set)}`,
            at(path, set[1]!),
          ),
        ];
      }
      if (set.length === 0 && !states.some(([, s]) => s === "unknown")) {
        return [
          errorDiag(
            "Invalid Attribute Combination",
            `Exactly one of these attributes must be configured: ${list(names)}`,
            path,
          ),
        ];
      }
      return undefined;
    },
  };
}

/** At least one of the named attributes must be set. */
export function atLeastOneOf(...names: string[]): ObjectValidator {
  requireNames("atLeastOneOf", names, 1);
  return {
    description: `at least one of these attributes must be configured: ${list(names)}`,
    validate({ value, path }) {
      const states = knownNames(value, names).map((n) => state(value, n));
      if (states.some((s) => s !== "null")) return undefined;
      return [
        errorDiag(
          "Invalid Attribute Combination",
          `At least one of these attributes must be configured: ${list(names)}`,
          path,
        ),
      ];
    },
  };
}

/** When `name` is set, every one of `others` must be set too. */
export function requiredWith(name: string, ...others: string[]): ObjectValidator {
  requireNames("requiredWith", [name, ...others], 2);
  return {
    description: `when ${name} is configured, these attributes must be configured too: ${list(others)}`,
    validate({ value, path }) {
      if (knownNames(value, [name]).length === 0 || state(value, name) !== "set") return undefined;
      const missing = knownNames(value, others).filter((n) => state(value, n) === "null");
      return missing.map(
        (n): Diagnostic =>
          errorDiag(
            "Invalid Attribute Combination",
            `Attribute "${n}" must be specified when "${name}" is specified`,
            at(path, n),
          ),
      );
    },
  };
}
