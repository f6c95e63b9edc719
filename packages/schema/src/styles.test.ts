import { CtyList, CtyNumber, CtyObject, CtyString, typeEquals } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { SchemaBuilder } from "./builder.js";
import {
  attribute,
  block,
  dataSourceSchema,
  fields,
  nested,
  providerSchema,
  resourceSchema,
  schemaOf,
} from "./decorators.js";
import { SchemaError } from "./errors.js";
import { a, a_list, a_num, a_str, b, b_list, s, s_resource } from "./index.js";
import { pm } from "./plan-modifiers.js";
import { v } from "./validators/index.js";

const nameLength = v.lengthBetween(1, 64);
const replace = pm.requiresReplace();
const exclusive = v.conflictsWith("size", "label");

describe("three authoring styles", () => {
  const viaFactories = s.resource(
    {
      name: a.str({ required: true, validators: [nameLength], planModifiers: [replace] }),
      size: a.num({ default: 1 }),
      label: a.str({ description: "A label" }),
      id: a.str({ computed: true }),
      rule: b.list({ match: a.str({ required: true }) }, { minItems: 1, maxItems: 3 }),
    },
    { version: 2, validators: [exclusive] },
  );

  const viaBuilder = new SchemaBuilder({ kind: "resource", version: 2 })
    .addAttribute("name", CtyString, { required: true, validators: [nameLength], planModifiers: [replace] })
    .addAttribute("size", CtyNumber, { default: 1 })
    .addAttribute("label", CtyString, { description: "A label" })
    .addAttribute("id", CtyString, { computed: true })
    .addBlock("rule", "list", (r) => r.addAttribute("match", CtyString, { required: true }), {
      minItems: 1,
      maxItems: 3,
    })
    .addValidator(exclusive)
    .build();

  @fields
  class Rule {
    @attribute({ type: CtyString, required: true }) match!: string;
  }

  @resourceSchema({ version: 2, validators: [exclusive] })
  class Thing {
    @attribute({ type: CtyString, required: true, validators: [nameLength], planModifiers: [replace] })
    name!: string;
    @attribute({ type: CtyNumber, default: 1 }) size!: number;
    @attribute({ type: CtyString, description: "A label" }) label!: string | null;
    @attribute({ type: CtyString, computed: true }) id!: string;
    @block({ nesting: "list", of: Rule, minItems: 1, maxItems: 3 }) rule!: { match: string }[];
  }
  const viaDecorators = schemaOf(Thing);

  it("produce identical models", () => {
    expect(viaBuilder).toStrictEqual(viaFactories);
    expect(viaDecorators).toStrictEqual(viaFactories);
  });

  it("record flags as documented", () => {
    const attrs = viaFactories.block.attributes;
    expect(attrs.name).toMatchObject({ required: true, optional: false, computed: false });
    expect(attrs.size).toMatchObject({ required: false, optional: true, computed: true });
    expect(attrs.size?.default).toEqual({ kind: "static", value: 1 });
    expect(attrs.label).toMatchObject({
      required: false,
      optional: true,
      computed: false,
      description: "A label",
    });
    expect(attrs.id).toMatchObject({ required: false, optional: false, computed: true });
    expect(viaFactories.block.blocks.rule).toMatchObject({ nesting: "list", minItems: 1, maxItems: 3 });
    expect(viaFactories.version).toBe(2);
  });

  it("pyvider snake_case aliases build the same thing", () => {
    const x = s_resource({ n: a_str({ required: true }), l: a_list(a_num()), r: b_list({ m: a_str() }) });
    const y = s.resource({ n: a.str({ required: true }), l: a.list(a.num()), r: b.list({ m: a.str() }) });
    expect(x).toStrictEqual(y);
  });

  it("accepts bare @resourceSchema", () => {
    @resourceSchema
    class Bare {
      @attribute({ type: CtyString, optional: true }) x!: string | null;
    }
    expect(schemaOf(Bare).block.attributes.x?.optional).toBe(true);
    expect(() => schemaOf(class NotDecorated {})).toThrow(/no schema decorator/);
  });
});

