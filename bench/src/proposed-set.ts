/**
 * Proposed-new-state benchmark: the testing harness's `proposedNewState` (Terraform's
 * `objchange.ProposedNew`) on a set nested block with a prior of the same size, every configured
 * element matching one prior element that differs from it only at a computed attribute, at 1,000,
 * 5,000, 10,000 and 20,000 elements. Matching must stay linear:
 * prints the time per element and the 1k → 10k and 10k → 20k ratios (linear ≈ 10 and 2,
 * quadratic ≈ 100 and 4); target: 10,000 elements under 0.2 s. The reference measured in the
 * same run at each size is cty's own `setVal` of the prior elements (canonical set ordering),
 * which the result pays once.
 *
 *   pnpm --filter @pyvider/bench run bench:proposed
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  CtyString,
  type CtyValue,
  elements,
  getAttr,
  nullVal,
  objectVal,
  setVal,
  stringVal,
} from "@pyvider/cty";
import { tfplugin6 } from "@pyvider/protocol";
import { proposedNewState } from "@pyvider/testing";

const enc = (t: unknown) => new TextEncoder().encode(JSON.stringify(t));

/** The benchmark schema: a resource with one set nested block `entry { key (required), value (optional), id (computed) }`. */
export const schema = tfplugin6.Schema_Block.fromPartial({
  attributes: [tfplugin6.Schema_Attribute.fromPartial({ name: "name", type: enc("string"), required: true })],
  blockTypes: [
    tfplugin6.Schema_NestedBlock.fromPartial({
      typeName: "entry",
      nesting: tfplugin6.Schema_NestedBlock_NestingMode.SET,
      block: {
        attributes: [
          tfplugin6.Schema_Attribute.fromPartial({ name: "key", type: enc("string"), required: true }),
          tfplugin6.Schema_Attribute.fromPartial({ name: "value", type: enc("string"), optional: true }),
          tfplugin6.Schema_Attribute.fromPartial({ name: "id", type: enc("string"), computed: true }),
        ],
      },
    }),
  ],
});

/** A prior state of `n` entries and a configuration of the same `n` without their computed ids. */
export function inputs(n: number): { prior: CtyValue; config: CtyValue } {
  const prior: CtyValue[] = [];
  const config: CtyValue[] = [];
  for (let i = 0; i < n; i++) {
    const key = stringVal(`key-${i}`);
    const value = stringVal(`value ${i % 97}`);
    prior.push(objectVal({ key, value, id: stringVal(`id-${i}`) }));
    config.push(objectVal({ key, value, id: nullVal(CtyString) }));
  }
  const name = stringVal("bench");
  return {
    prior: objectVal({ name, entry: setVal(prior) }),
    config: objectVal({ name, entry: setVal(config) }),
  };
}

// Collect garbage before each timed round so that one size does not pay for the other's garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Best of `rounds` timings of `f`, in ms. */
function best(rounds: number, f: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    gc();
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** Best of `rounds` timings of `proposedNewState` on `n` elements, in ms. */
function time(n: number, rounds: number): number {
  const { prior, config } = inputs(n);
  return best(rounds, () => {
    if (proposedNewState(schema, prior, config).isNull) throw new Error("proposedNewState returned null");
  });
}

/**
 * The reference: building the prior set itself (`setVal`, cty's canonical ordering of `n`
 * objects), a cost any proposed new state pays once for its result.
 */
function timeSetVal(n: number, rounds: number): number {
  const { prior } = inputs(n);
  const elems = elements(getAttr(prior, "entry"));
  return best(rounds, () => setVal(elems));
}

/** The sizes measured: linear time shows as a flat time per element. */
const SIZES = [1_000, 5_000, 10_000, 20_000] as const;

/** Runs the benchmark and prints the figures. */
export function runProposedSetBench(): void {
  time(1_000, 3); // warm-up
  const rows = SIZES.map((n) => {
    const rounds = n <= 5_000 ? 7 : 5;
    return { n, ms: time(n, rounds), ref: timeSetVal(n, rounds) };
  });
  console.log("proposedNewState, set nested block with a prior of the same size (best of runs)");
  console.log("  elements        ms   us/element   setVal ms   proposed/setVal");
  for (const { n, ms, ref } of rows) {
    console.log(
      `  ${n.toLocaleString("en-US").padStart(8)} ${ms.toFixed(1).padStart(9)} ${((ms * 1000) / n).toFixed(2).padStart(12)} ${ref.toFixed(1).padStart(11)} ${(ms / ref).toFixed(2).padStart(17)}x`,
    );
  }
  const at = (n: number) => rows.find((r) => r.n === n)!.ms;
  console.log(`  10,000 elements: ${at(10_000).toFixed(1)} ms (target < 200 ms)`);
  console.log(
    `  ratio 10k / 1k ${(at(10_000) / at(1_000)).toFixed(1)}x, 20k / 10k ${(at(20_000) / at(10_000)).toFixed(1)}x (linear ≈ 10 and 2, quadratic ≈ 100 and 4)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) runProposedSetBench();
