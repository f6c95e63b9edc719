/**
 * Protocol-level tests of the resource RPCs against the fixture provider executable:
 * PlanResourceChange, ApplyResourceChange, ReadResource and their rules.
 */
import { attributes, type CtyNum, Unknown } from "@pyvider/cty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  expect(await f.client.configureProvider({})).toEqual([]);
});
afterAll(async () => {
  await f?.process.dispose();
});

const base = {
  name: "alpha",
  content: "hello",
  tags: { env: "test" },
  labels: ["b", "a"],
  secret: "s3cr3t-value",
  password_wo: "hunter2-password",
  settings: { mode: "fast", level: 2 },
  rule: [{ match: "x", priority: 1 }],
  endpoint: [{ host: "h1", port: 80 }],
};

describe("numbers beyond a double", () => {
  it("keep their exact value through plan, apply and read when handlers pass them through as JS numbers", async () => {
    // 2^53 + 1: a handler sees 9007199254740992 and returns it, yet Terraform must get back its own number
    const size = 9007199254740993n;
    const { plan, apply } = await f.client.planAndApply("fixture_item", {
      config: { ...base, name: "bignum", size },
    });
    expect(plan.diagnostics).toEqual([]);
    expect(apply.diagnostics).toEqual([]);
    const exact = (v: typeof apply.stateValue) => (attributes(v).get("size")!.raw as CtyNum).toBigInt();
    expect(exact(apply.stateValue)).toBe(size);
    const read = await f.client.readResource("fixture_item", { state: apply.stateValue });
    expect(read.diagnostics).toEqual([]);
    expect(exact(read.stateValue!)).toBe(size);
  });
});

describe("PlanResourceChange", () => {
  it("plans a create: defaults applied, computed unknown, write-only null, no replacement", async () => {
    const plan = await f.client.planResourceChange("fixture_item", { config: base });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toMatchObject({
      name: "alpha",
      size: 1,
      id: Unknown,
      revision: Unknown,
      password_wo: null,
    });
    expect(plan.planned?.labels).toEqual(["a", "b"]);
    expect(plan.requiresReplace).toEqual([]);
  });

  it("plans no diff for an unchanged resource, and unknown computed values for a changed one", async () => {
    const { apply } = await f.client.planAndApply("fixture_item", { config: { ...base, name: "nodiff" } });
    expect(apply.diagnostics).toEqual([]);
    const same = await f.client.planResourceChange("fixture_item", {
      prior: apply.stateValue,
      config: { ...base, name: "nodiff" },
    });
    expect(same.diagnostics).toEqual([]);
    expect(same.planned).toEqual(apply.state);
    const changed = await f.client.planResourceChange("fixture_item", {
      prior: apply.stateValue,
      config: { ...base, name: "nodiff", content: "new" },
    });
    expect(changed.planned).toMatchObject({ content: "new", revision: Unknown, id: "item-nodiff" }); // id: use-state-for-unknown
    expect(changed.requiresReplace).toEqual([]);
  });

  it("reports requires-replace paths for an update that changes the name", async () => {
    const { apply } = await f.client.planAndApply("fixture_item", { config: { ...base, name: "rep1" } });
    const plan = await f.client.planResourceChange("fixture_item", {
      prior: apply.stateValue,
      config: { ...base, name: "rep2" },
    });
    expect(plan.requiresReplace).toEqual(["name"]);
  });

  it("runs the resource's plan hook: its replacement paths join the plan", async () => {
    const { apply } = await f.client.planAndApply("fixture_legacy", {
      config: { name: "hooked", body: "one" },
    });
    const same = await f.client.planResourceChange("fixture_legacy", {
      prior: apply.stateValue,
      config: { name: "hooked", body: "one" },
    });
    expect(same).toMatchObject({
      planned: { name: "hooked", body: "one" },
      requiresReplace: [],
      diagnostics: [],
    });
    const changed = await f.client.planResourceChange("fixture_legacy", {
      prior: apply.stateValue,
      config: { name: "hooked", body: "two" },
    });
    expect(changed).toMatchObject({ planned: { body: "two" }, requiresReplace: ["body"], diagnostics: [] });
  });

  it("plans a destroy as null and keeps the private state", async () => {
    const { apply } = await f.client.planAndApply("fixture_item", { config: { ...base, name: "gone" } });
    const plan = await f.client.planResourceChange("fixture_item", {
      prior: apply.stateValue,
      config: null,
      proposed: null,
      priorPrivate: apply.private,
    });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toBeNull();
    expect(Buffer.from(plan.plannedPrivate).toString()).toBe(Buffer.from(apply.private).toString());
  });

  it("defers only when the client allows it and the provider configuration is unknown", async () => {
    const g = await startFixture();
    try {
      expect(
        await g.client.configureProvider({ dir: Unknown }, { capabilities: { deferralAllowed: true } }),
      ).toEqual([]);
      const deferred = await g.client.planResourceChange("fixture_item", {
        config: base,
        capabilities: { deferralAllowed: true },
      });
      expect(deferred.deferred?.reason).toBe(2); // PROVIDER_CONFIG_UNKNOWN
      const read = await g.client.readDataSource(
        "fixture_lookup",
        { name: "x" },
        { capabilities: { deferralAllowed: true } },
      );
      expect(read.deferred?.reason).toBe(2);
      const h = await startFixture();
      try {
        expect(
          await h.client.configureProvider({ dir: Unknown }, { capabilities: { deferralAllowed: false } }),
        ).toEqual([]);
        const plan = await h.client.planResourceChange("fixture_item", { config: base });
        expect(plan.deferred).toBeUndefined();
        expect(plan.diagnostics).toEqual([]);
      } finally {
        await h.process.dispose();
      }
    } finally {
      await g.process.dispose();
    }
  });
});

