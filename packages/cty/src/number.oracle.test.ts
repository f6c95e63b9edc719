/**
 * Property tests of CtyNum against Go itself: oracle-num (a tiny Go program using go-cty and
 * math/big) answers the same questions for thousands of generated inputs.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CtyNum } from "./number.js";
import {
  type OracleAnswer as Answer,
  askOracle as ask,
  buildOracle,
  hasGo,
  requireGoInCI,
} from "./oracle-num.testutil.js";

requireGoInCI("numbers");

function f64Hex(n: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, n);
  return v.getBigUint64(0).toString(16).padStart(16, "0");
}

function describeNum(n: CtyNum): Partial<Answer> {
  return { f: n.text(), g: n.gString(), isInt: n.isInt(), prec: n.precision, f64: f64Hex(n.toNumber()) };
}

function pick(a: Answer): Partial<Answer> {
  return { f: a.f, g: a.g, isInt: a.isInt, prec: a.prec, f64: a.f64 };
}

const SAMPLES = { decimals: 1500, floats: 800, ints: 300, bigs: 200, invalid: 400, pairs: 600, arith: 1200 };

describe.skipIf(!hasGo)("CtyNum agrees with go-cty / math/big (oracle-num)", () => {
  beforeAll(buildOracle, 300_000);

  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
  const decimal = fc
    .record({
      sign: fc.constantFrom("", "-", "+"),
      int: digits(0, 90),
      frac: fc.option(digits(0, 80)),
      exp: fc.option(
        fc.tuple(
          fc.constantFrom("e", "E", "p"),
          fc.oneof(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -5000, max: 5000 })),
        ),
      ),
    })
    .map(({ sign, int, frac, exp }) => {
      let s = sign + int;
      if (frac !== null) s += `.${frac}`;
      if (int === "" && (frac === null || frac === "")) s += "0";
      if (exp !== null) s += `${exp[0]}${exp[1]}`;
      return s;
    });

  it("parses and prints decimals exactly like ParseNumberVal + Text('f', -1) / String()", () => {
    const inputs = fc.sample(decimal, { numRuns: SAMPLES.decimals, seed: 42 });
    inputs.push(
      "1e1000000000",
      "-1e-1000000000",
      "9223372036854775808",
      "0.1",
      "1e400",
      "-0",
      "+5",
      ".5",
      "5.",
      "1p3",
      "Inf",
      "-inf",
      "1e-400",
      "0.30000000000000004",
    );
    const answers = ask(inputs.map((s) => `parse ${s}`));
    inputs.forEach((s, i) => {
      const a = answers[i]!;
      expect(a.err, s).toBeUndefined();
      expect(describeNum(CtyNum.parse(s)), s).toEqual(pick(a));
    });
  });

  it("rejects exactly the strings Go rejects", () => {
    const junk = fc.string({
      unit: fc.constantFrom(..."0123456789.eEpP+-_ xInfa"),
      minLength: 0,
      maxLength: 8,
    });
    const inputs = fc.sample(junk, { numRuns: SAMPLES.invalid, seed: 7 }).filter((s) => !s.includes("\n"));
    const answers = ask(inputs.map((s) => `parse ${s}`));
    inputs.forEach((s, i) => {
      const a = answers[i]!;
      let mine: Partial<Answer> | "error";
      try {
        mine = describeNum(CtyNum.parse(s));
      } catch {
        mine = "error";
      }
      expect(mine, JSON.stringify(s)).toEqual(a.err !== undefined ? "error" : pick(a));
    });
  });

  it("converts float64 bit patterns like NumberFloatVal", () => {
    const floats = fc.sample(fc.double({ noNaN: true }), { numRuns: SAMPLES.floats, seed: 3 });
    floats.push(
      0.1 + 0.2,
      5e-324,
      -0,
      2 ** 70,
      Number.MAX_VALUE,
      2.2250738585072014e-308,
      1e21,
      1e-7,
      123456.789,
    );
    const answers = ask(floats.map((f) => `f64 ${f64Hex(f)}`));
    floats.forEach((f, i) => {
      expect(describeNum(CtyNum.fromFloat64(f)), String(f)).toEqual(pick(answers[i]!));
      if (Number.isFinite(f)) expect(CtyNum.fromFloat64(f).toFloat64Exact()).toBe(f);
    });
  });

  it("prints float64 values around powers of two, subnormals and tiny magnitudes like Text('f', -1)", () => {
    // The edges of the engine-printed float64 path: powers of two (an asymmetric float spacing,
    // left to the exact path), their neighbours, subnormals, and the normal/subnormal border.
    const view = new DataView(new ArrayBuffer(8));
    const step = (f: number, d: bigint) => {
      view.setFloat64(0, f);
      view.setBigUint64(0, view.getBigUint64(0) + d);
      return view.getFloat64(0);
    };
    const exps = fc.sample(fc.integer({ min: -1074, max: 1023 }), { numRuns: 300, seed: 17 });
    const floats: number[] = [];
    for (const k of [...exps, -1074, -1023, -1022, -1021, 0, 1, 52, 53, 1023]) {
      const p = 2 ** k;
      for (const d of [-2n, -1n, 0n, 1n, 2n]) if (p > 0 && (d >= 0n || k > -1074)) floats.push(step(p, d));
    }
    for (let i = 0; i < 200; i++) floats.push(1e-300 * (1 + i * 2 ** -52), 5e-324 * (i * 7919 + 1));
    const answers = ask(floats.map((f) => `f64 ${f64Hex(f)}`));
    floats.forEach((f, i) => {
      expect(CtyNum.fromFloat64(f).text(), `${f} (${f64Hex(f)})`).toBe(answers[i]!.f);
    });
  });

  it("converts int64, uint64 and big integers like NumberIntVal, NumberUIntVal and SetInt", () => {
    const i64 = fc.sample(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), {
      numRuns: SAMPLES.ints,
      seed: 5,
    });
    i64.push(-(1n << 63n), (1n << 63n) - 1n, 0n, -1n);
    const u64 = fc.sample(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { numRuns: SAMPLES.ints, seed: 6 });
    u64.push((1n << 64n) - 1n, 1n << 63n);
    const big = fc.sample(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), {
      numRuns: SAMPLES.bigs,
      seed: 8,
    });
    const lines = [
      ...i64.map((n) => `i64 ${n}`),
      ...u64.map((n) => `u64 ${n}`),
      ...big.map((n) => `big ${n}`),
    ];
    const answers = ask(lines);
    const mine = [...i64.map(CtyNum.fromInt64), ...u64.map(CtyNum.fromUint64), ...big.map(CtyNum.fromBigInt)];
    mine.forEach((n, i) => {
      expect(describeNum(n), lines[i]).toEqual(pick(answers[i]!));
      expect(n.toBigInt()).toBe(BigInt(lines[i]!.split(" ")[1]!));
    });
  });

  it("compares and equates numbers like big.Float.Cmp and cty Equals", () => {
    const near = fc.tuple(decimal, fc.constantFrom("", "0", "000001", "1")).map(([s, tail]) => {
      const [m, e] = s.split(/[eEp]/);
      return `${m}${m!.includes(".") ? "" : "."}${tail}${e === undefined ? "" : `e${e}`}`;
    });
    const pairs = fc.sample(fc.tuple(fc.oneof(decimal, near), fc.oneof(decimal, near)), {
      numRuns: SAMPLES.pairs,
      seed: 11,
    });
    pairs.push(
      ["0.1", "0.10"],
      ["-0", "0"],
      [
        "1",
        "1.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
      ],
    );
    const answers = ask(pairs.map(([a, b]) => `cmp ${a} ${b}`));
    pairs.forEach(([a, b], i) => {
      const x = CtyNum.parse(a);
      const y = CtyNum.parse(b);
      expect({ cmp: x.compare(y), eq: x.equals(y) }, `${a} vs ${b}`).toEqual({
        cmp: answers[i]!.cmp,
        eq: answers[i]!.eq,
      });
    });
  });

  it("adds, subtracts, multiplies and divides like cty Add / Subtract / Multiply / Divide", () => {
    const operand = fc.oneof(
      decimal.map((d) => ({ wire: d, num: CtyNum.parse(d) })),
      fc.double({ noNaN: true }).map((f) => ({ wire: `f:${f64Hex(f)}`, num: CtyNum.fromFloat64(f) })),
      fc
        .bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })
        .map((i) => ({ wire: `i:${i}`, num: CtyNum.fromInt64(i) })),
      fc.constantFrom("0", "-0", "Inf", "-Inf", "1", "3").map((d) => ({ wire: d, num: CtyNum.parse(d) })),
    );
    const cases = fc.sample(fc.tuple(fc.constantFrom("+", "-", "*", "/"), operand, operand), {
      numRuns: SAMPLES.arith,
      seed: 13,
    });
    const answers = ask(cases.map(([op, a, b]) => `arith ${op} ${a.wire} ${b.wire}`));
    const ops = { "+": "add", "-": "sub", "*": "mul", "/": "quo" } as const;
    cases.forEach(([op, a, b], i) => {
      const want = answers[i]!;
      let mine: Partial<Answer> | "error";
      try {
        mine = describeNum(a.num[ops[op]](b.num));
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        mine = "error";
      }
      expect(mine, `${a.wire} ${op} ${b.wire}`).toEqual(want.err !== undefined ? "error" : pick(want));
    });
  });
});
