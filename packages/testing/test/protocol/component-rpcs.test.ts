/**
 * Protocol-level tests of the component RPCs against the fixture provider executable: every
 * Validate*Config, ReadDataSource, the ephemeral resource lifecycle, CallFunction, ListResource,
 * PlanAction and InvokeAction.
 */
import { Unknown } from "@pyvider/cty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  expect(await f.client.configureProvider({})).toEqual([]);
  for (const name of ["apple", "apricot", "banana"]) {
    await f.client.planAndApply("fixture_item", {
      config: { name, content: `content of ${name}`, password_wo: `pw-${name}` },
    });
  }
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("Validate*Config", () => {
  it("validates resources: schema errors with paths, then the resource's own rule", async () => {
    expect(await f.client.validate("resource", "fixture_item", { name: "ok", content: "c" })).toEqual([]);
    expect(await f.client.validate("resource", "fixture_item", { name: "a/b", content: "c" })).toEqual([
      expect.objectContaining({ severity: "error", summary: "Invalid name", path: "name" }),
    ]);
    const missing = await f.client.validate("resource", "fixture_item", {
      name: "ok",
      content: "c",
      rule: [{ match: null }],
    });
    expect(missing).toEqual([expect.objectContaining({ severity: "error", path: "rule[0].match" })]);
  });

  it("refuses write-only values when the client cannot handle them", async () => {
    const r = await f.process.validateResourceConfig({
      typeName: "fixture_item",
      config: (await import("../../src/index.js")).encodeValue(
        { name: "n", content: "c", password_wo: "pw" },
        f.client.typeOf("resource", "fixture_item"),
      ),
      clientCapabilities: { writeOnlyAttributesAllowed: false, deferralAllowed: false },
    });
    expect(r.diagnostics.map((d) => [d.summary, d.attribute?.steps[0]?.selector?.value])).toEqual([
      ["Write-only attribute not supported", "password_wo"],
    ]);
  });

  it("validates data sources, ephemeral resources, list resources, actions and state stores", async () => {
    expect(await f.client.validate("dataSource", "fixture_lookup", { name: "x" })).toEqual([]);
    expect((await f.client.validate("dataSource", "fixture_lookup", {}))[0]).toMatchObject({
      severity: "error",
      path: "name",
    });
    expect(await f.client.validate("ephemeral", "fixture_token", { scope: "s" })).toEqual([]);
    expect((await f.client.validate("ephemeral", "fixture_token", { scope: null }))[0]?.severity).toBe(
      "error",
    );
    expect(await f.client.validate("list", "fixture_item", { prefix: "a" })).toEqual([]);
    expect(await f.client.validate("action", "fixture_touch", { names: ["a"] })).toEqual([]);
    expect((await f.client.validate("action", "fixture_touch", {}))[0]).toMatchObject({
      severity: "error",
      path: "names",
    });
    expect(await f.client.validate("stateStore", "fixture_store", { prefix: "p" })).toEqual([]);
  });
});

describe("ReadDataSource", () => {
  it("reads an item, and reports a missing one with the attribute path", async () => {
    const r = await f.client.readDataSource("fixture_lookup", { name: "apple" });
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({ name: "apple", content: "content of apple" });
    expect(r.state?.password_hash).toMatch(/^[0-9a-f]{16}$/);
    const missing = await f.client.readDataSource("fixture_lookup", { name: "nope" });
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", summary: "Item not found", path: "name" }),
    ]);
  });
});

describe("ephemeral resources", () => {
  it("opens, renews and closes, carrying private data", async () => {
    const opened = await f.client.openEphemeralResource("fixture_token", { scope: "deploy" });
    expect(opened.diagnostics).toEqual([]);
    expect(opened.result).toEqual({ scope: "deploy", value: "token-for-deploy" });
    expect(opened.renewAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const renewed = await f.client.renewEphemeralResource("fixture_token", opened.private);
    expect(renewed.diagnostics).toEqual([]);
    expect(JSON.parse(Buffer.from(renewed.private!).toString())).toEqual({
      lease: "lease-deploy",
      renewals: 1,
    });
    expect(renewed.renewAt?.toISOString()).toBe("2030-01-02T00:00:00.000Z");
    expect(await f.client.closeEphemeralResource("fixture_token", renewed.private)).toEqual([]);
    expect((await f.client.closeEphemeralResource("fixture_token", undefined))[0]?.summary).toBe(
      "close without a lease",
    );
  });
});

describe("CallFunction", () => {
  it("calls functions with fixed and variadic arguments", async () => {
    expect((await f.client.callFunction("upper", ["abc"])).result).toBe("ABC");
    expect((await f.client.callFunction("divide", [7, 2])).result).toBe(3.5);
    expect((await f.client.callFunction("join", ["-", "a", "b", "c"])).result).toBe("a-b-c");
    expect((await f.client.callFunction("join", [","])).result).toBe("");
  });

  it("carries the argument index of a function error", async () => {
    const r = await f.client.callFunction("divide", [1, 0]);
    expect(r.error).toEqual({ text: "division by zero", functionArgument: 1 });
    const nul = await f.client.callFunction("upper", [null]);
    expect(nul.error).toMatchObject({ functionArgument: 0 });
  });

  it("returns an unknown result for an unknown argument without calling the function", async () => {
    const r = await f.client.callFunction("divide", [Unknown, 0]);
    expect(r.error).toBeUndefined();
    expect(r.resultValue?.isKnown).toBe(false);
  });

  it("reports an unknown function and a bad argument", async () => {
    const r = await f.process.callFunction({ name: "nope", arguments: [] });
    expect(r.error?.text).toContain('no function named "nope"');
    const bad = await f.process.callFunction({
      name: "upper",
      arguments: [{ msgpack: Buffer.from([0x01]), json: Buffer.alloc(0) }],
    });
    expect(bad.error).toMatchObject({ functionArgument: 0 });
  });
});

describe("ListResource", () => {
  it("streams identities, display names and, when asked, the objects", async () => {
    const all = await f.client.listResource("fixture_item", { prefix: "ap" }, { includeResource: true });
    expect(all.map((e) => [e.identity, e.displayName])).toEqual([
      [{ name: "apple" }, "item apple"],
      [{ name: "apricot" }, "item apricot"],
    ]);
    expect(all[0]?.resource).toMatchObject({ name: "apple", content: "content of apple", password_wo: null });
    const limited = await f.client.listResource("fixture_item", {}, { limit: 2 });
    expect(limited).toHaveLength(2);
    expect(limited[0]?.resource).toBeUndefined();
  });
});

describe("PlanAction and InvokeAction", () => {
  it("plans with the action's checks", async () => {
    expect(await f.client.planAction("fixture_touch", { names: ["apple"] })).toEqual([]);
    expect(await f.client.planAction("fixture_touch", { names: [] })).toEqual([
      expect.objectContaining({ summary: "Nothing to touch", path: "names" }),
    ]);
  });

  it("streams progress, then completion; the effect is visible", async () => {
    const r = await f.client.invokeAction("fixture_touch", { names: ["apple", "banana"] });
    expect(r.progress).toEqual(["touched apple", "touched banana"]);
    expect(r.completed).toEqual([]);
    const read = await f.client.importResourceState("fixture_item", { id: "apple" });
    expect(read.imported[0]?.state?.revision).toBe(2);
    const failed = await f.client.invokeAction("fixture_touch", { names: ["nope"] });
    expect(failed.completed).toEqual([
      expect.objectContaining({ severity: "error", summary: "Item not found" }),
    ]);
  });
});
