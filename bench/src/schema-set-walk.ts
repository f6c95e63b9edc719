/**
 * Schema set-walk benchmark: validation, defaults and plan modifiers (`validateConfig` + `planChange`,
 * and the separate passes for comparison) over a set nested attribute of
 * 1,000 and 10,000 objects. terraform-plugin-framework matches set elements pairwise (its issue
 * #775: about 70 s to plan 1,000 nested objects); @pyvider/schema matches them by content in
 * linear time. Prints both times and their ratio; targets: ratio <= 15 and 10,000 elements < 1 s.
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type CtyValue, elements, fromNative, getAttr, setVal, toNative, Unknown } from "@pyvider/cty";
import {
  a,
  applyDefaults,
  planChange,
  pm,
  runPlanModifiers,
  s,
  schemaImpliedType,
  v,
  validateConfig,
} from "@pyvider/schema";

// Collect garbage before each timed round so that one size does not pay for the other's garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** The benchmark schema: a resource with a set nested attribute. */
export const schema = s.resource({
  name: a.str({ required: true }),
  entries: a.nested.set({
    key: a.str({ required: true, validators: [v.lengthBetween(1, 64), v.matches(/^[a-z0-9-]+$/)] }),
    value: a.str({ optional: true }),
    weight: a.num({ default: 1, validators: [v.between(0, 1000)] }),
    id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
  }),
});

const type = schemaImpliedType(schema, { markOptional: false });

function inputs(n: number) {
  const cfg: unknown[] = [];
  const plan: unknown[] = [];
  const prior: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const key = `key-${i}`;
    const weight = i % 3 === 0 ? null : i % 1000;
    cfg.push({ key, value: `value ${i}`, weight, id: null });
    plan.push({ key, value: `value ${i}`, weight, id: Unknown });
    prior.push({ key, value: `value ${i}`, weight: weight ?? 1, id: `id-${i}` });
  }
  return {
    config: fromNative({ name: "bench", entries: cfg }, type),
    plan: fromNative({ name: "bench", entries: plan }, type),
    prior: fromNative({ name: "bench", entries: prior }, type),
  };
}

/** One full walk: validate, then defaults + plan modifiers in one pass (`planChange`). Returns the plan. */
async function walk(x: ReturnType<typeof inputs>): Promise<CtyValue> {
  const diags = await validateConfig(schema, x.config);
  if (diags.length > 0) throw new Error(`unexpected diagnostics: ${diags[0]?.summary}`);
  const r = await planChange(schema, { config: x.config, plan: x.plan, priorState: x.prior });
  return r.plan;
}

/** The same with the separate passes (`applyDefaults`, then `runPlanModifiers`). */
async function walkSeparate(x: ReturnType<typeof inputs>): Promise<CtyValue> {
  const diags = await validateConfig(schema, x.config);
  if (diags.length > 0) throw new Error(`unexpected diagnostics: ${diags[0]?.summary}`);
  const { value: planned } = applyDefaults(schema, x.config, x.plan);
  const r = await runPlanModifiers(schema, { config: x.config, plan: planned, priorState: x.prior });
  return r.plan;
}

/** Counts the planned elements that got their state id and a weight (checked outside the timing). */
function resolvedCount(plan: CtyValue): number {
  const out = toNative(plan) as { entries: { id: unknown; weight: unknown }[] };
  return out.entries.filter((e) => typeof e.id === "string" && e.weight !== null).length;
}

/**
 * Best-of-`rounds` time of one walk over `n` elements, and of the reference (one cty `setVal` over
 * the same elements). Each timed round walks `batch` times, so that both sizes process the same
 * number of elements per round (10 x 1,000 against 1 x 10,000) under the same allocation and GC
 * conditions; the time per walk is the round's time divided by `batch`.
 */
async function best(
  n: number,
  batch: number,
  rounds: number,
  run: (x: ReturnType<typeof inputs>) => Promise<CtyValue> = walk,
): Promise<{ walk: number; setVal: number }> {
  const x = inputs(n);
  const els = elements(getAttr(x.prior, "entries"));
  let walkMin = Number.POSITIVE_INFINITY;
  let setMin = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    gc();
    const t0 = performance.now();
    let plan: CtyValue | undefined;
    for (let i = 0; i < batch; i++) plan = await run(x);
    const t1 = performance.now();
    gc();
    const t2 = performance.now();
    for (let i = 0; i < batch; i++) setVal(els);
    const t3 = performance.now();
    const resolved = resolvedCount(plan!);
    if (resolved !== n) throw new Error(`expected ${n} elements with state ids and weights, got ${resolved}`);
    walkMin = Math.min(walkMin, (t1 - t0) / batch);
    setMin = Math.min(setMin, (t3 - t2) / batch);
  }
  return { walk: walkMin, setVal: setMin };
}

/** Runs the benchmark and prints the figures. */
export async function runSchemaSetWalkBench(): Promise<{ small: number; large: number; ratio: number }> {
  await best(1_000, 10, 2); // warm-up
  const s1 = await best(1_000, 10, 5);
  const s10 = await best(10_000, 1, 5);
  const small = s1.walk;
  const large = s10.walk;
  const ratio = large / small;
  const sep1 = await best(1_000, 10, 5, walkSeparate);
  const sep10 = await best(10_000, 1, 5, walkSeparate);
  console.log(
    "schema set walk (validateConfig + planChange: defaults and plan modifiers over a set nested attribute)",
  );
  console.log(
    `  1,000 elements:  ${small.toFixed(1)} ms   (reference: one cty setVal of the elements ${s1.setVal.toFixed(1)} ms)`,
  );
  console.log(
    `  10,000 elements: ${large.toFixed(1)} ms   (reference: one cty setVal of the elements ${s10.setVal.toFixed(1)} ms)`,
  );
  console.log(`  ratio 10k/1k:    ${ratio.toFixed(2)} (target <= 15; linear = 10)`);
  console.log(`  10k under 1 s:   ${large < 1000 ? "yes" : "NO"}`);
  console.log(
    `  walk / setVal:   ${(small / s1.setVal).toFixed(2)} at 1k, ${(large / s10.setVal).toFixed(2)} at 10k (the set is rebuilt once)`,
  );
  console.log(
    `  separate passes (applyDefaults + runPlanModifiers): ${sep1.walk.toFixed(1)} ms / ${sep10.walk.toFixed(1)} ms, ratio ${(sep10.walk / sep1.walk).toFixed(2)}`,
  );
  return { small, large, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await runSchemaSetWalkBench();
