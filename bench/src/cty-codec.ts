/**
 * msgpack codec benchmark: encode + decode of a 10,000-element list of 10-attribute objects
 * (strings, numbers, bools), @pyvider/cty against go-cty measured in the same run through the
 * oracle (which times go-cty's own Marshal + Unmarshal loop internally, so no IPC is counted).
 * Prints both times and the ratio; the target is a ratio of at most 0.5.
 */
import { performance } from "node:perf_hooks";
import { Oracle, toHex } from "../../packages/cty/oracle/client.js";
import {
  boolVal,
  CtyBool,
  CtyList,
  CtyNumber,
  CtyObject,
  CtyString,
  type CtyValue,
  decodeMsgpack,
  encodeMsgpack,
  listVal,
  numberVal,
  objectVal,
  stringVal,
  typeToJSON,
} from "../../packages/cty/src/index.js";

/** The benchmark's element type. */
export const rowType = CtyObject({
  id: CtyString,
  name: CtyString,
  description: CtyString,
  region: CtyString,
  count: CtyNumber,
  ratio: CtyNumber,
  size: CtyNumber,
  port: CtyNumber,
  enabled: CtyBool,
  public: CtyBool,
});
/** The benchmark's value type. */
export const listType = CtyList(rowType);

/** Builds the benchmark value. */
export function makeValue(n = 10_000): CtyValue {
  const rows: CtyValue[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(
      objectVal({
        id: stringVal(`i-${((i * 2654435761) % 2 ** 32).toString(16).padStart(8, "0")}`),
        name: stringVal(`server-${i}`),
        description: stringVal(
          `A machine in the fleet, number ${i}, with a longer free-text description — ünïcode too.`,
        ),
        region: stringVal(["eu-west-1", "us-east-1", "ap-south-1"][i % 3]!),
        count: numberVal(i),
        ratio: numberVal(i / 7),
        size: numberVal(BigInt(i) * 1_000_000_007n),
        port: numberVal(1024 + (i % 50_000)),
        enabled: boolVal(i % 2 === 0),
        public: boolVal(i % 3 === 0),
      }),
    );
  }
  return listVal(rows, rowType);
}

function timeIt(iterations: number, f: () => void): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) f();
  return ((performance.now() - start) * 1e6) / iterations;
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;

/**
 * Runs the benchmark and prints the result; returns the ratio ours / go-cty. The machine may be
 * busy, so both sides run in alternating rounds and the best round of each side is compared.
 */
export async function runCtyCodecBench(iterations = 10, rounds = 5): Promise<number> {
  const value = makeValue();
  const bytes = encodeMsgpack(value, listType);
  // Warm up the JIT.
  for (let i = 0; i < 5; i++) decodeMsgpack(encodeMsgpack(value, listType), listType);

  const oracle = Oracle.start();
  try {
    const hex = toHex(bytes);
    const tj = typeToJSON(listType);
    const check = await oracle.call({ op: "msgpack-roundtrip", type: tj, hex });
    if (!check.ok || check.hex !== hex)
      throw new Error("go-cty does not reproduce our bytes for the benchmark value");
    await oracle.call({ op: "bench", type: tj, hex, iterations: 3 }); // warm-up
    let best = { enc: Infinity, dec: Infinity, goEnc: Infinity, goDec: Infinity };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const enc = timeIt(iterations, () => encodeMsgpack(value, listType));
      const dec = timeIt(iterations, () => decodeMsgpack(bytes, listType));
      const go = await oracle.call({ op: "bench", type: tj, hex, iterations });
      if (!go.ok) throw new Error(`oracle bench failed: ${go.error}`);
      const goEnc = go.encodeNs ?? 0;
      const goDec = go.decodeNs ?? 0;
      ratios.push((enc + dec) / (goEnc + goDec));
      if (enc + dec < best.enc + best.dec) best = { ...best, enc, dec };
      if (goEnc + goDec < best.goEnc + best.goDec) best = { ...best, goEnc, goDec };
    }
    const ours = best.enc + best.dec;
    const theirs = best.goEnc + best.goDec;
    const ratio = ours / theirs;
    ratios.sort((a, b) => a - b);
    console.log(
      `cty msgpack codec: 10,000 objects x 10 attributes (${bytes.length} bytes); best of ${rounds} rounds of ${iterations}`,
    );
    console.log(`  @pyvider/cty  encode ${ms(best.enc)}  decode ${ms(best.dec)}  total ${ms(ours)}`);
    console.log(`  go-cty        encode ${ms(best.goEnc)}  decode ${ms(best.goDec)}  total ${ms(theirs)}`);
    console.log(
      `  ratio (ours / go-cty) = ${ratio.toFixed(3)}  (per-round median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}; target <= 0.5) ${ratio <= 0.5 ? "OK" : "ABOVE TARGET"}`,
    );
    return ratio;
  } finally {
    await oracle.close();
  }
}
