/**
 * The planning and apply rules the harness applies around a resource's handlers, mirroring what
 * Terraform and the protocol layer do: the proposed new state (config, with computed attributes
 * the config leaves null taken from the prior state), unknown computed values when the resource
 * changes, defaults, plan modifiers, the author's plan hook, the action (create, update, replace,
 * no-op, delete), and the checks of an apply result against the plan.
 *
 * @module
 */
import {
  attributes,
  type CtyPath,
  type CtyValue,
  formatPath,
  getPath,
  isWhollyKnown,
  objectVal,
  rawEquals,
} from "@pyvider/cty";
import {
  attributeType,
  type Diagnostic,
  errorDiag,
  keepComputedBlocks,
  markComputedUnknown,
  type Schema,
} from "@pyvider/schema";

/** What Terraform will do to a resource instance. */
export type PlannedAction = "create" | "update" | "replace" | "no-op" | "delete";

/**
 * Terraform's proposed new state for a top-level object: configured values, except that a
 * computed attribute the configuration leaves null keeps its prior value (null on create).
 * Nested blocks and nested attributes are taken from the configuration as a whole, except
 * computed ones left null, and computed blocks the configuration leaves out (null), which keep
 * their prior value too.
 */
export function proposedNewState(schema: Schema, config: CtyValue, prior: CtyValue | null): CtyValue {
  if (prior === null || prior.isNull || !prior.isKnown) return config;
  if (!config.isKnown || config.isNull) return config;
  const cfg = attributes(config);
  const old = attributes(prior);
  const out = new Map<string, CtyValue>();
  for (const [name, value] of cfg) {
    const attr = schema.block.attributes[name];
    const keepPrior = attr?.computed === true && !attr.writeOnly && value.isKnown && value.isNull;
    out.set(name, keepPrior ? (old.get(name) ?? value) : value);
  }
  return keepComputedBlocks(schema, config, objectVal(out), prior);
}

/** Marks computed values unknown when the resource changes (or is created). */
export function markUnknownIfChanging(
  schema: Schema,
  config: CtyValue,
  proposed: CtyValue,
  prior: CtyValue | null,
): CtyValue {
  if (prior !== null && rawEquals(proposed, prior)) return proposed;
  return markComputedUnknown(schema, config, proposed);
}

function differs(prior: CtyValue, planned: CtyValue, path: CtyPath): boolean {
  let a: CtyValue;
  let b: CtyValue;
  try {
    a = getPath(prior, path);
    b = getPath(planned, path);
  } catch {
    return true;
  }
  if (!b.isKnown || !a.isKnown) return true;
  return !rawEquals(a, b);
}

/** The action for a planned change. `requiresReplace` only counts where the value changes. */
export function actionOf(
  prior: CtyValue | null,
  planned: CtyValue | null,
  requiresReplace: readonly CtyPath[],
): PlannedAction {
  if (planned === null) return prior === null ? "no-op" : "delete";
  if (prior === null) return "create";
  if (rawEquals(prior, planned)) return "no-op";
  if (requiresReplace.some((p) => differs(prior, planned, p))) return "replace";
  return "update";
}

function walkLeaves(
  schema: Schema,
  planned: CtyValue,
  actual: CtyValue,
  visit: (path: CtyPath, planned: CtyValue, actual: CtyValue) => void,
): void {
  for (const name of Object.keys(schema.block.attributes)) {
    const path: CtyPath = [{ kind: "attr", name }];
    visit(path, getPath(planned, path), getPath(actual, path));
  }
  for (const name of Object.keys(schema.block.blocks)) {
    const path: CtyPath = [{ kind: "attr", name }];
    visit(path, getPath(planned, path), getPath(actual, path));
  }
}

/**
 * Terraform's checks of an apply result: every value known, and every value the plan knew
 * unchanged ("Provider produced inconsistent result after apply").
 */
export function checkApplied(
  schema: Schema,
  typeName: string,
  planned: CtyValue,
  state: CtyValue,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isWhollyKnown(state)) {
    out.push(
      errorDiag(
        "Provider returned invalid result object after apply",
        `After applying changes to ${typeName}, the provider left some values unknown: every value must be known after apply.`,
      ),
    );
  }
  if (planned.isNull || state.isNull) return out;
  walkLeaves(schema, planned, state, (path, p, a) => {
    if (!isWhollyKnown(p) || rawEquals(p, a)) return;
    const attr = schema.block.attributes[(path[0] as { name: string }).name];
    if (attr?.writeOnly === true) return;
    out.push(
      errorDiag(
        "Provider produced inconsistent result after apply",
        `When applying changes to ${typeName}, the provider produced an unexpected new value: ${formatPath(path)} was planned as a known value and changed during apply.`,
        path,
      ),
    );
  });
  return out;
}

/** Checks a planned state against the configuration: configured values may not be changed by the plan. */
export function checkPlanned(
  schema: Schema,
  typeName: string,
  config: CtyValue,
  planned: CtyValue,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (planned.isNull || !config.isKnown || config.isNull) return out;
  for (const [name, attr] of Object.entries(schema.block.attributes)) {
    const path: CtyPath = [{ kind: "attr", name }];
    const c = getPath(config, path);
    if (c.isNull || attr.writeOnly || !c.isKnown) continue;
    const p = getPath(planned, path);
    if (attributeType(attr).kind === "set" || rawEquals(c, p)) continue;
    out.push(
      errorDiag(
        "Provider produced invalid plan",
        `The plan of ${typeName} changed ${formatPath(path)}, which is set in the configuration: a provider may only plan computed values.`,
        path,
      ),
    );
  }
  return out;
}
