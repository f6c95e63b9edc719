import { CtyString, fromNative, objectVal, stringVal, toNative, Unknown } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { applyDefaults } from "./defaults.js";
import { schemaImpliedType } from "./implied.js";
import type { Schema } from "./model.js";
import { s } from "./schemas.js";

const cfg = (schema: Schema, js: unknown) =>
  fromNative(js, schemaImpliedType(schema, { markOptional: false }));

describe("applyDefaults", () => {
  const schema = s.resource({
    name: a.str({ required: true }),
    size: a.num({ default: 10 }),
    label: a.str({
      default: ({ config }) => `${toNative(config, {}) && (toNative(config) as { name: string }).name}-label`,
    }),
    mode: a.str({ default: stringVal("fast") }),
    tags: a.map(a.str(), { default: { team: "core" } }),
    items: a.nested.set({ key: a.str({ required: true }), weight: a.num({ default: 1 }) }),
    rule: b.list({ match: a.str({ required: true }), action: a.str({ default: "allow" }) }),
    plain: a.str(),
  });

  it("fills null config values with static and computed defaults, keeps set values", () => {
    const config = cfg(schema, {
      name: "n",
      size: null,
      label: null,
      mode: "slow",
      tags: null,
      items: [
        { key: "a", weight: null },
        { key: "b", weight: 5 },
      ],
      rule: [{ match: "x", action: null }],
      plain: null,
    });
    const { value, diagnostics } = applyDefaults(schema, config);
    expect(diagnostics).toEqual([]);
    expect(toNative(value)).toEqual({
      name: "n",
      size: 10,
      label: "n-label",
      mode: "slow",
      tags: { team: "core" },
      items: [
        { key: "a", weight: 1 },
        { key: "b", weight: 5 },
      ],
      rule: [{ match: "x", action: "allow" }],
      plain: null,
    });
  });

  it("applies onto a separate plan value and leaves unknown config alone", () => {
    const config = cfg(schema, {
      name: "n",
      size: Unknown,
      label: "l",
      mode: null,
      tags: {},
      items: null,
      rule: [],
      plain: null,
    });
    const plan = cfg(schema, {
      name: "n",
      size: Unknown,
      label: "l",
      mode: "prior",
      tags: {},
      items: null,
      rule: [],
      plain: null,
    });
    const { value } = applyDefaults(schema, config, plan);
    const out = toNative(value) as Record<string, unknown>;
    expect(out.size).toBe(Unknown);
    expect(out.mode).toBe("fast");
  });

  it("reports a default that does not fit or fails", () => {
    const bad = s.resource({
      x: a.num({ default: () => "not a number" as never }),
      y: a.str({
        default: () => {
          throw new Error("nope");
        },
      }),
    });
    const { diagnostics } = applyDefaults(bad, cfg(bad, { x: null, y: null }));
    expect(diagnostics.map((d) => d.summary)).toEqual(["Invalid default value", "Default failed"]);
    expect(diagnostics[0]?.path).toEqual([{ kind: "attr", name: "x" }]);
  });

  it("returns the same value when nothing changes", () => {
    const sch = s.resource({ x: a.str() });
    const config = objectVal({ x: stringVal("a") });
    expect(applyDefaults(sch, config).value).toBe(config);
    void CtyString;
  });
});
