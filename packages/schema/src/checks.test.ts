import { CtyString, PyviderError } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { SchemaBuilder } from "./builder.js";
import { checkFunction, checkSchema } from "./checks.js";
import { SchemaError, SchemaErrors } from "./errors.js";
import type { Fields, Schema } from "./model.js";
import { pm } from "./plan-modifiers.js";
import { s } from "./schemas.js";

function errorOf(fn: () => unknown): SchemaError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SchemaError) return e;
    throw e;
  }
  throw new Error("expected a SchemaError");
}

const res = (fields: Fields) => () => s.resource(fields, { name: "kv_item" });

describe("definition-time checks", () => {
  it("dynamic-typed attributes where Terraform cannot carry them: list and set blocks, set nested attributes", () => {
    const inList = errorOf(res({ rule: b.list({ value: a.dyn({ optional: true }) }) }));
    expect(inList.attributePath).toBe("rule");
    expect(inList.message).toMatch(/list block cannot contain dynamic-typed attributes.*a\.nested\.list/);
    const inSet = errorOf(res({ rule: b.set({ inner: b.single({ value: a.dyn({ optional: true }) }) }) }));
    expect(inSet.attributePath).toBe("rule");
    expect(inSet.message).toMatch(/set block cannot contain dynamic-typed attributes/);
    const nestedSet = errorOf(
      res({ items: a.nested.set({ value: a.dyn({ optional: true }) }, { optional: true }) }),
    );
    expect(nestedSet.attributePath).toBe("items");
    expect(nestedSet.message).toMatch(/set nested attribute cannot contain dynamic-typed attributes/);
    // where the implied type stays static, dynamic values are fine
    expect(() =>
      s.resource({
        one: b.single({ value: a.dyn({ optional: true }) }),
        items: a.nested.list({ value: a.dyn({ optional: true }) }, { optional: true }),
        any: a.dyn({ optional: true }),
      }),
    ).not.toThrow();
  });

  it("required together with computed", () => {
    const e = errorOf(res({ x: a.str({ required: true, computed: true }) }));
    expect(e.schemaName).toBe("kv_item");
    expect(e.attributePath).toBe("x");
    expect(e.message).toMatch(/both required and computed/);
  });

  it("a default on a required, computed-only or write-only attribute", () => {
    expect(errorOf(res({ x: a.str({ required: true, default: "d" }) })).message).toMatch(
      /required attribute cannot have a default/,
    );
    expect(errorOf(res({ x: a.str({ computed: true, default: "d" }) })).message).toMatch(
      /computed-only attribute cannot have a default/,
    );
    expect(errorOf(res({ x: a.str({ writeOnly: true, default: "d" }) })).message).toMatch(
      /write-only attribute cannot have a default/,
    );
    // optional + default is fine and implies computed
    expect(s.resource({ x: a.str({ default: "d" }) }).block.attributes.x?.computed).toBe(true);
  });

  it("a static default must fit the type", () => {
    expect(errorOf(res({ x: a.num({ default: "not a number" as never }) })).message).toMatch(
      /default does not fit/,
    );
  });

  it("write-only on provider or data source schemas", () => {
    const p = errorOf(() => s.provider({ token: a.str({ optional: true, writeOnly: true }) }));
    expect(p.message).toMatch(/write-only attributes are not allowed in a provider schema/);
    const d = errorOf(() =>
      s.dataSource({ n: b.single({ token: a.str({ writeOnly: true }) }) }, { name: "kv_read" }),
    );
    expect(d.schemaName).toBe("kv_read");
    expect(d.attributePath).toBe("n.token");
    expect(
      s.resource({ token: a.str({ writeOnly: true, sensitive: true }) }).block.attributes.token?.writeOnly,
    ).toBe(true);
  });

  it("requires-replace on computed-only or write-only attributes", () => {
    expect(
      errorOf(res({ id: a.str({ computed: true, planModifiers: [pm.requiresReplace()] }) })).message,
    ).toMatch(/requires-replace has no effect on a computed-only/);
    expect(
      errorOf(res({ pw: a.str({ writeOnly: true, planModifiers: [pm.requiresReplaceIf(() => true)] }) }))
        .message,
    ).toMatch(/requires-replace cannot be used on a write-only/);
  });

  it("invalid names", () => {
    for (const bad of ["Name", "1abc", "with-dash", "", "ünï"]) {
      const e = errorOf(res({ [bad]: a.str() }));
      expect(e.message).toMatch(/invalid name/);
    }
    const nested = errorOf(res({ outer: a.nested.single({ Bad: a.str() }) }));
    expect(nested.attributePath).toBe("outer.Bad");
    expect(s.resource({ _ok9: a.str(), a_1: a.str() })).toBeTruthy();
  });

  it("duplicate names between attributes and blocks", () => {
    const e = errorOf(() =>
      new SchemaBuilder({ name: "dup" })
        .addAttribute("rule", CtyString)
        .addBlock("rule", b.list({ x: a.str() }))
        .build(),
    );
    expect(e.schemaName).toBe("dup");
    expect(e.message).toMatch(/"rule" is defined both as an attribute and as a block/);
  });

  it("nested attribute types inside plain collections carrying flags", () => {
    const e = errorOf(res({ tags: a.list(a.str({ required: true })) }));
    expect(e.attributePath).toBe("tags");
    expect(e.message).toMatch(/no effect on an element type/);
    expect(errorOf(res({ o: a.obj({ x: a.str({ sensitive: true }) }) })).message).toMatch(
      /object member "x"/,
    );
    expect(errorOf(res({ l: a.list(a.nested.single({ x: a.str() }) as never) })).message).toMatch(
      /nested attribute cannot be the element/,
    );
    expect(errorOf(res({ l: a.set(a.map(a.str({ computed: true }))) })).message).toMatch(/map element/);
  });

  it("reserved meta-argument names at the root of resources", () => {
    expect(errorOf(res({ count: a.num() })).message).toMatch(/reserved/);
    expect(s.provider({ count: a.num() }).kind).toBe("provider");
  });

  it("item counts", () => {
    expect(errorOf(res({ r: b.list({ x: a.str() }, { minItems: 3, maxItems: 2 }) })).message).toMatch(
      /greater than maxItems/,
    );
    expect(errorOf(res({ r: b.single({ x: a.str() }, { maxItems: 2 }) })).message).toMatch(
      /at most one block/,
    );
    expect(errorOf(res({ r: a.nested.single({ x: a.str() }, { minItems: 1 }) })).message).toMatch(
      /only apply to list/,
    );
    expect(errorOf(res({ r: a.nested.list({ x: a.str() }, { minItems: -1 }) })).message).toMatch(
      /non-negative/,
    );
  });

  it("plan modifiers and defaults only in resources; write-only not in set nested", () => {
    expect(
      errorOf(() => s.dataSource({ x: a.str({ planModifiers: [pm.useStateForUnknown()] }) })).message,
    ).toMatch(/plan modifiers are only/);
    expect(errorOf(() => s.ephemeral({ x: a.str({ default: "a" }) })).message).toMatch(/defaults are only/);
    expect(errorOf(res({ n: a.nested.set({ pw: a.str({ writeOnly: true }) }) })).message).toMatch(
      /inside a set nested/,
    );
  });

  it("a hand-built attribute with no flag at all", () => {
    const bad = { ...a.str(), optional: false } as never;
    expect(errorOf(res({ x: bad })).message).toMatch(/must be required, optional or computed/);
  });

  it("several mistakes are all reported", () => {
    const e = errorOf(res({ Bad: a.str(), x: a.str({ required: true, computed: true }) }));
    expect(e).toBeInstanceOf(SchemaErrors);
    expect((e as SchemaErrors).errors).toHaveLength(2);
    expect(e.message).toMatch(/2 schema errors/);
  });

  it("errors convert to an error diagnostic and are PyviderErrors", () => {
    const e = errorOf(res({ x: a.str({ required: true, computed: true }) }));
    expect(e.attributePath).toBe("x");
    expect(e.toDiagnostic()).toEqual({
      severity: "error",
      summary: "Invalid provider schema",
      detail: e.message,
    });
    expect(e).toBeInstanceOf(PyviderError);
    expect(e).toBeInstanceOf(Error);
  });

  it("checkSchema re-checks under a registered name and checkFunction checks parameters", () => {
    const ok: Schema = s.resource({ x: a.str() });
    expect(checkSchema(ok, "kv_item")).toEqual([]);
    const bad = { ...ok, version: -1 };
    expect(checkSchema(bad, "kv_item")[0]?.message).toMatch(/version must be a non-negative integer/);
    const fn = s.fn({ parameters: [{ name: "a", type: CtyString }], returns: CtyString });
    expect(checkFunction({ ...fn, parameters: [...fn.parameters, ...fn.parameters] })[0]?.message).toMatch(
      /duplicate parameter/,
    );
    const defineBad = (): void => {
      s.fn({ parameters: [{ name: "Bad", type: CtyString }], returns: CtyString, name: "f" });
    };
    expect(defineBad).toThrow(/invalid parameter name/);
  });
});
