import {
  attrStep,
  CtyNum,
  CtyNumber,
  CtyObject,
  CtyString,
  elementStep,
  indexStep,
  keyStep,
  ObjectAttrs,
  stringVal,
} from "@pyvider/cty";
import { a, b, s, schemaImpliedType } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { checkAgainstPlan } from "./consistency.js";
import { attributePath, toWireDiagnostic } from "./diagnostics.js";
import { decodeDynamic, RequestError } from "./dynamic.js";
import { jsonToValue, rawStateJson } from "./raw-state.js";
import { fromPlain, lenientType, toPlain } from "./values.js";
import { nullWriteOnly, writeOnlyPaths } from "./write-only.js";

const schema = s.resource({
  name: a.str({ required: true }),
  pw: a.str({ optional: true, writeOnly: true }),
  tags: a.map(CtyString, { optional: true }),
  rule: b.list({ match: a.str({ required: true }), key_wo: a.str({ optional: true, writeOnly: true }) }),
});
const type = schemaImpliedType(schema, { markOptional: false });

describe("attribute paths", () => {
  it("maps names, keys and indexes, and stops at a set element", () => {
    const p = attributePath([attrStep("rule"), indexStep(2), attrStep("tags"), keyStep("env")]);
    expect(p.steps.map((x) => x.selector)).toEqual([
      { $case: "attributeName", value: "rule" },
      { $case: "elementKeyInt", value: 2 },
      { $case: "attributeName", value: "tags" },
      { $case: "elementKeyString", value: "env" },
    ]);
    expect(attributePath([attrStep("set"), elementStep(stringVal("x")), attrStep("a")]).steps).toHaveLength(
      1,
    );
    expect(toWireDiagnostic({ severity: "warning", summary: "w" })).toEqual({
      severity: 2,
      summary: "w",
      detail: "",
      attribute: undefined,
    });
  });
});

describe("values", () => {
  it("decodes bad bytes into a diagnostic, not an exception of another kind", () => {
    expect(() =>
      decodeDynamic({ msgpack: new Uint8Array([0xc1]), json: new Uint8Array(0) }, type, "configuration"),
    ).toThrow(/Invalid configuration/);
    // The attribute at fault is named in the diagnostic's path.
    const json = new TextEncoder().encode(
      '{"name":"n","pw":null,"tags":null,"rule":[{"match":{},"key_wo":null}]}',
    );
    let thrown: unknown;
    try {
      decodeDynamic({ msgpack: new Uint8Array(0), json }, type, "configuration");
    } catch (e) {
      thrown = e;
    }
    expect((thrown as RequestError).diagnostics[0]?.path).toEqual([
      attrStep("rule"),
      indexStep(0),
      attrStep("match"),
    ]);
  });

  it("names the attribute of a result that does not fit", () => {
    let thrown: unknown;
    try {
      fromPlain({ name: 1 }, type, "resource x create");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RequestError);
    const d = (thrown as RequestError).diagnostics[0];
    expect(d?.path).toEqual([attrStep("name")]);
    expect(d?.detail).toContain("at name");
    expect(toPlain(fromPlain({ name: "n" }, type, "w"))).toMatchObject({ name: "n", pw: null, rule: null });
  });

  it("makes every object attribute optional at every depth, building each lenient type once", () => {
    const lenient = lenientType(type);
    expect(lenient).toBe(lenientType(type));
    expect(lenient.kind === "object" && [...lenient.optional].sort()).toEqual(["name", "pw", "rule", "tags"]);
    const rule = lenient.kind === "object" ? lenient.attributes.rule : undefined;
    const element = rule?.kind === "list" ? rule.element : undefined;
    expect(element?.kind === "object" && [...element.optional].sort()).toEqual(["key_wo", "match"]);
  });

  it("nulls write-only attributes at any depth and finds the ones a config sets", () => {
    const v = fromPlain({ name: "n", pw: "secret", rule: [{ match: "m", key_wo: "k" }] }, type, "w");
    expect(
      writeOnlyPaths(schema.block, v).map((p) =>
        p.map((x) => ("name" in x ? x.name : "index" in x ? x.index : "?")),
      ),
    ).toEqual([["pw"], ["rule", 0, "key_wo"]]);
    expect(toPlain(nullWriteOnly(schema.block, v))).toMatchObject({
      pw: null,
      rule: [{ match: "m", key_wo: null }],
    });
  });

  it("reports every attribute whose known planned value changed", () => {
    const planned = fromPlain({ name: "n", tags: { a: "1" } }, type, "w");
    const actual = fromPlain({ name: "m", tags: { a: "2" } }, type, "w");
    expect(checkAgainstPlan(planned, actual, "resource x create").map((d) => d.path)).toEqual([
      [attrStep("name")],
      [attrStep("tags"), keyStep("a")],
    ]);
  });
});

describe("stored state", () => {
  it("keeps numbers exact through a prune", () => {
    const big = CtyObject({ n: CtyNumber, f: CtyNumber });
    const v = jsonToValue(
      '{"n":123456789012345678901234567890,"f":0.1000000000000000055511151231257827,"gone":[1]}',
      big,
      "state",
    );
    expect(String(v.raw instanceof ObjectAttrs ? v.raw.get("n")?.raw : undefined)).toBe(
      "123456789012345678901234567890",
    );
    expect(String(v.raw instanceof ObjectAttrs ? v.raw.get("f")?.raw : undefined)).toBe(
      "0.1000000000000000055511151231257827",
    );
    expect(() => jsonToValue("{", big, "state")).toThrow(RequestError);
    try {
      jsonToValue("{", big, "state");
    } catch (e) {
      expect((e as RequestError).diagnostics[0]?.detail).toMatch(
        /not valid JSON: JsonSyntaxError: .* at offset 1/,
      );
    }
  });

  it("keeps exact numbers an upgrader returned as CtyNum or bigint", () => {
    const big = CtyObject({ n: CtyNumber, f: CtyNumber });
    const v = jsonToValue(
      { n: 9007199254740993n, f: CtyNum.parse("0.1000000000000000055511151231257827"), gone: 1 },
      big,
      "state",
    );
    expect(String(v.raw instanceof ObjectAttrs ? v.raw.get("n")?.raw : undefined)).toBe("9007199254740993");
    expect(String(v.raw instanceof ObjectAttrs ? v.raw.get("f")?.raw : undefined)).toBe(
      "0.1000000000000000055511151231257827",
    );
  });

  it("turns flatmap into JSON following the type and drops removed attributes", () => {
    const json = rawStateJson(
      {
        json: new Uint8Array(0),
        flatmap: { name: "n", "tags.%": "1", "tags.k": "v", "rule.#": "0", old: "x" },
      },
      type,
      "state",
    );
    expect(toPlain(jsonToValue(json, type, "state"))).toMatchObject({
      name: "n",
      tags: { k: "v" },
      rule: [],
    });
    expect(toPlain(jsonToValue('{"name":"n","gone":{"deep":1}}', type, "state"))).toMatchObject({
      name: "n",
    });
    expect(() => jsonToValue('{"name":1,', type, "state")).toThrow(/Invalid stored state/);
  });
});
