/**
 * The plan-modifier engine: walks the plan alongside config and prior state, runs each
 * attribute's plan modifiers, and collects the paths that require replacement.
 * Set elements are matched by their configurable content in linear time.
 *
 * @module
 */
import { attrStep, type CtyPath, type CtyValue, nullVal, unknownVal } from "@pyvider/cty";
import { defaultFor } from "./defaults.js";
import { type Diagnostic, errorDiag } from "./diagnostics.js";
import { attributeType, blockType } from "./implied.js";
import { nestedShape, type ObjectShape, relevant } from "./match.js";
import { type BlockBody, bodyOf, type PlanModifierResponse, type Schema } from "./model.js";
import { attrOf, withAttrs } from "./values.js";
import { type NestedObject, walkNestedAsync } from "./walk.js";

/** The input of {@link runPlanModifiers}. */
export interface PlanModifiersRequest {
  /** The configuration. */
  readonly config: CtyValue;
  /** The proposed plan (after defaults). Null when the resource is being destroyed. */
  readonly plan: CtyValue;
  /** The prior state. Null when the resource is being created. */
  readonly priorState: CtyValue;
}

/** The result of {@link runPlanModifiers}. */
export interface PlanModifiersResult {
  /** The modified plan. */
  readonly plan: CtyValue;
  /** Paths of attributes whose change requires replacing the resource. */
  readonly requiresReplace: CtyPath[];
  /** Diagnostics from the modifiers. */
  readonly diagnostics: Diagnostic[];
}

interface Ctx {
  /** Which attributes to visit. */
  readonly pass: "planModifier" | "plan";
  /** Make computed attributes with a null config unknown first. */
  readonly markUnknown: boolean;
  /** Apply defaults before the modifiers. */
  readonly defaults: boolean;
  readonly configRoot: CtyValue;
  readonly planRoot: CtyValue;
  readonly stateRoot: CtyValue;
  readonly requiresReplace: CtyPath[];
  readonly diagnostics: Diagnostic[];
}

/** The nested value `plan` (of `shape`, by `nesting`) walked object by object, in order. */
function walkCollection(
  ctx: Ctx,
  nesting: string,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  state: CtyValue | undefined,
  path: CtyPath,
): Promise<CtyValue> {
  const visit = (o: NestedObject) => walkObject(ctx, shape, o.config, o.plan, o.state, o.path!);
  return walkNestedAsync(nesting, shape, config, plan, visit, state, path);
}

async function walkObject(
  ctx: Ctx,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  state: CtyValue | undefined,
  path: CtyPath,
): Promise<CtyValue> {
  if (!plan.isKnown || plan.isNull) return plan;
  const stateExists = state?.isKnown === true && !state.isNull;
  const changes = new Map<string, CtyValue>();
  const visit = relevant(shape, ctx.pass);
  for (const name of visit.attrs) {
    const attr = shape.attributes[name]!;
    const type = attributeType(attr, { markOptional: false });
    const p0 = attrOf(plan, name, type);
    const c = attrOf(config, name, type);
    const st = stateExists ? attrOf(state, name, type) : nullVal(type);
    const here = [...path, attrStep(name)];
    let p = p0;
    let defaulted = false;
    if (ctx.pass === "plan" && c.isKnown && c.isNull) {
      if (ctx.markUnknown && attr.computed && !attr.writeOnly && p.isKnown) p = unknownVal(type);
      if (ctx.defaults && attr.default !== undefined) {
        const d = defaultFor(attr, here, { config: ctx.configRoot, diagnostics: ctx.diagnostics });
        if (d !== undefined) {
          p = d;
          defaulted = true;
        }
      }
    }
    for (const m of attr.planModifiers) {
      let resp: PlanModifierResponse | undefined;
      try {
        const r = m.modify({
          path: here,
          config: c,
          plan: p,
          state: st,
          configRoot: ctx.configRoot,
          planRoot: ctx.planRoot,
          stateRoot: ctx.stateRoot,
          stateObjectExists: stateExists,
        });
        resp = r instanceof Promise ? await r : r;
      } catch (e) {
        ctx.diagnostics.push(
          errorDiag(
            "Plan modifier failed",
            `The plan modifier "${m.description}" failed: ${(e as Error).message}`,
            here,
          ),
        );
        continue;
      }
      if (resp === undefined) continue;
      if (resp.plan !== undefined) p = resp.plan;
      if (resp.requiresReplace === true) ctx.requiresReplace.push(here);
      if (resp.diagnostics) ctx.diagnostics.push(...resp.diagnostics);
    }
    if (attr.kind === "nested" && !defaulted) {
      p = await walkCollection(
        ctx,
        attr.nesting,
        nestedShape(attr),
        c,
        p,
        stateExists ? st : undefined,
        here,
      );
    }
    if (p !== p0) changes.set(name, p);
  }
  for (const name of visit.blocks) {
    const blk = shape.blocks[name]!;
    const type = blockType(blk, { markOptional: false });
    const p = attrOf(plan, name, type);
    const c = attrOf(config, name, type);
    if (blk.computed && c.isKnown && c.isNull) {
      // A computed block the configuration leaves out: the provider's to set, like a computed attribute.
      if (ctx.pass === "plan" && ctx.markUnknown && p.isKnown) changes.set(name, unknownVal(type));
      continue;
    }
    const next = await walkCollection(
      ctx,
      blk.nesting,
      blk,
      c,
      p,
      stateExists ? attrOf(state, name, type) : undefined,
      [...path, attrStep(name)],
    );
    if (next !== p) changes.set(name, next);
  }
  return withAttrs(plan, changes);
}

/** Walks the whole plan once with the given passes (see {@link Ctx}). */
async function walkPlan(
  schema: Schema | BlockBody,
  req: PlanModifiersRequest,
  passes: Pick<Ctx, "pass" | "markUnknown" | "defaults">,
): Promise<PlanModifiersResult> {
  const ctx: Ctx = {
    ...passes,
    configRoot: req.config,
    planRoot: req.plan,
    stateRoot: req.priorState,
    requiresReplace: [],
    diagnostics: [],
  };
  const state = req.priorState.isNull ? undefined : req.priorState;
  const plan = await walkObject(ctx, bodyOf(schema), req.config, req.plan, state, []);
  return { plan, requiresReplace: ctx.requiresReplace, diagnostics: ctx.diagnostics };
}

/**
 * Runs every attribute's plan modifiers over the plan (parents before their nested attributes).
 * Does nothing when the plan is null (destroy).
 */
export async function runPlanModifiers(
  schema: Schema | BlockBody,
  req: PlanModifiersRequest,
): Promise<PlanModifiersResult> {
  return walkPlan(schema, req, { pass: "planModifier", markUnknown: false, defaults: false });
}

/** The input of {@link planChange}. */
export interface PlanChangeRequest extends PlanModifiersRequest {
  /**
   * Make computed attributes whose configuration is null unknown first (do this when the resource
   * changes, i.e. the proposed state differs from the prior state). Default false.
   */
  readonly markComputedUnknown?: boolean;
}

/**
 * The whole schema side of planning in one pass: optionally marks computed attributes unknown,
 * applies defaults, then runs plan modifiers, walking (and rebuilding) each nested collection once.
 * Equivalent to `markComputedUnknown` + `applyDefaults` + `runPlanModifiers`, but faster on large sets.
 */
export async function planChange(
  schema: Schema | BlockBody,
  req: PlanChangeRequest,
): Promise<PlanModifiersResult> {
  return walkPlan(schema, req, {
    pass: "plan",
    markUnknown: req.markComputedUnknown === true,
    defaults: true,
  });
}
