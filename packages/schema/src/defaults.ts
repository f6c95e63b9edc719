/**
 * Defaults: when the configuration leaves an attribute null, the plan gets its default (a static
 * value or one computed from the configuration). A default implies `computed`.
 *
 * @module
 */
import { attrStep, type CtyPath, CtyValue, fromNative, nullVal, typeString } from "@pyvider/cty";
import { type Diagnostic, errorDiag } from "./diagnostics.js";
import { attributeType, blockType } from "./implied.js";
import { nestedShape, type ObjectShape, relevant } from "./match.js";
import { type AnyAttribute, type BlockBody, bodyOf, type Schema } from "./model.js";
import { attrOf, conforms, withAttrs } from "./values.js";
import { type NestedObject, walkNested } from "./walk.js";

/** What computing a default needs: the whole configuration and where to report problems. */
export interface DefaultContext {
  readonly config: CtyValue;
  readonly diagnostics: Diagnostic[];
}
type Ctx = DefaultContext;

/** The result of {@link applyDefaults}. */
export interface DefaultsResult {
  /** The plan with defaults filled in. */
  readonly value: CtyValue;
  /** Problems computing or converting defaults. */
  readonly diagnostics: Diagnostic[];
}

/** Converts a default (native JS or cty value) to the attribute's type. */
function toValue(raw: unknown, attr: AnyAttribute, path: CtyPath, ctx: Ctx): CtyValue | undefined {
  const type = attributeType(attr, { markOptional: false });
  try {
    if (raw instanceof CtyValue) {
      if (!conforms(raw.type, type))
        throw new TypeError(`a ${typeString(type)} is required, got ${typeString(raw.type)}`);
      return raw;
    }
    if (raw === null || raw === undefined) return nullVal(type);
    return fromNative(raw, type);
  } catch (e) {
    ctx.diagnostics.push(
      errorDiag(
        "Invalid default value",
        `The default for this attribute does not fit its type: ${(e as Error).message}`,
        path,
      ),
    );
    return undefined;
  }
}

/** The default value of an attribute at `path` (undefined, with a diagnostic, when it fails). */
export function defaultFor(attr: AnyAttribute, path: CtyPath, ctx: DefaultContext): CtyValue | undefined {
  const d = attr.default!;
  if (d.kind === "static") return toValue(d.value, attr, path, ctx);
  let raw: unknown;
  try {
    raw = d.compute({ path, config: ctx.config });
  } catch (e) {
    ctx.diagnostics.push(
      errorDiag("Default failed", `Computing the default failed: ${(e as Error).message}`, path),
    );
    return undefined;
  }
  return toValue(raw, attr, path, ctx);
}

/** The nested value `plan` (of `shape`, by `nesting`) with defaults filled in, object by object. */
function walkCollection(
  ctx: Ctx,
  nesting: string,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  path: CtyPath,
): CtyValue {
  const visit = (o: NestedObject) => walkObject(ctx, shape, o.config, o.plan, o.path!);
  return walkNested(nesting, shape, config, plan, visit, undefined, path);
}

function walkObject(ctx: Ctx, shape: ObjectShape, config: CtyValue, plan: CtyValue, path: CtyPath): CtyValue {
  if (!plan.isKnown || plan.isNull) return plan;
  const changes = new Map<string, CtyValue>();
  const visit = relevant(shape, "default");
  for (const name of visit.attrs) {
    const attr = shape.attributes[name]!;
    const p = attrOf(plan, name, attributeType(attr, { markOptional: false }));
    const c = attrOf(config, name, p.type);
    const here = [...path, attrStep(name)];
    let next = p;
    if (attr.default !== undefined && c.isNull && c.isKnown) next = defaultFor(attr, here, ctx) ?? p;
    else if (attr.kind === "nested") next = walkCollection(ctx, attr.nesting, nestedShape(attr), c, p, here);
    if (next !== p) changes.set(name, next);
  }
  for (const name of visit.blocks) {
    const blk = shape.blocks[name]!;
    const p = attrOf(plan, name, blockType(blk, { markOptional: false }));
    const c = attrOf(config, name, p.type);
    const next = walkCollection(ctx, blk.nesting, blk, c, p, [...path, attrStep(name)]);
    if (next !== p) changes.set(name, next);
  }
  return withAttrs(plan, changes);
}

/**
 * Fills in defaults: wherever the configuration leaves an attribute with a default null, the plan
 * gets the default. `plan` defaults to the configuration itself.
 */
export function applyDefaults(
  schema: Schema | BlockBody,
  config: CtyValue,
  plan: CtyValue = config,
): DefaultsResult {
  const body = bodyOf(schema);
  const ctx: Ctx = { config, diagnostics: [] };
  const value = walkObject(ctx, body, config, plan, []);
  return { value, diagnostics: ctx.diagnostics };
}
