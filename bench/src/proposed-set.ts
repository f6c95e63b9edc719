/**
 * Proposed-new-state benchmark: the testing harness's `proposedNewState` (Terraform's
 * `objchange.ProposedNew`) on a set nested block of 1,000 and 10,000 elements with a prior of the
 * same size, every configured element matching one prior element that differs from it only at a
 * computed attribute. Matching must stay linear: prints both times and the 1k → 10k ratio
 * (linear ≈ 10, quadratic ≈ 100); target: 10,000 elements under 0.2 s. The reference measured in
 * the same run is cty's own `setVal` of the 10,000 prior elements (canonical set ordering), which
 * the result pays once.
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

/** Runs the benchmark and prints the figures. */
export function runProposedSetBench(): void {
  time(1_000, 3); // warm-up
  const small = time(1_000, 7);
  const large = time(10_000, 5);
  const reference = timeSetVal(10_000, 3);
  console.log("proposedNewState, set nested block with a prior of the same size (best of runs)");
  console.log(`   1,000 elements ${small.toFixed(1).padStart(8)} ms`);
  console.log(`  10,000 elements ${large.toFixed(1).padStart(8)} ms   (target < 200 ms)`);
  console.log(
    `  ratio 10k / 1k  ${(large / small).toFixed(1).padStart(8)}x   (linear ≈ 10, quadratic ≈ 100)`,
  );
  console.log(
    `  reference: setVal of the 10,000 prior elements ${reference.toFixed(1)} ms; proposedNewState / setVal ${(large / reference).toFixed(2)}x`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) runProposedSetBench();
