/**
 * msgpack codec benchmark, all sides measured in the same run on the same bytes:
 * - @pyvider/cty (its own msgpack byte layer);
 * - go-cty, timed inside the oracle (its own Marshal / Unmarshal loop, so no IPC is counted);
 * - the same cty values through msgpackr (bench/src/cty-msgpackr.ts), whose bytes are first
 *   checked to be identical to ours and whose decoded values identical to our decoder's.
 *
 * Cases: encode + decode of a 10,000-element list of 10-attribute objects (target ratio to
 * go-cty <= 0.25), and decode of a 10,000-element set of strings (target <= 1.0; the canonical
 * ordering of the set is the cost).
 * The machine may be busy, so the sides run in alternating rounds and the headline figures are
 * medians of the per-round ratios (the ratio of each side's best round is printed too).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  boolVal,
  CtyBool,
  CtyList,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  type CtyType,
  type CtyValue,
  decodeMsgpack,
  encodeMsgpack,
  listVal,
  numberVal,
  objectVal,
  rawEquals,
  setVal,
  stringVal,
  typeToJSON,
} from "@pyvider/cty";
import { Oracle, toHex } from "../../packages/cty/oracle/client.js";
import { decodeWithMsgpackr, encodeWithMsgpackr } from "./cty-msgpackr.js";

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
/** The set benchmark's type. */
export const stringSetType = CtySet(CtyString);

/** Builds the list benchmark value. */
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

