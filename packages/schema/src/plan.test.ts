import { formatPath, fromNative, nullVal, toNative, Unknown } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { a } from "./attributes.js";
import { b } from "./blocks.js";
import { applyDefaults } from "./defaults.js";
import { schemaImpliedType } from "./implied.js";
import type { PlanModifierRequest, Schema } from "./model.js";
import { planChange, runPlanModifiers } from "./plan.js";
import { pm } from "./plan-modifiers.js";
import { s } from "./schemas.js";
import { markComputedUnknown } from "./unknowns.js";

const val = (schema: Schema, js: unknown) =>
  fromNative(js, schemaImpliedType(schema, { markOptional: false }));
const nil = (schema: Schema) => nullVal(schemaImpliedType(schema, { markOptional: false }));

const schema = s.resource({
  name: a.str({ required: true, planModifiers: [pm.requiresReplace()] }),
  zone: a.str({
    planModifiers: [pm.requiresReplaceIf(({ state }) => !state.isNull, "only when previously set")],
  }),
  id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
  note: a.str({ optional: true, computed: true, planModifiers: [pm.useStateForUnknown()] }),
  items: a.nested.set({
    key: a.str({ required: true }),
    uid: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
  }),
  rule: b.list({ match: a.str({ required: true, planModifiers: [pm.requiresReplace()] }) }),
});

describe("runPlanModifiers", () => {
  const prior = val(schema, {
    name: "a",
    zone: null,
    id: "id-1",
    note: null,
    items: [
      { key: "k1", uid: "u1" },
      { key: "k2", uid: "u2" },
    ],
    rule: [{ match: "m" }],
  });
  const config = val(schema, {
    name: "a",
    zone: "z",
    id: null,
    note: null,
    items: [
      { key: "k2", uid: null },
      { key: "k3", uid: null },
    ],
    rule: [{ match: "m2" }],
  });
  const plan = val(schema, {
    name: "a",
    zone: "z",
    id: Unknown,
    note: Unknown,
    items: [
      { key: "k2", uid: Unknown },
      { key: "k3", uid: Unknown },
    ],
    rule: [{ match: "m2" }],
  });

  it("keeps state for unknowns (null stays null, new set elements stay unknown) and collects replace paths", async () => {
    const r = await runPlanModifiers(schema, { config, plan, priorState: prior });
    expect(r.diagnostics).toEqual([]);
    const out = toNative(r.plan) as Record<string, any>;
    expect(out.id).toBe("id-1");
    expect(out.note).toBeNull();
    const items = new Map((out.items as { key: string; uid: unknown }[]).map((i) => [i.key, i.uid]));
    expect(items.get("k2")).toBe("u2");
    expect(items.get("k3")).toBe(Unknown);
    expect(r.requiresReplace.map(formatPath)).toEqual(["rule[0].match"]);
  });

  it("requires replacement when a replace attribute changes, but not on create or destroy", async () => {
    const changed = val(schema, { ...(toNative(plan) as object), name: "b" });
    const r = await runPlanModifiers(schema, { config, plan: changed, priorState: prior });
    expect(r.requiresReplace.map(formatPath)).toEqual(["name", "rule[0].match"]);
    const created = await runPlanModifiers(schema, { config, plan: changed, priorState: nil(schema) });
    expect(created.requiresReplace).toEqual([]);
    expect((toNative(created.plan) as { id: unknown }).id).toBe(Unknown);
    const destroyed = await runPlanModifiers(schema, {
      config: nil(schema),
      plan: nil(schema),
      priorState: prior,
    });
    expect(destroyed.plan.isNull).toBe(true);
  });

  it("a new element of a nested collection counts as a change for requires-replace", async () => {
    const twoRules = val(schema, { ...(toNative(plan) as object), rule: [{ match: "m" }, { match: "new" }] });
    const cfg2 = val(schema, { ...(toNative(config) as object), rule: [{ match: "m" }, { match: "new" }] });
    const r = await runPlanModifiers(schema, { config: cfg2, plan: twoRules, priorState: prior });
    expect(r.requiresReplace.map(formatPath)).toEqual(["rule[1].match"]);
  });

  it("requiresReplaceIf follows its condition", async () => {
    const priorZone = val(schema, { ...(toNative(prior) as object), zone: "old" });
    const r = await runPlanModifiers(schema, { config, plan, priorState: priorZone });
    expect(r.requiresReplace.map(formatPath)).toContain("zone");
    const r2 = await runPlanModifiers(schema, { config, plan, priorState: prior });
    expect(r2.requiresReplace.map(formatPath)).not.toContain("zone");
  });

  it("custom modifiers see config, plan, state and path; errors become diagnostics", async () => {
    const seen: PlanModifierRequest[] = [];
    const sch = s.resource({
      x: a.str({
        optional: true,
        computed: true,
        planModifiers: [
          pm.custom("upper", async (req) => {
            seen.push(req);
            return {
              plan: fromNative(String(toNative(req.config)).toUpperCase(), req.plan.type),
              diagnostics: [{ severity: "warning", summary: "w" }],
            };
          }),
        ],
      }),
      y: a.str({
        planModifiers: [
          pm.custom("boom", () => {
            throw new Error("bad");
          }),
        ],
      }),
    });
    const c = val(sch, { x: "abc", y: "q" });
    const r = await runPlanModifiers(sch, { config: c, plan: c, priorState: val(sch, { x: "old", y: "q" }) });
    expect(toNative(r.plan)).toEqual({ x: "ABC", y: "q" });
    expect(seen[0]?.path).toEqual([{ kind: "attr", name: "x" }]);
    expect(toNative(seen[0]!.state)).toBe("old");
    expect(seen[0]?.stateObjectExists).toBe(true);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(["w", "Plan modifier failed"]);
  });

  it("walks maps and lists of nested attributes by key and index", async () => {
    const sch = s.resource({
      m: a.nested.map({
        id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
        v: a.str(),
      }),
      l: a.nested.list({ id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }) }),
      g: b.group({ id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }) }),
    });
    const st = val(sch, { m: { a: { id: "ma", v: "1" } }, l: [{ id: "l0" }], g: { id: "g" } });
    const p = val(sch, {
      m: { a: { id: Unknown, v: "2" }, b: { id: Unknown, v: "3" } },
      l: [{ id: Unknown }, { id: Unknown }],
      g: { id: Unknown },
    });
    const c = val(sch, {
      m: { a: { id: null, v: "2" }, b: { id: null, v: "3" } },
      l: [{ id: null }, { id: null }],
      g: { id: null },
    });
    const r = await runPlanModifiers(sch, { config: c, plan: p, priorState: st });
    expect(toNative(r.plan)).toEqual({
      m: { a: { id: "ma", v: "2" }, b: { id: Unknown, v: "3" } },
      l: [{ id: "l0" }, { id: Unknown }],
      g: { id: "g" },
    });
  });
});

