import { describe, expect, it } from "vitest";
import { asString, getAttr } from "./accessors.js";
import {
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "./constructors.js";
import { rawEquals } from "./equality.js";
import { mark } from "./marks.js";
import {
  attrStep,
  elementStep,
  formatPath,
  getPath,
  indexStep,
  keyStep,
  PathError,
  pathEquals,
  pathStartsWith,
  setPath,
} from "./path.js";
import { CtyList, CtyObject, CtyString, typeString } from "./types.js";
import { Sensitive } from "./value.js";

const doc = objectVal({
  tags: mapVal({ env: stringVal("prod") }),
  rule: listVal([objectVal({ match: stringVal("a") }), objectVal({ match: stringVal("b") })]),
  entries: setVal([stringVal("x"), stringVal("y")]),
  pair: tupleVal([stringVal("k"), numberVal(1)]),
  later: unknownVal(CtyObject({ id: CtyString })),
  none: nullVal(CtyList(CtyString)),
});

describe("paths", () => {
  it("formats like Terraform", () => {
    expect(formatPath([attrStep("tags"), keyStep("env")])).toBe('tags["env"]');
    expect(formatPath([attrStep("rule"), indexStep(1), attrStep("match")])).toBe("rule[1].match");
    expect(formatPath([attrStep("entries"), elementStep(stringVal("x"))])).toBe("entries[*]");
    expect(formatPath([])).toBe("(root)");
    expect(() => indexStep(-1)).toThrow(TypeError);
  });

  it("reads values along a path", () => {
    expect(asString(getPath(doc, [attrStep("tags"), keyStep("env")]))).toBe("prod");
    expect(asString(getPath(doc, [attrStep("rule"), indexStep(1), attrStep("match")]))).toBe("b");
    expect(asString(getPath(doc, [attrStep("entries"), elementStep(stringVal("y"))]))).toBe("y");
    expect(asString(getPath(doc, [attrStep("pair"), indexStep(0)]))).toBe("k");
    const id = getPath(doc, [attrStep("later"), attrStep("id")]);
    expect(id.isKnown).toBe(false);
    expect(id.type).toBe(CtyString);
    expect(getPath(doc, [])).toBe(doc);
  });

  it("names the failing step", () => {
    expect(() => getPath(doc, [attrStep("rule"), indexStep(5), attrStep("match")])).toThrow(
      "rule[5]: index 5 is out of range for a list of 2 elements",
    );
    expect(() => getPath(doc, [attrStep("tags"), keyStep("nope")])).toThrow(
      'tags["nope"]: map has no element for key "nope"',
    );
    expect(() => getPath(doc, [attrStep("none"), indexStep(0)])).toThrow(
      "none[0]: cannot traverse a null list(string)",
    );
    expect(() => getPath(doc, [attrStep("tags"), attrStep("env")])).toThrow(PathError);
    expect(() => getPath(doc, [attrStep("missing")])).toThrow('missing: object has no attribute "missing"');
  });

  it("carries container marks to the result", () => {
    const v = objectVal({ s: mark(objectVal({ a: stringVal("x") }), Sensitive) });
    expect(getPath(v, [attrStep("s"), attrStep("a")]).hasMark(Sensitive)).toBe(true);
  });

  it("updates immutably", () => {
    const out = setPath(doc, [attrStep("rule"), indexStep(0), attrStep("match")], stringVal("z"));
    expect(asString(getPath(out, [attrStep("rule"), indexStep(0), attrStep("match")]))).toBe("z");
    expect(asString(getPath(doc, [attrStep("rule"), indexStep(0), attrStep("match")]))).toBe("a");
    const s = setPath(doc, [attrStep("entries"), elementStep(stringVal("y"))], stringVal("a"));
    expect(getPath(s, [attrStep("entries")]).raw).toHaveLength(2);
    expect(asString((getPath(s, [attrStep("entries")]).raw as never[])[0]!)).toBe("a");
    const t = setPath(doc, [attrStep("pair"), indexStep(1)], stringVal("now a string"));
    expect(typeString(getAttr(t, "pair").type)).toBe("tuple([string,string])");
    expect(() => setPath(doc, [attrStep("tags"), keyStep("env")], numberVal(1))).toThrow(
      'tags["env"]: map of string cannot hold an element of type number',
    );
    expect(() => setPath(doc, [attrStep("later"), attrStep("id")], stringVal("x"))).toThrow(
      "later.id: cannot update inside an unknown value",
    );
    expect(rawEquals(setPath(doc, [], stringVal("root")), stringVal("root"))).toBe(true);
  });

  it("compares paths", () => {
    const p = [attrStep("a"), indexStep(1), elementStep(numberVal(2))];
    expect(pathEquals(p, [attrStep("a"), indexStep(1), elementStep(numberVal("2"))])).toBe(true);
    expect(pathEquals(p, [attrStep("a"), indexStep(1)])).toBe(false);
    expect(pathStartsWith(p, [attrStep("a"), indexStep(1)])).toBe(true);
    expect(pathStartsWith(p, [attrStep("a"), keyStep("1")])).toBe(false);
  });
});
