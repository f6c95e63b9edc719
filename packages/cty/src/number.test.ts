import { describe, expect, it } from "vitest";
import { bitLength, CtyNum } from "./number.js";

describe("CtyNum", () => {
  it("keeps big integers and parsed decimals exact through text()", () => {
    expect(CtyNum.parse("9223372036854775808").text()).toBe("9223372036854775808");
    expect(CtyNum.parse("0.1").text()).toBe("0.1");
    expect(CtyNum.parse("1e400").text()).toBe(`1${"0".repeat(400)}`);
    expect(CtyNum.parse("-12.50").text()).toBe("-12.5");
    expect(CtyNum.parse("1.5e-7").text()).toBe("0.00000015");
  });

  it("prints float64 values with the shortest round-tripping decimal at 53 bits", () => {
    expect(CtyNum.fromFloat64(0.1 + 0.2).text()).toBe("0.30000000000000004");
    expect(CtyNum.fromFloat64(2 ** 70).text()).toBe("1180591620717411300000");
    expect(CtyNum.fromFloat64(1e21).text()).toBe("1000000000000000000000");
    expect(CtyNum.fromFloat64(-0).text()).toBe("-0");
  });

  it("formats String() like Go's Text('g', 10)", () => {
    expect(CtyNum.parse("9223372036854775808").gString()).toBe("9.223372037e+18");
    expect(CtyNum.parse("123456789.123").gString()).toBe("123456789.1");
    expect(CtyNum.parse("0.00001").gString()).toBe("1e-05");
    expect(CtyNum.parse("0.0001").gString()).toBe("0.0001");
    expect(CtyNum.parse("0").gString()).toBe("0");
    expect(CtyNum.parse("-Inf").gString()).toBe("-Inf");
  });

  it("uses go-cty's number equality: integers exactly, others by shortest text, -0 == 0", () => {
    expect(CtyNum.fromFloat64(0.1).equals(CtyNum.parse("0.1"))).toBe(true);
    expect(CtyNum.fromFloat64(0.1).compare(CtyNum.parse("0.1"))).not.toBe(0);
    expect(CtyNum.parse("-0").equals(CtyNum.parse("0"))).toBe(true);
    expect(CtyNum.parse("-0").compare(CtyNum.fromInt64(0n))).toBe(0);
    expect(CtyNum.parse("1").equals(CtyNum.parse("1.5"))).toBe(false);
    expect(CtyNum.parse("+Inf").equals(CtyNum.parse("Inf"))).toBe(true);
    expect(CtyNum.parse("2").compare(CtyNum.parse("10"))).toBe(-1);
    expect(CtyNum.parse("-2").compare(CtyNum.parse("-10"))).toBe(1);
    expect(CtyNum.parse("Inf").compare(CtyNum.parse("1e999999"))).toBe(1);
  });

  it("records Go's precisions", () => {
    expect(CtyNum.parse("1").precision).toBe(512);
    expect(CtyNum.fromFloat64(1.5).precision).toBe(53);
    expect(CtyNum.fromInt64(5n).precision).toBe(64);
    expect(CtyNum.fromUint64(5n).precision).toBe(64);
    expect(CtyNum.fromBigInt(1n << 100n).precision).toBe(101);
    expect(CtyNum.fromBigInt(3n).precision).toBe(64);
  });

  it("accepts what big.ParseFloat accepts and rejects the rest with a clear error", () => {
    for (const [s, t] of [
      ["+5", "5"],
      [".5", "0.5"],
      ["5.", "5"],
      ["1E3", "1000"],
      ["1p4", "16"],
      ["-inf", "-Inf"],
      ["007", "7"],
    ]) {
      expect(CtyNum.parse(s!).text(), s).toBe(t);
    }
    for (const s of ["", ".", "abc", "1e", "0x10", "1_000", " 1", "1 ", "NaN", "INF", "--1", "1e5.0"]) {
      expect(() => CtyNum.parse(s), s).toThrow(/a number is required/);
    }
  });

  it("converts JS values with from()", () => {
    expect(CtyNum.from(42).precision).toBe(64);
    expect(CtyNum.from(4.5).precision).toBe(53);
    expect(CtyNum.from(2n ** 63n).precision).toBe(64);
    expect(CtyNum.from(2n ** 64n).precision).toBe(65);
    expect(CtyNum.from("7").precision).toBe(512);
    const n = CtyNum.parse("3");
    expect(CtyNum.from(n)).toBe(n);
    expect(() => CtyNum.from(Number.NaN)).toThrow(/NaN/);
    expect(() => CtyNum.fromInt64(2n ** 63n)).toThrow(RangeError);
    expect(() => CtyNum.fromUint64(-1n)).toThrow(RangeError);
  });

  it("converts back to JS only when exact (or nearest on request)", () => {
    expect(CtyNum.parse("9223372036854775807").toInt64()).toBe(9223372036854775807n);
    expect(CtyNum.parse("9223372036854775808").toInt64()).toBeUndefined();
    expect(CtyNum.parse("9223372036854775808").toBigInt()).toBe(9223372036854775808n);
    expect(CtyNum.parse("1.5").toBigInt()).toBeUndefined();
    expect(CtyNum.parse("0.5").toFloat64Exact()).toBe(0.5);
    expect(CtyNum.parse("0.1").toFloat64Exact()).toBeUndefined();
    expect(CtyNum.fromFloat64(0.1).toFloat64Exact()).toBe(0.1);
    expect(CtyNum.parse("0.1").toNumber()).toBe(0.1);
    expect(CtyNum.parse("1e400").toNumber()).toBe(Number.POSITIVE_INFINITY);
    expect(CtyNum.parse("-1e-400").toNumber()).toBe(-0);
    expect(CtyNum.parse("4.9406564584124654e-324").toNumber()).toBe(5e-324);
    expect(CtyNum.parse("2.4703282292062328e-324").toNumber()).toBe(5e-324);
  });

  it("answers the simple predicates", () => {
    expect(CtyNum.parse("-0").isZero).toBe(true);
    expect(CtyNum.parse("-0").isNegative).toBe(false);
    expect(CtyNum.parse("-3").isNegative).toBe(true);
    expect(CtyNum.parse("-3").sign).toBe(-1);
    expect(CtyNum.parse("Inf").isInf).toBe(true);
    expect(CtyNum.parse("Inf").isInt()).toBe(false);
    expect(CtyNum.parse("1e3").isInt()).toBe(true);
    expect(CtyNum.parse("-3").neg().text()).toBe("3");
    expect(CtyNum.parse("-3").abs().text()).toBe("3");
    expect(JSON.stringify({ n: CtyNum.parse("0.25") })).toBe('{"n":"0.25"}');
    expect(bitLength(255n)).toBe(8);
    expect(bitLength(256n)).toBe(9);
  });
});