describe("planChange", () => {
  const sch = s.resource({
    name: a.str({ required: true, planModifiers: [pm.requiresReplace()] }),
    id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
    size: a.num({ default: 3 }),
    entries: a.nested.set({
      key: a.str({ required: true }),
      weight: a.num({ default: 1 }),
      uid: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
    }),
    rule: b.list({ match: a.str(), hits: a.num({ computed: true }) }),
  });
  const config = val(sch, {
    name: "b",
    id: null,
    size: null,
    entries: [
      { key: "k1", weight: null, uid: null },
      { key: "k2", weight: 5, uid: null },
    ],
    rule: [{ match: "m", hits: null }],
  });
  const proposed = val(sch, {
    name: "b",
    id: "id-1",
    size: 7,
    entries: [
      { key: "k1", weight: null, uid: "u1" },
      { key: "k2", weight: 5, uid: null },
    ],
    rule: [{ match: "m", hits: 2 }],
  });
  const prior = val(sch, {
    name: "a",
    id: "id-1",
    size: 7,
    entries: [{ key: "k1", weight: 1, uid: "u1" }],
    rule: [{ match: "m", hits: 2 }],
  });

  it("equals markComputedUnknown + applyDefaults + runPlanModifiers in one pass", async () => {
    const one = await planChange(sch, {
      config,
      plan: proposed,
      priorState: prior,
      markComputedUnknown: true,
    });
    const marked = markComputedUnknown(sch, config, proposed);
    const defaulted = applyDefaults(sch, config, marked).value;
    const three = await runPlanModifiers(sch, { config, plan: defaulted, priorState: prior });
    expect(toNative(one.plan)).toEqual(toNative(three.plan));
    expect(one.requiresReplace.map(formatPath)).toEqual(three.requiresReplace.map(formatPath));
    expect(toNative(one.plan)).toEqual({
      name: "b",
      id: "id-1",
      size: 3,
      entries: [
        { key: "k1", weight: 1, uid: "u1" },
        { key: "k2", weight: 5, uid: Unknown },
      ],
      rule: [{ match: "m", hits: Unknown }],
    });
    expect(one.requiresReplace.map(formatPath)).toEqual(["name"]);
  });

  it("without markComputedUnknown keeps proposed computed values", async () => {
    const r = await planChange(sch, { config, plan: proposed, priorState: prior });
    expect((toNative(r.plan) as { rule: unknown }).rule).toEqual([{ match: "m", hits: 2 }]);
  });
});
