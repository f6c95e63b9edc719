/**
 * The checks Terraform would make after apply, made first so that a provider bug is reported
 * with the attribute at fault: every value known in the plan must come back unchanged, and no
 * part of the new state may still be unknown. Messages never include the values (they may be
 * sensitive).
 *
 * @module
 */
import {
  attributes,
  attrStep,
  type CtyPath,
  type CtyValue,
  elements,
  formatPath,
  indexStep,
  isWhollyKnown,
  keyStep,
  mapEntries,
  rawEquals,
} from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";
import { errorAt } from "./diagnostics.js";
import { RequestError } from "./dynamic.js";
import { unknownPaths } from "./values.js";

function compare(planned: CtyValue, actual: CtyValue, path: CtyPath, out: CtyPath[]): void {
  if (!planned.isKnown) return;
  if (planned.isNull || actual.isNull || !actual.isKnown) {
    if (!(planned.isNull && actual.isNull)) out.push(path);
    return;
  }
  const kind = planned.type.kind;
  if (kind === "object" && actual.type.kind === "object") {
    const got = attributes(actual);
    for (const [k, p] of attributes(planned)) {
      const a = got.get(k);
      if (a !== undefined) compare(p, a, [...path, attrStep(k)], out);
    }
    return;
  }
  if (kind === "map" && actual.type.kind === "map") {
    const p = mapEntries(planned);
    const a = mapEntries(actual);
    if (p.size !== a.size || [...p.keys()].some((k) => !a.has(k))) {
      out.push(path);
      return;
    }
    for (const [k, pv] of p) compare(pv, a.get(k)!, [...path, keyStep(k)], out);
    return;
  }
  if ((kind === "list" || kind === "tuple") && actual.type.kind === kind) {
    const p = elements(planned);
    const a = elements(actual);
    if (p.length !== a.length) {
      out.push(path);
      return;
    }
    p.forEach((pv, i) => {
      compare(pv, a[i]!, [...path, indexStep(i)], out);
    });
    return;
  }
  if (kind === "set") {
    // A set with unknown parts can't be matched element by element: Terraform accepts any result.
    if (isWhollyKnown(planned) && !rawEquals(planned, actual)) out.push(path);
    return;
  }
  if (!rawEquals(planned, actual)) out.push(path);
}

/**
 * Checks a new state against the planned state.
 * @param where e.g. `resource kv_entry create`
 * @returns an error diagnostic per attribute that differs from a known planned value, and one
 *   per attribute left unknown
 */
export function checkAgainstPlan(planned: CtyValue, actual: CtyValue, where: string): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const changed: CtyPath[] = [];
  compare(planned, actual, [], changed);
  for (const path of changed) {
    const at = path.length === 0 ? "the object" : `"${formatPath(path)}"`;
    diags.push(
      errorAt(
        "Provider produced inconsistent result after apply",
        `${where} returned a value for ${at} that differs from its known planned value. ` +
          "A value known in the plan must be returned unchanged; plan it as unknown (or change it in the plan hook) instead. This is a bug in the provider.",
        path,
      ),
    );
  }
  diags.push(...unknownErrors(actual, where));
  return diags;
}

/** An error diagnostic per unknown part of a value that must be wholly known (a new state). */
export function unknownErrors(value: CtyValue, where: string): Diagnostic[] {
  return unknownPaths(value).map((path) =>
    errorAt(
      "Provider returned an unknown value",
      `${where} left ${path.length === 0 ? "the object" : `"${formatPath(path)}"`} unknown. After apply, every attribute must have a known value (null if there is none). This is a bug in the provider.`,
      path,
    ),
  );
}

/**
 * `value` when it is wholly known; otherwise throws a {@link RequestError} with `diagnostics` (what
 * the handler reported) followed by an error per unknown part.
 */
export function requireKnown(
  value: CtyValue,
  where: string,
  diagnostics: readonly Diagnostic[] = [],
): CtyValue {
  const unknown = unknownErrors(value, where);
  if (unknown.length > 0) throw new RequestError([...diagnostics, ...unknown]);
  return value;
}