describe("CtyNum limits", () => {
  it("parses huge exponents quickly and refuses to format numbers with millions of digits", () => {
    expect(CtyNum.parse("1e1000000000").isInf).toBe(true);
    expect(CtyNum.parse("1e-1000000000").isZero).toBe(true);
    expect(() => CtyNum.parse("1e99999999999")).toThrow(/a number is required/);
    const huge = CtyNum.parse("1e600000000");
    expect(huge.isInf).toBe(false);
    expect(() => huge.text()).toThrow(RangeError);
    expect(huge.compare(CtyNum.parse("1e599999999"))).toBe(1);
  });
});

describe("CtyNum arithmetic (go-cty precision rules)", () => {
  it("adds, subtracts, multiplies and divides", () => {
    expect(CtyNum.parse("0.1").add(CtyNum.parse("0.2")).text()).toBe("0.3");
    expect(CtyNum.fromFloat64(0.1).add(CtyNum.fromFloat64(0.2)).text()).toBe("0.30000000000000004");
    expect(CtyNum.fromInt64(9223372036854775807n).add(CtyNum.fromInt64(1n)).text()).toBe(
      "9223372036854775808",
    );
    expect(CtyNum.parse("5").sub(CtyNum.parse("7.5")).text()).toBe("-2.5");
    expect(CtyNum.parse("-0").sub(CtyNum.parse("0")).text()).toBe("-0");
    expect(CtyNum.parse("3").sub(CtyNum.parse("3")).text()).toBe("0");
    const p = CtyNum.fromFloat64(0.1).mul(CtyNum.fromInt64(3n));
    expect([p.text(), p.precision]).toEqual(["0.30000000000000001665", 64]);
    expect(CtyNum.parse("1").quo(CtyNum.parse("4")).text()).toBe("0.25");
    expect(CtyNum.parse("1").quo(CtyNum.parse("0")).text()).toBe("+Inf");
    expect(CtyNum.parse("-1").quo(CtyNum.parse("Inf")).text()).toBe("-0");
  });
  it("refuses operations whose result would be NaN", () => {
    expect(() => CtyNum.parse("Inf").add(CtyNum.parse("-Inf"))).toThrow(RangeError);
    expect(() => CtyNum.parse("0").quo(CtyNum.parse("-0"))).toThrow(RangeError);
    expect(() => CtyNum.parse("Inf").mul(CtyNum.parse("0"))).toThrow(RangeError);
  });
});

describe("CtyNum equality across a power of two", () => {
  it("equates a power of two and the float64 just below it when Go prints them alike", () => {
    // 0x33a0000000000000 is 2^-197; Go's half-ulp interval of a power of two is symmetric, so
    // it reaches the float just below (0x339fffffffffffff), and both print as the same decimal
    // (go-cty v1.20 de-duplicates them in a set).
    const view = new DataView(new ArrayBuffer(8));
    const float = (bits: bigint) => {
      view.setBigUint64(0, bits);
      return CtyNum.fromFloat64(view.getFloat64(0));
    };
    const below = float(0x339fffffffffffffn);
    const power = float(0x33a0000000000000n);
    expect(below.text()).toBe(power.text());
    expect(below.equals(power)).toBe(true);
    expect(power.equals(below)).toBe(true);
    // The same binary value at another precision prints differently and is not equal.
    expect(CtyNum.fromFloat64(0.1).equals(CtyNum.parse("0.1"))).toBe(true);
    const exact = CtyNum.round(
      false,
      CtyNum.fromFloat64(0.1).mantissa,
      CtyNum.fromFloat64(0.1).exponent,
      512,
    );
    expect(exact.equals(CtyNum.fromFloat64(0.1))).toBe(false);
  });
});
