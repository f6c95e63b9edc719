import { CtyNumber, CtyString, typeString } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { describeFunction, describeSchema, typeJson } from "./describe.js";
import { schemaImpliedType } from "./implied.js";
import { s } from "./schemas.js";

const schema = s.resource(
  {
    name: a.str({ required: true, description: "The name" }),
    token: a.str({ sensitive: true, writeOnly: true, markdownDescription: "A **token**" }),
    old: a.num({ deprecated: "use name" }),
    tags: a.map(a.str(), { computed: true, optional: true }),
    servers: a.nested.set({ host: a.str({ required: true }), port: a.num() }, { minItems: 1, maxItems: 5 }),
    rule: b.list({ match: a.str({ required: true }), opts: b.single({ x: a.bool() }) }, { maxItems: 2 }),
    conf: b.single({ level: a.num({ computed: true }) }, { computed: true }),
  },
  { version: 3, description: "An item", deprecated: true },
);

describe("schemaImpliedType", () => {
  it("makes blocks and nested attributes objects, marking non-required attributes optional", () => {
    expect(typeString(schemaImpliedType(schema))).toBe(
      "object({conf=object({level=optional(number)}),name=string,old=optional(number)," +
        "rule=list(object({match=string,opts=object({x=optional(bool)})})),servers=optional(set(object({host=string,port=optional(number)})))," +
        "tags=optional(map(string)),token=optional(string)})",
    );
  });

  it("gives the plain value type without optional markers", () => {
    expect(typeString(schemaImpliedType(schema, { markOptional: false }))).toBe(
      "object({conf=object({level=number}),name=string,old=number,rule=list(object({match=string,opts=object({x=bool})}))," +
        "servers=set(object({host=string,port=number})),tags=map(string),token=string})",
    );
  });
});

describe("describeSchema", () => {
  const d = describeSchema(schema);

  it("is plain JSON-able data, sorted by name", () => {
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.kind).toBe("resource");
    expect(d.version).toBe(3);
    expect(d.block.attributes.map((x) => x.name)).toEqual(["name", "old", "servers", "tags", "token"]);
    expect(d.block.blockTypes.map((x) => x.typeName)).toEqual(["conf", "rule"]);
    expect(d.block).toMatchObject({ description: "An item", descriptionKind: "plain", deprecated: true });
  });

  it("carries flags, types, descriptions and deprecation", () => {
    const [name, old, servers, tags, token] = d.block.attributes;
    expect(name).toMatchObject({
      type: "string",
      required: true,
      optional: false,
      description: "The name",
      descriptionKind: "plain",
    });
    expect(old).toMatchObject({ type: "number", deprecated: true, deprecationMessage: "use name" });
    expect(tags).toMatchObject({ type: ["map", "string"], optional: true, computed: true });
    expect(token).toMatchObject({
      sensitive: true,
      writeOnly: true,
      description: "A **token**",
      descriptionKind: "markdown",
    });
    expect(servers?.type).toBeUndefined();
    expect(servers?.nestedType).toEqual({
      nesting: "set",
      minItems: 1,
      maxItems: 5,
      attributes: [
        expect.objectContaining({ name: "host", type: "string", required: true }),
        expect.objectContaining({ name: "port", type: "number", optional: true }),
      ],
    });
  });

  it("describes nested blocks with nesting, counts and the computed flag", () => {
    const [conf, rule] = d.block.blockTypes;
    expect(conf).toMatchObject({ nesting: "single", computed: true, minItems: 0, maxItems: 0 });
    expect(rule).toMatchObject({ nesting: "list", maxItems: 2, computed: false });
    expect(rule?.block.blockTypes[0]).toMatchObject({ typeName: "opts", nesting: "single" });
  });
});

describe("typeJson and describeFunction", () => {
  it("writes go-cty type JSON", () => {
    expect(typeJson(a.obj({ a: CtyString }).type)).toEqual(["object", { a: "string" }]);
    expect(typeJson(schemaImpliedType(s.resource({ x: a.str() })))).toEqual([
      "object",
      { x: "string" },
      ["x"],
    ]);
    expect(typeJson(a.tuple([CtyNumber, a.dyn()]).type)).toEqual(["tuple", ["number", "dynamic"]]);
  });

  it("describes a function", () => {
    const fn = s.fn({
      parameters: [{ name: "s", type: CtyString, description: "input" }],
      variadicParameter: { name: "more", type: CtyNumber, allowNull: true, markdownDescription: "*more*" },
      returns: a.list(CtyString),
      summary: "sum",
    });
    expect(describeFunction(fn)).toEqual({
      parameters: [
        {
          name: "s",
          type: "string",
          allowNullValue: false,
          allowUnknownValues: false,
          description: "input",
          descriptionKind: "plain",
        },
      ],
      variadicParameter: {
        name: "more",
        type: "number",
        allowNullValue: true,
        allowUnknownValues: false,
        description: "*more*",
        descriptionKind: "markdown",
      },
      returnType: ["list", "string"],
      summary: "sum",
      description: "",
      descriptionKind: "plain",
      deprecationMessage: "",
    });
  });
});
