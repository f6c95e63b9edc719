import { fromNative, toNative, Unknown } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { checkSchema } from "./checks.js";
import { computedBlockPaths, containsComputedBlocks, keepComputedBlocks } from "./computed-blocks.js";
import { describeSchema } from "./describe.js";
import { schemaImpliedType } from "./implied.js";
import type { Fields } from "./model.js";
import { planChange } from "./plan.js";
import { s } from "./schemas.js";
import { markComputedUnknown } from "./unknowns.js";

const schema = s.resource({
  name: a.str({ required: true }),
  id: a.str({ computed: true }),
  // computed block: the provider fills it when the configuration leaves it out
  endpoint: b.list(
    { host: a.str({ computed: true }), port: a.num({ optional: true, computed: true }) },
    {
      computed: true,
    },
  ),
  // plain block containing a computed one
  rule: b.list({
    match: a.str({ required: true }),
    stats: b.single({ hits: a.num({ computed: true }) }, { computed: true }),
  }),
});
const val = (js: unknown) => fromNative(js, schemaImpliedType(schema, { markOptional: false }));
const prior = val({
  name: "n",
  id: "i-1",
  endpoint: [{ host: "h", port: 80 }],
  rule: [{ match: "m", stats: { hits: 4 } }],
});

describe("computed blocks", () => {
  it("lists the computed block paths, outermost first", () => {
    expect(computedBlockPaths(schema)).toEqual(["endpoint", "rule.stats"]);
    expect(containsComputedBlocks(schema)).toBe(true);
    expect(containsComputedBlocks(s.resource({ r: b.list({ x: a.str() }) }))).toBe(false);
  });

  it("keeps the prior value of computed blocks left out of the configuration, at every depth", () => {
    // What Terraform sends: the left-out computed blocks are null in config and proposed.
    const config = val({ name: "n", id: null, endpoint: null, rule: [{ match: "m", stats: null }] });
    const proposed = val({ name: "n", id: "i-1", endpoint: null, rule: [{ match: "m", stats: null }] });
    const kept = keepComputedBlocks(schema, config, proposed, prior);
    expect(toNative(kept)).toEqual(toNative(prior));
  });

  it("plans a configured computed block from the configuration, and a create as null (then unknown)", () => {
    const config = val({ name: "n", id: null, endpoint: [{ host: null, port: 8080 }], rule: [] });
    const proposed = val({ name: "n", id: "i-1", endpoint: [{ host: "h", port: 8080 }], rule: [] });
    expect(keepComputedBlocks(schema, config, proposed, prior)).toBe(proposed);
    const create = val({ name: "n", id: null, endpoint: null, rule: [] });
    const planned = keepComputedBlocks(schema, create, create, val(null));
    expect(toNative(planned)).toMatchObject({ endpoint: null });
    expect(toNative(markComputedUnknown(schema, create, planned))).toEqual({
      name: "n",
      id: Unknown,
      endpoint: Unknown,
      rule: [],
    });
  });

  it("marks a left-out computed block unknown when the resource changes, like a computed attribute", async () => {
    const config = val({ name: "n2", id: null, endpoint: null, rule: [{ match: "m", stats: null }] });
    const proposed = keepComputedBlocks(
      schema,
      config,
      val({ name: "n2", id: "i-1", endpoint: null, rule: [{ match: "m", stats: null }] }),
      prior,
    );
    const marked = toNative(markComputedUnknown(schema, config, proposed));
    expect(marked).toEqual({
      name: "n2",
      id: Unknown,
      endpoint: Unknown,
      rule: [{ match: "m", stats: Unknown }],
    });
    const viaEngine = await planChange(schema, {
      config,
      plan: proposed,
      priorState: prior,
      markComputedUnknown: true,
    });
    expect(toNative(viaEngine.plan)).toEqual(marked);
    // a configured computed block is not the provider's to replace
    const configured = val({ name: "n2", id: null, endpoint: [{ host: null, port: 1 }], rule: [] });
    const plan = val({ name: "n2", id: "i-1", endpoint: [{ host: null, port: 1 }], rule: [] });
    expect(toNative(markComputedUnknown(schema, configured, plan))).toMatchObject({
      endpoint: [{ host: Unknown, port: 1 }],
    });
  });

  it("describes the computed flag on the nested block", () => {
    const d = describeSchema(schema);
    expect(d.block.blockTypes.find((x) => x.typeName === "endpoint")?.computed).toBe(true);
    expect(d.block.blockTypes.find((x) => x.typeName === "rule")?.computed).toBe(false);
  });
});

describe("computed block definition checks (Terraform's rules)", () => {
  const bad = (fields: Fields) => {
    try {
      s.resource(fields, { name: "x_res" });
    } catch (e) {
      return String((e as Error).message);
    }
    return "no error";
  };

  it("accepts a well-formed computed block", () => {
    const ok = s.resource({ c: b.set({ v: a.str({ computed: true }) }, { computed: true }) });
    expect(checkSchema(ok)).toEqual([]);
  });

  it("refuses non-computed children, group nesting, minItems and non-resource schemas", () => {
    expect(bad({ c: b.list({ v: a.str({ optional: true }) }, { computed: true }) })).toMatch(
      /every attribute of a computed block must be computed/,
    );
    expect(bad({ c: b.list({ d: b.list({ v: a.str({ computed: true }) }) }, { computed: true }) })).toMatch(
      /every block inside a computed block must be computed/,
    );
    expect(bad({ c: b.group({ v: a.str({ computed: true }) }, { computed: true }) })).toMatch(
      /group block cannot be computed/,
    );
    expect(bad({ c: b.list({ v: a.str({ computed: true }) }, { computed: true, minItems: 1 }) })).toMatch(
      /cannot set minItems/,
    );
    expect(() => s.dataSource({ c: b.list({ v: a.str({ computed: true }) }, { computed: true }) })).toThrow(
      /only supported in resource schemas/,
    );
  });
});
