import { describe, expect, it } from "vitest";
import { elements, getAttr } from "./accessors.js";
import { listVal, mapVal, nullVal, objectVal, setVal, stringVal, unknownVal } from "./constructors.js";
import { rawEquals } from "./equality.js";
import { containsMarked, hasMarkDeep, mark, marksDeep, markWithPaths, unmark, unmarkDeep } from "./marks.js";
import { attrStep, formatPath, indexStep, keyStep } from "./path.js";
import { CtyString } from "./types.js";
import { Sensitive } from "./value.js";

const secret = Symbol("secret");

describe("marks", () => {
  it("adds and removes marks on the value itself", () => {
    const v = mark(stringVal("x"), Sensitive, secret);
    expect(v.hasMark(Sensitive) && v.hasMark(secret)).toBe(true);
    const [u, ms] = unmark(v);
    expect(u.isMarked).toBe(false);
    expect([...ms]).toEqual([Sensitive, secret]);
    expect(mark(v, Sensitive)).toBe(v);
  });

  it("finds and removes marks at any depth, with their paths", () => {
    const v = objectVal({
      list: listVal([stringVal("a"), mark(stringVal("b"), Sensitive)]),
      tags: mark(mapVal({ env: mark(stringVal("p"), secret) }), Sensitive),
      gone: mark(nullVal(CtyString), secret),
    });
    expect(containsMarked(v)).toBe(true);
    expect(hasMarkDeep(v, secret)).toBe(true);
    expect([...marksDeep(v)].map(String).sort()).toEqual([String(secret), Sensitive].sort());
    const [plain, pvms] = unmarkDeep(v);
    expect(containsMarked(plain)).toBe(false);
    expect(pvms.map((p) => `${formatPath(p.path)}=${[...p.marks].map(String).join("+")}`).sort()).toEqual(
      ["gone=Symbol(secret)", "list[1]=sensitive", "tags=sensitive", 'tags["env"]=Symbol(secret)'].sort(),
    );
    expect(rawEquals(markWithPaths(plain, pvms), v)).toBe(true);
  });

  it("ignores paths that lead nowhere and marks a set for paths into it", () => {
    const v = objectVal({ a: unknownVal(CtyString), s: setVal([stringVal("x")]) });
    const out = markWithPaths(v, [
      { path: [attrStep("a"), keyStep("k")], marks: new Set([Sensitive]) },
      { path: [attrStep("nope")], marks: new Set([Sensitive]) },
      { path: [attrStep("s"), { kind: "element", value: stringVal("x") }], marks: new Set([secret]) },
      { path: [attrStep("s"), indexStep(0)], marks: new Set([Sensitive]) },
    ]);
    expect(getAttr(out, "a").isMarked).toBe(false);
    expect(getAttr(out, "s").hasMark(secret)).toBe(true);
    expect(getAttr(out, "s").hasMark(Sensitive)).toBe(false);
    expect(elements(getAttr(out, "s"))[0]!.isMarked).toBe(false);
  });
});
