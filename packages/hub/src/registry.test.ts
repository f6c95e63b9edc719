import { CtyString } from "@pyvider/cty";
import { a, s } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { defineDataSource } from "./components/data-source.js";
import { defineFunction } from "./components/function.js";
import { defineListResource } from "./components/list.js";
import { defineProvider } from "./components/provider.js";
import { defineResource } from "./components/resource.js";
import { CapabilityError, SchemaRegistrationError } from "./errors.js";
import { buildRegistry, nameProblem } from "./registry.js";

const provider = defineProvider({ name: "kv", schema: s.provider({}), capabilities: ["kv.storage"] });
const dsSchema = s.dataSource({ v: a.str({ computed: true }) });
const ds = (name: string, requires?: string[]) =>
  defineDataSource({ name, schema: dsSchema, read: () => ({ v: "x" }), ...(requires ? { requires } : {}) });
const resSchema = s.resource({ k: a.str({ required: true }) }, { version: 2 });
const identity = s.identity({ k: a.str({ required: true }) });

function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaRegistrationError);
    const err = e as SchemaRegistrationError;
    return `${err.message}\n${err.detail ?? ""}`;
  }
  throw new Error("expected a SchemaRegistrationError");
}

describe("names", () => {
  it("requires components of provider kv to be named kv_*", () => {
    expect(nameProblem("resource", "kv_entry", "kv")).toBeUndefined();
    expect(nameProblem("dataSource", "kv", "kv")).toBeUndefined();
    expect(nameProblem("resource", "other_entry", "kv")).toMatch(/must be "kv" or start with "kv_"/);
    expect(nameProblem("resource", "kv_Entry", "kv")).toBeDefined();
    expect(nameProblem("resource", "kv_", "kv")).toBeDefined();
  });

  it("requires function names to be plain identifiers", () => {
    expect(nameProblem("function", "repeat_twice", "kv")).toBeUndefined();
    expect(nameProblem("function", "kv::repeat", "kv")).toMatch(/not a plain identifier/);
    expect(nameProblem("function", "2x", "kv")).toBeDefined();
  });
});

describe("buildRegistry", () => {
  it("organises components by kind", () => {
    const fn = defineFunction({
      name: "up",
      parameters: [{ name: "s", type: CtyString }],
      returns: CtyString,
      run: (_c, v) => v.toUpperCase(),
    });
    const listing = buildRegistry(provider, [ds("kv_a"), ds("kv_b"), fn]);
    expect([...listing.dataSources.keys()]).toEqual(["kv_a", "kv_b"]);
    expect(listing.functions.get("up")).toBe(fn);
    expect(listing.resources.size).toBe(0);
  });

  it("reports every bad name and duplicate at once", () => {
    const text = problems(() => buildRegistry(provider, [ds("kv_a"), ds("kv_a"), ds("nope")]));
    expect(text).toMatch(/2 registration problems/);
    expect(text).toMatch(/duplicate data source "kv_a"/);
    expect(text).toMatch(/data source name "nope"/);
  });

  it("accepts the same definition exported twice", () => {
    const one = ds("kv_a");
    expect(buildRegistry(provider, [one, one]).dataSources.size).toBe(1);
  });

  it("checks provider names", () => {
    const bad = defineProvider({ name: "Bad Name", schema: s.provider({}) });
    expect(problems(() => buildRegistry(bad, []))).toMatch(/provider name "Bad Name"/);
  });

  it("raises CapabilityError for a capability the provider does not declare", () => {
    expect(buildRegistry(provider, [ds("kv_a", ["kv.storage"])]).dataSources.size).toBe(1);
    expect(() => buildRegistry(provider, [ds("kv_b", ["kv.admin"])])).toThrow(CapabilityError);
    try {
      buildRegistry(provider, [ds("kv_b", ["kv.admin"])]);
    } catch (e) {
      expect((e as CapabilityError).capability).toBe("kv.admin");
      expect((e as CapabilityError).component).toBe('data source "kv_b"');
    }
  });

  it("checks upgrader versions against the schema versions", () => {
    const r = defineResource({
      name: "kv_r",
      schema: resSchema,
      identity,
      create: (ctx) => ({ k: ctx.config.k }),
      read: (ctx) => ctx.state,
      delete: () => {},
      upgradeState: { 1: (ctx) => ({ k: String(ctx.raw.k) }), 2: (ctx) => ({ k: String(ctx.raw.k) }) },
      upgradeIdentity: { 0: (ctx) => ({ k: String(ctx.raw.k) }) },
    });
    const text = problems(() => buildRegistry(provider, [r]));
    expect(text).toMatch(/state upgrader for version 2, but upgraders are for versions 0..1/);
    expect(text).toMatch(/identity upgrader for version 0, but upgraders are for versions 0..-1/);
  });

  it("requires a list resource's resource to be registered and to have an identity", () => {
    const plain = defineResource({
      name: "kv_p",
      schema: resSchema,
      create: (c) => c.config,
      read: (c) => c.state,
      delete: () => {},
    });
    const list = defineListResource({ resource: plain, schema: s.list({}), list: () => [] });
    expect(problems(() => buildRegistry(provider, [list]))).toMatch(
      /lists resource "kv_p", which is not registered/,
    );
    expect(problems(() => buildRegistry(provider, [plain, list]))).toMatch(/has no identity schema/);
  });

  it("reports missing required handlers", () => {
    const broken = { ...ds("kv_a"), handlers: { name: "kv_a", schema: dsSchema } } as unknown as ReturnType<
      typeof ds
    >;
    expect(problems(() => buildRegistry(provider, [broken]))).toMatch(
      /data source "kv_a" has no read handler/,
    );
  });
});
