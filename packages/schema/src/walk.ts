/**
 * The one walker of nested values that the schema passes share (computed unknowns, defaults, plan
 * modifiers and the whole plan, computed blocks): a nested attribute's or a block's value is
 * visited object by object by its nesting mode, each object with its counterpart in the
 * configuration (and the prior state) and its attribute path, and rebuilt only when a visit
 * changed something.
 *
 * Counterparts are matched as Terraform matches them: `single`/`group` the value itself, `map` by
 * key, `list` by index, `set` by configurable content ({@link configKey}).
 *
 * @module
 * @internal
 */
import { type CtyPath, type CtyValue, elementStep, indexStep, keyStep, nullVal } from "@pyvider/cty";
import { configKey, indexByConfigKey, type ObjectShape } from "./match.js";
import { elementsOf, entriesOf, rebuildCollection } from "./values.js";

/** One object of a nested value, with its counterparts. */
export interface NestedObject {
  /** The object in the value being walked (known, maybe null). */
  readonly plan: CtyValue;
  /** Its configuration counterpart (null of the object's type when the configuration has none). */
  readonly config: CtyValue;
  /** Its prior-state counterpart, when a state was given and has one. */
  readonly state: CtyValue | undefined;
  /** Its path, when a path was given (walks that report nothing pass none and build none). */
  readonly path: CtyPath | undefined;
}

/** The objects of a known, non-null collection value (list, set or map nesting), in order. */
function collectionObjects(
  nesting: string,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  state: CtyValue | undefined,
  path: CtyPath | undefined,
): { objects: NestedObject[]; keys: string[] | undefined } {
  if (nesting === "map") {
    const cfg = entriesOf(config);
    const prior = state === undefined ? undefined : entriesOf(state);
    const objects: NestedObject[] = [];
    const keys: string[] = [];
    for (const [k, e] of entriesOf(plan)) {
      keys.push(k);
      objects.push({
        plan: e,
        config: cfg.get(k) ?? nullVal(e.type),
        state: prior?.get(k),
        path: path === undefined ? undefined : [...path, keyStep(k)],
      });
    }
    return { objects, keys };
  }
  const isSet = nesting === "set";
  const cfgEls = isSet ? undefined : elementsOf(config);
  const stEls = isSet || state === undefined ? undefined : elementsOf(state);
  const cfgByKey = isSet ? indexByConfigKey(shape, config) : undefined;
  const stByKey = isSet && state !== undefined ? indexByConfigKey(shape, state) : undefined;
  const objects = elementsOf(plan).map((e, i): NestedObject => {
    const key = isSet ? configKey(shape, e) : "";
    const c = isSet ? cfgByKey!.get(key) : cfgEls![i];
    return {
      plan: e,
      config: c ?? nullVal(e.type),
      state: isSet ? stByKey?.get(key) : stEls?.[i],
      path: path === undefined ? undefined : [...path, isSet ? elementStep(e) : indexStep(i)],
    };
  });
  return { objects, keys: undefined };
}

/** The collection rebuilt from the visited objects, or `plan` itself when no visit changed one. */
function rebuilt(
  plan: CtyValue,
  objects: readonly NestedObject[],
  keys: readonly string[] | undefined,
  out: readonly CtyValue[],
): CtyValue {
  if (!out.some((n, i) => n !== objects[i]!.plan)) return plan;
  if (keys === undefined) return rebuildCollection(plan, out);
  return rebuildCollection(plan, new Map(keys.map((k, i) => [k, out[i]!])));
}

/**
 * Visits every object of a nested value (`plan`, of a nested attribute or block with `nesting`
 * and `shape`) with its counterparts, and returns the value with each object replaced by what
 * the visit returned. An unknown or null value is returned as it is, unvisited.
 * @param state the prior-state counterpart of `plan`, if the walk needs one
 * @param path the path of `plan`, if the walk reports anything (else no path is built)
 */
export function walkNested(
  nesting: string,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  visit: (object: NestedObject) => CtyValue,
  state?: CtyValue,
  path?: CtyPath,
): CtyValue {
  if (!plan.isKnown || plan.isNull) return plan;
  if (nesting === "single" || nesting === "group") return visit({ plan, config, state, path });
  const { objects, keys } = collectionObjects(nesting, shape, config, plan, state, path);
  return rebuilt(plan, objects, keys, objects.map(visit));
}

/** {@link walkNested} with an asynchronous visit: objects are visited one after another, in order. */
export async function walkNestedAsync(
  nesting: string,
  shape: ObjectShape,
  config: CtyValue,
  plan: CtyValue,
  visit: (object: NestedObject) => Promise<CtyValue>,
  state?: CtyValue,
  path?: CtyPath,
): Promise<CtyValue> {
  if (!plan.isKnown || plan.isNull) return plan;
  if (nesting === "single" || nesting === "group") return visit({ plan, config, state, path });
  const { objects, keys } = collectionObjects(nesting, shape, config, plan, state, path);
  const out: CtyValue[] = [];
  for (const o of objects) out.push(await visit(o));
  return rebuilt(plan, objects, keys, out);
}

/**
 * Visits every object of a nested value by its nesting mode, with its path: `single`/`group` the
 * value itself, `map` each entry (key step), `list` each element (index step), `set` each element
 * (element step). An unknown or null value has no objects. For walks that only look (validation).
 */
export function forEachNested(
  nesting: string,
  value: CtyValue,
  path: CtyPath,
  visit: (object: CtyValue, path: CtyPath) => void,
): void {
  if (!value.isKnown || value.isNull) return;
  if (nesting === "single" || nesting === "group") {
    visit(value, path);
    return;
  }
  if (nesting === "map") {
    for (const [k, e] of entriesOf(value)) visit(e, [...path, keyStep(k)]);
    return;
  }
  const els = elementsOf(value);
  for (let i = 0; i < els.length; i++) {
    const e = els[i]!;
    visit(e, [...path, nesting === "list" ? indexStep(i) : elementStep(e)]);
  }
}
