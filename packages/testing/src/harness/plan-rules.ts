/**
 * The planning and apply rules the harness applies around a resource's handlers, mirroring what
 * Terraform and the protocol layer do: the proposed new state (Terraform's, at every depth),
 * unknown computed values when the resource
 * changes, defaults, plan modifiers, the author's plan hook, the action (create, update, replace,
 * no-op, delete), and the checks of an apply result against the plan.
 *
 * @module
 */
import {
  attributes,
  type CtyPath,
  type CtyValue,
  elements,
  formatPath,
  getPath,
  mapEntries,
  nullVal,
  rawEquals,
} from "@pyvider/cty";
import { schemaToWire, type tfplugin6 } from "@pyvider/protocol";
import { checkAgainstPlan, nullWriteOnly } from "@pyvider/protocol/internal";
import {
  type AnyAttribute,
  attributeType,
  type Diagnostic,
  errorDiag,
  keepComputedBlocks,
  markComputedUnknown,
  type Schema,
} from "@pyvider/schema";
import { proposedNewState as exactProposedNewState, prepareComputedBlocks } from "../plain/proposed.js";

/** What Terraform will do to a resource instance. */
export type PlannedAction = "create" | "update" | "replace" | "no-op" | "delete";

/** Wire schemas of the harness's resources, built once per schema. */
const wireBlocks = new WeakMap<Schema, tfplugin6.Schema_Block | undefined>();

/**
 * What the protocol layer plans from: Terraform's preparation of the configuration (computed
 * blocks written empty become null) and its proposed new state, exactly as Terraform 1.16 makes
 * them at every depth (the plain client's {@link exactProposedNewState}), then what the provider
 * does first (computed blocks the configuration leaves out keep their prior value).
 */
export function proposedNewState(schema: Schema, config: CtyValue, prior: CtyValue | null): CtyValue {
  if (!config.isKnown || config.isNull) return config;
  let block = wireBlocks.get(schema);
  if (!wireBlocks.has(schema)) {
    block = schemaToWire(schema).block;
    wireBlocks.set(schema, block);
  }
  const prepared = prepareComputedBlocks(block, config);
  const proposed = exactProposedNewState(block, prior ?? nullVal(config.type), prepared);
  if (prior === null || prior.isNull || !prior.isKnown) return proposed;
  return keepComputedBlocks(schema, prepared, proposed, prior);
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

/**
 * Terraform's checks of an apply result, made as a served provider makes them (the protocol's
 * `checkAgainstPlan`, so the harness reports what Terraform users see): every value the plan knew
 * comes back unchanged, and nothing is left unknown. Write-only attributes are not compared (they
 * are null in every state).
 */
export function checkApplied(
  schema: Schema,
  typeName: string,
  planned: CtyValue,
  state: CtyValue,
): Diagnostic[] {
  return checkAgainstPlan(
    nullWriteOnly(schema.block, planned),
    nullWriteOnly(schema.block, state),
    `resource ${typeName} apply`,
  );
}

/**
 * Checks a planned state against the configuration: configured values may not be changed by the
 * plan. Nested attributes are checked attribute by attribute (their computed children may be
 * planned); sets are not compared element by element.
 */
export function checkPlanned(
  schema: Schema,
  typeName: string,
  config: CtyValue,
  planned: CtyValue,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (planned.isNull || !config.isKnown || config.isNull) return out;
  const changed = (path: CtyPath) =>
    out.push(
      errorDiag(
        "Provider produced invalid plan",
        `The plan of ${typeName} changed ${formatPath(path)}, which is set in the configuration: a provider may only plan computed values.`,
        path,
      ),
    );
  const check = (attr: AnyAttribute, c: CtyValue, p: CtyValue, path: CtyPath): void => {
    if (c.isNull || attr.writeOnly || !c.isKnown) return;
    if (attr.kind !== "nested") {
      if (attributeType(attr).kind !== "set" && !rawEquals(c, p)) changed(path);
      return;
    }
    if (attr.nesting === "set") return;
    if (!p.isKnown || p.isNull) {
      changed(path);
      return;
    }
    const children = (cv: CtyValue, pv: CtyValue, at: CtyPath) => {
      if (cv.isNull || !cv.isKnown) return;
      if (!pv.isKnown || pv.isNull) {
        changed(at);
        return;
      }
      const co = attributes(cv);
      const po = attributes(pv);
      for (const [name, child] of Object.entries(attr.attributes)) {
        check(child, co.get(name)!, po.get(name)!, [...at, { kind: "attr", name }]);
      }
    };
    if (attr.nesting === "single") children(c, p, path);
    else if (attr.nesting === "list") {
      const ce = elements(c);
      const pe = elements(p);
      if (ce.length !== pe.length) changed(path);
      else for (const [i, e] of ce.entries()) children(e, pe[i]!, [...path, { kind: "index", index: i }]);
    } else {
      const ce = mapEntries(c);
      const pe = mapEntries(p);
      if (ce.size !== pe.size || [...ce.keys()].some((k) => !pe.has(k))) changed(path);
      else for (const [k, e] of ce) children(e, pe.get(k)!, [...path, { kind: "key", key: k }]);
    }
  };
  for (const [name, attr] of Object.entries(schema.block.attributes)) {
    const path: CtyPath = [{ kind: "attr", name }];
    check(attr, getPath(config, path), getPath(planned, path), path);
  }
  return out;
}
