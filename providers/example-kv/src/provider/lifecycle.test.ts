import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unknown } from "@pyvider/cty";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKSUM_KEY_FILE, keyedChecksum, sha256Hex } from "../store/index.js";
import { buildKvProvider } from "./index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function configured() {
  const path = mkdtempSync(join(tmpdir(), "kv-provider-"));
  dirs.push(path);
  const provider = buildKvProvider();
  const outcome = await provider.configure({ config: { path, namespace: "demo" } });
  expect(outcome.diagnostics).toEqual([]);
  return { provider, path };
}

/** The keyed checksum of `value` in the store at `path`. */
const checksumIn = (path: string, value: string) =>
  keyedChecksum(Buffer.from(readFileSync(join(path, CHECKSUM_KEY_FILE), "utf8").trim(), "hex"), value);

const config = (over: Record<string, unknown> = {}) => ({
  key: "app/db",
  value: "one",
  value_wo: null,
  value_wo_version: null,
  tags: null,
  ttl_seconds: null,
  id: null,
  version: null,
  created_at: null,
  updated_at: null,
  checksum: null,
  ...over,
});
const unknowns = {
  id: Unknown,
  version: Unknown,
  created_at: Unknown,
  updated_at: Unknown,
  checksum: Unknown,
};

describe("kv_entry through the hub runtime (sketch)", () => {
  it("create, drift by editing, update with version + 1, delete", async () => {
    const { provider, path } = await configured();
    const entry = provider.resource("kv_entry")!;
    const planned = await entry.plan({
      config: config(),
      prior: null,
      proposed: { ...config(), ...unknowns },
    });
    expect(planned.diagnostics).toEqual([]);
    expect(planned.value?.planned).toMatchObject({ id: "demo/app/db", version: 1 });
    const created = await entry.create({ config: config(), plan: planned.value!.planned! });
    expect(created.diagnostics).toEqual([]);
    const state = created.value!.state!;
    expect(state).toMatchObject({
      key: "app/db",
      value: "one",
      version: 1,
      checksum: checksumIn(path, "one"),
    });
    expect(state.checksum).not.toBe(sha256Hex("one"));
    expect(created.value!.identity).toEqual({ namespace: "demo", key: "app/db" });

    const file = join(path, "demo", "app%2Fdb.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"value": "one"', '"value": "edited"'));
    const read = await entry.read({ state });
    expect(read.value?.state).toMatchObject({
      value: "edited",
      version: 1,
      checksum: checksumIn(path, "edited"),
    });

    const prior = read.value!.state!;
    const next = config({ value: "two" });
    const plan2 = await entry.plan({ config: next, prior, proposed: { ...prior, value: "two" } });
    expect(plan2.value?.planned).toMatchObject({ version: 2, checksum: checksumIn(path, "two") });
    const updated = await entry.update({ config: next, plan: plan2.value!.planned!, prior });
    expect(updated.value?.state).toMatchObject({ value: "two", version: 2, created_at: state.created_at });

    expect((await entry.delete({ prior: updated.value!.state! })).ok).toBe(true);
    expect((await entry.read({ state: updated.value!.state! })).value?.state).toBeNull();
  });

  it("imports by key, by <namespace>/<key> and by identity", async () => {
    const { provider } = await configured();
    const entry = provider.resource("kv_entry")!;
    const planned = await entry.plan({
      config: config(),
      prior: null,
      proposed: { ...config(), ...unknowns },
    });
    await entry.create({ config: config(), plan: planned.value!.planned! });
    for (const req of [
      { id: "app/db" },
      { id: "demo/app/db" },
      { identity: { namespace: "demo", key: "app/db" } },
    ]) {
      const imported = await entry.importState(req);
      expect(imported.diagnostics).toEqual([]);
      expect(imported.value?.state).toMatchObject({ key: "app/db", id: "demo/app/db" });
      expect(imported.value?.identity).toEqual({ namespace: "demo", key: "app/db" });
    }
    const wrong = await entry.importState({ identity: { namespace: "other", key: "app/db" } });
    expect(wrong.ok).toBe(false);
  });

  it("upgrades version 0 state (value called data) and takes kv_item state over", async () => {
    const { provider } = await configured();
    const entry = provider.resource("kv_entry")!;
    const upgraded = await entry.upgradeState({
      version: 0,
      raw: '{"key":"k","data":"old","id":"default/k"}',
    });
    expect(upgraded.diagnostics).toEqual([]);
    expect(upgraded.value).toMatchObject({ key: "k", value: "old", id: "default/k", version: 1 });
    const moved = await entry.moveState({
      sourceProviderAddress: "registry.terraform.io/pyvider/kv",
      sourceTypeName: "kv_item",
      sourceSchemaVersion: 0,
      sourceState: { key: "k", data: "v", id: "demo/k" },
    });
    expect(moved.diagnostics).toEqual([]);
    expect(moved.value?.state).toMatchObject({ key: "k", value: "v", id: "demo/k" });
    expect(moved.value?.identity).toEqual({ namespace: "demo", key: "k" });
  });
});

describe("kv_lease through the hub runtime (sketch)", () => {
  it("opens a lease visible in the store, renews it, and close releases it", async () => {
    const { provider, path } = await configured();
    const entry = provider.resource("kv_entry")!;
    const planned = await entry.plan({
      config: config(),
      prior: null,
      proposed: { ...config(), ...unknowns },
    });
    await entry.create({ config: config(), plan: planned.value!.planned! });
    const lease = provider.ephemeralResource("kv_lease")!;
    const cfg = { key: "app/db", ttl_seconds: 30, value: null, lease_id: null, expires_at: null };
    const opened = await lease.open({ config: cfg });
    expect(opened.diagnostics).toEqual([]);
    expect(opened.value?.result).toMatchObject({ key: "app/db", value: "one" });
    const leaseId = String(opened.value?.result.lease_id);
    const file = join(path, "demo", ".leases", "app%2Fdb.json");
    expect(JSON.parse(readFileSync(file, "utf8")).lease_id).toBe(leaseId);
    expect(opened.value!.renewAt!.getTime()).toBeLessThan(
      Date.parse(String(opened.value?.result.expires_at)),
    );
    expect((await lease.open({ config: cfg })).ok).toBe(false); // exclusive
    const renewed = await lease.renew({ private: opened.value!.private });
    expect(renewed.diagnostics).toEqual([]);
    expect((await lease.close({ private: opened.value!.private })).ok).toBe(true);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});
