import { fromNative, toNative, Unknown } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { applyDefaults } from "./defaults.js";
import { schemaImpliedType } from "./implied.js";
import { s } from "./schemas.js";
import { markComputedUnknown } from "./unknowns.js";

const schema = s.resource({
  name: a.str({ required: true }),
  id: a.str({ computed: true }),
  note: a.str({ optional: true, computed: true }),
  size: a.num({ default: 3 }),
  items: a.nested.set({ key: a.str({ required: true }), uid: a.str({ computed: true }) }),
  rule: b.list({ match: a.str(), hits: a.num({ computed: true }) }),
});
const val = (js: unknown) => fromNative(js, schemaImpliedType(schema, { markOptional: false }));

describe("markComputedUnknown", () => {
  it("makes computed attributes with a null config unknown, at every depth, then defaults fill theirs", () => {
    const config = val({
      name: "n",
      id: null,
      note: "set",
      size: null,
      items: [{ key: "k", uid: null }],
      rule: [{ match: "m", hits: null }],
    });
    const proposed = val({
      name: "n",
      id: "old",
      note: "set",
      size: 9,
      items: [{ key: "k", uid: "u" }],
      rule: [{ match: "m", hits: 4 }],
    });
    const marked = markComputedUnknown(schema, config, proposed);
    expect(toNative(marked)).toEqual({
      name: "n",
      id: Unknown,
      note: "set",
      size: Unknown,
      items: [{ key: "k", uid: Unknown }],
      rule: [{ match: "m", hits: Unknown }],
    });
    expect((toNative(applyDefaults(schema, config, marked).value) as { size: unknown }).size).toBe(3);
  });

  it("leaves a value alone when nothing is computed and null in config", () => {
    const config = val({ name: "n", id: null, note: "x", size: 1, items: null, rule: [] });
    const plan = val({ name: "n", id: Unknown, note: "x", size: 1, items: null, rule: [] });
    expect(markComputedUnknown(schema, config, plan)).toBe(plan);
  });
});