/** Builds the set benchmark value: host names and CIDR blocks, one in ten with non-ASCII text. */
export function makeStringSet(n = 10_000): CtyValue {
  const elems: CtyValue[] = [];
  for (let i = 0; i < n; i++) {
    const h = ((i * 2654435761) % 2 ** 32).toString(16).padStart(8, "0");
    if (i % 10 === 9) elems.push(stringVal(`zürich-${h}.example.com`));
    else if (i % 2 === 0) elems.push(stringVal(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`));
    else elems.push(stringVal(`host-${h}.example.com`));
  }
  return setVal(elems, CtyString);
}

function timeIt(iterations: number, f: () => void): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) f();
  return ((performance.now() - start) * 1e6) / iterations;
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

/** The go-cty version the oracle is built with (from its go.mod). */
export function goCtyVersion(): string {
  const mod = readFileSync(new URL("../../packages/cty/oracle/go.mod", import.meta.url), "utf8");
  return /github\.com\/zclconf\/go-cty (v\S+)/.exec(mod)?.[1] ?? "unknown";
}

interface Times {
  enc: number;
  dec: number;
}
/** Best and per-round times of the three sides for one case. */
export interface CaseResult {
  name: string;
  bytes: number;
  ours: Times;
  go: Times;
  msgpackr: Times;
  /** Per-round ratios of the timed quantity: ours / go-cty, msgpackr / go-cty, ours / msgpackr. */
  roundsVsGo: number[];
  roundsMsgpackrVsGo: number[];
  roundsVsMsgpackr: number[];
  /** Per-round ratios ours / msgpackr of encoding and of decoding alone. */
  roundsEncVsMsgpackr: number[];
  roundsDecVsMsgpackr: number[];
}

async function runCase(
  oracle: Oracle,
  name: string,
  value: CtyValue,
  type: CtyType,
  measure: (t: Times) => number,
  iterations: number,
  rounds: number,
): Promise<CaseResult> {
  const bytes = encodeMsgpack(value, type);
  const hex = toHex(bytes);
  const tj = typeToJSON(type);
  const check = await oracle.call({ op: "msgpack-roundtrip", type: tj, hex });
  if (!check.ok || check.hex !== hex) throw new Error(`${name}: go-cty does not reproduce our bytes`);
  // msgpackr must write the very same bytes and read back the very same value.
  const viaMsgpackr = encodeWithMsgpackr(value, type);
  if (toHex(viaMsgpackr) !== hex) throw new Error(`${name}: msgpackr's bytes differ from ours`);
  if (!rawEquals(decodeWithMsgpackr(bytes, type), decodeMsgpack(bytes, type)))
    throw new Error(`${name}: msgpackr's decoded value differs from ours`);
  for (let i = 0; i < 5; i++) {
    decodeMsgpack(encodeMsgpack(value, type), type);
    decodeWithMsgpackr(encodeWithMsgpackr(value, type), type);
  }
  await oracle.call({ op: "bench", type: tj, hex, iterations: 3 }); // warm-up

  const best = { ours: both(), go: both(), msgpackr: both() };
  const r: Omit<CaseResult, "name" | "bytes" | "ours" | "go" | "msgpackr"> = {
    roundsVsGo: [],
    roundsMsgpackrVsGo: [],
    roundsVsMsgpackr: [],
    roundsEncVsMsgpackr: [],
    roundsDecVsMsgpackr: [],
  };
  const timeOurs = () => ({
    enc: timeIt(iterations, () => encodeMsgpack(value, type)),
    dec: timeIt(iterations, () => decodeMsgpack(bytes, type)),
  });
  const timeMsgpackr = () => ({
    enc: timeIt(iterations, () => encodeWithMsgpackr(value, type)),
    dec: timeIt(iterations, () => decodeWithMsgpackr(bytes, type)),
  });
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always inherits the other's garbage.
    let ours: Times;
    let mp: Times;
    if (round % 2 === 0) {
      ours = timeOurs();
      mp = timeMsgpackr();
    } else {
      mp = timeMsgpackr();
      ours = timeOurs();
    }
    const g = await oracle.call({ op: "bench", type: tj, hex, iterations });
    if (!g.ok) throw new Error(`oracle bench failed: ${g.error}`);
    const go = { enc: g.encodeNs ?? 0, dec: g.decodeNs ?? 0 };
    r.roundsVsGo.push(measure(ours) / measure(go));
    r.roundsMsgpackrVsGo.push(measure(mp) / measure(go));
    r.roundsVsMsgpackr.push(measure(ours) / measure(mp));
    r.roundsEncVsMsgpackr.push(ours.enc / mp.enc);
    r.roundsDecVsMsgpackr.push(ours.dec / mp.dec);
    if (measure(ours) < measure(best.ours)) best.ours = ours;
    if (measure(go) < measure(best.go)) best.go = go;
    if (measure(mp) < measure(best.msgpackr)) best.msgpackr = mp;
  }
  return { name, bytes: bytes.length, ...best, ...r };
}

function both(): Times {
  return { enc: Infinity, dec: Infinity };
}

/**
 * Runs the benchmark and prints the result; returns the list case's ratio ours / go-cty
 * (encode + decode, median of the per-round ratios).
 */
export async function runCtyCodecBench(iterations = 5, rounds = 11): Promise<number> {
  const oracle = Oracle.start();
  try {
    console.log(`cty msgpack codecs; go-cty ${goCtyVersion()}, Node ${process.version}; ${rounds} rounds`);
    const total = (t: Times) => t.enc + t.dec;
    const list = await runCase(oracle, "list", makeValue(), listType, total, iterations, rounds);
    const decode = (t: Times) => t.dec;
    const set = await runCase(oracle, "set", makeStringSet(), stringSetType, decode, iterations * 20, rounds);
    const line = (who: string, t: Times) =>
      `  ${who.padEnd(14)} encode ${ms(t.enc).padStart(9)}  decode ${ms(t.dec).padStart(9)}  total ${ms(total(t)).padStart(9)}`;
    const f3 = (x: number) => x.toFixed(3);
    const report = (r: CaseResult, what: string, measure: (t: Times) => number, target: number) => {
      console.log(line("@pyvider/cty", r.ours));
      console.log(line("go-cty", r.go));
      console.log(line("msgpackr", r.msgpackr));
      const vsGo = median(r.roundsVsGo);
      console.log(
        `  ${what}, median of per-round ratios: ours / go-cty = ${f3(vsGo)} (best rounds ${f3(measure(r.ours) / measure(r.go))}; target <= ${target}) ${vsGo <= target ? "OK" : "ABOVE TARGET"}`,
      );
      console.log(
        `  msgpackr / go-cty = ${f3(median(r.roundsMsgpackrVsGo))}; ours / msgpackr = ${f3(median(r.roundsVsMsgpackr))} (encode ${f3(median(r.roundsEncVsMsgpackr))}, decode ${f3(median(r.roundsDecVsMsgpackr))}; the own byte layer stays only at <= 0.9)`,
      );
      return vsGo;
    };
    console.log(`list of 10,000 objects x 10 attributes (${list.bytes} bytes), encode + decode:`);
    const ratio = report(list, "encode+decode", total, 0.25);
    console.log(`set of 10,000 strings (${set.bytes} bytes), decode:`);
    report(set, "decode", decode, 1.0);
    return ratio;
  } finally {
    await oracle.close();
  }
}
