/**
 * Sets of near-equal numbers against go-cty (the oracle in ../oracle): float64 and 512-bit
 * decimal elements that agree to ten digits (one hash bucket, so equality and `Less` decide),
 * near powers of two, among subnormals and at extreme exponents. The msgpack bytes of the set
 * are decoded and re-encoded by us and by go-cty; the bytes (canonical order, de-duplication,
 * number forms) must be identical.
 *
 * Without a `go` toolchain the suite is skipped locally and fails under CI=true.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../oracle/client.js";
import { CtyNumber, CtySet, decodeMsgpack, encodeMsgpack, typeToJSON } from "../src/index.js";
import { goAvailable, RUNS, useOracle } from "./oracle-suite.js";

const oracle = useOracle();

const utf8 = new TextEncoder();

/** A msgpack float64. */
function mpFloat(f: number): number[] {
  const b = new Uint8Array(9);
  b[0] = 0xcb;
  new DataView(b.buffer).setFloat64(1, f);
  return [...b];
}

/** A msgpack str 8 (the form go-cty writes non-float numbers in). */
function mpStr(s: string): number[] {
  const b = utf8.encode(s);
  return [0xd9, b.length, ...b];
}

/** A msgpack array 16 of encoded items. */
function mpArray(items: number[][]): Uint8Array {
  return new Uint8Array([0xdc, items.length >> 8, items.length & 0xff, ...items.flat()]);
}

/** The float `steps` ulps away from `base` (towards +Inf for positive steps). */
function ulpsAway(base: number, steps: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, base);
  const bits = v.getBigUint64(0) + BigInt(steps);
  v.setBigUint64(0, bits < 0n ? 0n : bits);
  const f = v.getFloat64(0);
  return Number.isFinite(f) ? f : base;
}

/** One element near `base`: a nearby float64, or a decimal string equal to or just off it. */
const element = (base: number) =>
  fc
    .tuple(
      fc.integer({ min: -6, max: 6 }),
      fc.constantFrom("float", "same-decimal", "longer-decimal", "negated"),
      fc.constantFrom("", "0", "1", "5", "49999999999999999999", "000000000000000000000000001"),
    )
    .map(([steps, form, tail]) => {
      const f = ulpsAway(base, steps);
      if (form === "float") return mpFloat(f);
      if (form === "negated") return mpFloat(-f);
      const [m, e] = f.toExponential(16).split("e");
      return mpStr(form === "same-decimal" ? `${m}e${e}` : `${m}${tail}e${e}`);
    });

/** Bases: ordinary, tiny, huge, powers of two (asymmetric float spacing), subnormals. */
const base = fc.oneof(
  fc.constantFrom(1e-300, 1, 0.1, 1e300, 2 ** -1022, 5e-324 * 1e6, 2 ** 52, 2 ** -60, 123456.789),
  fc.integer({ min: -1074, max: 1023 }).map((k) => 2 ** k),
  fc.double({ min: 1e-320, max: 1e308, noNaN: true, noDefaultInfinity: true }),
);

describe.skipIf(!goAvailable)("number sets of mixed precision agree with go-cty", () => {
  it("decodes and re-encodes crowded sets of near-equal float64 and decimal numbers byte for byte", {
    timeout: 0,
  }, async () => {
    const t = CtySet(CtyNumber);
    await fc.assert(
      fc.asyncProperty(
        base.chain((b) => fc.array(element(b), { minLength: 1, maxLength: 40 })),
        async (items) => {
          const hex = toHex(mpArray(items));
          const ours = toHex(encodeMsgpack(decodeMsgpack(mpArray(items), t), t));
          const go = await oracle().call({ op: "msgpack-roundtrip", type: typeToJSON(t), hex });
          expect(go.ok, `go-cty rejects ${hex}: ${go.error}`).toBe(true);
          expect(ours, hex).toBe(go.hex);
        },
      ),
      { numRuns: Math.max(300, Math.floor(RUNS / 5)) },
    );
  });
});
