import {
  CtyNumber,
  CtyString,
  DynamicVal,
  formatPath,
  fromNative,
  listVal,
  numberVal,
  objectVal,
  stringVal,
  Unknown,
  unknownVal,
} from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import type { Diagnostic } from "./diagnostics.js";
import { schemaImpliedType } from "./implied.js";
import type { Schema } from "./model.js";
import { s } from "./schemas.js";
import { validateConfig } from "./validate.js";
import { v } from "./validators/index.js";

const cfg = (schema: Schema, js: unknown) =>
  fromNative(js, schemaImpliedType(schema, { markOptional: false }));
const where = (ds: Diagnostic[]) => ds.map((d) => `${d.path ? formatPath(d.path) : "-"}: ${d.summary}`);

const schema = s.resource({
  name: a.str({ required: true, validators: [v.lengthBetween(2, 5)] }),
  tags: a.map(a.str(), {
    validators: [v.custom("env tag", ({ value }) => (value.isKnown ? undefined : "unreachable"))],
  }),
  id: a.str({ computed: true }),
  entries: a.nested.set(
    { key: a.str({ required: true, validators: [v.matches(/^[a-z]+$/)] }) },
    { maxItems: 3 },
  ),
  rule: b.list(
    { match: a.str({ required: true, validators: [v.oneOf("a", "b")] }) },
    { minItems: 1, maxItems: 2 },
  ),
  labels: a.map(a.str(), {
    validators: [
      v.custom("no env", ({ native }) =>
        (native as Record<string, string>).env === "bad" ? "env must not be bad" : undefined,
      ),
    ],
  }),
});

const base = { name: "abc", tags: null, id: null, entries: null, rule: [{ match: "a" }], labels: null };