describe("decorators: nested attributes, blocks and errors", () => {
  it("@nested and @block take @fields classes, and match the factories", () => {
    @fields
    class Server {
      @attribute({ type: CtyString, required: true }) host!: string;
      @attribute({ type: CtyNumber }) port!: number | null;
    }
    @dataSourceSchema({ description: "reads" })
    class Read {
      @nested({ nesting: "list", of: Server, maxItems: 3 }) servers!:
        | { host: string; port: number | null }[]
        | null;
      @block({ nesting: "single", of: Server, description: "the primary" }) primary!: { host: string } | null;
    }
    const viaFactories = s.dataSource(
      {
        servers: a.nested.list({ host: a.str({ required: true }), port: a.num() }, { maxItems: 3 }),
        primary: b.single({ host: a.str({ required: true }), port: a.num() }, { description: "the primary" }),
      },
      { description: "reads" },
    );
    expect(schemaOf(Read)).toStrictEqual(viaFactories);
  });

  it("definition mistakes throw when the class is defined, naming the class", () => {
    let caught: unknown;
    try {
      @providerSchema
      class BadProvider {
        @attribute({ type: CtyString, writeOnly: true }) token!: string | null;
      }
      void BadProvider;
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SchemaError);
    expect((caught as SchemaError).schemaName).toBe("BadProvider");
    expect((caught as SchemaError).attributePath).toBe("token");
  });
});

describe("attribute factories", () => {
  it("build cty types from element definitions", () => {
    const obj = a.obj({ host: a.str(), port: CtyNumber });
    expect(typeEquals(obj.type, CtyObject({ host: CtyString, port: CtyNumber }))).toBe(true);
    expect(typeEquals(a.list(a.str()).type, CtyList(CtyString))).toBe(true);
    expect(a.tuple([a.str(), a.bool()]).type).toMatchObject({ kind: "tuple" });
    expect(a.dyn().type.kind).toBe("dynamic");
    expect(a.set(CtyString).type.kind).toBe("set");
    expect(a.map(a.num()).type.kind).toBe("map");
  });

  it("nested attributes nest arbitrarily deep", () => {
    const n = a.nested.list(
      { inner: a.nested.map({ leaf: a.nested.set({ x: a.str({ required: true }) }, { maxItems: 2 }) }) },
      { minItems: 1 },
    );
    expect(n.nesting).toBe("list");
    expect(n.attributes.inner).toMatchObject({ kind: "nested", nesting: "map" });
    const leaf = (n.attributes.inner as typeof n).attributes.leaf as typeof n;
    expect(leaf).toMatchObject({ nesting: "set", maxItems: 2 });
    expect(a.nested.single({ x: a.str() }).nesting).toBe("single");
  });

  it("deprecation and descriptions", () => {
    const x = a.str({ deprecated: "use y", markdownDescription: "**x**" });
    expect(x).toMatchObject({ deprecated: true, deprecationMessage: "use y", markdownDescription: "**x**" });
    expect(a.str({ deprecated: true })).toMatchObject({ deprecated: true, deprecationMessage: undefined });
  });

  it("all schema kinds and the function schema", () => {
    const fields = { x: a.str({ optional: true }) };
    for (const k of [
      "provider",
      "providerMeta",
      "dataSource",
      "ephemeral",
      "list",
      "action",
      "stateStore",
    ] as const) {
      expect(s[k](fields).kind).toBe(k);
    }
    expect(s.identity({ id: a.str({ required: true }) }, { version: 3 })).toMatchObject({
      kind: "identity",
      version: 3,
    });
    const fn = s.fn({
      parameters: [{ name: "input", type: CtyString, allowNull: true }],
      variadicParameter: { name: "rest", type: a.num(), allowUnknown: true },
      returns: CtyString,
      summary: "Joins",
      description: "Joins strings",
      deprecated: "use join2",
    });
    expect(fn.parameters[0]).toMatchObject({ name: "input", allowNull: true, allowUnknown: false });
    expect(fn.variadicParameter).toMatchObject({ name: "rest", allowUnknown: true, type: CtyNumber });
    expect(fn).toMatchObject({ summary: "Joins", deprecationMessage: "use join2", returnType: CtyString });
  });
});