describe("ApplyResourceChange", () => {
  it("creates, updates and deletes, with identity and private state", async () => {
    const created = await f.client.planAndApply("fixture_item", { config: { ...base, name: "life" } });
    expect(created.apply.diagnostics).toEqual([]);
    expect(created.apply.state).toMatchObject({
      name: "life",
      id: "item-life",
      revision: 1,
      password_wo: null,
      size: 1,
    });
    expect(created.apply.identity).toEqual({ name: "life" });
    expect(JSON.parse(Buffer.from(created.apply.private).toString())).toEqual({ etag: "etag-1" });

    const updated = await f.client.planAndApply("fixture_item", {
      prior: created.apply.stateValue,
      config: { ...base, name: "life", content: "v2" },
      priorPrivate: created.apply.private,
      priorIdentity: created.apply.identity,
    });
    expect(updated.apply.diagnostics).toEqual([]);
    expect(updated.apply.state).toMatchObject({ content: "v2", revision: 2, id: "item-life" });

    const destroyed = await f.client.applyResourceChange("fixture_item", {
      prior: updated.apply.stateValue,
      planned: null,
      config: null,
      plannedPrivate: updated.apply.private,
    });
    expect(destroyed.diagnostics).toEqual([]);
    expect(destroyed.state).toBeNull();
    const read = await f.client.readResource("fixture_item", { state: updated.apply.stateValue });
    expect(read.state).toBeNull();
  });

  it("reports a handler that changes a known planned value, naming the attribute", async () => {
    const { plan } = {
      plan: await f.client.planResourceChange("fixture_item", {
        config: { ...base, name: "drift", content: "__drift__" },
      }),
    };
    const apply = await f.client.applyResourceChange("fixture_item", {
      planned: plan.plannedValue,
      config: { ...base, name: "drift", content: "__drift__" },
    });
    const errors = apply.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      summary: "Provider produced inconsistent result after apply",
      path: "content",
    });
    expect(errors[0]?.detail).toContain('"content"');
  });

  it("reports unknown values left in the new state", async () => {
    const config = { ...base, name: "unk", content: "__unknown__" };
    const plan = await f.client.planResourceChange("fixture_item", { config });
    const apply = await f.client.applyResourceChange("fixture_item", { planned: plan.plannedValue, config });
    expect(apply.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        summary: "Provider returned an unknown value",
        path: "revision",
      }),
    ]);
  });

  it("turns a throwing handler into a diagnostic, and the server keeps serving", async () => {
    const config = { ...base, name: "thrower", content: "__throw__" };
    const plan = await f.client.planResourceChange("fixture_item", { config });
    const apply = await f.client.applyResourceChange("fixture_item", { planned: plan.plannedValue, config });
    expect(apply.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", summary: "boom: the backend refused the item" }),
    ]);
    expect(apply.state).toBeNull();
    const again = await f.client.planAndApply("fixture_item", { config: { ...base, name: "after-throw" } });
    expect(again.apply.diagnostics).toEqual([]);
  });

  it("rejects a malformed DynamicValue with a diagnostic, not a crash", async () => {
    const r = await f.process.applyResourceChange({
      typeName: "fixture_item",
      plannedState: { msgpack: Buffer.from([0xc1, 0x00]) },
    });
    expect(r.diagnostics[0]).toMatchObject({ severity: 1, summary: "Invalid planned state" });
    const unknownType = await f.process.readResource({ typeName: "fixture_nope" });
    expect(unknownType.diagnostics[0]?.summary).toBe("Unknown resource type");
  });
});

describe("ReadResource", () => {
  it("refreshes the state and round-trips private state; null means gone", async () => {
    const { apply } = await f.client.planAndApply("fixture_item", { config: { ...base, name: "reader" } });
    const first = await f.client.readResource("fixture_item", {
      state: apply.stateValue,
      private: apply.private,
      identity: apply.identity,
    });
    expect(first.diagnostics).toEqual([]);
    expect(first.state).toEqual(apply.state);
    expect(first.identity).toEqual({ name: "reader" });
    expect(JSON.parse(Buffer.from(first.private).toString())).toEqual({ etag: "etag-1", reads: 1 });
    const second = await f.client.readResource("fixture_item", {
      state: first.stateValue,
      private: first.private,
    });
    expect(JSON.parse(Buffer.from(second.private).toString())).toEqual({ etag: "etag-1", reads: 2 });
    await f.client.applyResourceChange("fixture_item", {
      prior: apply.stateValue,
      planned: null,
      config: null,
    });
    expect((await f.client.readResource("fixture_item", { state: apply.stateValue })).state).toBeNull();
  });
});
