/**
 * Protocol-level tests of author-raised deferral (`ctx.defer(reason)`) against the fixture
 * provider's `fixture_later` components: PlanResourceChange, ReadResource, ImportResourceState,
 * ReadDataSource and OpenEphemeralResource, each with and without the client's
 * `deferral_allowed` capability.
 */
import { Unknown } from "@pyvider/cty";
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

const allowed = { capabilities: { deferralAllowed: true } };
const refused = { capabilities: { deferralAllowed: false } };
// tfplugin6 Deferred.Reason
const UNKNOWN = 0;
const RESOURCE_CONFIG_UNKNOWN = 1;
const PROVIDER_CONFIG_UNKNOWN = 2;
const ABSENT_PREREQ = 3;

/** The one error diagnostic of a refused deferral, checked for the operation's name. */
function expectRefused(diagnostics: { severity: string; summary: string; detail?: string }[], where: string) {
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({ severity: "error", summary: "Deferral not allowed by the client" });
  expect(diagnostics[0]?.detail).toContain(`${where} asked to defer`);
  expect(diagnostics[0]?.detail).toContain("terraform plan -allow-deferral");
  expect(diagnostics[0]?.detail).toContain("OpenTofu does not support it");
}

describe("PlanResourceChange", () => {
  const config = { name: "n", defer: "absent-prerequisite", secret_wo: "hush", id: null };

  it("defers with the hook's reason: the framework's plan (computed unknown, write-only null), warnings kept", async () => {
    const plan = await f.client.planResourceChange("fixture_later", { config, ...allowed });
    expect(plan.deferred?.reason).toBe(ABSENT_PREREQ);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", summary: "Planning fixture_later later" }),
    ]);
    // the hook's change of `name` before deferring is not planned
    expect(plan.planned).toEqual({ name: "n", defer: "absent-prerequisite", secret_wo: null, id: Unknown });
    expect(plan.requiresReplace).toEqual([]);
  });

  it("defers an update with its reason and the prior private state", async () => {
    const prior = { name: "n", defer: null, secret_wo: null, id: "later-n" };
    const plan = await f.client.planResourceChange("fixture_later", {
      config: { ...config, defer: "resource-config-unknown", secret_wo: null },
      prior,
      ...allowed,
    });
    expect(plan.deferred?.reason).toBe(RESOURCE_CONFIG_UNKNOWN);
    expect(plan.planned).toMatchObject({ name: "n", defer: "resource-config-unknown", id: Unknown });
  });

  it("is an error naming the operation when the client does not allow deferral", async () => {
    const plan = await f.client.planResourceChange("fixture_later", { config, ...refused });
    expect(plan.deferred).toBeUndefined();
    expect(plan.diagnostics.filter((d) => d.severity === "warning")).toHaveLength(1);
    expectRefused(
      plan.diagnostics.filter((d) => d.severity === "error"),
      "resource fixture_later plan",
    );
  });

  it("plans as usual when the hook does not defer", async () => {
    const plan = await f.client.planResourceChange("fixture_later", {
      config: { ...config, defer: null },
      ...allowed,
    });
    expect(plan.deferred).toBeUndefined();
    expect(plan.diagnostics).toEqual([]);
  });
});

describe("ReadResource", () => {
  const state = { name: "n", defer: "unknown", secret_wo: null, id: "later-n" };

  it("defers with the current state, private state and identity unchanged", async () => {
    const priv = new TextEncoder().encode('{"k":"v"}');
    const read = await f.client.readResource("fixture_later", { state, private: priv, ...allowed });
    expect(read.deferred?.reason).toBe(UNKNOWN);
    expect(read.diagnostics).toEqual([]);
    expect(read.state).toEqual(state);
    expect(new TextDecoder().decode(read.private)).toBe('{"k":"v"}');
  });

  it("is an error naming the operation when the client does not allow deferral; the state is kept", async () => {
    const read = await f.client.readResource("fixture_later", { state, ...refused });
    expect(read.deferred).toBeUndefined();
    expectRefused(read.diagnostics, "resource fixture_later read");
    expect(read.state).toEqual(state);
  });

  it("reads as usual when the handler does not defer", async () => {
    const read = await f.client.readResource("fixture_later", {
      state: { ...state, defer: null },
      ...allowed,
    });
    expect(read.deferred).toBeUndefined();
    expect(read.state).toMatchObject({ name: "n-read" });
  });
});