describe("validateConfig", () => {
  it("accepts a valid config", async () => {
    expect(await validateConfig(schema, cfg(schema, base))).toEqual([]);
  });

  it("reports exact paths for validator failures in blocks, maps and sets", async () => {
    const ds = await validateConfig(
      schema,
      cfg(schema, {
        ...base,
        rule: [{ match: "a" }, { match: "zzz" }],
        labels: { env: "bad" },
        entries: [{ key: "OK" }],
      }),
    );
    expect(where(ds)).toEqual([
      "entries[*].key: Invalid Attribute Value Match",
      "labels: Invalid Attribute Value",
      "rule[1].match: Invalid Attribute Value Match",
    ]);
    expect(ds[0]?.path?.[1]?.kind).toBe("element");
    expect(ds[2]?.detail).toBe('Attribute rule[1].match value must be one of: ["a" "b"], got: "zzz"');
    expect(ds[1]?.detail).toBe("Attribute labels env must not be bad");
  });

  it("missing required, read-only set, item counts", async () => {
    const ds = await validateConfig(
      schema,
      cfg(schema, {
        ...base,
        name: null,
        id: "x",
        rule: [],
        entries: [{ key: "a" }, { key: "b" }, { key: "c" }, { key: "d" }],
      }),
    );
    expect(where(ds)).toEqual([
      "name: Missing required argument",
      "id: Invalid Configuration for Read-Only Attribute",
      "entries: Too many set items",
      "rule: Insufficient rule blocks",
    ]);
    const tooMany = await validateConfig(
      schema,
      cfg(schema, { ...base, rule: [{ match: "a" }, { match: "a" }, { match: "b" }] }),
    );
    expect(where(tooMany)).toEqual(["rule: Too many rule blocks"]);
  });

  it("type errors and unexpected attributes", async () => {
    const good = cfg(schema, base);
    const attrs = new Map(good.raw as Map<string, ReturnType<typeof stringVal>>);
    attrs.set("name", numberVal(3));
    attrs.set("surprise", stringVal("x"));
    const ds = await validateConfig(schema, objectVal(attrs));
    expect(where(ds)).toEqual(["surprise: Unsupported argument", "name: Incorrect attribute value type"]);
    expect(ds[1]?.detail).toMatch(/string required, got number/);
    const notObject = await validateConfig(schema, stringVal("x"));
    expect(where(notObject)).toEqual(["(root): Incorrect attribute value type"]);
  });

  it("does not validate unknown values but validates known parts of partly unknown collections", async () => {
    const ds = await validateConfig(
      schema,
      cfg(schema, {
        ...base,
        name: Unknown,
        tags: Unknown,
        rule: [{ match: Unknown }, { match: "nope" }],
        entries: [{ key: Unknown }, { key: "BAD" }],
      }),
    );
    expect(where(ds)).toEqual([
      "entries[*].key: Invalid Attribute Value Match",
      "rule[1].match: Invalid Attribute Value Match",
    ]);
    // a wholly unknown block list is not counted
    expect(await validateConfig(schema, cfg(schema, { ...base, rule: Unknown }))).toEqual([]);
    // a wholly unknown config is fine
    expect(
      await validateConfig(schema, unknownVal(schemaImpliedType(schema, { markOptional: false }))),
    ).toEqual([]);
  });

  it("schema-level validators see the object", async () => {
    const sch = s.resource(
      { x: a.str(), y: a.str(), z: a.num(), w: a.bool() },
      { validators: [v.conflictsWith("x", "y"), v.atLeastOneOf("x", "y", "z")] },
    );
    expect(where(await validateConfig(sch, cfg(sch, { x: "1", y: "2", z: null, w: null })))).toEqual([
      "y: Invalid Attribute Combination",
    ]);
    expect(where(await validateConfig(sch, cfg(sch, { x: null, y: null, z: null, w: true })))).toEqual([
      "(root): Invalid Attribute Combination",
    ]);
    expect(await validateConfig(sch, cfg(sch, { x: Unknown, y: null, z: null, w: null }))).toEqual([]);
  });

  it("nested attribute objects: validators, counts and object validators, maps with key paths", async () => {
    const sch = s.resource({
      servers: a.nested.map(
        {
          host: a.str({ required: true }),
          port: a.num({ validators: [v.between(1, 65535)] }),
          tls: a.bool(),
        },
        { minItems: 1, objectValidators: [v.requiredWith("tls", "port")] },
      ),
    });
    const ds = await validateConfig(
      sch,
      cfg(sch, {
        servers: { web: { host: "h", port: 70000, tls: null }, db: { host: null, port: null, tls: true } },
      }),
    );
    expect(where(ds)).toEqual([
      'servers["db"].host: Missing required argument',
      'servers["db"].port: Invalid Attribute Combination',
      'servers["web"].port: Invalid Attribute Value',
    ]);
    expect(where(await validateConfig(sch, cfg(sch, { servers: {} })))).toEqual([
      "servers: Not enough map items",
    ]);
  });

  it("async validators and failing validators become diagnostics", async () => {
    const sch = s.resource({
      x: a.str({
        validators: [
          v.custom("async", async ({ native }) => (native === "no" ? "async says no" : undefined)),
        ],
      }),
      y: a.str({
        validators: [
          v.custom("boom", () => {
            throw new Error("kaboom");
          }),
        ],
      }),
    });
    const ds = await validateConfig(sch, cfg(sch, { x: "no", y: "anything" }));
    expect(where(ds)).toEqual(["x: Invalid Attribute Value", "y: Validator failed"]);
    expect(ds[1]?.detail).toMatch(/kaboom/);
  });

  it("group and single blocks", async () => {
    const sch = s.resource({
      opts: b.group({ level: a.num({ validators: [v.atMost(3)] }) }),
      one: b.single({ name: a.str({ required: true }) }, { minItems: 1 }),
    });
    const ds = await validateConfig(sch, cfg(sch, { opts: { level: 9 }, one: null }));
    expect(where(ds)).toEqual(["opts.level: Invalid Attribute Value", "one: Insufficient one blocks"]);
  });

  it("works on dynamic attributes and lists built directly", async () => {
    const sch = s.resource({
      d: a.dyn({ required: true }),
      l: a.list(CtyString, { validators: [v.sizeAtMost(1)] }),
    });
    const value = objectVal({ d: numberVal(1), l: listVal([stringVal("a"), unknownVal(CtyString)]) });
    expect(where(await validateConfig(sch, value))).toEqual(["l: Invalid Attribute Value"]);
    // a wholly unknown value of unknown type (DynamicVal) is not a type error
    expect(await validateConfig(sch, objectVal({ d: DynamicVal, l: DynamicVal }))).toEqual([]);
    void CtyNumber;
  });
});
