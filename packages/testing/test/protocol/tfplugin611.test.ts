/**
 * Protocol-level tests of what tfplugin6 6.11 added, against the fixture provider executable
 * (`fixture_computed`): deprecation messages and computed blocks in the schema, the new client
 * capabilities reaching `configure`, the refusal of computed blocks by clients without
 * `computed_blocks_allowed`, computed-block planning, and `planned_private` reaching the plan hook.
 */
import { Unknown } from "@pyvider/cty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

const TYPE = "fixture_computed";
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  // Not the client's defaults (everything allowed): each capability must be carried separately.
  expect(
    await f.client.configureProvider(
      {},
      { capabilities: { storePlannedPrivate: true, computedBlocksAllowed: false } },
    ),
  ).toEqual([]);
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("GetProviderSchema (6.11 fields)", () => {
  it("carries deprecation messages of attributes and blocks, and the computed flag of blocks", async () => {
    const s = await f.process.getProviderSchema({});
    const block = s.resourceSchemas[TYPE]!.block!;
    const attr = (n: string) => block.attributes.find((a) => a.name === n)!;
    expect(attr("old_name")).toMatchObject({ deprecated: true, deprecationMessage: "Use name instead." });
    expect(attr("name")).toMatchObject({ deprecated: false, deprecationMessage: "" });
    const nested = (n: string) => block.blockTypes.find((b) => b.typeName === n)!;
    expect(nested("legacy").block).toMatchObject({
      deprecated: true,
      deprecationMessage: "Use note instead.",
      computed: false,
    });
    expect(nested("endpoint").block).toMatchObject({ computed: true, deprecated: false });
    expect(block.computed).toBe(false);
    // blocks of the other resources are not computed
    const item = s.resourceSchemas.fixture_item!.block!;
    expect(item.blockTypes.map((b) => b.block?.computed)).toEqual([false, false]);
  });
});

describe("client capabilities", () => {
  it("reach configure: storePlannedPrivate and computedBlocksAllowed each as sent", async () => {
    const { apply } = await f.client.planAndApply(TYPE, { config: { name: "caps" } });
    expect(apply.diagnostics).toEqual([]);
    expect(apply.state?.client).toBe("store_planned_private=true computed_blocks_allowed=false");
    const g = await startFixture();
    try {
      await g.client.configureProvider(
        {},
        { capabilities: { storePlannedPrivate: false, computedBlocksAllowed: true } },
      );
      const other = await g.client.planAndApply(TYPE, { config: { name: "caps" } });
      expect(other.apply.state?.client).toBe("store_planned_private=false computed_blocks_allowed=true");
    } finally {
      await g.process.dispose();
    }
  });
});

describe("computed blocks", () => {
  it("are refused, naming the resource type and the block, when the client cannot handle them", async () => {
    const plan = await f.client.planResourceChange(TYPE, {
      config: { name: "old-client" },
      capabilities: { computedBlocksAllowed: false },
    });
    expect(plan.diagnostics).toHaveLength(1);
    const [d] = plan.diagnostics;
    expect(d?.severity).toBe("error");
    expect(d?.summary).toMatch(/Computed blocks not supported/);
    expect(d?.detail).toContain('"fixture_computed"');
    expect(d?.detail).toContain('"endpoint"');
    expect(plan.planned).toBeNull();
  });

  it("plan without a diagnostic with the capability; destroy and resources without them plan anyway", async () => {
    const plan = await f.client.planResourceChange(TYPE, { config: { name: "new-client" } });
    expect(plan.diagnostics).toEqual([]);
    const { apply } = await f.client.planAndApply(TYPE, { config: { name: "to-destroy" } });
    const destroy = await f.client.planResourceChange(TYPE, {
      prior: apply.stateValue,
      config: null,
      capabilities: { computedBlocksAllowed: false },
    });
    expect(destroy.diagnostics).toEqual([]);
    expect(destroy.planned).toBeNull();
    const other = await f.client.planResourceChange("fixture_legacy", {
      config: { name: "n", body: "b" },
      capabilities: { computedBlocksAllowed: false },
    });
    expect(other.diagnostics).toEqual([]);
  });

  it("left out: unknown on create, kept from the prior state when unchanged, unknown again on a change", async () => {
    const { plan, apply } = await f.client.planAndApply(TYPE, { config: { name: "cb" } });
    expect(plan.planned?.endpoint).toBe(Unknown);
    expect(apply.state?.endpoint).toEqual([{ host: "cb.example", port: 443 }]);
    const same = await f.client.planResourceChange(TYPE, { prior: apply.stateValue, config: { name: "cb" } });
    expect(same.diagnostics).toEqual([]);
    expect(same.planned).toEqual(apply.state);
    const changed = await f.client.planResourceChange(TYPE, {
      prior: apply.stateValue,
      config: { name: "cb", note: "changed" },
    });
    expect(changed.planned).toMatchObject({
      note: "changed",
      endpoint: Unknown,
      client: apply.state?.client,
    });
  });

  it("configured: planned from the configuration, its computed attributes unknown", async () => {
    const { plan, apply } = await f.client.planAndApply(TYPE, {
      config: { name: "cfg", endpoint: [{ host: null, port: 8080 }] },
    });
    expect(plan.planned?.endpoint).toEqual([{ host: Unknown, port: 8080 }]);
    expect(apply.state?.endpoint).toEqual([{ host: "cfg.example", port: 8080 }]);
  });
});

describe("planned_private", () => {
  it("reaches the plan hook as ctx.plannedPrivate; the response's private state is what the hook set", async () => {
    const first = await f.client.planResourceChange(TYPE, { config: { name: "pp" } });
    expect(first.planned?.seen).toBe(Unknown);
    expect(JSON.parse(text(first.plannedPrivate))).toEqual({ plan_token: "token-pp" });
    const again = await f.client.planResourceChange(TYPE, {
      config: { name: "pp" },
      plannedPrivate: json({ plan_token: "from-the-first-plan" }),
    });
    expect(again.diagnostics).toEqual([]);
    expect(again.planned?.seen).toBe("from-the-first-plan");
    expect(JSON.parse(text(again.plannedPrivate))).toEqual({ plan_token: "token-pp" });
  });

  it("is reported as a diagnostic, not a crash, when it is not a JSON object", async () => {
    const bad = await f.client.planResourceChange(TYPE, {
      config: { name: "pp-bad" },
      plannedPrivate: new TextEncoder().encode("not json"),
    });
    expect(bad.diagnostics.map((d) => d.summary)).toContain("Invalid private state");
  });
});