describe("ImportResourceState", () => {
  it("defers with one imported resource whose state is unknown", async () => {
    const r = await f.client.importResourceState("fixture_later", {
      id: "defer:absent-prerequisite",
      ...allowed,
    });
    expect(r.deferred?.reason).toBe(ABSENT_PREREQ);
    expect(r.diagnostics).toEqual([]);
    expect(r.imported).toHaveLength(1);
    expect(r.imported[0]?.state).toBe(Unknown);
  });

  it("is an error naming the operation when the client does not allow deferral; nothing is imported", async () => {
    const r = await f.client.importResourceState("fixture_later", { id: "defer:unknown", ...refused });
    expect(r.deferred).toBeUndefined();
    expect(r.imported).toEqual([]);
    expectRefused(r.diagnostics, "resource fixture_later import");
  });

  it("imports as usual when the handler does not defer", async () => {
    const r = await f.client.importResourceState("fixture_later", { id: "abc", ...allowed });
    expect(r.deferred).toBeUndefined();
    expect(r.imported[0]?.state).toMatchObject({ name: "abc", id: "abc" });
  });
});

describe("ReadDataSource", () => {
  it("defers with the configuration, computed attributes unknown", async () => {
    const read = await f.client.readDataSource(
      "fixture_later",
      { name: "d", defer: "provider-config-unknown", value: null },
      allowed,
    );
    expect(read.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
    expect(read.diagnostics).toEqual([]);
    expect(read.state).toEqual({ name: "d", defer: "provider-config-unknown", value: Unknown });
  });

  it("is an error naming the operation when the client does not allow deferral", async () => {
    const read = await f.client.readDataSource(
      "fixture_later",
      { name: "d", defer: "absent-prerequisite", value: null },
      refused,
    );
    expect(read.deferred).toBeUndefined();
    expectRefused(read.diagnostics, "dataSource fixture_later read");
  });

  it("reads as usual when the handler does not defer", async () => {
    const read = await f.client.readDataSource(
      "fixture_later",
      { name: "d", defer: null, value: null },
      allowed,
    );
    expect(read.deferred).toBeUndefined();
    expect(read.state).toEqual({ name: "d", defer: null, value: "value-of-d" });
  });
});

describe("OpenEphemeralResource", () => {
  it("defers with an unknown result", async () => {
    const opened = await f.client.openEphemeralResource(
      "fixture_later",
      { name: "e", defer: "absent-prerequisite", value: null },
      allowed,
    );
    expect(opened.deferred?.reason).toBe(ABSENT_PREREQ);
    expect(opened.diagnostics).toEqual([]);
    expect(opened.result).toBe(Unknown);
  });

  it("is an error naming the operation when the client does not allow deferral", async () => {
    const opened = await f.client.openEphemeralResource(
      "fixture_later",
      { name: "e", defer: "absent-prerequisite", value: null },
      refused,
    );
    expect(opened.deferred).toBeUndefined();
    expectRefused(opened.diagnostics, "ephemeral fixture_later open");
  });

  it("opens as usual when the handler does not defer", async () => {
    const opened = await f.client.openEphemeralResource(
      "fixture_later",
      { name: "e", defer: null, value: null },
      allowed,
    );
    expect(opened.deferred).toBeUndefined();
    expect(opened.result).toEqual({ name: "e", defer: null, value: "secret-of-e" });
  });
});
