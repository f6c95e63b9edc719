/**
 * Protocol-level tests of the RPCs Terraform may call on a fresh provider process before
 * ConfigureProvider (Terraform 1.11 does for a `moved` block across resource types): schema,
 * validation, state upgrades and moves answer without a configured provider.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  // Deliberately never configured.
  f = await startFixture();
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("before ConfigureProvider", () => {
  it("validates, upgrades and moves state; the mover does without the provider's data", async () => {
    expect(await f.client.validate("resource", "fixture_item", { name: "a", content: "x" })).toEqual([]);
    const up = await f.client.upgradeResourceState("fixture_item", {
      version: 0,
      json: { name: "old", text: "legacy text" },
    });
    expect(up.diagnostics).toEqual([]);
    expect(up.state).toMatchObject({ name: "old", content: "legacy text" });
    const moved = await f.client.moveResourceState("fixture_item", {
      sourceTypeName: "fixture_legacy",
      sourceState: { name: "moved", body: "B" },
    });
    expect(moved.diagnostics).toEqual([]);
    expect(moved.state).toMatchObject({ name: "moved", content: "B", id: "item-moved", revision: 1 });
    expect(moved.identity).toEqual({ name: "moved" });
  });
});
