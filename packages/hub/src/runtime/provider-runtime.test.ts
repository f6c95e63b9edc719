import { attrStep, formatPath, Unknown } from "@pyvider/cty";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import * as fixture from "../fixtures/kv-functional.js";
import { CallCounter, KvStore } from "../fixtures/kv-functional.js";
import { PrivateStore } from "../private-state.js";
import { discoverProvider, type ProviderDefinition } from "./provider-runtime.js";

const quiet = () => createLogger({ name: "kv", level: "off", stream: { write: () => true } });

async function configured(
  config: Record<string, unknown> = { prefix: "p/", fail: null },
): Promise<ProviderDefinition> {
  const provider = discoverProvider([fixture], { logger: quiet() });
  const outcome = await provider.configure({ config, terraformVersion: "1.9.0" });
  expect(outcome.diagnostics).toEqual([]);
  return provider;
}

function store(provider: ProviderDefinition): KvStore {
  const data = provider.providerData;
  expect(data).toBeInstanceOf(KvStore);
  return data as KvStore;
}

describe("ProviderDefinition (functional fixture)", () => {
  it("lists every component by kind", () => {
    const provider = discoverProvider([fixture], { logger: quiet() });
    const c = provider.components();
    expect([...c.resources.keys()]).toEqual(["kv_entry"]);
    expect([...c.dataSources.keys()]).toEqual(["kv_lookup"]);
    expect([...c.functions.keys()].sort()).toEqual(["join", "repeat"]);
    expect([...c.ephemeralResources.keys()]).toEqual(["kv_token"]);
    expect([...c.listResources.keys()]).toEqual(["kv_entry"]);
    expect([...c.actions.keys()]).toEqual(["kv_flush"]);
    expect([...c.stateStores.keys()]).toEqual(["kv_states"]);
    expect(provider.name).toBe("kv");
    expect(provider.configured).toBe(false);
  });

  it("validates and configures the provider; configure's result reaches components", async () => {
    const provider = discoverProvider([fixture], { logger: quiet() });
    const bad = await provider.validateConfig({ config: { prefix: "bad", fail: null } });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({
      severity: "error",
      summary: "Invalid prefix",
      path: [attrStep("prefix")],
    });
    const failing = await provider.configure({ config: { prefix: null, fail: true } });
    expect(failing.ok).toBe(false);
    expect(failing.diagnostics[0]?.summary).toBe("cannot reach the kv service");
    expect(provider.configured).toBe(false);
    const ok = await provider.configure({ config: { prefix: "p/", fail: null } });
    expect(ok.ok).toBe(true);
    expect(store(provider).prefix).toBe("p/");
  });

  it("runs the resource lifecycle with private state and identity", async () => {
    const provider = await configured();
    const entry = provider.resource("kv_entry")!;
    const created = await entry.create({
      config: { key: "a", value: "1" },
      plan: { key: "a", value: "1", id: Unknown, version: Unknown },
    });
    expect(created.diagnostics).toEqual([]);
    expect(created.value?.state).toEqual({ key: "a", value: "1", id: "p/a", version: 1 });
    expect(created.value?.identity).toEqual({ key: "a" });
    expect(PrivateStore.fromBytes(created.value?.private).get("etag")).toBe("v1");
    expect((await provider.services.get(CallCounter)).count).toBe(1);

    const read = await entry.read({ state: created.value!.state!, private: created.value!.private });
    expect(read.value?.state).toEqual({ key: "a", value: "1", id: "p/a", version: 1 });
    const priv = PrivateStore.fromBytes(read.value?.private);
    expect(priv.get("reads")).toBe(1);
    expect(priv.get("etag")).toBe("v1");

    const updated = await entry.update({
      config: { key: "a", value: "2" },
      plan: { key: "a", value: "2", id: "p/a", version: 2 },
      prior: created.value!.state!,
    });
    expect(updated.value?.state).toEqual({ key: "a", value: "2", id: "p/a", version: 2 });
    expect(store(provider).data.get("a")).toBe("2");

    const deleted = await entry.delete({ prior: updated.value!.state! });
    expect(deleted.ok).toBe(true);
    const gone = await entry.read({ state: updated.value!.state! });
    expect(gone.ok).toBe(true);
    expect(gone.value?.state).toBeNull();
  });

  it("treats ResourceNotFoundError from read as gone, and from delete as an error", async () => {
    const provider = await configured();
    store(provider).data.set("v", "__vanished__");
    const read = await provider
      .resource("kv_entry")!
      .read({ state: { key: "v", value: "x", id: "v", version: 1 } });
    expect(read.ok).toBe(true);
    expect(read.value?.state).toBeNull();
    const del = await provider
      .resource("kv_entry")!
      .delete({ prior: { key: "nope", value: "x", id: "nope", version: 1 } });
    expect(del.ok).toBe(false);
    expect(del.diagnostics[0]?.summary).toBe("no key nope");
  });

  it("runs the plan hook: modifies the plan in place and requires replacement", async () => {
    const provider = await configured();
    const entry = provider.resource("kv_entry")!;
    const prior = { key: "a", value: "1", id: "p/a", version: 3 };
    const changed = await entry.plan({
      config: { key: "b", value: "2" },
      prior,
      proposed: { key: "b", value: "2", id: "p/a", version: 3 },
    });
    expect(changed.diagnostics).toEqual([]);
    expect(changed.value?.planned).toEqual({ key: "b", value: "2", id: "p/a", version: 4 });
    expect(changed.value?.requiresReplace.map(formatPath)).toEqual(["key"]);
    const create = await entry.plan({
      config: { key: "c", value: "1" },
      prior: null,
      proposed: { key: "c", value: "1", id: Unknown, version: Unknown },
    });
    expect(create.value?.planned).toEqual({ key: "c", value: "1", id: Unknown, version: Unknown });
    expect(create.value?.requiresReplace).toEqual([]);
  });

  it("validates resource configuration with attribute paths", async () => {
    const provider = await configured();
    const out = await provider.resource("kv_entry")!.validate({ config: { key: "a/b", value: Unknown } });
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toEqual([
      {
        severity: "error",
        summary: "Invalid key",
        detail: "Keys may not contain a slash.",
        path: [attrStep("key")],
      },
    ]);
  });

  it("imports by ID and by identity, and generates configuration", async () => {
    const provider = await configured();
    const entry = provider.resource("kv_entry")!;
    const byId = await entry.importState({ id: "k1" });
    expect(byId.value?.state).toEqual({ key: "k1", id: "p/k1" });
    expect(byId.value?.identity).toEqual({ key: "k1" });
    const byIdentity = await entry.importState({ identity: { key: "k2" } });
    expect(byIdentity.value?.state).toEqual({ key: "k2", id: "p/k2" });
    const config = await entry.generateConfig({ state: { key: "k", value: "v", id: "p/k", version: 1 } });
    expect(config.value).toEqual({ key: "k", value: "v" });
  });

  it("upgrades state from each prior version and rejects unknown versions", async () => {
    const provider = await configured();
    const entry = provider.resource("kv_entry")!;
    const v0 = await entry.upgradeState({ version: 0, raw: '{"name":"n","val":"x"}' });
    expect(v0.value).toEqual({ key: "n", value: "x", id: "n", version: 1 });
    const v1 = await entry.upgradeState({ version: 1, raw: { key: "k", value: "v", id: "i", version: 7 } });
    expect(v1.value).toEqual({ key: "k", value: "v", id: "i", version: 7 });
    const current = await entry.upgradeState({ version: 2, raw: '{"key":"k"}' });
    expect(current.value).toEqual({ key: "k" });
    const future = await entry.upgradeState({ version: 3, raw: "{}" });
    expect(future.ok).toBe(false);
    expect(future.diagnostics[0]?.summary).toMatch(/newer than this provider/);
    const garbage = await entry.upgradeState({ version: 0, raw: "{not json" });
    expect(garbage.diagnostics[0]?.summary).toBe("Invalid stored state");
    const identity = await entry.upgradeIdentity({ version: 0, raw: { name: "z" } });
    expect(identity.value).toEqual({ key: "z" });
    const noIdentityUpgrader = await entry.upgradeIdentity({ version: 5, raw: {} });
    expect(noIdentityUpgrader.ok).toBe(false);
  });

  it("moves state from another resource type, and refuses unknown sources", async () => {
    const provider = await configured();
    const entry = provider.resource("kv_entry")!;
    const moved = await entry.moveState({
      sourceProviderAddress: "registry.terraform.io/acme/kv",
      sourceTypeName: "kv_legacy",
      sourceSchemaVersion: 0,
      sourceState: '{"k":"a","v":"b"}',
    });
    expect(moved.value?.state).toEqual({ key: "a", value: "b", id: "a", version: 1 });
    expect(moved.value?.identity).toEqual({ key: "a" });
    const refused = await entry.moveState({
      sourceProviderAddress: "registry.terraform.io/acme/kv",
      sourceTypeName: "kv_other",
      sourceSchemaVersion: 0,
      sourceState: {},
    });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics[0]?.summary).toBe("Cannot move kv_other to kv_entry");
  });

  it("reads a data source and reports its diagnostics", async () => {
    const provider = await configured();
    store(provider).data.set("x", "42");
    const found = await provider.dataSource("kv_lookup")!.read({ config: { key: "x" } });
    expect(found.value).toEqual({ key: "x", value: "42" });
    const missing = await provider.dataSource("kv_lookup")!.read({ config: { key: "y" } });
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics[0]).toMatchObject({ summary: "Key not found", path: [attrStep("key")] });
  });

  it("calls functions and blames the failing argument", async () => {
    const provider = await configured();
    const repeat = provider.function("repeat")!;
    expect(await repeat.call(["ab", 3])).toEqual({ value: "ababab", error: undefined });
    expect((await repeat.call(["ab", -1])).error).toEqual({
      text: "times must be a non-negative integer",
      argument: 1,
    });
    expect((await repeat.call([null, 1])).error).toEqual({
      text: 'argument "text" must not be null',
      argument: 0,
    });
    expect((await repeat.call(["a"])).error?.text).toMatch(/takes 2 argument\(s\), got 1/);
    expect((await repeat.call(["a", Unknown])).error).toEqual({
      text: 'argument "times" is not known yet',
      argument: 1,
    });
    const join = provider.function("join")!;
    expect((await join.call(["-", "a", "b", "c"])).value).toBe("a-b-c");
    expect((await join.call([","])).value).toBe("");
  });

  it("opens, renews and closes an ephemeral resource", async () => {
    const provider = await configured();
    const token = provider.ephemeralResource("kv_token")!;
    const opened = await token.open({ config: { scope: "read" } });
    expect(opened.value?.result).toEqual({ scope: "read", token: "tok-read" });
    expect(opened.value?.renewAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const renewed = await token.renew({ private: opened.value!.private });
    expect(PrivateStore.fromBytes(renewed.value?.private).get("renewals")).toBe(1);
    expect(renewed.value?.renewAt?.toISOString()).toBe("2030-01-02T00:00:00.000Z");
    const closed = await token.close({ private: renewed.value!.private });
    expect(closed.ok).toBe(true);
    expect(store(provider).log).toContain("close lease-read");
  });

  it("streams list results up to the limit, with or without the full object", async () => {
    const provider = await configured();
    for (const k of ["a1", "a2", "b1", "a3"]) store(provider).data.set(k, `v-${k}`);
    const got: unknown[] = [];
    const all = await provider
      .listResource("kv_entry")!
      .list({ config: { prefix: "a" }, includeResource: false }, (r) => {
        got.push(r);
      });
    expect(all.value).toBe(3);
    expect(got).toEqual([
      { identity: { key: "a1" }, displayName: "entry a1", resource: undefined },
      { identity: { key: "a2" }, displayName: "entry a2", resource: undefined },
      { identity: { key: "a3" }, displayName: "entry a3", resource: undefined },
    ]);
    const limited: unknown[] = [];
    const two = await provider
      .listResource("kv_entry")!
      .list({ config: { prefix: null }, includeResource: true, limit: 2 }, (r) => {
        limited.push(r);
      });
    expect(two.value).toBe(2);
    expect(limited[0]).toEqual({
      identity: { key: "a1" },
      displayName: "entry a1",
      resource: { key: "a1", value: "v-a1", id: "a1", version: 1 },
    });
  });

  it("invokes an action with progress, and runs its plan hook", async () => {
    const provider = await configured();
    for (const k of ["a", "b", "c"]) store(provider).data.set(k, k);
    const progress: string[] = [];
    const out = await provider
      .action("kv_flush")!
      .invoke({ config: { keep: ["b"] } }, (m) => progress.push(m));
    expect(out.ok).toBe(true);
    expect(progress).toEqual(["deleted a", "deleted c"]);
    expect([...store(provider).data.keys()]).toEqual(["b"]);
    const plan = await provider
      .action("kv_flush")!
      .plan({ config: { keep: Array.from({ length: 101 }, (_, i) => `${i}`) } });
    expect(plan.diagnostics[0]?.summary).toBe("Too many keys to keep");
  });

  it("stores, lists, locks, streams and deletes states", async () => {
    const provider = await configured();
    const states = provider.stateStore("kv_states")!;
    async function* chunks() {
      yield new TextEncoder().encode("hello ");
      yield new TextEncoder().encode("state world");
    }
    expect((await states.writeState({ stateId: "default", data: chunks() })).ok).toBe(true);
    expect((await states.listStates()).value).toEqual(["default"]);
    const lock = await states.lock({ stateId: "default", operation: "OperationTypeApply" });
    expect(lock.value).toBe("lock-default-OperationTypeApply");
    const again = await states.lock({ stateId: "default", operation: "OperationTypePlan" });
    expect(again.ok).toBe(false);
    expect(again.diagnostics[0]?.summary).toBe("state default is locked");
    expect((await states.unlock({ stateId: "default", lockId: lock.value! })).ok).toBe(true);
    const received: Uint8Array[] = [];
    const read = await states.readState({ stateId: "default" }, (c) => {
      received.push(c);
    });
    expect(read.value).toBe(17);
    expect(received.length).toBe(5);
    expect(new TextDecoder().decode(Buffer.concat(received))).toBe("hello state world");
    const none = await states.readState({ stateId: "missing" }, () => {});
    expect(none.value).toBe(0);
    expect((await states.deleteState({ stateId: "default" })).ok).toBe(true);
    expect((await states.listStates()).value).toEqual([]);
  });
});
