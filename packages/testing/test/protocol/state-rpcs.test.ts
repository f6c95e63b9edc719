/**
 * Protocol-level tests of the stored-state RPCs against the fixture provider executable:
 * UpgradeResourceState, UpgradeResourceIdentity, ImportResourceState, MoveResourceState and
 * GenerateResourceConfig.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  expect(await f.client.configureProvider({})).toEqual([]);
  await f.client.planAndApply("fixture_item", {
    config: { name: "stored", content: "kept", tags: { a: "1" } },
  });
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("UpgradeResourceState", () => {
  it("runs the version 0 upgrader", async () => {
    const r = await f.client.upgradeResourceState("fixture_item", {
      version: 0,
      json: { name: "old", text: "legacy text" },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({
      name: "old",
      content: "legacy text",
      id: "item-old",
      revision: 1,
      size: 1,
      tags: null,
    });
  });

  it("keeps exact numbers through an upgrader (2^53+1, a decimal finer than float64)", async () => {
    for (const size of ["9007199254740993", "0.1000000000000000055511151231257827"]) {
      const r = await f.client.upgradeResourceState("fixture_item", {
        version: 0,
        json: `{"name":"big","text":"t","size":${size}}`,
      });
      expect(r.diagnostics).toEqual([]);
      expect(String((r.stateValue.raw as Map<string, { raw: unknown }>).get("size")?.raw)).toBe(size);
    }
  });

  it("drops attributes the current schema no longer has, keeping exact numbers", async () => {
    const r = await f.client.upgradeResourceState("fixture_item", {
      version: 1,
      json: '{"name":"cur","content":"c","removed_attr":"x","size":12345678901234567890,"rule":[{"match":"m","gone":1}],"endpoint":[]}',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({ name: "cur", content: "c", rule: [{ match: "m", priority: null }] });
    expect(r.stateValue.type.kind).toBe("object");
    expect(String((r.stateValue.raw as Map<string, { raw: unknown }>).get("size")?.raw)).toBe(
      "12345678901234567890",
    );
  });

  it("reads the legacy flatmap format", async () => {
    const r = await f.client.upgradeResourceState("fixture_item", {
      version: 1,
      flatmap: {
        name: "flat",
        content: "f",
        size: "3",
        "tags.%": "1",
        "tags.env": "prod",
        "labels.#": "2",
        "labels.111": "x",
        "labels.222": "y",
        "rule.#": "1",
        "rule.0.match": "m",
      },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({
      name: "flat",
      size: 3,
      tags: { env: "prod" },
      labels: ["x", "y"],
      rule: [{ match: "m", priority: null }],
    });
  });

  it("refuses state newer than the provider with a diagnostic", async () => {
    const r = await f.client.upgradeResourceState("fixture_item", { version: 7, json: { name: "x" } });
    expect(r.diagnostics[0]).toMatchObject({
      severity: "error",
      summary: "Stored state of fixture_item is newer than this provider",
    });
  });
});

describe("UpgradeResourceIdentity", () => {
  it("returns the identity at the current version", async () => {
    const r = await f.client.upgradeResourceIdentity("fixture_item", {
      version: 0,
      json: { name: "who", extra: true },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.identity).toEqual({ name: "who" });
  });
});

describe("ImportResourceState", () => {
  it("imports by ID with identity and private state", async () => {
    const r = await f.client.importResourceState("fixture_item", { id: "stored" });
    expect(r.diagnostics).toEqual([]);
    expect(r.imported).toHaveLength(1);
    expect(r.imported[0]).toMatchObject({
      identity: { name: "stored" },
      state: { name: "stored", content: "kept", tags: { a: "1" }, id: "item-stored" },
    });
    expect(JSON.parse(Buffer.from(r.imported[0]!.private).toString())).toEqual({ etag: "etag-1" });
  });

  it("imports by identity", async () => {
    const r = await f.client.importResourceState("fixture_item", { identity: { name: "stored" } });
    expect(r.diagnostics).toEqual([]);
    expect(r.imported[0]?.state).toMatchObject({ name: "stored", content: "kept" });
  });

  it("reports a missing object as a diagnostic", async () => {
    const r = await f.client.importResourceState("fixture_item", { id: "nope" });
    expect(r.imported).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", summary: "no item named nope" });
  });
});

describe("MoveResourceState", () => {
  it("moves fixture_legacy state into fixture_item with an identity", async () => {
    const r = await f.client.moveResourceState("fixture_item", {
      sourceTypeName: "fixture_legacy",
      sourceState: { name: "moved", body: "B" },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({ name: "moved", content: "B", id: "item-moved" });
    expect(r.identity).toEqual({ name: "moved" });
  });

  it("refuses a source type no mover accepts", async () => {
    const r = await f.client.moveResourceState("fixture_item", {
      sourceTypeName: "other_thing",
      sourceState: { x: 1 },
    });
    expect(r.state).toBeNull();
    expect(r.diagnostics[0]?.summary).toBe("Cannot move other_thing to fixture_item");
  });
});

describe("GenerateResourceConfig", () => {
  it("keeps configurable attributes and drops computed-only ones", async () => {
    const imported = await f.client.importResourceState("fixture_item", { id: "stored" });
    const r = await f.client.generateResourceConfig("fixture_item", imported.imported[0]!.stateValue);
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toMatchObject({
      name: "stored",
      content: "kept",
      tags: { a: "1" },
      id: null,
      revision: null,
    });
  });
});
