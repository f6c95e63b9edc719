import {
  attrStep,
  boolVal,
  CtyString,
  type CtyValue,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  unknownVal,
} from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.js";
import type { ObjectValidator, Validator } from "../model.js";
import { v } from "./index.js";

const path = [attrStep("x")];
async function run(val: Validator, value: CtyValue): Promise<readonly Diagnostic[]> {
  return (await val.validate({ value, path, config: value })) ?? [];
}
async function runObj(val: ObjectValidator, value: CtyValue): Promise<string[]> {
  return ((await val.validate({ value, path: [], config: value })) ?? []).map((d) => d.detail ?? d.summary);
}
const str = (s: string) => stringVal(s);

describe("string validators", () => {
  it("length in code points", async () => {
    const l = v.lengthBetween(2, 3);
    expect(await run(l, str("ab"))).toEqual([]);
    expect(await run(l, str("😀😀😀"))).toEqual([]);
    expect((await run(l, str("abcd")))[0]?.detail).toBe(
      "Attribute x string length must be between 2 and 3, got: 4",
    );
    expect(await run(v.lengthAtLeast(1), str(""))).toHaveLength(1);
    expect(await run(v.lengthAtMost(1), str("ab"))).toHaveLength(1);
    expect(await run(v.lengthAtMost(1), str("a"))).toEqual([]);
    expect(() => v.lengthBetween(3, 2)).toThrow(RangeError);
    expect(() => v.lengthAtLeast(-1)).toThrow(RangeError);
  });

  it("regex and one-of / none-of", async () => {
    const m = v.matches(/^[a-z]+$/, "must be lowercase");
    expect(await run(m, str("abc"))).toEqual([]);
    expect((await run(m, str("aBc")))[0]?.detail).toBe("Attribute x must be lowercase, got: aBc");
    const g = v.matches(/a/g);
    expect(await run(g, str("a"))).toEqual([]);
    expect(await run(g, str("a"))).toEqual([]); // lastIndex of a global regex does not leak between calls
    expect(await run(v.oneOf("a", "b"), str("c"))).toHaveLength(1);
    expect(await run(v.oneOf("a", "b"), str("b"))).toEqual([]);
    expect(await run(v.oneOf(1, 2), numberVal("2.0"))).toEqual([]);
    expect(await run(v.oneOf(1, 2), numberVal(3))).toHaveLength(1);
    expect(await run(v.noneOf("root"), str("root"))).toHaveLength(1);
    expect(await run(v.noneOf("root"), str("user"))).toEqual([]);
  });
});

describe("number validators (exact)", () => {
  it("ranges", async () => {
    expect(await run(v.between(1, 10), numberVal(10))).toEqual([]);
    expect((await run(v.between(1, 10), numberVal("10.000000000000000000001")))[0]?.detail).toBe(
      "Attribute x value must be between 1 and 10, got: 10.000000000000000000001",
    );
    expect(await run(v.atLeast("0.5"), numberVal(0.25))).toHaveLength(1);
    expect(await run(v.atMost(2n ** 64n), numberVal(2n ** 64n + 1n))).toHaveLength(1);
    expect(await run(v.atMost(5), numberVal(5))).toEqual([]);
    expect(() => v.between(2, 1)).toThrow(RangeError);
    expect(() => v.atLeast("abc")).toThrow(/not a number/);
  });
});

describe("collection size validators", () => {
  it("count lists, sets and maps, even with unknown elements", async () => {
    const l = listVal([str("a"), unknownVal(CtyString)]);
    expect(await run(v.sizeBetween(1, 2), l)).toEqual([]);
    expect(await run(v.sizeAtMost(1), l)).toHaveLength(1);
    expect(await run(v.sizeAtLeast(2), setVal([str("a"), str("a")]))).toHaveLength(1);
    expect(await run(v.sizeAtLeast(1), mapVal({ k: str("v") }))).toEqual([]);
    expect((await run(v.sizeBetween(2, 3), mapVal({ k: str("v") })))[0]?.detail).toBe(
      "Attribute x must contain between 2 and 3 elements, got: 1",
    );
  });
});

describe("each", () => {
  it("validates known elements with element paths", async () => {
    const e = v.each(v.lengthAtMost(2));
    const ds = await run(e, listVal([str("ok"), unknownVal(CtyString), str("toolong")]));
    expect(ds.map((d) => d.detail)).toEqual(["Attribute x[2] string length must be at most 2, got: 7"]);
    const m = await run(e, mapVal({ env: str("prod"), ok: str("a") }));
    expect(m.map((d) => d.detail)).toEqual(['Attribute x["env"] string length must be at most 2, got: 4']);
    const s = await run(e, setVal([str("abc")]));
    expect(s.map((d) => d.detail)).toEqual(["Attribute x[*] string length must be at most 2, got: 3"]);
  });
});

describe("custom validators", () => {
  it("sync and async, strings or diagnostics", async () => {
    const even = v.custom("even", ({ native }) =>
      (native as number) % 2 === 0 ? undefined : "must be even",
    );
    expect(await run(even, numberVal(2))).toEqual([]);
    expect((await run(even, numberVal(3)))[0]).toMatchObject({
      severity: "error",
      detail: "Attribute x must be even",
      path,
    });
    const warn = v.custom("warn", async () => [{ severity: "warning" as const, summary: "careful" }]);
    expect(await run(warn, str("a"))).toEqual([{ severity: "warning", summary: "careful", path }]);
    const many = v.custom("many", () => ["one", "two"]);
    expect(await run(many, str("a"))).toHaveLength(2);
    expect(v.custom("n", () => undefined, { validateNull: true }).validateNull).toBe(true);
  });
});

describe("object validators", () => {
  const obj = (x: CtyValue, y: CtyValue, z: CtyValue = nullVal(CtyString)) => objectVal({ x, y, z });
  const n = nullVal(CtyString);
  const u = unknownVal(CtyString);

  it("conflictsWith", async () => {
    const c = v.conflictsWith("x", "y");
    expect(await runObj(c, obj(str("1"), str("2")))).toEqual([
      "These attributes cannot be configured together: [x,y]",
    ]);
    expect(await runObj(c, obj(str("1"), n))).toEqual([]);
    expect(await runObj(c, obj(str("1"), u))).toEqual([]);
  });

  it("exactlyOneOf", async () => {
    const e = v.exactlyOneOf("x", "y", "z");
    expect(await runObj(e, obj(n, n))).toEqual([
      "Exactly one of these attributes must be configured: [x,y,z]",
    ]);
    expect(await runObj(e, obj(str("1"), str("2")))).toHaveLength(1);
    expect(await runObj(e, obj(str("1"), n))).toEqual([]);
    expect(await runObj(e, obj(u, n))).toEqual([]);
  });

  it("atLeastOneOf", async () => {
    const a = v.atLeastOneOf("x", "y");
    expect(await runObj(a, obj(n, n))).toHaveLength(1);
    expect(await runObj(a, obj(n, str("2")))).toEqual([]);
    expect(await runObj(a, obj(n, u))).toEqual([]);
  });

  it("requiredWith", async () => {
    const r = v.requiredWith("x", "y", "z");
    expect(await runObj(r, obj(str("1"), n, n))).toEqual([
      'Attribute "y" must be specified when "x" is specified',
      'Attribute "z" must be specified when "x" is specified',
    ]);
    expect(await runObj(r, obj(str("1"), str("2"), u))).toEqual([]);
    expect(await runObj(r, obj(n, n, n))).toEqual([]);
    expect(() => v.requiredWith("x")).toThrow(RangeError);
    void boolVal;
  });
});
